//! Conflicts (two laptops changed the same field) and changes held back for the coordinator
//! (a laptop whose clock ran far ahead, a copied installation): looked at one by one, and
//! accepted or rejected one by one or all at once.

use keukentafel_domain::{ConflictResolution, ConflictView, HouseholdId, ReplicaId};
use keukentafel_store::{HeldOp, StoreError, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::Reply;

pub fn list(store: &Store) -> Reply<Vec<ConflictView>> {
    Ok(store.open_conflicts()?)
}

/// Keeps the chosen value; returns the conflicts still open.
pub fn resolve(store: &mut Store, resolution: ConflictResolution) -> Reply<Vec<ConflictView>> {
    store.resolve_conflict(resolution)?;
    list(store)
}

/// Why a change was held back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HeldReason {
    /// Dated more than a day ahead of this laptop's clock: the sender's clock is probably wrong.
    FutureClock,
    /// Made on a copy of another installation (same installation id, a sequence number that is
    /// taken).
    DuplicateSequence,
    /// A volunteer's change to a household that is not (or no longer) given to that volunteer:
    /// made before the volunteer heard it was taken off, or an attempt to write where it may not.
    NotAssigned,
}

/// One change held back for the coordinator, with what is needed to judge it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct HeldChange {
    pub op_id: String,
    pub reason: HeldReason,
    /// Who made it: the author's name when this installation knows it ("" otherwise).
    pub author_name: String,
    /// The installation it came from.
    pub replica: ReplicaId,
    /// `household`, `visit`, `consent`, `answer`, `user`.
    pub entity: String,
    pub entity_id: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub value: serde_json::Value,
    /// The household the record belongs to, when known.
    pub household_id: Option<HouseholdId>,
    pub household_name: String,
    /// The date the change carries (its clock, RFC 3339, UTC): far ahead for `future_clock`.
    pub at: String,
}

impl From<HeldOp> for HeldChange {
    fn from(h: HeldOp) -> Self {
        HeldChange {
            op_id: h.op.op_id.to_string(),
            reason: match h.reason {
                keukentafel_store::HeldReason::FutureClock => HeldReason::FutureClock,
                keukentafel_store::HeldReason::DuplicateSequence => HeldReason::DuplicateSequence,
                keukentafel_store::HeldReason::NotAssigned => HeldReason::NotAssigned,
            },
            author_name: h.author_name,
            replica: h.op.replica,
            entity: h.op.entity,
            entity_id: h.op.entity_id.to_string(),
            field: h.op.field,
            value: h.op.value,
            household_id: h.household_id,
            household_name: h.household_name,
            at: h.op.hlc.to_rfc3339(),
        }
    }
}

/// Which held changes a decision is about: all of them, or the listed ones (by `op_id`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HeldSelection {
    All,
    Ops(Vec<String>),
}

/// Every change held back, oldest date first.
pub fn held(store: &Store) -> Reply<Vec<HeldChange>> {
    Ok(store.held_ops()?.into_iter().map(HeldChange::from).collect())
}

fn selected(store: &Store, which: HeldSelection) -> Reply<Vec<Uuid>> {
    match which {
        HeldSelection::All => Ok(store.held_ops()?.into_iter().map(|h| h.op.op_id).collect()),
        HeldSelection::Ops(ids) => ids
            .iter()
            .map(|id| id.trim().parse().map_err(|_| StoreError::NotFound { entity: "held op", id: id.clone() }.into()))
            .collect(),
    }
}

/// Accepts held changes: they are merged with their own date (last writer wins decides with
/// it), without moving this installation's clock. All or nothing; returns how many were added.
pub fn accept_held(store: &mut Store, which: HeldSelection) -> Reply<usize> {
    let ids = selected(store, which)?;
    Ok(store.accept_held(&ids)?.new)
}

/// Rejects held changes: they are dropped and do not come back when the same file is imported
/// again. All or nothing; returns how many were rejected.
pub fn reject_held(store: &mut Store, which: HeldSelection) -> Reply<usize> {
    let ids = selected(store, which)?;
    Ok(store.reject_held(&ids)?)
}
