//! Writing changes: every changed field becomes one op in the append-only change log and is
//! applied to its table in the same IMMEDIATE transaction. Nothing else writes entity tables.
//!
//! Invariants, per transaction: ops get consecutive sequence numbers for this replica (from 1,
//! no gaps), strictly increasing hybrid logical clocks, and `field_clocks` names the op whose
//! value each column holds.

use std::collections::BTreeMap;

use keukentafel_domain::{Hlc, ReplicaId, Sources, UserId};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::error::StoreError;
use crate::schema::{self, Entity};

/// One entry of the change log, as stored.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Op {
    pub op_id: Uuid,
    pub replica: ReplicaId,
    pub seq: i64,
    pub hlc: Hlc,
    pub entity: String,
    pub entity_id: Uuid,
    pub field: String,
    pub value: Json,
    pub base_hlc: Option<Hlc>,
    pub author: UserId,
    /// The highest clock of the same record that the writer's store held when it wrote this op.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_base_hlc: Option<Hlc>,
    /// For a conflict resolution: the ops it decides between (it has seen them all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolves: Vec<Uuid>,
    /// Fields this version does not know (from a newer minor file version), passed on unchanged.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

/// A write in progress: one IMMEDIATE transaction, the clock and sequence it continues from.
pub struct Writer<'a> {
    pub(crate) tx: Transaction<'a>,
    sources: &'a mut Sources,
    replica: ReplicaId,
    author: Option<UserId>,
    last_hlc: Option<Hlc>,
    next_seq: i64,
    written: usize,
}

impl<'a> Writer<'a> {
    pub(crate) fn begin(
        tx: Transaction<'a>,
        sources: &'a mut Sources,
        replica: ReplicaId,
        author: Option<UserId>,
    ) -> Result<Self, StoreError> {
        // Read inside the transaction: another process may have written since we last looked.
        let last_hlc: Option<String> = tx.query_row("SELECT MAX(hlc) FROM ops", [], |r| r.get(0))?;
        let last_hlc = last_hlc.map(|s| s.parse()).transpose().map_err(|e| StoreError::Data(format!("{e}")))?;
        let last_seq: i64 =
            tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM ops WHERE replica = ?1", [replica.to_string()], |r| r.get(0))?;
        Ok(Self { tx, sources, replica, author, last_hlc, next_seq: last_seq + 1, written: 0 })
    }

    pub fn author(&self) -> Result<UserId, StoreError> {
        self.author.ok_or(StoreError::NoProfile)
    }

    pub(crate) fn set_author(&mut self, author: UserId) {
        self.author = Some(author);
    }

    /// A new UUIDv7 for an entity, from the injected clock and randomness.
    pub fn new_id(&mut self) -> Uuid {
        let now = self.sources.now_millis();
        self.sources.new_uuid(now)
    }

    /// How many ops this write has recorded so far.
    pub fn ops_written(&self) -> usize {
        self.written
    }

    /// Sets `fields` of one entity: for each field whose value differs from the stored one,
    /// records an op (with the editor's base clock, if given) and applies it. Creates the row
    /// when it does not exist. Returns how many ops were written.
    pub fn set(
        &mut self,
        entity: &'static Entity,
        id: Uuid,
        fields: &Map<String, Json>,
        base: &BTreeMap<String, Hlc>,
    ) -> Result<usize, StoreError> {
        self.set_resolving(entity, id, fields, base, &[])
    }

