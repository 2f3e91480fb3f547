//! Merging ops from other installations into this store.
//!
//! Plan, then apply: [`plan_field`] (module `plan`) is a pure function from one field's op
//! history to its winner and its open conflicts; [`Store::merge`] stores the new ops and
//! applies the plans (module `settle`) in one IMMEDIATE transaction. Because the plan depends
//! only on the set of ops (never on the order they arrived in), every store that holds the same
//! ops has the same values and the same open conflicts: merging is commutative, associative and
//! idempotent.
//!
//! Rules:
//! - An op already present (same op id) is skipped; so is an op a person rejected before.
//! - An op dated more than [`FUTURE_LIMIT_MILLIS`] ahead of this laptop's clock is held back
//!   (table `held_ops`) until a person accepts or rejects it (module `held`); so is an op whose
//!   (replica, seq) is taken by another op (a copied installation). In a file from this store's
//!   coordinator ([`Store::merge_from_coordinator`]), ops the coordinator relays from other
//!   installations are not held back for their clock: the coordinator has judged them.
//! - A field's value is the one of its newest *head* by hybrid logical clock (last writer wins);
//!   heads with different values are a conflict (see `plan` and `settle` for the details,
//!   including edits made without knowing of an archive).
//! - An op this store already holds under another (replica, seq) (an accepted copy, see `held`)
//!   marks the slot it arrived under as delivered (`settled_slots`).
//!
//! Uses: `error`, `schema`, `log`, `tables`, `settle`, `store`; re-exports `plan`'s public
//! items and the future limit here, at their public path.

use std::collections::{BTreeMap, BTreeSet};

use keukentafel_domain::ReplicaId;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use uuid::Uuid;

pub use crate::log::FUTURE_LIMIT_MILLIS;
pub use crate::plan::{plan_field, FieldOp, FieldPlan};

use crate::error::StoreError;
use crate::log::{insert_op, ClockMarks, Op};
use crate::schema::Entity;
use crate::settle::{settle_archive, settle_field};
use crate::store::{Result, Store};
use crate::tables::{apply, set_columns};

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeReport {
    /// Ops this store did not have.
    pub new: usize,
    /// Ops it already had (a file imported twice, or ops relayed by several files), or had
    /// turned down before, or still holds back.
    pub already_present: usize,
    /// Conflicts that opened with this merge.
    pub conflicts: usize,
    /// Ops held back (future clock, or a copied installation).
    pub held_back: usize,
    /// This installation's export files the file confirmed received for the first time
    /// (receipts in a return file from its coordinator), by number.
    pub confirmed_files: Vec<i64>,
}

/// Which incoming ops a merge holds back.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Admission {
    /// Ops from a file: held back when dated beyond `now` plus the limit (except ops the judge,
    /// this store's coordinator, relays from other installations), or when their (replica, seq)
    /// is taken.
    Import { now: i64, judge: Option<ReplicaId> },
    /// Ops a person accepted at `now`: nothing is held back (their slots were checked before).
    Accepted { now: i64 },
}

impl Store {
    /// Merges ops from export files in one transaction. Ops must come from a verified file.
    pub fn merge(&mut self, incoming: &[Op]) -> Result<MergeReport> {
        let now = self.sources.now_millis();
        self.merge_admitting(incoming, Admission::Import { now, judge: None })
    }

    /// Merges the ops of a file from this store's coordinator (installation `coordinator`).
    /// The ops it relays from other installations were judged by the coordinator (held back
    /// there, and accepted): they are not held back here for their clock. Its own ops are
    /// judged here like anyone's.
    pub fn merge_from_coordinator(&mut self, incoming: &[Op], coordinator: ReplicaId) -> Result<MergeReport> {
        let now = self.sources.now_millis();
        self.merge_admitting(incoming, Admission::Import { now, judge: Some(coordinator) })
    }

    fn merge_admitting(&mut self, incoming: &[Op], admission: Admission) -> Result<MergeReport> {
        // A merge touches many pages of the ops and record indexes: a larger page cache
        // (64 MB) for its duration keeps them in memory.
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        let result = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let report = merge_in(&tx, incoming, admission)?;
            tx.commit()?;
            Ok(report)
        })();
        self.conn.pragma_update(None, "cache_size", -crate::open::CACHE_KIB)?;
        result
    }
}

/// A field's name and the new ops that arrived for it.
type FieldOps<'a> = (&'a str, Vec<&'a Op>);

