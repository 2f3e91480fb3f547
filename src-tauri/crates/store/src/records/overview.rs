//! The coordinator's overview, counted in SQL: where each household stands (see
//! [`HouseholdStatus`] for the exact rules, which the `CASE` in [`CASES`] implements), visits
//! done or planned in a period, open tasks with their owner, the enrolled volunteers with their
//! last received file, and open conflicts. Each query returns the ids behind its numbers, so a
//! number and the list it opens come from the same read.
//!
//! Archived households are left out, and so are archived visits and tasks and the visits and
//! tasks of archived households. The statements read rows as SQL sees them (not through the
//! domain types): a row that would not read as its record still counts here, as it does in
//! `dump`; an id that is not a UUID is left out (see `row_id`).
//!
//! **Query plans** (checked by `plans_use_indexes` below with `EXPLAIN QUERY PLAN`):
//! - [`CASES`]: `households` read from `households_cases` in wijk order; per household, each
//!   question (a done visit? a planned follow-up before today? an open or overdue task? a
//!   planned visit?) is one seek into `visits_cases` or `tasks_cases` (migration 0012), read
//!   from the index alone. About 5 seeks per household whatever its number of visits: at
//!   10,000 households and 100,000 visits this is half the time of grouping every visit.
//! - [`VISITS_BETWEEN`]: a range of `visits_by_status` (one status, the period's dates, in date
//!   order: no sort), each household's `archived` from `households_archived`. Only the visits
//!   of the period and status are read: the overdue planned visits are a few, not every
//!   visit before today.
//! - [`OPEN_TASKS`]: per household, its open tasks from `tasks_cases`; a temporary b-tree
//!   for the order (only open tasks are sorted).
//! - [`VOLUNTEERS`]: the (small) `enrolments` table scanned, `peers` by primary key.
//! - [`OPEN_CONFLICTS`]: a scan of `conflicts` (open conflicts are few; the table holds only
//!   conflicts, not ops).
//!
//! Uses: `super` (`iso`, `row_id`), `error`, `store`.

use chrono::NaiveDate;
use keukentafel_domain::{HouseholdId, HouseholdStatus, ReplicaId, Role, TaskId, TaskOwnerKind, VisitId, VisitKind, VisitStatus};
use rusqlite::params;

use super::{iso, row_id};
use crate::error::StoreError;
use crate::store::{Result, Store};

/// One household and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdCase {
    pub id: HouseholdId,
    pub wijk: String,
    pub status: HouseholdStatus,
}

/// A visit counted in a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitEntry {
    pub id: VisitId,
    pub kind: VisitKind,
    pub household_id: HouseholdId,
}

/// An open task (`open` or `in_progress`) with its owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenTask {
    pub id: TaskId,
    pub owner_kind: TaskOwnerKind,
    pub owner_name: String,
    /// Due before today.
    pub overdue: bool,
}

/// An active enrolment and when this store last imported a file from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolunteerExport {
    pub replica: ReplicaId,
    pub name: String,
    pub role: Role,
    /// When its last file was imported (RFC 3339, UTC), if ever (`peers.last_import`).
    pub last_import: Option<String>,
    /// Whole days from the (UTC) day of that import to `today`.
    pub days_since: Option<i64>,
}

/// Each household that is not archived with its status. `?1` is today (`YYYY-MM-DD`). The
/// `CASE` is [`HouseholdStatus`]'s rule, in its order.
pub(crate) const CASES: &str = "
SELECT h.id, h.wijk,
       CASE WHEN NOT EXISTS (SELECT 1 FROM visits v
                              WHERE v.household_id = h.id AND v.status = 'done' AND v.archived = 0) THEN 'waiting'
            WHEN EXISTS (SELECT 1 FROM visits v
                          WHERE v.household_id = h.id AND v.status = 'planned' AND v.kind = 'follow_up'
                            AND v.planned_date < ?1 AND v.archived = 0)
              OR EXISTS (SELECT 1 FROM tasks t
                          WHERE t.household_id = h.id AND t.status IN ('open', 'in_progress') AND t.due < ?1
                            AND t.archived = 0) THEN 'follow_up_due'
            WHEN EXISTS (SELECT 1 FROM tasks t
                          WHERE t.household_id = h.id AND t.status IN ('open', 'in_progress') AND t.archived = 0)
              OR EXISTS (SELECT 1 FROM visits v
                          WHERE v.household_id = h.id AND v.status = 'planned' AND v.archived = 0) THEN 'in_progress'
            ELSE 'closed' END
  FROM households h
 WHERE h.archived = 0
 ORDER BY h.wijk, h.id";

/// Visits with status `?1` dated in `[?2, ?3)`, of households that are not archived.
pub(crate) const VISITS_BETWEEN: &str = "
SELECT v.id, v.kind, v.household_id FROM visits v JOIN households h ON h.id = v.household_id
 WHERE v.planned_date >= ?2 AND v.planned_date < ?3 AND v.status = ?1 AND v.archived = 0 AND h.archived = 0
 ORDER BY v.planned_date, v.planned_time, v.id";

