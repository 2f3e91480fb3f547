//! What the store offers the file exchange (the sync crate): which ops it holds per replica,
//! which ops a peer still lacks, the peers themselves, an online backup before an import, and
//! the open conflicts and their resolution.
//!
//! Uses: `error`, `schema`, `log`, `tables`, `store` (a resolution is written through
//! `Store::write`).

use std::collections::BTreeMap;
use std::path::Path;

use keukentafel_domain::*;
use rusqlite::{params, OptionalExtension};
use serde_json::{Map, Value as Json};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::error::StoreError;
use crate::log::{query_ops, read_op, Op, OP_COLUMNS};
use crate::schema::{self, Entity};
use crate::store::{Result, Store};
use crate::tables::read_fields;

/// Highest sequence number held without gaps, per replica.
pub type Received = BTreeMap<ReplicaId, i64>;

/// Another installation this one exchanged files with.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Peer {
    pub replica: ReplicaId,
    pub author: String,
    pub role: String,
    /// Its age public key (`age1…`), to write return files to.
    pub recipient: String,
    /// What it said it held, in its last file.
    pub received: Received,
    pub last_import: Option<String>,
}

fn data(e: impl std::fmt::Display) -> StoreError {
    StoreError::Data(e.to_string())
}

impl Store {
    /// Which of `op_ids` this store's change log holds.
    pub fn holds_ops(&self, op_ids: &[Uuid]) -> Result<std::collections::HashSet<Uuid>> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM ops WHERE op_id = ?1")?;
        let mut out = std::collections::HashSet::new();
        for id in op_ids {
            if stmt.exists([id.to_string()])? {
                out.insert(*id);
            }
        }
        Ok(out)
    }

    /// Per replica, the highest sequence number this store holds with no gap before it. A slot
    /// settled without an op (a rejected op; an op held under another slot) counts as held.
    pub fn received(&self) -> Result<Received> {
        let mut out = Received::new();
        let mut stmt = self.conn.prepare_cached("SELECT replica, COUNT(*), MAX(seq) FROM ops GROUP BY replica")?;
        let mut rows: BTreeMap<String, (i64, i64)> =
            stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect::<rusqlite::Result<_>>()?;
        let settled: Vec<String> = self
            .conn
            .prepare_cached("SELECT DISTINCT replica FROM settled_slots")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for replica in &settled {
            rows.entry(replica.clone()).or_insert((0, 0)).0 = -1; // walk this one
        }
        for (replica, (count, max)) in rows {
            let contiguous = if count == max {
                max
            } else {
                // A gap (a lost file, or settled slots to count in): find where it starts.
                let mut seqs = self.conn.prepare_cached(
                    "SELECT seq FROM ops WHERE replica = ?1 UNION SELECT seq FROM settled_slots WHERE replica = ?1 ORDER BY seq",
                )?;
                let mut expected = 1;
                for seq in seqs.query_map([&replica], |r| r.get::<_, i64>(0))? {
                    if seq? != expected {
                        break;
                    }
                    expected += 1;
                }
                expected - 1
            };
            out.insert(replica.parse().map_err(data)?, contiguous);
        }
        Ok(out)
    }

    /// The ops this store holds that a peer with `received` lacks, by replica and sequence.
    pub fn ops_missing_from(&self, received: &Received) -> Result<Vec<Op>> {
        let mut out = Vec::new();
        self.each_op_missing_from(received, |op| {
            out.push(op);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// The same ops as [`Store::ops_missing_from`], in the same order, handed to `each` one at
    /// a time (an export streams them into its file without holding them all). Stops at the
    /// first error `each` returns.
    pub fn each_op_missing_from<E: From<StoreError>>(
        &self,
        received: &Received,
        mut each: impl FnMut(Op) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let replicas: Vec<String> = self
            .conn
            .prepare_cached("SELECT DISTINCT replica FROM ops ORDER BY replica")
            .map_err(StoreError::from)?
            .query_map([], |r| r.get(0))
            .map_err(StoreError::from)?
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {OP_COLUMNS} FROM ops WHERE replica = ?1 AND seq > ?2 ORDER BY seq"))
            .map_err(StoreError::from)?;
        for replica in replicas {
            let has = received.get(&replica.parse().map_err(data)?).copied().unwrap_or(0);
            let mut rows = stmt.query(params![replica, has]).map_err(StoreError::from)?;
            while let Some(row) = rows.next().map_err(StoreError::from)? {
                each(read_op(row).map_err(StoreError::from)??)?;
            }
        }
        Ok(())
    }

    pub fn peer(&self, replica: ReplicaId) -> Result<Option<Peer>> {
        Ok(self.peers()?.into_iter().find(|p| p.replica == replica))
    }

    pub fn peers(&self) -> Result<Vec<Peer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT replica, author, role, recipient, received, last_import FROM peers ORDER BY author, replica",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?, r.get(5)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (replica, author, role, recipient, received, last_import) = row?;
            out.push(Peer {
                replica: replica.parse().map_err(data)?,
                author,
                role,
                recipient,
                received: serde_json::from_str(&received)?,
                last_import,
            });
        }
        Ok(out)
    }

    /// Remembers what a peer said about itself in its file. Local bookkeeping, not an op.
    pub fn record_peer(&mut self, peer: &Peer) -> Result<()> {
        self.conn.execute(
            "INSERT INTO peers (replica, author, role, recipient, received, last_import) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (replica) DO UPDATE SET author = excluded.author, role = excluded.role,
                 recipient = CASE WHEN excluded.recipient <> '' THEN excluded.recipient ELSE peers.recipient END,
                 received = excluded.received, last_import = excluded.last_import",
            params![
                peer.replica.to_string(),
                peer.author,
                peer.role,
                peer.recipient,
                serde_json::to_string(&peer.received)?,
                peer.last_import
            ],
        )?;
        Ok(())
    }

    /// A local setting (not synced), such as the coordinator's public key.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [format!("setting.{key}")], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![format!("setting.{key}"), value],
        )?;
        Ok(())
    }

    /// A secret of this installation kept inside the encrypted store (its age identity, its
    /// signing key), never synced, dumped or exported: the store's passphrase guards it, and a
    /// backup or a re-encrypted copy takes it along. `None` when none is kept under `name`.
    pub fn secret(&self, name: &str) -> Result<Option<Zeroizing<String>>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [format!("secret.{name}")], |r| r.get::<_, String>(0))
            .optional()?
            .map(Zeroizing::new))
    }

    /// Keeps `value` as the secret `name` unless one is kept already, and returns the one kept:
    /// a secret is never replaced, and of two processes making one at the same moment both end
    /// up with the first. Takes `&self` because readers make the installation's keys on first
    /// use; it is one statement, so it is atomic on its own.
    pub fn keep_secret(&self, name: &str, value: &str) -> Result<Zeroizing<String>> {
        self.conn.execute("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING", params![format!("secret.{name}"), value])?;
        self.secret(name)?.ok_or_else(|| StoreError::Data(format!("the secret {name} was not kept")))
    }

    /// Whether this store can be written: `false` when its file (or folder) is read-only, so
    /// SQLite opened it for reading only.
    pub fn is_writable(&self) -> Result<bool> {
        Ok(!self.conn.is_readonly(rusqlite::MAIN_DB)?)
    }

    /// A consistent copy of the whole store, made while it stays open (SQLite online backup).
    /// The copy is written beside `dest` under a temporary name and renamed when complete, so
    /// `dest` is whole or absent: when the disk is full or the folder read-only, nothing is
    /// left behind. Refuses to overwrite an existing `dest`.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let dir = dest.parent().filter(|d| !d.as_os_str().is_empty());
        let made_dir = dir.filter(|d| !d.exists());
        if let Some(dir) = dir {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::from(e).at(dir))?;
        }
        let mut name = dest.file_name().unwrap_or_default().to_os_string();
        name.push(".part");
        let part = dest.with_file_name(name);
        let mut journal = part.clone().into_os_string();
        journal.push("-journal");
        let remove = |p: &Path| match std::fs::remove_file(p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::from(e).at(p)),
            _ => Ok(()),
        };
        // A temporary copy left by an earlier attempt that was cut off is of no use.
        remove(&part)?;
        remove(Path::new(&journal))?;
        let result = (|| {
            // Created here (not by SQLite) so a folder that cannot be written to says so.
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            options.open(&part).map_err(|e| StoreError::from(e).at(&part))?;
            // Encrypted with the store's own key (and salt): a backup opens like the store.
            {
                let mut copy = crate::open::raw_connection(&part, &self.key).map_err(|e| e.at(&part))?;
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy).map_err(|e| StoreError::from(e).at(dest))?;
                backup
                    .run_to_completion(1024, std::time::Duration::ZERO, None)
                    .map_err(|e| StoreError::from(e).at(dest))?;
            }
            std::fs::File::open(&part).and_then(|f| f.sync_all()).map_err(|e| StoreError::from(e).at(&part))?;
            if dest.exists() {
                return Err(StoreError::Io(format!("{}: exists already", dest.display())));
            }
            std::fs::rename(&part, dest).map_err(|e| StoreError::from(e).at(dest))
        })();
        if result.is_err() {
            let _ = remove(&part);
            let _ = remove(Path::new(&journal));
            if let Some(dir) = made_dir {
                let _ = std::fs::remove_dir(dir); // only when empty
            }
        }
        result
    }

    /// The name of a user (an op's author), or "" when this store does not know it.
    pub(crate) fn user_name(&self, id: UserId) -> Result<String> {
        Ok(read_fields(&self.conn, &schema::USER, id.0)?
            .and_then(|f| f.get("name").and_then(Json::as_str).map(str::to_owned))
            .unwrap_or_default())
    }

    fn side(&self, op_id: &str) -> Result<ConflictSide> {
        let op = query_ops(&self.conn, "ops", "WHERE op_id = ?1", [op_id])?
            .pop()
            .ok_or_else(|| StoreError::Data(format!("conflict names a missing op {op_id}")))?;
        Ok(ConflictSide {
            op_id: op.op_id.to_string(),
            value: op.value,
            author_name: self.user_name(op.author)?,
            at: op.hlc.to_rfc3339(),
            replica: op.replica,
        })
    }

    /// Open conflicts, one entry per record field, newest first.
    pub fn open_conflicts(&self) -> Result<Vec<ConflictView>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, entity, entity_id, field, winner_op, loser_op FROM conflicts
              WHERE resolved_by IS NULL ORDER BY entity, entity_id, field, kind, loser_op",
        )?;
        let rows: Vec<(String, String, String, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out: Vec<ConflictView> = Vec::new();
        for (kind, entity, entity_id, field, winner, loser) in rows {
            let kind = if kind == "field" { ConflictKind::Field } else { ConflictKind::EditVsArchive };
            if let Some(last) = out.last_mut().filter(|c| c.kind == kind && c.entity_id == entity_id && c.field == field) {
                last.others.push(self.side(&loser)?);
                continue;
            }
            let (household_id, household_name) = self.household_context(&entity, entity_id.parse().map_err(data)?)?;
            out.push(ConflictView {
                kind,
                entity,
                entity_id,
                field,
                household_id,
                household_name,
                winner: self.side(&winner)?,
                others: vec![self.side(&loser)?],
            });
        }
        out.sort_by(|a, b| b.winner.at.cmp(&a.winner.at));
        Ok(out)
    }

    /// The household a record belongs to, and its name, for context ("" when unknown).
    pub(crate) fn household_context(&self, entity: &str, id: Uuid) -> Result<(Option<HouseholdId>, String)> {
        // A record that cannot be read: the conflict is still listed, without its household.
        let field = |e: &Entity, id: Uuid, f: &str| -> Result<Option<String>> {
            match read_fields(&self.conn, e, id) {
                Ok(m) => Ok(m.and_then(|m| m.get(f).and_then(Json::as_str).map(str::to_owned))),
                Err(StoreError::Data(_)) => Ok(None),
                Err(e) => Err(e),
            }
        };
        let household: Option<HouseholdId> = match entity {
            "household" => Some(HouseholdId(id)),
            "consent" => field(&schema::CONSENT, id, "household_id")?.and_then(|s| s.parse().ok()),
            "visit" => field(&schema::VISIT, id, "household_id")?.and_then(|s| s.parse().ok()),
            "task" => field(&schema::TASK, id, "household_id")?.and_then(|s| s.parse().ok()),
            "stock_movement" => field(&schema::STOCK_MOVEMENT, id, "household_id")?.and_then(|s| s.parse().ok()),
            "answer" => match field(&schema::ANSWER, id, "visit_id")?.and_then(|s| s.parse().ok()) {
                Some(visit) => field(&schema::VISIT, visit, "household_id")?.and_then(|s| s.parse().ok()),
                None => None,
            },
            _ => None,
        };
        let name = match household {
            Some(h) => field(&schema::HOUSEHOLD, h.0, "name")?.unwrap_or_default(),
            None => String::new(),
        };
        Ok((household, name))
    }

    /// A person's decision: a new op with the chosen value that has seen every side. A new value
    /// is checked like any write (the writer refuses one that breaks its field's rules).
    pub fn resolve_conflict(&mut self, r: ConflictResolution) -> Result<()> {
        let entity = Entity::by_name(&r.entity)
            .filter(|e| e.kind(&r.field).is_some())
            .ok_or_else(|| StoreError::NotFound { entity: "conflict", id: format!("{}.{}", r.entity, r.field) })?;
        let id: Uuid = r.entity_id.parse().map_err(data)?;
        let kind = match r.kind {
            ConflictKind::Field => "field",
            ConflictKind::EditVsArchive => "edit_vs_archive",
        };
        let sides: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT winner_op, loser_op FROM conflicts
                  WHERE kind = ?1 AND entity = ?2 AND entity_id = ?3 AND field = ?4 AND resolved_by IS NULL",
            )?
            .query_map(params![kind, r.entity, r.entity_id, r.field], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if sides.is_empty() {
            return Err(StoreError::NotFound { entity: "conflict", id: format!("{}.{}", r.entity, r.field) });
        }
        let mut resolves: Vec<Uuid> =
            sides.iter().flat_map(|(w, l)| [w, l]).map(|s| s.parse().map_err(data)).collect::<Result<_>>()?;
        resolves.sort();
        resolves.dedup();
        let mut fields = Map::new();
        fields.insert(r.field.clone(), r.value);
        self.write(|w| {
            w.set_resolving(entity, id, &fields, &BTreeMap::new(), &resolves)?;
            Ok(())
        })
    }
}
