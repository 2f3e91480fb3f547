//! Importing export files into a store, and verifying a file without a store.
//!
//! Per file, independently: refuse a file over the size limit from its size on disk, then in
//! one streaming pass (`content`: age one chunk at a time, zstd, the decompressed bytes counted
//! against the size limit) decrypt and verify everything (age, the manifest — refused from its
//! first line when it is of a newer version or announces too many ops —, the sender, footer,
//! checksum, op count, every op, the signature) before the store is touched; a refusal leaves
//! the store as it was. Neither the file nor its plaintext is held whole (a 2.x file's
//! plaintext still is, as before); the verified ops are, since [`Store::merge`] takes them as
//! one list in one transaction. Before the first file of a batch is
//! applied, the store is backed up (SQLite online backup into `<store folder>/backups/`, written
//! under a temporary name and renamed when whole; the newest kept, at most [`BACKUPS_KEPT`] and
//! together at most [`BACKUP_BUDGET`] times the store's size); a read-only
//! store is refused before that. Then the file's ops are merged in one transaction
//! ([`Store::merge`]: all or nothing, ops already present skipped) and the sender is remembered
//! as a peer. One bad file never stops the others. When no file of the batch was applied, its
//! backup (a copy of an unchanged store) is removed again, so a full disk is not made fuller.
//! When a return file made this laptop forget households, its backups forget them too.
//!
//! A file from this installation's coordinator is merged with [`Store::merge_return_file`]: ops
//! it relays from others were judged by the coordinator, and the newest return file's list of
//! households decides which households this laptop keeps (the others are forgotten, see
//! `keukentafel_store::scope`). A volunteer's file on the coordinator's store is merged with
//! [`Store::merge_from_volunteer`] (its new households are claimed for it; its changes outside
//! its households are held back), and its `acknowledged` return file is noted. Every file
//! applied from another installation is recorded (`received_files`, in the merge's
//! transaction); a return file's receipts mark this installation's export files received.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use keukentafel_domain::ReplicaId;
use keukentafel_domain::ReceivedFile;
use keukentafel_store::{FileArrival, MergeReport, Peer, ScopeList, Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

use crate::content;
use crate::error::SyncError;
use crate::format::{ExportContents, Manifest};
use crate::keys::KeyPair;
use crate::limits::Limits;
use crate::trust::{check_sender, TrustedSender};

/// How many pre-import backups are kept at most.
pub const BACKUPS_KEPT: usize = 10;
/// The pre-import backups together take at most this many times the store's size (the newest
/// one always stays): each is a whole copy, and ten copies of a coordinator's store do not fit
/// a laptop (issue 12: 2.1 GB of backups beside a 746 MB store after three imports).
pub const BACKUP_BUDGET: u64 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Verifying,
    BackingUp,
    Merging,
    Done,
}

/// Where a batch import is, for a progress bar: file `index` (from 0) of `count`, and its stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    pub index: usize,
    pub count: usize,
    pub path: String,
    pub stage: Stage,
}

/// Who sent a file (from its manifest).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct Sender {
    pub replica: ReplicaId,
    pub author: String,
    pub role: String,
    /// The sender's public key (to write a return file to).
    pub recipient: String,
    pub created_at: String,
}

/// What a merge did with one file's ops.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct MergeCounts {
    pub new: usize,
    pub already_present: usize,
    pub conflicts: usize,
    pub held_back: usize,
    /// Changes of other installations that this sender may not pass on and this store did
    /// not already hold: left out.
    pub not_from_sender: usize,
    /// Households taken off this volunteer that this laptop forgot with this file.
    pub forgotten_households: usize,
    /// Households this laptop erased on its coordinator's word with this file.
    pub erased_households: usize,
    /// The coordinator: erasures this volunteer's file confirmed for the first time.
    pub confirmed_erasures: usize,
    /// This installation's export files that the file (a return file from its coordinator)
    /// confirmed received for the first time, by number.
    pub confirmed_files: Vec<i64>,
    /// The very same file (the same bytes) was imported here before: skipped before it was
    /// decrypted; its changes are all counted as already present.
    pub already_imported: bool,
}

impl From<MergeReport> for MergeCounts {
    fn from(r: MergeReport) -> Self {
        MergeCounts {
            new: r.new,
            already_present: r.already_present,
            conflicts: r.conflicts,
            held_back: r.held_back,
            not_from_sender: 0,
            forgotten_households: 0,
            erased_households: 0,
            confirmed_erasures: 0,
            confirmed_files: r.confirmed_files,
            already_imported: false,
        }
    }
}

