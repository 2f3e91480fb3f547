//! Export files and their receipts (issue 13): local bookkeeping, never ops.
//!
//! - `export_files`: the files this installation wrote, numbered per installation from 1 (a
//!   volunteer's exports and a coordinator's return files share the count). Writing the same
//!   content again gives the same file name and replaces the file: it keeps its number
//!   ([`Store::export_file_number`]), so a replaced file never looks like a lost one.
//! - `received_files`: every file imported from another installation, once (the same file
//!   imported twice is recorded once), written in the merge's own transaction
//!   ([`record_arrival`]).
//! - Receipts: a coordinator's return file lists the files of its volunteer it imported
//!   ([`Store::receipts_for`]); the volunteer's store marks its own export files received
//!   ([`record_arrival`]). Which files may bring receipts (only the linked coordinator's) is the
//!   sync crate's decision; here a receipt for another installation, or for a number this
//!   installation never wrote as an export, changes nothing.
//!
//! Uses: `error`, `store`.

use keukentafel_domain::{ExportFile, FileKind, FileReceipt, ReceivedFile, ReplicaId};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::error::StoreError;
use crate::store::{Result, Store};

/// A file from another installation, as its import records it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileArrival {
    pub file: Option<ReceivedFile>,
    /// Receipts for this installation's own files (only from its linked coordinator).
    pub receipts: Vec<FileReceipt>,
}

fn data(e: impl std::fmt::Display) -> StoreError {
    StoreError::Data(e.to_string())
}

/// Records a file that arrived (once: a file seen before changes nothing) and applies its
/// receipts to this installation's (`own`) export files. Returns the numbers of the export
/// files that this arrival confirmed for the first time. Runs inside the merge's transaction.
pub(crate) fn record_arrival(tx: &Transaction<'_>, own: ReplicaId, arrival: &FileArrival) -> Result<Vec<i64>> {
    if let Some(f) = &arrival.file {
        tx.execute(
            "INSERT OR IGNORE INTO received_files (sender, file_number, created_at, imported_at, op_count)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![f.sender.to_string(), f.file_number, f.created_at, f.imported_at, f.op_count],
        )?;
    }
    let mut confirmed = Vec::new();
    let mut stmt = tx.prepare_cached(
        "UPDATE export_files SET received_at = ?2 WHERE number = ?1 AND kind = 'export' AND received_at IS NULL",
    )?;
    for r in arrival.receipts.iter().filter(|r| r.replica == own) {
        if stmt.execute(params![r.file_number, r.received_at])? == 1 {
            confirmed.push(r.file_number);
        }
    }
    confirmed.sort_unstable();
    confirmed.dedup();
    Ok(confirmed)
}

/// A row of `export_files`: number, kind, peer, name, created_at, op_count, received_at.
type ExportRow = (i64, String, String, String, String, i64, Option<String>);

fn read_export_file(r: &rusqlite::Row<'_>) -> rusqlite::Result<ExportRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

impl Store {
    /// The number the file `name` of `kind` (for `peer`, a return file's volunteer) gets: the
    /// number of the newest such file when it had the same name (the same content written
    /// again replaces it), else one above the highest number written.
    pub fn export_file_number(&self, kind: FileKind, peer: Option<ReplicaId>, name: &str) -> Result<i64> {
        let peer = peer.map(|p| p.to_string()).unwrap_or_default();
        let newest: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT number, name FROM export_files WHERE kind = ?1 AND peer = ?2 ORDER BY number DESC LIMIT 1",
                params![kind.as_str(), peer],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match newest {
            Some((number, newest_name)) if newest_name == name => Ok(number),
            _ => Ok(self.conn.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM export_files", [], |r| r.get(0))?),
        }
    }

    /// Records a file this installation wrote (after it was written whole). A file written
    /// again under its number replaces the row's date and count and keeps a receipt it had.
    /// Takes `&self` like the export it belongs to (which otherwise only reads the store): one
    /// statement, atomic on its own.
    pub fn record_export_file(&self, file: &ExportFile) -> Result<()> {
        self.conn.execute(
            "INSERT INTO export_files (number, kind, peer, name, created_at, op_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (number) DO UPDATE SET created_at = excluded.created_at, op_count = excluded.op_count",
            params![
                file.number,
                file.kind.as_str(),
                file.peer.map(|p| p.to_string()).unwrap_or_default(),
                file.name,
                file.created_at,
                file.op_count
            ],
        )?;
        Ok(())
    }

    /// The files this installation wrote, newest first.
    pub fn export_files(&self) -> Result<Vec<ExportFile>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT number, kind, peer, name, created_at, op_count, received_at FROM export_files ORDER BY number DESC",
        )?;
        let rows = stmt.query_map([], read_export_file)?;
        let mut out = Vec::new();
        for row in rows {
            let (number, kind, peer, name, created_at, op_count, received_at) = row?;
            out.push(ExportFile {
                number,
                kind: FileKind::parse(&kind).ok_or_else(|| data(format!("export file {number}: kind {kind}")))?,
                peer: if peer.is_empty() { None } else { Some(peer.parse().map_err(data)?) },
                name,
                created_at,
                op_count,
                received_at,
            });
        }
        Ok(out)
    }

    /// A file imported here before, by the SHA-256 of its bytes (migration 0017): who sent it
    /// (as the importer recorded it) and how many changes it carried.
    pub fn imported_file(&self, sha256: &str) -> Result<Option<(String, i64)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT sender, op_count FROM imported_files WHERE sha256 = ?1")?
            .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Notes that the file with these bytes (their SHA-256) was imported: importing it again
    /// skips it.
    pub fn note_imported_file(&self, sha256: &str, sender: &str, op_count: i64, imported_at: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO imported_files (sha256, sender, op_count, imported_at) VALUES (?1, ?2, ?3, ?4)")?
            .execute(rusqlite::params![sha256, sender, op_count, imported_at])?;
        Ok(())
    }

    /// The files imported here from other installations: by sender, then by number (files
    /// without a number after those with one, by date).
    pub fn received_files(&self) -> Result<Vec<ReceivedFile>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT sender, file_number, created_at, imported_at, op_count FROM received_files
              ORDER BY sender, file_number IS NULL, file_number, created_at",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (sender, file_number, created_at, imported_at, op_count) = row?;
            out.push(ReceivedFile { sender: sender.parse().map_err(data)?, file_number, created_at, imported_at, op_count });
        }
        Ok(out)
    }

    /// The receipts a return file for `peer` carries: every numbered file of that installation
    /// imported here, by number.
    pub fn receipts_for(&self, peer: ReplicaId) -> Result<Vec<FileReceipt>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT file_number, created_at, imported_at FROM received_files
              WHERE sender = ?1 AND file_number IS NOT NULL ORDER BY file_number",
        )?;
        let rows = stmt.query_map([peer.to_string()], |r| {
            Ok(FileReceipt { replica: peer, file_number: r.get(0)?, created: r.get(1)?, received_at: r.get(2)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
