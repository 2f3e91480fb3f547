//! Consent events of a household. Append-only: giving and withdrawing consent are each a new
//! event; the current consent is derived from them (`keukentafel_domain::consent::current`).
//!
//! Uses: `super` (record helpers), `error`, `schema`, `tables`, `store`. Reads the local user's
//! name through `Store::profile`.

use chrono::NaiveDate;
use keukentafel_domain::{validate, ConsentEvent, ConsentId, ConsentInput, HouseholdId};
use serde_json::Value as Json;

use super::{fields_of, not_found, require, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::{field_clocks, read_fields};

impl Store {
    /// Records one consent event (append-only: a withdrawal is a new event).
    pub fn record_consent(&mut self, input: ConsentInput, today: NaiveDate) -> Result<ConsentEvent> {
        let input = validate::consent(input, today)?;
        let recorded_by = self.profile()?.map(|p| p.name).ok_or(StoreError::NoProfile)?;
        let id = self.write(|w| {
            require(w, &schema::HOUSEHOLD, input.household_id.0)?;
            let id = w.new_id();
            let mut f = fields_of(&input)?;
            f.insert("recorded_by".into(), Json::String(recorded_by));
            w.set(&schema::CONSENT, id, &f, NO_BASE)?;
            Ok(ConsentId(id))
        })?;
        self.consent_event(id)
    }

    fn consent_event(&self, id: ConsentId) -> Result<ConsentEvent> {
        let f = read_fields(&self.conn, &schema::CONSENT, id.0)?.ok_or_else(|| not_found("consent", id))?;
        let recorded_at = field_clocks(&self.conn, &schema::CONSENT, id.0)?
            .into_values()
            .min()
            .ok_or_else(|| StoreError::Data(format!("consent {id} has no ops")))?;
        let text = |k: &str| f.get(k).and_then(Json::as_str).unwrap_or_default().to_owned();
        Ok(ConsentEvent {
            id,
            household_id: text("household_id").parse().map_err(|_| StoreError::Data("consent.household_id".into()))?,
            scope: serde_json::from_value(f.get("scope").cloned().unwrap_or_default())?,
            given: f.get("given").and_then(Json::as_bool).unwrap_or(false),
            text_version: text("text_version"),
            date: NaiveDate::parse_from_str(&text("date"), "%Y-%m-%d").map_err(|e| StoreError::Data(e.to_string()))?,
            recorded_by: text("recorded_by"),
            recorded_at,
        })
    }

    /// A household's consent events, in id order.
    pub(super) fn consent_events(&self, household: HouseholdId) -> Result<Vec<ConsentEvent>> {
        self.ids_for(&schema::CONSENT, household)?.into_iter().map(|id| self.consent_event(ConsentId(id))).collect()
    }
}
