//! This installation's secret keys (its age identity, its Ed25519 signing key) live inside the
//! encrypted store (`Store::secret`, the `meta` table), so the store's passphrase guards them
//! like the households' data: a stolen laptop holds no key file in clear text. A backup or a
//! re-encrypted copy of the store takes them along; no dump, export or return file carries them.
//!
//! Installations from before this kept each key in a file beside the store (`<stem>-identity.txt`,
//! `<stem>-signing.txt`). On first use such a file is checked, moved into the store and then
//! overwritten and removed ([`crate::file::remove_secret_file`]); a store that cannot be written
//! (opened read-only) keeps using the file until it can.
//!
//! For the reference `age` tool, `keukentafel-cli key --db PATH --identity-out FILE` writes the
//! identity to a file of its own (mode 0600) on purpose.
//!
//! [`secure_beside_store`] runs on every unlock: key files of an older installation move in,
//! every backup is made to use the store's key (`import::reseal_backups`), and backups left
//! holding a forgotten household by a process killed mid-way are scrubbed.
//!
//! Uses: `error`, `file`, `import`, `keys`, `signing`.

use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use keukentafel_store::Store;
use zeroize::Zeroizing;

use crate::error::SyncError;

/// The secret `name` kept in `store`: the kept one; else the `legacy` file's text (checked with
/// `check`, then moved into the store); else a new one from `make`. Of two processes making one
/// at once, both end up with the first kept.
pub(crate) fn load_or_make(
    store: &Store,
    name: &str,
    legacy: &Path,
    check: impl Fn(&str) -> Result<(), SyncError>,
    make: impl FnOnce() -> SecretString,
) -> Result<Zeroizing<String>, SyncError> {
    if let Some(kept) = store.secret(name)? {
        // The same key file still beside the store (a process killed after moving it in, or
        // the file put back from a copy): wipe it. A different one is not ours to destroy.
        if legacy.exists() && store.is_writable()? && read_small(legacy).is_ok_and(|text| *text == *kept) {
            crate::file::remove_secret_file(legacy)?;
        }
        return Ok(kept);
    }
    if legacy.exists() {
        let text = read_small(legacy)?;
        check(&text)?;
        if !store.is_writable()? {
            return Ok(text);
        }
        let kept = store.keep_secret(name, &text)?;
        if *kept == *text {
            crate::file::remove_secret_file(legacy)?;
        }
        return Ok(kept);
    }
    let made = make();
    Ok(store.keep_secret(name, made.expose_secret())?)
}

fn read_small(path: &Path) -> Result<Zeroizing<String>, SyncError> {
    const MAX: u64 = 64 * 1024;
    let meta = std::fs::metadata(path).map_err(|e| SyncError::io(path, e))?;
    if meta.len() > MAX {
        return Err(SyncError::InvalidIdentity(format!("{} is too large for a key file", path.display())));
    }
    Ok(Zeroizing::new(std::fs::read_to_string(path).map_err(|e| SyncError::io(path, e))?))
}

/// What an unlock does beside the store (see the module doc): old key files move into the
/// store, backups are encrypted with the store's key (re-keyed from `old` after a passphrase
/// change), and backups that still hold households forgotten here (a process killed between
/// the erasure and the scrub) forget them now. Never refuses the unlock: a damaged key file is
/// reported when the key is used.
pub fn secure_beside_store(store: &mut Store, old: Option<&keukentafel_store::StoreKey>) {
    if crate::keys::identity_path(store.path()).exists() {
        let _ = crate::keys::load_or_create_identity(store);
    }
    if crate::signing::signing_key_path(store.path()).exists() {
        let _ = crate::signing::load_or_create_signing_key(store);
    }
    crate::import::reseal_backups(store, old);
    if store.backups_to_scrub().unwrap_or(false) {
        crate::import::scrub_backups(store);
    }
}
