//! Erasure and retention (AVG art. 17 and the organisation's retention period), the
//! coordinator's use cases.
//!
//! - [`erase`] / [`erase_many`]: the coordinator erases households with the reason and the date
//!   of the request. The store forgets them and keeps the account (`keukentafel_store::erase`),
//!   then the pre-import backups beside the store are made to forget them too
//!   (`keukentafel_sync::scrub_backups`; a backup that cannot be changed is deleted). The
//!   erasure then travels in the coordinator's return files to every laptop that held the
//!   household; each confirms in its next file.
//! - Each erasure keeps the household's **statistical residue** (`keukentafel_store::residue`,
//!   where the decision is written down): [`residue_of`] evaluates, with the report's own
//!   [`VisitFigureSource`], the figures the municipal report takes of each of its visits,
//!   while its answers are still there, and the store writes them with the erasure in one
//!   transaction. A report over a past period is then the same before and after.
//! - [`erasures`]: every erasure with the laptops that must confirm it and which did;
//!   [`confirm_by_hand`]: a revoked laptop (no more return files) confirmed by the coordinator
//!   once it was wiped or handed in.
//! - [`retention`]: the "te wissen" list: households whose last contact is longer ago than the
//!   retention period in the settings (`keukentafel_domain::past_retention`).
//!
//! Only a coordinator's installation erases ([`ErasureError::CoordinatorOnly`]): a volunteer's
//! laptop erases only on its coordinator's signed word.

use chrono::{DateTime, NaiveDate, Utc};
use keukentafel_domain::{erasure_request, last_contact, retention_ends, Erasure, HouseholdId, ReplicaId, RetentionRow, Role};
use keukentafel_store::{Residue, ResidueReferral, ResidueVisit, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::report::visit_figures::VisitFigureSource;
use crate::visits::Templates;
use crate::Reply;

/// Why an erasure is refused (beyond a wrong field or an unknown household).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErasureError {
    #[error("only a coordinator's installation erases households")]
    CoordinatorOnly,
    /// A confirmation by hand for a laptop that is not revoked, or that confirmed already.
    #[error("only a revoked laptop whose confirmation is still open can be confirmed by hand")]
    NotConfirmableByHand,
}

/// What the coordinator fills in to erase households.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EraseRequest {
    pub households: Vec<HouseholdId>,
    pub reason: String,
    /// The day the household asked (or the retention period ended).
    #[ts(type = "string")]
    pub requested: NaiveDate,
}

/// The "te wissen" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RetentionList {
    /// The retention period in months (`None`: not set, the list is empty).
    pub months: Option<u32>,
    pub households: Vec<RetentionRow>,
}

fn coordinator_only(store: &Store) -> Reply<()> {
    match store.profile()? {
        Some(p) if p.role == Role::Coordinator => Ok(()),
        _ => Err(ErasureError::CoordinatorOnly.into()),
    }
}

fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// What the municipal report counts of `household` now, to keep when it is erased; `None`
/// when the report never counts it (archived, or not held here). Each done visit's figures
/// are those the report would take: from the cache when current, evaluated otherwise.
pub fn residue_of(store: &Store, source: &mut VisitFigureSource<'_>, household: HouseholdId) -> Reply<Option<Residue>> {
    let Some(keukentafel_store::HouseholdReportInputs { wijk, visits, referrals }) = store.report_inputs_of(household)? else {
        return Ok(None);
    };
    let mut kept = Vec::with_capacity(visits.len());
    for v in &visits {
        // The report takes figures of done visits only.
        let figures = if v.status == keukentafel_domain::VisitStatus::Done {
            source.get(store, v)?.map(|f| serde_json::to_string(&*f)).transpose().map_err(crate::ApiError::internal)?
        } else {
            None
        };
        kept.push(ResidueVisit { id: v.id, kind: v.kind, status: v.status, date: v.date, figures });
    }
    let referrals = referrals
        .into_iter()
        .map(|r| ResidueReferral { visit: r.visit_id, step_id: r.step_id, status: r.status, closed_on: r.closed_on })
        .collect();
    Ok(Some(Residue { wijk, visits: kept, referrals }))
}

/// Erases one household (see the module doc).
pub fn erase(
    store: &mut Store,
    templates: &Templates,
    household: HouseholdId,
    reason: &str,
    requested: NaiveDate,
    now: DateTime<Utc>,
) -> Reply<Erasure> {
    let mut done = erase_many(store, templates, EraseRequest { households: vec![household], reason: reason.to_owned(), requested }, now)?;
    done.pop().ok_or_else(|| crate::ApiError::internal("no erasure made"))
}

/// Erases each household of `request` with the same reason and date, one transaction each
/// (with its residue, [`residue_of`]), then scrubs the backups once. The request is checked
/// whole first; an unknown or already erased household stops the rest (those before it stay
/// erased, and their backups scrubbed).
pub fn erase_many(store: &mut Store, templates: &Templates, request: EraseRequest, now: DateTime<Utc>) -> Reply<Vec<Erasure>> {
    coordinator_only(store)?;
    let (reason, requested) = erasure_request(&request.reason, request.requested, now.date_naive())?;
    let at = stamp(now);
    let mut done = Vec::new();
    let mut result: Reply<()> = Ok(());
    // One figure source for the whole request: the cache is read once. Nothing else writes
    // while `store` is borrowed here, so what is read is what the erasure removes.
    let mut source = VisitFigureSource::new(store, templates)?;
    for h in request.households {
        let erased = residue_of(store, &mut source, h)
            .and_then(|residue| Ok(store.erase_household_with(h, &reason, requested, &at, residue.as_ref())?));
        match erased {
            Ok(e) => done.push(e),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    if !done.is_empty() {
        keukentafel_sync::scrub_backups(store);
    }
    result?;
    Ok(done)
}

/// Every erasure, newest first, with the laptops that confirmed it.
pub fn erasures(store: &Store) -> Reply<Vec<Erasure>> {
    coordinator_only(store)?;
    Ok(store.erasures()?)
}

/// The coordinator confirms by hand that the revoked laptop `peer` no longer holds the erased
/// `household` (it was wiped, or handed in): a revoked laptop gets no more return files, so its
/// confirmation could never arrive in a file. Returns the erasure as it is now.
pub fn confirm_by_hand(store: &mut Store, household: HouseholdId, peer: ReplicaId, now: DateTime<Utc>) -> Reply<Erasure> {
    coordinator_only(store)?;
    if !store.confirm_erasure_by_hand(household, peer, &stamp(now))? {
        return Err(ErasureError::NotConfirmableByHand.into());
    }
    store.erasure(household)?.ok_or_else(|| crate::ApiError::internal("the erasure is gone"))
}

/// The households past the retention period on `today` (see the module doc), longest past
/// first.
pub fn retention(store: &Store, today: NaiveDate) -> Reply<RetentionList> {
    coordinator_only(store)?;
    let months = store.settings()?.retention_months;
    let mut households = Vec::new();
    if let Some(m) = months {
        for c in store.contact_dates()? {
            let last = last_contact(c.created, &c.dates);
            let due_since = retention_ends(last, m);
            if due_since <= today {
                households.push(RetentionRow { household: c.household, name: c.name, wijk: c.wijk, last_contact: last, due_since, archived: c.archived });
            }
        }
    }
    households.sort_by(|a, b| a.due_since.cmp(&b.due_since).then_with(|| a.name.cmp(&b.name)));
    Ok(RetentionList { months, households })
}
