//! Erasure of a household (AVG art. 17), the store side.
//!
//! - **On the coordinator** ([`Store::erase_household`], one transaction): first the accounting
//!   (`erasures`: reason, request date, when; `erasure_laptops`: every other installation that
//!   was ever given the household or wrote any of its changes, computed before anything is
//!   removed), then the household is forgotten as a volunteer's laptop forgets one taken off it
//!   ([`forget_one`]: records, their change-log values, conflicts, held-back ops, the
//!   report's cached figures; ids kept in `forgotten`), with every removed slot settled, and it
//!   is marked `erased`. Materials handed out in the household keep the stock right: each such
//!   movement is replaced by one with the same item, kind, change and date that names no
//!   household, visit or note (a record of the organisation's own stock, which stays with the
//!   coordinator). Then the write-ahead log is checkpointed (`secure_delete` is on, so the
//!   removed bytes are overwritten).
//! - **On every laptop** ([`erase_in`], inside the merge of a verified file from the linked
//!   coordinator, before its ops are merged): the household is forgotten even with changes of
//!   its own the coordinator never had, marked `erased` (never taken back, whatever a list
//!   says), and the slots of its own removed changes are kept (`erased.own_slots`) to send with
//!   its confirmation ([`Store::erased_confirmations`]).
//! - **The confirmation** ([`Store::confirm_erasures`]): the coordinator marks the sender's row
//!   confirmed, for erasures it asked of that sender only, and settles the slots it names of the
//!   sender's own changes, so what it confirms holding of that laptop does not stall at them.
//!
//! - **The statistical residue** ([`Store::erase_household_with`], `crate::residue`): in the
//!   same transaction the coordinator keeps, under fresh random ids, what the municipal report
//!   counts of the household. A laptop's erasure keeps none.
//!
//! Only the coordinator decides an erasure: this module never reads one from a file; the sync
//! crate passes on only the erasures of a file signed by the linked coordinator.
//!
//! Forgetting itself lives here too ([`forget_one`]; `scope` forgets households taken off a
//! laptop with it), so `scope` uses this module and not the other way round.
//!
//! Uses: `error`, `residue`, `schema`, `log`, `tables`, `writer`, `store`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use keukentafel_domain::{Erasure, ErasedHousehold, ErasureLaptop, HouseholdId, ReplicaId};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::error::StoreError;
use crate::residue::{self, Residue};
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::read_fields;
use crate::writer::Writer;

fn data(e: impl std::fmt::Display) -> StoreError {
    StoreError::Data(e.to_string())
}

/// The id of the movement that replaces `movement` once its household is erased.
pub fn anonymous_movement_id(movement: Uuid) -> Uuid {
    Uuid::new_v5(&movement, b"keukentafel-erased-household-movement")
}

impl Store {
    /// Erases `household` on the coordinator's store (see the module doc), keeping no
    /// statistical residue (the coordinator's use case keeps one: [`Store::erase_household_with`]).
    pub fn erase_household(&mut self, household: HouseholdId, reason: &str, requested: NaiveDate, erased_at: &str) -> Result<Erasure> {
        self.erase_household_with(household, reason, requested, erased_at, None)
    }

