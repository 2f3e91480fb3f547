//! The Keukentafel desktop app: a thin Tauri 2 shell.
//!
//! Each command deserialises its input, calls one store function and turns a `StoreError` into
//! the UI's `{code, message}` ([`ApiError`]). No SQL and no rules live here. The store file is
//! `$KEUKENTAFEL_DB` when set, otherwise `keukentafel.sqlite3` in the OS app-data directory.
//! When the store cannot be opened (newer version, damaged, foreign file) the window still opens
//! and every command returns the opening error, so the UI can explain it in Dutch.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;
use keukentafel_checklist::{AnswerInput, Templates, VisitChecklist};
use keukentafel_domain::*;
use keukentafel_store::{Store, StoreError};
use keukentafel_sync::{ExportOutcome, FileReport, KeyPair, Progress, SyncOverview};
use tauri::ipc::Channel;
use tauri::{Manager, State};

struct AppState {
    store: Result<Mutex<Store>, ApiError>,
    /// The checklist templates built into this version, compiled once at start-up.
    templates: Result<Templates, ApiError>,
}

type Reply<T> = Result<T, ApiError>;

fn with_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Reply<T> {
    let lock = state.store.as_ref().map_err(Clone::clone)?;
    let mut store = lock
        .lock()
        .map_err(|_| ApiError::new(ErrorCode::Internal, "Er ging iets mis. Start Keukentafel opnieuw.", "Something went wrong. Restart Keukentafel."))?;
    f(&mut store).map_err(ApiError::from)
}

/// Today in the volunteer's own time zone.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
fn app_info(state: State<AppState>) -> Reply<AppInfo> {
    with_store(&state, |s| s.app_info(today()))
}

#[tauri::command]
fn save_profile(state: State<AppState>, input: UserProfileInput) -> Reply<UserProfile> {
    with_store(&state, |s| s.save_profile(input))
}

#[tauri::command]
fn list_households(state: State<AppState>, query: HouseholdQuery) -> Reply<Vec<HouseholdSummary>> {
    with_store(&state, |s| s.list_households(&query, today()))
}

#[tauri::command]
fn list_wijken(state: State<AppState>) -> Reply<Vec<String>> {
    with_store(&state, |s| s.wijken())
}

#[tauri::command]
fn get_household(state: State<AppState>, id: HouseholdId) -> Reply<HouseholdDetail> {
    with_store(&state, |s| s.household_detail(id))
}

#[tauri::command]
fn create_household(state: State<AppState>, input: HouseholdInput) -> Reply<Household> {
    with_store(&state, |s| s.create_household(input))
}

#[tauri::command]
fn update_household(state: State<AppState>, update: HouseholdUpdate) -> Reply<Household> {
    with_store(&state, |s| s.update_household(update))
}

#[tauri::command]
fn archive_household(state: State<AppState>, id: HouseholdId, archived: bool) -> Reply<Household> {
    with_store(&state, |s| s.set_household_archived(id, archived))
}

#[tauri::command]
fn record_consent(state: State<AppState>, input: ConsentInput) -> Reply<ConsentEvent> {
    with_store(&state, |s| s.record_consent(input, today()))
}

#[tauri::command]
fn plan_visit(state: State<AppState>, input: VisitInput) -> Reply<Visit> {
    with_store(&state, |s| s.plan_visit(input, today()))
}

#[tauri::command]
fn update_visit(state: State<AppState>, update: VisitUpdate) -> Reply<Visit> {
    with_store(&state, |s| s.update_visit(update, today()))
}

#[tauri::command]
fn archive_visit(state: State<AppState>, id: VisitId, archived: bool) -> Reply<Visit> {
    with_store(&state, |s| s.set_visit_archived(id, archived))
}

#[tauri::command]
fn agenda(state: State<AppState>) -> Reply<Vec<AgendaItem>> {
    with_store(&state, |s| s.agenda(today()))
}

#[tauri::command]
fn open_checklist(state: State<AppState>, visit: VisitId) -> Reply<VisitChecklist> {
    let templates = state.templates.as_ref().map_err(Clone::clone)?;
    with_store(&state, |s| Ok(templates.open(s, visit)))?.map_err(ApiError::from)
}

#[tauri::command]
fn answer_step(state: State<AppState>, input: AnswerInput) -> Reply<VisitChecklist> {
    let templates = state.templates.as_ref().map_err(Clone::clone)?;
    with_store(&state, |s| Ok(templates.answer(s, input)))?.map_err(ApiError::from)
}

// ---- sync: export files, import, conflicts ---------------------------------------------------

