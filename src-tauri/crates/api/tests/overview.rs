//! Overzicht on a real store file: a hand-built caseload with a household in each status (and
//! the edge of each rule), visits in and out of the month and the quarter, open, overdue, done
//! and archived tasks, and volunteers who never sent a file, sent one lately and sent one long
//! ago. Every count is asserted exactly, and equal to the length of the list behind it.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use keukentafel_api::overview::{self, Overview};
use keukentafel_domain::*;
use keukentafel_store::{Peer, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// The day the overview is asked for: a Monday in the fourth quarter.
fn today() -> NaiveDate {
    day(11, 23)
}

struct Caseload {
    _dir: tempfile::TempDir,
    store: Store,
    /// By the status each household must get.
    waiting: Vec<HouseholdId>,
    in_progress: Vec<HouseholdId>,
    follow_up_due: Vec<HouseholdId>,
    closed: Vec<HouseholdId>,
    archived: HouseholdId,
    /// Tasks by what they must count as.
    anna_open: Vec<TaskId>,
    anna_overdue: TaskId,
    kees_overdue: TaskId,
    volunteers: [ReplicaId; 3],
}

fn household(store: &mut Store, name: &str, wijk: &str) -> HouseholdId {
    store.create_household(HouseholdInput { name: name.into(), wijk: wijk.into(), adults: 1, ..Default::default() }).unwrap().id
}

fn visit(store: &mut Store, h: HouseholdId, date: NaiveDate, kind: VisitKind, status: VisitStatus) -> VisitId {
    let input = VisitInput {
        household_id: h,
        planned_date: date,
        planned_time: "10:00".into(),
        kind,
        volunteers: vec!["Anna".into()],
        status,
        summary: String::new(),
    };
    store.plan_visit(input, today()).unwrap().id
}

fn task(store: &mut Store, h: HouseholdId, owner_kind: TaskOwnerKind, owner: &str, due: NaiveDate, status: TaskStatus) -> TaskId {
    let input = TaskInput {
        household_id: h,
        visit_id: None,
        step_id: String::new(),
        kind: TaskKind::Agreement,
        what: "Bellen met de verhuurder".into(),
        party: String::new(),
        consent_scope: None,
        owner_kind,
        owner_name: owner.into(),
        due,
        status,
        outcome: String::new(),
        closed_on: None,
    };
    store.add_task(input, today()).unwrap().id
}

fn enrol(store: &mut Store, n: u128, name: &str, active: bool) -> ReplicaId {
    let replica = ReplicaId(uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n));
    store
        .enrol(&Enrolment {
            replica,
            name: name.into(),
            role: Role::EnergyCoach,
            organisation: "EAS".into(),
            age_key: format!("age1{n}"),
            signing_key: format!("ktsig1:{n}"),
            active,
            enrolled_by: "Kees".into(),
            enrolled_at: "2026-09-01T09:00:00.000Z".into(),
            revoked_at: (!active).then(|| "2026-10-01T09:00:00.000Z".into()),
        })
        .unwrap();
    replica
}

/// What an import records about its sender (`keukentafel_sync::import_files` does the same).
fn received_file(store: &mut Store, replica: ReplicaId, name: &str, at: &str) {
    let peer = Peer {
        replica,
        author: name.into(),
        role: "energy_coach".into(),
        recipient: String::new(),
        received: Default::default(),
        last_import: Some(at.into()),
    };
    store.record_peer(&peer).unwrap();
}

