use keukentafel_api::{tasks, ClosedVisit, ClosingProposal, CloseVisit, MyTasks, Reply};
use keukentafel_domain::{HouseholdId, Task, TaskId, TaskInput, TaskRow, TaskUpdate, VisitId};
use tauri::State;

use super::{today, AppState};

#[tauri::command]
pub fn propose_closing(state: State<AppState>, visit: VisitId) -> Reply<ClosingProposal> {
    state.with_templates(|s, t| tasks::propose_closing(s, t, visit, today()))
}

#[tauri::command]
pub fn close_visit(state: State<AppState>, input: CloseVisit) -> Reply<ClosedVisit> {
    state.with_templates(|s, t| tasks::close_visit(s, t, input, today()))
}

#[tauri::command]
pub fn my_tasks(state: State<AppState>) -> Reply<MyTasks> {
    state.with(|s| tasks::mine(s, today()))
}

#[tauri::command]
pub fn household_tasks(state: State<AppState>, household: HouseholdId) -> Reply<Vec<TaskRow>> {
    state.with(|s| tasks::of_household(s, household, today()))
}

#[tauri::command]
pub fn add_task(state: State<AppState>, input: TaskInput) -> Reply<Task> {
    state.with(|s| tasks::add(s, input, today()))
}

#[tauri::command]
pub fn update_task(state: State<AppState>, update: TaskUpdate) -> Reply<Task> {
    state.with(|s| tasks::update(s, update, today()))
}

#[tauri::command]
pub fn archive_task(state: State<AppState>, id: TaskId, archived: bool) -> Reply<Task> {
    state.with(|s| tasks::set_archived(s, id, archived))
}

#[tauri::command]
pub fn follow_up_review(state: State<AppState>, visit: VisitId) -> Reply<keukentafel_api::FollowUpReview> {
    state.with_templates(|s, t| keukentafel_api::follow_up::review(s, t, visit, today()))
}
