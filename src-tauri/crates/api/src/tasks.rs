//! Tasks and closing a visit: what "Bezoek afronden" proposes and does (the tasks from the
//! checklist's actions, made once, and the follow-up visit), Mijn taken, a household's tasks,
//! and adding and editing a task by hand. The rules of what closing makes are the checklist
//! crate's ([`keukentafel_checklist::closing`]); the store writes them in one transaction.

use chrono::NaiveDate;
use keukentafel_checklist::{plan_closing, ClosingVisit};
use keukentafel_domain::{
    follow_up_visit_id, missing_consent, ConsentScope, HouseholdId, Role, Rule, Task, TaskId, TaskInput, TaskQuery,
    TaskRow, TaskUpdate, ValidationErrors, StockOut, Visit, VisitId, VisitInput, VisitKind, VisitStatus,
};
use keukentafel_store::{Store, VisitClosing};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::visits::Templates;
use crate::Reply;

/// One task closing a visit would make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProposedTask {
    pub id: TaskId,
    pub task: TaskInput,
    /// Closing made it before: it is not made again.
    pub exists: bool,
    /// The consent the household has not given for the party this task shares data with.
    pub missing_consent: Option<ConsentScope>,
}

/// What "Bezoek afronden" shows before the volunteers confirm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClosingProposal {
    pub visit: Visit,
    pub household_name: String,
    pub tasks: Vec<ProposedTask>,
    /// The follow-up date the checklist proposes (`None`: the checklist plans no visit).
    #[ts(type = "string | null")]
    pub follow_up_date: Option<NaiveDate>,
    /// The follow-up visit closing planned before, if any (closing again plans no second one).
    pub follow_up: Option<Visit>,
    /// The visit is planned for a day still to come: it cannot be closed yet.
    pub in_future: bool,
    /// What the visit installed, booked out of stock when it is closed.
    pub stock_out: Vec<StockOut>,
    /// The name of each measure in `stock_out`, in both languages.
    pub stock_out_labels: std::collections::BTreeMap<String, keukentafel_checklist::Text>,
}

/// What the volunteers confirm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseVisit {
    pub visit_id: VisitId,
    /// The follow-up visit's day; `None`: no follow-up visit.
    #[ts(type = "string | null")]
    pub follow_up_date: Option<NaiveDate>,
    /// `HH:MM` or empty.
    pub follow_up_time: String,
}

/// What closing did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClosedVisit {
    pub visit: Visit,
    /// How many tasks were made now (0 when the visit was closed before).
    pub created: u32,
    /// The visit's tasks, as Mijn taken lists them.
    pub tasks: Vec<TaskRow>,
    pub follow_up: Option<Visit>,
}

/// Mijn taken: the user's open tasks, and for a coordinator every open task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MyTasks {
    pub rows: Vec<TaskRow>,
    pub overdue: u32,
    /// Due today or overdue: the number in the header.
    pub due: u32,
    /// The list holds every volunteer's tasks (the user is a coordinator).
    pub everyone: bool,
}

