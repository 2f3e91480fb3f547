//! Entity rows and their field clocks: reading a record's fields, and applying an op to its
//! table and to `field_clocks`.
//!
//! [`apply`] and [`set_columns`] are the only code that sets entity columns from ops; they are
//! called by the writer (local writes), by `settle` and by merging (ops from elsewhere) within
//! their transaction. (The one other write to an entity column is `settle`'s archive rule,
//! which shows a record again when an edit wins over its archive.) Invariant: after
//! [`apply`], `field_clocks` names the op whose value the column holds.
//!
//! Uses: `error`, `schema`, `log` (the [`Op`] type).

use std::collections::BTreeMap;

use keukentafel_domain::Hlc;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::error::StoreError;
use crate::log::Op;
use crate::schema::{self, Entity};

/// The stored fields of one entity as JSON, or `None` when there is no such row.
pub fn read_fields(conn: &Connection, entity: &Entity, id: Uuid) -> Result<Option<Map<String, Json>>, StoreError> {
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
pub fn field_clocks(conn: &Connection, entity: &Entity, id: Uuid) -> Result<BTreeMap<String, Hlc>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT field, hlc FROM field_clocks WHERE entity = ?1 AND entity_id = ?2")?;
    let rows = stmt.query_map(params![entity.name, id.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (field, hlc) = row?;
        out.insert(field, hlc.parse().map_err(|e| StoreError::Data(format!("{e}")))?);
    }
    Ok(out)
}

/// The highest clock among the record's current field values (which is the highest clock of any
/// op of the record this store holds, since each field holds its latest op).
pub(crate) fn max_entity_clock(conn: &Connection, entity: &Entity, id: Uuid) -> Result<Option<Hlc>, StoreError> {
    let max: Option<String> = conn
        .prepare_cached("SELECT MAX(hlc) FROM field_clocks WHERE entity = ?1 AND entity_id = ?2")?
        .query_row(params![entity.name, id.to_string()], |r| r.get(0))?;
    max.map(|m| m.parse().map_err(|e| StoreError::Data(format!("{e}")))).transpose()
}

/// How many heads a field has (as its last plan found; 1 unless laptops edited it concurrently).
pub(crate) fn stored_heads(conn: &Connection, entity: &Entity, id: Uuid, field: &str) -> Result<usize, StoreError> {
    let heads: Option<i64> = conn
        .prepare_cached("SELECT heads FROM field_clocks WHERE entity = ?1 AND entity_id = ?2 AND field = ?3")?
        .query_row(params![entity.name, id.to_string(), field], |r| r.get(0))
        .optional()?;
    Ok(heads.unwrap_or(0).max(0) as usize)
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
