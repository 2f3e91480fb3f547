//! What closing a visit ("Bezoek afronden") makes: a task per referral and per follow-up
//! contact of the evaluation, an agreement task for what the household agreed to do and for
//! what the administrator arranges (from the household's sheet), and the date of the follow-up
//! visit. Pure: the store writes the plan in one transaction.
//!
//! Rules:
//! - **Owner.** A volunteer's action goes to the visit's volunteer with that role (known from
//!   the users the store holds, as on the sheet); when no volunteer on the visit has that role,
//!   to one whose role is not known; failing that, and when both roles act, to the first
//!   volunteer on the visit. The administrator's and the
//!   household's actions go to them (the administrator by name when the record has one).
//! - **Due.** A referral is due [`REFERRAL_DUE_DAYS`] after the visit (the volunteer makes the
//!   contact within two weeks); a follow-up contact on its own due date; what the household
//!   agreed is checked at the follow-up visit (or after the template's follow-up days when no
//!   visit follows); what the administrator arranges, like a referral.
//! - **Consent.** A referral a volunteer carries out needs the consent its template names
//!   ([`crate::template::ReferralEffect::consent`]); the administrator (who has the household's
//!   mandate) and the household itself need none from us.
//! - **Ids.** Each task's id is [`task_id_for_action`] of the visit, the step and the kind,
//!   counted per step, so closing again (here or on another laptop) proposes the same ids.

use chrono::{Days, NaiveDate};
use keukentafel_domain::{
    task_id_for_action, HouseholdId, TaskId, TaskInput, TaskKind, TaskOwnerKind, TaskStatus, VisitId,
};

use crate::outcome::{Action, Evaluation};
use crate::sheet::{HouseholdSheet, SheetContact, TaskWhat};
use crate::template::Who;

/// Days after the visit by which a volunteer has made a referral's contact.
pub const REFERRAL_DUE_DAYS: u64 = 14;

/// The pseudo step ids of the agreement tasks taken from the sheet.
pub const HOUSEHOLD_AGREES_STEP: &str = "household_agrees";
pub const ADMINISTRATOR_ARRANGES_STEP: &str = "administrator_arranges";

/// What closing a visit proposes.
#[derive(Clone, Debug, PartialEq)]
pub struct ClosingPlan {
    pub tasks: Vec<(TaskId, TaskInput)>,
    /// The follow-up visit's date: the evaluation's next visit, if the checklist gives one.
    pub follow_up: Option<NaiveDate>,
}

/// The visit being closed.
#[derive(Clone, Copy, Debug)]
pub struct ClosingVisit<'a> {
    pub id: VisitId,
    pub household: HouseholdId,
    pub date: NaiveDate,
    /// The names on the visit, in order.
    pub volunteers: &'a [String],
}

/// The plan for closing `visit`, from its evaluation and its household sheet (built with
/// [`HouseholdSheet::for_household`], so its contacts know the volunteers' roles).
pub fn plan_closing(visit: ClosingVisit<'_>, evaluation: &Evaluation, sheet: &HouseholdSheet) -> ClosingPlan {
    let owner = |who: Who| owner_for(who, visit.volunteers, &sheet.contacts);
    let after = |days: u64| visit.date.checked_add_days(Days::new(days)).unwrap_or(visit.date);
    let mut counts: Vec<(String, TaskKind, usize)> = Vec::new();
    let mut next_n = |step: &str, kind: TaskKind| -> usize {
        match counts.iter_mut().find(|(s, k, _)| s == step && *k == kind) {
            Some((_, _, n)) => {
                *n += 1;
                *n
            }
            None => {
                counts.push((step.to_owned(), kind, 0));
                0
            }
        }
    };
    let mut tasks = Vec::new();
    let mut push = |step: &str, kind: TaskKind, what: String, party: String, consent, who: Who, due: NaiveDate,
                    tasks: &mut Vec<(TaskId, TaskInput)>| {
        let (owner_kind, owner_name) = owner(who);
        let consent = if matches!(owner_kind, TaskOwnerKind::Volunteer | TaskOwnerKind::Coordinator) { consent } else { None };
        let n = next_n(step, kind);
        tasks.push((
            task_id_for_action(visit.id, step, kind, n),
            TaskInput {
                household_id: visit.household,
                visit_id: Some(visit.id),
                step_id: step.to_owned(),
                kind,
                what,
                party,
                consent_scope: consent,
                owner_kind,
                owner_name,
                due,
                status: TaskStatus::Open,
                outcome: String::new(),
                closed_on: None,
            },
        ));
    };
    let check_agreements_on = evaluation.next_visit.unwrap_or_else(|| after(REFERRAL_DUE_DAYS));
    for t in &sheet.tasks {
        match &t.what {
            TaskWhat::HouseholdAgrees { labels } => push(
                HOUSEHOLD_AGREES_STEP,
                TaskKind::Agreement,
                join(labels.iter().map(|l| l.nl.as_str())),
                String::new(),
                None,
                Who::Household,
                check_agreements_on,
                &mut tasks,
            ),
            TaskWhat::AdministratorArranges { labels } => push(
                ADMINISTRATOR_ARRANGES_STEP,
                TaskKind::Agreement,
                join(labels.iter().map(|l| l.nl.as_str())),
                String::new(),
                None,
                Who::Administrator,
                after(REFERRAL_DUE_DAYS),
                &mut tasks,
            ),
            TaskWhat::ContactWith { .. } | TaskWhat::FollowUp { .. } => {}
        }
    }
    for action in &evaluation.actions {
        match action {
            Action::Referral { step_id, who, to, reason, consent, .. } => push(
                step_id,
                TaskKind::Referral,
                reason.nl.clone(),
                to.nl.clone(),
                *consent,
                *who,
                after(REFERRAL_DUE_DAYS),
                &mut tasks,
            ),
            Action::FollowUp { next_visit: true, .. } => {}
            Action::FollowUp { step_id, who, what, due, .. } => push(
                step_id,
                TaskKind::FollowUpContact,
                what.nl.clone(),
                String::new(),
                None,
                *who,
                *due,
                &mut tasks,
            ),
        }
    }
    ClosingPlan { tasks, follow_up: evaluation.next_visit }
}

/// "a, b en c".
fn join<'a>(labels: impl Iterator<Item = &'a str>) -> String {
    let labels: Vec<&str> = labels.collect();
    match labels.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} en {last}", rest.join(", ")),
    }
}

/// Who owns an action of `who`; see the module rules.
fn owner_for(who: Who, volunteers: &[String], contacts: &[SheetContact]) -> (TaskOwnerKind, String) {
    let first = || volunteers.iter().map(|v| v.trim()).find(|v| !v.is_empty()).unwrap_or_default().to_owned();
    let with_role = |w: Who| contacts.iter().find(|c| c.who == Some(w) && !c.name.trim().is_empty()).map(|c| c.name.clone());
    match who {
        Who::EnergyCoach | Who::DebtHelpVolunteer => {
            // Else a volunteer whose role nobody knows (not one known to do the other job).
            let unknown = || {
                contacts.iter().find(|c| c.who.is_none() && !c.name.trim().is_empty()).map(|c| c.name.clone())
            };
            (TaskOwnerKind::Volunteer, with_role(who).or_else(unknown).unwrap_or_else(first))
        }
        Who::Both => (TaskOwnerKind::Volunteer, first()),
        Who::Administrator => (TaskOwnerKind::Administrator, with_role(Who::Administrator).unwrap_or_default()),
        Who::Household => (TaskOwnerKind::Household, String::new()),
    }
}

#[cfg(test)]
#[path = "closing_tests.rs"]
mod tests;