/// This installation's age identity (made on first use, kept beside the store).
fn identity(store: &Store) -> Result<KeyPair, ApiError> {
    keukentafel_sync::load_or_create_identity(store.path()).map_err(ApiError::from)
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// The folder an export goes to: the UI always sends a full path; an empty or relative one
/// (which would land somewhere unexpected) is refused.
fn export_dir(dir: &str) -> Result<PathBuf, ApiError> {
    let path = PathBuf::from(dir.trim());
    if dir.trim().is_empty() || !path.is_absolute() || path.parent().is_none() {
        return Err(ApiError::validation(vec![FieldError::new(
            "dir",
            FieldErrorCode::Invalid,
            "Kies een map om het bestand in op te slaan, bijvoorbeeld op een USB-stick.",
            "Choose a folder to save the file in, for example on a USB stick.",
        )]));
    }
    Ok(path)
}

#[tauri::command]
fn sync_overview(state: State<AppState>) -> Reply<SyncOverview> {
    with_store(&state, |s| Ok(identity(s).and_then(|k| keukentafel_sync::overview(s, &k).map_err(ApiError::from))))?
}

#[tauri::command]
fn link_coordinator(state: State<AppState>, key: String) -> Reply<SyncOverview> {
    with_store(&state, |s| {
        Ok(keukentafel_sync::link_coordinator(s, &key)
            .map_err(ApiError::from)
            .and_then(|_| identity(s))
            .and_then(|k| keukentafel_sync::overview(s, &k).map_err(ApiError::from)))
    })?
}

/// Links to the coordinator from a key file the coordinator handed out.
#[tauri::command]
fn link_coordinator_file(state: State<AppState>, path: String) -> Reply<SyncOverview> {
    with_store(&state, |s| {
        Ok(keukentafel_sync::link_coordinator_file(s, std::path::Path::new(&path))
            .map_err(ApiError::from)
            .and_then(|_| identity(s))
            .and_then(|k| keukentafel_sync::overview(s, &k).map_err(ApiError::from)))
    })?
}

/// Saves this installation's public key as a small file in `dir` (to hand to volunteers).
#[tauri::command]
fn save_own_key(state: State<AppState>, dir: String) -> Reply<String> {
    let dir = export_dir(&dir)?;
    with_store(&state, |s| {
        let author = s.profile()?.map(|p| p.name).unwrap_or_default();
        Ok(identity(s).and_then(|k| {
            keukentafel_sync::save_public_key(&k, &author, &dir).map(|p| p.display().to_string()).map_err(ApiError::from)
        }))
    })?
}

#[tauri::command(async)]
fn export_to_coordinator(state: State<'_, AppState>, dir: String) -> Reply<ExportOutcome> {
    let dir = export_dir(&dir)?;
    with_store(&state, |s| {
        Ok(identity(s)
            .and_then(|k| keukentafel_sync::export_to_coordinator(s, &k, &dir, now()).map_err(ApiError::from)))
    })?
}

#[tauri::command(async)]
fn export_return_file(state: State<'_, AppState>, replica: ReplicaId, dir: String) -> Reply<ExportOutcome> {
    let dir = export_dir(&dir)?;
    with_store(&state, |s| {
        Ok(identity(s)
            .and_then(|k| keukentafel_sync::export_return_file(s, &k, replica, &dir, now()).map_err(ApiError::from)))
    })?
}

/// Imports any number of files; progress goes to `progress` as each file moves through its
/// stages. Each file is verified whole before the store is touched and applied in one
/// transaction; a refused file is reported and does not stop the others.
#[tauri::command(async)]
fn import_files(state: State<'_, AppState>, paths: Vec<String>, progress: Channel<Progress>) -> Reply<Vec<FileReport>> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    with_store(&state, |s| {
        Ok(identity(s).map(|k| {
            keukentafel_sync::import_files(s, &k, &paths, now(), |p| {
                let _ = progress.send(p);
            })
        }))
    })?
}

#[tauri::command]
fn list_conflicts(state: State<AppState>) -> Reply<Vec<ConflictView>> {
    with_store(&state, |s| s.open_conflicts())
}

#[tauri::command]
fn resolve_conflict(state: State<AppState>, resolution: ConflictResolution) -> Reply<Vec<ConflictView>> {
    with_store(&state, |s| {
        s.resolve_conflict(resolution)?;
        s.open_conflicts()
    })
}

/// Accepts every op held back for the coordinator (a laptop whose clock ran ahead).
#[tauri::command]
fn accept_held_ops(state: State<AppState>) -> Reply<usize> {
    with_store(&state, |s| {
        let ids: Vec<_> = s.held_ops()?.into_iter().map(|(op, _)| op.op_id).collect();
        Ok(s.accept_held(&ids)?.new)
    })
}

/// Where export files go unless the volunteer picks another folder.
#[tauri::command]
fn default_export_dir(app: tauri::AppHandle) -> Reply<String> {
    let base = app.path().document_dir().or_else(|_| app.path().home_dir()).map_err(|e| {
        ApiError::new(ErrorCode::StoreIo, "Keukentafel kan je map Documenten niet vinden.", e.to_string())
    })?;
    Ok(base.join("Keukentafel").display().to_string())
}

fn store_path(app: &tauri::App) -> Result<PathBuf, ApiError> {
    if let Some(p) = std::env::var_os("KEUKENTAFEL_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dir = app.path().app_data_dir().map_err(|e| {
        ApiError::new(
            ErrorCode::StoreIo,
            "Keukentafel kan de map voor zijn gegevens niet vinden.",
            format!("Keukentafel cannot find its data folder: {e}"),
        )
    })?;
    Ok(dir.join("keukentafel.sqlite3"))
}

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let store = store_path(app).and_then(|path| {
                Store::open(&path, Sources::system()).map(Mutex::new).map_err(ApiError::from)
            });
            if let Err(e) = &store {
                eprintln!("keukentafel: store not opened: {e}");
            }
            let templates = Templates::builtin().map_err(|errors| {
                ApiError::new(
                    ErrorCode::Internal,
                    "De vragenlijst van deze versie is kapot. Neem contact op met de beheerder.",
                    format!("the built-in checklist template does not compile: {errors:?}"),
                )
            });
            app.manage(AppState { store, templates });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app_info,
            save_profile,
            list_households,
            list_wijken,
            get_household,
            create_household,
            update_household,
            archive_household,
            record_consent,
            plan_visit,
            update_visit,
            archive_visit,
            agenda,
            open_checklist,
            answer_step,
            sync_overview,
            link_coordinator,
            link_coordinator_file,
            save_own_key,
            export_to_coordinator,
            export_return_file,
            import_files,
            list_conflicts,
            resolve_conflict,
            accept_held_ops,
            default_export_dir,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
