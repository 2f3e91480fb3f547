//! What the municipal report (`api::report`) counts, read in SQL: per household in the store its
//! wijk and first done visit, the done visits of a period, the follow-up visits of a period, the
//! referrals made at the visits of a period with their outcome, and the materials handed out in
//! a period. Only ids, dates, kinds and statuses leave this module: no names, addresses or free
//! text (the report is anonymous by construction).
//!
//! Archived visits and tasks are left out here; the caller keeps only the households of its
//! selection (not archived), so no statement joins `households` per row. A period is `[?1,
//! ?2]`, both days included (`YYYY-MM-DD`). Each statement reads each table once: visits by
//! ranges of the `visits_by_status` index, tasks joined to their visit by primary key.
//!
//! Each read returns the statistical residue of erased households (`crate::residue`, migration
//! 0013) beside the live rows, under the residue's own ids, so the report counts an erased
//! household as it did before the erasure. A residue visit that carries figures has
//! [`RESIDUE_TEMPLATE`] as its template; its figures come from [`Store::residue_visit_figures`].
//!
//! Uses: `super` (`iso`, `row_id`), `error`, `store`, `residue`.

use chrono::NaiveDate;
use keukentafel_domain::{HouseholdId, StockItemId, TaskStatus, VisitId, VisitKind, VisitStatus};

use super::{iso, row_id};
use crate::error::StoreError;
use crate::residue::RESIDUE_TEMPLATE;
use crate::store::{Result, Store};

/// A household that is not archived, and its wijk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportHousehold {
    pub id: HouseholdId,
    pub wijk: String,
}

/// A visit dated in the period (of any household: the caller selects).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportVisit {
    pub id: VisitId,
    pub household_id: HouseholdId,
    pub kind: VisitKind,
    pub status: VisitStatus,
    pub date: NaiveDate,
    /// The template its checklist uses (empty: never opened, so no answers) and its version.
    /// Shared between the visits of one template (a report reads a hundred thousand).
    pub template_id: std::sync::Arc<str>,
    pub template_version: i64,
}

/// A referral task made at a visit (which the caller looks up among the visits it read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportReferral {
    pub household_id: HouseholdId,
    /// The checklist step it came from: the kind of referral.
    pub step_id: String,
    pub status: TaskStatus,
    /// The visit it was made at.
    pub visit_id: VisitId,
    pub closed_on: Option<NaiveDate>,
}

/// What the report counts of one household ([`Store::report_inputs_of`]), for its residue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdReportInputs {
    pub wijk: String,
    /// Done and planned visits of any date, by date (and id).
    pub visits: Vec<ReportVisit>,
    /// Referral tasks made at one of `visits`.
    pub referrals: Vec<ReportReferral>,
}

/// Materials handed out to a household in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportMaterial {
    pub household_id: HouseholdId,
    pub item_id: StockItemId,
    /// The measure the item is (empty for an item the coordinator added).
    pub measure: String,
    /// The item's name as the coordinator saved it (empty when it has no record yet).
    pub name: String,
    pub quantity: u32,
    pub unit_cost_cents: u32,
}

pub(crate) const HOUSEHOLDS: &str = "SELECT id, wijk FROM households WHERE archived = 0";

/// Done and planned visits from `?1` to `?2`: two ranges of `visits_by_status` (migration 0012),
/// read from the index alone. The report reads every done visit from the first one on (a
/// household's first visit, a follow-up's first reading) and the planned follow-ups of the
/// period; a cancelled visit counts nowhere, so it is not read. Sorted by the caller.
pub(crate) const VISITS: &str = "
SELECT id, household_id, kind, status, planned_date, template_id, template_version FROM visits
 WHERE status IN ('done', 'planned') AND planned_date >= ?1 AND planned_date <= ?2 AND archived = 0";

/// Referral tasks (the caller matches them to the visits it read).
pub(crate) const REFERRALS: &str = "
SELECT household_id, step_id, status, visit_id, closed_on FROM tasks
 WHERE kind = 'referral' AND archived = 0 AND visit_id IS NOT NULL";

/// VISITS and REFERRALS of one household (`?1`), for its residue: its few rows, found by the
/// household indexes (`visits_household`, `tasks_household`).
pub(crate) const VISITS_OF: &str = "
SELECT id, household_id, kind, status, planned_date, template_id, template_version FROM visits
 WHERE household_id = ?1 AND status IN ('done', 'planned') AND archived = 0";
pub(crate) const REFERRALS_OF: &str = "
SELECT household_id, step_id, status, visit_id, closed_on FROM tasks
 WHERE household_id = ?1 AND kind = 'referral' AND archived = 0 AND visit_id IS NOT NULL";

/// Movements handed out in a period; their items are read apart (`ITEMS`).
pub(crate) const MATERIALS: &str = "
SELECT household_id, item_id, -delta FROM stock_movements
 WHERE kind = 'handed_out' AND date >= ?1 AND date <= ?2 AND household_id IS NOT NULL";

