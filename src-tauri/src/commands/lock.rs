//! The start screen: which form it shows, unlocking, the first passphrase, and locking again.

use keukentafel_api::{profile, LockState, Reply};
use keukentafel_domain::Sources;
use keukentafel_store::Passphrase;
use tauri::{AppHandle, State};

use super::AppState;

#[tauri::command]
pub fn lock_state(state: State<AppState>) -> Reply<LockState> {
    state.at_path(profile::lock_state)
}

/// Async: deriving the key takes a moment, the window stays responsive meanwhile.
#[tauri::command(async)]
pub fn unlock(app: AppHandle, state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    state.unlock(&app, |path| profile::unlock(path, Passphrase::new(passphrase).as_str(), Sources::system()))
}

#[tauri::command(async)]
pub fn create_passphrase(app: AppHandle, state: State<'_, AppState>, passphrase: String, repeat: String) -> Reply<()> {
    state.unlock(&app, |path| profile::create_passphrase(path, Passphrase::new(passphrase).as_str(), Passphrase::new(repeat).as_str(), Sources::system()))
}

/// Async: deriving the keys takes a moment.
#[tauri::command(async)]
pub fn change_passphrase(state: State<'_, AppState>, current: String, passphrase: String, repeat: String) -> Reply<()> {
    state.with_slot(|slot| profile::change_own_passphrase(slot, Passphrase::new(current).as_str(), Passphrase::new(passphrase).as_str(), Passphrase::new(repeat).as_str()))
}

#[tauri::command]
pub fn lock(state: State<AppState>) -> Reply<()> {
    state.lock()
}

#[tauri::command]
pub fn idle_lock_seconds(state: State<AppState>) -> Reply<u32> {
    Ok(state.idle_lock_seconds)
}
