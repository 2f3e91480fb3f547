//! The one place where errors become what the UI shows: a closed [`ErrorCode`] the UI decides
//! on, a plain Dutch message (B1) and an English one for the language switch, and per-field
//! errors for forms. Every user text for an error lives in this file; the other crates only
//! say *what* went wrong, with their own typed errors (`thiserror`).

use std::path::Path;

use keukentafel_domain::{FieldErrorCode, FieldProblem, Rule, ValidationErrors};
use keukentafel_store::StoreError;
use keukentafel_sync::{SyncError, SyncErrorCode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::inzage::InzageError;
use crate::report::ReportError;
use crate::visits::VisitError;

mod texts;
use texts::{sync_message_en, sync_message_nl};

/// Every kind of error the UI acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more form fields are wrong; see `fields`.
    Validation,
    /// The record does not exist (any more).
    NotFound,
    /// The store file cannot be used and was left untouched: made by a newer Keukentafel,
    /// damaged, or another program's database (the message says which).
    StoreUnusable,
    /// Another program holds the store.
    StoreBusy,
    /// A file with that name exists and replacing it was not asked for (the UI offers to).
    FileExists,
    /// Reading or writing the disk failed (full disk, no permission).
    StoreIo,
    /// No user profile yet on this installation.
    NoProfile,
    /// A visit was recorded with a checklist template this version does not have.
    TemplateUnavailable,
    /// An export file was refused (damaged, for another key, newer version, not an export, or
    /// holding a change that is not valid).
    ExportRefused,
    /// A pasted or loaded key is not an age key.
    InvalidKey,
    /// A pasted or loaded pairing code is not valid (the message says why).
    InvalidPairing,
    /// A volunteer's installation is not linked to a coordinator yet.
    NoCoordinator,
    /// Only a coordinator's installation may do this (erase a household).
    CoordinatorOnly,
    /// The passphrase does not open the store (or the file is not a Keukentafel store); the
    /// file was left untouched.
    WrongPassphrase,
    /// The app is locked (at start, or after a while without use): unlock it first.
    Locked,
    /// Anything else: a bug.
    Internal,
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

/// The error every command returns to the UI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message_en}")]
pub struct ApiError {
    pub code: ErrorCode,
    /// Plain Dutch, for the volunteer.
    pub message: String,
    pub message_en: String,
    /// Per-field errors (only for `validation`).
    pub fields: Vec<FieldError>,
}

impl ErrorCode {
    /// Every code, for the UI's check that a rejection is one of ours (written into `api.ts`).
    pub const ALL: [ErrorCode; 16] = [
        ErrorCode::Validation,
        ErrorCode::NotFound,
        ErrorCode::StoreUnusable,
        ErrorCode::StoreBusy,
        ErrorCode::FileExists,
        ErrorCode::StoreIo,
        ErrorCode::NoProfile,
        ErrorCode::TemplateUnavailable,
        ErrorCode::ExportRefused,
        ErrorCode::InvalidKey,
        ErrorCode::InvalidPairing,
        ErrorCode::NoCoordinator,
        ErrorCode::CoordinatorOnly,
        ErrorCode::WrongPassphrase,
        ErrorCode::Locked,
        ErrorCode::Internal,
    ];
}

impl ApiError {
    pub fn new(code: ErrorCode, nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self { code, message: nl.into(), message_en: en.into(), fields: Vec::new() }
    }

    /// A bug or a broken installation: the same words whatever happened; `detail` is for the log.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::new(
            ErrorCode::Internal,
            "Er ging iets mis in Keukentafel. Er is niets half opgeslagen. Probeer het opnieuw.",
            format!("Something went wrong in Keukentafel. Nothing was half saved. Try again. ({detail})"),
        )
    }

    fn not_found(what_nl: &str, what_en: &str) -> Self {
        Self::new(
            ErrorCode::NotFound,
            format!("{what_nl} is niet gevonden. Misschien is het net gearchiveerd."),
            format!("{what_en} was not found. It may just have been archived."),
        )
    }
}

