//! Rapportage voor de gemeente: the report for the printable view, and saving it as XLSX or CSV.

use std::path::PathBuf;

use keukentafel_api::report::{self, Report, ReportFormat, ReportRequest, SavedReport};
use keukentafel_api::Reply;
use tauri::State;

use super::{today, AppState};

#[tauri::command]
pub fn report(state: State<AppState>, request: ReportRequest) -> Reply<Report> {
    state.with_templates(|s, t| report::report(s, t, &request, today()))
}

/// Saves the report at `path` (an `.xlsx` file, or a folder for the CSV files).
#[tauri::command]
pub fn save_report(state: State<AppState>, request: ReportRequest, format: ReportFormat, path: PathBuf) -> Reply<SavedReport> {
    state.with_templates(|s, t| report::save_report(s, t, &request, format, &path, today()))
}