/// Open tasks of households that are not archived, by owner; `?1` is today.
pub(crate) const OPEN_TASKS: &str = "
SELECT t.id, t.owner_kind, t.owner_name, t.due < ?1 FROM tasks t JOIN households h ON h.id = t.household_id
 WHERE t.status IN ('open', 'in_progress') AND t.archived = 0 AND h.archived = 0
 ORDER BY t.owner_kind, lower(trim(t.owner_name)), t.due, t.id";

/// Active enrolments with their last import; `?1` is today.
pub(crate) const VOLUNTEERS: &str = "
SELECT e.replica, e.name, e.role, p.last_import,
       CAST(julianday(?1) - julianday(date(p.last_import)) AS INTEGER)
  FROM enrolments e LEFT JOIN peers p ON p.replica = e.replica
 WHERE e.active = 1
 ORDER BY e.name, e.replica";

/// Open conflicts as `conflicts::list` shows them: one per (kind, record, field).
pub(crate) const OPEN_CONFLICTS: &str =
    "SELECT COUNT(*) FROM (SELECT DISTINCT kind, entity, entity_id, field FROM conflicts WHERE resolved_by IS NULL)";

/// The lowest and the highest date text, as bounds of an open period.
const NO_START: &str = "";
const NO_END: &str = "9999-12-32";

fn data(e: impl std::fmt::Display) -> StoreError {
    StoreError::Data(e.to_string())
}

/// A value stored as a serde name (`combined`, `volunteer`, …) read back as its enum.
fn named<T: serde::de::DeserializeOwned>(what: &str, s: String) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.clone())).map_err(|_| data(format!("{what}: unknown value {s:?}")))
}