/// The messages of one broken rule.
fn rule_text(rule: Rule) -> (String, String) {
    let s = |nl: &str, en: &str| (nl.to_owned(), en.to_owned());
    match rule {
        Rule::HouseholdNameRequired => s("Vul een naam of code in.", "Enter a name or code."),
        Rule::ProfileNameRequired => s("Vul je naam in.", "Enter your name."),
        Rule::ConsentTextVersionRequired => s(
            "Welke versie van de toestemmingstekst is gebruikt?",
            "Which version of the consent text was used?",
        ),
        Rule::TooLong { max } => (
            format!("Dit is te lang. Gebruik hoogstens {max} tekens."),
            format!("This is too long. Use at most {max} characters."),
        ),
        Rule::PostcodeFormat => s(
            "Deze postcode klopt niet. Schrijf hem als 1234 AB: vier cijfers en twee letters.",
            "This postcode is not valid. Write it as 1234 AB: four digits and two letters.",
        ),
        Rule::PhoneFormat => s(
            "Dit telefoonnummer klopt niet. Gebruik cijfers, bijvoorbeeld 06 12345678 of 035-6012345.",
            "This phone number is not valid. Use digits, for example 06 12345678 or 035-6012345.",
        ),
        Rule::PeopleRange { max } => {
            (format!("Vul een aantal van 0 tot en met {max} in."), format!("Enter a number from 0 to {max}."))
        }
        Rule::AtLeastOnePerson => {
            s("In een huishouden woont minstens één persoon.", "A household has at least one person.")
        }
        Rule::TimeFormat => {
            s("Schrijf de tijd als uu:mm, bijvoorbeeld 14:30.", "Write the time as hh:mm, for example 14:30.")
        }
        Rule::TooManyVolunteers { max } => (
            format!("Er kunnen hoogstens {max} vrijwilligers bij een bezoek zijn."),
            format!("At most {max} volunteers can be at one visit."),
        ),
        Rule::ConsentDateInFuture => s(
            "Deze datum ligt in de toekomst. Kies vandaag of een eerdere dag.",
            "This date is in the future. Choose today or an earlier day.",
        ),
        Rule::DoneVisitInFuture => {
            s("Een bezoek in de toekomst kan nog niet gedaan zijn.", "A visit in the future cannot be done yet.")
        }
        Rule::VisitHouseholdFixed => {
            s("Een bezoek kan niet naar een ander huishouden verhuizen.", "A visit cannot move to another household.")
        }
        Rule::TaskWhatRequired => s("Schrijf op wat er moet gebeuren.", "Write down what is to be done."),
        Rule::FollowUpBeforeVisit => s(
            "Het terugkombezoek komt na dit bezoek. Kies een latere dag.",
            "The follow-up visit comes after this visit. Choose a later day.",
        ),
        Rule::VisitCancelled => s(
            "Dit bezoek is afgezegd. Plan het opnieuw als het toch doorgaat.",
            "This visit was cancelled. Plan it again if it does take place.",
        ),
        Rule::NotOnVisit => s(
            "Kies een van de vrijwilligers van dit bezoek.",
            "Choose one of the volunteers of this visit.",
        ),
        Rule::StockNameRequired => s("Geef het materiaal een naam.", "Give the material a name."),
        Rule::QuantityRange { min, max } => (
            format!("Vul een aantal in van {min} tot en met {max}."),
            format!("Enter a number from {min} to {max}."),
        ),
        Rule::MovementDateInFuture => s(
            "Deze datum ligt in de toekomst. Kies vandaag of een eerdere dag.",
            "This date is in the future. Choose today or an earlier day.",
        ),
        Rule::UnknownStockItem => s(
            "Dit materiaal staat niet in de voorraadlijst. Kies een materiaal uit de lijst.",
            "This material is not in the stock list. Choose a material from the list.",
        ),
        Rule::SettingRange { min, max } => (
            format!("Vul een getal in van {min} tot en met {max}."),
            format!("Enter a number from {min} to {max}."),
        ),
        Rule::ErasureReasonRequired => s(
            "Schrijf op waarom de gegevens gewist worden.",
            "Write down why the data is being erased.",
        ),
        Rule::ErasureRequestInFuture => s(
            "Deze datum ligt na vandaag. Vul de dag in waarop het huishouden om wissen vroeg.",
            "This date is after today. Enter the day the household asked for erasure.",
        ),
        Rule::FolderNotUsable => s(
            "Kies een map om het bestand in op te slaan, bijvoorbeeld op een USB-stick.",
            "Choose a folder to save the file in, for example on a USB stick.",
        ),
        Rule::InvalidValue => s(
            "Deze waarde past niet bij dit veld. Kies of vul een andere waarde in.",
            "This value does not fit this field. Choose or enter another value.",
        ),
    }
}

