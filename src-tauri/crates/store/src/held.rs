//! Ops held back for a person to judge (usually the coordinator): listing them with what that
//! person needs to judge them, and accepting or rejecting them one by one or all at once.
//!
//! Why an op is held (see `merge`): its clock lies more than a day ahead of this laptop's
//! (`future_clock`: a laptop with a wrong clock), or its (replica, seq) is taken by another op
//! (`duplicate_sequence`: a copied installation).
//!
//! Rules:
//! - Accepting merges the op under its own op id with its own clock: last writer wins decides
//!   with the time the op carries, the same on every store. This store's clock does not follow
//!   it (see `writer`); an edit made afterwards is ordered after it by its base clock.
//! - An op whose (replica, seq) is taken cannot be stored under that slot: the change log keeps
//!   (replica, seq) unique. Accepted, it becomes an *accepted copy*: the same op (id, clock,
//!   author, record, field, value, base) carried in this store's own stream under this store's
//!   next sequence number, so it travels on to every other store like this store's own ops.
//!   `held_decisions` notes the (replica, seq) it arrived with and the number it got.
//! - Rejecting drops the op and remembers its id (`held_decisions`), so importing the same file
//!   again does not bring it back; its slot counts as delivered (`settled_slots`), so its sender
//!   stops sending it.
//! - Both are all or nothing: an id that is not held changes nothing and is reported.
//!
//! Uses: `error`, `log`, `store`, `merge`, `exchange` (names of authors and households).

use std::collections::BTreeSet;

use keukentafel_domain::{HouseholdId, ReplicaId};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};
use uuid::Uuid;

use crate::error::StoreError;
use crate::log::{last_seq, read_op, Op, OP_COLUMNS};
use crate::merge::{merge_in, Admission, MergeReport};
use crate::store::{Result, Store};

/// Why an op was held back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HeldReason {
    /// Dated more than a day ahead of this laptop's clock.
    FutureClock,
    /// Its (replica, seq) is taken by another op: it comes from a copy of an installation.
    DuplicateSequence,
    /// A volunteer's change to a household not (or no longer) given to it (`scope`).
    NotAssigned,
}

impl HeldReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HeldReason::FutureClock => "future_clock",
            HeldReason::DuplicateSequence => "duplicate_sequence",
            HeldReason::NotAssigned => "not_assigned",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "future_clock" => Ok(HeldReason::FutureClock),
            "duplicate_sequence" => Ok(HeldReason::DuplicateSequence),
            "not_assigned" => Ok(HeldReason::NotAssigned),
            other => Err(StoreError::Data(format!("unknown reason for a held op: {other}"))),
        }
    }
}

/// A held op with what a person needs to judge it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HeldOp {
    pub op: Op,
    pub reason: HeldReason,
    /// The author's name, when this store knows the author ("" otherwise).
    pub author_name: String,
    /// The household the changed record belongs to, when known.
    pub household_id: Option<HouseholdId>,
    pub household_name: String,
}

/// Held ops selected by a `WHERE ... ORDER BY ...` clause, with their reason.
fn held_rows(conn: &Connection, clause: &str, args: impl rusqlite::Params) -> Result<Vec<(Op, HeldReason)>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {OP_COLUMNS}, reason FROM held_ops {clause}"))?;
    let rows = stmt.query_map(args, |r| Ok((read_op(r)?, r.get::<_, String>(13)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (op, reason) = row?;
        out.push((op?, HeldReason::parse(&reason)?));
    }
    Ok(out)
}

/// Takes the held ops with these ids out of `held_ops` (each id once); an id that is not held
/// is an error, and the caller's transaction is then dropped.
fn take_held(tx: &Transaction<'_>, op_ids: &[Uuid]) -> Result<Vec<(Op, HeldReason)>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(op_ids.len());
    for id in op_ids.iter().filter(|id| seen.insert(**id)) {
        let mut held = held_rows(tx, "WHERE op_id = ?1", [id.to_string()])?;
        let Some(row) = held.pop() else {
            return Err(StoreError::NotFound { entity: "held op", id: id.to_string() });
        };
        tx.prepare_cached("DELETE FROM held_ops WHERE op_id = ?1")?.execute([id.to_string()])?;
        out.push(row);
    }
    Ok(out)
}

fn record_decision(tx: &Transaction<'_>, op: &Op, reason: HeldReason, accepted: bool, stored_seq: Option<i64>, at: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO held_decisions (op_id, decision, reason, replica, seq, hlc, stored_seq, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        op.op_id.to_string(),
        if accepted { "accepted" } else { "rejected" },
        reason.as_str(),
        op.replica.to_string(),
        op.seq,
        op.hlc.to_string(),
        stored_seq,
        at
    ])?;
    Ok(())
}

