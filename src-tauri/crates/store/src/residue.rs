//! The statistical residue of an erased household (migration 0014): what the municipal report
//! counts of it, kept on the coordinator's store so that a report over a past period does not
//! change when a household is erased.
//!
//! **The decision.** When the coordinator erases a household ([`crate::Store::erase_household_with`]),
//! the same IMMEDIATE transaction that forgets it writes its residue, so both happen or
//! neither. The residue holds only what the report reads:
//! - the household's **wijk**, under a fresh random id;
//! - its **done and planned visits** (kind, status, date), each under a fresh random id, with
//!   the visit's **report figures** as the report's cache holds them (JSON, evaluated by the
//!   api crate at erasure time, since the answers they come from are about to be forgotten;
//!   this module never reads them);
//! - its **referral tasks** made at one of those visits: the step (the kind of referral), status,
//!   the residue visit it was made at, and the day it was closed;
//! - the **materials handed out** there (item, date, number). The erasure keeps the stock right
//!   with anonymous movements that name no household ([`crate::erase`]); the report's materials
//!   table counts per household and wijk, which those cannot give, so it counts these rows and
//!   never the anonymous movements (they name no household, so they were never in it).
//!
//! Nothing else: no name, address, postcode, free text, income, debt, answer, author or
//! installation id, and no id of the household or its records. Every id is a fresh random
//! UUID (v4, from the store's random source), not derived from any id of the household; the
//! tables have no rowid, so rows are stored in the order of those random ids, not in the order
//! they were written (which would line them up with the account in `erasures`). A household's
//! visit ids are drawn and then handed out in the order of its visits' own ids, so the report's
//! order between visits of one household on the same day stays what it was.
//!
//! **Why this is allowed.** AVG art. 17(3)(d) with art. 89: personal data may be kept for
//! statistical purposes with safeguards that ensure data minimisation, and data that can no
//! longer be tied to a person is not personal data at all. What is kept is the minimum the
//! report needs, tied to nothing that names the household; the report itself shows only counts
//! and amounts and hides every cell about fewer than five households (`keukentafel_domain::suppress`).
//! What remains linkable: dates and a wijk are facts someone who knew the household (or holds
//! an old export of it) could match; they are the same facts the report has always published in
//! aggregate, and the residue adds nothing such a person did not already hold.
//!
//! **Where it lives.** Only on the coordinator's store. It is never an op: no export, return
//! file or dump carries it (those read the change log and the record tables). A volunteer's
//! laptop that erases on the coordinator's word ([`crate::Store::apply_erasures`], the merge of
//! a return file) keeps no residue: it makes no report. An archived household, and archived or
//! cancelled visits and archived tasks, leave none: the report never counts them.
//!
//! **Limits.** The figures are those of the program that erased: a later version with other
//! reference figures re-evaluates live visits, not the residue. [`crate::Store`]'s report reads
//! (`records/report.rs`) return residue rows beside the live ones, with
//! [`RESIDUE_TEMPLATE`] as their template when they carry figures.
//!
//! Uses: `error`, `store`.

use std::collections::HashMap;

use chrono::NaiveDate;
use keukentafel_domain::{HouseholdId, Sources, TaskStatus, VisitId, VisitKind, VisitStatus};
use rusqlite::{params, Transaction};
use uuid::Uuid;

use crate::error::StoreError;
use crate::store::Result;

/// The template id the report reads for a residue visit that carries figures (its figures
/// come from the residue, never from a template).
pub const RESIDUE_TEMPLATE: &str = "(residue)";

/// What the coordinator's erasure keeps of one household (see the module doc). Ids here are the
/// household's own; the store replaces every one of them with a fresh random id.
#[derive(Clone, Debug, PartialEq)]
pub struct Residue {
    pub wijk: String,
    pub visits: Vec<ResidueVisit>,
    pub referrals: Vec<ResidueReferral>,
}

/// A done or planned visit, with its report figures (the cache's JSON; `None`: none counted).
#[derive(Clone, Debug, PartialEq)]
pub struct ResidueVisit {
    pub id: VisitId,
    pub kind: VisitKind,
    pub status: VisitStatus,
    pub date: NaiveDate,
    pub figures: Option<String>,
}

