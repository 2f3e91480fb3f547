//! Opening a store file: refuse what is not ours before writing a single byte, then set the
//! pragmas and apply the embedded migrations in one transaction.
//!
//! Order matters. A file that is not SQLite, is damaged, belongs to another program, was
//! made by a newer Keukentafel or does not open with the key is refused while the connection
//! has only read from it, so it is left exactly as it was. Only then does `journal_mode=WAL`
//! (which writes the header) run. Every store is a SQLCipher file (see `key`); an unencrypted
//! store of an older version is encrypted by [`reencrypt`] on its first unlock.
//!
//! Uses: `error`, `key`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use keukentafel_domain::{ReplicaId, Sources};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use zeroize::Zeroizing;

use crate::error::StoreError;
use crate::key::{self, FileKind, StoreKey};

/// Ordered migrations; the schema version is the number applied (`PRAGMA user_version`).
/// Released migrations are never edited.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_sync.sql"),
    include_str!("../migrations/0003_held.sql"),
    include_str!("../migrations/0004_enrolment.sql"),
    include_str!("../migrations/0005_scope.sql"),
    include_str!("../migrations/0006_sheet.sql"),
    include_str!("../migrations/0007_tasks.sql"),
    include_str!("../migrations/0008_stock.sql"),
    include_str!("../migrations/0009_receipts.sql"),
    include_str!("../migrations/0010_report_cache.sql"),
    include_str!("../migrations/0011_erasure.sql"),
    include_str!("../migrations/0012_overview_indexes.sql"),
    include_str!("../migrations/0013_erasure_by_hand.sql"),
    include_str!("../migrations/0014_residue.sql"),
    include_str!("../migrations/0015_report_cache_bytes.sql"),
    include_str!("../migrations/0016_household_list.sql"),
    include_str!("../migrations/0017_imported_files.sql"),
    include_str!("../migrations/0018_clock_marks.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA application_id` of a Keukentafel store: "KTFL".
pub const APPLICATION_ID: i64 = 0x4B54_464C;

/// A store up to this size gets a full check (`PRAGMA quick_check`) at every open: it costs
/// little. A bigger one is fully checked only when it was not closed cleanly (a write-ahead log
/// was left behind) or when its last full check is [`CHECK_EVERY_DAYS`] old: at 10,000
/// households the check took most of the second an open costs, and it grows with the file.
/// Between checks a damaged page is still refused when it is read: SQLCipher authenticates
/// every page (`StoreError::Damaged`), and a file shorter than its header says is refused at
/// every open.
pub const CHECK_ALWAYS_BYTES: u64 = 64 * 1024 * 1024;
/// How often a big store that was closed cleanly gets its full check (see [`CHECK_ALWAYS_BYTES`]).
pub const CHECK_EVERY_DAYS: i64 = 7;
/// The page cache of an open store, in KiB (`PRAGMA cache_size`, see `set_pragmas`). A merge
/// raises it to 64 MiB for its duration and puts it back.
pub const CACHE_KIB: i64 = 32 * 1024;
/// Where the day of the last full check is kept (`meta`).
const CHECKED_KEY: &str = "integrity_checked";

/// When a big store's weekly full check runs (see [`CHECK_ALWAYS_BYTES`]). The check after an
/// unclean end, and that of a small store, always run at open: the open is refused until they
/// pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeeklyCheck {
    /// While opening (the command-line tool: a command is over before a background check
    /// would be).
    AtOpen,
    /// Later, beside the open store: the open only says that it is due
    /// ([`crate::Store::full_check_due`]) and the caller runs [`crate::FullCheck`] on a thread
    /// of its own (the app, which stays usable meanwhile).
    Later,
}

