//! What the UI shows of synchronisation: import reports, conflicts and the people (installations)
//! this one exchanges files with. The rules themselves live in the store (merge) and sync crates.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{HouseholdId, ReplicaId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Two people changed the same field without seeing each other's change.
    Field,
    /// Someone changed a record that someone else archived at the same time; the change won.
    EditVsArchive,
}

/// One side of a conflict: a value, who entered it and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictSide {
    pub op_id: String,
    #[ts(type = "unknown")]
    pub value: serde_json::Value,
    pub author_name: String,
    /// When it was entered (RFC 3339, UTC).
    pub at: String,
    pub replica: ReplicaId,
}

/// An open conflict on one field of one record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictView {
    pub kind: ConflictKind,
    /// `household`, `visit`, `consent`, `user`.
    pub entity: String,
    pub entity_id: String,
    pub field: String,
    /// The household the record belongs to, for context.
    pub household_id: Option<HouseholdId>,
    pub household_name: String,
    /// The value the record holds for now (newest clock).
    pub winner: ConflictSide,
    /// The other values, kept until a person decides.
    pub others: Vec<ConflictSide>,
}

/// A person's decision on a conflict: the value to keep (one of the sides, or a new one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ConflictResolution {
    pub kind: ConflictKind,
    pub entity: String,
    pub entity_id: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub value: serde_json::Value,
}
