//! Overzicht: the coordinator's home screen in numbers (a volunteer's store gives the same
//! overview of what it holds). Households by status and wijk, visits done this month and this
//! quarter and planned, open and overdue tasks by owner, the enrolled volunteers with their last
//! received file (and the files received: count, last number and date, gaps in the numbers),
//! open conflicts and held-back changes. Counted in SQL by the store
//! (`store/src/records/overview.rs`, with the query plans); this module only groups.
//!
//! **Every number carries the list behind it, in the same reply.** Each household id appears
//! once, in the cell of its wijk and status ([`StatusCell::households`]); a status total or a
//! wijk total is the sum of its cells, and the list behind it is the union of their ids. Tasks
//! and visits carry their ids per owner and per kind. A second use case ("the ids behind bucket
//! X") would read the store again, so a list could disagree with the number the screen shows
//! when an import lands in between; here the count is the length of the list by construction.
//! Each household id is sent once (about 40 bytes each: 400 KB for 10,000 households).
//! Open conflicts and held-back changes are counts only: their lists are `conflicts::list` and
//! `conflicts::held`, which count the same way.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use keukentafel_domain::{
    summarize_received, HouseholdId, HouseholdStatus, ReceivedFile, ReceivedSummary, ReplicaId, Role, TaskId, TaskOwnerKind,
    VisitId, VisitKind, VisitStatus,
};
use keukentafel_store::{Store, VisitEntry};
use serde::Serialize;
use ts_rs::TS;

use crate::Reply;

/// A volunteer whose last file is older than this many days stands out, unless the
/// coordinator sets another period.
pub const DEFAULT_STALE_AFTER_DAYS: u32 = keukentafel_domain::settings::DEFAULT_STALE_AFTER_DAYS;

/// The overview on `today`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Overview {
    #[ts(type = "string")]
    pub today: NaiveDate,
    /// A volunteer's last file older than this many days stands out.
    pub stale_after_days: u32,
    pub households: OverviewHouseholds,
    pub visits: OverviewVisits,
    pub tasks: OverviewTasks,
    /// The active enrolments (a coordinator's store; empty elsewhere), by name.
    pub volunteers: Vec<VolunteerActivity>,
    /// Open conflicts, one per record field (as `conflicts::list` lists them).
    pub open_conflicts: u32,
    /// Changes held back for a person's judgement (as `conflicts::held` lists them).
    pub held_changes: u32,
}

/// The households that are not archived, by [`HouseholdStatus`] and wijk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OverviewHouseholds {
    /// Every household that is not archived: the sum of `by_status`.
    pub total: u32,
    /// Each status, in the order of `HouseholdStatus` (zero counts included).
    pub by_status: Vec<StatusCount>,
    /// Each wijk that has a household, by name (`""`: no wijk given).
    pub by_wijk: Vec<WijkCases>,
}

/// How many households have a status (the sum of that status's cells over the wijken).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct StatusCount {
    pub status: HouseholdStatus,
    pub count: u32,
}

/// One wijk's households by status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WijkCases {
    pub wijk: String,
    pub total: u32,
    /// Each status, in the order of `HouseholdStatus` (empty cells included).
    pub cells: Vec<StatusCell>,
}

/// The households of one wijk with one status: `count` is the length of `households`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct StatusCell {
    pub status: HouseholdStatus,
    pub count: u32,
    /// By id.
    pub households: Vec<HouseholdId>,
}

