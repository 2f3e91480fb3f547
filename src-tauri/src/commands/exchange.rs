use keukentafel_api::exchange::{PairingView, VolunteerFiles, VolunteerView};
use keukentafel_api::{errors, exchange, FileReport, Reply};
use keukentafel_domain::{ExportFile, HouseholdId, ReplicaId};
use keukentafel_sync::{ExportOutcome, Progress, SyncOverview};
use tauri::ipc::Channel;
use tauri::{Manager, State};

use super::{now, today, AppState};

#[tauri::command]
pub fn sync_overview(state: State<AppState>) -> Reply<SyncOverview> {
    state.with(|s| exchange::overview(s))
}

#[tauri::command]
pub fn link_coordinator(state: State<AppState>, code: String) -> Reply<SyncOverview> {
    state.with(|s| exchange::link_coordinator(s, &code))
}

#[tauri::command]
pub fn own_pairing(state: State<AppState>) -> Reply<PairingView> {
    state.with(|s| exchange::own_pairing_view(s, today()))
}

#[tauri::command]
pub fn save_pairing_file(state: State<AppState>, dir: String) -> Reply<String> {
    state.with(|s| exchange::save_pairing_file(s, &dir, today()))
}

#[tauri::command]
pub fn read_pairing(code: String) -> Reply<PairingView> {
    exchange::read_pairing(&code)
}

#[tauri::command]
pub fn list_volunteers(state: State<AppState>) -> Reply<Vec<VolunteerView>> {
    state.with(|s| exchange::volunteers(s))
}

#[tauri::command]
pub fn enrol_volunteer(state: State<AppState>, code: String) -> Reply<Vec<VolunteerView>> {
    state.with(|s| exchange::enrol_volunteer(s, &code, now()))
}

#[tauri::command]
pub fn revoke_volunteer(state: State<AppState>, replica: ReplicaId) -> Reply<Vec<VolunteerView>> {
    state.with(|s| exchange::revoke_volunteer(s, replica, now()))
}

#[tauri::command]
pub fn assign_household(state: State<AppState>, household: HouseholdId, volunteer: ReplicaId) -> Reply<Vec<VolunteerView>> {
    state.with(|s| exchange::assign_household(s, household, volunteer, today()))
}

#[tauri::command]
pub fn unassign_household(state: State<AppState>, household: HouseholdId, volunteer: ReplicaId) -> Reply<Vec<VolunteerView>> {
    state.with(|s| exchange::unassign_household(s, household, volunteer, today()))
}

#[tauri::command]
pub fn export_files(state: State<AppState>) -> Reply<Vec<ExportFile>> {
    state.with(|s| exchange::export_files(s))
}

#[tauri::command]
pub fn received_files(state: State<AppState>) -> Reply<Vec<VolunteerFiles>> {
    state.with(|s| exchange::received_files(s))
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
