//! The installation itself: opening or creating its store, the volunteer's own profile, and
//! what the header shows.

use std::path::Path;

use chrono::NaiveDate;
use keukentafel_domain::{AppInfo, Sources, UserProfile, UserProfileInput};
use keukentafel_store::Store;

use crate::errors::{ApiError, ErrorCode};
use crate::Reply;

/// Opens the store at `path`, creating it (and its folder) when missing.
pub fn open_store(path: &Path, sources: Sources) -> Reply<Store> {
    Ok(Store::open(path, sources)?)
}

/// Opens a store that must already exist (the command line never creates one by accident).
pub fn open_existing(path: &Path, sources: Sources) -> Reply<Store> {
    if !path.exists() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!(
                "Er is geen Keukentafel-bestand op {}. Maak er een met `keukentafel-cli init --db {} --name NAAM --role coordinator`.",
                path.display(),
                path.display()
            ),
            format!(
                "no store at {}; create one with `keukentafel-cli init --db {} --name NAME --role coordinator` \
                 (or energy_coach, debt_help_volunteer)",
                path.display(),
                path.display()
            ),
        ));
    }
    open_store(path, sources)
}

/// Creates a new store with its user's profile (the command line's `init`). Refuses a path
/// where a file already exists, so no store is ever overwritten or silently reused.
pub fn init(path: &Path, sources: Sources, profile: UserProfileInput) -> Reply<(Store, UserProfile)> {
    if path.exists() {
        return Err(ApiError::new(
            ErrorCode::StoreIo,
            format!("Op {} staat al een bestand. Keukentafel overschrijft het niet.", path.display()),
            format!("{} already exists; refusing to overwrite it", path.display()),
        ));
    }
    // Validate before a file is made, so a wrong name leaves nothing behind.
    keukentafel_domain::validate::profile(profile.clone())?;
    let mut store = open_store(path, sources)?;
    let saved = store.save_profile(profile)?;
    Ok((store, saved))
}

pub fn app_info(store: &Store, today: NaiveDate) -> Reply<AppInfo> {
    Ok(store.app_info(today)?)
}

pub fn save(store: &mut Store, input: UserProfileInput) -> Reply<UserProfile> {
    Ok(store.save_profile(input)?)
}