fn caseload() -> Caseload {
    use TaskOwnerKind::{Coordinator, Volunteer};
    use TaskStatus::{Done, InProgress, Open};
    use VisitKind::{Combined, FollowUp, Intake};
    use VisitStatus::{Cancelled, Done as VDone, Planned};

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.sqlite3"), keukentafel_store::testing::key(), Sources::deterministic(7, 1_795_000_000_000, 3)).unwrap();
    store.save_profile(UserProfileInput { name: "Kees".into(), organisation: "EAS".into(), phone: String::new(), role: Role::Coordinator }).unwrap();
    let s = &mut store;

    // Waiting: nothing at all.
    let a = household(s, "A nog niets", "Noord");
    // Waiting: no visit done, although its intake was missed and a task is overdue.
    let b = household(s, "B intake gemist", "Noord");
    visit(s, b, day(11, 10), Intake, Planned);
    let anna_overdue = task(s, b, Volunteer, "Anna", day(11, 1), Open);

    // In progress: a visit done this month, an open task due later (owner spelled otherwise).
    let c = household(s, "C taak open", "Zuid");
    visit(s, c, day(11, 5), Combined, VDone);
    let anna_later = task(s, c, Volunteer, "ANNA", day(12, 10), Open);
    let archived_task = task(s, c, Volunteer, "Anna", day(11, 2), Open);
    s.set_task_archived(archived_task, true).unwrap();
    // In progress: an intake done this quarter, the combined visit planned.
    let d = household(s, "D bezoek gepland", "Zuid");
    visit(s, d, day(10, 2), Intake, VDone);
    visit(s, d, day(12, 1), Combined, Planned);
    // In progress: a follow-up planned for today has not passed yet.
    let i = household(s, "I nazorg vandaag", "");
    visit(s, i, day(8, 14), Combined, VDone);
    visit(s, i, today(), FollowUp, Planned);

    // Follow-up due: the planned follow-up visit's day has passed.
    let e = household(s, "E nazorg verlopen", "Noord");
    visit(s, e, day(9, 15), Combined, VDone);
    visit(s, e, day(11, 20), FollowUp, Planned);
    // Follow-up due: a task in progress whose due date has passed (yesterday).
    let f = household(s, "F taak te laat", "Zuid");
    visit(s, f, day(11, 12), Combined, VDone);
    let kees_overdue = task(s, f, Coordinator, "Kees", day(11, 22), InProgress);

    // Closed: a visit done, its task done; a cancelled and an archived planned visit count not.
    let g = household(s, "G afgerond", "Zuid");
    visit(s, g, day(10, 20), Combined, VDone);
    task(s, g, Volunteer, "Anna", day(11, 1), Done);
    visit(s, g, day(12, 5), Combined, Cancelled);
    let archived_visit = visit(s, g, day(12, 6), FollowUp, Planned);
    s.set_visit_archived(archived_visit, true).unwrap();

    // Archived: left out everywhere, with its visit this month and its overdue task.
    let h = household(s, "H gearchiveerd", "Noord");
    visit(s, h, day(11, 3), Combined, VDone);
    task(s, h, Volunteer, "Anna", day(11, 1), Open);
    s.set_household_archived(h, true).unwrap();

    // Volunteers: one never sent a file, one three days ago, one 53 days ago; a revoked one is
    // not listed (its silence is expected).
    let bram = enrol(s, 1, "Bram", true);
    let carla = enrol(s, 2, "Carla", true);
    let dirk = enrol(s, 3, "Dirk", true);
    let eva = enrol(s, 4, "Eva", false);
    received_file(s, carla, "Carla", "2026-11-20T10:00:00.000Z");
    received_file(s, dirk, "Dirk", "2026-10-01T16:30:00.000Z");
    received_file(s, eva, "Eva", "2026-09-20T16:30:00.000Z");

    Caseload {
        _dir: dir,
        store,
        waiting: vec![a, b],
        in_progress: vec![c, d, i],
        follow_up_due: vec![e, f],
        closed: vec![g],
        archived: h,
        anna_open: vec![anna_overdue, anna_later],
        anna_overdue,
        kees_overdue,
        volunteers: [bram, carla, dirk],
    }
}

fn ids_with(o: &Overview, status: HouseholdStatus) -> BTreeSet<HouseholdId> {
    o.households.by_wijk.iter().flat_map(|w| w.cells.iter()).filter(|c| c.status == status).flat_map(|c| c.households.clone()).collect()
}

fn set(ids: &[HouseholdId]) -> BTreeSet<HouseholdId> {
    ids.iter().copied().collect()
}

