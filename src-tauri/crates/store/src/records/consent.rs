//! Consent events of a household. Append-only: giving and withdrawing consent are each a new
//! event; the current consent is derived from them (`keukentafel_domain::consent::current`).
//!
//! Uses: `super` (record helpers), `error`, `schema`, `tables`, `store`. Reads the local user's
//! name through `Store::profile`.

use chrono::NaiveDate;
use keukentafel_domain::{validate, ConsentEvent, ConsentId, ConsentInput, HouseholdId};
use serde_json::Value as Json;

use super::{fields_of, not_found, read_record, require, unreadable, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::field_clocks;

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
        let (c, fields) =
            read_record::<ConsentInput>(&self.conn, &schema::CONSENT, id.0)?.ok_or_else(|| not_found("consent", id))?;
        let recorded_at = field_clocks(&self.conn, &schema::CONSENT, id.0)?
            .into_values()
            .min()
            .ok_or_else(|| unreadable(&schema::CONSENT, id, "it has no ops"))?;
        Ok(ConsentEvent {
            id,
            household_id: c.household_id,
            scope: c.scope,
            given: c.given,
            text_version: c.text_version,
            date: c.date,
            recorded_by: fields.get("recorded_by").and_then(Json::as_str).unwrap_or_default().to_owned(),
            recorded_at,
        })
    }

    /// A household's consent events, in id order; events that cannot be read are left out.
    pub(super) fn consent_events(&self, household: HouseholdId) -> Result<Vec<ConsentEvent>> {
        let mut out = Vec::new();
        for id in self.ids_for(&schema::CONSENT, household)? {
            match self.consent_event(ConsentId(id)) {
                Ok(event) => out.push(event),
                Err(StoreError::Unreadable { .. } | StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