    /// Like [`Writer::set`], for a person's decision on a conflict: the ops record that they have
    /// seen every op in `resolves`, so the conflict closes on every store that merges them.
    pub fn set_resolving(
        &mut self,
        entity: &'static Entity,
        id: Uuid,
        fields: &Map<String, Json>,
        base: &BTreeMap<String, Hlc>,
        resolves: &[Uuid],
    ) -> Result<usize, StoreError> {
        let author = self.author()?;
        let current = read_fields(&self.tx, entity, id)?;
        let clocks = field_clocks(&self.tx, entity, id)?;
        let entity_base = max_entity_clock(&self.tx, entity, id)?;
        let mut count = 0;
        for (field, _) in entity.fields {
            let Some(value) = fields.get(*field) else { continue };
            if resolves.is_empty() && current.as_ref().and_then(|c| c.get(*field)) == Some(value) && clocks.contains_key(*field) {
                continue; // unchanged: no op
            }
            // The writer saw the field's current value. When several laptops' ops hold that same
            // value (several heads), the new op has seen them all; a head with another value is
            // an open conflict, which only a resolution (`resolves`) settles.
            // `field_clocks.heads` says whether there is more than one; only then is the
            // field's history planned.
            let mut seen = resolves.to_vec();
            let heads = if clocks.contains_key(*field) { stored_heads(&self.tx, entity, id, field)? } else { 0 };
            if heads > 1 {
                if let Some((history, plan)) = crate::merge::plan_stored_field(&self.tx, entity, id, field)? {
                    let winner_value = &history[plan.winner].value;
                    for &h in &plan.heads {
                        if h != plan.winner && &history[h].value == winner_value && !seen.contains(&history[h].op_id) {
                            seen.push(history[h].op_id);
                        }
                    }
                }
            }
            let now = self.sources.now_millis();
            let hlc = Hlc::tick(self.last_hlc, now, self.replica);
            self.last_hlc = Some(hlc);
            let op = Op {
                op_id: self.sources.new_uuid(now),
                replica: self.replica,
                seq: self.next_seq,
                hlc,
                entity: entity.name.to_owned(),
                entity_id: id,
                field: (*field).to_owned(),
                value: value.clone(),
                base_hlc: base.get(*field).copied().or_else(|| clocks.get(*field).copied()),
                author,
                entity_base_hlc: entity_base,
                resolves: seen,
                extra: BTreeMap::new(),
            };
            self.next_seq += 1;
            insert_op(&self.tx, "ops", &op, None)?;
            apply(&self.tx, entity, &op)?;
            crate::merge::settle_after_local_write(&self.tx, entity, id, field, heads)?;
            count += 1;
        }
        self.written += count;
        Ok(count)
    }
}

/// How many heads a field has (as its last plan found; 1 unless laptops edited it concurrently).
fn stored_heads(conn: &rusqlite::Connection, entity: &Entity, id: Uuid, field: &str) -> Result<usize, StoreError> {
    let heads: Option<i64> = conn
        .prepare_cached("SELECT heads FROM field_clocks WHERE entity = ?1 AND entity_id = ?2 AND field = ?3")?
        .query_row(params![entity.name, id.to_string(), field], |r| r.get(0))
        .optional()?;
    Ok(heads.unwrap_or(0).max(0) as usize)
}

/// The highest clock among the record's current field values (which is the highest clock of any
/// op of the record this store holds, since each field holds its latest op).
pub(crate) fn max_entity_clock(conn: &rusqlite::Connection, entity: &Entity, id: Uuid) -> Result<Option<Hlc>, StoreError> {
    let max: Option<String> = conn
        .prepare_cached("SELECT MAX(hlc) FROM field_clocks WHERE entity = ?1 AND entity_id = ?2")?
        .query_row(params![entity.name, id.to_string()], |r| r.get(0))?;
    max.map(|m| m.parse().map_err(|e| StoreError::Data(format!("{e}")))).transpose()
}