/// The outcome for one file: the merge counts when it was applied, the reason when it was
/// refused. The use-case crate turns the reason into words for the UI.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub sender: Option<Sender>,
    pub op_count: usize,
    pub outcome: Result<MergeCounts, SyncError>,
}

impl FileReport {
    pub fn merged(&self) -> Option<&MergeCounts> {
        self.outcome.as_ref().ok()
    }

    pub fn refusal(&self) -> Option<&SyncError> {
        self.outcome.as_ref().err()
    }
}

/// What `verify` tells about a file, without a store.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verified {
    pub path: String,
    pub manifest: Manifest,
    pub op_count: usize,
}

fn sender(m: &Manifest) -> Sender {
    Sender {
        replica: m.replica,
        author: m.author.clone(),
        role: m.role.clone(),
        recipient: m.recipient.clone(),
        created_at: m.created_at.clone(),
    }
}

/// Decrypts and verifies file content already in memory, with the default limits (also the
/// fuzz target's entry).
pub fn read_export_bytes(key: &KeyPair, bytes: &[u8]) -> Result<ExportContents, SyncError> {
    read_export_bytes_with(key, bytes, &Limits::DEFAULT)
}

/// Decrypts and verifies file content already in memory, within `limits`: refused before
/// decrypting when the bytes or the size the header announces are over the size limit, after
/// the first line when the manifest announces too many ops, as soon as the (decompressed)
/// content passes the size limit or holds too many ops (see `content`).
pub fn read_export_bytes_with(key: &KeyPair, bytes: &[u8], limits: &Limits) -> Result<ExportContents, SyncError> {
    let mut ops = Vec::new();
    let read = content::read_bytes(bytes, key, limits, |_, _| Ok(()), |op| ops.push(op))?;
    Ok(ExportContents { manifest: read.manifest, ops, signer: read.signer })
}

/// Reads a file whole, refusing it from its size on disk when it is over the size limit (and
/// reading no more than the limit, should it grow meanwhile).
pub fn read_file_within(path: &Path, limits: &Limits) -> Result<Vec<u8>, SyncError> {
    use std::io::Read;
    let too_large = |bytes: u64| SyncError::TooLarge { bytes, limit: limits.max_file_bytes };
    let file = std::fs::File::open(path).map_err(|e| SyncError::io(path, e))?;
    let size = file.metadata().map_err(|e| SyncError::io(path, e))?.len();
    if size > limits.max_file_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits.max_file_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| SyncError::io(path, e))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads, decrypts and verifies a whole file, streaming from disk (the ops are returned).
pub fn read_export(key: &KeyPair, path: &Path) -> Result<ExportContents, SyncError> {
    let mut ops = Vec::new();
    let read = content::read_path(path, key, &Limits::DEFAULT, |_, _| Ok(()), |op| ops.push(op))?;
    Ok(ExportContents { manifest: read.manifest, ops, signer: read.signer })
}

/// Checks a file completely, as an import would, without a store; streaming, holding no op.
pub fn verify_file(key: &KeyPair, path: &Path) -> Result<Verified, SyncError> {
    let read = content::read_path(path, key, &Limits::DEFAULT, |_, _| Ok(()), drop)?;
    Ok(Verified { path: path.display().to_string(), op_count: read.op_count as usize, manifest: read.manifest })
}

/// Imports `paths` one by one with the default limits; see the module doc. `now` stamps the
/// backup and the peer record.
pub fn import_files(
    store: &mut Store,
    key: &KeyPair,
    paths: &[PathBuf],
    now: DateTime<Utc>,
    progress: impl FnMut(Progress),
) -> Vec<FileReport> {
    import_files_within(store, key, paths, now, &Limits::DEFAULT, progress)
}

