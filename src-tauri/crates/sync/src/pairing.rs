//! The pairing code: who an installation is and its public keys, handed over in person. A
//! volunteer's app shows its code so the coordinator can enrol it; the coordinator's code tells
//! a volunteer's app who its coordinator is. Nothing in it is secret; what makes it trusted is
//! that both people read the same [`Fingerprint`] aloud from their own screens.
//!
//! # Forms
//!
//! **The line** (to paste): `KTKOPPEL1-` followed by the base64url (no padding) of one JSON
//! object with exactly these fields, written in this order by [`Pairing::to_line`]:
//!
//! ```json
//! {"name":"Anna de Vries","role":"energy_coach","organisation":"Energiebank Noord",
//!  "replica":"0190f6c2-…","age_key":"age1…","signing_key":"ktsig1:…","created":"2026-11-23"}
//! ```
//!
//! `role` is `coordinator`, `energy_coach` or `debt_help_volunteer`; `replica` is the
//! installation id (a UUID, lowercase with hyphens); `age_key` the age X25519 public key
//! (`age1…`, lowercase); `signing_key` the Ed25519 public key ([`crate::signing`]); `created` the
//! day the code was made. The version is in the prefix: a later format is `KTKOPPEL2-`.
//!
//! **The file** ([`PAIRING_FILE`], `keukentafel-koppelcode.txt`): four comment lines (`#`, Dutch
//! and English) saying what it is and what to do with it, then the line.
//!
//! # Reading is strict and bounded
//!
//! At most [`MAX_PAIRING_BYTES`] are looked at (a file is measured before it is read). Blank
//! and `#` lines are skipped; exactly one other line must remain. The base64url must be
//! canonical; the JSON must have exactly the seven fields (no unknown, missing or duplicate
//! ones). Each value is checked: a known role, a canonical non-nil UUID, an age key and a
//! signing key that parse and are written in their one canonical form, a `YYYY-MM-DD` date, a
//! name of 1–120 characters and an organisation of at most 200 after trimming, neither with
//! control characters. Every failure is its own [`PairingProblem`].
//!
//! # Fingerprint
//!
//! [`fingerprint`] covers exactly what enrolment trusts: the installation id, the age key and
//! the signing key. The name, role, organisation and date are not in it (they are shown beside
//! it, and can be corrected at enrolment); changing any of the three covered values changes it.
//!
//! Derivation: `d = SHA-256("keukentafel-fingerprint-v1" ‖ 0x00 ‖ replica (16 bytes) ‖
//! len(age) as u16 BE ‖ age key text (62 bytes) ‖ signing key (32 bytes))`. The digits come from
//! 16-byte blocks of `d` and then of `SHA-256(d ‖ i)` for `i = 1, 2, …` (u32 BE), each read as
//! a big-endian u128 `x`: the first `x` below the largest multiple of 10^20 (a block is skipped
//! with probability < 10^-18) gives `x mod 10^20` as 20 digits, exactly uniform. Shown as 5
//! groups of 4: `0123 4567 8901 2345 6789`.
//!
//! Strength: 10^20 ≈ 2^66.4 values. To pass enrolment with keys of their own, an attacker who
//! can swap the code on its way must find keys whose fingerprint equals the victim's: a
//! second preimage, about 2^66 key generations plus SHA-256 each (thousands of GPU-years),
//! and it must be done before the two people compare. A collision between two honest
//! installations is irrelevant (each enrolment compares one code with one screen).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDate;
use keukentafel_domain::{Enrolment, ReplicaId, Role, UserProfile};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{PairingProblem, SyncError};
use crate::keys::{KeyPair, Recipient};
use crate::signing::{SigningKey, SigningPublicKey};

/// The start of a pairing line (version 1).
pub const PAIRING_PREFIX: &str = "KTKOPPEL1-";
/// The pairing file's name (no personal data in it).
pub const PAIRING_FILE: &str = "keukentafel-koppelcode.txt";
/// The most a pairing text or file may hold; a real one is well under 2 KiB.
pub const MAX_PAIRING_BYTES: usize = 8 * 1024;

const NAME_MAX: usize = 120;
const ORGANISATION_MAX: usize = 200;
const FINGERPRINT_CONTEXT: &[u8] = b"keukentafel-fingerprint-v1\0";

/// Who an installation is, with its public keys. Always valid: made by [`Pairing::new`] (or
/// [`Pairing::for_installation`]) or by parsing, so its line always parses back to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Pairing {
    name: String,
    role: Role,
    organisation: String,
    /// The installation id.
    replica: ReplicaId,
    /// The age public key (`age1…`): files for this installation are encrypted to it.
    #[ts(type = "string")]
    age_key: AgeKey,
    /// The signing public key (`ktsig1:…`): this installation's files are signed with it.
    #[ts(type = "string")]
    signing_key: SigningPublicKey,
    /// The day the code was made (`YYYY-MM-DD`).
    #[ts(type = "string")]
    created: NaiveDate,
}

/// An age public key that serialises as its text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct AgeKey(Recipient);

