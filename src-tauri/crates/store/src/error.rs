//! The store's errors. What a volunteer reads for each one is chosen in the use-case crate
//! (`keukentafel-api`, `errors/`), never here.

use std::path::PathBuf;

use keukentafel_domain::error::ValidationErrors;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: made by a newer Keukentafel (schema version {found}, this program knows up to {supported}); left untouched")]
    NewerVersion { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: damaged or not a database ({detail}); left untouched")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path}: a database of another program, not a Keukentafel store; left untouched")]
    Foreign { path: PathBuf },
    /// The key does not open the file: a wrong passphrase, or a file that is not a Keukentafel
    /// store at all (its header is encrypted too, so the two cannot be told apart).
    #[error("{path}: wrong passphrase, or not a Keukentafel store; left untouched")]
    WrongPassphrase { path: PathBuf },
    #[error("a passphrase needs at least {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("the store is in use by another program")]
    Busy,
    #[error("the disk is full (or refused to write more): {0}")]
    DiskFull(String),
    #[error("read-only: {0}")]
    ReadOnly(String),
    #[error("disk error: {0}")]
    Io(String),
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    #[error("household {0} was erased before")]
    AlreadyErased(String),
    #[error("no user profile on this installation yet")]
    NoProfile,
    #[error("a stored value could not be read: {0}")]
    Data(String),
    /// A record's row is there but does not read as its entity (written by a buggy older
    /// version, or changed outside Keukentafel). Lists, the agenda and the dump skip and report
    /// such rows; asking for the record itself gives this error.
    #[error("{entity} {id} cannot be read ({reason})")]
    Unreadable { entity: &'static str, id: String, reason: String },
    #[error("sqlite: {0}")]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as E;
        // A write that failed halfway: SQLite reports a full disk (ENOSPC) as `DiskFull`, and a
        // file that may not grow any further (EFBIG: a file size limit, a FAT32 stick) as the
        // write's I/O error.
        let write_failed = matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_IOERR_WRITE);
        match e.sqlite_error_code() {
            Some(E::DatabaseBusy | E::DatabaseLocked) => StoreError::Busy,
            Some(E::DiskFull) => StoreError::DiskFull(e.to_string()),
            Some(E::SystemIoFailure) if write_failed => StoreError::DiskFull(e.to_string()),
            Some(E::ReadOnly) => StoreError::ReadOnly(e.to_string()),
            Some(E::SystemIoFailure | E::CannotOpen | E::PermissionDenied) => StoreError::Io(e.to_string()),
            Some(E::DatabaseCorrupt | E::NotADatabase) => {
                StoreError::Damaged { path: PathBuf::new(), detail: e.to_string() }
            }
            _ => StoreError::Sql(e),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => StoreError::DiskFull(e.to_string()),
            K::ReadOnlyFilesystem | K::PermissionDenied => StoreError::ReadOnly(e.to_string()),
            _ => StoreError::Io(e.to_string()),
        }
    }
}

impl StoreError {
    /// The same error with the path it concerns in front of its detail (for disk errors).
    pub fn at(self, path: &std::path::Path) -> Self {
        let with = |d: String| format!("{}: {d}", path.display());
        match self {
            StoreError::DiskFull(d) => StoreError::DiskFull(with(d)),
            StoreError::ReadOnly(d) => StoreError::ReadOnly(with(d)),
            StoreError::Io(d) => StoreError::Io(with(d)),
            other => other,
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Data(e.to_string())
    }
}
