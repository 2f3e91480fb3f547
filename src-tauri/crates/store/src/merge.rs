//! Merging ops from other installations into this store.
//!
//! Plan, then apply: [`plan_field`] is a pure function from one field's op history to its
//! winner and its open conflicts; [`Store::merge`] applies the plans in one IMMEDIATE
//! transaction. Because the plan depends only on the set of ops (never on the order they
//! arrived in), every store that holds the same ops has the same values and the same open
//! conflicts: merging is commutative, associative and idempotent.
//!
//! Rules:
//! - An op already present (same op id) is skipped.
//! - An op dated more than [`FUTURE_LIMIT_MILLIS`] ahead of this laptop's clock is held back
//!   (table `held_ops`) until a coordinator accepts it; so is an op whose (replica, seq) is
//!   taken by another op (a copied installation).
//! - A field's value is the one of its newest *head* by hybrid logical clock (last writer wins).
//!   A head is an op that no other op of the field has seen; op B has seen op A when B's
//!   `base_hlc` is A's clock, or B lists A in `resolves`, or B has seen an op that has seen A.
//! - Two or more heads with different values are a conflict: recorded as (provisional winner,
//!   other head) pairs; the losing value stays in the log. A person resolves it with a new op
//!   that lists the heads in `resolves`.
//! - Archiving is a field (`archived`). An edit of the same record that was made without
//!   knowing of the archive (and that the archive did not know of) wins: the record stays
//!   visible and an `edit_vs_archive` conflict is recorded. "Knowing of" is judged by
//!   `entity_base_hlc`, the highest clock of the record the writer's store held.

use std::collections::{BTreeMap, BTreeSet};

use keukentafel_domain::Hlc;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::ops::{insert_op, query_ops, Op};
use crate::schema::Entity;
use crate::{Result, Store, StoreError};

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

/// One op of a field's history, as the planner needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldOp {
    pub op_id: Uuid,
    pub hlc: Hlc,
    pub value: Json,
    pub base: Option<Hlc>,
    pub resolves: Vec<Uuid>,
}

/// The outcome for one field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldPlan {
    /// Index (into the history) of the op whose value the field holds.
    pub winner: usize,
    /// (winner op, losing op) for every other head with a different value.
    pub conflicts: Vec<(Uuid, Uuid)>,
    /// Indexes of the ops no other op has seen.
    pub heads: Vec<usize>,
}

/// Decides a field from its whole op history. Pure; the order of `history` does not matter.
pub fn plan_field(history: &[FieldOp]) -> Option<FieldPlan> {
    if history.is_empty() {
        return None;
    }
    let by_hlc: BTreeMap<Hlc, usize> = history.iter().enumerate().map(|(i, o)| (o.hlc, i)).collect();
    let by_id: BTreeMap<Uuid, usize> = history.iter().enumerate().map(|(i, o)| (o.op_id, i)).collect();
    let parents = |i: usize| -> Vec<usize> {
        let o = &history[i];
        o.base.and_then(|b| by_hlc.get(&b).copied()).into_iter().chain(o.resolves.iter().filter_map(|r| by_id.get(r).copied())).collect()
    };
    // Every op that some other op has seen, directly or through others.
    let mut seen = vec![false; history.len()];
    for start in 0..history.len() {
        let mut stack = parents(start);
        let mut visited = BTreeSet::new();
        while let Some(p) = stack.pop() {
            if p == start || !visited.insert(p) {
                continue;
            }
            seen[p] = true;
            stack.extend(parents(p));
        }
    }
    let heads: Vec<usize> = (0..history.len()).filter(|&i| !seen[i]).collect();
    // A cycle of "seen" (only possible in a forged file) leaves no head: fall back to all ops.
    let candidates = if heads.is_empty() { (0..history.len()).collect() } else { heads };
    let winner = *candidates.iter().max_by_key(|&&i| (history[i].hlc, history[i].op_id))?;
    let mut conflicts: Vec<(Uuid, Uuid)> = candidates
        .iter()
        .filter(|&&i| i != winner && history[i].value != history[winner].value)
        .map(|&i| (history[winner].op_id, history[i].op_id))
        .collect();
    conflicts.sort();
    Some(FieldPlan { winner, conflicts, heads: candidates })
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
                    crate::ops::apply(tx, e, last)?;
                    continue;
                }
            }
            report.conflicts += settle_field(tx, e, id, field)?;
        }
        crate::ops::set_columns(tx, e, id, &first)?;
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

fn field_history(tx: &Transaction<'_>, entity: &Entity, id: Uuid, field: &str) -> Result<Vec<Op>> {
    query_ops(tx, "ops", "WHERE entity = ?1 AND entity_id = ?2 AND field = ?3", params![entity.name, id.to_string(), field])
}

