//! The sync crate's errors. Every reason to refuse a file is its own variant, so the UI can
//! explain it (by [`SyncErrorCode`], never by the English text) and the CLI can print it. The
//! Dutch and English words for each are chosen in the use-case crate (`keukentafel-api`).
//! A refusal always means: the store was not touched.

use std::path::PathBuf;

use keukentafel_store::StoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the file is empty (an interrupted copy?)")]
    Empty,
    #[error("not a Keukentafel export file ({0})")]
    NotAnExportFile(String),
    #[error("this file was not encrypted for this installation's key (or its key section is damaged)")]
    WrongKey,
    #[error("the file is incomplete: it was cut off ({0})")]
    Truncated(String),
    #[error("the file was changed or damaged after it was written ({0})")]
    Altered(String),
    #[error("the file was made by a newer Keukentafel (file version {found_major}.{found_minor}, needs a reader of at least {needs}; this program reads up to {supported})")]
    NewerVersion { found_major: u32, found_minor: u32, needs: String, supported: String },
    #[error("the file is readable but its content is not valid ({0})")]
    Malformed(String),
    /// One op of a whole, verified file holds something this version would never write (a
    /// value outside its field's rules, a line that is not an op): the whole file is refused.
    #[error("line {line} of the file holds a change that is not valid ({reason}); the whole file was refused")]
    InvalidOp { line: u64, reason: String },
    /// A volunteer's file that gives households to volunteers (line `line`): only the
    /// coordinator assigns. The whole file is refused.
    #[error("line {line} of the file assigns a household; only the coordinator assigns households")]
    AssignsHouseholds { line: u64 },
    #[error("the file is too large to import: {bytes} bytes (the limit is {limit})")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("the file carries too many changes to import: {count} ops (the limit is {limit})")]
    TooManyOps { count: u64, limit: u64 },
    #[error("not an age public key (expected one line starting with age1): {0}")]
    InvalidRecipient(String),
    #[error("not an age identity file ({0})")]
    InvalidIdentity(String),
    #[error("not a Keukentafel signing key file ({0})")]
    InvalidSigningKey(String),
    #[error("not a Keukentafel signing public key (expected ktsig1: and 43 characters): {0}")]
    InvalidSigningPublicKey(String),
    #[error("the signature does not match: the data was changed, or it was signed with another key")]
    BadSignature,
    #[error("not a valid pairing code: {0}")]
    InvalidPairing(PairingProblem),
    /// A file of an older Keukentafel (format 1.x): it carries no signature, so nobody can
    /// tell who wrote it.
    #[error("the file was made by an older Keukentafel (file version {found}) and carries no signature; the sender must update and export again")]
    Unsigned { found: String },
    /// Signed, but not by an installation this one accepts files from: not an enrolled
    /// volunteer (coordinator), or not the linked coordinator (volunteer).
    #[error("the file comes from installation {replica} ({author}), which may not send files here (not enrolled, or not the linked coordinator)")]
    UnknownSender { replica: String, author: String },
    /// Signed with a key other than the one enrolled (or linked) for the installation it names.
    #[error("the file claims to come from {replica} but is signed with another key than the one enrolled for it")]
    ForgedSender { replica: String },
    #[error("the file comes from {name}, whose enrolment was revoked on {revoked_at}")]
    RevokedSender { name: String, revoked_at: String },
    /// A volunteer linked to a code that is not a coordinator's.
    #[error("this pairing code is of a {role}, not of a coordinator")]
    NotACoordinator { role: String },
    /// A return file for an installation that is not (or no longer) enrolled.
    #[error("installation {0} is not enrolled (or its enrolment was revoked): no return file is written for it")]
    NotEnrolled(String),
    #[error("{0} already exists; refusing to overwrite it")]
    AlreadyExists(PathBuf),
    #[error("no coordinator linked yet: link with the coordinator's pairing code first")]
    NoCoordinator,
    #[error("unknown installation {0}: it never sent a file")]
    UnknownPeer(String),
    #[error("{path}: {detail}")]
    Io { path: PathBuf, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a pairing code (text or file) was refused; each reason has its own Dutch and English
/// words (`keukentafel-api`). Serialized snake_case; exported to TypeScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum PairingProblem {
    #[error("too large for a pairing code")]
    TooLarge,
    #[error("no pairing code in the text")]
    NoCode,
    #[error("more than one pairing code in the text")]
    MoreThanOneCode,
    #[error("it does not start with KTKOPPEL1-")]
    WrongPrefix,
    #[error("made by a newer Keukentafel (a later pairing code version)")]
    NewerVersion,
    #[error("the code is damaged (not valid base64url)")]
    BadEncoding,
    #[error("the code is damaged (its content is not the expected JSON)")]
    BadJson,
    #[error("unknown role")]
    UnknownRole,
    #[error("the installation id is not a UUID")]
    BadReplica,
    #[error("the age public key is not valid")]
    BadAgeKey,
    #[error("the signing public key is not valid")]
    BadSigningKey,
    #[error("the name is empty")]
    NameEmpty,
    #[error("the name is longer than 120 characters")]
    NameTooLong,
    #[error("the organisation is longer than 200 characters")]
    OrganisationTooLong,
    #[error("the name or organisation holds control characters")]
    ControlCharacters,
    #[error("the date is not a YYYY-MM-DD date")]
    BadDate,
}

