//! Households: creating, editing and archiving them, one household with its consent events
//! and visits, and the searchable list.
//!
//! Uses: `super` (record helpers), `error`, `schema`, `tables`, `store`. Reads consent events
//! and visits through `Store` methods (`consent_events`, `visit`).

use chrono::NaiveDate;
use keukentafel_domain::{
    consent, validate, Household, HouseholdDetail, HouseholdId, HouseholdInput, HouseholdQuery, HouseholdSummary,
    HouseholdUpdate, Visit, VisitId,
};
use rusqlite::params;
use serde_json::{Map, Value as Json};

use super::{fields_of, iso, not_found, read_record, require, row_id, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::field_clocks;

/// The household list (`?1` the search pattern, `?3` today, `?4` archived ones too). Two
/// statements, with and without the wijk (`?2`), so that the wijk filter seeks its index
/// (`households_wijk`) instead of an `?2 IS NULL OR …` that makes SQLite read every household.
macro_rules! household_list {
    ($wijk:literal) => {
        concat!(
            "SELECT h.id, h.archived,
                    (SELECT MIN(v.planned_date) FROM visits v
                      WHERE v.household_id = h.id AND v.status = 'planned' AND v.archived = 0
                        AND v.planned_date >= ?3)
               FROM households h
              WHERE (?4 OR h.archived = 0) AND ",
            $wijk,
            "
                AND (lower(h.name) LIKE ?1 ESCAPE '\\' OR lower(h.street_address) LIKE ?1 ESCAPE '\\'
                     OR lower(replace(h.postcode, ' ', '')) LIKE replace(?1, ' ', '') ESCAPE '\\'
                     OR lower(h.city) LIKE ?1 ESCAPE '\\' OR lower(h.wijk) LIKE ?1 ESCAPE '\\')
              ORDER BY h.name COLLATE NOCASE, h.id"
        )
    };
}
pub(crate) const LIST: &str = household_list!("?2 = ?2");
pub(crate) const LIST_IN_WIJK: &str = household_list!("h.wijk = ?2");

impl Store {
    pub fn create_household(&mut self, input: HouseholdInput) -> Result<Household> {
        let input = validate::household(input)?;
        let id = self.write(|w| {
            let id = w.new_id();
            w.set(&schema::HOUSEHOLD, id, &fields_of(&input)?, NO_BASE)?;
            Ok(HouseholdId(id))
        })?;
        self.household(id)
    }

    /// Changes the fields that differ; `base` holds the clocks of the values the editor saw.
    pub fn update_household(&mut self, update: HouseholdUpdate) -> Result<Household> {
        let data = validate::household(update.data)?;
        self.write(|w| {
            require(w, &schema::HOUSEHOLD, update.id.0)?;
            w.set(&schema::HOUSEHOLD, update.id.0, &fields_of(&data)?, &update.base)
        })?;
        self.household(update.id)
    }

    /// Archives (or brings back) a household. Records are never deleted.
    pub fn set_household_archived(&mut self, id: HouseholdId, archived: bool) -> Result<Household> {
        self.write(|w| {
            require(w, &schema::HOUSEHOLD, id.0)?;
            let mut f = Map::new();
            f.insert("archived".into(), Json::Bool(archived));
            w.set(&schema::HOUSEHOLD, id.0, &f, NO_BASE)
        })?;
        self.household(id)
    }

    /// One household; [`StoreError::Unreadable`] when its row does not read as a household.
    pub fn household(&self, id: HouseholdId) -> Result<Household> {
        let (data, fields) =
            read_record::<HouseholdInput>(&self.conn, &schema::HOUSEHOLD, id.0)?.ok_or_else(|| not_found("household", id))?;
        Ok(Household {
            id,
            data,
            archived: fields.get("archived").and_then(Json::as_bool).unwrap_or(false),
            clocks: field_clocks(&self.conn, &schema::HOUSEHOLD, id.0)?,
        })
    }

    /// The households that match `q`, by name. A household whose row cannot be read is left
    /// out (`Store::unreadable_records` reports it), so the list always shows the others.
    pub fn list_households(&self, q: &HouseholdQuery, today: NaiveDate) -> Result<Vec<HouseholdSummary>> {
        let pattern = format!(
            "%{}%",
            q.search.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
        );
        let wijk = q.wijk.as_deref().filter(|w| !w.is_empty());
        let mut stmt = self.conn.prepare_cached(if wijk.is_some() { LIST_IN_WIJK } else { LIST })?;
        let rows = stmt.query_map(params![pattern, wijk.unwrap_or_default(), iso(today), q.include_archived], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?, r.get::<_, Option<String>>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, archived, next) = row?;
            let Some(id) = row_id(&id) else { continue };
            let h = match read_record::<HouseholdInput>(&self.conn, &schema::HOUSEHOLD, id) {
                Ok(Some((h, _))) => h,
                Ok(None) | Err(StoreError::Unreadable { .. }) => continue,
                Err(e) => return Err(e),
            };
            out.push(HouseholdSummary {
                id: HouseholdId(id),
                name: h.name,
                street_address: h.street_address,
                postcode: h.postcode,
                city: h.city,
                wijk: h.wijk,
                under_bewind: h.under_bewind,
                archived,
                next_visit: next.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            });
        }
        Ok(out)
    }

    /// The wijken in use, for the filter.
    pub fn wijken(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT wijk FROM households WHERE wijk <> '' AND archived = 0 ORDER BY wijk COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The household page. Its consent events and visits that cannot be read are left out (and
    /// reported by `Store::unreadable_records`); a household whose own row cannot be read is
    /// [`StoreError::Unreadable`].
    pub fn household_detail(&self, id: HouseholdId) -> Result<HouseholdDetail> {
        let household = self.household(id)?;
        let mut consent_events = self.consent_events(id)?;
        consent_events.sort_by_key(|e| std::cmp::Reverse((e.date, e.recorded_at)));
        let mut visits: Vec<Visit> = Vec::new();
        for v in self.ids_for(&schema::VISIT, id)? {
            match self.visit(VisitId(v)) {
                Ok(visit) => visits.push(visit),
                Err(StoreError::Unreadable { .. } | StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        visits.sort_by(|a, b| {
            (b.data.planned_date, &b.data.planned_time, b.id).cmp(&(a.data.planned_date, &a.data.planned_time, a.id))
        });
        Ok(HouseholdDetail { consent: consent::current(&consent_events), household, consent_events, visits })
    }
}