/// Appends an op to `ops`, or (with a reason) to `held_ops`. Returns false when `ops` already
/// held an op with this id (nothing is written then).
pub(crate) fn insert_op(tx: &Transaction<'_>, table: &str, op: &Op, reason: Option<&str>) -> Result<bool, StoreError> {
    const INSERT_OP: &str = "INSERT INTO ops (op_id, replica, seq, hlc, entity, entity_id, field, value, base_hlc, author,
                                              entity_base_hlc, resolves, extra)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                             ON CONFLICT (op_id) DO NOTHING";
    const INSERT_HELD: &str = "INSERT INTO held_ops (op_id, replica, seq, hlc, entity, entity_id, field, value, base_hlc, author,
                                                     entity_base_hlc, resolves, extra, reason)
                               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
    let resolves = (!op.resolves.is_empty()).then(|| serde_json::to_string(&op.resolves)).transpose()?;
    let extra = (!op.extra.is_empty()).then(|| serde_json::to_string(&op.extra)).transpose()?;
    let (op_id, replica, entity_id) = (op.op_id.to_string(), op.replica.to_string(), op.entity_id.to_string());
    let (hlc, base, ebase) = (op.hlc.to_string(), op.base_hlc.map(|h| h.to_string()), op.entity_base_hlc.map(|h| h.to_string()));
    let value = op.value.to_string();
    let author = op.author.to_string();
    let written = match (table, reason) {
        ("ops", None) => tx.prepare_cached(INSERT_OP)?.execute(params![
            op_id, replica, op.seq, hlc, op.entity, entity_id, op.field, value, base, author, ebase, resolves, extra
        ])?,
        ("held_ops", Some(reason)) => tx.prepare_cached(INSERT_HELD)?.execute(params![
            op_id, replica, op.seq, hlc, op.entity, entity_id, op.field, value, base, author, ebase, resolves, extra, reason
        ])?,
        _ => return Err(StoreError::Data(format!("cannot insert an op into {table} (reason {reason:?})"))),
    };
    Ok(written == 1)
}

/// Sets the columns the ops name (one op per field) without touching `field_clocks`; a row that
/// does not exist yet is created with all of them in one insert.
pub(crate) fn set_columns(tx: &Transaction<'_>, entity: &Entity, id: Uuid, ops: &[&Op]) -> Result<(), StoreError> {
    if ops.is_empty() {
        return Ok(());
    }
    let mut values: Vec<rusqlite::types::Value> = vec![rusqlite::types::Value::Text(id.to_string())];
    for op in ops {
        values.push(schema::to_sql(entity, &op.field, &op.value)?);
        ensure_parent(tx, op)?;
    }
    let cols: Vec<&str> = ops.iter().map(|o| o.field.as_str()).collect();
    let placeholders: Vec<String> = (2..=cols.len() + 1).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let sql = format!(
        "INSERT INTO {t} (id, {c}) VALUES (?1, {p}) ON CONFLICT (id) DO UPDATE SET {u}",
        t = entity.table,
        c = cols.join(", "),
        p = placeholders.join(", "),
        u = updates.join(", ")
    );
    tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values.iter()))?;
    Ok(())
}

/// Ops may arrive before the record they belong to (a lost file, re-sent later): keep a
/// placeholder row so the reference holds; the parent's own ops fill it in.
fn ensure_parent(tx: &Transaction<'_>, op: &Op) -> Result<(), StoreError> {
    let parent = match op.field.as_str() {
        "household_id" => Some("households"),
        "visit_id" => Some("visits"),
        _ => None,
    };
    if let (Some(table), Some(parent_id)) = (parent, op.value.as_str()) {
        tx.prepare_cached(&format!("INSERT OR IGNORE INTO {table} (id) VALUES (?1)"))?.execute([parent_id])?;
    }
    Ok(())
}

/// Sets the column an op names and records the op as that field's current winner.
pub(crate) fn apply(tx: &Transaction<'_>, entity: &Entity, op: &Op) -> Result<(), StoreError> {
    let value = schema::to_sql(entity, &op.field, &op.value)?;
    ensure_parent(tx, op)?;
    // Every column has a default, so the row can be created from its first field.
    let sql = format!(
        "INSERT INTO {t} (id, {f}) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET {f} = excluded.{f}",
        t = entity.table,
        f = op.field
    );
    tx.prepare_cached(&sql)?.execute(params![op.entity_id.to_string(), value])?;
    tx.prepare_cached(
        "INSERT INTO field_clocks (entity, entity_id, field, hlc, op_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, op_id = excluded.op_id",
    )?
    .execute(params![op.entity, op.entity_id.to_string(), op.field, op.hlc.to_string(), op.op_id.to_string()])?;
    Ok(())
}