/// A field's op history and its plan (`None` when the field has no ops yet).
pub(crate) fn plan_stored_field(tx: &Transaction<'_>, entity: &Entity, id: Uuid, field: &str) -> Result<Option<(Vec<Op>, FieldPlan)>> {
    let history = field_history(tx, entity, id, field)?;
    let plan_input: Vec<FieldOp> = history
        .iter()
        .map(|o| FieldOp { op_id: o.op_id, hlc: o.hlc, value: o.value.clone(), base: o.base_hlc, resolves: o.resolves.clone() })
        .collect();
    Ok(plan_field(&plan_input).map(|plan| (history, plan)))
}

/// Applies a field's plan: its value, its clock, its open conflicts. Returns conflicts opened.
pub(crate) fn settle_field(tx: &Transaction<'_>, entity: &'static Entity, id: Uuid, field: &str) -> Result<usize> {
    let Some((history, plan)) = plan_stored_field(tx, entity, id, field)? else { return Ok(0) };
    let winner = &history[plan.winner];
    let current: Option<String> = tx
        .prepare_cached("SELECT op_id FROM field_clocks WHERE entity = ?1 AND entity_id = ?2 AND field = ?3")?
        .query_row(params![entity.name, id.to_string(), field], |r| r.get(0))
        .optional()?;
    if current.as_deref() != Some(winner.op_id.to_string().as_str()) {
        crate::ops::apply(tx, entity, winner)?;
    }
    tx.prepare_cached("UPDATE field_clocks SET heads = ?4 WHERE entity = ?1 AND entity_id = ?2 AND field = ?3")?
        .execute(params![entity.name, id.to_string(), field, plan.heads.len() as i64])?;
    record_conflicts(tx, "field", entity, id, field, &plan.conflicts, winner.op_id)
}

