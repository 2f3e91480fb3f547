//! The Tauri commands, one file per feature, each command one line over a use case in
//! `keukentafel-api`. The state they share: the one open store and the built-in templates.

pub mod conflicts;
pub mod consent;
pub mod erasure;
pub mod exchange;
pub mod households;
pub mod inzage;
pub mod lock;
pub mod overview;
pub mod profile;
pub mod report;
pub mod stock;
pub mod tasks;
pub mod visits;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;
use keukentafel_api::{errors, ApiError, Reply, Templates};
use keukentafel_store::{FullCheck, Store, StoreError};
use tauri::{AppHandle, Emitter, Manager};

pub struct AppState {
    /// Where the store is, or why that could not be found (every command then returns that
    /// error, so the window can explain it in Dutch).
    pub path: Result<PathBuf, ApiError>,
    /// The unlocked store; `None` while the app is locked (at start and after a while without
    /// use). Locking drops the store: its connection is closed and its key zeroed.
    pub store: Mutex<Option<Store>>,
    /// The checklist templates built into this version, compiled once at start-up.
    pub templates: Result<Templates, ApiError>,
    /// How long the window stays unlocked without use before it locks itself.
    pub idle_lock_seconds: u32,
    /// The full check beside the open store found the file damaged: the store was closed and
    /// is not opened again in this session (every unlock gives this error).
    pub damaged: Mutex<Option<ApiError>>,
}

/// The event the window hears when the full check beside the open store found the file
/// damaged (its payload: the error, with the Dutch message).
pub const STORE_DAMAGED_EVENT: &str = "store-damaged";

impl AppState {
    /// Runs a use case on the store; refused while locked.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Reply<T>) -> Reply<T> {
        let mut store = self.store.lock().map_err(|_| errors::poisoned())?;
        f(store.as_mut().ok_or_else(errors::locked)?)
    }

    /// Runs a use case on the store and the templates.
    pub fn with_templates<T>(&self, f: impl FnOnce(&mut Store, &Templates) -> Reply<T>) -> Reply<T> {
        let templates = self.templates.as_ref().map_err(Clone::clone)?;
        self.with(|s| f(s, templates))
    }

    /// Runs a use case on the store's path (the start screen).
    pub fn at_path<T>(&self, f: impl FnOnce(&Path) -> Reply<T>) -> Reply<T> {
        f(self.path.as_ref().map_err(Clone::clone)?)
    }

    /// Unlocks: `open` opens the store at the path; the store it gives replaces any open one.
    /// A weekly full check the open left for later runs on a thread beside the open store
    /// ([`full_check_beside`]).
    pub fn unlock(&self, app: &AppHandle, open: impl FnOnce(&Path) -> Reply<Store>) -> Reply<()> {
        if let Some(damaged) = self.damaged.lock().map_err(|_| errors::poisoned())?.clone() {
            return Err(damaged);
        }
        let store = self.at_path(open)?;
        let check = store.full_check_due().then(|| store.full_check());
        *self.store.lock().map_err(|_| errors::poisoned())? = Some(store);
        if let Some(check) = check {
            full_check_beside(app.clone(), check);
        }
        Ok(())
    }

    /// Runs a use case that may replace the open store (a new passphrase).
    pub fn with_slot<T>(&self, f: impl FnOnce(&mut Option<Store>) -> Reply<T>) -> Reply<T> {
        f(&mut *self.store.lock().map_err(|_| errors::poisoned())?)
    }

    /// Locks: the store is closed and its key dropped (zeroed).
    pub fn lock(&self) -> Reply<()> {
        let store = self.store.lock().map_err(|_| errors::poisoned())?.take();
        drop(store);
        Ok(())
    }
}

/// Runs a big store's weekly full check on a thread of its own while the window is used. When
/// it passes, the day is noted in the store; when it finds damage, the store is closed (nothing
/// more is written to a damaged file), every later unlock in this session gives the error, and
/// the window hears [`STORE_DAMAGED_EVENT`] and shows it. Another failure (the file busy, say)
/// is left alone: the check is still due at the next unlock.
fn full_check_beside(app: AppHandle, check: FullCheck) {
    std::thread::spawn(move || {
        let result = check.run();
        let state = app.state::<AppState>();
        match result {
            Ok(()) => {
                if let Ok(mut slot) = state.store.lock() {
                    if let Some(store) = slot.as_mut() {
                        let _ = store.note_full_check();
                    }
                }
            }
            Err(e @ StoreError::Damaged { .. }) => {
                let error = ApiError::from(e);
                if let Ok(mut damaged) = state.damaged.lock() {
                    *damaged = Some(error.clone());
                }
                if let Ok(mut slot) = state.store.lock() {
                    slot.take();
                }
                let _ = app.emit(STORE_DAMAGED_EVENT, error);
            }
            Err(_) => {}
        }
    });
}

/// Today in the volunteer's own time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
