//! The store's commands and queries for each entity, one file per entity, each an
//! `impl Store` block. Each write validates first (domain rules), then sets fields through the
//! [`Writer`]. This file holds the row helpers they share.
//!
//! Reading a row: [`read_record`] reads a record as the domain type its entity is shown as
//! ([`row_check`] names that type per entity, for the scan in `unreadable`). A row that is there
//! but does not read is [`StoreError::Unreadable`] for that record alone: lists and the agenda
//! skip it, and `Store::unreadable_records` reports it, so one bad row never takes down a list.
//!
//! Uses: `error`, `schema`, `tables`, `writer`, `store`. The entity files use this module's
//! helpers (`super::`) and otherwise only the crate modules listed here; none imports another
//! entity file.

mod agenda;
pub(crate) mod answers;
mod app;
mod assignments;
mod consent;
mod enrolments;
mod households;
pub(crate) mod overview;
pub(crate) mod report;
mod profile;
mod stock;
mod tasks;
pub(crate) mod unreadable;
mod visits;

pub use tasks::{Closed, VisitClosing};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keukentafel_domain::{validate, ConsentInput, Hlc, HouseholdId, HouseholdInput, UserProfileInput, VisitInput};
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::error::StoreError;
use crate::schema::Entity;
use crate::store::{Result, Store};
use crate::tables::read_fields;
use crate::writer::Writer;

/// A value's serde form as a field map (the shape ops carry).
fn fields_of<T: Serialize>(v: &T) -> Result<Map<String, Json>> {
    match serde_json::to_value(v)? {
        Json::Object(m) => Ok(m),
        other => Err(StoreError::Data(format!("expected an object, got {other}"))),
    }
}

fn not_found(entity: &'static str, id: impl ToString) -> StoreError {
    StoreError::NotFound { entity, id: id.to_string() }
}

/// The stored fields of a record that must exist for the write to go on.
fn require(w: &Writer<'_>, entity: &'static Entity, id: Uuid) -> Result<Map<String, Json>> {
    read_fields(&w.tx, entity, id)?.ok_or_else(|| not_found(entity.name, id))
}

/// No base clocks: the writer takes each field's current clock as the base.
const NO_BASE: &BTreeMap<String, Hlc> = &BTreeMap::new();

/// A date in ISO form, for SQL comparisons with stored dates.
fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn unreadable(entity: &'static Entity, id: impl ToString, reason: impl ToString) -> StoreError {
    StoreError::Unreadable { entity: entity.name, id: id.to_string(), reason: reason.to_string() }
}

/// Reads a record as `T`, the type its entity is shown as (see [`row_check`]), with its stored
/// fields. `Ok(None)`: no such row. A row that does not read is [`StoreError::Unreadable`];
/// any other error (the disk, SQLite) is passed on as it is.
fn read_record<T: DeserializeOwned>(conn: &Connection, entity: &'static Entity, id: Uuid) -> Result<Option<(T, Map<String, Json>)>> {
    let fields = match read_fields(conn, entity, id) {
        Ok(Some(fields)) => Json::Object(fields),
        Ok(None) => return Ok(None),
        Err(StoreError::Data(reason)) => return Err(unreadable(entity, id, reason)),
        Err(e) => return Err(e),
    };
    let record = T::deserialize(&fields).map_err(|e| unreadable(entity, id, e))?;
    let Json::Object(fields) = fields else { unreachable!("built as an object above") };
    Ok(Some((record, fields)))
}

/// Whether a row's fields read as the type its entity is shown as: the same types the entity
/// files pass to [`read_record`]. Answers are JSON; reading their row is the whole check.
fn row_check(entity: &Entity) -> fn(&Json) -> std::result::Result<(), serde_json::Error> {
    fn read_as<T: DeserializeOwned>(v: &Json) -> std::result::Result<(), serde_json::Error> {
        T::deserialize(v).map(drop)
    }
    match entity.name {
        "household" => read_as::<HouseholdInput>,
        "consent" => read_as::<ConsentInput>,
        "visit" => read_as::<VisitInput>,
        "user" => read_as::<UserProfileInput>,
        "assignment" => read_as::<keukentafel_domain::Assignment>,
        "task" => read_as::<keukentafel_domain::TaskInput>,
        "stock_item" => read_as::<keukentafel_domain::StockItemInput>,
        "stock_movement" => read_as::<keukentafel_domain::StockMovementData>,
        _ => read_as::<Json>,
    }
}

/// A record id as stored: a UUID as this version writes it. Rows with another id cannot be
/// looked up by id; they are skipped where lists read them and reported as unreadable.
fn row_id(id: &str) -> Option<Uuid> {
    validate::id(id).ok()
}

impl Store {
    /// The ids of an entity's records that belong to `household`, in id order (rows whose id is
    /// not an id are left out: see [`row_id`]).
    fn ids_for(&self, entity: &Entity, household: HouseholdId) -> Result<Vec<Uuid>> {
        let sql = format!("SELECT id FROM {} WHERE household_id = ?1 ORDER BY id", entity.table);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([household.to_string()], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for id in rows {
            out.extend(row_id(&id?));
        }
        Ok(out)
    }
}
