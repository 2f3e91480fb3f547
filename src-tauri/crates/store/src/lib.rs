//! Keukentafel's local store: one SQLite file, one writer.
//!
//! Reads take `&self`; every write goes through [`Store::write`]: one IMMEDIATE transaction in
//! which each changed field is recorded as an op in the change log and applied to its table
//! (see [`ops`]). A write that fails leaves nothing behind. Validation (from the domain crate)
//! runs before a transaction starts. This crate must never depend on Tauri.

mod answers;
mod error;
pub mod dump;
pub mod exchange;
pub mod merge;
pub mod ops;
pub mod open;
mod records;
pub mod schema;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use keukentafel_domain::{ReplicaId, Sources, UserId};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub use error::StoreError;
pub use open::{APPLICATION_ID, SCHEMA_VERSION};
pub use answers::{answer_id, VisitAnswers};
pub use exchange::{Peer, Received};
pub use merge::{plan_field, FieldOp, FieldPlan, MergeReport, FUTURE_LIMIT_MILLIS};
pub use ops::{Op, Writer};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open store file.
pub struct Store {
    conn: Connection,
    sources: Sources,
    replica: ReplicaId,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating it (and its folder) when missing. Refuses, without
    /// changing the file, a damaged or foreign file and a store made by a newer version.
    pub fn open(path: &Path, mut sources: Sources) -> Result<Store> {
        let (conn, replica) = open::open(path, &mut sources)?;
        Ok(Store { conn, sources, replica, path: path.to_owned() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn replica(&self) -> ReplicaId {
        self.replica
    }

    /// Read access for queries (tests, dump). Writes must go through [`Store::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    fn profile_id(&self) -> Result<Option<UserId>> {
        let id: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'profile_user_id'", [], |r| r.get(0))
            .optional()?;
        id.map(|s| s.parse().map_err(|_| StoreError::Data("meta.profile_user_id".into()))).transpose()
    }

    /// Runs `f` in one IMMEDIATE transaction and commits when it returns `Ok`.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let author = self.profile_id()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut w = Writer::begin(tx, &mut self.sources, self.replica, author)?;
        let out = f(&mut w)?;
        w.tx.commit()?;
        Ok(out)
    }

    /// Number of ops in the change log.
    pub fn op_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM ops", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check`, `"ok"` when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// Today's date in ISO form, for SQL comparisons with stored dates.
fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
