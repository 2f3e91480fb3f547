//! The open store file: [`Store`], its one connection, and [`Store::write`], the single way in
//! for local changes. Reads take `&self`; every write is one IMMEDIATE transaction through a
//! [`Writer`] that commits when the closure returns `Ok`, and leaves nothing behind otherwise.
//!
//! The queries and commands for each entity live in `records/*` (and the exchange and merge in
//! `exchange` and `merge`), each as its own `impl Store` block.
//!
//! Uses: `error`, `key`, `open`, `writer`.

use std::path::{Path, PathBuf};

use keukentafel_domain::{ReplicaId, Sources, UserId};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::StoreError;
use crate::key::StoreKey;
use crate::open::{self, FullCheck, WeeklyCheck};
use crate::writer::Writer;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open store file.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) sources: Sources,
    pub(crate) replica: ReplicaId,
    pub(crate) path: PathBuf,
    pub(crate) key: StoreKey,
    /// A weekly full check is due and was left for later ([`WeeklyCheck::Later`]).
    pub(crate) full_check_due: bool,
}

impl Store {
    /// Opens the store at `path` with `key`, creating it (and its folder) when missing.
    /// Refuses, without changing the file, a damaged or foreign file, a store made by a newer
    /// version and a key that does not open it ([`StoreError::WrongPassphrase`]). An
    /// unencrypted store of an older version is encrypted with `key` first.
    pub fn open(path: &Path, key: StoreKey, sources: Sources) -> Result<Store> {
        Store::open_with(path, key, sources, WeeklyCheck::AtOpen)
    }

    /// [`Store::open`], with a big store's weekly full check at open or left for later
    /// ([`Store::full_check_due`], [`Store::full_check`]).
    pub fn open_with(path: &Path, key: StoreKey, mut sources: Sources, weekly: WeeklyCheck) -> Result<Store> {
        let (conn, replica, full_check_due) = open::open(path, &key, &mut sources, weekly)?;
        Ok(Store { conn, sources, replica, path: path.to_owned(), key, full_check_due })
    }

    /// Whether a weekly full check is due that the open left for later.
    pub fn full_check_due(&self) -> bool {
        self.full_check_due
    }

    /// The full check of this store's file, to run on another thread ([`FullCheck::run`]);
    /// when it passes, [`Store::note_full_check`].
    pub fn full_check(&self) -> FullCheck {
        FullCheck::new(&self.path, &self.key)
    }

    /// Notes that the full check passed today: the next one is due in a week.
    pub fn note_full_check(&mut self) -> Result<()> {
        open::note_full_check(&self.conn)?;
        self.full_check_due = false;
        Ok(())
    }

    /// Opens the store at `path` with `passphrase`: the key is derived with the file's salt
    /// (a new random salt for a new or unencrypted file). The one slow step (see `key`).
    pub fn unlock(path: &Path, passphrase: &str, sources: Sources) -> Result<Store> {
        Store::unlock_with(path, passphrase, sources, WeeklyCheck::AtOpen)
    }

    /// [`Store::unlock`], with the weekly full check at open or left for later.
    pub fn unlock_with(path: &Path, passphrase: &str, sources: Sources, weekly: WeeklyCheck) -> Result<Store> {
        let key = StoreKey::for_file(path, passphrase)?;
        Store::open_with(path, key, sources, weekly)
    }

    /// Re-encrypts the store with `new` (a new passphrase): the store is closed, a re-encrypted
    /// copy takes its place in one rename ([`open::reencrypt`]), and it is opened again.
    pub fn rekey(self, new: StoreKey) -> Result<Store> {
        let Store { conn, sources, path, key, .. } = self;
        drop(conn);
        open::reencrypt(&path, Some(&key), &new)?;
        Store::open(&path, new, sources)
    }

    /// The key this store was opened with: its backups are encrypted with it too.
    pub fn key(&self) -> &StoreKey {
        &self.key
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

    /// The user of this installation, once a profile has been saved.
    pub(crate) fn profile_id(&self) -> Result<Option<UserId>> {
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
