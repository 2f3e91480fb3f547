//! The installation itself: unlocking, creating or re-keying its store (the passphrase), the volunteer's own profile, and
//! what the header shows.

use std::path::Path;

use chrono::NaiveDate;
use keukentafel_domain::{AppInfo, Sources, UserProfile, UserProfileInput};
use keukentafel_store::{check_new_passphrase, FileKind, Store, WeeklyCheck};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::errors::{self, ApiError, ErrorCode};
use crate::Reply;

/// What the start screen asks for the store at `path` (the unlock screen's three forms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LockState {
    /// No store yet: choose a passphrase (typed twice); the store is made with it.
    New,
    /// An unencrypted store of an older version: choose a passphrase; the store is encrypted
    /// with it.
    Unencrypted,
    /// An encrypted store: enter its passphrase.
    Locked,
}

/// Which form the start screen shows for `path`. Only looks at the file's first bytes.
pub fn lock_state(path: &Path) -> Reply<LockState> {
    Ok(match keukentafel_store::inspect(path)? {
        FileKind::New => LockState::New,
        FileKind::Plain => LockState::Unencrypted,
        FileKind::Encrypted { .. } => LockState::Locked,
    })
}

/// Unlocks the store at `path` with `passphrase` (the one slow step: the key is derived once,
/// see `keukentafel_store::StoreKey`). A new store is made, an unencrypted one encrypted, with a
/// passphrase that is long enough; a wrong passphrase leaves the file untouched.
pub fn open_store(path: &Path, passphrase: &str, sources: Sources) -> Reply<Store> {
    if matches!(lock_state(path)?, LockState::New | LockState::Unencrypted) {
        check_new_passphrase(passphrase)?;
    }
    unlocked(Store::unlock(path, passphrase, sources)?)
}

/// Every unlock also secures what lies beside the store: key files of an older version move
/// into it, backups are encrypted with its key (`keukentafel_sync::secure_beside_store`).
fn unlocked(mut store: Store) -> Reply<Store> {
    keukentafel_sync::secure_beside_store(&mut store, None);
    Ok(store)
}

/// The unlock screen: the passphrase of an encrypted store. A store still to be made or
/// encrypted is refused here ([`LockState`] says which form to show: [`create_passphrase`]).
///
/// A big store's weekly full check is left for later, so the window opens at once: the caller
/// runs it beside the open store when [`Store::full_check_due`] says so (the app, on a thread:
/// [`Store::full_check`]). The check after an unclean end still runs here.
pub fn unlock(path: &Path, passphrase: &str, sources: Sources) -> Reply<Store> {
    if lock_state(path)? != LockState::Locked {
        return Err(errors::no_passphrase_yet());
    }
    unlocked(Store::unlock_with(path, passphrase, sources, WeeklyCheck::Later)?)
}

/// The first start (or the first start after an update to encryption): the new passphrase,
/// typed twice, makes or encrypts the store. Refused for a store that has a passphrase already.
pub fn create_passphrase(path: &Path, passphrase: &str, repeat: &str, sources: Sources) -> Reply<Store> {
    if lock_state(path)? == LockState::Locked {
        return Err(Store::open(path, wrong_key(), sources).err().map(ApiError::from).unwrap_or_else(errors::locked));
    }
    check_new_passphrase(passphrase)?;
    if passphrase != repeat {
        return Err(errors::passphrases_differ());
    }
    open_store(path, passphrase, sources)
}

/// A key that opens nothing: asking for a new passphrase on a store that has one is answered
/// like a wrong passphrase, without deriving anything.
fn wrong_key() -> keukentafel_store::StoreKey {
    keukentafel_store::StoreKey::derive("", [0; 16])
}

/// A new passphrase for an open store (typed twice): the store is re-encrypted with a key
/// derived from it with a new salt; cut off halfway, the store keeps the old passphrase. Its
/// backups are re-keyed after it, so they open with the new passphrase too.
pub fn change_passphrase(store: Store, passphrase: &str, repeat: &str) -> Reply<Store> {
    check_new_passphrase(passphrase)?;
    if passphrase != repeat {
        return Err(errors::passphrases_differ());
    }
    let key = keukentafel_store::StoreKey::new_for(passphrase);
    let old = store.key().clone();
    let mut store = store.rekey(key)?;
    keukentafel_sync::secure_beside_store(&mut store, Some(&old));
    Ok(store)
}

/// The app's "Wachtwoord wijzigen" on the open store in `slot`: the current passphrase and the
/// new one (typed twice) are checked before anything changes, and a refusal leaves the store
/// open as it was. Should the re-encryption itself fail (a full disk), the store has either
/// passphrase (see `Store::rekey`) and is opened again with the one it has; `slot` is empty
/// (locked) only when neither opens it.
pub fn change_own_passphrase(slot: &mut Option<Store>, current: &str, passphrase: &str, repeat: &str) -> Reply<()> {
    let store = slot.as_ref().ok_or_else(errors::locked)?;
    if !store.key().is_passphrase(current) {
        return Err(errors::wrong_current_passphrase());
    }
    check_new_passphrase(passphrase)?;
    if passphrase != repeat {
        return Err(errors::passphrases_differ());
    }
    let store = slot.take().ok_or_else(errors::locked)?;
    let path = store.path().to_owned();
    match change_passphrase(store, passphrase, repeat) {
        Ok(store) => {
            *slot = Some(store);
            Ok(())
        }
        Err(e) => {
            *slot = Store::unlock(&path, current, Sources::system()).or_else(|_| Store::unlock(&path, passphrase, Sources::system())).ok();
            Err(e)
        }
    }
}

/// Opens a store that must already exist (the command line never creates one by accident).
pub fn open_existing(path: &Path, passphrase: &str, sources: Sources) -> Reply<Store> {
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
    open_store(path, passphrase, sources)
}

/// Creates a new store with its user's profile (the command line's `init`). Refuses a path
/// where a file already exists, so no store is ever overwritten or silently reused.
pub fn init(path: &Path, passphrase: &str, sources: Sources, profile: UserProfileInput) -> Reply<(Store, UserProfile)> {
    if path.exists() {
        return Err(ApiError::new(
            ErrorCode::StoreIo,
            format!("Op {} staat al een bestand. Keukentafel overschrijft het niet.", path.display()),
            format!("{} already exists; refusing to overwrite it", path.display()),
        ));
    }
    // Validate before a file is made, so a wrong name leaves nothing behind.
    keukentafel_domain::validate::profile(profile.clone())?;
    check_new_passphrase(passphrase)?;
    let mut store = open_store(path, passphrase, sources)?;
    let saved = store.save_profile(profile)?;
    Ok((store, saved))
}

pub fn app_info(store: &Store, today: NaiveDate) -> Reply<AppInfo> {
    Ok(store.app_info(today)?)
}

pub fn save(store: &mut Store, input: UserProfileInput) -> Reply<UserProfile> {
    Ok(store.save_profile(input)?)
}