/// Visits of households that are not archived (archived visits left out; the date of a visit
/// is its `planned_date`, the day it took place once done).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OverviewVisits {
    /// Done in the calendar month of today.
    pub done_this_month: VisitPeriod,
    /// Done in the calendar quarter of today.
    pub done_this_quarter: VisitPeriod,
    /// Planned for today or later.
    pub planned_ahead: VisitCounts,
    /// Still planned, dated before today (missed, or not closed yet).
    pub planned_overdue: VisitCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct VisitPeriod {
    /// First day (`YYYY-MM-DD`).
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// Last day, included.
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub visits: VisitCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct VisitCounts {
    pub total: u32,
    /// Each kind (intake, combined, follow-up), zero counts included.
    pub by_kind: Vec<KindCount>,
}

/// The visits of one kind: `count` is the length of `visits`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct KindCount {
    pub kind: VisitKind,
    pub count: u32,
    /// By date.
    pub visits: Vec<VisitId>,
}

/// Open tasks (`open` or `in_progress`; archived tasks and those of archived households left
/// out). Overdue: due before today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OverviewTasks {
    pub open: u32,
    pub overdue: u32,
    /// By owner kind, then owner name.
    pub by_owner: Vec<OwnerTasks>,
}

/// One owner's open tasks. Names are matched as Mijn taken matches them: case and surrounding
/// spaces do not matter (the name shown is the first as stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OwnerTasks {
    pub owner_kind: TaskOwnerKind,
    pub owner_name: String,
    /// The length of `tasks`.
    pub open: u32,
    /// The length of `overdue_tasks`.
    pub overdue: u32,
    /// Every open task of this owner, overdue ones included, soonest due first.
    pub tasks: Vec<TaskId>,
    /// Those of `tasks` that are overdue.
    pub overdue_tasks: Vec<TaskId>,
}

/// An enrolled volunteer and the last file received from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct VolunteerActivity {
    pub replica: ReplicaId,
    pub name: String,
    pub role: Role,
    /// When this store last imported a file from it (RFC 3339), or `null`: never.
    pub last_import: Option<String>,
    /// Days from the day of that import to today.
    pub days_since: Option<i64>,
    /// Never sent a file, or the last one is more than `stale_after_days` old.
    pub stands_out: bool,
    /// The files received from it: how many, the last one's number and date, and the numbers
    /// missing below the highest (files lost on the way).
    pub files: ReceivedSummary,
}

