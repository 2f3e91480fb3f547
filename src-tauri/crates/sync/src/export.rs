//! Writing export files: a volunteer's file for the coordinator, a coordinator's return file
//! for one volunteer, or (CLI) a file for any list of public keys.
//!
//! Which ops: those the store holds that the recipients are not known to hold, judged by what
//! each recipient said it held (`received`) in the last file we imported from it. A recipient
//! that never sent a file gets everything. Sending an op twice is harmless (imports skip ops
//! already present); not sending one would lose it, so when in doubt we send.
//!
//! A file is written even when no op is new: it still carries this store's `received`
//! (the acknowledgement that lets the other side send less next time) and its public key.
//!
//! The name carries no personal data: `keukentafel-<first 8 of replica id>-<12 hex>.kt`, the hex
//! being a hash of the ops, the acknowledgement and the recipients (not the time), so exporting
//! the same state again gives the same name and replaces the earlier file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use keukentafel_domain::{ExportFile, FileKind, FileReceipt, ReplicaId, Role};
use keukentafel_store::{Op, Received, Store};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::SyncError;
use crate::format::{self, Manifest, Version};
use crate::keys::{parse_recipient, KeyPair, Recipient};
use crate::pairing::{pairing_from_arg, Pairing};
use crate::signing::load_or_create_signing_key;

/// The local setting that holds the coordinator's public key (on a volunteer's installation).
pub const COORDINATOR_SETTING: &str = "coordinator_recipient";

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ExportOutcome {
    pub path: String,
    /// Ops in the file (0: the file only carries the acknowledgement).
    pub op_count: usize,
    pub recipients: Vec<String>,
    /// The file's number (per installation, from 1; the same content written again keeps it).
    pub file_number: i64,
}

/// Links a volunteer's installation to its coordinator from the coordinator's pairing code (a
/// pasted line, or the path of the code file), after the volunteer compared the fingerprint.
/// Only a coordinator's code links; linking again with a new code replaces the old link.
pub fn link_coordinator(store: &mut Store, code: &str) -> Result<Pairing, SyncError> {
    let pairing = pairing_from_arg(code)?;
    if pairing.role() != Role::Coordinator {
        let role = pairing.role().as_str().to_owned();
        return Err(SyncError::NotACoordinator { role });
    }
    store.set_setting(COORDINATOR_SETTING, &pairing.age_key().to_string())?;
    store.set_setting(crate::trust::COORDINATOR_PAIRING_SETTING, &pairing.to_line())?;
    Ok(pairing)
}

/// The linked coordinator's public key, if any.
pub fn coordinator(store: &Store) -> Result<Option<String>, SyncError> {
    Ok(store.setting(COORDINATOR_SETTING)?)
}

/// A volunteer's export: for the linked coordinator (and this installation itself).
pub fn export_to_coordinator(store: &Store, key: &KeyPair, out_dir: &Path, now: DateTime<Utc>) -> Result<ExportOutcome, SyncError> {
    let coordinator = coordinator(store)?.ok_or(SyncError::NoCoordinator)?;
    export_for(store, key, &[parse_recipient(&coordinator)?], out_dir, now)
}

/// A coordinator's return file for one enrolled, active volunteer installation, encrypted to
/// the age key it was enrolled with (never to a key a file named). It carries only the
/// households given to that volunteer, and of those only what the volunteer has not confirmed
/// holding, and it lists those households: the laptop forgets every other
/// (`keukentafel_store::scope`; the scheme is in the store's `deliver` module).
pub fn export_return_file(
    store: &mut Store,
    key: &KeyPair,
    peer: ReplicaId,
    out_dir: &Path,
    now: DateTime<Utc>,
) -> Result<ExportOutcome, SyncError> {
    let enrolment = store.enrolment(peer)?.filter(|e| e.active).ok_or_else(|| SyncError::NotEnrolled(peer.to_string()))?;
    let recipient = parse_recipient(&enrolment.age_key)?;
    // The store's delivery plan picks the ops in one transaction and gives their positions;
    // they are read from there one at a time, like an export's.
    let batch = store.return_batch(peer, &timestamp(now))?;
    let scope = Scope {
        return_file: Some(batch.number),
        households: Some(batch.households),
        acknowledged: None,
        receipts: Some(store.receipts_for(peer)?),
        peer: Some(peer),
        erase: Some(store.erasures_for(peer)?).filter(|e| !e.is_empty()),
        erased: None,
    };
    write_file(store, key, &[recipient], out_dir, now, Ops::At(&batch.positions), scope)
}