/// The residue's households, visits, referrals and materials (migration 0014): small tables,
/// read whole except the materials of a period (`residue_materials_by_date`).
pub(crate) const RESIDUE_HOUSEHOLDS: &str = "SELECT id, wijk FROM residue_households";
pub(crate) const RESIDUE_VISITS: &str = "
SELECT id, household, kind, status, date, figures IS NOT NULL FROM residue_visits WHERE date >= ?1 AND date <= ?2";
pub(crate) const RESIDUE_REFERRALS: &str = "SELECT household, step_id, status, visit, closed_on FROM residue_referrals";
pub(crate) const RESIDUE_MATERIALS: &str = "
SELECT household, item_id, quantity FROM residue_materials WHERE date >= ?1 AND date <= ?2";

pub(crate) const ITEMS: &str = "SELECT id, measure, name, unit_cost_cents FROM stock_items";

fn data(e: impl std::fmt::Display) -> StoreError {
    StoreError::Data(e.to_string())
}

fn named<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| data(format!("{what}: unknown value {s:?}")))
}

/// A `YYYY-MM-DD` date. Read by hand: the report reads one per visit, and a format string
/// costs more than the rest of the row.
fn day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

impl Store {
    /// Every household that is not archived, with its wijk (and the residue's households).
    pub fn report_households(&self) -> Result<Vec<ReportHousehold>> {
        let mut out = Vec::new();
        for sql in [HOUSEHOLDS, RESIDUE_HOUSEHOLDS] {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (id, wijk) = row?;
                let Some(id) = row_id(&id) else { continue };
                out.push(ReportHousehold { id: HouseholdId(id), wijk });
            }
        }
        Ok(out)
    }

    /// Done and planned visits (cancelled ones never count) dated from `from` to `to`, both
    /// included, in no order. Read without copying each text first: this is the report's
    /// largest read.
    pub fn report_visits(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ReportVisit>> {
        let mut out = Vec::new();
        // The few template ids, each allocated once.
        let mut templates: Vec<std::sync::Arc<str>> = Vec::new();
        let (from, to) = (iso(from), iso(to));
        self.read_report_visits(VISITS, [from.as_str(), to.as_str()], &mut templates, &mut out)?;
        self.read_report_visits(RESIDUE_VISITS, [from.as_str(), to.as_str()], &mut templates, &mut out)?;
        Ok(out)
    }

    /// The rows of `sql` (VISITS or VISITS_OF, or RESIDUE_VISITS whose last column says
    /// whether it has figures) as report visits.
    fn read_report_visits(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        templates: &mut Vec<std::sync::Arc<str>>,
        out: &mut Vec<ReportVisit>,
    ) -> Result<()> {
        let residue = sql == RESIDUE_VISITS;
        let mut stmt = self.conn().prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        while let Some(r) = rows.next()? {
            let uuid = |i: usize| -> Result<Option<uuid::Uuid>> { Ok(row_id(r.get_ref(i)?.as_str().map_err(data)?)) };
            let (Some(id), Some(household)) = (uuid(0)?, uuid(1)?) else { continue };
            let Some(date) = day(r.get_ref(4)?.as_str().map_err(data)?) else { continue };
            let kind = match r.get_ref(2)?.as_str().map_err(data)? {
                "intake" => VisitKind::Intake,
                "combined" => VisitKind::Combined,
                "follow_up" => VisitKind::FollowUp,
                other => return Err(data(format!("visit kind: unknown value {other:?}"))),
            };
            let status = match r.get_ref(3)?.as_str().map_err(data)? {
                "planned" => VisitStatus::Planned,
                "done" => VisitStatus::Done,
                "cancelled" => VisitStatus::Cancelled,
                other => return Err(data(format!("visit status: unknown value {other:?}"))),
            };
            out.push(ReportVisit {
                id: VisitId(id),
                household_id: HouseholdId(household),
                kind,
                status,
                date,
                template_id: {
                    let t = if !residue {
                        r.get_ref(5)?.as_str().map_err(data)?
                    } else if r.get::<_, bool>(5)? {
                        RESIDUE_TEMPLATE
                    } else {
                        ""
                    };
                    match templates.iter().find(|k| &***k == t) {
                        Some(k) => k.clone(),
                        None => {
                            templates.push(std::sync::Arc::from(t));
                            templates[templates.len() - 1].clone()
                        }
                    }
                },
                template_version: if residue { 0 } else { r.get(6)? },
            });
        }
        Ok(())
    }

    /// Every referral task made at a visit (not archived), and the residue's.
    pub fn report_referrals(&self) -> Result<Vec<ReportReferral>> {
        let mut out = Vec::new();
        self.read_report_referrals(REFERRALS, [], &mut out)?;
        self.read_report_referrals(RESIDUE_REFERRALS, [], &mut out)?;
        Ok(out)
    }

    fn read_report_referrals(&self, sql: &str, params: impl rusqlite::Params, out: &mut Vec<ReportReferral>) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?))
        })?;
        for row in rows {
            let (household, step_id, status, visit, closed_on) = row?;
            let (Some(household), Some(visit)) = (row_id(&household), row_id(&visit)) else { continue };
            out.push(ReportReferral {
                household_id: HouseholdId(household),
                step_id,
                status: named("task status", &status)?,
                visit_id: VisitId(visit),
                closed_on: closed_on.as_deref().and_then(day),
            });
        }
        Ok(())
    }

    /// Materials handed out from `from` to `to` (in households, and in the residue's), with the
    /// item's measure, name and cost.
    pub fn report_materials(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ReportMaterial>> {
        let mut items: std::collections::HashMap<String, (String, String, u32)> = std::collections::HashMap::new();
        {
            let mut stmt = self.conn().prepare_cached(ITEMS)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?)))?;
            for row in rows {
                let (id, measure, name, cost) = row?;
                items.insert(id, (measure, name, u32::try_from(cost.max(0)).unwrap_or(u32::MAX)));
            }
        }
        let mut out = Vec::new();
        for sql in [MATERIALS, RESIDUE_MATERIALS] {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let mut rows = stmt.query([iso(from), iso(to)])?;
            while let Some(r) = rows.next()? {
                let household = r.get_ref(0)?.as_str().map_err(data)?;
                let item = r.get_ref(1)?.as_str().map_err(data)?;
                let quantity: i64 = r.get(2)?;
                let (Some(household_id), Some(item_id)) = (row_id(household), row_id(item)) else { continue };
                let (measure, name, unit_cost_cents) = items.get(item).cloned().unwrap_or_default();
                out.push(ReportMaterial {
                    household_id: HouseholdId(household_id),
                    item_id: StockItemId(item_id),
                    measure,
                    name,
                    quantity: u32::try_from(quantity.max(0)).unwrap_or(u32::MAX),
                    unit_cost_cents,
                });
            }
        }
        Ok(out)
    }

    /// The residue's figures of its visits (`crate::residue`): visit → the cache's JSON.
    pub fn residue_visit_figures(&self) -> Result<std::collections::HashMap<VisitId, String>> {
        let mut stmt = self.conn().prepare_cached("SELECT id, figures FROM residue_visits WHERE figures IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (id, figures) = row?;
            if let Some(id) = row_id(&id) {
                out.insert(VisitId(id), figures);
            }
        }
        Ok(out)
    }

    /// What the report counts of one household, to keep as its residue when it is erased:
    /// its wijk, its done and planned visits of any date, and its referral tasks made at one of
    /// them (archived ones left out, as the report leaves them out). `None` when the household
    /// is archived (the report never counts it) or not held here.
    pub fn report_inputs_of(&self, household: HouseholdId) -> Result<Option<HouseholdReportInputs>> {
        let h = household.to_string();
        let wijk: Option<String> = rusqlite::OptionalExtension::optional(self.conn().query_row(
            "SELECT wijk FROM households WHERE id = ?1 AND archived = 0",
            [&h],
            |r| r.get(0),
        ))?;
        let Some(wijk) = wijk else { return Ok(None) };
        let mut visits = Vec::new();
        self.read_report_visits(VISITS_OF, [h.as_str()], &mut Vec::new(), &mut visits)?;
        visits.sort_by_key(|v| (v.date, v.id));
        let mut referrals = Vec::new();
        self.read_report_referrals(REFERRALS_OF, [h.as_str()], &mut referrals)?;
        referrals.retain(|r| visits.iter().any(|v| v.id == r.visit_id));
        Ok(Some(HouseholdReportInputs { wijk, visits, referrals }))
    }

    /// The cached key figures of visits (`visit_figures`, migrations 0010 and 0015): (visit,
    /// the version they were made with, their bytes, which only the caller reads). Local and
    /// derived; see the migrations.
    pub fn cached_visit_figures(&self) -> Result<Vec<(VisitId, String, Vec<u8>)>> {
        let mut stmt = self.conn().prepare_cached("SELECT visit_id, version, figures FROM visit_figures")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let Some(id) = row_id(r.get_ref(0)?.as_str().map_err(data)?) else { continue };
            // A row another version wrote as text is made again (its version differs too).
            let Ok(figures) = r.get_ref(2)?.as_blob() else { continue };
            out.push((VisitId(id), r.get(1)?, figures.to_vec()));
        }
        Ok(out)
    }

    /// Stores visits' key figures in the cache, replacing older rows, in one transaction.
    pub fn cache_visit_figures(&mut self, rows: &[(VisitId, HouseholdId, String, Vec<u8>)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO visit_figures (visit_id, household_id, version, figures) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (visit, household, version, figures) in rows {
                stmt.execute(rusqlite::params![visit.to_string(), household.to_string(), version, figures])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::day;
    use chrono::NaiveDate;

    #[test]
    fn a_day_is_read_as_chrono_reads_it_but_only_in_full() {
        for s in ["2026-11-23", "2024-02-29", "2023-02-29", "2026-13-01", "20261-1-01", "2026-11-2x", "", "0001-01-01"] {
            assert_eq!(day(s), NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(), "{s}");
        }
        // Stricter than chrono: exactly `YYYY-MM-DD` (as every stored date is written).
        assert_eq!(day("+026-11-23"), None);
        assert_eq!(day("2026-1-01"), None);
    }
}
