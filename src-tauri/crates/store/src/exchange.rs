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

use crate::error::StoreError;
use crate::log::{query_ops, Op};
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

    /// Per replica, the highest sequence number this store holds with no gap before it.
    pub fn received(&self) -> Result<Received> {
        let mut out = Received::new();
        let mut stmt = self.conn.prepare_cached("SELECT replica, COUNT(*), MAX(seq) FROM ops GROUP BY replica")?;
        let rows: Vec<(String, i64, i64)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        for (replica, count, max) in rows {
            let contiguous = if count == max {
                max
            } else {
                // A gap (a lost file): find where it starts.
                let mut seqs = self.conn.prepare_cached("SELECT seq FROM ops WHERE replica = ?1 ORDER BY seq")?;
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
        let replicas: Vec<String> = self
            .conn
            .prepare_cached("SELECT DISTINCT replica FROM ops ORDER BY replica")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for replica in replicas {
            let has = received.get(&replica.parse().map_err(data)?).copied().unwrap_or(0);
            out.extend(query_ops(&self.conn, "ops", "WHERE replica = ?1 AND seq > ?2 ORDER BY seq", params![replica, has])?);
        }
        Ok(out)
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

    /// A consistent copy of the whole store, made while it stays open (SQLite online backup).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)?;
        }
        self.conn.backup(rusqlite::MAIN_DB, dest, None::<fn(rusqlite::backup::Progress)>)?;
        Ok(())
    }

    fn user_name(&self, id: UserId) -> Result<String> {
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
            let household_id = self.household_of(&entity, &entity_id)?;
            let household_name = match household_id {
                Some(h) => read_fields(&self.conn, &schema::HOUSEHOLD, h.0)?
                    .and_then(|f| f.get("name").and_then(Json::as_str).map(str::to_owned))
                    .unwrap_or_default(),
                None => String::new(),
            };
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

    fn household_of(&self, entity: &str, id: &str) -> Result<Option<HouseholdId>> {
        let uuid: Uuid = id.parse().map_err(data)?;
        Ok(match entity {
            "household" => Some(HouseholdId(uuid)),
            "consent" | "visit" => {
                let e = Entity::by_name(entity).ok_or_else(|| data(entity))?;
                match read_fields(&self.conn, e, uuid) {
                    Ok(f) => f.and_then(|f| f.get("household_id").and_then(Json::as_str).and_then(|s| s.parse().ok())),
                    // A record that cannot be read: the conflict is still listed, without its household.
                    Err(StoreError::Data(_)) => None,
                    Err(e) => return Err(e),
                }
            }
            _ => None,
        })
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
