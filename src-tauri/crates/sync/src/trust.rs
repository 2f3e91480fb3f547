//! Who may send files to this store, and with which keys — decided from this store's own
//! records only, never from the file:
//!
//! - a volunteer's installation that the coordinator **enrolled** in person (table
//!   `enrolments`, from its pairing code) and did not revoke: files signed with its enrolled
//!   signing key; its ops only (it cannot pass on changes of others that the coordinator
//!   does not already hold);
//! - the **linked coordinator** (a volunteer's store, from the coordinator's pairing code):
//!   files signed with that key; it passes on everyone's changes;
//! - this installation itself (a file it wrote earlier), signed with its own key.
//!
//! Anything else is refused before the store is written: an unknown sender, a revoked one, a
//! file that names an enrolled installation but is signed with another key. The name, role and
//! keys recorded for a sender always come from the enrolment (or the link), never from a file.

use keukentafel_domain::Role;
use keukentafel_store::Store;

use crate::error::SyncError;
use crate::format::Manifest;
use crate::pairing::{parse_pairing, Pairing};
use crate::signing::{load_or_create_signing_key, SigningPublicKey};

/// The local setting holding the linked coordinator's pairing code (a volunteer's store).
pub const COORDINATOR_PAIRING_SETTING: &str = "coordinator_pairing";

/// A sender this store accepts, as this store knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedSender {
    pub name: String,
    pub role: Role,
    /// Its age public key (`age1…`), for files back to it.
    pub age_key: String,
    /// Whether it may pass on changes of other installations (the coordinator, and this
    /// installation itself); a volunteer may only send its own.
    pub relays: bool,
}

/// The coordinator this (volunteer's) store is linked to.
pub fn coordinator_link(store: &Store) -> Result<Option<Pairing>, SyncError> {
    store.setting(COORDINATOR_PAIRING_SETTING)?.map(|line| parse_pairing(&line)).transpose()
}

/// Decides whether a file whose manifest is `manifest` and whose signature was verified
/// against `signer` may be imported into `store`.
pub fn check_sender(store: &Store, manifest: &Manifest, signer: &SigningPublicKey) -> Result<TrustedSender, SyncError> {
    let replica = manifest.replica;
    let forged = || SyncError::ForgedSender { replica: replica.to_string() };
    if replica == store.replica() {
        let own = load_or_create_signing_key(store)?.public();
        if own != *signer {
            return Err(forged());
        }
        let profile = store.profile()?;
        return Ok(TrustedSender {
            name: profile.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            role: profile.map_or(Role::Coordinator, |p| p.role),
            age_key: String::new(),
            relays: true,
        });
    }
    if let Some(coordinator) = coordinator_link(store)?.filter(|c| c.replica() == replica) {
        if coordinator.signing_key() != signer {
            return Err(forged());
        }
        return Ok(TrustedSender {
            name: coordinator.name().to_owned(),
            role: coordinator.role(),
            age_key: coordinator.age_key().to_string(),
            relays: true,
        });
    }
    match store.enrolment(replica)? {
        Some(e) if !e.active => {
            Err(SyncError::RevokedSender { name: e.name, revoked_at: e.revoked_at.unwrap_or_default() })
        }
        Some(e) => {
            if e.signing_key != signer.to_string() {
                return Err(forged());
            }
            Ok(TrustedSender { name: e.name, role: e.role, age_key: e.age_key, relays: false })
        }
        None => Err(SyncError::UnknownSender { replica: replica.to_string(), author: manifest.author.clone() }),
    }
}
