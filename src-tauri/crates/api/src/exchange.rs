//! The exchange by export files: this installation's keys, its pairing code, linking to a
//! coordinator, enrolling and revoking volunteers (coordinator), writing an export or a return
//! file, importing files, the export files with their receipts and the files received per
//! volunteer. The keys (age identity, signing key) are kept
//! inside the encrypted store, made on first use (`keukentafel_sync::load_or_create_identity`);
//! files go to a folder the user chose.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use keukentafel_domain::{
    summarize_received, ExportFile, FileKind, HouseholdId, ReceivedFile, ReceivedSummary, ReplicaId, Role, Rule,
    ValidationErrors,
};
use keukentafel_store::{Store, StoreError};
use keukentafel_sync::{
    ExportOutcome, Fingerprint, KeyPair, MergeCounts, Pairing, Progress, Sender, SigningKey, SyncOverview,
};
use serde::Serialize;
use ts_rs::TS;

use crate::errors::{ApiError, ErrorCode, Refusal};
use crate::Reply;

/// The outcome for one imported file: `merged` when it was applied, `refusal` when not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FileReport {
    pub path: String,
    pub sender: Option<Sender>,
    pub op_count: usize,
    pub merged: Option<MergeCounts>,
    pub refusal: Option<Refusal>,
}

impl From<keukentafel_sync::FileReport> for FileReport {
    fn from(r: keukentafel_sync::FileReport) -> Self {
        let (merged, refusal) = match &r.outcome {
            Ok(m) => (Some(m.clone()), None),
            Err(e) => (None, Some(Refusal::from(e))),
        };
        FileReport { path: r.path, sender: r.sender, op_count: r.op_count, merged, refusal }
    }
}

/// This installation's age identity (made on first use, kept inside the encrypted store).
pub fn identity(store: &Store) -> Reply<KeyPair> {
    Ok(keukentafel_sync::load_or_create_identity(store)?)
}

/// This installation's signing key (made on first use, kept inside the encrypted store).
pub fn signing_key(store: &Store) -> Reply<SigningKey> {
    Ok(keukentafel_sync::load_or_create_signing_key(store)?)
}

/// A pairing code as a screen shows it: who, the fingerprint to read aloud, and the line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PairingView {
    pub pairing: Pairing,
    /// 20 digits in groups of 4; both people read it from their own screen and compare.
    pub fingerprint: Fingerprint,
    /// The single line to paste (`KTKOPPEL1-…`).
    pub code: String,
}

impl From<Pairing> for PairingView {
    fn from(pairing: Pairing) -> Self {
        PairingView { fingerprint: pairing.fingerprint(), code: pairing.to_line(), pairing }
    }
}

/// This installation's pairing code: the profile's name, role and organisation, the
/// installation id and both public keys (keys made on first use). Needs a profile.
pub fn own_pairing(store: &Store, today: NaiveDate) -> Reply<Pairing> {
    let profile = store.profile()?.ok_or(StoreError::NoProfile)?;
    let age = identity(store)?;
    let signing = signing_key(store)?;
    Ok(Pairing::for_installation(&profile, store.replica(), &age, &signing, today)?)
}

/// [`own_pairing`] with its fingerprint and line, for the pairing screen.
pub fn own_pairing_view(store: &Store, today: NaiveDate) -> Reply<PairingView> {
    Ok(own_pairing(store, today)?.into())
}

/// Saves this installation's pairing code as `keukentafel-koppelcode.txt` in `dir` (replacing
/// an earlier one there); returns the file's path.
pub fn save_pairing_file(store: &Store, dir: &str, today: NaiveDate) -> Reply<String> {
    let dir = export_dir(dir)?;
    let pairing = own_pairing(store, today)?;
    Ok(keukentafel_sync::save_pairing_file(&pairing, &dir)?.display().to_string())
}

/// Reads someone's pairing code, pasted (the line, or a whole file's text) or as a file path,
/// and shows it with its fingerprint. Changes nothing; every refusal says why.
pub fn read_pairing(text_or_path: &str) -> Reply<PairingView> {
    Ok(keukentafel_sync::pairing_from_arg(text_or_path)?.into())
}

/// The folder a file goes to: always a full path; an empty or relative one (which would land
/// somewhere unexpected) is refused.
pub fn export_dir(dir: &str) -> Reply<PathBuf> {
    let path = PathBuf::from(dir.trim());
    if dir.trim().is_empty() || !path.is_absolute() || path.parent().is_none() {
        return Err(ValidationErrors::one("dir", Rule::FolderNotUsable).into());
    }
    Ok(path)
}