impl Store {
    /// Every household that is not archived with its [`HouseholdStatus`], by wijk and id.
    pub fn household_cases(&self, today: NaiveDate) -> Result<Vec<HouseholdCase>> {
        let mut stmt = self.conn.prepare_cached(CASES)?;
        let rows = stmt.query_map([iso(today)], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, wijk, status) = row?;
            let Some(id) = row_id(&id) else { continue };
            let status = HouseholdStatus::parse(&status).ok_or_else(|| data(format!("household status {status}")))?;
            out.push(HouseholdCase { id: HouseholdId(id), wijk, status });
        }
        Ok(out)
    }

    /// Visits with `status` dated from `from` (inclusive) to `until` (exclusive; `None`: no
    /// bound), of households that are not archived, by date.
    pub fn visits_between(&self, status: VisitStatus, from: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<Vec<VisitEntry>> {
        let status = serde_json::to_value(status)?.as_str().unwrap_or_default().to_owned();
        let from = from.map(iso).unwrap_or_else(|| NO_START.to_owned());
        let until = until.map(iso).unwrap_or_else(|| NO_END.to_owned());
        let mut stmt = self.conn.prepare_cached(VISITS_BETWEEN)?;
        let rows = stmt.query_map(params![status, from, until], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, household) = row?;
            let (Some(id), Some(household)) = (row_id(&id), row_id(&household)) else { continue };
            out.push(VisitEntry { id: VisitId(id), kind: named("visit kind", kind)?, household_id: HouseholdId(household) });
        }
        Ok(out)
    }

    /// Open tasks (`open`, `in_progress`) of households that are not archived, by owner kind,
    /// owner name (case and surrounding spaces ignored), due date and id.
    pub fn open_tasks_by_owner(&self, today: NaiveDate) -> Result<Vec<OpenTask>> {
        let mut stmt = self.conn.prepare_cached(OPEN_TASKS)?;
        let rows = stmt.query_map([iso(today)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, owner_kind, owner_name, overdue) = row?;
            let Some(id) = row_id(&id) else { continue };
            out.push(OpenTask { id: TaskId(id), owner_kind: named("task owner kind", owner_kind)?, owner_name, overdue });
        }
        Ok(out)
    }

    /// The active enrolments, by name, with when this store last imported a file from each.
    pub fn volunteer_exports(&self, today: NaiveDate) -> Result<Vec<VolunteerExport>> {
        let mut stmt = self.conn.prepare_cached(VOLUNTEERS)?;
        let rows = stmt.query_map([iso(today)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (replica, name, role, last_import, days_since) = row?;
            out.push(VolunteerExport {
                replica: replica.parse().map_err(|_| data(format!("enrolment {replica}: not an id")))?,
                name,
                role: named("role", role)?,
                last_import,
                days_since,
            });
        }
        Ok(out)
    }

    /// How many conflicts are open, counted as `open_conflicts` lists them.
    pub fn open_conflict_count(&self) -> Result<usize> {
        Ok(self.conn.query_row(OPEN_CONFLICTS, [], |r| r.get::<_, i64>(0))? as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keukentafel_domain::Sources;

    /// The plan SQLite chooses for `sql`, one line per step.
    fn plan(store: &Store, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Vec<String> {
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        stmt.query_map(params, |r| r.get::<_, String>(3)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn plans_use_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("k.sqlite3"), crate::testing::key(), Sources::deterministic(1, 1_795_000_000_000, 1)).unwrap();
        let today = "2026-11-23";

        // Every step reads an index alone (no table row), each household's questions are seeks.
        let cases = plan(&store, CASES, &[&today]);
        assert!(cases.iter().any(|s| s.contains("h USING COVERING INDEX households_cases (archived=?)")), "{cases:#?}");
        assert_eq!(cases.iter().filter(|s| s.contains("COVERING INDEX visits_cases (household_id=? AND status=?")).count(), 3, "{cases:#?}");
        assert_eq!(cases.iter().filter(|s| s.contains("COVERING INDEX tasks_cases (household_id=? AND status=?")).count(), 2, "{cases:#?}");
        assert!(!cases.iter().any(|s| s.contains("SCAN") || s.contains("TEMP B-TREE")), "{cases:#?}");

        let visits = plan(&store, VISITS_BETWEEN, &[&"done", &"2026-11-01", &"2026-12-01"]);
        assert!(
            visits.iter().any(|s| s.contains("COVERING INDEX visits_by_status (status=? AND planned_date>? AND planned_date<?)")),
            "{visits:#?}"
        );
        assert!(visits.iter().any(|s| s.contains("h USING COVERING INDEX households_archived (id=? AND archived=?)")), "{visits:#?}");
        assert!(!visits.iter().any(|s| s.contains("TEMP B-TREE")), "{visits:#?}");

        let tasks = plan(&store, OPEN_TASKS, &[&today]);
        assert!(tasks.iter().any(|s| s.contains("t USING INDEX tasks_cases (household_id=? AND status=?)")), "{tasks:#?}");

        let volunteers = plan(&store, VOLUNTEERS, &[&today]);
        assert!(volunteers.iter().any(|s| s.contains("p USING INDEX sqlite_autoindex_peers_1 (replica=?)")), "{volunteers:#?}");
    }

    /// The household list's wijk filter and the task lists seek their indexes (issue 12: an
    /// `?2 IS NULL OR …` filter made SQLite read every row).
    #[test]
    fn list_filters_use_their_indexes() {
        use crate::records::households::{COUNT, COUNT_IN_WIJK, PAGE, PAGE_IN_WIJK};
        use crate::records::tasks::{TASKS_ALL_OF_HOUSEHOLD, TASKS_OPEN, TASKS_OPEN_OF_HOUSEHOLD};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("k.sqlite3"), crate::testing::key(), Sources::deterministic(1, 1_795_000_000_000, 1)).unwrap();
        let none: Option<String> = None;
        // A page of the households list is read in the index's order (no sort of every
        // household), from the index alone; with a wijk it seeks the wijk. The count too.
        let page = |sql: &str| plan(&store, sql, &[&"%a%", &"Centrum", &"2026-11-23", &false, &50, &100]);
        let count = |sql: &str| plan(&store, sql, &[&"%a%", &"Centrum", &"2026-11-23", &false]);
        let all = page(PAGE);
        assert!(all.iter().any(|s| s.starts_with("SCAN h USING COVERING INDEX households_list")), "{all:#?}");
        let in_wijk = page(PAGE_IN_WIJK);
        assert!(in_wijk.iter().any(|s| s.contains("h USING COVERING INDEX households_list_wijk (wijk=?)")), "{in_wijk:#?}");
        for p in [&all, &in_wijk] {
            assert!(!p.iter().any(|s| s.contains("TEMP B-TREE")), "a page never sorts every household: {p:#?}");
            assert!(p.iter().any(|s| s.contains("v USING") && s.contains("(household_id=?")), "the next visit is a seek: {p:#?}");
        }
        let total = count(COUNT);
        assert!(total.iter().any(|s| s.starts_with("SCAN h USING COVERING INDEX")), "{total:#?}");
        let total_in_wijk = count(COUNT_IN_WIJK);
        assert!(total_in_wijk.iter().any(|s| s.contains("h USING COVERING INDEX households_list_wijk (wijk=?)")), "{total_in_wijk:#?}");

        let tasks = |sql: &str, household: &dyn rusqlite::ToSql| plan(&store, sql, &[&false, household, &none, &none]);
        for sql in [TASKS_OPEN_OF_HOUSEHOLD, TASKS_ALL_OF_HOUSEHOLD] {
            let p = tasks(sql, &"019f9da7-2220-7d72-a187-d67328fb4497");
            assert!(p.iter().any(|s| s.contains("t USING INDEX") && s.contains("(household_id=?")), "{p:#?}");
            assert!(!p.iter().any(|s| s.starts_with("SCAN t")), "{p:#?}");
        }
        // Open tasks: by index, per household or by status, never every task.
        let open = tasks(TASKS_OPEN, &none);
        assert!(open.iter().any(|s| s.starts_with("SEARCH t USING")) && !open.iter().any(|s| s.starts_with("SCAN t")), "{open:#?}");
    }
}
