use keukentafel_api::{conflicts, HeldChange, HeldSelection, Reply};
use keukentafel_domain::{ConflictResolution, ConflictView};
use tauri::State;

use super::AppState;

#[tauri::command]
pub fn list_conflicts(state: State<AppState>) -> Reply<Vec<ConflictView>> {
    state.with(|s| conflicts::list(s))
}

#[tauri::command]
pub fn resolve_conflict(state: State<AppState>, resolution: ConflictResolution) -> Reply<Vec<ConflictView>> {
    state.with(|s| conflicts::resolve(s, resolution))
}

#[tauri::command]
pub fn accept_held_ops(state: State<AppState>) -> Reply<usize> {
    state.with(|s| conflicts::accept_held(s, HeldSelection::All))
}

#[tauri::command]
pub fn held_changes(state: State<AppState>) -> Reply<Vec<HeldChange>> {
    state.with(|s| conflicts::held(s))
}

#[tauri::command]
pub fn accept_held_changes(state: State<AppState>, which: HeldSelection) -> Reply<usize> {
    state.with(|s| conflicts::accept_held(s, which))
}

#[tauri::command]
pub fn reject_held_changes(state: State<AppState>, which: HeldSelection) -> Reply<usize> {
    state.with(|s| conflicts::reject_held(s, which))
}