impl From<&FieldProblem> for FieldError {
    fn from(p: &FieldProblem) -> Self {
        let (message, message_en) = rule_text(p.rule);
        FieldError { field: p.field.clone(), code: p.code(), message, message_en }
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(v: ValidationErrors) -> Self {
        ApiError {
            code: ErrorCode::Validation,
            message: "Niet alles is goed ingevuld. Kijk bij de rode meldingen.".into(),
            message_en: "Some fields are not filled in correctly. See the red messages.".into(),
            fields: v.0.iter().map(FieldError::from).collect(),
        }
    }
}

/// " (path)" for a message, or nothing when the path is not known.
fn shown(path: &Path) -> String {
    if path.as_os_str().is_empty() {
        String::new()
    } else {
        format!(" ({})", path.display())
    }
}

impl From<crate::erasure::ErasureError> for ApiError {
    fn from(e: crate::erasure::ErasureError) -> Self {
        match e {
            crate::erasure::ErasureError::CoordinatorOnly => ApiError::new(
                ErrorCode::CoordinatorOnly,
                "Alleen de coördinator kan gegevens van een huishouden wissen. Vraag je coördinator dit te doen.",
                "Only the coordinator can erase a household's data. Ask your coordinator to do this.",
            ),
            crate::erasure::ErasureError::NotConfirmableByHand => ApiError::new(
                ErrorCode::Validation,
                "Dit kun je alleen zelf bevestigen voor een laptop waarvan de koppeling is ingetrokken en die het wissen nog niet heeft bevestigd.",
                "You can only confirm this yourself for a laptop whose enrolment was revoked and that has not confirmed the erasure yet.",
            ),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let en = e.to_string();
        let (code, nl) = match e {
            StoreError::Validation(v) => return v.into(),
            StoreError::NotFound { entity: "held op", .. } => {
                return ApiError::new(
                    ErrorCode::NotFound,
                    "Deze achtergehouden wijziging is er niet meer. Misschien is ze net geaccepteerd of geweigerd.",
                    "This held-back change is no longer there. It may just have been accepted or rejected.",
                )
            }
            StoreError::NotFound { entity, .. } => {
                let (nl, en) = match entity {
                    "household" => ("Dit huishouden", "This household"),
                    "visit" => ("Dit bezoek", "This visit"),
                    "assignment" => ("Deze toewijzing", "This assignment"),
                    "task" => ("Deze taak", "This task"),
                    _ => ("Dit gegeven", "This record"),
                };
                return ApiError::not_found(nl, en);
            }
            StoreError::AlreadyErased(_) => {
                return ApiError::new(
                    ErrorCode::NotFound,
                    "De gegevens van dit huishouden zijn al gewist.",
                    "This household's data has already been erased.",
                )
            }
            StoreError::Unreadable { entity, .. } => {
                let (nl, en_what) = match entity {
                    "household" => ("Dit huishouden", "This household"),
                    "visit" => ("Dit bezoek", "This visit"),
                    "consent" => ("Deze toestemming", "This consent"),
                    "task" => ("Deze taak", "This task"),
                    _ => ("Dit gegeven", "This record"),
                };
                return ApiError::new(
                    ErrorCode::NotFound,
                    format!(
                        "{nl} kan Keukentafel niet lezen: de opgeslagen gegevens zijn beschadigd. De rest van je \
                         gegevens kun je gewoon gebruiken. Vraag je coördinator om hulp."
                    ),
                    format!("{en_what} cannot be read: its stored data is damaged ({en}). The rest of your data is fine. Ask your coordinator for help."),
                );
            }
            StoreError::NewerVersion { ref path, .. } => (
                ErrorCode::StoreUnusable,
                format!(
                    "Het gegevensbestand{} is gemaakt met een nieuwere versie van Keukentafel. \
                     Installeer de nieuwste versie. Het bestand is niet veranderd.",
                    shown(path)
                ),
            ),
            StoreError::Damaged { ref path, .. } => (
                ErrorCode::StoreUnusable,
                format!(
                    "Het gegevensbestand{} is beschadigd of is geen Keukentafel-bestand. \
                     Keukentafel heeft er niets aan veranderd. Vraag je coördinator om hulp en \
                     gebruik een reservekopie.",
                    shown(path)
                ),
            ),
            StoreError::Foreign { ref path } => (
                ErrorCode::StoreUnusable,
                format!(
                    "Het bestand{} hoort bij een ander programma. Keukentafel gebruikt het niet \
                     en heeft er niets aan veranderd.",
                    shown(path)
                ),
            ),
            StoreError::WrongPassphrase { ref path } => {
                return ApiError::new(
                    ErrorCode::WrongPassphrase,
                    format!(
                        "Dit wachtwoord klopt niet. Let op hoofdletters en spaties, en probeer het opnieuw. \
                         (Klopt het toch? Dan is het bestand{} geen Keukentafel-bestand of beschadigd.) \
                         Er is niets aan het bestand veranderd.",
                        shown(path)
                    ),
                    en,
                )
            }
            StoreError::PassphraseTooShort { min } => {
                return ApiError {
                    code: ErrorCode::Validation,
                    message: "Het wachtwoord is te kort.".into(),
                    message_en: en.clone(),
                    fields: vec![FieldError {
                        field: "passphrase".into(),
                        code: FieldErrorCode::Invalid,
                        message: format!("Gebruik minstens {min} tekens. Een zin van een paar woorden is goed te onthouden."),
                        message_en: format!("Use at least {min} characters. A sentence of a few words is easy to remember."),
                    }],
                }
            }
            StoreError::Busy => (
                ErrorCode::StoreBusy,
                "Keukentafel is al open in een ander venster, of een ander programma \
                 gebruikt de gegevens. Sluit dat en probeer het opnieuw."
                    .into(),
            ),
            StoreError::DiskFull(ref detail) => {
                return ApiError::new(
                    ErrorCode::StoreIo,
                    "De schijf is vol. Maak ruimte vrij, bijvoorbeeld door oude bestanden te verwijderen. Probeer het \
                     daarna opnieuw. Er is niets half opgeslagen.",
                    format!(
                        "The disk is full. Free some space, for example by removing old files, then try again. \
                         Nothing was half saved. ({detail})"
                    ),
                )
            }
            StoreError::ReadOnly(ref detail) => {
                return ApiError::new(
                    ErrorCode::StoreIo,
                    "Keukentafel mag hier niet schrijven: het gegevensbestand of de map waar het in staat is \
                     alleen-lezen. Dat kan een beveiligde USB-stick of map zijn. Vraag om hulp als je niet weet \
                     waarom. Er is niets veranderd.",
                    format!(
                        "Keukentafel may not write here: the data file or its folder is read-only (a write-protected \
                         USB stick or folder, for example). Ask for help if you do not know why. Nothing was changed. \
                         ({detail})"
                    ),
                )
            }
            StoreError::Io(_) => (
                ErrorCode::StoreIo,
                "Opslaan op de schijf lukt niet. Is de schijf vol? Er is niets half opgeslagen.".into(),
            ),
            StoreError::NoProfile => (
                ErrorCode::NoProfile,
                "Vul eerst je eigen naam en rol in (Profiel). Dan weten anderen wie iets heeft vastgelegd.".into(),
            ),
            StoreError::Data(_) | StoreError::Sql(_) => return ApiError::internal(en),
        };
        ApiError::new(code, nl, en)
    }
}

/// A store error's Dutch message, code and English message, without consuming it.
pub(super) fn store_message(e: &StoreError) -> (String, ErrorCode, String) {
    // StoreError is not Clone: rebuild the variants whose message depends on their content.
    let copy = match e {
        StoreError::Busy => StoreError::Busy,
        StoreError::Io(s) => StoreError::Io(s.clone()),
        StoreError::DiskFull(s) => StoreError::DiskFull(s.clone()),
        StoreError::ReadOnly(s) => StoreError::ReadOnly(s.clone()),
        StoreError::Data(s) => StoreError::Data(s.clone()),
        StoreError::NoProfile => StoreError::NoProfile,
        StoreError::Validation(v) => StoreError::Validation(v.clone()),
        StoreError::NotFound { entity, id } => StoreError::NotFound { entity, id: id.clone() },
        StoreError::Unreadable { entity, id, reason } => {
            StoreError::Unreadable { entity, id: id.clone(), reason: reason.clone() }
        }
        StoreError::NewerVersion { path, found, supported } => {
            StoreError::NewerVersion { path: path.clone(), found: *found, supported: *supported }
        }
        StoreError::Damaged { path, detail } => StoreError::Damaged { path: path.clone(), detail: detail.clone() },
        StoreError::Foreign { path } => StoreError::Foreign { path: path.clone() },
        other => StoreError::Data(other.to_string()),
    };
    let api = ApiError::from(copy);
    (api.message, api.code, api.message_en)
}

impl From<SyncError> for ApiError {
    fn from(e: SyncError) -> Self {
        let code = match &e {
            SyncError::Store(_) => {
                let SyncError::Store(s) = e else { unreachable!() };
                return s.into();
            }
            // A refusal of the file itself: one list, `SyncError::is_refusal`.
            e if e.is_refusal() => ErrorCode::ExportRefused,
            SyncError::NotACoordinator { .. } => ErrorCode::InvalidPairing,
            SyncError::NotEnrolled(_) => ErrorCode::NotFound,
            SyncError::InvalidRecipient(_)
            | SyncError::InvalidIdentity(_)
            | SyncError::InvalidSigningKey(_)
            | SyncError::InvalidSigningPublicKey(_) => ErrorCode::InvalidKey,
            SyncError::InvalidPairing(_) => ErrorCode::InvalidPairing,
            SyncError::NoCoordinator => ErrorCode::NoCoordinator,
            SyncError::UnknownPeer(_) => ErrorCode::NotFound,
            SyncError::AlreadyExists(_) | SyncError::Io { .. } => ErrorCode::StoreIo,
            // Only refusals are left, and the guard above took them.
            _ => ErrorCode::ExportRefused,
        };
        ApiError::new(code, sync_message_nl(&e), sync_message_en(&e))
    }
}

/// Why one file of an import was refused: the exact reason for the UI, and both messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Refusal {
    pub code: SyncErrorCode,
    pub message: String,
    pub message_en: String,
}

impl From<&SyncError> for Refusal {
    fn from(e: &SyncError) -> Self {
        Refusal { code: e.code(), message: sync_message_nl(e), message_en: sync_message_en(e) }
    }
}

impl From<VisitError> for ApiError {
    fn from(e: VisitError) -> Self {
        let en = e.to_string();
        match e {
            VisitError::Store(s) => s.into(),
            VisitError::TemplateUnavailable { .. } => ApiError::new(
                ErrorCode::TemplateUnavailable,
                "Dit bezoek is gedaan met een nieuwere lijst vragen. Installeer de nieuwste versie van Keukentafel om het te openen.",
                en,
            ),
            VisitError::UnknownStep(_) => ApiError::new(
                ErrorCode::NotFound,
                "Deze vraag hoort niet bij dit bezoek. Open het bezoek opnieuw.",
                en,
            ),
            VisitError::BrokenTemplate(_) => ApiError::new(
                ErrorCode::Internal,
                "De vragenlijst van deze versie is kapot. Neem contact op met de beheerder.",
                en,
            ),
        }
    }
}

impl From<ReportError> for ApiError {
    fn from(e: ReportError) -> Self {
        let en = e.to_string();
        match e {
            ReportError::PeriodBackwards { from, to } => ApiError::new(
                ErrorCode::Validation,
                format!(
                    "De einddatum ({}) ligt voor de begindatum ({}). Kies een einddatum op of na de begindatum.",
                    to.format("%d-%m-%Y"),
                    from.format("%d-%m-%Y")
                ),
                format!("The end date ({to}) is before the start date ({from}). Choose an end date on or after the start date."),
            ),
            ReportError::UnknownWijk(w) => ApiError::new(
                ErrorCode::Validation,
                format!("Er is geen huishouden in de wijk \u{201c}{w}\u{201d}. Kies een wijk uit de lijst."),
                format!("No household has the wijk \u{201c}{w}\u{201d}. Choose a wijk from the list."),
            ),
            ReportError::Write { path, detail } => ApiError::new(
                ErrorCode::StoreIo,
                format!(
                    "Het rapport kan niet worden opgeslagen in {path}. Kies een andere plek, bijvoorbeeld je map \
                     Documenten of een USB-stick. Er is niets half opgeslagen."
                ),
                format!(
                    "The report cannot be saved in {path}. Choose another place, for example your Documents folder \
                     or a USB stick. Nothing was half saved. ({detail})"
                ),
            ),
            ReportError::Spreadsheet(_) => ApiError::internal(en),
        }
    }
}

impl From<InzageError> for ApiError {
    fn from(e: InzageError) -> Self {
        match e {
            InzageError::Erased(_) => ApiError::new(
                ErrorCode::NotFound,
                "De gegevens van dit huishouden zijn gewist. Keukentafel bewaart er niets meer van, dus er is ook \
                 niets om te laten zien.",
                "This household's data has been erased. Keukentafel keeps nothing of it any more, so there is \
                 nothing to show.",
            ),
            InzageError::Exists(path) => ApiError::new(
                ErrorCode::FileExists,
                format!("Er staat al een bestand {path}. Kies een andere plek, of vervang het oude bestand."),
                format!("There is already a file {path}. Choose another place, or replace the old file."),
            ),
            InzageError::Write { path, detail } => ApiError::new(
                ErrorCode::StoreIo,
                format!(
                    "Het overzicht kan niet worden opgeslagen in {path}. Kies een andere plek, bijvoorbeeld je map \
                     Documenten of een USB-stick. Er is niets half opgeslagen."
                ),
                format!(
                    "The overview cannot be saved in {path}. Choose another place, for example your Documents folder \
                     or a USB stick. Nothing was half saved. ({detail})"
                ),
            ),
        }
    }
}

/// The app's own set-up problems (before any store exists).
pub fn no_data_folder(detail: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::StoreIo,
        "Keukentafel kan de map voor zijn gegevens niet vinden.",
        format!("Keukentafel cannot find its data folder: {detail}"),
    )
}

