//! The change log: the [`Op`] type and row access to the append-only `ops` table (and to
//! `held_ops`, ops held back for a coordinator, which have the same columns).
//!
//! This module only reads and appends op rows and looks up the clocks and sequence numbers a
//! writer continues from. It decides nothing and never touches entity tables or
//! `field_clocks`.
//!
//! Uses: `error`, `schema`.

use std::collections::BTreeMap;

use keukentafel_domain::{Hlc, ReplicaId, UserId};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::error::StoreError;
use crate::schema::Entity;

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

/// Ops dated further ahead of this laptop's clock than this (one day) are held back for the
/// coordinator; a local clock never runs further ahead than this either.
pub const FUTURE_LIMIT_MILLIS: i64 = keukentafel_domain::MAX_AHEAD_MILLIS;

/// The `meta` key of the highest clock among the ops this store forgot (a household taken off
/// this volunteer): clocks continue above it as if those ops were still in the log.
pub(crate) const CLOCK_FLOOR: &str = "forgotten_clock_floor";

/// The `meta` key of the highest clock among the ops that were within
/// [`FUTURE_LIMIT_MILLIS`] of this laptop's clock when they entered the log (see
/// [`ClockMarks`]; migration 0018).
pub(crate) const CLOCK_HIGH: &str = "clock_high";

/// The text bound below which every clock up to `ceiling_millis` sorts: the text form starts
/// with the time in 18 digits, so it is the next millisecond's prefix.
fn clock_bound(ceiling_millis: i64) -> String {
    format!("{:018}", ceiling_millis.saturating_add(1).max(0))
}

fn parse_clock(last: Option<String>) -> Result<Option<Hlc>, StoreError> {
    last.map(|s| s.parse()).transpose().map_err(|e| StoreError::Data(format!("{e}")))
}

/// The highest clock in the change log, forgotten ops included (`None` for an empty log).
/// Read from the clock marks, not from the log: a few rows whatever the log's size.
pub(crate) fn last_hlc(conn: &Connection) -> Result<Option<Hlc>, StoreError> {
    let last: Option<String> = conn.prepare_cached(
        "SELECT MAX(h) FROM (SELECT value AS h FROM meta WHERE key IN (?1, ?2)
                             UNION ALL SELECT MAX(hlc) FROM clocks_ahead)",
    )?
    .query_row([CLOCK_HIGH, CLOCK_FLOOR], |r| r.get(0))?;
    parse_clock(last)
}

/// The highest clock in the change log whose time is at most `ceiling_millis` (an accepted op
/// dated further ahead is left out: a writer does not continue from it).
pub(crate) fn last_hlc_until(conn: &Connection, ceiling_millis: i64) -> Result<Option<Hlc>, StoreError> {
    let bound = clock_bound(ceiling_millis);
    let high: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [CLOCK_HIGH], |r| r.get(0)).optional()?;
    let last: Option<String> = if high.as_ref().is_some_and(|h| *h >= bound) {
        // This laptop's clock went back since the high mark was set (ops then within a day of
        // it are now ahead): the marks cannot tell, the log is read whole. Rare, and right.
        conn.query_row(
            "SELECT MAX(h) FROM (SELECT MAX(hlc) AS h FROM ops WHERE hlc < ?1
                                 UNION ALL SELECT value FROM meta WHERE key = ?2 AND value < ?1)",
            params![bound, CLOCK_FLOOR],
            |r| r.get(0),
        )?
    } else {
        conn.query_row(
            "SELECT MAX(h) FROM (SELECT value AS h FROM meta WHERE key IN (?2, ?3) AND value < ?1
                                 UNION ALL SELECT MAX(hlc) FROM clocks_ahead WHERE hlc < ?1)",
            params![bound, CLOCK_HIGH, CLOCK_FLOOR],
            |r| r.get(0),
        )?
    };
    parse_clock(last)
}

/// The clock marks of one transaction's new ops, which answer [`last_hlc`] and
/// [`last_hlc_until`] without an index on the log's clocks: an op within
/// [`FUTURE_LIMIT_MILLIS`] of `now` raises `meta.clock_high` (once, at [`ClockMarks::save`]);
/// an op dated further ahead is listed in `clocks_ahead` at once. Every op that enters `ops`
/// passes [`ClockMarks::note`] in the transaction that inserts it.
pub(crate) struct ClockMarks {
    ceiling: i64,
    high: Option<Hlc>,
}

impl ClockMarks {
    pub(crate) fn new(now_millis: i64) -> Self {
        Self { ceiling: now_millis.saturating_add(FUTURE_LIMIT_MILLIS), high: None }
    }

    /// An op with clock `hlc` entered the log.
    pub(crate) fn note(&mut self, tx: &Transaction<'_>, hlc: Hlc) -> Result<(), StoreError> {
        if hlc.millis > self.ceiling {
            tx.prepare_cached("INSERT INTO clocks_ahead (hlc) VALUES (?1) ON CONFLICT (hlc) DO NOTHING")?
                .execute([hlc.to_string()])?;
        } else if self.high.is_none_or(|h| hlc > h) {
            self.high = Some(hlc);
        }
        Ok(())
    }

    /// Raises `meta.clock_high` to the highest clock noted (never lowers it).
    pub(crate) fn save(self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        if let Some(high) = self.high {
            tx.prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE excluded.value > meta.value",
            )?
            .execute(params![CLOCK_HIGH, high.to_string()])?;
        }
        Ok(())
    }
}

/// The highest sequence number `replica` has in the change log (0 when it has none), counting
/// settled slots (the slots of forgotten ops), so a number is never used twice.
pub(crate) fn last_seq(conn: &Connection, replica: ReplicaId) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT MAX(COALESCE((SELECT MAX(seq) FROM ops WHERE replica = ?1), 0),
                    COALESCE((SELECT MAX(seq) FROM settled_slots WHERE replica = ?1), 0))",
        [replica.to_string()],
        |r| r.get(0),
    )?)
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
pub(crate) fn query_ops(conn: &Connection, table: &str, clause: &str, args: impl rusqlite::Params) -> Result<Vec<Op>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {OP_COLUMNS} FROM {table} {clause}"))?;
    let rows = stmt.query_map(args, read_op)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// Every op of one field of one record, in no particular order (the planner does not need one).
pub(crate) fn field_history(conn: &Connection, entity: &Entity, id: Uuid, field: &str) -> Result<Vec<Op>, StoreError> {
    query_ops(conn, "ops", "WHERE entity = ?1 AND entity_id = ?2 AND field = ?3", params![entity.name, id.to_string(), field])
}

/// Every op, in clock order (for the dump and for tests).
pub fn all_ops(conn: &Connection) -> Result<Vec<Op>, StoreError> {
    query_ops(conn, "ops", "ORDER BY hlc, op_id", [])
}