/// What closing `visit` would make.
pub fn propose_closing(store: &mut Store, templates: &Templates, visit: VisitId, today: NaiveDate) -> Reply<ClosingProposal> {
    let checklist = templates.open_visit(store, visit)?;
    let v = checklist.visit;
    // Due dates count from the day the visit is closed (a missed visit closed late does not
    // start with overdue referrals).
    let plan = plan_closing(
        ClosingVisit {
            id: v.id,
            household: v.data.household_id,
            date: v.data.planned_date.max(today),
            volunteers: &v.data.volunteers,
        },
        &checklist.evaluation,
        &checklist.sheet,
    );
    let consent = store.household_detail(v.data.household_id)?.consent;
    let mut tasks = Vec::with_capacity(plan.tasks.len());
    for (id, task) in plan.tasks {
        // A task closing made before is shown as it is now (edited since, perhaps), not as the
        // checklist would word it today.
        let (task, exists) = match store.task(id) {
            Ok(stored) => (stored.data, true),
            Err(keukentafel_store::StoreError::NotFound { .. }) => (task, false),
            Err(keukentafel_store::StoreError::Unreadable { .. }) => (task, true),
            Err(e) => return Err(e.into()),
        };
        tasks.push(ProposedTask { id, missing_consent: missing_consent(&task, &consent), task, exists });
    }
    let follow_up = existing_visit(store, follow_up_visit_id(v.id))?;
    let installed: Vec<&keukentafel_checklist::InstalledItem> = checklist
        .sheet
        .did
        .iter()
        .flat_map(|item| match item {
            keukentafel_checklist::SheetItem::MeasuresInstalled { items } => items.iter().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    let stock_out_labels = installed.iter().map(|i| (i.measure.clone(), i.label.clone())).collect();
    let stock_out = keukentafel_domain::stock_out(checklist.sheet.did.iter().flat_map(|item| match item {
        keukentafel_checklist::SheetItem::MeasuresInstalled { items } => {
            items.iter().map(|i| (i.measure.clone(), i.quantity)).collect::<Vec<_>>()
        }
        _ => Vec::new(),
    }));
    Ok(ClosingProposal {
        stock_out,
        stock_out_labels,
        in_future: v.data.planned_date > today,
        household_name: checklist.household_name,
        // Never a day that has passed already.
        follow_up_date: plan.follow_up.map(|d| d.max(today)),
        follow_up,
        tasks,
        visit: v,
    })
}

/// Closes a visit: marks it done, makes its tasks (once) and plans the follow-up visit on the
/// chosen day (once; the same volunteers).
pub fn close_visit(store: &mut Store, templates: &Templates, input: CloseVisit, today: NaiveDate) -> Reply<ClosedVisit> {
    let proposal = propose_closing(store, templates, input.visit_id, today)?;
    let v = &proposal.visit;
    if input.follow_up_date.is_some_and(|d| d <= v.data.planned_date) {
        return Err(keukentafel_store::StoreError::Validation(ValidationErrors::one("follow_up_date", Rule::FollowUpBeforeVisit)).into());
    }
    if v.data.status == VisitStatus::Cancelled {
        return Err(keukentafel_store::StoreError::Validation(ValidationErrors::one("status", Rule::VisitCancelled)).into());
    }
    // What the household agreed is checked at the follow-up visit the volunteers chose, or two
    // weeks from now without one.
    let check_on = input.follow_up_date.unwrap_or_else(|| today + chrono::Days::new(keukentafel_checklist::closing::REFERRAL_DUE_DAYS));
    let follow_up = input.follow_up_date.map(|date| {
        (
            follow_up_visit_id(v.id),
            VisitInput {
                household_id: v.data.household_id,
                planned_date: date,
                planned_time: input.follow_up_time.clone(),
                kind: VisitKind::FollowUp,
                volunteers: v.data.volunteers.clone(),
                status: VisitStatus::Planned,
                summary: String::new(),
            },
        )
    });
    let closing = VisitClosing {
        visit: v.id,
        tasks: proposal
            .tasks
            .into_iter()
            .filter(|p| !p.exists)
            .map(|p| {
                let mut task = p.task;
                if task.step_id == keukentafel_checklist::closing::HOUSEHOLD_AGREES_STEP {
                    task.due = check_on;
                }
                (p.id, task)
            })
            .collect(),
        follow_up,
        stock_out: proposal.stock_out,
    };
    let closed = store.close_visit(closing, today)?;
    let query = TaskQuery { household_id: Some(v.data.household_id), include_closed: true, ..TaskQuery::default() };
    let tasks = store.tasks(&query, today)?.into_iter().filter(|r| r.task.data.visit_id == Some(v.id)).collect();
    Ok(ClosedVisit {
        visit: store.visit(v.id)?,
        created: u32::try_from(closed.created.len()).unwrap_or(u32::MAX),
        tasks,
        follow_up: match closed.follow_up {
            Some(id) => existing_visit(store, id)?,
            None => None,
        },
    })
}

fn existing_visit(store: &Store, id: VisitId) -> Reply<Option<Visit>> {
    match store.visit(id) {
        Ok(v) => Ok(Some(v)),
        Err(keukentafel_store::StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Tasks as a list shows them (see [`Store::tasks`]).
pub fn list(store: &Store, query: &TaskQuery, today: NaiveDate) -> Reply<Vec<TaskRow>> {
    Ok(store.tasks(query, today)?)
}

/// Mijn taken: a volunteer's open tasks (owned by their name), a coordinator's: everyone's.
pub fn mine(store: &Store, today: NaiveDate) -> Reply<MyTasks> {
    let profile = store.profile()?;
    let everyone = profile.as_ref().is_none_or(|p| p.role == Role::Coordinator);
    let owner = if everyone { None } else { profile.map(|p| p.name) };
    let rows = store.tasks(&TaskQuery { owner, ..TaskQuery::default() }, today)?;
    let count = |f: &dyn Fn(&TaskRow) -> bool| u32::try_from(rows.iter().filter(|r| f(r)).count()).unwrap_or(u32::MAX);
    Ok(MyTasks {
        overdue: count(&|r| r.overdue),
        due: count(&|r| r.task.data.due <= today),
        everyone,
        rows,
    })
}

/// A household's tasks, open and closed.
pub fn of_household(store: &Store, household: HouseholdId, today: NaiveDate) -> Reply<Vec<TaskRow>> {
    let query = TaskQuery { household_id: Some(household), include_closed: true, ..TaskQuery::default() };
    Ok(store.tasks(&query, today)?)
}

pub fn add(store: &mut Store, input: TaskInput, today: NaiveDate) -> Reply<Task> {
    Ok(store.add_task(input, today)?)
}

pub fn update(store: &mut Store, update: TaskUpdate, today: NaiveDate) -> Reply<Task> {
    Ok(store.update_task(update, today)?)
}

pub fn set_archived(store: &mut Store, id: TaskId, archived: bool) -> Reply<Task> {
    Ok(store.set_task_archived(id, archived)?)
}