#[test]
fn each_household_is_in_exactly_one_status_and_archived_ones_in_none() {
    let c = caseload();
    let o = overview::overview(&c.store, today(), 30).unwrap();
    let hh = &o.households;

    assert_eq!(ids_with(&o, HouseholdStatus::Waiting), set(&c.waiting), "no visit done, whatever is planned or overdue");
    assert_eq!(ids_with(&o, HouseholdStatus::InProgress), set(&c.in_progress));
    assert_eq!(ids_with(&o, HouseholdStatus::FollowUpDue), set(&c.follow_up_due));
    assert_eq!(ids_with(&o, HouseholdStatus::Closed), set(&c.closed), "cancelled and archived visits plan nothing");

    let counts: Vec<(HouseholdStatus, u32)> = hh.by_status.iter().map(|s| (s.status, s.count)).collect();
    assert_eq!(
        counts,
        vec![
            (HouseholdStatus::Waiting, 2),
            (HouseholdStatus::InProgress, 3),
            (HouseholdStatus::FollowUpDue, 2),
            (HouseholdStatus::Closed, 1)
        ]
    );
    assert_eq!(hh.total, 8, "the archived household is not counted");

    // Exactly once: every id in one cell only, and the cells hold every household but the archived one.
    let all: Vec<HouseholdId> = hh.by_wijk.iter().flat_map(|w| w.cells.iter()).flat_map(|c| c.households.clone()).collect();
    let unique: BTreeSet<HouseholdId> = all.iter().copied().collect();
    assert_eq!(all.len(), unique.len(), "no household in two cells");
    assert_eq!(all.len() as u32, hh.total);
    assert!(!unique.contains(&c.archived));
    let listed: BTreeSet<HouseholdId> =
        c.store.list_households(&HouseholdQuery::default(), today()).unwrap().into_iter().map(|h| h.id).collect();
    assert_eq!(unique, listed, "the households list (not archived) and the overview hold the same households");

    // By wijk: each cell's count is its list, each wijk's total the sum of its cells.
    let wijken: Vec<(&str, u32, Vec<u32>)> =
        hh.by_wijk.iter().map(|w| (w.wijk.as_str(), w.total, w.cells.iter().map(|c| c.count).collect())).collect();
    assert_eq!(wijken, vec![("", 1, vec![0, 1, 0, 0]), ("Noord", 3, vec![2, 0, 1, 0]), ("Zuid", 4, vec![0, 2, 1, 1])]);
    for w in &hh.by_wijk {
        for cell in &w.cells {
            assert_eq!(cell.count as usize, cell.households.len());
        }
    }
}

#[test]
fn visits_this_month_and_quarter_by_kind_and_planned_ahead() {
    let c = caseload();
    let v = overview::overview(&c.store, today(), 30).unwrap().visits;
    let kinds = |counts: &overview::VisitCounts| -> Vec<(VisitKind, u32, usize)> {
        counts.by_kind.iter().map(|k| (k.kind, k.count, k.visits.len())).collect()
    };
    use VisitKind::*;

    assert_eq!((v.done_this_month.from, v.done_this_month.to), (day(11, 1), day(11, 30)));
    // C (5 Nov) and F (12 Nov); H's visit of 3 Nov belongs to an archived household.
    assert_eq!(kinds(&v.done_this_month.visits), vec![(Intake, 0, 0), (Combined, 2, 2), (FollowUp, 0, 0)]);
    assert_eq!(v.done_this_month.visits.total, 2);

    assert_eq!((v.done_this_quarter.from, v.done_this_quarter.to), (day(10, 1), day(12, 31)));
    // Plus D's intake (2 Oct) and G's visit (20 Oct); E (15 Sep) and I (14 Aug) are earlier.
    assert_eq!(kinds(&v.done_this_quarter.visits), vec![(Intake, 1, 1), (Combined, 3, 3), (FollowUp, 0, 0)]);
    assert_eq!(v.done_this_quarter.visits.total, 4);

    // From today on: D's combined visit and I's follow-up today; G's cancelled and archived
    // ones are not planned.
    assert_eq!(kinds(&v.planned_ahead), vec![(Intake, 0, 0), (Combined, 1, 1), (FollowUp, 1, 1)]);
    // Before today, still planned: B's missed intake and E's follow-up.
    assert_eq!(kinds(&v.planned_overdue), vec![(Intake, 1, 1), (Combined, 0, 0), (FollowUp, 1, 1)]);
}