/// Imports `paths` one by one within `limits`; see the module doc.
pub fn import_files_within(
    store: &mut Store,
    key: &KeyPair,
    paths: &[PathBuf],
    now: DateTime<Utc>,
    limits: &Limits,
    mut progress: impl FnMut(Progress),
) -> Vec<FileReport> {
    let mut backup: Option<PathBuf> = None;
    let mut applied = 0;
    let count = paths.len();
    let mut reports = Vec::with_capacity(count);
    for (index, path) in paths.iter().enumerate() {
        let shown = path.display().to_string();
        let mut stage = |stage: Stage| progress(Progress { index, count, path: shown.clone(), stage });
        let mut sender_of = None;
        let mut op_count = 0;
        let outcome = (|| {
            stage(Stage::Reading);
            // The very same file imported before: skipped before it is decrypted (no backup,
            // no merge). Its bytes decide, so a file that only carries the same content (written
            // again, encrypted anew) is read and merged as usual.
            let digest = file_digest(path, limits)?;
            if let Some((sender_json, ops)) = store.imported_file(&digest)? {
                sender_of = serde_json::from_str(&sender_json).ok();
                op_count = usize::try_from(ops).unwrap_or(0);
                return Ok(MergeCounts { already_present: op_count, already_imported: true, ..MergeCounts::default() });
            }
            stage(Stage::Verifying);
            // One streaming pass: decrypt, decompress, hash, check every op. Who may send here
            // is decided (from this store's records) as soon as the manifest and the signature
            // line are read, before the footer, the checksum, the ops and the signature are
            // judged; the store is touched only after all of it passed.
            let mut ops = Vec::new();
            let read = content::read_path(path, key, limits, |m, signer| check_sender(store, m, signer), |op| ops.push(op))?;
            let trusted = read.trusted;
            let contents = ExportContents { manifest: read.manifest, ops, signer: read.signer };
            sender_of = Some(sender(&contents.manifest));
            op_count = contents.ops.len();
            if let Some(s) = sender_of.as_mut() {
                s.author = trusted.name.clone();
                s.role = trusted.role.as_str().to_owned();
                s.recipient = trusted.age_key.clone();
            }
            if backup.is_none() {
                stage(Stage::BackingUp);
                backup = Some(backup_before_import(store, now)?);
            }
            stage(Stage::Merging);
            let counts = apply(store, &contents, &trusted, now)?;
            // After the merge's own transaction: should this note be lost, importing the file
            // again only merges it again (nothing new).
            if let Some(s) = &sender_of {
                let sender = serde_json::to_string(s).unwrap_or_default();
                let _ = store.note_imported_file(&digest, &sender, op_count as i64, &now.to_rfc3339());
            }
            Ok(counts)
        })();
        applied += usize::from(outcome.is_ok());
        stage(Stage::Done);
        reports.push(FileReport { path: shown, sender: sender_of, op_count, outcome });
    }
    match backup {
        // Nothing changed: the backup is a copy of the store as it still is.
        Some(path) if applied == 0 => {
            let _ = std::fs::remove_file(path);
        }
        Some(path) => prune_backups(store, &path),
        None => {}
    }
    // A merge that forgot or erased households marked the backups in the same transaction.
    if store.backups_to_scrub().unwrap_or(true) {
        scrub_backups(store);
    }
    reports
}

/// The SHA-256 of a file's bytes (hex), read in blocks; a file over the size limit is refused
/// from its size on disk, as the import would refuse it.
fn file_digest(path: &Path, limits: &Limits) -> Result<String, SyncError> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| SyncError::io(path, e))?;
    let size = file.metadata().map_err(|e| SyncError::io(path, e))?.len();
    if size > limits.max_file_bytes {
        return Err(SyncError::TooLarge { bytes: size, limit: limits.max_file_bytes });
    }
    let mut hasher = Sha256::new();
    let mut reader = file.take(limits.max_file_bytes);
    let mut block = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut block).map_err(|e| SyncError::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&block[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// After this laptop forgot households, its pre-import backups forget them too: each is opened
/// and the same households are forgotten there (a backup that cannot be changed, say on a full
/// disk, is deleted instead: it must not keep what was forgotten).
/// Households erased here are erased in each backup too (marked erased, so a backup put back
/// never takes one back).
pub fn scrub_backups(store: &mut Store) {
    let Ok(forgotten) = store.forgotten_households() else { return };
    let Ok(erased) = store.erased_households() else { return };
    let forgotten: std::collections::BTreeSet<_> = forgotten.difference(&erased).copied().collect();
    let prefix = backup_prefix(store);
    let entries = match std::fs::read_dir(backup_dir(store)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let _ = store.backups_scrubbed();
            return;
        }
        Err(_) => return,
    };
    let mut all = true;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !(name.starts_with(&prefix) && name.ends_with(".sqlite3")) {
            continue;
        }
        let scrubbed = Store::open(&path, store.key().clone(), keukentafel_domain::Sources::system()).and_then(|mut b| {
            b.apply_erasures(&erased, "")?;
            b.forget(&forgotten)
        });
        if scrubbed.is_err() && !remove_backup(&path) {
            all = false;
        }
    }
    if all {
        let _ = store.backups_scrubbed();
    }
}

