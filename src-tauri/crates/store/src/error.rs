//! The store's errors, and how each reaches the UI: a code and a plain Dutch message.

use std::path::PathBuf;

use keukentafel_domain::error::ValidationErrors;
use keukentafel_domain::{ApiError, ErrorCode};

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

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::NewerVersion { .. } => ErrorCode::StoreNewerVersion,
            StoreError::Damaged { .. } => ErrorCode::StoreDamaged,
            StoreError::Foreign { .. } => ErrorCode::StoreForeign,
            StoreError::Busy => ErrorCode::StoreBusy,
            StoreError::Io(_) => ErrorCode::StoreIo,
            StoreError::Validation(_) => ErrorCode::Validation,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::NoProfile => ErrorCode::NoProfile,
            StoreError::Data(_) | StoreError::Sql(_) => ErrorCode::Internal,
        }
    }
}

/// " (path)" for a message, or nothing when the path is not known.
fn shown(path: &std::path::Path) -> String {
    if path.as_os_str().is_empty() {
        String::new()
    } else {
        format!(" ({})", path.display())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let en = e.to_string();
        let nl = match &e {
            StoreError::Validation(v) => return ApiError::validation(v.0.clone()),
            StoreError::NotFound { entity, .. } => {
                let (nl, en) = match *entity {
                    "household" => ("Dit huishouden", "This household"),
                    "visit" => ("Dit bezoek", "This visit"),
                    _ => ("Dit gegeven", "This record"),
                };
                return ApiError::not_found(nl, en);
            }
            StoreError::NewerVersion { path, .. } => format!(
                "Het gegevensbestand{} is gemaakt met een nieuwere versie van Keukentafel. \
                 Installeer de nieuwste versie. Het bestand is niet veranderd.",
                shown(path)
            ),
            StoreError::Damaged { path, .. } => format!(
                "Het gegevensbestand{} is beschadigd of is geen Keukentafel-bestand. \
                 Keukentafel heeft er niets aan veranderd. Vraag je coördinator om hulp en \
                 gebruik een reservekopie.",
                shown(path)
            ),
            StoreError::Foreign { path } => format!(
                "Het bestand{} hoort bij een ander programma. Keukentafel gebruikt het niet \
                 en heeft er niets aan veranderd.",
                shown(path)
            ),
            StoreError::Busy => "Keukentafel is al open in een ander venster, of een ander programma \
                 gebruikt de gegevens. Sluit dat en probeer het opnieuw."
                .into(),
            StoreError::Io(_) => "Opslaan op de schijf lukt niet. Is de schijf vol? \
                 Er is niets half opgeslagen."
                .into(),
            StoreError::NoProfile => {
                "Vul eerst je eigen naam en rol in (Profiel). Dan weten anderen wie iets heeft vastgelegd.".into()
            }
            StoreError::Data(_) | StoreError::Sql(_) => {
                "Er ging iets mis in Keukentafel. Er is niets half opgeslagen. Probeer het opnieuw.".into()
            }
        };
        ApiError::new(e.code(), nl, en)
    }
}