/// Opens (or creates) the store at `path` with `key`. Returns the connection and this
/// installation's replica id. An unencrypted store of an older version is first checked like
/// any file, then encrypted with `key` ([`reencrypt`]: a copy, then an atomic rename).
/// The last value says whether a weekly full check is due and was left for later
/// ([`WeeklyCheck::Later`]).
pub fn open(path: &Path, key: &StoreKey, sources: &mut Sources, weekly: WeeklyCheck) -> Result<(Connection, ReplicaId, bool), StoreError> {
    let with_path = |e: StoreError| match e {
        StoreError::Damaged { detail, .. } => StoreError::Damaged { path: path.to_owned(), detail },
        other => other,
    };
    let kind = key::inspect(path)?;
    remove_leftover_copy(path)?;
    // A write-ahead log left with frames in it: the last session did not end cleanly (or
    // another program has the store open); either way the full check runs.
    let unclean = std::fs::metadata(sibling(path, "-wal")).is_ok_and(|m| m.len() > 0);
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if kind == FileKind::Plain {
        // Refuse what is not ours while only reading, exactly as for an encrypted file.
        let plain = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| with_path(e.into()))?;
        check_ours(&plain, path, Check::Full).map_err(with_path)?;
        drop(plain);
        reencrypt(path, None, key)?;
    }
    if matches!(kind, FileKind::Encrypted { .. }) {
        // The key is tried on a read-only connection first: closing a read-write connection
        // would fold a WAL left by a cut-off session into the file, and a wrong key must leave
        // every byte where it was.
        let probe = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| with_path(e.into()))?;
        apply_key(&probe, key)?;
        if !readable(&probe) {
            return Err(StoreError::WrongPassphrase { path: path.to_owned() });
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(StoreError::from)
    .map_err(with_path)?;
    apply_key(&conn, key)?;
    conn.busy_timeout(Duration::from_secs(5))?;

    // Read-only checks first. The first read of an encrypted file is where a wrong key shows:
    // SQLCipher cannot authenticate page 1 and reports "not a database".
    if matches!(kind, FileKind::Encrypted { .. }) && !readable(&conn) {
        return Err(StoreError::WrongPassphrase { path: path.to_owned() });
    }
    let check = match weekly {
        _ if unclean || size <= CHECK_ALWAYS_BYTES => Check::Full,
        WeeklyCheck::AtOpen => Check::IfDue,
        WeeklyCheck::Later => Check::Length,
    };
    let (version, checked) = check_ours(&conn, path, check).map_err(with_path)?;
    let due_later = check == Check::Length && version > 0 && check_due(&conn);

    // Ours (or new): readable by its owner only, before the WAL is made beside it (SQLite gives
    // the WAL and the shared-memory file the store's mode).
    owner_only(path)?;
    set_pragmas(&conn)?;
    for suffix in ["-wal", "-shm"] {
        let side = sibling(path, suffix);
        if side.exists() {
            owner_only(&side)?;
        }
    }
    migrate(&mut conn, version, sources)?;
    if checked && size > CHECK_ALWAYS_BYTES && !conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
        // A big store passed its full check: noted, so the next clean opens skip it.
        note_full_check(&conn)?;
    }
    let replica: String = conn.query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| r.get(0))?;
    let replica = replica.parse().map_err(|_| StoreError::Data("meta.replica_id is not an id".into()))?;
    Ok((conn, replica, due_later))
}

/// A full check (`PRAGMA quick_check`) of a store that is open elsewhere, on a read-only
/// connection of its own: it reads a consistent snapshot while the open store goes on being
/// used and written. Made by [`crate::Store::full_check`]; `Send`, for a thread.
pub struct FullCheck {
    path: PathBuf,
    key: StoreKey,
}

impl FullCheck {
    pub(crate) fn new(path: &Path, key: &StoreKey) -> FullCheck {
        FullCheck { path: path.to_owned(), key: key.clone() }
    }

    /// Reads every page: [`StoreError::Damaged`] when one is not sound. Only reads.
    pub fn run(&self) -> Result<(), StoreError> {
        let path = &self.path;
        let damaged = |detail: String| StoreError::Damaged { path: path.clone(), detail };
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        apply_key(&conn, &self.key)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        match conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0)) {
            Ok(result) if result == "ok" => Ok(()),
            Ok(result) => Err(damaged(result)),
            Err(e) => match StoreError::from(e) {
                StoreError::Damaged { detail, .. } => Err(damaged(detail)),
                other => Err(other),
            },
        }
    }
}

/// Notes today as the day of the last full check (a big store skips it until it is due again).
pub(crate) fn note_full_check(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [CHECKED_KEY, &today()],
    )?;
    Ok(())
}