/// The overview on `today`; a volunteer whose last file is more than `stale_after_days` days
/// old (or who never sent one) stands out.
pub fn overview(store: &Store, today: NaiveDate, stale_after_days: u32) -> Reply<Overview> {
    let month = month_start(today);
    let quarter = NaiveDate::from_ymd_opt(today.year(), (today.month0() / 3) * 3 + 1, 1).unwrap_or(month);
    let received = store.received_files()?;
    let files_of = |replica: ReplicaId| {
        let files: Vec<ReceivedFile> = received.iter().filter(|f| f.sender == replica).cloned().collect();
        summarize_received(&files)
    };
    Ok(Overview {
        today,
        stale_after_days,
        households: households(store, today)?,
        visits: OverviewVisits {
            done_this_month: period(store, month, months_later(month, 1))?,
            done_this_quarter: period(store, quarter, months_later(quarter, 3))?,
            planned_ahead: visit_counts(store.visits_between(VisitStatus::Planned, Some(today), None)?),
            planned_overdue: visit_counts(store.visits_between(VisitStatus::Planned, None, Some(today))?),
        },
        tasks: tasks(store, today)?,
        volunteers: store
            .volunteer_exports(today)?
            .into_iter()
            .map(|v| VolunteerActivity {
                stands_out: v.days_since.is_none_or(|d| d > i64::from(stale_after_days)),
                files: files_of(v.replica),
                replica: v.replica,
                name: v.name,
                role: v.role,
                last_import: v.last_import,
                days_since: v.days_since,
            })
            .collect(),
        open_conflicts: count(store.open_conflict_count()?),
        held_changes: count(store.held_count()?),
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The first day of the month `n` months after `first` (a first day).
fn months_later(first: NaiveDate, n: u32) -> NaiveDate {
    first.checked_add_months(chrono::Months::new(n)).unwrap_or(NaiveDate::MAX)
}

fn households(store: &Store, today: NaiveDate) -> Reply<OverviewHouseholds> {
    let mut by_wijk: BTreeMap<String, BTreeMap<HouseholdStatus, Vec<HouseholdId>>> = BTreeMap::new();
    for case in store.household_cases(today)? {
        by_wijk.entry(case.wijk).or_default().entry(case.status).or_default().push(case.id);
    }
    let mut by_status: Vec<StatusCount> = HouseholdStatus::ALL.iter().map(|&status| StatusCount { status, count: 0 }).collect();
    let by_wijk: Vec<WijkCases> = by_wijk
        .into_iter()
        .map(|(wijk, mut statuses)| {
            let cells: Vec<StatusCell> = HouseholdStatus::ALL
                .iter()
                .map(|&status| {
                    let households = statuses.remove(&status).unwrap_or_default();
                    StatusCell { status, count: count(households.len()), households }
                })
                .collect();
            for (sum, cell) in by_status.iter_mut().zip(&cells) {
                sum.count += cell.count;
            }
            WijkCases { wijk, total: cells.iter().map(|c| c.count).sum(), cells }
        })
        .collect();
    Ok(OverviewHouseholds { total: by_status.iter().map(|s| s.count).sum(), by_status, by_wijk })
}

fn period(store: &Store, from: NaiveDate, until: NaiveDate) -> Reply<VisitPeriod> {
    let visits = visit_counts(store.visits_between(VisitStatus::Done, Some(from), Some(until))?);
    Ok(VisitPeriod { from, to: until.pred_opt().unwrap_or(until), visits })
}

fn visit_counts(entries: Vec<VisitEntry>) -> VisitCounts {
    let by_kind: Vec<KindCount> = [VisitKind::Intake, VisitKind::Combined, VisitKind::FollowUp]
        .into_iter()
        .map(|kind| {
            let visits: Vec<VisitId> = entries.iter().filter(|e| e.kind == kind).map(|e| e.id).collect();
            KindCount { kind, count: count(visits.len()), visits }
        })
        .collect();
    VisitCounts { total: by_kind.iter().map(|k| k.count).sum(), by_kind }
}

fn tasks(store: &Store, today: NaiveDate) -> Reply<OverviewTasks> {
    let mut by_owner: Vec<OwnerTasks> = Vec::new();
    // The store orders by owner kind and the name as matched, so an owner's tasks are adjacent.
    for t in store.open_tasks_by_owner(today)? {
        let same = |o: &OwnerTasks| o.owner_kind == t.owner_kind && same_name(&o.owner_name, &t.owner_name);
        let owner = match by_owner.last_mut().filter(|o| same(o)) {
            Some(o) => o,
            None => {
                by_owner.push(OwnerTasks {
                    owner_kind: t.owner_kind,
                    owner_name: t.owner_name.trim().to_owned(),
                    open: 0,
                    overdue: 0,
                    tasks: Vec::new(),
                    overdue_tasks: Vec::new(),
                });
                by_owner.last_mut().expect("just pushed")
            }
        };
        owner.tasks.push(t.id);
        if t.overdue {
            owner.overdue_tasks.push(t.id);
        }
        owner.open = count(owner.tasks.len());
        owner.overdue = count(owner.overdue_tasks.len());
    }
    Ok(OverviewTasks {
        open: by_owner.iter().map(|o| o.open).sum(),
        overdue: by_owner.iter().map(|o| o.overdue).sum(),
        by_owner,
    })
}

/// Owner names as SQL's `lower(trim(…))` compares them (ASCII case, surrounding spaces).
fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The overview with the stale period the coordinator saved (`stale_after_days` overrides it
/// for this one overview).
pub fn with_settings(store: &Store, today: NaiveDate, stale_after_days: Option<u32>) -> Reply<Overview> {
    let days = match stale_after_days {
        Some(d) => d,
        None => store.settings()?.stale_after_days,
    };
    overview(store, today, days)
}
