use keukentafel_api::{households, Reply};
use keukentafel_domain::{
    Household, HouseholdDetail, HouseholdId, HouseholdInput, HouseholdPage, HouseholdQuery, HouseholdSummary, HouseholdUpdate,
};
use tauri::State;

use super::{today, AppState};

#[tauri::command]
pub fn list_households(state: State<AppState>, query: HouseholdQuery) -> Reply<Vec<HouseholdSummary>> {
    state.with(|s| households::list(s, &query, today()))
}

#[tauri::command]
pub fn household_page(state: State<AppState>, query: HouseholdQuery, offset: u32, limit: u32) -> Reply<HouseholdPage> {
    state.with(|s| households::page(s, &query, offset, limit, today()))
}

#[tauri::command]
pub fn list_wijken(state: State<AppState>) -> Reply<Vec<String>> {
    state.with(|s| households::wijken(s))
}

#[tauri::command]
pub fn get_household(state: State<AppState>, id: HouseholdId) -> Reply<HouseholdDetail> {
    state.with(|s| households::detail(s, id))
}

#[tauri::command]
pub fn create_household(state: State<AppState>, input: HouseholdInput) -> Reply<Household> {
    state.with(|s| households::create(s, input))
}

#[tauri::command]
pub fn update_household(state: State<AppState>, update: HouseholdUpdate) -> Reply<Household> {
    state.with(|s| households::update(s, update))
}

#[tauri::command]
pub fn archive_household(state: State<AppState>, id: HouseholdId, archived: bool) -> Reply<Household> {
    state.with(|s| households::set_archived(s, id, archived))
}