impl Serialize for AgeKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// The short code two people read aloud and compare: 20 digits in 5 groups of 4.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, TS)]
pub struct Fingerprint(String);

impl Fingerprint {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The fingerprint of an installation's identity: its id, age key and signing key (see the
/// module doc for the derivation).
pub fn fingerprint(replica: ReplicaId, age_key: &Recipient, signing_key: &SigningPublicKey) -> Fingerprint {
    let age = age_key.to_string();
    let mut h = Sha256::new();
    h.update(FINGERPRINT_CONTEXT);
    h.update(replica.0.as_bytes());
    h.update((age.len() as u16).to_be_bytes());
    h.update(age.as_bytes());
    h.update(signing_key.to_bytes());
    let digest: [u8; 32] = h.finalize().into();

    const N: u128 = 100_000_000_000_000_000_000; // 10^20
    const LIMIT: u128 = (u128::MAX / N) * N; // below it, x mod N is uniform
    let mut block = digest;
    let mut counter: u32 = 0;
    let value = loop {
        let found =
            block.chunks_exact(16).map(|c| u128::from_be_bytes(c.try_into().expect("16 bytes"))).find(|x| *x < LIMIT);
        if let Some(x) = found {
            break x % N;
        }
        counter += 1;
        block = Sha256::new().chain_update(digest).chain_update(counter.to_be_bytes()).finalize().into();
    };
    let digits = format!("{value:020}");
    let groups: Vec<&str> = (0..5).map(|i| &digits[i * 4..i * 4 + 4]).collect();
    Fingerprint(groups.join(" "))
}

impl Pairing {
    /// A pairing from its parts. Control characters in the name and organisation become spaces
    /// and both are trimmed; then the name must be 1–120 characters, the organisation at most 200.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: &str,
        role: Role,
        organisation: &str,
        replica: ReplicaId,
        age_key: Recipient,
        signing_key: SigningPublicKey,
        created: NaiveDate,
    ) -> Result<Pairing, SyncError> {
        let clean =
            |s: &str| s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_owned();
        let (name, organisation) = (clean(name), clean(organisation));
        check_texts(&name, &organisation).map_err(SyncError::InvalidPairing)?;
        if replica.0.is_nil() {
            return Err(SyncError::InvalidPairing(PairingProblem::BadReplica));
        }
        Ok(Pairing { name, role, organisation, replica, age_key: AgeKey(age_key), signing_key, created })
    }

    /// This installation's pairing: its user's profile, its id and its two public keys.
    pub fn for_installation(
        profile: &UserProfile,
        replica: ReplicaId,
        age: &KeyPair,
        signing: &SigningKey,
        created: NaiveDate,
    ) -> Result<Pairing, SyncError> {
        Pairing::new(
            &profile.name,
            profile.role,
            &profile.organisation,
            replica,
            age.recipient(),
            signing.public(),
            created,
        )
    }

    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn role(&self) -> Role {
        self.role
    }
    pub fn organisation(&self) -> &str {
        &self.organisation
    }
    pub fn replica(&self) -> ReplicaId {
        self.replica
    }
    pub fn age_key(&self) -> &Recipient {
        &self.age_key.0
    }
    pub fn signing_key(&self) -> &SigningPublicKey {
        &self.signing_key
    }
    pub fn created(&self) -> NaiveDate {
        self.created
    }

    pub fn fingerprint(&self) -> Fingerprint {
        fingerprint(self.replica, &self.age_key.0, &self.signing_key)
    }

    /// The active enrolment a coordinator records for this code's installation (after
    /// comparing the fingerprint in person): its name, role and keys exactly as the code says.
    pub fn enrolment(&self, enrolled_by: String, enrolled_at: String) -> Enrolment {
        Enrolment {
            replica: self.replica,
            name: self.name.clone(),
            role: self.role,
            organisation: self.organisation.clone(),
            age_key: self.age_key.0.to_string(),
            signing_key: self.signing_key.to_string(),
            active: true,
            enrolled_by,
            enrolled_at,
            revoked_at: None,
        }
    }

