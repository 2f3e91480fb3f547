//! Overzicht: the caseload in numbers, with the ids behind each.

use keukentafel_api::{overview, overview::Overview, Reply};
use tauri::State;

use super::{today, AppState};

/// The overview on today; `stale_after_days` is the period after which a volunteer's last file
/// stands out (default: the one saved in the settings).
#[tauri::command]
pub fn overview(state: State<AppState>, stale_after_days: Option<u32>) -> Reply<Overview> {
    state.with(|s| overview::with_settings(s, today(), stale_after_days))
}
