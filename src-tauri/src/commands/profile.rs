use keukentafel_api::{profile, Reply};
use keukentafel_domain::{AppInfo, UserProfile, UserProfileInput};
use tauri::State;

use super::{today, AppState};

#[tauri::command]
pub fn app_info(state: State<AppState>) -> Reply<AppInfo> {
    state.with(|s| profile::app_info(s, today()))
}

#[tauri::command]
pub fn save_profile(state: State<AppState>, input: UserProfileInput) -> Reply<UserProfile> {
    state.with(|s| profile::save(s, input))
}