/// What a file says about scope (format 2.1) and receipts (2.2; see [`Manifest`]).
#[derive(Default)]
struct Scope {
    return_file: Option<i64>,
    households: Option<Vec<keukentafel_domain::HouseholdId>>,
    acknowledged: Option<i64>,
    receipts: Option<Vec<FileReceipt>>,
    /// The volunteer a return file is for.
    peer: Option<ReplicaId>,
    /// A return file: the erasures the volunteer has not confirmed (2.3).
    erase: Option<Vec<keukentafel_domain::HouseholdId>>,
    /// A volunteer's file: the erasures carried out here (2.3).
    erased: Option<Vec<keukentafel_domain::ErasedHousehold>>,
}

fn timestamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// What every recipient is known to hold: the per-replica minimum over what each said. `None`
/// when a recipient (other than ourselves) never sent a file: it gets everything.
fn known_received(store: &Store, key: &KeyPair, recipients: &[Recipient]) -> Result<Option<Received>, SyncError> {
    let peers = store.peers()?;
    let own = key.public_key();
    let mut out: Option<Received> = None;
    for r in recipients.iter().map(Recipient::to_string).filter(|r| *r != own) {
        let Some(peer) = peers.iter().find(|p| p.recipient == r) else { return Ok(None) };
        out = Some(match out {
            None => peer.received.clone(),
            Some(acc) => acc
                .into_iter()
                .filter_map(|(replica, seq)| peer.received.get(&replica).map(|s| (replica, seq.min(*s))))
                .collect(),
        });
    }
    Ok(out)
}

/// Writes one export file to `out_dir` for `recipients` and this installation itself.
pub fn export_for(
    store: &Store,
    key: &KeyPair,
    recipients: &[Recipient],
    out_dir: &Path,
    now: DateTime<Utc>,
) -> Result<ExportOutcome, SyncError> {
    let since = known_received(store, key, recipients)?.unwrap_or_default();
    let newest = store.newest_return_file()?;
    let erased = store.erased_confirmations()?;
    let scope = Scope {
        acknowledged: (newest > 0).then_some(newest),
        erased: (!erased.is_empty()).then_some(erased),
        ..Scope::default()
    };
    write_file(store, key, recipients, out_dir, now, Ops::MissingFrom(&since), scope)
}

/// Where a file's ops come from, read from the store one at a time: what the recipients lack (an
/// export), or the positions a return file's delivery plan chose.
#[derive(Clone, Copy)]
enum Ops<'a> {
    MissingFrom(&'a Received),
    /// At these positions in the log (a return file's, `Store::return_batch`).
    At(&'a [i64]),
}

impl Ops<'_> {
    /// Hands each op to `each`, in file order.
    fn each(
        self,
        store: &Store,
        each: impl FnMut(keukentafel_store::Op) -> Result<(), SyncError>,
    ) -> Result<(), SyncError> {
        match self {
            Ops::MissingFrom(since) => store.each_op_missing_from(since, each),
            Ops::At(positions) => store.each_op_at(positions, each),
        }
    }
}

/// What the first pass over a file's ops learns: what its name and manifest need.
#[derive(Default)]
struct Survey {
    count: u64,
    ranges: BTreeMap<ReplicaId, [i64; 2]>,
    /// SHA-256 fed with the op lines, which the name hashes first.
    lines: Sha256,
}

/// `op` as its line in the file (JSON and `\n`), in `line` (emptied first): both passes hash
/// exactly these bytes.
fn op_line(line: &mut Vec<u8>, op: &Op) -> Result<(), SyncError> {
    line.clear();
    serde_json::to_writer(&mut *line, op).map_err(|e| SyncError::Malformed(e.to_string()))?;
    line.push(b'\n');
    Ok(())
}

fn survey(store: &Store, ops: Ops<'_>) -> Result<Survey, SyncError> {
    let mut out = Survey::default();
    let mut h = Sha256::new();
    let mut line = Vec::with_capacity(1024);
    ops.each(store, |op| {
        op_line(&mut line, &op)?;
        h.update(&line);
        out.count += 1;
        let r = out.ranges.entry(op.replica).or_insert([op.seq, op.seq]);
        r[0] = r[0].min(op.seq);
        r[1] = r[1].max(op.seq);
        Ok(())
    })?;
    out.lines = h;
    Ok(out)
}