/// Merges a verified file's ops and remembers its sender, as this store knows it (`trusted`):
/// a file never changes a sender's name or keys. A sender that may not relay (a volunteer)
/// brings only its own ops and ops this store already holds; others it carries are left out
/// and counted (`not_from_sender`). No backup: callers take one first.
pub fn apply(
    store: &mut Store,
    contents: &ExportContents,
    trusted: &TrustedSender,
    now: DateTime<Utc>,
) -> Result<MergeCounts, SyncError> {
    let m = &contents.manifest;
    if !trusted.relays {
        // Only the coordinator gives households to volunteers.
        if let Some(i) = contents.ops.iter().position(|o| o.replica == m.replica && o.entity == "assignment") {
            return Err(SyncError::AssignsHouseholds { line: i as u64 + 2 });
        }
    }
    let (ops, left_out) = if trusted.relays {
        (std::borrow::Cow::Borrowed(&contents.ops[..]), 0)
    } else {
        let others: Vec<uuid::Uuid> = contents.ops.iter().filter(|o| o.replica != m.replica).map(|o| o.op_id).collect();
        if others.is_empty() {
            // Only its own changes (the usual file): no copy of its ops.
            (std::borrow::Cow::Borrowed(&contents.ops[..]), 0)
        } else {
            let held = store.holds_ops(&others)?;
            let kept: Vec<_> =
                contents.ops.iter().filter(|o| o.replica == m.replica || held.contains(&o.op_id)).cloned().collect();
            let left_out = contents.ops.len() - kept.len();
            (std::borrow::Cow::Owned(kept), left_out)
        }
    };
    // The file itself is recorded in the merge's transaction (once, however often it is
    // imported). Receipts count only from the linked coordinator (the only other installation
    // that relays), and only those naming this installation.
    let from_coordinator = trusted.relays && m.replica != store.replica();
    let arrival = FileArrival {
        file: Some(ReceivedFile {
            sender: m.replica,
            file_number: m.file_number,
            created_at: m.created_at.clone(),
            imported_at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            op_count: contents.ops.len() as i64,
        }),
        receipts: match (&m.receipts, from_coordinator) {
            (Some(receipts), true) => receipts.iter().filter(|r| r.replica == store.replica()).cloned().collect(),
            _ => Vec::new(),
        },
    };
    // The linked coordinator has judged what it passes on: not held back again here. Its
    // return file says which households this laptop keeps.
    let (mut forgotten, mut erased) = (0, 0);
    let report = if from_coordinator {
        // An erasure counts only here: in a file signed by the linked coordinator.
        let erasures: std::collections::BTreeSet<_> = m.erase.iter().flatten().copied().collect();
        let list = match (m.return_file, &m.households) {
            (Some(number), Some(households)) => Some(ScopeList {
                number,
                households: households.iter().copied().collect(),
                own_received: m.received.get(&store.replica()).copied().unwrap_or(0),
            }),
            _ => None,
        };
        let scoped = store.merge_return_file(&ops, m.replica, list.as_ref(), &erasures, Some(&arrival))?;
        forgotten = scoped.forgotten;
        erased = scoped.erased;
        scoped.merge
    } else if trusted.relays {
        // A file this installation wrote itself: nothing it forgot comes back.
        store.merge_own_file(&ops)?
    } else {
        // A household a volunteer creates is theirs from the start (given in the same transaction).
        store.merge_from_volunteer(&ops, m.replica, now.date_naive(), Some(&arrival))?
    };
    let mut confirmed_erasures = 0;
    if !trusted.relays {
        // The erasures it carried out (only those asked of it count).
        if let Some(done) = &m.erased {
            let at = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            confirmed_erasures = store.confirm_erasures(m.replica, done, &at)?;
        }
        // What it confirmed holding is not sent to it again.
        if let Some(n) = m.acknowledged {
            store.acknowledge_return_file(m.replica, n)?;
        }
    }
    if m.replica != store.replica() {
        store.record_peer(&Peer {
            replica: m.replica,
            author: trusted.name.clone(),
            role: trusted.role.as_str().to_owned(),
            recipient: trusted.age_key.clone(),
            received: m.received.clone(),
            last_import: Some(now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        })?;
    }
    let mut counts = MergeCounts::from(report);
    counts.not_from_sender = left_out;
    counts.forgotten_households = forgotten;
    counts.erased_households = erased;
    counts.confirmed_erasures = confirmed_erasures;
    Ok(counts)
}

/// Makes every pre-import backup beside `store` use the store's own key: a backup an older,
/// unencrypted version made is encrypted (opening it with the key does that, as for the store);
/// one made under the passphrase before `old` was replaced by the current one is re-keyed. A
/// backup that cannot be made to use the key (damaged) is deleted rather than left readable.
/// Backups already on the store's key are left alone after reading their first bytes, so this
/// is cheap on every unlock. Returns how many backups were changed or deleted.
pub fn reseal_backups(store: &Store, old: Option<&keukentafel_store::StoreKey>) -> usize {
    let prefix = backup_prefix(store);
    let Ok(entries) = std::fs::read_dir(backup_dir(store)) else { return 0 };
    let mut changed = 0;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !(name.starts_with(&prefix) && name.ends_with(".sqlite3")) {
            continue;
        }
        let sealed = match keukentafel_store::inspect(&path) {
            Ok(keukentafel_store::FileKind::Encrypted { salt }) if salt == store.key().salt() => continue,
            Ok(keukentafel_store::FileKind::Plain) => {
                Store::open(&path, store.key().clone(), keukentafel_domain::Sources::system()).map(drop)
            }
            Ok(keukentafel_store::FileKind::Encrypted { salt }) => match old {
                Some(old) if salt == old.salt() => Store::open(&path, old.clone(), keukentafel_domain::Sources::system())
                    .and_then(|b| b.rekey(store.key().clone()))
                    .map(drop),
                // Made under a passphrase this session does not know: left as it is (encrypted).
                _ => continue,
            },
            Ok(keukentafel_store::FileKind::New) | Err(_) => Err(StoreError::Data(String::new())),
        };
        changed += 1;
        if sealed.is_err() {
            remove_backup(&path);
        }
    }
    changed
}