/// A referral task made at one of [`Residue::visits`].
#[derive(Clone, Debug, PartialEq)]
pub struct ResidueReferral {
    pub visit: VisitId,
    pub step_id: String,
    pub status: TaskStatus,
    pub closed_on: Option<NaiveDate>,
}

/// A material handed out in the household (read by the store itself before the erasure).
pub(crate) struct ResidueMaterial {
    pub item_id: String,
    pub date: String,
    pub quantity: i64,
}

fn data(e: impl std::fmt::Display) -> StoreError {
    StoreError::Data(e.to_string())
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn text<T: serde::Serialize>(v: &T) -> Result<String> {
    match serde_json::to_value(v)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(data(format!("not a name: {other}"))),
    }
}

/// The materials handed out in `household`, as the report counts them.
pub(crate) fn materials_of(tx: &Transaction<'_>, household: HouseholdId) -> Result<Vec<ResidueMaterial>> {
    let mut stmt = tx.prepare_cached(
        "SELECT item_id, date, -delta FROM stock_movements WHERE household_id = ?1 AND kind = 'handed_out' ORDER BY id",
    )?;
    let rows = stmt.query_map([household.to_string()], |r| {
        Ok(ResidueMaterial { item_id: r.get(0)?, date: r.get(1)?, quantity: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Fresh random ids for one residue, drawn before the write (the writer holds the random
/// source while it runs).
pub(crate) struct FreshIds {
    household: Uuid,
    visits: Vec<Uuid>,
    others: Vec<Uuid>,
}

impl FreshIds {
    pub(crate) fn draw(sources: &mut Sources, residue: &Residue, materials: usize) -> FreshIds {
        let household = sources.new_random_uuid();
        let mut visits: Vec<Uuid> = (0..residue.visits.len()).map(|_| sources.new_random_uuid()).collect();
        visits.sort();
        let others = (0..residue.referrals.len() + materials).map(|_| sources.new_random_uuid()).collect();
        FreshIds { household, visits, others }
    }
}

/// Writes `residue` (and `materials`) under `ids`, inside the erasure's transaction. A referral
/// whose visit is not among the residue's visits is refused ([`StoreError::Data`]), and the
/// erasure with it.
pub(crate) fn write(tx: &Transaction<'_>, residue: &Residue, materials: &[ResidueMaterial], ids: FreshIds) -> Result<()> {
    let FreshIds { household, visits, others } = ids;
    let household = household.to_string();
    tx.prepare_cached("INSERT INTO residue_households (id, wijk) VALUES (?1, ?2)")?
        .execute(params![household, residue.wijk])?;
    // The household's visits in the order of their own ids get the fresh ids in order.
    let mut order: Vec<&ResidueVisit> = residue.visits.iter().collect();
    order.sort_by_key(|v| v.id);
    let mut fresh: HashMap<VisitId, String> = HashMap::new();
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO residue_visits (id, household, kind, status, date, figures) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (v, id) in order.into_iter().zip(visits) {
            let id = id.to_string();
            insert.execute(params![id, household, text(&v.kind)?, text(&v.status)?, iso(v.date), v.figures])?;
            fresh.insert(v.id, id);
        }
    }
    let mut others = others.into_iter();
    let mut next = || others.next().map(|u| u.to_string()).ok_or_else(|| data("too few residue ids drawn"));
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO residue_referrals (id, household, visit, step_id, status, closed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for r in &residue.referrals {
            let visit = fresh.get(&r.visit).ok_or_else(|| data(format!("a referral's visit {} is not in the residue", r.visit)))?;
            insert.execute(params![next()?, household, visit, r.step_id, text(&r.status)?, r.closed_on.map(iso)])?;
        }
    }
    let mut insert =
        tx.prepare_cached("INSERT INTO residue_materials (id, household, item_id, date, quantity) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for m in materials {
        insert.execute(params![next()?, household, m.item_id, m.date, m.quantity])?;
    }
    Ok(())
}
