//! Checklist answers of a visit. Each answer is one record (entity `answer`) whose id is a
//! UUIDv5 of the visit and step ids, so the same step answered on two laptops is the same
//! field in the change log: last writer wins, and a concurrent different answer is a conflict.
//! The visit records the template id and version it was carried out with, so it stays readable
//! after a newer template ships.
//!
//! Uses: `error`, `schema`, `tables`, `store`. Reads the local user's name and the visit
//! through `Store::profile` and `Store::visit`.

use std::collections::BTreeMap;

use keukentafel_domain::{HouseholdId, VisitId};
use rusqlite::params;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::read_fields;

/// Namespace for answer ids (UUIDv5 of `visit id + "/" + step id`).
const ANSWER_NAMESPACE: Uuid = Uuid::from_u128(0x6b65_756b_656e_7461_6665_6c61_6e73_7772);

pub fn answer_id(visit: VisitId, step: &str) -> Uuid {
    Uuid::new_v5(&ANSWER_NAMESPACE, format!("{visit}/{step}").as_bytes())
}

/// A visit's answers as the checklist engine reads them.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct VisitAnswers {
    pub template_id: String,
    pub template_version: i64,
    /// Step id → answer value.
    pub answers: BTreeMap<String, Json>,
    /// Step id → name of the volunteer who gave the current answer.
    pub answered_by: BTreeMap<String, String>,
}

impl Store {
    /// Fixes the template a visit is carried out with (once, when the checklist starts).
    pub fn set_visit_template(&mut self, visit: VisitId, template_id: &str, version: i64) -> Result<()> {
        self.write(|w| {
            if read_fields(&w.tx, &schema::VISIT, visit.0)?.is_none() {
                return Err(StoreError::NotFound { entity: "visit", id: visit.to_string() });
            }
            let mut f = Map::new();
            f.insert("template_id".into(), Json::String(template_id.to_owned()));
            f.insert("template_version".into(), Json::from(version));
            w.set(&schema::VISIT, visit.0, &f, &BTreeMap::new())?;
            Ok(())
        })
    }

    /// Records one answer (saved the moment it is given). `Json::Null` clears it.
    /// Saves one answer; `by` is the volunteer who gave it (default: this installation's user).
    pub fn set_answer(&mut self, visit: VisitId, step: &str, value: Json, by: Option<String>) -> Result<()> {
        let own = self.profile()?.map(|p| p.name).ok_or(StoreError::NoProfile)?;
        let by = by.unwrap_or(own);
        self.write(|w| {
            if read_fields(&w.tx, &schema::VISIT, visit.0)?.is_none() {
                return Err(StoreError::NotFound { entity: "visit", id: visit.to_string() });
            }
            let mut f = Map::new();
            f.insert("visit_id".into(), Json::String(visit.to_string()));
            f.insert("step_id".into(), Json::String(step.to_owned()));
            f.insert("value".into(), value);
            f.insert("answered_by".into(), Json::String(by));
            w.set(&schema::ANSWER, answer_id(visit, step), &f, &BTreeMap::new())?;
            Ok(())
        })
    }

    pub fn visit_answers(&self, visit: VisitId) -> Result<VisitAnswers> {
        let v = read_fields(&self.conn, &schema::VISIT, visit.0)?
            .ok_or_else(|| StoreError::NotFound { entity: "visit", id: visit.to_string() })?;
        let mut stmt =
            self.conn.prepare_cached("SELECT step_id, value, answered_by FROM answers WHERE visit_id = ?1 ORDER BY step_id")?;
        let rows = stmt.query_map(params![visit.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        let (mut answers, mut answered_by) = (BTreeMap::new(), BTreeMap::new());
        for row in rows {
            let (step, value, by) = row?;
            // An answer whose stored value is not JSON cannot be read: left out, and reported by
            // `unreadable_records`; the visit's other answers still count.
            let Ok(value) = serde_json::from_str::<Json>(&value) else { continue };
            if !value.is_null() {
                answers.insert(step.clone(), value);
                answered_by.insert(step, by);
            }
        }
        Ok(VisitAnswers {
            template_id: v.get("template_id").and_then(Json::as_str).unwrap_or_default().to_owned(),
            template_version: v.get("template_version").and_then(Json::as_i64).unwrap_or(0),
            answers,
            answered_by,
        })
    }

    /// The household a visit belongs to.
    pub fn visit_household(&self, visit: VisitId) -> Result<HouseholdId> {
        Ok(self.visit(visit)?.data.household_id)
    }
}