pub fn overview(store: &Store) -> Reply<SyncOverview> {
    let key = identity(store)?;
    Ok(keukentafel_sync::overview(store, &key)?)
}

/// Links this (volunteer's) installation to its coordinator from the coordinator's pairing
/// code (a pasted line or the path of the code file), after the volunteer compared the
/// fingerprint ([`read_pairing`] shows it). From then on only files signed by that coordinator
/// are imported, and exports are encrypted to it.
pub fn link_coordinator(store: &mut Store, code: &str) -> Reply<SyncOverview> {
    keukentafel_sync::link_coordinator(store, code)?;
    overview(store)
}

/// A volunteer installation as the coordinator's volunteers page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct VolunteerView {
    pub replica: ReplicaId,
    pub name: String,
    pub role: Role,
    pub organisation: String,
    /// Of the enrolled keys: what the volunteer's screen showed when enrolling.
    pub fingerprint: String,
    pub active: bool,
    pub enrolled_by: String,
    pub enrolled_at: String,
    pub revoked_at: Option<String>,
    /// When its last file was imported (RFC 3339), if ever.
    pub last_import: Option<String>,
    /// The households given to it now, by name.
    pub households: Vec<AssignedHousehold>,
}

/// A household given to a volunteer, as the volunteers page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AssignedHousehold {
    pub id: HouseholdId,
    pub name: String,
    /// Since when (`YYYY-MM-DD`).
    pub since: String,
}

/// Every enrolled volunteer installation, active first.
pub fn volunteers(store: &Store) -> Reply<Vec<VolunteerView>> {
    let peers = store.peers()?;
    let assignments = store.assignments()?;
    let names = store.household_names()?;
    let mut out = Vec::new();
    for e in store.enrolments()? {
        let mut households: Vec<AssignedHousehold> = assignments
            .iter()
            .filter(|a| a.volunteer == e.replica && a.is_active())
            .filter_map(|a| {
                let name = names.get(&a.household_id)?.clone();
                Some(AssignedHousehold { id: a.household_id, name, since: a.since.clone() })
            })
            .collect();
        households.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        let age: keukentafel_sync::Recipient = keukentafel_sync::parse_recipient(&e.age_key)?;
        let signing: keukentafel_sync::SigningPublicKey =
            e.signing_key.parse().map_err(|_| keukentafel_sync::SyncError::InvalidSigningPublicKey(e.signing_key.clone()))?;
        out.push(VolunteerView {
            fingerprint: keukentafel_sync::fingerprint(e.replica, &age, &signing).to_string(),
            last_import: peers.iter().find(|p| p.replica == e.replica).and_then(|p| p.last_import.clone()),
            replica: e.replica,
            name: e.name,
            role: e.role,
            organisation: e.organisation,
            active: e.active,
            enrolled_by: e.enrolled_by,
            enrolled_at: e.enrolled_at,
            revoked_at: e.revoked_at,
            households,
        });
    }
    Ok(out)
}

/// Gives a household to an enrolled, active volunteer (coordinator): from its next return file
/// on, that volunteer's laptop holds the household. Giving it again changes nothing.
pub fn assign_household(store: &mut Store, household: HouseholdId, volunteer: ReplicaId, today: NaiveDate) -> Reply<Vec<VolunteerView>> {
    store.enrolment(volunteer)?.filter(|e| e.active).ok_or_else(|| keukentafel_sync::SyncError::NotEnrolled(volunteer.to_string()))?;
    store.assign(household, volunteer, today)?;
    volunteers(store)
}

/// Takes a household off a volunteer (coordinator): its next return file makes that laptop
/// forget the household (once the coordinator holds the volunteer's changes to it).
pub fn unassign_household(store: &mut Store, household: HouseholdId, volunteer: ReplicaId, today: NaiveDate) -> Reply<Vec<VolunteerView>> {
    store.unassign(household, volunteer, today)?;
    volunteers(store)
}

