use keukentafel_api::{visits, Reply};
use keukentafel_checklist::{AnswerInput, VisitChecklist};
use keukentafel_domain::{AgendaItem, Visit, VisitId, VisitInput, VisitUpdate};
use tauri::State;

use super::{today, AppState};

#[tauri::command]
pub fn plan_visit(state: State<AppState>, input: VisitInput) -> Reply<Visit> {
    state.with(|s| visits::plan(s, input, today()))
}

#[tauri::command]
pub fn update_visit(state: State<AppState>, update: VisitUpdate) -> Reply<Visit> {
    state.with(|s| visits::update(s, update, today()))
}

#[tauri::command]
pub fn archive_visit(state: State<AppState>, id: VisitId, archived: bool) -> Reply<Visit> {
    state.with(|s| visits::set_archived(s, id, archived))
}

#[tauri::command]
pub fn agenda(state: State<AppState>) -> Reply<Vec<AgendaItem>> {
    state.with(|s| visits::agenda(s, today()))
}

#[tauri::command]
pub fn open_checklist(state: State<AppState>, visit: VisitId) -> Reply<VisitChecklist> {
    state.with_templates(|s, t| visits::open_checklist(s, t, visit))
}

#[tauri::command]
pub fn answer_step(state: State<AppState>, input: AnswerInput) -> Reply<VisitChecklist> {
    state.with_templates(|s, t| visits::answer_step(s, t, input, today()))
}