    /// The single line to paste: `KTKOPPEL1-<base64url of the JSON>`.
    pub fn to_line(&self) -> String {
        let json = serde_json::to_vec(self).expect("a pairing serialises");
        format!("{PAIRING_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// The pairing file's text: comment lines in Dutch and English, then the line.
    pub fn file_text(&self) -> String {
        format!(
            "# Keukentafel-koppelcode van {name}. Hier staat niets geheims in.\n\
             # Lees hem in bij Uitwisselen in Keukentafel en vergelijk de vingerafdruk hardop op beide schermen.\n\
             # Keukentafel pairing code of {name}. Nothing secret in here.\n\
             # Read it in Keukentafel (Sync) and compare the fingerprint aloud on both screens.\n\
             {}\n",
            self.to_line(),
            name = self.name,
        )
    }
}

/// Name and organisation after trimming: lengths and no control characters.
fn check_texts(name: &str, organisation: &str) -> Result<(), PairingProblem> {
    if name.chars().chain(organisation.chars()).any(char::is_control) {
        return Err(PairingProblem::ControlCharacters);
    }
    if name.is_empty() {
        return Err(PairingProblem::NameEmpty);
    }
    if name.chars().count() > NAME_MAX {
        return Err(PairingProblem::NameTooLong);
    }
    if organisation.chars().count() > ORGANISATION_MAX {
        return Err(PairingProblem::OrganisationTooLong);
    }
    Ok(())
}

/// The JSON as it arrives, before any value is trusted.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    name: String,
    role: String,
    organisation: String,
    replica: String,
    age_key: String,
    signing_key: String,
    created: String,
}

/// Parses a pairing line, or the text of a pairing file (comment and blank lines skipped).
pub fn parse_pairing(text: &str) -> Result<Pairing, SyncError> {
    parse(text).map_err(SyncError::InvalidPairing)
}

fn parse(text: &str) -> Result<Pairing, PairingProblem> {
    use PairingProblem as P;
    if text.len() > MAX_PAIRING_BYTES {
        return Err(P::TooLarge);
    }
    let text = text.trim_start_matches('\u{feff}'); // a byte order mark from a Windows editor
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let line = match lines.as_slice() {
        [one] => *one,
        [] => return Err(P::NoCode),
        _ => return Err(P::MoreThanOneCode),
    };
    let Some(encoded) = line.strip_prefix(PAIRING_PREFIX) else {
        return Err(if is_later_version(line) { P::NewerVersion } else { P::WrongPrefix });
    };
    let json = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| P::BadEncoding)?;
    let wire: Wire = serde_json::from_slice(&json).map_err(|_| P::BadJson)?;

    let role: Role = serde_json::from_value(serde_json::Value::String(wire.role)).map_err(|_| P::UnknownRole)?;
    let replica = uuid::Uuid::parse_str(&wire.replica).map_err(|_| P::BadReplica)?;
    if replica.is_nil() || replica.hyphenated().to_string() != wire.replica {
        return Err(P::BadReplica);
    }
    let age_key = Recipient::from_str(&wire.age_key).map_err(|_| P::BadAgeKey)?;
    if age_key.to_string() != wire.age_key {
        return Err(P::BadAgeKey); // e.g. upper case: one key, one spelling
    }
    let signing_key = SigningPublicKey::from_str(&wire.signing_key).map_err(|_| P::BadSigningKey)?;
    let created = NaiveDate::from_str(&wire.created).map_err(|_| P::BadDate)?;
    if created.format("%Y-%m-%d").to_string() != wire.created {
        return Err(P::BadDate);
    }
    let (name, organisation) = (wire.name.trim().to_owned(), wire.organisation.trim().to_owned());
    check_texts(&name, &organisation)?;
    Ok(Pairing {
        name,
        role,
        organisation,
        replica: ReplicaId(replica),
        age_key: AgeKey(age_key),
        signing_key,
        created,
    })
}

/// `KTKOPPEL<n>-` with a version above 1.
fn is_later_version(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("KTKOPPEL") else { return false };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    rest[digits.len()..].starts_with('-') && digits.parse::<u32>().is_ok_and(|v| v > 1)
}

/// Reads a pairing file; a file over [`MAX_PAIRING_BYTES`] is refused before it is read.
pub fn read_pairing_file(path: &Path) -> Result<Pairing, SyncError> {
    let meta = std::fs::metadata(path).map_err(|e| SyncError::io(path, e))?;
    if !meta.is_file() {
        return Err(SyncError::io(path, "not a file"));
    }
    if meta.len() > MAX_PAIRING_BYTES as u64 {
        return Err(SyncError::InvalidPairing(PairingProblem::TooLarge));
    }
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_PAIRING_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| SyncError::io(path, e))?;
    parse_pairing(&String::from_utf8_lossy(&bytes))
}

/// A pairing given as text (the line, or a whole file's text) or as the path of a pairing file.
pub fn pairing_from_arg(arg: &str) -> Result<Pairing, SyncError> {
    let trimmed = arg.trim();
    if trimmed.starts_with("KTKOPPEL")
        || trimmed.starts_with('#')
        || trimmed.contains('\n')
        || arg.len() > MAX_PAIRING_BYTES
    {
        return parse_pairing(arg);
    }
    let path = Path::new(trimmed);
    if path.is_file() {
        return read_pairing_file(path);
    }
    if trimmed.contains(std::path::MAIN_SEPARATOR) || trimmed.contains('/') || trimmed.ends_with(".txt") {
        return Err(SyncError::io(path, "no such file"));
    }
    parse_pairing(arg)
}

/// Writes the pairing file ([`PAIRING_FILE`]) into `dir`, complete or not at all, replacing an
/// earlier one there; returns its path.
pub fn save_pairing_file(pairing: &Pairing, dir: &Path) -> Result<PathBuf, SyncError> {
    std::fs::create_dir_all(dir).map_err(|e| SyncError::io(dir, e))?;
    let path = dir.join(PAIRING_FILE);
    crate::file::write_atomically(&path, pairing.file_text().as_bytes())?;
    Ok(path)
}