    /// Erases `household` on the coordinator's store (see the module doc) and, in the same
    /// transaction, writes `residue` (what the report counts of it, `crate::residue`) with
    /// the materials handed out there; both happen or neither. Refused when the household is
    /// not held here ([`StoreError::NotFound`]) or was erased before
    /// ([`StoreError::AlreadyErased`]).
    pub fn erase_household_with(
        &mut self,
        household: HouseholdId,
        reason: &str,
        requested: NaiveDate,
        erased_at: &str,
        residue: Option<&Residue>,
    ) -> Result<Erasure> {
        let h = household.to_string();
        let own = self.replica;
        let author = self.profile_id()?;
        {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.query_row("SELECT 1 FROM erased WHERE household = ?1", [&h], |_| Ok(())).optional()?.is_some() {
            return Err(StoreError::AlreadyErased(h));
        }
        if tx.query_row("SELECT 1 FROM households WHERE id = ?1", [&h], |_| Ok(())).optional()?.is_none() {
            return Err(StoreError::NotFound { entity: "household", id: h });
        }
        let laptops = holders(&tx, household, own)?;
        tx.execute(
            "INSERT INTO erasures (household, reason, requested, erased_at) VALUES (?1, ?2, ?3, ?4)",
            params![h, reason.trim(), requested.format("%Y-%m-%d").to_string(), erased_at],
        )?;
        for peer in &laptops {
            tx.execute("INSERT INTO erasure_laptops (household, peer) VALUES (?1, ?2)", params![h, peer.to_string()])?;
        }
        // The materials handed out there stay counted, without the household.
        let movements: Vec<String> = tx
            .prepare("SELECT id FROM stock_movements WHERE household_id = ?1 ORDER BY id")?
            .query_map([&h], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // The residue's materials and fresh ids, read and drawn before the write.
        let residue = match residue {
            Some(r) => {
                let materials = residue::materials_of(&tx, household)?;
                let ids = residue::FreshIds::draw(&mut self.sources, r, materials.len());
                Some((r, materials, ids))
            }
            None => None,
        };
        let mut w = Writer::begin(tx, &mut self.sources, own, author)?;
        for id in movements {
            let id: Uuid = id.parse().map_err(data)?;
            let Some(mut fields) = read_fields(&w.tx, &schema::STOCK_MOVEMENT, id)? else { continue };
            fields.insert("household_id".into(), Json::Null);
            fields.insert("visit_id".into(), Json::Null);
            fields.insert("note".into(), Json::String(String::new()));
            w.set(&schema::STOCK_MOVEMENT, anonymous_movement_id(id), &fields, &Default::default())?;
        }
        erase_one(&w.tx, own, household, erased_at)?;
        if let Some((r, materials, ids)) = residue {
            residue::write(&w.tx, r, &materials, ids)?;
        }
        w.tx.commit()?;
        }
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.erasure(household)?.ok_or_else(|| StoreError::NotFound { entity: "erasure", id: household.to_string() })
    }

    /// Erases `households` here as a laptop does on its coordinator's word (see [`erase_in`]),
    /// in one transaction, then checkpoints the log. Used for pre-import backups.
    pub fn apply_erasures(&mut self, households: &BTreeSet<HouseholdId>, erased_at: &str) -> Result<usize> {
        let own = self.replica;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = erase_in(&tx, own, households, erased_at)?;
        tx.commit()?;
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(n)
    }

    /// Whether households were forgotten or erased here since the backups beside the store last
    /// forgot them (see [`forget_one`]).
    pub fn backups_to_scrub(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT 1 FROM meta WHERE key = 'backups_to_scrub'", [], |_| Ok(())).optional()?.is_some())
    }

    /// The backups beside the store forgot every household this store forgot.
    pub fn backups_scrubbed(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM meta WHERE key = 'backups_to_scrub'", [])?;
        Ok(())
    }

    /// The households erased on this store.
    pub fn erased_households(&self) -> Result<BTreeSet<HouseholdId>> {
        erased_households(&self.conn)
    }

    /// What this laptop's export file confirms: every household erased here, with the slots of
    /// its own changes the erasure removed.
    pub fn erased_confirmations(&self) -> Result<Vec<ErasedHousehold>> {
        let mut stmt = self.conn.prepare_cached("SELECT household, own_slots FROM erased ORDER BY household")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (h, slots) = row?;
            out.push(ErasedHousehold { household: HouseholdId(h.parse().map_err(data)?), slots: serde_json::from_str(&slots)? });
        }
        Ok(out)
    }

