//! Errors as the UI sees them: a closed [`ErrorCode`], a Dutch message (and an English one for
//! the language switch), and per-field errors for inline form validation. The UI decides on the
//! code, never on the text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every kind of error the UI can receive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more form fields are wrong; see `fields`.
    Validation,
    /// The record does not exist (any more).
    NotFound,
    /// The store file was made by a newer Keukentafel.
    StoreNewerVersion,
    /// The store file is damaged or is not a database.
    StoreDamaged,
    /// The file is a database, but not a Keukentafel store.
    StoreForeign,
    /// Another program holds the store.
    StoreBusy,
    /// Reading or writing the disk failed (full disk, no permission).
    StoreIo,
    /// No user profile yet on this installation.
    NoProfile,
    /// A visit was recorded with a checklist template this version does not have.
    TemplateUnavailable,
    /// An export file was refused (damaged, for another key, newer version, not an export).
    ExportRefused,
    /// A pasted or loaded key is not an age key.
    InvalidKey,
    /// A volunteer's installation is not linked to a coordinator yet.
    NoCoordinator,
    /// Anything else: a bug.
    Internal,
}

/// What is wrong with one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    TooLong,
    InvalidPostcode,
    OutOfRange,
    InvalidDate,
    InvalidTime,
    DateInFuture,
    Invalid,
}

/// One field's error, with messages in Dutch (first) and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The input field's name, as in the input type (`postcode`, `adults`, ...).
    pub field: String,
    pub code: FieldErrorCode,
    pub message: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: &str, code: FieldErrorCode, nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self { field: field.to_owned(), code, message: nl.into(), message_en: en.into() }
    }
}

/// The error every command returns to the UI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{code:?}: {message_en}")]
pub struct ApiError {
    pub code: ErrorCode,
    /// Plain Dutch, for the volunteer.
    pub message: String,
    pub message_en: String,
    /// Per-field errors (only for `validation`).
    pub fields: Vec<FieldError>,
}

impl ApiError {
    pub fn new(code: ErrorCode, nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self { code, message: nl.into(), message_en: en.into(), fields: Vec::new() }
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self {
            code: ErrorCode::Validation,
            message: "Niet alles is goed ingevuld. Kijk bij de rode meldingen.".into(),
            message_en: "Some fields are not filled in correctly. See the red messages.".into(),
            fields,
        }
    }

    pub fn not_found(what_nl: &str, what_en: &str) -> Self {
        Self::new(
            ErrorCode::NotFound,
            format!("{what_nl} is niet gevonden. Misschien is het net gearchiveerd."),
            format!("{what_en} was not found. It may just have been archived."),
        )
    }
}

/// Input that failed validation: every field error at once, so a form can show them all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message_en)).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<FieldError>);

impl From<ValidationErrors> for ApiError {
    fn from(v: ValidationErrors) -> Self {
        ApiError::validation(v.0)
    }
}
