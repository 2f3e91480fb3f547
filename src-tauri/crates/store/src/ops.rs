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
        let author = self.author()?;
        let current = read_fields(&self.tx, entity, id)?;
        let clocks = field_clocks(&self.tx, entity, id)?;
        let mut count = 0;
        for (field, _) in entity.fields {
            let Some(value) = fields.get(*field) else { continue };
            if current.as_ref().and_then(|c| c.get(*field)) == Some(value) && clocks.contains_key(*field) {
                continue; // unchanged: no op
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
            };
            self.next_seq += 1;
            insert_op(&self.tx, &op)?;
            apply(&self.tx, entity, &op)?;
            count += 1;
        }
        self.written += count;
        Ok(count)
    }
}

fn insert_op(tx: &Transaction<'_>, op: &Op) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO ops (op_id, replica, seq, hlc, entity, entity_id, field, value, base_hlc, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        op.op_id.to_string(),
        op.replica.to_string(),
        op.seq,
        op.hlc.to_string(),
        op.entity,
        op.entity_id.to_string(),
        op.field,
        op.value.to_string(),
        op.base_hlc.map(|h| h.to_string()),
        op.author.to_string(),
    ])?;
    Ok(())
}

/// Sets the column an op names and records the op as that field's current winner.
pub(crate) fn apply(tx: &Transaction<'_>, entity: &Entity, op: &Op) -> Result<(), StoreError> {
    let value = schema::to_sql(entity, &op.field, &op.value)?;
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
    for ((field, _), v) in entity.fields.iter().zip(values.into_iter()) {
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

/// Every op, in clock order (for the dump and, later, export).
pub fn all_ops(conn: &rusqlite::Connection) -> Result<Vec<Op>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT op_id, replica, seq, hlc, entity, entity_id, field, value, base_hlc, author FROM ops ORDER BY hlc, op_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, String>(9)?,
        ))
    })?;
    let data = |e: &dyn std::fmt::Display| StoreError::Data(e.to_string());
    let mut out = Vec::new();
    for row in rows {
        let (op_id, replica, seq, hlc, entity, entity_id, field, value, base, author) = row?;
        out.push(Op {
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
        });
    }
    Ok(out)
}
