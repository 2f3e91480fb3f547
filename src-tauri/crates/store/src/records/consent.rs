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
        let mut events = self.record_consents(vec![input], today, None)?;
        events.pop().ok_or_else(|| StoreError::Data("no consent event recorded".into()))
    }

    /// Records several consent events in one transaction (the consent form, or the checklist's
    /// consent step): all or none. `recorded_by` is the volunteer who asked (one of the two at
    /// the table); by default this installation's user.
    pub fn record_consents(
        &mut self,
        inputs: Vec<ConsentInput>,
        today: NaiveDate,
        recorded_by: Option<String>,
    ) -> Result<Vec<ConsentEvent>> {
        let inputs = inputs.into_iter().map(|i| validate::consent(i, today)).collect::<std::result::Result<Vec<_>, _>>()?;
        let own = self.profile()?.map(|p| p.name).ok_or(StoreError::NoProfile)?;
        let recorded_by = recorded_by.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).unwrap_or(own);
        let ids = self.write(|w| {
            let mut ids = Vec::with_capacity(inputs.len());
            for input in &inputs {
                require(w, &schema::HOUSEHOLD, input.household_id.0)?;
                let id = w.new_id();
                let mut f = fields_of(input)?;
                f.insert("recorded_by".into(), Json::String(recorded_by.clone()));
                w.set(&schema::CONSENT, id, &f, NO_BASE)?;
                ids.push(ConsentId(id));
            }
            Ok(ids)
        })?;
        ids.into_iter().map(|id| self.consent_event(id)).collect()
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
    pub fn consent_events(&self, household: HouseholdId) -> Result<Vec<ConsentEvent>> {
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
