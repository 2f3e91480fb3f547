use keukentafel_api::{consent, Reply};
use keukentafel_domain::{ConsentEvent, ConsentInput};
use tauri::State;

use super::{today, AppState};

#[tauri::command]
pub fn record_consent(state: State<AppState>, input: ConsentInput) -> Reply<ConsentEvent> {
    state.with(|s| consent::record(s, input, today()))
}

#[tauri::command]
pub fn record_consents(state: State<AppState>, inputs: Vec<ConsentInput>) -> Reply<Vec<ConsentEvent>> {
    state.with(|s| consent::record_many(s, inputs, today()))
}
