//! Voorraad: the stock of materials, and this installation's settings.

use keukentafel_api::{stock, Reply};
use keukentafel_domain::{MovementInput, Settings, StockItem, StockItemId, StockItemInput, StockItemUpdate, StockMovement, StockOverview};
use tauri::State;

use super::{today, AppState};

#[tauri::command]
pub fn stock_overview(state: State<AppState>) -> Reply<StockOverview> {
    state.with_templates(|s, t| stock::overview(s, t))
}

#[tauri::command]
pub fn add_stock_item(state: State<AppState>, input: StockItemInput) -> Reply<StockItem> {
    state.with(|s| stock::add_item(s, input))
}

#[tauri::command]
pub fn save_stock_item(state: State<AppState>, update: StockItemUpdate) -> Reply<StockItem> {
    state.with(|s| stock::save_item(s, update))
}

#[tauri::command]
pub fn archive_stock_item(state: State<AppState>, id: StockItemId, archived: bool) -> Reply<StockItem> {
    state.with(|s| stock::archive_item(s, id, archived))
}

#[tauri::command]
pub fn record_movement(state: State<AppState>, input: MovementInput) -> Reply<StockMovement> {
    state.with_templates(|s, t| stock::record_movement(s, t, input, today()))
}

#[tauri::command]
pub fn stock_movements(state: State<AppState>, item: Option<StockItemId>) -> Reply<Vec<StockMovement>> {
    state.with(|s| stock::movements(s, item))
}

#[tauri::command]
pub fn settings(state: State<AppState>) -> Reply<Settings> {
    state.with(|s| stock::settings(s))
}

#[tauri::command]
pub fn save_settings(state: State<AppState>, settings: Settings) -> Reply<Settings> {
    state.with(|s| stock::save_settings(s, settings))
}