    /// The coordinator: the erasures `peer` has not confirmed yet (its return files carry them).
    pub fn erasures_for(&self, peer: ReplicaId) -> Result<Vec<HouseholdId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT household FROM erasure_laptops WHERE peer = ?1 AND confirmed_at IS NULL ORDER BY household")?;
        let rows = stmt.query_map([peer.to_string()], |r| r.get::<_, String>(0))?;
        rows.map(|r| Ok(HouseholdId(r?.parse().map_err(data)?))).collect()
    }

    /// The coordinator: `peer` confirms the erasures in `done` (from its verified export file).
    /// Only erasures asked of that peer count; the slots of its own changes they name are
    /// settled. Returns how many were confirmed now.
    pub fn confirm_erasures(&mut self, peer: ReplicaId, done: &[ErasedHousehold], at: &str) -> Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut confirmed = 0;
        for e in done {
            let asked = tx
                .query_row(
                    "SELECT confirmed_at FROM erasure_laptops WHERE household = ?1 AND peer = ?2",
                    params![e.household.to_string(), peer.to_string()],
                    |r| r.get::<_, Option<String>>(0),
                )
                .optional()?;
            let Some(before) = asked else { continue };
            for (seq, op_id) in &e.slots {
                if *seq > 0 {
                    tx.prepare_cached("INSERT OR IGNORE INTO settled_slots (replica, seq, op_id) VALUES (?1, ?2, ?3)")?
                        .execute(params![peer.to_string(), seq, op_id.to_string()])?;
                }
            }
            if before.is_none() {
                tx.execute(
                    "UPDATE erasure_laptops SET confirmed_at = ?3 WHERE household = ?1 AND peer = ?2",
                    params![e.household.to_string(), peer.to_string(), at],
                )?;
                confirmed += 1;
            }
        }
        tx.commit()?;
        Ok(confirmed)
    }

    /// The coordinator confirms by hand that `peer` no longer holds `household` (a revoked
    /// laptop, wiped or handed in). Only for a laptop whose enrolment is revoked and whose
    /// confirmation is still open; returns whether it was (`false`: nothing to confirm).
    pub fn confirm_erasure_by_hand(&mut self, household: HouseholdId, peer: ReplicaId, at: &str) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE erasure_laptops SET confirmed_at = ?3, by_hand = 1
              WHERE household = ?1 AND peer = ?2 AND confirmed_at IS NULL
                AND EXISTS (SELECT 1 FROM enrolments e WHERE e.replica = ?2 AND e.revoked_at IS NOT NULL)",
            params![household.to_string(), peer.to_string(), at],
        )?;
        Ok(n == 1)
    }

    /// The coordinator's erasures, newest first, each with its laptops and their confirmations.
    pub fn erasures(&self) -> Result<Vec<Erasure>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT household FROM erasures ORDER BY erased_at DESC, household")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(e) = self.erasure(HouseholdId(id.parse().map_err(data)?))? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// One erasure of the coordinator's.
    pub fn erasure(&self, household: HouseholdId) -> Result<Option<Erasure>> {
        let h = household.to_string();
        let Some((reason, requested, erased_at)) = self
            .conn
            .query_row("SELECT reason, requested, erased_at FROM erasures WHERE household = ?1", [&h], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .optional()?
        else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.peer, COALESCE(e.name, ''), l.confirmed_at, l.by_hand, e.revoked_at IS NOT NULL FROM erasure_laptops l
               LEFT JOIN enrolments e ON e.replica = l.peer
              WHERE l.household = ?1 ORDER BY COALESCE(e.name, ''), l.peer",
        )?;
        let rows = stmt.query_map([&h], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, bool>(3)?, r.get::<_, bool>(4)?))
        })?;
        let mut laptops = Vec::new();
        for row in rows {
            let (peer, name, confirmed_at, by_hand, revoked) = row?;
            laptops.push(ErasureLaptop { replica: peer.parse().map_err(data)?, name, confirmed_at, by_hand, revoked });
        }
        Ok(Some(Erasure {
            household,
            reason,
            requested: NaiveDate::parse_from_str(&requested, "%Y-%m-%d").map_err(data)?,
            erased_at,
            laptops,
        }))
    }
}

