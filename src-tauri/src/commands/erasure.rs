//! Gegevens wissen: erasing households (coordinator), the erasures with their confirmations,
//! and the "te wissen" list of the retention period.

use keukentafel_api::erasure::{self, EraseRequest, RetentionList};
use keukentafel_api::Reply;
use keukentafel_domain::{Erasure, HouseholdId, ReplicaId};
use tauri::State;

use super::{now, today, AppState};

#[tauri::command]
pub fn erase_households(state: State<AppState>, request: EraseRequest) -> Reply<Vec<Erasure>> {
    state.with_templates(|s, t| erasure::erase_many(s, t, request, now()))
}

#[tauri::command]
pub fn list_erasures(state: State<AppState>) -> Reply<Vec<Erasure>> {
    state.with(|s| erasure::erasures(s))
}

#[tauri::command]
pub fn confirm_erasure_by_hand(state: State<AppState>, household: HouseholdId, volunteer: ReplicaId) -> Reply<Erasure> {
    state.with(|s| erasure::confirm_by_hand(s, household, volunteer, now()))
}

#[tauri::command]
pub fn retention_list(state: State<AppState>) -> Reply<RetentionList> {
    state.with(|s| erasure::retention(s, today()))
}