/// How many names a backup tries when a backup of the same moment exists already.
const BACKUP_NAMES: usize = 100;

/// Online backup into `<store folder>/backups/` (see the module doc). A read-only store is
/// refused first; a backup that fails (full disk, read-only folder) leaves no file behind.
pub fn backup_before_import(store: &Store, now: DateTime<Utc>) -> Result<PathBuf, SyncError> {
    if !store.is_writable()? {
        return Err(StoreError::ReadOnly(store.path().display().to_string()).into());
    }
    let dir = backup_dir(store);
    let prefix = backup_prefix(store);
    let stamp = now.format("%Y%m%dT%H%M%S%.3fZ");
    let dest = (0..BACKUP_NAMES)
        .map(|n| match n {
            0 => dir.join(format!("{prefix}{stamp}.sqlite3")),
            n => dir.join(format!("{prefix}{stamp}-{n}.sqlite3")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| SyncError::AlreadyExists(dir.join(format!("{prefix}{stamp}.sqlite3"))))?;
    store.backup_to(&dest)?;
    Ok(dest)
}

/// Deletes a backup with its log and shared-memory files; `true` when none of them is left.
fn remove_backup(path: &Path) -> bool {
    ["", "-wal", "-shm"].iter().all(|suffix| {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        std::fs::remove_file(&p).is_ok() || !p.exists()
    })
}

fn backup_dir(store: &Store) -> PathBuf {
    store.path().parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

fn backup_prefix(store: &Store) -> String {
    let stem = store.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "keukentafel".into());
    format!("{stem}-before-import-")
}

/// Keeps the newest pre-import backups beside `newest` that fit: at most [`BACKUPS_KEPT`], and
/// together at most [`BACKUP_BUDGET`] times the store's size (file and log); the newest one
/// always stays. Once one does not fit, every older one goes too (the kept ones are the latest).
fn prune_backups(store: &Store, newest: &Path) {
    let prefix = backup_prefix(store);
    let Ok(entries) = std::fs::read_dir(backup_dir(store)) else { return };
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let store_size = size(store.path()) + size(&PathBuf::from(format!("{}-wal", store.path().display())));
    let budget = store_size.saturating_mul(BACKUP_BUDGET);
    let mut all: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".sqlite3"))
        })
        .collect();
    // Newest first, by modification time (names sort by the injected clock, which may be wrong);
    // the one just made first of all.
    all.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).and_then(|m| m.modified()).ok()));
    if let Some(i) = all.iter().position(|p| p == newest) {
        let n = all.remove(i);
        all.insert(0, n);
    }
    let mut total = 0u64;
    let mut full = false;
    for (i, p) in all.iter().enumerate() {
        total = total.saturating_add(size(p));
        full = full || (i > 0 && (i >= BACKUPS_KEPT || total > budget));
        if full {
            remove_backup(p);
        }
    }
}
