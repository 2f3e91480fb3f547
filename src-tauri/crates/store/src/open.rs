//! Opening a store file: refuse what is not ours before writing a single byte, then set the
//! pragmas and apply the embedded migrations in one transaction.
//!
//! Order matters. A file that is not SQLite, is damaged, belongs to another program or was
//! made by a newer Keukentafel is refused while the connection has only read from it, so it is
//! left exactly as it was. Only then does `journal_mode=WAL` (which writes the header) run.
//!
//! Uses: `error`.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use keukentafel_domain::{ReplicaId, Sources};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::StoreError;

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
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA application_id` of a Keukentafel store: "KTFL".
pub const APPLICATION_ID: i64 = 0x4B54_464C;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Opens (or creates) the store at `path`. Returns the connection and this installation's
/// replica id.
pub fn open(path: &Path, sources: &mut Sources) -> Result<(Connection, ReplicaId), StoreError> {
    let with_path = |e: StoreError| match e {
        StoreError::Damaged { detail, .. } => StoreError::Damaged { path: path.to_owned(), detail },
        other => other,
    };
    check_header(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(StoreError::from)
    .map_err(with_path)?;
    conn.busy_timeout(Duration::from_secs(5))?;

    // Read-only checks first.
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| with_path(e.into()))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| with_path(e.into()))?;
    let tables: i64 = conn
        .query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| with_path(e.into()))?;
    // Marked as another program's, or versioned without our mark, or unversioned with tables.
    let ours = app_id == APPLICATION_ID;
    if (!ours && (app_id != 0 || version > 0)) || (version == 0 && tables > 0) {
        return Err(StoreError::Foreign { path: path.to_owned() });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion { path: path.to_owned(), found: version, supported: SCHEMA_VERSION });
    }
    if version > 0 {
        let check: String = conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| with_path(e.into()))?;
        if check != "ok" {
            return Err(StoreError::Damaged { path: path.to_owned(), detail: check });
        }
    }

    // Ours (or new): readable by its owner only, before the WAL is made beside it (SQLite gives
    // the WAL and the shared-memory file the store's mode).
    owner_only(path)?;
    set_pragmas(&conn)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = std::path::PathBuf::from(side);
        if side.exists() {
            owner_only(&side)?;
        }
    }
    migrate(&mut conn, version, sources)?;
    let replica: String = conn.query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| r.get(0))?;
    let replica = replica.parse().map_err(|_| StoreError::Data("meta.replica_id is not an id".into()))?;
    Ok((conn, replica))
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
    // Writes and merges use a few dozen distinct statements (one upsert per entity field);
    // keep them all prepared.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

/// A file that exists and is not empty must start with SQLite's header; anything else is
/// refused without opening it.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 {
        return Ok(()); // an empty file: SQLite treats it as a new database
    }
    if read < head.len() || &head != SQLITE_MAGIC {
        return Err(StoreError::Damaged { path: path.to_owned(), detail: "no SQLite header".into() });
    }
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