#[test]
fn open_and_overdue_tasks_by_owner() {
    let c = caseload();
    let t = overview::overview(&c.store, today(), 30).unwrap().tasks;
    assert_eq!((t.open, t.overdue), (3, 2), "done, archived and archived households' tasks are not open");

    let owners: Vec<(TaskOwnerKind, &str, u32, u32)> =
        t.by_owner.iter().map(|o| (o.owner_kind, o.owner_name.as_str(), o.open, o.overdue)).collect();
    assert_eq!(owners, vec![(TaskOwnerKind::Coordinator, "Kees", 1, 1), (TaskOwnerKind::Volunteer, "Anna", 2, 1)]);

    let kees = &t.by_owner[0];
    assert_eq!((kees.tasks.clone(), kees.overdue_tasks.clone()), (vec![c.kees_overdue], vec![c.kees_overdue]));
    let anna = &t.by_owner[1];
    assert_eq!(anna.tasks, c.anna_open, "\"Anna\" and \"ANNA\" are one owner, soonest due first");
    assert_eq!(anna.overdue_tasks, vec![c.anna_overdue]);
}

#[test]
fn volunteers_who_never_sent_or_not_lately_stand_out() {
    let c = caseload();
    let o = overview::overview(&c.store, today(), 30).unwrap();
    let [bram, carla, dirk] = c.volunteers;
    type Seen<'a> = (ReplicaId, &'a str, Option<&'a str>, Option<i64>, bool);
    let seen: Vec<Seen> = o
        .volunteers
        .iter()
        .map(|v| (v.replica, v.name.as_str(), v.last_import.as_deref(), v.days_since, v.stands_out))
        .collect();
    assert_eq!(
        seen,
        vec![
            (bram, "Bram", None, None, true),
            (carla, "Carla", Some("2026-11-20T10:00:00.000Z"), Some(3), false),
            (dirk, "Dirk", Some("2026-10-01T16:30:00.000Z"), Some(53), true),
        ],
        "the revoked volunteer is not listed"
    );

    // The period is the coordinator's: with 60 days Dirk no longer stands out, with 2 Carla does.
    let flags = |days| overview::overview(&c.store, today(), days).unwrap().volunteers.iter().map(|v| v.stands_out).collect::<Vec<_>>();
    assert_eq!(flags(60), vec![true, false, false]);
    assert_eq!(flags(53), vec![true, false, false], "exactly the period is not older than it");
    assert_eq!(flags(2), vec![true, true, true]);
}

#[test]
fn no_conflicts_or_held_changes_in_a_store_that_merged_nothing() {
    let c = caseload();
    let o = overview::overview(&c.store, today(), 30).unwrap();
    assert_eq!((o.open_conflicts, o.held_changes), (0, 0));
    assert_eq!(o.open_conflicts as usize, keukentafel_api::conflicts::list(&c.store).unwrap().len());
    assert_eq!(o.held_changes as usize, keukentafel_api::conflicts::held(&c.store).unwrap().len());
}

#[test]
fn serialises_as_the_ui_reads_it() {
    let c = caseload();
    let json = serde_json::to_value(overview::overview(&c.store, today(), 30).unwrap()).unwrap();
    assert_eq!(json["today"], "2026-11-23");
    assert_eq!(json["households"]["by_status"][2]["status"], "follow_up_due");
    assert_eq!(json["visits"]["done_this_month"]["to"], "2026-11-30");
    assert_eq!(json["volunteers"][0]["last_import"], serde_json::Value::Null);
}
