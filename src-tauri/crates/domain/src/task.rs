//! Tasks: what happens after a visit — a referral to another party, an agreement someone
//! carries out, a follow-up contact — each with an owner, a due date and a status, tracked
//! until done. Closing a visit makes its tasks from the checklist's actions; volunteers add and
//! edit tasks by hand. A task is a record like any other: one op per field, synced.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::Hlc;
use crate::ids::*;
use crate::model::ConsentScope;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// The household is sent to another organisation (debt help, the landlord, the wijkteam).
    Referral,
    /// Something agreed at the table that someone does.
    Agreement,
    /// Contact later: a call or the next visit.
    FollowUpContact,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Open,
    InProgress,
    Done,
    /// Turned out not to be needed.
    NotNeeded,
    /// The party or the household did not respond.
    NoResponse,
}

impl TaskStatus {
    /// Still something to do.
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Open | TaskStatus::InProgress)
    }
}

/// Who carries a task out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskOwnerKind {
    /// A volunteer (named in `owner_name`).
    Volunteer,
    Coordinator,
    /// The household's administrator (bewindvoerder).
    Administrator,
    /// The household itself.
    Household,
}

/// What a task form (or closing a visit) sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskInput {
    pub household_id: HouseholdId,
    /// The visit it came from, if any.
    pub visit_id: Option<VisitId>,
    /// The checklist step it came from; empty for a task made by hand.
    pub step_id: String,
    pub kind: TaskKind,
    /// What is to be done.
    pub what: String,
    /// For whom: the organisation or party referred to (empty when none).
    pub party: String,
    /// The consent the household must have given before data goes to `party`; `None` when the
    /// task shares nothing with a party.
    pub consent_scope: Option<ConsentScope>,
    pub owner_kind: TaskOwnerKind,
    /// The person (a volunteer's or coordinator's name; the administrator's name); may be empty.
    pub owner_name: String,
    #[ts(type = "string")]
    pub due: NaiveDate,
    pub status: TaskStatus,
    /// What came of it.
    pub outcome: String,
    /// The day it was closed (done, not needed, no response); `None` while open.
    #[ts(type = "string | null")]
    pub closed_on: Option<NaiveDate>,
}

/// A task as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Task {
    pub id: TaskId,
    #[serde(flatten)]
    pub data: TaskInput,
    pub archived: bool,
    pub clocks: BTreeMap<String, Hlc>,
}

/// An edit of a task, with the clocks of the values the editor saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskUpdate {
    pub id: TaskId,
    pub data: TaskInput,
    pub base: BTreeMap<String, Hlc>,
}

/// A task in a list (Mijn taken, the household page), with what the list shows beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskRow {
    pub task: Task,
    pub household_name: String,
    /// Open and its due date has passed.
    pub overdue: bool,
    /// The task shares data with a party the household has not (or no longer) given consent
    /// for: the consent scope that is missing.
    pub missing_consent: Option<ConsentScope>,
}

/// Which tasks a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskQuery {
    /// Only tasks of this owner (a person's name), when set.
    pub owner: Option<String>,
    pub household_id: Option<HouseholdId>,
    /// Only tasks due on or before this day, when set.
    #[ts(type = "string | null")]
    pub due_before: Option<NaiveDate>,
    /// Also tasks that are closed (done, not needed, no response).
    pub include_closed: bool,
}

/// The consent a task lacks: it shares data with a party under `scope` and the household's
/// current consent for that scope (`consent`, as [`crate::consent::current`] gives it) is not
/// "given". `None`: nothing is shared, or consent is given.
pub fn missing_consent(task: &TaskInput, consent: &[crate::model::ConsentStatus]) -> Option<ConsentScope> {
    let scope = task.consent_scope?;
    let given = consent.iter().any(|c| c.scope == scope && c.state == crate::model::ConsentState::Given);
    (!given).then_some(scope)
}

/// Namespace for the ids of what closing a visit makes (UUIDv5), so closing a visit again — on
/// this laptop or another — makes the same records, not new ones.
const CLOSE_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6b65_756b_656e_7461_6661_636c_6f73_6501);

/// The id of the task closing `visit` makes for its `n`th action (counted per step) of step
/// `step_id`.
pub fn task_id_for_action(visit: VisitId, step_id: &str, kind: TaskKind, n: usize) -> TaskId {
    let kind = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    TaskId(uuid::Uuid::new_v5(&CLOSE_NAMESPACE, format!("task/{visit}/{step_id}/{kind}/{n}").as_bytes()))
}

/// The id of the follow-up visit closing `visit` plans.
pub fn follow_up_visit_id(visit: VisitId) -> VisitId {
    VisitId(uuid::Uuid::new_v5(&CLOSE_NAMESPACE, format!("follow-up/{visit}").as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(scope: Option<ConsentScope>) -> TaskInput {
        TaskInput {
            household_id: HouseholdId(uuid::Uuid::nil()),
            visit_id: None,
            step_id: String::new(),
            kind: TaskKind::Referral,
            what: "Aanmelden".into(),
            party: "Schuldhulp van de gemeente".into(),
            consent_scope: scope,
            owner_kind: TaskOwnerKind::Volunteer,
            owner_name: "Anna".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            status: TaskStatus::Open,
            outcome: String::new(),
            closed_on: None,
        }
    }

    #[test]
    fn consent_is_missing_unless_the_scope_is_given_now() {
        use crate::model::{ConsentState as S, ConsentStatus};
        let status = |scope, state| ConsentStatus { scope, state, since: None, text_version: None };
        let m = ConsentScope::ShareMunicipality;
        assert_eq!(missing_consent(&input(None), &[]), None);
        assert_eq!(missing_consent(&input(Some(m)), &[]), Some(m));
        assert_eq!(missing_consent(&input(Some(m)), &[status(m, S::Unknown)]), Some(m));
        assert_eq!(missing_consent(&input(Some(m)), &[status(m, S::Withdrawn)]), Some(m));
        assert_eq!(missing_consent(&input(Some(m)), &[status(ConsentScope::ShareLandlord, S::Given)]), Some(m));
        assert_eq!(missing_consent(&input(Some(m)), &[status(m, S::Given)]), None);
    }

    #[test]
    fn closing_ids_are_stable_and_distinct() {
        let v = VisitId(uuid::Uuid::from_u128(7));
        let a = task_id_for_action(v, "debt_help_referral", TaskKind::Referral, 0);
        assert_eq!(a, task_id_for_action(v, "debt_help_referral", TaskKind::Referral, 0));
        assert_ne!(a, task_id_for_action(v, "debt_help_referral", TaskKind::Referral, 1));
        assert_ne!(a, task_id_for_action(v, "debt_help_referral", TaskKind::FollowUpContact, 0));
        assert_ne!(a, task_id_for_action(VisitId(uuid::Uuid::from_u128(8)), "debt_help_referral", TaskKind::Referral, 0));
        assert_ne!(follow_up_visit_id(v).0, a.0);
    }
}
