//! Settling stored fields: planning a field from the ops this store holds (see [`plan`]) and
//! making the tables agree with the plan: the winner's value and clock, the number of heads,
//! and the open conflicts. Used by merging (after new ops arrived) and by the writer (after a
//! local write to a field that had several heads, or to a record with an open
//! edit-versus-archive conflict).
//!
//! Rules:
//! - Two or more heads with different values are a conflict: recorded as (provisional winner,
//!   other head) pairs; the losing value stays in the log. A person resolves it with a new op
//!   that lists the heads in `resolves`.
//! - Archiving is a field (`archived`). An edit of the same record that was made without
//!   knowing of the archive (and that the archive did not know of) wins: the record stays
//!   visible and an `edit_vs_archive` conflict is recorded. "Knowing of" is judged by
//!   `entity_base_hlc`, the highest clock of the record the writer's store held.
//!
//! [`plan`]: crate::plan
//!
//! Uses: `error`, `schema`, `log`, `tables` (to apply a winner), `plan`.

use std::collections::BTreeSet;

use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::error::StoreError;
use crate::log::{field_history, query_ops, Op};
use crate::plan::{plan_field, FieldOp, FieldPlan};
use crate::schema::Entity;
use crate::tables::apply;

type Result<T> = std::result::Result<T, StoreError>;

/// The planner's view of a field's stored ops.
fn field_ops(history: &[Op]) -> Vec<FieldOp> {
    history
        .iter()
        .map(|o| FieldOp { op_id: o.op_id, hlc: o.hlc, value: o.value.clone(), base: o.base_hlc, resolves: o.resolves.clone() })
        .collect()
}

/// A field's op history and its plan (`None` when the field has no ops yet).
pub(crate) fn plan_stored_field(tx: &Transaction<'_>, entity: &Entity, id: Uuid, field: &str) -> Result<Option<(Vec<Op>, FieldPlan)>> {
    let history = field_history(tx, entity, id, field)?;
    Ok(plan_field(&field_ops(&history)).map(|plan| (history, plan)))
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
        apply(tx, entity, winner)?;
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
pub(crate) fn settle_archive(tx: &Transaction<'_>, entity: &'static Entity, id: Uuid) -> Result<usize> {
    let archive = field_history(tx, entity, id, "archived")?;
    let Some(plan) = plan_field(&field_ops(&archive)) else { return Ok(0) };
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

/// After a local write: plans the field again when `replan` (it had more than one head — a
/// conflict, or equal values from several laptops — or the write was made on an older value
/// than the field held), and the record's archive state when it has an open edit-versus-archive
/// conflict or such a write was to an `archived` field.
pub(crate) fn settle_after_local_write(tx: &Transaction<'_>, entity: &'static Entity, id: Uuid, field: &str, replan: bool) -> Result<()> {
    if replan {
        settle_field(tx, entity, id, field)?;
    }
    if entity.kind("archived").is_some() {
        let open: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM conflicts WHERE kind = 'edit_vs_archive' AND entity = ?1 AND entity_id = ?2
                                  AND resolved_by IS NULL)",
            )?
            .query_row(params![entity.name, id.to_string()], |r| r.get(0))?;
        if open || (field == "archived" && replan) {
            settle_archive(tx, entity, id)?;
        }
    }
    Ok(())
}

