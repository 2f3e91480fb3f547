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
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