/// The stored fields of one entity as JSON, or `None` when there is no such row.
pub fn read_fields(
    conn: &rusqlite::Connection,
    entity: &Entity,
    id: Uuid,
) -> Result<Option<Map<String, Json>>, StoreError> {
    let cols: Vec<&str> = entity.fields.iter().map(|(f, _)| *f).collect();
    let sql = format!("SELECT {} FROM {} WHERE id = ?1", cols.join(", "), entity.table);
    let mut stmt = conn.prepare_cached(&sql)?;
    let row = stmt
        .query_row([id.to_string()], |row| {
            let mut out = Vec::with_capacity(cols.len());
            for i in 0..cols.len() {
                out.push(row.get::<_, rusqlite::types::Value>(i)?);
            }
            Ok(out)
        })
        .optional()?;
    let Some(values) = row else { return Ok(None) };
    let mut map = Map::new();
    for ((field, _), v) in entity.fields.iter().zip(values) {
        map.insert((*field).to_owned(), schema::to_json(entity, field, (&v).into())?);
    }
    Ok(Some(map))
}

/// The clock of each field's current value.
pub fn field_clocks(
    conn: &rusqlite::Connection,
    entity: &Entity,
    id: Uuid,
) -> Result<BTreeMap<String, Hlc>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT field, hlc FROM field_clocks WHERE entity = ?1 AND entity_id = ?2")?;
    let rows = stmt.query_map(params![entity.name, id.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (field, hlc) = row?;
        out.insert(field, hlc.parse().map_err(|e| StoreError::Data(format!("{e}")))?);
    }
    Ok(out)
}

/// The columns [`read_op`] expects, in order.
pub(crate) const OP_COLUMNS: &str =
    "op_id, replica, seq, hlc, entity, entity_id, field, value, base_hlc, author, entity_base_hlc, resolves, extra";

/// Reads an op from a row selected with [`OP_COLUMNS`].
pub(crate) fn read_op(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Op, StoreError>> {
    let text = |i: usize| r.get::<_, String>(i);
    let opt = |i: usize| r.get::<_, Option<String>>(i);
    let (op_id, replica, seq, hlc, entity, entity_id, field, value, base, author, ebase, resolves, extra) = (
        text(0)?, text(1)?, r.get::<_, i64>(2)?, text(3)?, text(4)?, text(5)?, text(6)?, text(7)?, opt(8)?, text(9)?,
        opt(10)?, opt(11)?, opt(12)?,
    );
    Ok((|| {
        let data = |e: &dyn std::fmt::Display| StoreError::Data(e.to_string());
        Ok(Op {
            op_id: op_id.parse().map_err(|e| data(&e))?,
            replica: replica.parse().map_err(|e| data(&e))?,
            seq,
            hlc: hlc.parse().map_err(|e| data(&e))?,
            entity,
            entity_id: entity_id.parse().map_err(|e| data(&e))?,
            field,
            value: serde_json::from_str(&value)?,
            base_hlc: base.map(|b| b.parse()).transpose().map_err(|e| data(&e))?,
            author: author.parse().map_err(|e| data(&e))?,
            entity_base_hlc: ebase.map(|b| b.parse()).transpose().map_err(|e| data(&e))?,
            resolves: resolves.map(|r| serde_json::from_str(&r)).transpose()?.unwrap_or_default(),
            extra: extra.map(|x| serde_json::from_str(&x)).transpose()?.unwrap_or_default(),
        })
    })())
}

/// Ops selected by a `WHERE ... ORDER BY ...` clause.
pub(crate) fn query_ops(conn: &rusqlite::Connection, table: &str, clause: &str, args: impl rusqlite::Params) -> Result<Vec<Op>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {OP_COLUMNS} FROM {table} {clause}"))?;
    let rows = stmt.query_map(args, read_op)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// Every op, in clock order (for the dump and for tests).
pub fn all_ops(conn: &rusqlite::Connection) -> Result<Vec<Op>, StoreError> {
    query_ops(conn, "ops", "ORDER BY hlc, op_id", [])
}