/// Every other installation that may hold `household`: given it (now or before), or wrote any
/// change of its records (held back ones too).
fn holders(tx: &Transaction<'_>, household: HouseholdId, own: ReplicaId) -> Result<BTreeSet<ReplicaId>> {
    let h = household.to_string();
    let mut out = BTreeSet::new();
    let mut add = |s: String| -> Result<()> {
        let r: ReplicaId = s.parse().map_err(data)?;
        if r != own {
            out.insert(r);
        }
        Ok(())
    };
    for v in tx
        .prepare("SELECT DISTINCT volunteer FROM assignments WHERE household_id = ?1 AND volunteer <> ''")?
        .query_map([&h], |r| r.get::<_, String>(0))?
    {
        add(v?)?;
    }
    let named = Json::String(h.clone()).to_string();
    for sql in [
        // The household, and records whose household_id names it (in the tables or in a change).
        "SELECT DISTINCT replica FROM ops WHERE entity = 'household' AND entity_id = ?1",
        "SELECT DISTINCT replica FROM ops WHERE entity_id IN (SELECT entity_id FROM ops WHERE field = 'household_id' AND value = ?2)",
        "SELECT DISTINCT replica FROM ops WHERE entity = 'answer' AND entity_id IN
            (SELECT a.id FROM answers a JOIN visits v ON v.id = a.visit_id WHERE v.household_id = ?1)",
        "SELECT DISTINCT replica FROM held_ops WHERE (entity = 'household' AND entity_id = ?1)
            OR entity_id IN (SELECT entity_id FROM held_ops WHERE field = 'household_id' AND value = ?2)",
    ] {
        let mut stmt = tx.prepare(sql)?;
        let rows = if sql.contains("?2") {
            stmt.query_map(params![h, named], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?
        } else {
            stmt.query_map(params![h], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?
        };
        for r in rows {
            add(r)?;
        }
    }
    Ok(out)
}

fn erased_households(conn: &rusqlite::Connection) -> Result<BTreeSet<HouseholdId>> {
    let mut stmt = conn.prepare_cached("SELECT household FROM erased")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.map(|r| Ok(HouseholdId(r?.parse().map_err(data)?))).collect()
}

/// Forgets and marks one household erased (see the module doc).
fn erase_one(tx: &Transaction<'_>, own: ReplicaId, household: HouseholdId, erased_at: &str) -> Result<()> {
    let slots = forget_one(tx, own, household, true)?;
    let slots: Vec<(i64, String)> = slots.into_iter().map(|(s, id)| (s, id.to_string())).collect();
    tx.execute(
        "INSERT OR IGNORE INTO erased (household, erased_at, own_slots) VALUES (?1, ?2, ?3)",
        params![household.to_string(), erased_at, serde_json::to_string(&slots)?],
    )?;
    Ok(())
}

/// A laptop erases `households` on its coordinator's word, inside the merge's transaction: each
/// not erased here before is forgotten (whatever changes of its own it holds) and marked
/// erased. Returns how many were erased now.
pub(crate) fn erase_in(tx: &Transaction<'_>, own: ReplicaId, households: &BTreeSet<HouseholdId>, erased_at: &str) -> Result<usize> {
    let done = erased_households(tx)?;
    let mut n = 0;
    for h in households.iter().filter(|h| !done.contains(h)) {
        erase_one(tx, own, *h, erased_at)?;
        n += 1;
    }
    Ok(n)
}

/// The erased households (for `scope`: never taken back).
pub(crate) fn erased_in(conn: &rusqlite::Connection) -> Result<BTreeSet<HouseholdId>> {
    erased_households(conn)
}

/// One household's dates for the retention list (see `keukentafel_domain::last_contact`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactDates {
    pub household: HouseholdId,
    pub name: String,
    pub wijk: String,
    pub archived: bool,
    /// The day its record was made (the clock of its first change).
    pub created: NaiveDate,
    /// Its visits' planned dates, its tasks' due and done dates.
    pub dates: Vec<NaiveDate>,
}

impl Store {
    /// Every household held here with the dates its last contact is told from.
    pub fn contact_dates(&self) -> Result<Vec<ContactDates>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.id, h.name, h.wijk, h.archived,
                    (SELECT MIN(hlc) FROM ops o WHERE o.entity = 'household' AND o.entity_id = h.id)
               FROM households h ORDER BY h.name, h.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?, r.get::<_, Option<String>>(4)?))
        })?;
        let mut dates_of = self.conn.prepare_cached(
            "SELECT planned_date FROM visits WHERE household_id = ?1
             UNION ALL SELECT due FROM tasks WHERE household_id = ?1
             UNION ALL SELECT closed_on FROM tasks WHERE household_id = ?1 AND closed_on IS NOT NULL",
        )?;
        for row in rows {
            let (id, name, wijk, archived, first) = row?;
            let Some(created) = first
                .and_then(|h| h.parse::<keukentafel_domain::Hlc>().ok())
                .and_then(|h| chrono::DateTime::from_timestamp_millis(h.millis))
                .map(|t| t.date_naive())
            else {
                // A placeholder row with no change yet: nothing to tell.
                continue;
            };
            let dates: Vec<NaiveDate> = dates_of
                .query_map([&id], |r| r.get::<_, String>(0))?
                .filter_map(|d| d.ok().and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
                .collect();
            out.push(ContactDates { household: HouseholdId(id.parse().map_err(data)?), name, wijk, archived, created, dates });
        }
        Ok(out)
    }
}