pub fn no_documents_folder(detail: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::StoreIo,
        "Keukentafel kan je map Documenten niet vinden.",
        format!("Keukentafel cannot find your Documents folder: {detail}"),
    )
}

/// A lock held by a thread that panicked: the app must restart.
/// Every command while the app is locked.
pub fn locked() -> ApiError {
    ApiError::new(
        ErrorCode::Locked,
        "Keukentafel is vergrendeld. Vul je wachtwoord in om verder te gaan.",
        "Keukentafel is locked. Enter your passphrase to go on.",
    )
}

/// Unlocking a store that has no passphrase yet (the screen should have asked for a new one).
pub fn no_passphrase_yet() -> ApiError {
    ApiError::new(
        ErrorCode::Locked,
        "Er is nog geen wachtwoord. Kies eerst een wachtwoord voor Keukentafel.",
        "There is no passphrase yet. Choose one first.",
    )
}

/// The two new passphrases typed differ.
pub fn passphrases_differ() -> ApiError {
    ApiError {
        code: ErrorCode::Validation,
        message: "De twee wachtwoorden zijn niet hetzelfde.".into(),
        message_en: "The two passphrases differ.".into(),
        fields: vec![FieldError {
            field: "repeat".into(),
            code: FieldErrorCode::Invalid,
            message: "Dit is niet hetzelfde als het eerste wachtwoord. Typ het nog een keer.".into(),
            message_en: "This is not the same as the first passphrase. Type it again.".into(),
        }],
    }
}

/// "Wachtwoord wijzigen": the current passphrase typed is not the store's.
pub fn wrong_current_passphrase() -> ApiError {
    ApiError {
        code: ErrorCode::Validation,
        message: "Het huidige wachtwoord klopt niet. Er is niets veranderd.".into(),
        message_en: "The current passphrase is wrong. Nothing was changed.".into(),
        fields: vec![FieldError {
            field: "current".into(),
            code: FieldErrorCode::Invalid,
            message: "Dit is niet je huidige wachtwoord. Let op hoofdletters en spaties.".into(),
            message_en: "This is not your current passphrase. Mind capitals and spaces.".into(),
        }],
    }
}

pub fn poisoned() -> ApiError {
    ApiError::new(ErrorCode::Internal, "Er ging iets mis. Start Keukentafel opnieuw.", "Something went wrong. Restart Keukentafel.")
}

#[cfg(test)]
mod tests;