fn rfc3339(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

impl Store {
    /// How many ops are held back.
    pub fn held_count(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM held_ops", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Ops waiting for a person's judgement, oldest clock first, with who made them, the
    /// household they concern and why they were held.
    pub fn held_ops(&self) -> Result<Vec<HeldOp>> {
        let rows = held_rows(&self.conn, "ORDER BY hlc, op_id", [])?;
        // A record that exists only in held ops (a new task on a household not given to its
        // writer): its own held `household_id` op says which household it concerns.
        let held_parent: std::collections::HashMap<(String, Uuid), HouseholdId> = rows
            .iter()
            .filter(|(op, _)| op.field == "household_id")
            .filter_map(|(op, _)| Some(((op.entity.clone(), op.entity_id), op.value.as_str()?.parse().ok().map(HouseholdId)?)))
            .collect();
        let mut out = Vec::new();
        for (op, reason) in rows {
            let author_name = self.user_name(op.author)?;
            let (mut household_id, mut household_name) = self.household_context(&op.entity, op.entity_id)?;
            if household_id.is_none() {
                if let Some(h) = held_parent.get(&(op.entity.clone(), op.entity_id)) {
                    household_id = Some(*h);
                    household_name = self.household_context("household", h.0)?.1;
                }
            }
            out.push(HeldOp { op, reason, author_name, household_id, household_name });
        }
        Ok(out)
    }

    /// Accepts held ops (a person judged them genuine) and merges them; see the module doc for
    /// an op whose (replica, seq) is taken. All or nothing.
    pub fn accept_held(&mut self, op_ids: &[Uuid]) -> Result<MergeReport> {
        let now = self.sources.now_millis();
        let at = rfc3339(now);
        let own = self.replica;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let held = take_held(&tx, op_ids)?;
        let mut next_seq = last_seq(&tx, own)? + 1;
        let mut claimed: BTreeSet<(ReplicaId, i64)> = BTreeSet::new();
        let mut ops = Vec::with_capacity(held.len());
        {
            let mut present = tx.prepare_cached("SELECT 1 FROM ops WHERE op_id = ?1")?;
            let mut taken = tx.prepare_cached("SELECT 1 FROM ops WHERE replica = ?1 AND seq = ?2")?;
            for (mut op, reason) in held {
                let arrived = op.clone();
                let mut stored_seq = None;
                if !present.exists([op.op_id.to_string()])?
                    && (claimed.contains(&(op.replica, op.seq)) || taken.exists(params![op.replica.to_string(), op.seq])?)
                {
                    // An accepted copy: carried on in this store's own stream.
                    op.replica = own;
                    op.seq = next_seq;
                    stored_seq = Some(next_seq);
                    next_seq += 1;
                }
                claimed.insert((op.replica, op.seq));
                record_decision(&tx, &arrived, reason, true, stored_seq, &at)?;
                ops.push(op);
            }
        }
        let report = merge_in(&tx, &ops, Admission::Accepted { now })?;
        tx.commit()?;
        Ok(report)
    }

    /// Rejects held ops: they are dropped and never held again (importing the same file again
    /// skips them). All or nothing; returns how many were rejected.
    pub fn reject_held(&mut self, op_ids: &[Uuid]) -> Result<usize> {
        let at = rfc3339(self.sources.now_millis());
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let held = take_held(&tx, op_ids)?;
        for (op, reason) in &held {
            record_decision(&tx, op, *reason, false, None, &at)?;
            tx.prepare_cached("INSERT OR IGNORE INTO settled_slots (replica, seq, op_id) SELECT ?1, ?2, ?3
                                WHERE NOT EXISTS (SELECT 1 FROM ops WHERE replica = ?1 AND seq = ?2)")?
                .execute(params![op.replica.to_string(), op.seq, op.op_id.to_string()])?;
        }
        tx.commit()?;
        Ok(held.len())
    }
}
