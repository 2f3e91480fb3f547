//! Inzage (AVG art. 15): a household's own copy of everything kept about it, shown as a
//! printable view and saved as one HTML file.

use std::path::PathBuf;

use keukentafel_api::inzage::{self, Inzage, SavedInzage};
use keukentafel_api::Reply;
use keukentafel_domain::HouseholdId;
use tauri::State;

use super::{today, AppState};

#[tauri::command]
pub fn inzage(state: State<AppState>, household: HouseholdId) -> Reply<Inzage> {
    state.with_templates(|s, t| inzage::inzage(s, t, household, today()))
}

/// Saves the copy as HTML at `path`; an existing file is replaced only when `replace`.
#[tauri::command]
pub fn save_inzage(state: State<AppState>, household: HouseholdId, path: PathBuf, replace: bool) -> Reply<SavedInzage> {
    state.with_templates(|s, t| inzage::save(s, t, household, today(), &path, replace))
}
