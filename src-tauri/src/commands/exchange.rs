use keukentafel_api::{errors, exchange, FileReport, Reply};
use keukentafel_domain::ReplicaId;
use keukentafel_sync::{ExportOutcome, Progress, SyncOverview};
use tauri::ipc::Channel;
use tauri::{Manager, State};

use super::{now, AppState};

#[tauri::command]
pub fn sync_overview(state: State<AppState>) -> Reply<SyncOverview> {
    state.with(|s| exchange::overview(s))
}

#[tauri::command]
pub fn link_coordinator(state: State<AppState>, key: String) -> Reply<SyncOverview> {
    state.with(|s| exchange::link_coordinator(s, &key))
}

#[tauri::command]
pub fn link_coordinator_file(state: State<AppState>, path: String) -> Reply<SyncOverview> {
    state.with(|s| exchange::link_coordinator_file(s, std::path::Path::new(&path)))
}

#[tauri::command]
pub fn save_own_key(state: State<AppState>, dir: String) -> Reply<String> {
    state.with(|s| exchange::save_own_key(s, &dir))
}

#[tauri::command(async)]
pub fn export_to_coordinator(state: State<'_, AppState>, dir: String) -> Reply<ExportOutcome> {
    state.with(|s| exchange::export_to_coordinator(s, &dir, now()))
}

#[tauri::command(async)]
pub fn export_return_file(state: State<'_, AppState>, replica: ReplicaId, dir: String) -> Reply<ExportOutcome> {
    state.with(|s| exchange::export_return_file(s, replica, &dir, now()))
}

#[tauri::command(async)]
pub fn import_files(state: State<'_, AppState>, paths: Vec<String>, progress: Channel<Progress>) -> Reply<Vec<FileReport>> {
    let paths: Vec<_> = paths.into_iter().map(std::path::PathBuf::from).collect();
    state.with(|s| exchange::import_files(s, &paths, now(), |p| drop(progress.send(p))))
}

/// Where export files go unless the volunteer picks another folder (the OS's Documents folder).
#[tauri::command]
pub fn default_export_dir(app: tauri::AppHandle) -> Reply<String> {
    let base = app.path().document_dir().or_else(|_| app.path().home_dir()).map_err(errors::no_documents_folder)?;
    Ok(base.join("Keukentafel").display().to_string())
}
