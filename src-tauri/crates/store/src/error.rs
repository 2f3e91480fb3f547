//! The store's errors. What a volunteer reads for each one is chosen in the use-case crate
//! (`keukentafel-api`, `errors.rs`), never here.

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
    #[error("the store is in use by another program")]
    Busy,
    #[error("disk error: {0}")]
    Io(String),
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
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
        match e.sqlite_error_code() {
            Some(E::DatabaseBusy | E::DatabaseLocked) => StoreError::Busy,
            Some(E::DiskFull | E::SystemIoFailure | E::CannotOpen | E::ReadOnly | E::PermissionDenied) => {
                StoreError::Io(e.to_string())
            }
            Some(E::DatabaseCorrupt | E::NotADatabase) => {
                StoreError::Damaged { path: PathBuf::new(), detail: e.to_string() }
            }
            _ => StoreError::Sql(e),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e.to_string())
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Data(e.to_string())
    }
}
