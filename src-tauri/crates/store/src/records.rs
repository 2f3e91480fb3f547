//! The store's commands and queries for users, households, consent and visits. Each write
//! validates first (domain rules), then sets fields through the change log.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keukentafel_domain::{consent, validate, *};
use rusqlite::params;
use serde::Serialize;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::ops::{field_clocks, read_fields, Writer};
use crate::schema::{self, Entity};
use crate::{iso, Result, Store, StoreError};

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

fn require(w: &Writer<'_>, entity: &'static Entity, id: Uuid) -> Result<Map<String, Json>> {
    read_fields(&w.tx, entity, id)?.ok_or_else(|| not_found(entity.name, id))
}

const NO_BASE: &BTreeMap<String, Hlc> = &BTreeMap::new();

impl Store {
    // ---- the local user -------------------------------------------------------------------

    pub fn profile(&self) -> Result<Option<UserProfile>> {
        let Some(id) = self.profile_id()? else { return Ok(None) };
        let fields = read_fields(&self.conn, &schema::USER, id.0)?.ok_or_else(|| not_found("user", id))?;
        let input: UserProfileInput = serde_json::from_value(Json::Object(fields))?;
        Ok(Some(UserProfile { id, name: input.name, organisation: input.organisation, role: input.role }))
    }

    /// Creates this installation's user on first use; later calls change it.
    pub fn save_profile(&mut self, input: UserProfileInput) -> Result<UserProfile> {
        let input = validate::profile(input)?;
        let existing = self.profile_id()?;
        let id = self.write(|w| {
            let id = match existing {
                Some(id) => id,
                None => {
                    let id = UserId(w.new_id());
                    w.tx.execute("INSERT INTO meta (key, value) VALUES ('profile_user_id', ?1)", [id.to_string()])?;
                    w.set_author(id);
                    id
                }
            };
            w.set(&schema::USER, id.0, &fields_of(&input)?, NO_BASE)?;
            Ok(id)
        })?;
        Ok(UserProfile { id, name: input.name, organisation: input.organisation, role: input.role })
    }

    pub fn app_info(&self, today: NaiveDate) -> Result<AppInfo> {
        Ok(AppInfo {
            store_path: self.path.display().to_string(),
            replica_id: self.replica,
            schema_version: self.schema_version()? as u32,
            profile: self.profile()?,
            consent_text_version: CONSENT_TEXT_VERSION.to_owned(),
            today,
        })
    }

    // ---- households -----------------------------------------------------------------------

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

    pub fn household(&self, id: HouseholdId) -> Result<Household> {
        let fields = read_fields(&self.conn, &schema::HOUSEHOLD, id.0)?.ok_or_else(|| not_found("household", id))?;
        let archived = fields.get("archived").and_then(Json::as_bool).unwrap_or(false);
        Ok(Household {
            id,
            data: serde_json::from_value(Json::Object(fields))?,
            archived,
            clocks: field_clocks(&self.conn, &schema::HOUSEHOLD, id.0)?,
        })
    }

    pub fn list_households(&self, q: &HouseholdQuery, today: NaiveDate) -> Result<Vec<HouseholdSummary>> {
        let pattern = format!(
            "%{}%",
            q.search.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
        );
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.id, h.name, h.street_address, h.postcode, h.city, h.wijk, h.under_bewind, h.archived,
                    (SELECT MIN(v.planned_date) FROM visits v
                      WHERE v.household_id = h.id AND v.status = 'planned' AND v.archived = 0
                        AND v.planned_date >= ?3)
               FROM households h
              WHERE (?4 OR h.archived = 0)
                AND (?2 IS NULL OR h.wijk = ?2)
                AND (lower(h.name) LIKE ?1 ESCAPE '\\' OR lower(h.street_address) LIKE ?1 ESCAPE '\\'
                     OR lower(replace(h.postcode, ' ', '')) LIKE replace(?1, ' ', '') ESCAPE '\\'
                     OR lower(h.city) LIKE ?1 ESCAPE '\\' OR lower(h.wijk) LIKE ?1 ESCAPE '\\')
              ORDER BY h.name COLLATE NOCASE, h.id",
        )?;
        let rows = stmt.query_map(params![pattern, q.wijk.as_deref().filter(|w| !w.is_empty()), iso(today), q.include_archived], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, bool>(6)?,
                r.get::<_, bool>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, street_address, postcode, city, wijk, under_bewind, archived, next) = row?;
            out.push(HouseholdSummary {
                id: id.parse().map_err(|_| StoreError::Data("households.id".into()))?,
                name,
                street_address,
                postcode,
                city,
                wijk,
                under_bewind,
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

    pub fn household_detail(&self, id: HouseholdId) -> Result<HouseholdDetail> {
        let household = self.household(id)?;
        let mut consent_events = self.consent_events(id)?;
        consent_events.sort_by_key(|e| std::cmp::Reverse((e.date, e.recorded_at)));
        let mut visits: Vec<Visit> =
            self.ids_for(&schema::VISIT, id)?.into_iter().map(|v| self.visit(VisitId(v))).collect::<Result<_>>()?;
        visits.sort_by(|a, b| {
            (b.data.planned_date, &b.data.planned_time, b.id).cmp(&(a.data.planned_date, &a.data.planned_time, a.id))
        });
        Ok(HouseholdDetail { consent: consent::current(&consent_events), household, consent_events, visits })
    }

    fn ids_for(&self, entity: &Entity, household: HouseholdId) -> Result<Vec<Uuid>> {
        let sql = format!("SELECT id FROM {} WHERE household_id = ?1 ORDER BY id", entity.table);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([household.to_string()], |r| r.get::<_, String>(0))?;
        rows.map(|r| r?.parse().map_err(|_| StoreError::Data(format!("{}.id", entity.table)))).collect()
    }

    // ---- consent ---------------------------------------------------------------------------

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

    fn consent_events(&self, household: HouseholdId) -> Result<Vec<ConsentEvent>> {
        self.ids_for(&schema::CONSENT, household)?.into_iter().map(|id| self.consent_event(ConsentId(id))).collect()
    }

    // ---- visits ----------------------------------------------------------------------------

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

    pub fn visit(&self, id: VisitId) -> Result<Visit> {
        let fields = read_fields(&self.conn, &schema::VISIT, id.0)?.ok_or_else(|| not_found("visit", id))?;
        let archived = fields.get("archived").and_then(Json::as_bool).unwrap_or(false);
        Ok(Visit {
            id,
            data: serde_json::from_value(Json::Object(fields))?,
            archived,
            clocks: field_clocks(&self.conn, &schema::VISIT, id.0)?,
        })
    }

    /// Planned visits from `today` on, soonest first, for households that are not archived.
    pub fn agenda(&self, today: NaiveDate) -> Result<Vec<AgendaItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, h.name, h.wijk FROM visits v JOIN households h ON h.id = v.household_id
              WHERE v.status = 'planned' AND v.archived = 0 AND h.archived = 0 AND v.planned_date >= ?1
              ORDER BY v.planned_date, v.planned_time, v.id",
        )?;
        let rows = stmt.query_map([iso(today)], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, household_name, wijk) = row?;
            let id = VisitId(id.parse().map_err(|_| StoreError::Data("visits.id".into()))?);
            out.push(AgendaItem { visit: self.visit(id)?, household_name, wijk });
        }
        Ok(out)
    }
}
