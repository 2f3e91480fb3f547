//! The Keukentafel desktop app: a thin Tauri 2 shell. `main` only wires set-up: it resolves the
//! store path (`$KEUKENTAFEL_DB` when set, otherwise `keukentafel.sqlite3` in the OS app-data
//! directory), compiles the templates, and registers the commands of [`commands`], each one
//! line over a use case in `keukentafel-api`. The app starts locked: the start screen unlocks
//! the store with its passphrase (`commands::lock`); until then, and after the app locks itself,
//! every other command returns `ErrorCode::Locked`. When the store cannot be opened (wrong
//! passphrase, newer version, damaged, foreign file) the start screen shows why, in Dutch.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::path::PathBuf;
use std::sync::Mutex;

use commands::*;
use keukentafel_api::{errors, ApiError, Templates};
use tauri::Manager;

fn store_path(app: &tauri::App) -> Result<PathBuf, ApiError> {
    if let Some(p) = std::env::var_os("KEUKENTAFEL_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dir = app.path().app_data_dir().map_err(errors::no_data_folder)?;
    Ok(dir.join("keukentafel.sqlite3"))
}

/// How long the app stays unlocked without use: 10 minutes, or `KEUKENTAFEL_IDLE_LOCK_SECONDS`
/// (1 to 86400 seconds; for a kiosk-like set-up or the end-to-end test of the idle lock).
fn idle_lock_seconds() -> u32 {
    std::env::var("KEUKENTAFEL_IDLE_LOCK_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|s| (1..=86_400).contains(s))
        .unwrap_or(600)
}

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let path = store_path(app);
            if let Err(e) = &path {
                eprintln!("keukentafel: no store path: {e}");
            }
            let templates = Templates::builtin().map_err(ApiError::from);
            // Locked until the volunteer types the passphrase on the start screen.
            app.manage(AppState { path, store: Mutex::new(None), templates, idle_lock_seconds: idle_lock_seconds(), damaged: Mutex::new(None) });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            lock::lock_state,
            lock::unlock,
            lock::create_passphrase,
            lock::lock,
            lock::idle_lock_seconds,
            lock::change_passphrase,
            profile::app_info,
            profile::save_profile,
            households::list_households,
            households::household_page,
            households::list_wijken,
            households::get_household,
            households::create_household,
            households::update_household,
            households::archive_household,
            consent::record_consent,
            consent::record_consents,
            visits::plan_visit,
            visits::update_visit,
            visits::archive_visit,
            visits::agenda,
            visits::open_checklist,
            visits::answer_step,
            tasks::propose_closing,
            tasks::close_visit,
            tasks::my_tasks,
            tasks::household_tasks,
            tasks::add_task,
            tasks::update_task,
            tasks::archive_task,
            tasks::follow_up_review,
            overview::overview,
            report::report,
            report::save_report,
            inzage::inzage,
            inzage::save_inzage,
            stock::stock_overview,
            stock::add_stock_item,
            stock::save_stock_item,
            stock::archive_stock_item,
            stock::record_movement,
            stock::stock_movements,
            stock::settings,
            erasure::erase_households,
            erasure::list_erasures,
            erasure::confirm_erasure_by_hand,
            erasure::retention_list,
            stock::save_settings,
            exchange::sync_overview,
            exchange::link_coordinator,
            exchange::own_pairing,
            exchange::save_pairing_file,
            exchange::read_pairing,
            exchange::list_volunteers,
            exchange::enrol_volunteer,
            exchange::revoke_volunteer,
            exchange::export_to_coordinator,
            exchange::export_return_file,
            exchange::assign_household,
            exchange::unassign_household,
            exchange::import_files,
            exchange::default_export_dir,
            exchange::export_files,
            exchange::received_files,
            conflicts::list_conflicts,
            conflicts::resolve_conflict,
            conflicts::accept_held_ops,
            conflicts::held_changes,
            conflicts::accept_held_changes,
            conflicts::reject_held_changes,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
