//! Households: creating, editing and archiving them, one household with its consent events
//! and visits, and the searchable list.
//!
//! Uses: `super` (record helpers), `error`, `schema`, `tables`, `store`. Reads consent events
//! and visits through `Store` methods (`consent_events`, `visit`).

use chrono::NaiveDate;
use keukentafel_domain::{
    consent, validate, Household, HouseholdDetail, HouseholdId, HouseholdInput, HouseholdPage, HouseholdQuery, HouseholdSummary,
    HouseholdUpdate, Visit, VisitId,
};
use rusqlite::params;
use serde_json::{Map, Value as Json};

use super::{fields_of, iso, not_found, read_record, require, row_id, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::field_clocks;

/// Which households the list shows (`?1` the search pattern, `?4` archived ones too), with
/// and without the wijk (`?2`): two statements each, so that the wijk filter seeks its index
/// instead of an `?2 IS NULL OR …` that makes SQLite read every household.
macro_rules! household_filter {
    ($wijk:literal) => {
        concat!(
            "(?4 OR h.archived = 0) AND ",
            $wijk,
            "
                AND (lower(h.name) LIKE ?1 ESCAPE '\\' OR lower(h.street_address) LIKE ?1 ESCAPE '\\'
                     OR lower(replace(h.postcode, ' ', '')) LIKE replace(?1, ' ', '') ESCAPE '\\'
                     OR lower(h.city) LIKE ?1 ESCAPE '\\' OR lower(h.wijk) LIKE ?1 ESCAPE '\\')"
        )
    };
}

/// One page of the list (`?3` today, `?5` at most this many rows, `?6` skipping this many; a
/// limit of -1 is no limit), in name order: the order of the index `households_list` (or
/// `households_list_wijk`), so a page reads its rows from the index instead of sorting every
/// household first. The index holds every column the filter reads, so paging and counting
/// never read the table; only the rows of the page are read as records. Each row's next visit
/// seeks the household's visits (`+v.status`: not every planned visit from today on through
/// `visits_by_status`, which SQLite would otherwise pick, once per row).
macro_rules! household_page {
    ($wijk:literal) => {
        concat!(
            "SELECT h.id, h.archived,
                    (SELECT MIN(v.planned_date) FROM visits v
                      WHERE v.household_id = h.id AND +v.status = 'planned' AND v.archived = 0
                        AND v.planned_date >= ?3)
               FROM households h
              WHERE ",
            household_filter!($wijk),
            "
              ORDER BY h.name COLLATE NOCASE, h.id
              LIMIT ?5 OFFSET ?6"
        )
    };
}

/// How many households match (with the page's first four parameters; `?3` is not used).
macro_rules! household_count {
    ($wijk:literal) => {
        concat!("SELECT count(*) FROM households h WHERE ", household_filter!($wijk))
    };
}

pub(crate) const PAGE: &str = household_page!("?2 = ?2");
pub(crate) const PAGE_IN_WIJK: &str = household_page!("h.wijk = ?2");
pub(crate) const COUNT: &str = household_count!("?2 = ?2");
pub(crate) const COUNT_IN_WIJK: &str = household_count!("h.wijk = ?2");

/// The search pattern (`%text%`, with `\`, `%` and `_` escaped) and the wijk, if one is chosen.
fn list_params(q: &HouseholdQuery) -> (String, Option<&str>) {
    let pattern = format!(
        "%{}%",
        q.search.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
    );
    (pattern, q.wijk.as_deref().filter(|w| !w.is_empty()))
}

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
        Ok(self.page_rows(q, today, -1, 0)?.into_iter().flatten().collect())
    }

    /// The households that match `q` from `offset` on, at most `limit` of them, in the order of
    /// [`Store::list_households`], and how many match in all. A household whose row cannot be
    /// read is `None` in its place, so that every page starts where the count says.
    pub fn household_page(&self, q: &HouseholdQuery, today: NaiveDate, offset: u32, limit: u32) -> Result<HouseholdPage> {
        let (pattern, wijk) = list_params(q);
        let total: i64 = self.conn.prepare_cached(if wijk.is_some() { COUNT_IN_WIJK } else { COUNT })?.query_row(
            params![pattern, wijk.unwrap_or_default(), iso(today), q.include_archived],
            |r| r.get(0),
        )?;
        let rows = self.page_rows(q, today, i64::from(limit), i64::from(offset))?;
        Ok(HouseholdPage { total: u32::try_from(total).unwrap_or(u32::MAX), offset, rows })
    }

    fn page_rows(&self, q: &HouseholdQuery, today: NaiveDate, limit: i64, offset: i64) -> Result<Vec<Option<HouseholdSummary>>> {
        let (pattern, wijk) = list_params(q);
        let mut stmt = self.conn.prepare_cached(if wijk.is_some() { PAGE_IN_WIJK } else { PAGE })?;
        let rows = stmt.query_map(
            params![pattern, wijk.unwrap_or_default(), iso(today), q.include_archived, limit, offset],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?, r.get::<_, Option<String>>(2)?)),
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, archived, next) = row?;
            let Some(id) = row_id(&id) else {
                out.push(None);
                continue;
            };
            let h = match read_record::<HouseholdInput>(&self.conn, &schema::HOUSEHOLD, id) {
                Ok(Some((h, _))) => h,
                Ok(None) | Err(StoreError::Unreadable { .. }) => {
                    out.push(None);
                    continue;
                }
                Err(e) => return Err(e),
            };
            out.push(Some(HouseholdSummary {
                id: HouseholdId(id),
                name: h.name,
                street_address: h.street_address,
                postcode: h.postcode,
                city: h.city,
                wijk: h.wijk,
                under_bewind: h.under_bewind,
                archived,
                next_visit: next.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            }));
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
