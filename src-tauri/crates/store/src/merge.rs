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
//! - An op already present (same op id) is skipped.
//! - An op dated more than [`FUTURE_LIMIT_MILLIS`] ahead of this laptop's clock is held back
//!   (table `held_ops`) until a coordinator accepts it; so is an op whose (replica, seq) is
//!   taken by another op (a copied installation).
//! - A field's value is the one of its newest *head* by hybrid logical clock (last writer wins);
//!   heads with different values are a conflict (see `plan` and `settle` for the details,
//!   including edits made without knowing of an archive).
//!
//! Uses: `error`, `schema`, `log`, `tables`, `settle`, `store`; re-exports `plan`'s public
//! items here, at their public path.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use uuid::Uuid;

pub use crate::plan::{plan_field, FieldOp, FieldPlan};

use crate::error::StoreError;
use crate::log::{insert_op, query_ops, Op};
use crate::schema::Entity;
use crate::settle::{settle_archive, settle_field};
use crate::store::{Result, Store};
use crate::tables::{apply, set_columns};

/// Ops dated further ahead than this (one day) are held back for the coordinator.
pub const FUTURE_LIMIT_MILLIS: i64 = 24 * 60 * 60 * 1000;

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeReport {
    /// Ops this store did not have.
    pub new: usize,
    /// Ops it already had (a file imported twice, or ops relayed by several files).
    pub already_present: usize,
    /// Conflicts that opened with this merge.
    pub conflicts: usize,
    /// Ops held back (future clock, or a copied installation).
    pub held_back: usize,
}

impl Store {
    /// Merges ops from export files in one transaction. Ops must come from a verified file.
    pub fn merge(&mut self, incoming: &[Op]) -> Result<MergeReport> {
        let now = self.sources.now_millis();
        // A merge touches many pages of the ops and record indexes: a larger page cache
        // (64 MB) for its duration keeps them in memory.
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        let result = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let report = merge_in(&tx, incoming, now)?;
            tx.commit()?;
            Ok(report)
        })();
        self.conn.pragma_update(None, "cache_size", -2_000)?;
        result
    }

    /// Accepts held-back ops (after a coordinator looked at them) and merges them.
    pub fn accept_held(&mut self, op_ids: &[Uuid]) -> Result<MergeReport> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut ops = Vec::new();
        for id in op_ids {
            let held = query_ops(&tx, "held_ops", "WHERE op_id = ?1", [id.to_string()])?;
            if held.is_empty() {
                return Err(StoreError::NotFound { entity: "held op", id: id.to_string() });
            }
            ops.extend(held);
            tx.execute("DELETE FROM held_ops WHERE op_id = ?1", [id.to_string()])?;
        }
        let report = merge_in(&tx, &ops, i64::MAX - FUTURE_LIMIT_MILLIS)?;
        tx.commit()?;
        Ok(report)
    }

    /// Ops waiting for a coordinator, with the reason they were held.
    pub fn held_ops(&self) -> Result<Vec<(Op, String)>> {
        let ops = query_ops(&self.conn, "held_ops", "ORDER BY hlc, op_id", [])?;
        let mut out = Vec::with_capacity(ops.len());
        for op in ops {
            let reason: String =
                self.conn.query_row("SELECT reason FROM held_ops WHERE op_id = ?1", [op.op_id.to_string()], |r| r.get(0))?;
            out.push((op, reason));
        }
        Ok(out)
    }
}

/// A field's name and the new ops that arrived for it.
type FieldOps<'a> = (&'a str, Vec<&'a Op>);

fn merge_in(tx: &Transaction<'_>, incoming: &[Op], now: i64) -> Result<MergeReport> {
    let mut report = MergeReport::default();
    // Per touched field: the new ops that arrived for it.
    let mut fields: BTreeMap<(&str, Uuid, &str), Vec<&Op>> = BTreeMap::new();
    let mut records: BTreeSet<(&str, Uuid)> = BTreeSet::new();
    // Held ops are rare: look them up only when there are any.
    let any_held: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM held_ops)", [], |r| r.get(0))?;
    let mut held = tx.prepare_cached("SELECT 1 FROM held_ops WHERE op_id = ?1")?;
    let mut in_ops = tx.prepare_cached("SELECT 1 FROM ops WHERE op_id = ?1")?;
    for op in incoming {
        if any_held && held.exists([op.op_id.to_string()])? {
            report.already_present += 1;
            continue;
        }
        if op.hlc.millis > now.saturating_add(FUTURE_LIMIT_MILLIS) {
            if in_ops.exists([op.op_id.to_string()])? {
                report.already_present += 1;
                continue;
            }
            insert_op(tx, "held_ops", op, Some("future_clock"))?;
            report.held_back += 1;
            continue;
        }
        match insert_op(tx, "ops", op, None) {
            Ok(true) => {}
            Ok(false) => {
                report.already_present += 1;
                continue;
            }
            // The op id is new but (replica, seq) is taken: a copied installation. Only the
            // failed statement is undone; the transaction goes on.
            Err(StoreError::Sql(e)) if is_unique_violation(&e) => {
                insert_op(tx, "held_ops", op, Some("duplicate_sequence"))?;
                report.held_back += 1;
                continue;
            }
            Err(e) => return Err(e),
        }
        report.new += 1;
        fields.entry((&op.entity, op.entity_id, &op.field)).or_default().push(op);
        records.insert((&op.entity, op.entity_id));
    }
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

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}