/// A connection to the store file at `path` unlocked with `key`, with none of `open`'s checks,
/// pragmas or migrations: for tests and tools that look at the raw tables.
pub fn raw_connection(path: &Path, key: &StoreKey) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    apply_key(&conn, key)?;
    Ok(conn)
}

/// Whether page 1 can be read with the key given: false when SQLCipher cannot authenticate it
/// ("not a database": the wrong key). Only page 1, and only that answer: a right key on a file
/// that is cut short or has other damaged pages gives "malformed" and is `Damaged`.
fn readable(conn: &Connection) -> bool {
    let read = conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0));
    !matches!(read, Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase))
}

fn apply_key(conn: &Connection, key: &StoreKey) -> Result<(), StoreError> {
    // SQLCipher logs a failed HMAC check (a wrong key) to stderr; the typed error says it.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let sql = Zeroizing::new(format!("PRAGMA key = \"{}\";", key.sql_literal().as_str()));
    conn.execute_batch(&sql)?;
    Ok(())
}

/// How much of a file [`check_ours`] reads to find damage.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Check {
    /// Every page (`quick_check`).
    Full,
    /// Every page when the last full check is due (see [`CHECK_ALWAYS_BYTES`]); otherwise that
    /// the file is as long as its header says.
    IfDue,
    /// Only that the file is as long as its header says (a due full check runs later).
    Length,
}

/// Today as `YYYY-MM-DD` (the check's schedule: maintenance, so the system clock, not the
/// injected `Sources`, whose ticks the change log uses).
fn today() -> String {
    chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string()
}

/// Whether a full check is due: never recorded, unreadable, or [`CHECK_EVERY_DAYS`] old.
fn check_due(conn: &Connection) -> bool {
    let last: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [CHECKED_KEY], |r| r.get(0)).optional().ok().flatten();
    let last = last.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    last.is_none_or(|d| (chrono::Utc::now().date_naive() - d).num_days() >= CHECK_EVERY_DAYS)
}

/// The file's schema version, after refusing a file that is another program's, newer or
/// damaged, and whether every page was checked. Only reads.
fn check_ours(conn: &Connection, path: &Path, check: Check) -> Result<(i64, bool), StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get(0))?;
    // Marked as another program's, or versioned without our mark, or unversioned with tables.
    let ours = app_id == APPLICATION_ID;
    if (!ours && (app_id != 0 || version > 0)) || (version == 0 && tables > 0) {
        return Err(StoreError::Foreign { path: path.to_owned() });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion { path: path.to_owned(), found: version, supported: SCHEMA_VERSION });
    }
    let mut full = false;
    if version > 0 {
        full = check == Check::Full || (check == Check::IfDue && check_due(conn));
        if full {
            let result: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
            if result != "ok" {
                return Err(StoreError::Damaged { path: path.to_owned(), detail: result });
            }
        } else {
            // Cheap: a file cut short is refused at every open.
            let pages: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
            // SQLCipher answers `page_size` as text (its `cipher_page_size`).
            let page_size: i64 = conn
                .pragma_query_value(None, "page_size", |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| match v {
                    rusqlite::types::Value::Integer(n) => n,
                    rusqlite::types::Value::Text(t) => t.trim().parse().unwrap_or(4096),
                    _ => 4096,
                })?;
            let on_disk = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if u64::try_from(pages.saturating_mul(page_size)).unwrap_or(u64::MAX) > on_disk {
                return Err(StoreError::Damaged {
                    path: path.to_owned(),
                    detail: format!("the file holds {on_disk} bytes, its header says {pages} pages"),
                });
            }
        }
    }
    Ok((version, full))
}

/// `path` with `suffix` appended to its file name (`-wal`, `-shm`, `.rekey`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut side = path.as_os_str().to_owned();
    side.push(suffix);
    PathBuf::from(side)
}

/// The name of the copy [`reencrypt`] writes before it takes the store's place.
fn copy_path(path: &Path) -> PathBuf {
    sibling(path, ".rekey")
}