/// Enrols a volunteer's installation from its pairing code (a pasted line or the path of the
/// code file), after the coordinator compared the fingerprint with the volunteer's screen.
/// Enrolling the same installation again with a new code replaces its keys and name (the only
/// way they change) and makes a revoked enrolment active again. A coordinator's code, or this
/// installation's own, is refused.
pub fn enrol_volunteer(store: &mut Store, code: &str, now: DateTime<Utc>) -> Reply<Vec<VolunteerView>> {
    let pairing = keukentafel_sync::pairing_from_arg(code)?;
    if pairing.role() == Role::Coordinator || pairing.replica() == store.replica() {
        return Err(ApiError::new(
            ErrorCode::InvalidPairing,
            "Dit is geen koppelcode van een vrijwilliger. Vraag de vrijwilliger om de code op zijn of haar scherm.",
            "This is not a volunteer's pairing code. Ask the volunteer for the code on their screen.",
        ));
    }
    let by = store.profile()?.ok_or(keukentafel_store::StoreError::NoProfile)?.name;
    store.enrol(&pairing.enrolment(by, now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))?;
    volunteers(store)
}

/// Revokes a volunteer's enrolment: its later files are refused and no return file is written
/// for it; what it sent before stays.
pub fn revoke_volunteer(store: &mut Store, replica: ReplicaId, now: DateTime<Utc>) -> Reply<Vec<VolunteerView>> {
    store.revoke(replica, &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))?;
    volunteers(store)
}

/// A volunteer's export file for the linked coordinator.
pub fn export_to_coordinator(store: &Store, dir: &str, now: DateTime<Utc>) -> Reply<ExportOutcome> {
    let dir = export_dir(dir)?;
    let key = identity(store)?;
    Ok(keukentafel_sync::export_to_coordinator(store, &key, &dir, now)?)
}

/// The coordinator's return file for one volunteer (an installation it received a file from).
pub fn export_return_file(store: &mut Store, replica: ReplicaId, dir: &str, now: DateTime<Utc>) -> Reply<ExportOutcome> {
    let dir = export_dir(dir)?;
    let key = identity(store)?;
    Ok(keukentafel_sync::export_return_file(store, &key, replica, &dir, now)?)
}

/// This installation's export files, newest first, each with its receipt once the coordinator's
/// return file confirmed it (a volunteer's screen: "ontvangen op …" or "nog niet bevestigd").
pub fn export_files(store: &Store) -> Reply<Vec<ExportFile>> {
    Ok(store.export_files()?.into_iter().filter(|f| f.kind == FileKind::Export).collect())
}

/// The files received from one enrolled volunteer installation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct VolunteerFiles {
    pub replica: ReplicaId,
    pub name: String,
    pub active: bool,
    /// Count, the last one's number and date, the missing numbers.
    pub summary: ReceivedSummary,
    /// Every file received from it, newest number first (files without a number last).
    pub files: Vec<ReceivedFile>,
}

/// Per enrolled volunteer (active first, as [`volunteers`] lists them), the files received from
/// it and the gaps in their numbers (coordinator).
pub fn received_files(store: &Store) -> Reply<Vec<VolunteerFiles>> {
    let received = store.received_files()?;
    Ok(store
        .enrolments()?
        .into_iter()
        .map(|e| {
            let mut files: Vec<ReceivedFile> = received.iter().filter(|f| f.sender == e.replica).cloned().collect();
            files.sort_by(|a, b| {
                (a.file_number.is_none(), std::cmp::Reverse(a.file_number), std::cmp::Reverse(&a.created_at)).cmp(&(
                    b.file_number.is_none(),
                    std::cmp::Reverse(b.file_number),
                    std::cmp::Reverse(&b.created_at),
                ))
            });
            VolunteerFiles { replica: e.replica, name: e.name, active: e.active, summary: summarize_received(&files), files }
        })
        .collect())
}

/// Imports files one by one with this installation's own key; see [`import_files_with`].
pub fn import_files(
    store: &mut Store,
    paths: &[PathBuf],
    now: DateTime<Utc>,
    progress: impl FnMut(Progress),
) -> Reply<Vec<FileReport>> {
    let key = identity(store)?;
    Ok(import_files_with(store, &key, paths, now, progress))
}

/// Imports files one by one: each is verified whole before the store is touched and applied in
/// one transaction; a refused file is reported and does not stop the others. `progress` hears
/// each file's stage.
pub fn import_files_with(
    store: &mut Store,
    key: &KeyPair,
    paths: &[PathBuf],
    now: DateTime<Utc>,
    progress: impl FnMut(Progress),
) -> Vec<FileReport> {
    keukentafel_sync::import_files(store, key, paths, now, progress).into_iter().map(FileReport::from).collect()
}
