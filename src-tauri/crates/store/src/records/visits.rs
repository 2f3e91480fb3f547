//! Visits to a household: planning, editing and archiving them, and reading one. A visit stays
//! with the household it was planned for.
//!
//! Uses: `super` (record helpers), `error`, `schema`, `tables`, `store`.

use chrono::NaiveDate;
use keukentafel_domain::{validate, Rule, ValidationErrors, Visit, VisitId, VisitInput, VisitUpdate};
use serde_json::{Map, Value as Json};

use super::{fields_of, not_found, read_record, require, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::field_clocks;

impl Store {
    pub fn plan_visit(&mut self, input: VisitInput, today: NaiveDate) -> Result<Visit> {
        let input = validate::visit(input, today)?;
        let id = self.write(|w| {
            require(w, &schema::HOUSEHOLD, input.household_id.0)?;
            let id = w.new_id();
            w.set(&schema::VISIT, id, &fields_of(&input)?, NO_BASE)?;
            Ok(VisitId(id))
        })?;
        self.visit(id)
    }

    pub fn update_visit(&mut self, update: VisitUpdate, today: NaiveDate) -> Result<Visit> {
        let data = validate::visit(update.data, today)?;
        self.write(|w| {
            let current = require(w, &schema::VISIT, update.id.0)?;
            if current.get("household_id").and_then(Json::as_str) != Some(data.household_id.to_string().as_str()) {
                return Err(StoreError::Validation(ValidationErrors::one("household_id", Rule::VisitHouseholdFixed)));
            }
            w.set(&schema::VISIT, update.id.0, &fields_of(&data)?, &update.base)
        })?;
        self.visit(update.id)
    }

    pub fn set_visit_archived(&mut self, id: VisitId, archived: bool) -> Result<Visit> {
        self.write(|w| {
            require(w, &schema::VISIT, id.0)?;
            let mut f = Map::new();
            f.insert("archived".into(), Json::Bool(archived));
            w.set(&schema::VISIT, id.0, &f, NO_BASE)
        })?;
        self.visit(id)
    }

    /// One visit; [`StoreError::Unreadable`] when its row does not read as a visit.
    pub fn visit(&self, id: VisitId) -> Result<Visit> {
        let (data, fields) =
            read_record::<VisitInput>(&self.conn, &schema::VISIT, id.0)?.ok_or_else(|| not_found("visit", id))?;
        Ok(Visit {
            id,
            data,
            archived: fields.get("archived").and_then(Json::as_bool).unwrap_or(false),
            clocks: field_clocks(&self.conn, &schema::VISIT, id.0)?,
        })
    }
}
