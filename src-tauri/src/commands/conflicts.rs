use keukentafel_api::{conflicts, Reply};
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
    state.with(conflicts::accept_held)
}
