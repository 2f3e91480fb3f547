//! The store's commands and queries for each entity, one file per entity, each an
//! `impl Store` block. Each write validates first (domain rules), then sets fields through the
//! [`Writer`]. This file holds the row helpers they share.
//!
//! Uses: `error`, `schema`, `tables`, `writer`, `store`. The entity files use this module's
//! helpers (`super::`) and otherwise only the crate modules listed here; none imports another
//! entity file.

mod agenda;
pub(crate) mod answers;
mod app;
mod consent;
mod households;
mod profile;
mod visits;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keukentafel_domain::{Hlc, HouseholdId};
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

impl Store {
    /// The ids of an entity's records that belong to `household`, in id order.
    fn ids_for(&self, entity: &Entity, household: HouseholdId) -> Result<Vec<Uuid>> {
        let sql = format!("SELECT id FROM {} WHERE household_id = ?1 ORDER BY id", entity.table);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([household.to_string()], |r| r.get::<_, String>(0))?;
        rows.map(|r| r?.parse().map_err(|_| StoreError::Data(format!("{}.id", entity.table)))).collect()
    }
}