/// Replaces the open conflicts of one (kind, record, field) with `now`. When none remain, the
/// old ones are marked resolved by `settled_by`. Returns how many conflicts are new.
fn record_conflicts(
    tx: &Transaction<'_>,
    kind: &str,
    entity: &Entity,
    id: Uuid,
    field: &str,
    now: &[(Uuid, Uuid)],
    settled_by: Uuid,
) -> Result<usize> {
    let key = params![kind, entity.name, id.to_string(), field];
    let open: BTreeSet<(String, String)> = tx
        .prepare_cached(
            "SELECT winner_op, loser_op FROM conflicts
              WHERE kind = ?1 AND entity = ?2 AND entity_id = ?3 AND field = ?4 AND resolved_by IS NULL",
        )?
        .query_map(key, |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let wanted: BTreeSet<(String, String)> = now.iter().map(|(w, l)| (w.to_string(), l.to_string())).collect();
    if wanted.is_empty() {
        if !open.is_empty() {
            tx.prepare_cached(
                "UPDATE conflicts SET resolved_by = ?5
                  WHERE kind = ?1 AND entity = ?2 AND entity_id = ?3 AND field = ?4 AND resolved_by IS NULL",
            )?
            .execute(params![kind, entity.name, id.to_string(), field, settled_by.to_string()])?;
        }
        return Ok(0);
    }
    for (w, l) in open.difference(&wanted) {
        // Superseded by a newer head: the conflict lives on in the new pairs.
        tx.prepare_cached(
            "DELETE FROM conflicts WHERE kind = ?1 AND entity = ?2 AND entity_id = ?3 AND field = ?4
               AND winner_op = ?5 AND loser_op = ?6 AND resolved_by IS NULL",
        )?
        .execute(params![kind, entity.name, id.to_string(), field, w, l])?;
    }
    let mut added = 0;
    for (w, l) in wanted.difference(&open) {
        added += tx
            .prepare_cached(
                "INSERT OR IGNORE INTO conflicts (kind, entity, entity_id, field, winner_op, loser_op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![kind, entity.name, id.to_string(), field, w, l])?;
    }
    Ok(added)
}

/// An archive loses against an edit of the same record made without knowing of it.
fn settle_archive(tx: &Transaction<'_>, entity: &'static Entity, id: Uuid) -> Result<usize> {
    let archive = field_history(tx, entity, id, "archived")?;
    let Some(plan) = plan_field(
        &archive
            .iter()
            .map(|o| FieldOp { op_id: o.op_id, hlc: o.hlc, value: o.value.clone(), base: o.base_hlc, resolves: o.resolves.clone() })
            .collect::<Vec<_>>(),
    ) else {
        return Ok(0);
    };
    let a = &archive[plan.winner];
    let mut concurrent: Vec<Op> = Vec::new();
    if a.value == Json::Bool(true) {
        let knows = |x: &Op, y: &Op| x.entity_base_hlc.is_some_and(|b| y.hlc <= b);
        concurrent = query_ops(tx, "ops", "WHERE entity = ?1 AND entity_id = ?2 AND field <> 'archived'", params![entity.name, id.to_string()])?
            .into_iter()
            .filter(|e| !knows(e, a) && !knows(a, e))
            .collect();
    }
    let pairs: Vec<(Uuid, Uuid)> = concurrent.iter().map(|e| (e.op_id, a.op_id)).collect();
    if !pairs.is_empty() {
        // The edit wins: the record stays visible until a person decides.
        tx.prepare_cached(&format!("UPDATE {} SET archived = 0 WHERE id = ?1", entity.table))?.execute([id.to_string()])?;
    }
    record_conflicts(tx, "edit_vs_archive", entity, id, "archived", &pairs, a.op_id)
}

/// After a local write: plans the field again when it had more than one head (a conflict, or
/// equal values from several laptops), and the record's archive state when it has an open
/// edit-versus-archive conflict.
pub(crate) fn settle_after_local_write(tx: &Transaction<'_>, entity: &'static Entity, id: Uuid, field: &str, had_heads: usize) -> Result<()> {
    if had_heads > 1 {
        settle_field(tx, entity, id, field)?;
    }
    if entity.kind("archived").is_some() {
        let open: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM conflicts WHERE kind = 'edit_vs_archive' AND entity = ?1 AND entity_id = ?2
                                  AND resolved_by IS NULL)",
            )?
            .query_row(params![entity.name, id.to_string()], |r| r.get(0))?;
        if open || (field == "archived" && had_heads > 1) {
            settle_archive(tx, entity, id)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use keukentafel_domain::ReplicaId;
    use serde_json::json;

    fn hlc(millis: i64, replica: u8) -> Hlc {
        Hlc { millis, counter: 0, replica: ReplicaId(Uuid::from_bytes([replica; 16])) }
    }

    fn op(n: u8, millis: i64, replica: u8, value: Json, base: Option<Hlc>) -> FieldOp {
        FieldOp { op_id: Uuid::from_bytes([n; 16]), hlc: hlc(millis, replica), value, base, resolves: vec![] }
    }

    fn id(n: u8) -> Uuid {
        Uuid::from_bytes([n; 16])
    }

    #[rstest::rstest]
    // One op: it wins, no conflict.
    #[case(vec![op(1, 10, 1, json!("a"), None)], 1, vec![])]
    // A later edit that saw the first: no conflict, the later one wins.
    #[case(vec![op(1, 10, 1, json!("a"), None), op(2, 20, 2, json!("b"), Some(hlc(10, 1)))], 2, vec![])]
    // Two edits from the same base: concurrent, different values: conflict, newest clock wins.
    #[case(
        vec![op(1, 10, 1, json!("a"), None), op(2, 20, 2, json!("b"), Some(hlc(10, 1))), op(3, 30, 3, json!("c"), Some(hlc(10, 1)))],
        3, vec![(id(3), id(2))]
    )]
    // Concurrent, same value: nothing to decide.
    #[case(
        vec![op(1, 10, 1, json!("a"), None), op(2, 20, 2, json!("b"), Some(hlc(10, 1))), op(3, 30, 3, json!("b"), Some(hlc(10, 1)))],
        3, vec![]
    )]
    // Two creations of the same field without a base (both offline from the start): conflict.
    #[case(vec![op(1, 10, 1, json!("a"), None), op(2, 5, 2, json!("b"), None)], 1, vec![(id(1), id(2))])]
    // An edit based on the winner does not settle a conflict with the other head.
    #[case(
        vec![op(1, 10, 1, json!("a"), None), op(2, 20, 2, json!("b"), Some(hlc(10, 1))), op(3, 30, 3, json!("c"), Some(hlc(10, 1))),
             op(4, 40, 3, json!("d"), Some(hlc(30, 3)))],
        4, vec![(id(4), id(2))]
    )]
    fn field_plans(#[case] history: Vec<FieldOp>, #[case] winner: u8, #[case] conflicts: Vec<(Uuid, Uuid)>) {
        let plan = plan_field(&history).unwrap();
        assert_eq!(history[plan.winner].op_id, id(winner));
        assert_eq!(plan.conflicts, conflicts);
        let mut reversed = history.clone();
        reversed.reverse();
        let again = plan_field(&reversed).unwrap();
        assert_eq!(reversed[again.winner].op_id, id(winner), "the order of the history does not matter");
        assert_eq!(again.conflicts, conflicts);
    }

    #[test]
    fn a_resolution_that_saw_both_heads_settles_the_conflict() {
        let mut history = vec![
            op(1, 10, 1, json!("a"), None),
            op(2, 20, 2, json!("b"), Some(hlc(10, 1))),
            op(3, 30, 3, json!("c"), Some(hlc(10, 1))),
        ];
        let mut resolution = op(4, 40, 1, json!("b"), Some(hlc(30, 3)));
        resolution.resolves = vec![id(2), id(3)];
        history.push(resolution);
        let plan = plan_field(&history).unwrap();
        assert_eq!(history[plan.winner].op_id, id(4));
        assert!(plan.conflicts.is_empty());
    }

    #[test]
    fn a_forged_cycle_does_not_hang_or_panic() {
        let history = vec![op(1, 10, 1, json!("a"), Some(hlc(20, 2))), op(2, 20, 2, json!("b"), Some(hlc(10, 1)))];
        let plan = plan_field(&history).unwrap();
        assert_eq!(history[plan.winner].op_id, id(2));
    }
}