/// Stores the new ops among `incoming` (or holds them back, see [`Admission`]) and settles
/// every field and record they touch.
pub(crate) fn merge_in(tx: &Transaction<'_>, incoming: &[Op], admission: Admission) -> Result<MergeReport> {
    let mut report = MergeReport::default();
    // Per touched field: the new ops that arrived for it.
    let mut fields: BTreeMap<(&str, Uuid, &str), Vec<&Op>> = BTreeMap::new();
    let mut records: BTreeSet<(&str, Uuid)> = BTreeSet::new();
    // Held ops and decisions on them are rare: look them up only when there are any.
    let any_held: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM held_ops)", [], |r| r.get(0))?;
    let any_rejected: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM held_decisions WHERE decision = 'rejected')", [], |r| r.get(0))?;
    let mut held = tx.prepare_cached("SELECT 1 FROM held_ops WHERE op_id = ?1")?;
    let mut rejected = tx.prepare_cached("SELECT 1 FROM held_decisions WHERE op_id = ?1 AND decision = 'rejected'")?;
    let mut in_ops = tx.prepare_cached("SELECT 1 FROM ops WHERE op_id = ?1")?;
    let mut in_slot = tx.prepare_cached("SELECT 1 FROM ops WHERE op_id = ?1 AND replica = ?2 AND seq = ?3")?;
    let mut settle_slot =
        tx.prepare_cached("INSERT OR IGNORE INTO settled_slots (replica, seq, op_id) VALUES (?1, ?2, ?3)")?;
    let (Admission::Import { now, .. } | Admission::Accepted { now }) = admission;
    let mut marks = ClockMarks::new(now);
    for op in incoming {
        let id = op.op_id.to_string();
        if let Admission::Import { now, judge } = admission {
            if (any_held && held.exists([&id])?) || (any_rejected && rejected.exists([&id])?) {
                report.already_present += 1;
                continue;
            }
            let judged = judge.is_some_and(|j| op.hlc.replica != j);
            if !judged && op.hlc.millis > now.saturating_add(FUTURE_LIMIT_MILLIS) {
                if in_ops.exists([&id])? {
                    report.already_present += 1;
                    continue;
                }
                insert_op(tx, "held_ops", op, Some("future_clock"))?;
                report.held_back += 1;
                continue;
            }
        }
        match insert_op(tx, "ops", op, None) {
            Ok(true) => {}
            Ok(false) => {
                // Held already, perhaps under another slot (an accepted copy): that slot counts
                // as delivered too.
                if !in_slot.exists(params![id, op.replica.to_string(), op.seq])? {
                    settle_slot.execute(params![op.replica.to_string(), op.seq, id])?;
                }
                report.already_present += 1;
                continue;
            }
            // (replica, seq) is taken by another op. Only the failed statement is undone; the
            // transaction goes on.
            Err(StoreError::Sql(e)) if is_unique_violation(&e) && matches!(admission, Admission::Import { .. }) => {
                if in_ops.exists([&id])? {
                    // Held already under another slot, and this one is taken anyway.
                    report.already_present += 1;
                    continue;
                }
                // The op id is new: a copied installation.
                insert_op(tx, "held_ops", op, Some("duplicate_sequence"))?;
                report.held_back += 1;
                continue;
            }
            Err(e) => return Err(e),
        }
        marks.note(tx, op.hlc)?;
        report.new += 1;
        fields.entry((&op.entity, op.entity_id, &op.field)).or_default().push(op);
        records.insert((&op.entity, op.entity_id));
    }
    marks.save(tx)?;
    // Group the touched fields by record. A field whose whole history is the one new op (no
    // clock yet: the common case of a record seen for the first time) wins outright and cannot
    // conflict; claiming its clock is one insert. Other fields are planned from their history.
    let mut claim = tx.prepare_cached(
        "INSERT INTO field_clocks (entity, entity_id, field, hlc, op_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (entity, entity_id, field) DO NOTHING",
    )?;
    let mut sole_head = tx.prepare_cached(
        "SELECT hlc FROM field_clocks WHERE entity = ?1 AND entity_id = ?2 AND field = ?3 AND heads = 1",
    )?;
    let mut by_record: BTreeMap<(&str, Uuid), Vec<FieldOps<'_>>> = BTreeMap::new();
    for ((entity, id, field), ops) in fields {
        by_record.entry((entity, id)).or_default().push((field, ops));
    }
    for ((entity, id), touched) in by_record {
        // Ops of entities or fields this version does not know are kept and passed on, not applied.
        let Some(e) = Entity::by_name(entity) else { continue };
        let mut first: Vec<&Op> = Vec::new();
        for (field, mut ops) in touched {
            if e.kind(field).is_none() {
                continue;
            }
            // The usual case: the new ops form one chain (each made on top of the one before,
            // no decisions among them). Then the last one is the field's only head and wins,
            // provided the chain starts from nothing (a new field) or from the field's only head.
            ops.sort_by_key(|o| o.hlc);
            let chain = ops.windows(2).all(|w| w[1].base_hlc == Some(w[0].hlc)) && ops.iter().all(|o| o.resolves.is_empty());
            let (start, last) = (ops[0], ops[ops.len() - 1]);
            if chain && start.base_hlc.is_none()
                && claim.execute(params![entity, id.to_string(), field, last.hlc.to_string(), last.op_id.to_string()])? == 1
            {
                first.push(last);
                continue;
            }
            if chain && start.base_hlc.is_some() {
                let head: Option<String> =
                    sole_head.query_row(params![entity, id.to_string(), field], |r| r.get(0)).optional()?;
                if head.is_some_and(|h| start.base_hlc.map(|b| b.to_string()) == Some(h)) {
                    apply(tx, e, last)?;
                    continue;
                }
            }
            report.conflicts += settle_field(tx, e, id, field)?;
        }
        set_columns(tx, e, id, &first)?;
    }
    for (entity, id) in records {
        if let Some(e) = Entity::by_name(entity).filter(|e| e.kind("archived").is_some()) {
            report.conflicts += settle_archive(tx, e, id)?;
        }
    }
    Ok(report)
}

pub(crate) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}
