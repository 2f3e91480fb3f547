//! The words for refused files and pairing codes (Dutch first, English where the error's own
//! text is not written for a person).

use keukentafel_sync::{PairingProblem, SyncError};

use super::store_message;

/// The Dutch message for a sync error (shown for a refused file, too).
pub(super) fn sync_message_nl(e: &SyncError) -> String {
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
        SyncError::AssignsHouseholds { .. } => format!(
            "Dit bestand van een vrijwilliger wijst huishoudens toe. Dat mag alleen de coördinator. Daarom is het \
             hele bestand niet ingelezen. Neem contact op met de afzender. {UNTOUCHED}"
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
pub(super) fn pairing_message_nl(problem: PairingProblem) -> String {
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
pub(super) fn sync_message_en(e: &SyncError) -> String {
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
pub(super) fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

/// `n` with its digits in groups of three: `2.000.000` (Dutch) or `2,000,000` (English).
pub(super) fn grouped(n: u64, separator: char) -> String {
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
