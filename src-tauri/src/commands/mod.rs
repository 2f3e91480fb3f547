//! The Tauri commands, one file per feature, each command one line over a use case in
//! `keukentafel-api`. The state they share: the one open store and the built-in templates.

pub mod conflicts;
pub mod consent;
pub mod erasure;
pub mod exchange;
pub mod households;
pub mod overview;
pub mod profile;
pub mod report;
pub mod stock;
pub mod tasks;
pub mod visits;

use std::sync::Mutex;

use chrono::NaiveDate;
use keukentafel_api::{errors, ApiError, Reply, Templates};
use keukentafel_store::Store;

pub struct AppState {
    /// The store, or why it could not be opened (every command then returns that error, so the
    /// window can explain it in Dutch).
    pub store: Result<Mutex<Store>, ApiError>,
    /// The checklist templates built into this version, compiled once at start-up.
    pub templates: Result<Templates, ApiError>,
}

impl AppState {
    /// Runs a use case on the store.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Reply<T>) -> Reply<T> {
        let lock = self.store.as_ref().map_err(Clone::clone)?;
        let mut store = lock.lock().map_err(|_| errors::poisoned())?;
        f(&mut store)
    }

    /// Runs a use case on the store and the templates.
    pub fn with_templates<T>(&self, f: impl FnOnce(&mut Store, &Templates) -> Reply<T>) -> Reply<T> {
        let templates = self.templates.as_ref().map_err(Clone::clone)?;
        self.with(|s| f(s, templates))
    }
}

/// Today in the volunteer's own time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
