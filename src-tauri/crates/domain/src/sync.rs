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

/// A volunteer installation a coordinator enrolled in person, from its pairing code. The keys
/// are text (`age1…`, `ktsig1:…`); the sync crate parses them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub replica: ReplicaId,
    pub name: String,
    pub role: crate::Role,
    pub organisation: String,
    /// Its age public key: return files are encrypted to it.
    pub age_key: String,
    /// Its signing public key: only files signed with it are imported.
    pub signing_key: String,
    /// `false` once revoked: its later files are refused.
    pub active: bool,
    /// The coordinator who enrolled it (name).
    pub enrolled_by: String,
    /// RFC 3339, UTC.
    pub enrolled_at: String,
    pub revoked_at: Option<String>,
}

/// A household given to a volunteer installation by the coordinator: the volunteer's laptop
/// receives that household (its visits, answers and consent) and nothing else. Synced like any
/// record, written only by the coordinator (a volunteer's file that carries one is refused).
/// One record per (household, volunteer): its id is [`assignment_id`]. A household a volunteer
/// creates is assigned to that volunteer when the coordinator first imports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Assignment {
    pub household_id: HouseholdId,
    /// The volunteer installation (replica id).
    pub volunteer: ReplicaId,
    /// The date it was (last) given, `YYYY-MM-DD`.
    pub since: String,
    /// The date it was taken off, `YYYY-MM-DD`; empty while it holds.
    pub until: String,
}

impl Assignment {
    pub fn is_active(&self) -> bool {
        self.until.is_empty()
    }
}

/// Namespace for assignment ids (UUIDv5 of `household id + "/" + replica id`).
const ASSIGNMENT_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6b65_756b_656e_7461_6661_7373_6967_6e6d);

/// The one record id for (household, volunteer): giving a household again edits the same record.
pub fn assignment_id(household: HouseholdId, volunteer: ReplicaId) -> uuid::Uuid {
    uuid::Uuid::new_v5(&ASSIGNMENT_NAMESPACE, format!("{household}/{volunteer}").as_bytes())
}