impl PairingProblem {
    /// Every reason (for tests and for the messages' completeness check).
    pub const ALL: [PairingProblem; 16] = [
        PairingProblem::TooLarge,
        PairingProblem::NoCode,
        PairingProblem::MoreThanOneCode,
        PairingProblem::WrongPrefix,
        PairingProblem::NewerVersion,
        PairingProblem::BadEncoding,
        PairingProblem::BadJson,
        PairingProblem::UnknownRole,
        PairingProblem::BadReplica,
        PairingProblem::BadAgeKey,
        PairingProblem::BadSigningKey,
        PairingProblem::NameEmpty,
        PairingProblem::NameTooLong,
        PairingProblem::OrganisationTooLong,
        PairingProblem::ControlCharacters,
        PairingProblem::BadDate,
    ];
}

/// What the UI decides on. Serialized snake_case; exported to TypeScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncErrorCode {
    ExportEmpty,
    ExportNotAnExportFile,
    ExportWrongKey,
    ExportTruncated,
    ExportAltered,
    ExportNewerVersion,
    ExportMalformed,
    ExportInvalidOp,
    /// A volunteer's file that assigns households (only the coordinator may).
    ExportAssignsHouseholds,
    /// Over the size limit (bytes on disk, or as the age header announces).
    ExportTooLarge,
    /// Over the op-count limit (as the manifest announces, or as the content holds).
    ExportTooManyOps,
    InvalidRecipient,
    InvalidIdentity,
    InvalidSigningKey,
    InvalidSigningPublicKey,
    BadSignature,
    InvalidPairing,
    ExportUnsigned,
    ExportUnknownSender,
    ExportForgedSender,
    ExportRevokedSender,
    NotACoordinator,
    NotEnrolled,
    AlreadyExists,
    NoCoordinator,
    UnknownPeer,
    Io,
    /// A store error; the store's own `ErrorCode` says which.
    Store,
}

impl SyncError {
    pub fn io(path: impl Into<PathBuf>, e: impl std::fmt::Display) -> Self {
        SyncError::Io { path: path.into(), detail: e.to_string() }
    }

    pub fn code(&self) -> SyncErrorCode {
        use SyncErrorCode as C;
        match self {
            SyncError::Empty => C::ExportEmpty,
            SyncError::NotAnExportFile(_) => C::ExportNotAnExportFile,
            SyncError::WrongKey => C::ExportWrongKey,
            SyncError::Truncated(_) => C::ExportTruncated,
            SyncError::Altered(_) => C::ExportAltered,
            SyncError::NewerVersion { .. } => C::ExportNewerVersion,
            SyncError::Malformed(_) => C::ExportMalformed,
            SyncError::InvalidOp { .. } => C::ExportInvalidOp,
            SyncError::AssignsHouseholds { .. } => C::ExportAssignsHouseholds,
            SyncError::TooLarge { .. } => C::ExportTooLarge,
            SyncError::TooManyOps { .. } => C::ExportTooManyOps,
            SyncError::InvalidRecipient(_) => C::InvalidRecipient,
            SyncError::InvalidIdentity(_) => C::InvalidIdentity,
            SyncError::InvalidSigningKey(_) => C::InvalidSigningKey,
            SyncError::InvalidSigningPublicKey(_) => C::InvalidSigningPublicKey,
            SyncError::BadSignature => C::BadSignature,
            SyncError::InvalidPairing(_) => C::InvalidPairing,
            SyncError::Unsigned { .. } => C::ExportUnsigned,
            SyncError::UnknownSender { .. } => C::ExportUnknownSender,
            SyncError::ForgedSender { .. } => C::ExportForgedSender,
            SyncError::RevokedSender { .. } => C::ExportRevokedSender,
            SyncError::NotACoordinator { .. } => C::NotACoordinator,
            SyncError::NotEnrolled(_) => C::NotEnrolled,
            SyncError::AlreadyExists(_) => C::AlreadyExists,
            SyncError::NoCoordinator => C::NoCoordinator,
            SyncError::UnknownPeer(_) => C::UnknownPeer,
            SyncError::Io { .. } => C::Io,
            SyncError::Store(_) => C::Store,
        }
    }

    /// Whether this is a refusal of the file itself (as opposed to a local problem).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            SyncError::Empty
                | SyncError::NotAnExportFile(_)
                | SyncError::WrongKey
                | SyncError::Truncated(_)
                | SyncError::Altered(_)
                | SyncError::NewerVersion { .. }
                | SyncError::Malformed(_)
                | SyncError::InvalidOp { .. }
                | SyncError::AssignsHouseholds { .. }
                | SyncError::BadSignature
                | SyncError::Unsigned { .. }
                | SyncError::UnknownSender { .. }
                | SyncError::ForgedSender { .. }
                | SyncError::RevokedSender { .. }
                | SyncError::TooLarge { .. }
                | SyncError::TooManyOps { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pairing_problem_is_listed_once() {
        let decl = PairingProblem::decl(&ts_rs::Config::default());
        assert_eq!(decl.matches('"').count() / 2, PairingProblem::ALL.len(), "PairingProblem::ALL misses one: {decl}");
        let mut seen = std::collections::BTreeSet::new();
        assert!(PairingProblem::ALL.iter().all(|p| seen.insert(format!("{p:?}"))));
    }
}
