//! Keukentafel's file exchange: installations share only immutable, encrypted export files,
//! never the database. This crate writes them, reads and verifies them, and imports them into
//! a store; the merge itself (last writer wins, conflicts, held-back ops) is the store's.
//!
//! Modules, along the path of data:
//! - [`keys`]: this installation's age identity (kept inside the encrypted store, see
//!   `secrets`) and others' public keys.
//! - [`signing`]: this installation's Ed25519 signing key (inside the store), signing and
//!   checking signatures.
//! - [`pairing`]: the pairing code (who an installation is, with its public keys) and the
//!   fingerprint people compare aloud when a coordinator enrols a volunteer.
//! - [`export`]: which ops go to whom, the manifest, the file name; [`file`](mod@file): atomic writes (and private key files).
//! - [`format`](mod@format): the plaintext (JSON Lines: manifest, ops, footer with SHA-256, and a
//!   signature line over all of it), pure.
//! - [`trust`]: who may send files here, with which keys: enrolled volunteers (coordinator),
//!   the linked coordinator (volunteer); decided from this store's records, never from a file.
//! - [`content`]: the file's content as a stream (format 3.0): zstd inside age, written
//!   through a private temp file, read in one pass with the decompressed bytes counted.
//! - [`envelope`]: the age encryption around it, and telling truncated from altered files.
//! - [`import`]: verify everything (signature, then sender), back up, merge in one
//!   transaction, report per file; [`limits`]: how large a file may be.
//!
//! Guarantees: a file is refused (with its own [`SyncError`] variant) before the store is
//! touched; a file is applied entirely or not at all; importing a file again adds nothing.
//! No Tauri here: the app and the CLI call the same functions.

pub mod content;
pub mod envelope;
pub mod error;
pub mod export;
pub mod file;
pub mod format;
pub mod import;
pub mod keys;
pub mod limits;
pub mod pairing;
mod secrets;
pub mod signing;
pub mod trust;
pub mod view;

pub use error::{PairingProblem, SyncError, SyncErrorCode};
pub use export::{
    coordinator, export_for, export_return_file, export_to_coordinator, link_coordinator, ExportOutcome,
    COORDINATOR_SETTING,
};
pub use format::{ExportContents, Manifest};
pub use import::{
    import_files, import_files_within, reseal_backups, scrub_backups, BACKUPS_KEPT, BACKUP_BUDGET, read_export, read_export_bytes, read_export_bytes_with, verify_file, FileReport,
    MergeCounts, Progress, Sender, Stage, Verified,
};
pub use limits::{Limits, MAX_FILE_BYTES, MAX_OPS};
pub use keys::{
    generate_identity_file, identity_path, load_or_create_identity, write_identity_file, parse_recipient, recipient_from_arg, KeyPair,
    Recipient,
};
pub use pairing::{
    fingerprint, pairing_from_arg, parse_pairing, read_pairing_file, save_pairing_file, Fingerprint, Pairing,
    PAIRING_FILE, PAIRING_PREFIX,
};
pub use signing::{
    load_or_create_signing_key, signing_key_path, verify, Signature, SigningKey, SigningPublicKey,
};
pub use secrets::secure_beside_store;
pub use trust::{check_sender, coordinator_link, TrustedSender};
pub use view::{overview, PeerView, SyncOverview};
