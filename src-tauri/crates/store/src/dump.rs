//! The canonical dump: every record as JSON with sorted keys and a stable order (records by
//! id, ops by clock). Two stores with the same content give the same bytes; it is also what a
//! household receives when it asks to see its data.
//!
//! Uses: `error`, `schema`, `log`, `tables`, `store`, `records::unreadable` (the scan for
//! records that cannot be read).

use std::collections::BTreeSet;

use keukentafel_domain::validate;
use serde_json::{json, Map, Value as Json};

use crate::error::StoreError;
use crate::log::all_ops;
use crate::records::unreadable::Unreadable;
use crate::schema::{self, Entity};
use crate::store::{Result, Store};
use crate::tables::read_fields;

/// Rebuilds every object with its keys inserted in sorted order, whatever map type serde_json
/// was built with.
fn canonical(v: Json) -> Json {
    match v {
        Json::Object(m) => {
            let mut entries: Vec<(String, Json)> = m.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Json::Object(entries.into_iter().map(|(k, v)| (k, canonical(v))).collect())
        }
        Json::Array(a) => Json::Array(a.into_iter().map(canonical).collect()),
        other => other,
    }
}

impl Store {
    /// The records of an entity (all, or those whose `col` is the given value), each as its
    /// stored fields plus `id`. A row whose id is not an id or whose values do not read is left
    /// out; its id goes to `skipped` (the dump lists it, with the reason, under `unreadable`).
    fn records(&self, entity: &Entity, filter: Option<(&str, &str)>, skipped: &mut Vec<String>) -> Result<Vec<Json>> {
        let sql = match filter {
            Some((col, _)) => format!("SELECT id FROM {} WHERE {col} = ?1 ORDER BY id", entity.table),
            None => format!("SELECT id FROM {} ORDER BY id", entity.table),
        };
        let mut stmt = self.conn().prepare(&sql)?;
        let ids: Vec<String> = match filter {
            Some((_, v)) => stmt.query_map([v], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
            None => stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Ok(uuid) = validate::id(&id) else {
                skipped.push(id);
                continue;
            };
            let mut fields: Map<String, Json> = match read_fields(self.conn(), entity, uuid) {
                Ok(fields) => fields.unwrap_or_default(),
                Err(StoreError::Data(_)) => {
                    skipped.push(id);
                    continue;
                }
                Err(e) => return Err(e),
            };
            fields.insert("id".into(), Json::String(id));
            out.push(Json::Object(fields));
        }
        Ok(out)
    }

    /// Every record of the store, the number of ops behind them, and the records that cannot
    /// be read (`unreadable`: entity, id, reason). A row that cannot be read never makes the
    /// dump fail: it is listed there instead (and its fields are dumped when they read as
    /// JSON, so nothing kept is hidden).
    pub fn dump(&self) -> Result<Json> {
        let mut skipped = Vec::new();
        Ok(canonical(json!({
            "format": "keukentafel-dump",
            "schema_version": self.schema_version()?,
            "users": self.records(&schema::USER, None, &mut skipped)?,
            "households": self.records(&schema::HOUSEHOLD, None, &mut skipped)?,
            "consent_events": self.records(&schema::CONSENT, None, &mut skipped)?,
            "visits": self.records(&schema::VISIT, None, &mut skipped)?,
            "answers": self.records(&schema::ANSWER, None, &mut skipped)?,
            "assignments": self.records(&schema::ASSIGNMENT, None, &mut skipped)?,
            "tasks": self.records(&schema::TASK, None, &mut skipped)?,
            "stock_items": self.records(&schema::STOCK_ITEM, None, &mut skipped)?,
            "stock_movements": self.records(&schema::STOCK_MOVEMENT, None, &mut skipped)?,
            "op_count": self.op_count()?,
            "unreadable": self.unreadable_records()?,
        })))
    }

    /// One household's records and the full history of changes to them (for an access
    /// request: "what do you keep about us?"), with those of its records that cannot be read.
    pub fn dump_household(&self, id: keukentafel_domain::HouseholdId) -> Result<Json> {
        let mut skipped = Vec::new();
        let household = self.records(&schema::HOUSEHOLD, Some(("id", &id.to_string())), &mut skipped)?;
        if household.is_empty() {
            return Err(StoreError::NotFound { entity: "household", id: id.to_string() });
        }
        let consents = self.records(&schema::CONSENT, Some(("household_id", &id.to_string())), &mut skipped)?;
        let visits = self.records(&schema::VISIT, Some(("household_id", &id.to_string())), &mut skipped)?;
        let assignments = self.records(&schema::ASSIGNMENT, Some(("household_id", &id.to_string())), &mut skipped)?;
        let tasks = self.records(&schema::TASK, Some(("household_id", &id.to_string())), &mut skipped)?;
        let materials = self.records(&schema::STOCK_MOVEMENT, Some(("household_id", &id.to_string())), &mut skipped)?;
        let mut answers = Vec::new();
        for v in &visits {
            answers.extend(self.records(&schema::ANSWER, Some(("visit_id", v["id"].as_str().unwrap_or_default())), &mut skipped)?);
        }
        let mut ids: BTreeSet<String> =
            household
            .iter()
            .chain(&consents)
            .chain(&visits)
            .chain(&answers)
            .chain(&assignments)
            .chain(&tasks)
            .chain(&materials)
            .filter_map(|r| r["id"].as_str().map(str::to_owned)).collect();
        ids.extend(skipped);
        let history: Vec<Json> = all_ops(self.conn())?
            .into_iter()
            .filter(|op| ids.contains(&op.entity_id.to_string()))
            .map(|op| serde_json::to_value(op).map_err(StoreError::from))
            .collect::<Result<_>>()?;
        let unreadable: Vec<Unreadable> = self.unreadable_records()?.into_iter().filter(|u| ids.contains(&u.id)).collect();
        Ok(canonical(json!({
            "format": "keukentafel-household-dump",
            "schema_version": self.schema_version()?,
            "household": household[0],
            "consent_events": consents,
            "visits": visits,
            "answers": answers,
            "assignments": assignments,
            "tasks": tasks,
            "materials": materials,
            "history": history,
            "unreadable": unreadable,
        })))
    }
}