/// See [`Store::forget`].
pub(crate) fn forget_in(tx: &Transaction<'_>, own: ReplicaId, households: &BTreeSet<HouseholdId>) -> Result<()> {
    for h in households {
        forget_one(tx, own, *h, false)?;
    }
    Ok(())
}

/// Forgets one household (see [`Store::forget`]); returns the slots `(seq, op id)` of this
/// installation's own ops it removed. `settle_all` (an erasure): the slots of every removed op
/// stay settled, whoever wrote it, so what this store confirms holding never stalls at them
/// (the household's ops are gone for good, not waiting to be sent on); and held-back ops of
/// records of the household that no table holds yet are removed too.
pub(crate) fn forget_one(tx: &Transaction<'_>, own: ReplicaId, household: HouseholdId, settle_all: bool) -> Result<Vec<(i64, Uuid)>> {
    let h = household.to_string();
    // In the same transaction: the backups beside the store must forget it too. Cleared once
    // they did ([`Store::backups_scrubbed`]), so a process killed in between scrubs them on the
    // next unlock.
    tx.prepare_cached(
        "INSERT INTO meta (key, value) VALUES ('backups_to_scrub', '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
    )?
    .execute([])?;
    // The records: (entity, table, id).
    let mut records: Vec<(&str, &str, String)> = vec![("household", "households", h.clone())];
    for (entity, table, sql) in [
        ("consent", "consent_events", "SELECT id FROM consent_events WHERE household_id = ?1"),
        ("visit", "visits", "SELECT id FROM visits WHERE household_id = ?1"),
        ("assignment", "assignments", "SELECT id FROM assignments WHERE household_id = ?1"),
        ("task", "tasks", "SELECT id FROM tasks WHERE household_id = ?1"),
        ("stock_movement", "stock_movements", "SELECT id FROM stock_movements WHERE household_id = ?1"),
        ("answer", "answers", "SELECT a.id FROM answers a JOIN visits v ON v.id = a.visit_id WHERE v.household_id = ?1"),
    ] {
        let ids: Vec<String> = tx.prepare_cached(sql)?.query_map([&h], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        records.extend(ids.into_iter().map(|id| (entity, table, id)));
    }
    if settle_all {
        // Records only held back so far (no row yet): named by a held op's household_id, and
        // answers held back for one of the household's visits.
        let named = Json::String(h.clone()).to_string();
        let held: Vec<(String, String)> = tx
            .prepare_cached("SELECT DISTINCT entity, entity_id FROM held_ops WHERE field = 'household_id' AND value = ?1")?
            .query_map([&named], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut more: Vec<(String, String)> = held;
        let visits: Vec<String> = records
            .iter()
            .filter(|(e, _, _)| *e == "visit")
            .map(|(_, _, id)| id.clone())
            .chain(more.iter().filter(|(e, _)| e == "visit").map(|(_, id)| id.clone()))
            .collect();
        for v in visits {
            let answers: Vec<String> = tx
                .prepare_cached("SELECT DISTINCT entity_id FROM held_ops WHERE entity = 'answer' AND field = 'visit_id' AND value = ?1")?
                .query_map([Json::String(v).to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            more.extend(answers.into_iter().map(|a| ("answer".to_owned(), a)));
        }
        for (entity, id) in more {
            let Some(e) = schema::ALL.iter().find(|e| e.name == entity).map(|e| e.name) else { continue };
            if !records.iter().any(|(re, _, rid)| *re == e && *rid == id) {
                records.push((e, "", id));
            }
        }
    }
    let mut mark = tx.prepare_cached("INSERT OR IGNORE INTO forgotten (entity, entity_id, household) VALUES (?1, ?2, ?3)")?;
    for (entity, _, id) in &records {
        mark.execute(params![entity, id, h])?;
    }
    let mut own_slots = Vec::new();
    for (entity, _, id) in &records {
        // The clock of what is removed stays the floor for this installation's next ops.
        let max: Option<String> = tx
            .prepare_cached("SELECT MAX(hlc) FROM ops WHERE entity = ?1 AND entity_id = ?2")?
            .query_row(params![entity, id], |r| r.get(0))?;
        if let Some(max) = max {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)",
                params![crate::log::CLOCK_FLOOR, max],
            )?;
        }
        let slots: Vec<(i64, String)> = tx
            .prepare_cached("SELECT seq, op_id FROM ops WHERE entity = ?1 AND entity_id = ?2 AND replica = ?3")?
            .query_map(params![entity, id, own.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (seq, op_id) in slots {
            own_slots.push((seq, op_id.parse().map_err(data)?));
        }
        if settle_all {
            for sql in [
                "INSERT OR IGNORE INTO settled_slots (replica, seq, op_id)
                 SELECT replica, seq, op_id FROM ops WHERE entity = ?1 AND entity_id = ?2",
                "INSERT OR IGNORE INTO settled_slots (replica, seq, op_id)
                 SELECT replica, seq, op_id FROM held_ops WHERE entity = ?1 AND entity_id = ?2",
            ] {
                tx.prepare_cached(sql)?.execute(params![entity, id])?;
            }
        } else {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO settled_slots (replica, seq, op_id)
                 SELECT replica, seq, op_id FROM ops WHERE entity = ?1 AND entity_id = ?2 AND replica = ?3",
            )?
            .execute(params![entity, id, own.to_string()])?;
        }
        for sql in [
            "DELETE FROM conflicts WHERE entity = ?1 AND entity_id = ?2",
            "DELETE FROM field_clocks WHERE entity = ?1 AND entity_id = ?2",
            "DELETE FROM held_ops WHERE entity = ?1 AND entity_id = ?2",
            "DELETE FROM ops WHERE entity = ?1 AND entity_id = ?2",
        ] {
            tx.prepare_cached(sql)?.execute(params![entity, id])?;
        }
    }
    // Children before parents (foreign keys).
    for table in ["answers", "tasks", "stock_movements", "consent_events", "assignments", "visits", "households"] {
        let mut del = tx.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?;
        for (_, _, id) in records.iter().filter(|(_, t, _)| *t == table) {
            del.execute([id])?;
        }
    }
    // The report's cache of the household's visits (triggers drop them too; said here again).
    tx.prepare_cached("DELETE FROM visit_figures WHERE household_id = ?1")?.execute([&h])?;
    Ok(own_slots)
}