/// Signs, compresses, encrypts and writes one file with `ops`, streaming (see `content`): a
/// first pass over the ops gives the name, the ranges and the count the manifest needs, the
/// second writes them. The ops never sit in memory together.
fn write_file(
    store: &Store,
    key: &KeyPair,
    recipients: &[Recipient],
    out_dir: &Path,
    now: DateTime<Utc>,
    ops: Ops<'_>,
    scope: Scope,
) -> Result<ExportOutcome, SyncError> {
    let (author, role) = match store.profile()? {
        Some(p) => (p.name, p.role.as_str().to_owned()),
        None => (String::new(), String::new()),
    };
    let surveyed = survey(store, ops)?;
    let mut manifest = Manifest {
        format: format::FORMAT.into(),
        major: format::MAJOR,
        minor: format::MINOR,
        min_reader: Version { major: format::MAJOR, minor: 0 },
        schema_version: store.schema_version()?,
        replica: store.replica(),
        author,
        role,
        recipient: key.public_key(),
        ranges: surveyed.ranges.clone(),
        received: store.received()?,
        created_at: timestamp(now),
        op_count: Some(surveyed.count),
        return_file: scope.return_file,
        households: scope.households,
        acknowledged: scope.acknowledged,
        file_number: None,
        receipts: scope.receipts,
        erase: scope.erase,
        erased: scope.erased,
        extra: BTreeMap::new(),
    };
    let signing = load_or_create_signing_key(store)?;
    let names = names_of(recipients, key);
    let name = file_name(store.replica(), &manifest, &surveyed.lines, &names);
    let kind = if scope.peer.is_some() { FileKind::Return } else { FileKind::Export };
    let number = store.export_file_number(kind, scope.peer, &name.display().to_string())?;
    manifest.file_number = Some(number);
    let mut all: Vec<Recipient> = recipients.to_vec();
    all.push(key.recipient());

    let path = out_dir.join(&name);
    crate::content::write_file(&path, &all, |out| {
        let mut plain = format::PlainWriter::start(out, &manifest)?;
        let mut again = Survey::default();
        let mut h = Sha256::new();
        let mut line = Vec::with_capacity(1024);
        ops.each(store, |op| {
            op_line(&mut line, &op)?;
            h.update(&line);
            again.count += 1;
            plain.op(&op)
        })?;
        // Another process wrote to the store between the passes: the name and the manifest
        // would not match the content.
        if again.count != surveyed.count || h.finalize() != surveyed.lines.clone().finalize() {
            return Err(SyncError::io(&path, "the store changed while the file was written; export again"));
        }
        plain.finish(&signing).map(drop)
    })?;
    // Recorded once the file is whole: a file that failed to be written takes no number.
    store.record_export_file(&ExportFile {
        number,
        kind,
        peer: scope.peer,
        name: name.display().to_string(),
        created_at: manifest.created_at.clone(),
        op_count: surveyed.count as i64,
        received_at: None,
    })?;
    Ok(ExportOutcome {
        path: path.display().to_string(),
        op_count: surveyed.count as usize,
        recipients: names,
        file_number: number,
    })
}

/// The recipients' keys as text, this installation's own included, sorted, once each.
fn names_of(recipients: &[Recipient], key: &KeyPair) -> Vec<String> {
    let mut names: Vec<String> = recipients.iter().map(Recipient::to_string).collect();
    names.push(key.public_key());
    names.sort();
    names.dedup();
    names
}

/// `keukentafel-<replica prefix>-<hash>.kt`; the hash covers the op lines, the acknowledgement,
/// the households and the recipients, not the time or the file's number (so the same content
/// written again replaces the file and keeps its number).
fn file_name(replica: ReplicaId, manifest: &Manifest, op_lines: &Sha256, recipients: &[String]) -> PathBuf {
    // Fed with the op lines already (they are not held in memory).
    let mut h = op_lines.clone();
    h.update(serde_json::to_vec(&manifest.received).unwrap_or_default());
    h.update(serde_json::to_vec(&manifest.households).unwrap_or_default());
    // An erasure or a confirmation is news even when no op is: a file of its own.
    if manifest.erase.is_some() || manifest.erased.is_some() {
        h.update(serde_json::to_vec(&manifest.erase).unwrap_or_default());
        h.update(serde_json::to_vec(&manifest.erased).unwrap_or_default());
    }
    for r in recipients {
        h.update(r.as_bytes());
        h.update(b"\n");
    }
    let replica = replica.to_string();
    PathBuf::from(format!("keukentafel-{}-{}.kt", &replica[..8.min(replica.len())], &format::hex(&h.finalize())[..12]))
}
