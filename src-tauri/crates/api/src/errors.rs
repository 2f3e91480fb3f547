//! The one place where errors become what the UI shows: a closed [`ErrorCode`] the UI decides
//! on, a plain Dutch message (B1) and an English one for the language switch, and per-field
//! errors for forms. Every user text for an error lives in this file; the other crates only
//! say *what* went wrong, with their own typed errors (`thiserror`).

use std::path::Path;

use keukentafel_domain::{FieldErrorCode, FieldProblem, Rule, ValidationErrors};
use keukentafel_store::StoreError;
use keukentafel_sync::{PairingProblem, SyncError, SyncErrorCode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::visits::VisitError;

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
    pub const ALL: [ErrorCode; 12] = [
        ErrorCode::Validation,
        ErrorCode::NotFound,
        ErrorCode::StoreUnusable,
        ErrorCode::StoreBusy,
        ErrorCode::StoreIo,
        ErrorCode::NoProfile,
        ErrorCode::TemplateUnavailable,
        ErrorCode::ExportRefused,
        ErrorCode::InvalidKey,
        ErrorCode::InvalidPairing,
        ErrorCode::NoCoordinator,
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
                    _ => ("Dit gegeven", "This record"),
                };
                return ApiError::not_found(nl, en);
            }
            StoreError::Unreadable { entity, .. } => {
                let (nl, en_what) = match entity {
                    "household" => ("Dit huishouden", "This household"),
                    "visit" => ("Dit bezoek", "This visit"),
                    "consent" => ("Deze toestemming", "This consent"),
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

/// The Dutch message for a sync error (shown for a refused file, too).
fn sync_message_nl(e: &SyncError) -> String {
    const UNTOUCHED: &str = "Er is niets veranderd aan je gegevens.";
    match e {
        SyncError::Empty => format!(
            "Dit bestand is leeg. Waarschijnlijk is het kopiëren mislukt. Vraag om het bestand opnieuw. {UNTOUCHED}"
        ),
        SyncError::NotAnExportFile(_) => format!("Dit is geen exportbestand van Keukentafel. {UNTOUCHED}"),
        SyncError::WrongKey => format!(
            "Dit bestand is niet voor deze computer versleuteld (of het is beschadigd). Controleer of de \
             afzender jouw sleutel gebruikt. {UNTOUCHED}"
        ),
        SyncError::Truncated(_) => format!(
            "Dit bestand is niet compleet: het is afgebroken tijdens het kopiëren of opslaan. Vraag om het \
             bestand opnieuw. {UNTOUCHED}"
        ),
        SyncError::Altered(_) => format!(
            "Dit bestand is veranderd of beschadigd nadat het is gemaakt. Vraag om het bestand opnieuw. {UNTOUCHED}"
        ),
        SyncError::NewerVersion { .. } => format!(
            "Dit bestand is gemaakt met een nieuwere versie van Keukentafel. Installeer de nieuwste versie en \
             probeer het opnieuw. {UNTOUCHED}"
        ),
        SyncError::Malformed(_) => {
            format!("De inhoud van dit bestand klopt niet. Vraag de afzender om een nieuw exportbestand. {UNTOUCHED}")
        }
        SyncError::InvalidOp { line, .. } => format!(
            "Op regel {line} van dit bestand staat een gegeven dat niet klopt. Daarom is het hele bestand niet \
             ingelezen. Vraag de afzender om een nieuw exportbestand. {UNTOUCHED}"
        ),
        SyncError::TooLarge { bytes, limit } => format!(
            "Dit bestand is te groot om in te lezen: {} MB. De grens is {} MB, en een gewoon exportbestand is een \
             paar MB. Vraag de afzender wat er is gebeurd. {UNTOUCHED}",
            grouped(megabytes(*bytes), '.'),
            grouped(megabytes(*limit), '.')
        ),
        SyncError::TooManyOps { count, limit } => format!(
            "Dit bestand heeft te veel wijzigingen om in te lezen: {}. De grens is {}. Vraag de afzender wat er \
             is gebeurd. {UNTOUCHED}",
            grouped(*count, '.'),
            grouped(*limit, '.')
        ),
        SyncError::InvalidRecipient(_) => "Dit is geen geldige sleutel. Een sleutel is één regel die begint met age1.".into(),
        SyncError::InvalidIdentity(_) => {
            "Het sleutelbestand van deze computer is onleesbaar. Vraag je coördinator om hulp.".into()
        }
        SyncError::InvalidSigningKey(_) => {
            "Het bestand met de ondertekensleutel van deze computer is onleesbaar. Vraag je coördinator om hulp.".into()
        }
        SyncError::InvalidSigningPublicKey(_) => {
            "Dit is geen geldige ondertekensleutel. Zo'n sleutel is één regel die begint met ktsig1:.".into()
        }
        SyncError::BadSignature => format!(
            "De handtekening van dit bestand klopt niet: het is veranderd, of het komt niet van de afzender die erin \
             staat. {UNTOUCHED}"
        ),
        SyncError::InvalidPairing(problem) => pairing_message_nl(*problem),
        SyncError::Unsigned { .. } => format!(
            "Dit bestand is gemaakt met een oudere versie van Keukentafel, zonder handtekening. Vraag de afzender \
             om Keukentafel bij te werken en opnieuw te exporteren. {UNTOUCHED}"
        ),
        SyncError::UnknownSender { author, .. } => format!(
            "Dit bestand komt van {}, maar die computer is niet gekoppeld. Alleen bestanden van gekoppelde \
             vrijwilligers (of van je eigen coördinator) worden ingelezen. {UNTOUCHED}",
            if author.trim().is_empty() { "een onbekende computer".to_owned() } else { format!("„{}”", author.trim()) }
        ),
        SyncError::ForgedSender { .. } => format!(
            "Dit bestand zegt dat het van een gekoppelde computer komt, maar het is met een andere sleutel \
             ondertekend. Het is niet ingelezen. Neem contact op met de afzender. {UNTOUCHED}"
        ),
        SyncError::RevokedSender { name, .. } => format!(
            "Dit bestand komt van {name}. Die koppeling is ingetrokken, dus het bestand is niet ingelezen. \
             Wat {name} eerder stuurde, blijft bewaard. {UNTOUCHED}"
        ),
        SyncError::NotACoordinator { .. } => {
            "Dit is de koppelcode van een vrijwilliger, niet van een coördinator. Vraag je coördinator om zijn of haar koppelcode."
                .into()
        }
        SyncError::NotEnrolled(_) => {
            "Deze vrijwilliger is niet (meer) gekoppeld. Er is geen bestand voor gemaakt.".into()
        }
        SyncError::AlreadyExists(_) => "Dat bestand bestaat al; Keukentafel overschrijft het niet.".into(),
        SyncError::NoCoordinator => {
            "Er is nog geen coördinator gekoppeld. Koppel eerst met de koppelcode van je coördinator.".into()
        }
        SyncError::UnknownPeer(_) => {
            "Van deze computer is nog nooit een bestand ingelezen; er kan nog geen retourbestand voor worden gemaakt."
                .into()
        }
        SyncError::Io { .. } => "Lezen of schrijven van het bestand lukt niet. Is de schijf of USB-stick vol \
             of verwijderd? Er is niets half opgeslagen."
            .into(),
        SyncError::Store(s) => store_message(s).0,
    }
}

/// The Dutch message for a refused pairing code, one per reason.
fn pairing_message_nl(problem: PairingProblem) -> String {
    const ASK_NEW: &str = "Vraag om een nieuwe koppelcode.";
    let text = match problem {
        PairingProblem::TooLarge => "Dit is te groot voor een koppelcode. Kies het bestand keukentafel-koppelcode.txt, \
             of plak alleen de regel die begint met KTKOPPEL1-."
            .to_owned(),
        PairingProblem::NoCode => {
            "Hier staat geen koppelcode in. Een koppelcode is één regel die begint met KTKOPPEL1-.".to_owned()
        }
        PairingProblem::MoreThanOneCode => {
            "Hier staat meer dan één koppelcode in. Plak of kies de koppelcode van één persoon.".to_owned()
        }
        PairingProblem::WrongPrefix => {
            "Dit is geen koppelcode van Keukentafel. Een koppelcode is één regel die begint met KTKOPPEL1-.".to_owned()
        }
        PairingProblem::NewerVersion => "Deze koppelcode is gemaakt met een nieuwere versie van Keukentafel. \
             Installeer de nieuwste versie en probeer het opnieuw."
            .to_owned(),
        PairingProblem::BadEncoding => "In deze koppelcode staat een teken dat er niet hoort. Misschien ging er iets mis \
             bij het kopiëren. Kopieer de hele regel opnieuw, of gebruik het bestand."
            .to_owned(),
        PairingProblem::BadJson => format!("Deze koppelcode is beschadigd of niet compleet. {ASK_NEW}"),
        PairingProblem::UnknownRole => format!("De rol in deze koppelcode kent Keukentafel niet. {ASK_NEW}"),
        PairingProblem::BadReplica => format!("Het installatienummer in deze koppelcode klopt niet. {ASK_NEW}"),
        PairingProblem::BadAgeKey => format!("De sleutel om te versleutelen in deze koppelcode klopt niet. {ASK_NEW}"),
        PairingProblem::BadSigningKey => format!("De sleutel om te ondertekenen in deze koppelcode klopt niet. {ASK_NEW}"),
        PairingProblem::NameEmpty => "In deze koppelcode staat geen naam. Vul op de andere computer eerst een naam in \
             bij Profiel en maak de koppelcode opnieuw."
            .to_owned(),
        PairingProblem::NameTooLong => format!("De naam in deze koppelcode is te lang (meer dan 120 tekens). {ASK_NEW}"),
        PairingProblem::OrganisationTooLong => {
            format!("De organisatie in deze koppelcode is te lang (meer dan 200 tekens). {ASK_NEW}")
        }
        PairingProblem::ControlCharacters => {
            format!("In de naam of de organisatie in deze koppelcode staan vreemde tekens. {ASK_NEW}")
        }
        PairingProblem::BadDate => format!("De datum in deze koppelcode klopt niet. {ASK_NEW}"),
    };
    format!("{text} Er is niets veranderd.")
}

/// The English message for a sync error: written here for the refusals a user can meet, the
/// error's own text otherwise.
fn sync_message_en(e: &SyncError) -> String {
    const UNTOUCHED: &str = "Nothing was changed in your data.";
    match e {
        SyncError::TooLarge { bytes, limit } => format!(
            "This file is too large to import: {} MB. The limit is {} MB, and a normal export file is a few MB. \
             Ask the sender what happened. {UNTOUCHED}",
            grouped(megabytes(*bytes), ','),
            grouped(megabytes(*limit), ',')
        ),
        SyncError::TooManyOps { count, limit } => format!(
            "This file carries too many changes to import: {}. The limit is {}. Ask the sender what happened. \
             {UNTOUCHED}",
            grouped(*count, ','),
            grouped(*limit, ',')
        ),
        SyncError::Store(s) => store_message(s).2,
        other => other.to_string(),
    }
}

/// Whole megabytes (MiB), rounded up: a file just over the limit does not read as "256 MB".
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

/// `n` with its digits in groups of three: `2.000.000` (Dutch) or `2,000,000` (English).
fn grouped(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

/// A store error's Dutch message, code and English message, without consuming it.
fn store_message(e: &StoreError) -> (String, ErrorCode, String) {
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
            SyncError::Empty
            | SyncError::NotAnExportFile(_)
            | SyncError::WrongKey
            | SyncError::Truncated(_)
            | SyncError::Altered(_)
            | SyncError::NewerVersion { .. }
            | SyncError::Malformed(_)
            | SyncError::InvalidOp { .. }
            | SyncError::BadSignature
            | SyncError::TooLarge { .. }
            | SyncError::TooManyOps { .. }
            | SyncError::Unsigned { .. }
            | SyncError::UnknownSender { .. }
            | SyncError::ForgedSender { .. }
            | SyncError::RevokedSender { .. } => ErrorCode::ExportRefused,
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
pub fn poisoned() -> ApiError {
    ApiError::new(ErrorCode::Internal, "Er ging iets mis. Start Keukentafel opnieuw.", "Something went wrong. Restart Keukentafel.")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case(StoreError::NewerVersion { path: PathBuf::from("/x/k.sqlite3"), found: 9, supported: 2 }, ErrorCode::StoreUnusable, "nieuwere versie van Keukentafel")]
    #[case(StoreError::Damaged { path: PathBuf::new(), detail: "x".into() }, ErrorCode::StoreUnusable, "beschadigd")]
    #[case(StoreError::Foreign { path: PathBuf::new() }, ErrorCode::StoreUnusable, "ander programma")]
    #[case(StoreError::Busy, ErrorCode::StoreBusy, "al open")]
    #[case(StoreError::Io("disk full".into()), ErrorCode::StoreIo, "schijf vol")]
    #[case(StoreError::DiskFull("k.sqlite3: database or disk is full".into()), ErrorCode::StoreIo, "De schijf is vol")]
    #[case(StoreError::ReadOnly("k.sqlite3".into()), ErrorCode::StoreIo, "alleen-lezen")]
    #[case(StoreError::NotFound { entity: "held op", id: "1".into() }, ErrorCode::NotFound, "achtergehouden wijziging")]
    #[case(StoreError::NoProfile, ErrorCode::NoProfile, "Profiel")]
    #[case(StoreError::NotFound { entity: "visit", id: "1".into() }, ErrorCode::NotFound, "Dit bezoek")]
    #[case(StoreError::Data("bad json".into()), ErrorCode::Internal, "ging iets mis")]
    #[case(StoreError::Unreadable { entity: "household", id: "1".into(), reason: "x".into() }, ErrorCode::NotFound, "Dit huishouden kan Keukentafel niet lezen")]
    fn store_errors_reach_the_ui_with_a_code_and_dutch(#[case] e: StoreError, #[case] code: ErrorCode, #[case] nl: &str) {
        let (copy_nl, copy_code, copy_en) = store_message(&e);
        let api = ApiError::from(e);
        assert_eq!(api.code, code);
        assert!(api.message.contains(nl), "{}", api.message);
        assert!(!api.message_en.is_empty());
        assert_eq!((copy_nl, copy_code, copy_en), (api.message, api.code, api.message_en), "a borrowed store error reads the same");
    }

    #[test]
    fn every_code_is_listed_once() {
        use ts_rs::TS;
        let decl = ErrorCode::decl(&ts_rs::Config::default());
        assert_eq!(decl.matches('"').count() / 2, ErrorCode::ALL.len(), "ErrorCode::ALL misses a code: {decl}");
        let mut seen = std::collections::BTreeSet::new();
        assert!(ErrorCode::ALL.iter().all(|c| seen.insert(format!("{c:?}"))));
    }

    #[test]
    fn a_path_is_shown_only_when_known() {
        let api = ApiError::from(StoreError::Damaged { path: PathBuf::new(), detail: "x".into() });
        assert!(!api.message.contains("()"), "{}", api.message);
        let api = ApiError::from(StoreError::Foreign { path: PathBuf::from("/home/a/recepten.db") });
        assert!(api.message.contains("(/home/a/recepten.db)"), "{}", api.message);
    }

    #[test]
    fn every_rule_has_both_languages_and_the_field_keeps_its_code() {
        let rules = [
            Rule::HouseholdNameRequired,
            Rule::ProfileNameRequired,
            Rule::ConsentTextVersionRequired,
            Rule::TooLong { max: 120 },
            Rule::PostcodeFormat,
            Rule::PeopleRange { max: 30 },
            Rule::AtLeastOnePerson,
            Rule::TimeFormat,
            Rule::TooManyVolunteers { max: 6 },
            Rule::ConsentDateInFuture,
            Rule::DoneVisitInFuture,
            Rule::VisitHouseholdFixed,
            Rule::FolderNotUsable,
            Rule::InvalidValue,
        ];
        for rule in rules {
            let f = FieldError::from(&FieldProblem::new("x", rule));
            assert!(!f.message.is_empty() && !f.message_en.is_empty() && f.message != f.message_en, "{rule:?}");
            assert_eq!(f.code, rule.code());
        }
        let api = ApiError::from(ValidationErrors::one("postcode", Rule::PostcodeFormat));
        assert_eq!(api.code, ErrorCode::Validation);
        assert!(api.fields[0].message.contains("vier cijfers"));
    }

    #[test]
    fn every_pairing_problem_has_its_own_words() {
        let mut dutch = std::collections::BTreeSet::new();
        let mut english = std::collections::BTreeSet::new();
        for problem in PairingProblem::ALL {
            let e = SyncError::InvalidPairing(problem);
            assert_eq!(e.code(), SyncErrorCode::InvalidPairing);
            let api = ApiError::from(e);
            assert_eq!(api.code, ErrorCode::InvalidPairing, "{problem:?}");
            assert!(api.message.ends_with("Er is niets veranderd."), "{}", api.message);
            assert!(dutch.insert(api.message.clone()), "{problem:?} shares its Dutch words: {}", api.message);
            assert!(english.insert(api.message_en.clone()), "{problem:?} shares its English words: {}", api.message_en);
        }
    }

    #[test]
    fn key_and_signature_errors_reach_the_ui() {
        for (e, code, nl) in [
            (SyncError::InvalidSigningKey("x".into()), ErrorCode::InvalidKey, "ondertekensleutel"),
            (SyncError::InvalidSigningPublicKey("x".into()), ErrorCode::InvalidKey, "ktsig1:"),
            (SyncError::BadSignature, ErrorCode::ExportRefused, "handtekening"),
        ] {
            let api = ApiError::from(e);
            assert_eq!(api.code, code);
            assert!(api.message.contains(nl), "{}", api.message);
        }
        assert_eq!(Refusal::from(&SyncError::BadSignature).code, SyncErrorCode::BadSignature);
    }

    #[test]
    fn each_limit_has_its_own_code_and_words() {
        const MIB: u64 = 1024 * 1024;
        let big = Refusal::from(&SyncError::TooLarge { bytes: 300 * MIB + 1, limit: 256 * MIB });
        assert_eq!(big.code, SyncErrorCode::ExportTooLarge);
        assert!(big.message.contains("te groot") && big.message.contains("301 MB") && big.message.contains("256 MB"), "{}", big.message);
        assert!(big.message_en.contains("too large") && big.message_en.contains("256 MB"), "{}", big.message_en);
        let many = Refusal::from(&SyncError::TooManyOps { count: 2_000_001, limit: 2_000_000 });
        assert_eq!(many.code, SyncErrorCode::ExportTooManyOps);
        assert!(many.message.contains("te veel wijzigingen") && many.message.contains("2.000.001"), "{}", many.message);
        assert!(many.message_en.contains("too many changes") && many.message_en.contains("2,000,000"), "{}", many.message_en);
        for r in [&big, &many] {
            assert!(r.message.contains("niets veranderd") && r.message_en.contains("Nothing was changed"));
        }
        assert_eq!(ApiError::from(SyncError::TooManyOps { count: 3, limit: 2 }).code, ErrorCode::ExportRefused);
        assert_eq!(grouped(999, '.'), "999");
        assert_eq!(grouped(1_000, '.'), "1.000");
    }

    #[test]
    fn a_full_disk_and_a_read_only_store_are_told_apart() {
        let full = Refusal::from(&SyncError::Store(StoreError::DiskFull("backup: disk I/O error".into())));
        let read_only = Refusal::from(&SyncError::Store(StoreError::ReadOnly("/x/k.sqlite3".into())));
        assert_eq!((full.code, read_only.code), (SyncErrorCode::Store, SyncErrorCode::Store));
        assert!(full.message.contains("vol") && full.message_en.contains("disk is full"), "{full:?}");
        assert!(read_only.message.contains("alleen-lezen") && read_only.message_en.contains("read-only"), "{read_only:?}");
        assert_ne!(full.message, read_only.message);
    }

    #[test]
    fn refusals_keep_their_exact_reason() {
        let r = Refusal::from(&SyncError::Truncated("cut".into()));
        assert_eq!(r.code, SyncErrorCode::ExportTruncated);
        assert!(r.message.contains("niet compleet") && r.message.contains("niets veranderd"));
        let api = ApiError::from(SyncError::WrongKey);
        assert_eq!(api.code, ErrorCode::ExportRefused);
        let api = ApiError::from(SyncError::Store(StoreError::Busy));
        assert_eq!(api.code, ErrorCode::StoreBusy);
    }

    #[test]
    fn an_invalid_op_names_its_line_in_both_languages() {
        let e = SyncError::InvalidOp { line: 7, reason: "household.adults -5 is outside 0 to 30".into() };
        let r = Refusal::from(&e);
        assert_eq!(r.code, SyncErrorCode::ExportInvalidOp);
        assert!(r.message.contains("regel 7") && r.message.ends_with("Er is niets veranderd aan je gegevens."), "{}", r.message);
        assert!(r.message_en.contains("line 7") && r.message_en.contains("household.adults"), "{}", r.message_en);
        assert_eq!(ApiError::from(e).code, ErrorCode::ExportRefused);
    }
}