/// A copy that a cut-off [`reencrypt`] left behind is never used: the store is still the old one.
fn remove_leftover_copy(path: &Path) -> Result<(), StoreError> {
    for p in [copy_path(path), sibling(&copy_path(path), "-journal")] {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(StoreError::from(e).at(&p)),
            _ => {}
        }
    }
    Ok(())
}

/// Re-encrypts the store at `path` (unencrypted when `from` is `None`) with `to`: a complete
/// copy is written beside it (`<store>.rekey`, mode 0600) and synced to disk, the store's WAL is
/// emptied into it first, and only then does the copy replace the store with one rename. Cut
/// off at any moment (power loss, SIGKILL), the store is either the old file with the old key
/// or the new file with the new key; a copy left behind is removed by the next [`open`].
/// Refused (`Busy`) while another program has the store open.
pub fn reencrypt(path: &Path, from: Option<&StoreKey>, to: &StoreKey) -> Result<(), StoreError> {
    remove_leftover_copy(path)?;
    let copy = copy_path(path);
    let result = (|| {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        if let Some(k) = from {
            apply_key(&conn, k)?;
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        if !readable(&conn) {
            return Err(StoreError::WrongPassphrase { path: path.to_owned() });
        }
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        create_private(&copy)?;
        let copy_text = copy.to_str().ok_or_else(|| StoreError::Io(format!("{}: not a UTF-8 path", copy.display())))?;
        let attach = Zeroizing::new(format!("ATTACH DATABASE ?1 AS rekeyed KEY \"{}\"", to.sql_literal().as_str()));
        conn.execute(&attach, [copy_text])?;
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        conn.execute_batch(&format!(
            "PRAGMA rekeyed.user_version = {version}; PRAGMA rekeyed.application_id = {app_id}; DETACH DATABASE rekeyed;"
        ))?;
        std::fs::File::open(&copy)?.sync_all()?;
        conn.close().map_err(|(_, e)| StoreError::from(e))?;
        // Closing the last connection folds the WAL into the file and removes it; a WAL still
        // there means another program has the store open and may still write to the old file.
        let wal = sibling(path, "-wal");
        if std::fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false) {
            return Err(StoreError::Busy);
        }
        for side in [wal, sibling(path, "-shm")] {
            match std::fs::remove_file(&side) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(StoreError::from(e).at(&side)),
                _ => {}
            }
        }
        std::fs::rename(&copy, path).map_err(|e| StoreError::from(e).at(path))?;
        #[cfg(unix)]
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = remove_leftover_copy(path);
    }
    result
}

/// Creates an empty file readable by its owner only (refuses one that exists).
fn create_private(path: &Path) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| StoreError::from(e).at(path))?;
    Ok(())
}

/// Makes `path` readable and writable by its owner only (mode 0600; a no-op where there are no
/// Unix modes). Every file with household data the store writes goes through this or is
/// created with that mode.
pub fn owner_only(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
        // A file system without modes (a FAT USB stick) refuses; there is nothing to tighten.
        if mode != 0o600 {
            if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
                if !matches!(e.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::Unsupported) {
                    return Err(e.into());
                }
            }
        }
    }
    let _ = path;
    Ok(())
}

/// The one place connection pragmas are set.
fn set_pragmas(conn: &Connection) -> Result<(), StoreError> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Io(format!("could not switch to WAL (got {mode})")));
    }
    // Volunteer laptops lose power: a commit is on disk when it returns.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // What is deleted (a forgotten household) is overwritten in the file, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // Every page read from an encrypted file is decrypted and authenticated first; the page
    // cache keeps decrypted pages, so the lists, the overview and the report read the same
    // index pages again without paying that twice. SQLite's default (2 MB) held too few.
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    // Writes and merges use a few dozen distinct statements (one upsert per entity field);
    // keep them all prepared.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

fn migrate(conn: &mut Connection, from: i64, sources: &mut Sources) -> Result<(), StoreError> {
    if from == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for sql in &MIGRATIONS[now as usize..] {
        tx.execute_batch(sql)?;
    }
    if now == 0 {
        let replica = ReplicaId(sources.new_random_uuid());
        tx.execute("INSERT INTO meta (key, value) VALUES ('replica_id', ?1)", [replica.to_string()])?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}
