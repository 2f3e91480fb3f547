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
use keukentafel_store::Store;

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
}

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
    pub fn unlock(&self, open: impl FnOnce(&Path) -> Reply<Store>) -> Reply<()> {
        let store = self.at_path(open)?;
        *self.store.lock().map_err(|_| errors::poisoned())? = Some(store);
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

/// Today in the volunteer's own time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
