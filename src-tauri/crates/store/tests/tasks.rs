//! Tasks on real store files: closing a visit makes its tasks and follow-up visit once, task
//! edits on two laptops merge (same field: a conflict; different fields: both kept), a task for
//! a party without consent is flagged, lists by owner and due date, and forgetting a household
//! takes its tasks with it.

use std::path::PathBuf;

use chrono::NaiveDate;
use keukentafel_domain::*;
use keukentafel_store::{Store, VisitClosing};

const START: i64 = 1_795_000_000_000;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

struct Site {
    _dir: tempfile::TempDir,
    store: Store,
}

fn site(seed: u64, name: &str) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("k.sqlite3");
    let mut store = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(seed, START + seed as i64, 7)).unwrap();
    store
        .save_profile(UserProfileInput { name: name.into(), organisation: String::new(), phone: String::new(), role: Role::EnergyCoach })
        .unwrap();
    Site { _dir: dir, store }
}

fn send(from: &Store, to: &mut Store) -> keukentafel_store::MergeReport {
    let ops = from.ops_missing_from(&to.received().unwrap()).unwrap();
    to.merge(&ops).unwrap()
}

fn setup(s: &mut Store) -> (HouseholdId, Visit) {
    let h = s.create_household(HouseholdInput { name: "Fam. de Groot".into(), ..Default::default() }).unwrap();
    let v = s
        .plan_visit(
            VisitInput {
                household_id: h.id,
                planned_date: day(20),
                planned_time: "10:00".into(),
                kind: VisitKind::Combined,
                volunteers: vec!["Anna".into(), "Bram".into()],
                status: VisitStatus::Planned,
                summary: String::new(),
            },
            day(18),
        )
        .unwrap();
    (h.id, v)
}

fn task(h: HouseholdId, visit: Option<VisitId>, party: &str, scope: Option<ConsentScope>, owner: &str, due: u32) -> TaskInput {
    TaskInput {
        household_id: h,
        visit_id: visit,
        step_id: "debt_help_referral".into(),
        kind: TaskKind::Referral,
        what: "Aanmelden voor schuldhulp".into(),
        party: party.into(),
        consent_scope: scope,
        owner_kind: TaskOwnerKind::Volunteer,
        owner_name: owner.into(),
        due: day(due),
        status: TaskStatus::Open,
        outcome: String::new(),
        closed_on: None,
    }
}

fn closing(h: HouseholdId, v: &Visit) -> VisitClosing {
    let t1 = task(h, Some(v.id), "Schuldhulp van de gemeente", Some(ConsentScope::ShareMunicipality), "Bram", 30);
    let t2 = TaskInput { party: "Wijkteam".into(), ..t1.clone() };
    VisitClosing {
        visit: v.id,
        tasks: vec![
            (task_id_for_action(v.id, "debt_help_referral", TaskKind::Referral, 0), t1),
            (task_id_for_action(v.id, "debt_help_referral", TaskKind::Referral, 1), t2),
        ],
        follow_up: Some((
            follow_up_visit_id(v.id),
            VisitInput { planned_date: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(), kind: VisitKind::FollowUp, ..v.data.clone() },
        )),
        stock_out: Vec::new(),
    }
}

#[test]
fn closing_a_visit_makes_its_tasks_and_follow_up_once() {
    let mut a = site(1, "Anna");
    let (h, v) = setup(&mut a.store);
    let first = a.store.close_visit(closing(h, &v), day(20)).unwrap();
    assert_eq!(first.created.len(), 2);
    assert!(first.follow_up_created);
    assert_eq!(a.store.visit(v.id).unwrap().data.status, VisitStatus::Done);
    let follow_up = a.store.visit(first.follow_up.unwrap()).unwrap();
    assert_eq!((follow_up.data.kind, follow_up.data.status), (VisitKind::FollowUp, VisitStatus::Planned));
    let ops = a.store.op_count().unwrap();

    // Someone marks a task done; closing again makes nothing and undoes nothing.
    let t = a.store.task(first.created[0]).unwrap();
    let mut data = t.data.clone();
    data.status = TaskStatus::Done;
    data.outcome = "Intake op 2 december".into();
    a.store.update_task(TaskUpdate { id: t.id, data, base: t.clocks }, day(24)).unwrap();
    let ops = ops + 3; // status, outcome, closed_on
    let again = a.store.close_visit(closing(h, &v), day(25)).unwrap();
    assert!(again.created.is_empty() && !again.follow_up_created);
    assert_eq!(a.store.op_count().unwrap(), ops, "closing twice writes nothing");
    let t = a.store.task(first.created[0]).unwrap();
    assert_eq!((t.data.status, t.data.closed_on), (TaskStatus::Done, Some(day(24))));
    let all = a.store.tasks(&TaskQuery { include_closed: true, ..Default::default() }, day(25)).unwrap();
    assert_eq!(all.len(), 2);
}

#[test]
fn the_same_visit_closed_on_two_laptops_makes_one_set_of_tasks() {
    let mut a = site(1, "Anna");
    let mut b = site(2, "Bram");
    let (h, v) = setup(&mut a.store);
    send(&a.store, &mut b.store);
    a.store.close_visit(closing(h, &v), day(20)).unwrap();
    b.store.close_visit(closing(h, &v), day(20)).unwrap();
    send(&a.store, &mut b.store);
    send(&b.store, &mut a.store);
    let q = TaskQuery { include_closed: true, ..Default::default() };
    assert_eq!(a.store.tasks(&q, day(21)).unwrap().len(), 2);
    assert_eq!(a.store.dump().unwrap()["tasks"], b.store.dump().unwrap()["tasks"]);
    assert!(a.store.open_conflicts().unwrap().is_empty(), "the same values are no conflict");
}

#[test]
fn a_task_closed_before_its_visit_day_is_refused_and_nothing_is_written() {
    let mut a = site(1, "Anna");
    let (h, v) = setup(&mut a.store);
    let ops = a.store.op_count().unwrap();
    let err = a.store.close_visit(closing(h, &v), day(19)).unwrap_err();
    assert!(matches!(err, keukentafel_store::StoreError::Validation(_)), "{err:?}");
    assert_eq!(a.store.op_count().unwrap(), ops);
    assert_eq!(a.store.visit(v.id).unwrap().data.status, VisitStatus::Planned);
}

#[test]
fn task_edits_on_two_laptops_merge_field_by_field() {
    let mut a = site(1, "Anna");
    let mut b = site(2, "Bram");
    let (h, _) = setup(&mut a.store);
    let t = a.store.add_task(task(h, None, "Wijkteam", None, "Anna", 30), day(20)).unwrap();
    send(&a.store, &mut b.store);
    // Different fields: both kept.
    let on_b = b.store.task(t.id).unwrap();
    let mut d = on_b.data.clone();
    d.due = day(28);
    b.store.update_task(TaskUpdate { id: t.id, data: d, base: on_b.clocks }, day(21)).unwrap();
    let mut d = t.data.clone();
    d.status = TaskStatus::InProgress;
    a.store.update_task(TaskUpdate { id: t.id, data: d, base: t.clocks.clone() }, day(21)).unwrap();
    send(&a.store, &mut b.store);
    send(&b.store, &mut a.store);
    for s in [&a.store, &b.store] {
        let t = s.task(t.id).unwrap();
        assert_eq!((t.data.due, t.data.status), (day(28), TaskStatus::InProgress));
        assert!(s.open_conflicts().unwrap().is_empty());
    }
    // The same field: a conflict on both sides, both values kept.
    for (s, outcome) in [(&mut a.store, "Gebeld, geen antwoord"), (&mut b.store, "Intake gepland")] {
        let cur = s.task(t.id).unwrap();
        let mut d = cur.data.clone();
        d.outcome = outcome.into();
        s.update_task(TaskUpdate { id: t.id, data: d, base: cur.clocks }, day(22)).unwrap();
    }
    send(&a.store, &mut b.store);
    send(&b.store, &mut a.store);
    for s in [&a.store, &b.store] {
        let c = s.open_conflicts().unwrap();
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!((c[0].entity.as_str(), c[0].field.as_str()), ("task", "outcome"));
        assert_eq!(c[0].household_name, "Fam. de Groot");
    }
    assert_eq!(a.store.dump().unwrap()["tasks"], b.store.dump().unwrap()["tasks"]);
}

#[test]
fn a_task_for_a_party_without_consent_is_flagged_until_consent_is_given() {
    let mut a = site(1, "Anna");
    let (h, _) = setup(&mut a.store);
    a.store.add_task(task(h, None, "Gemeente", Some(ConsentScope::ShareMunicipality), "Anna", 30), day(20)).unwrap();
    a.store.add_task(task(h, None, "Geldfit", None, "Anna", 30), day(20)).unwrap();
    let flags = |s: &Store| -> Vec<(String, Option<ConsentScope>)> {
        s.tasks(&TaskQuery::default(), day(20)).unwrap().into_iter().map(|r| (r.task.data.party, r.missing_consent)).collect()
    };
    let mut now = flags(&a.store);
    now.sort();
    assert_eq!(now, vec![("Geldfit".into(), None), ("Gemeente".into(), Some(ConsentScope::ShareMunicipality))]);
    let consent = |given| ConsentInput {
        household_id: h,
        scope: ConsentScope::ShareMunicipality,
        given,
        text_version: CONSENT_TEXT_VERSION.into(),
        date: day(20),
    };
    a.store.record_consent(consent(true), day(20)).unwrap();
    assert!(flags(&a.store).iter().all(|(_, m)| m.is_none()));
    // Withdrawn later: flagged again.
    a.store.record_consent(ConsentInput { date: day(21), ..consent(false) }, day(21)).unwrap();
    assert!(flags(&a.store).iter().any(|(p, m)| p == "Gemeente" && m.is_some()));
}

#[test]
fn lists_filter_by_owner_and_due_date_and_mark_overdue_tasks() {
    let mut a = site(1, "Anna");
    let (h, _) = setup(&mut a.store);
    a.store.add_task(task(h, None, "A", None, "Anna", 10), day(20)).unwrap();
    a.store.add_task(task(h, None, "B", None, "anna ", 25), day(20)).unwrap();
    a.store.add_task(task(h, None, "C", None, "Bram", 22), day(20)).unwrap();
    let done = a.store.add_task(TaskInput { status: TaskStatus::Done, ..task(h, None, "D", None, "Anna", 5) }, day(20)).unwrap();
    assert_eq!(done.data.closed_on, Some(day(20)), "a task made closed is closed today");
    let parties = |q: TaskQuery| -> Vec<(String, bool)> {
        a.store.tasks(&q, day(20)).unwrap().into_iter().map(|r| (r.task.data.party, r.overdue)).collect()
    };
    assert_eq!(
        parties(TaskQuery { owner: Some("ANNA".into()), ..Default::default() }),
        vec![("A".into(), true), ("B".into(), false)],
        "the owner matches whatever the case and spaces; closed tasks are left out"
    );
    assert_eq!(parties(TaskQuery { due_before: Some(day(22)), ..Default::default() }), vec![("A".into(), true), ("C".into(), false)]);
    assert_eq!(parties(TaskQuery { include_closed: true, ..Default::default() }).len(), 4);
}

#[test]
fn a_task_cannot_move_to_another_household_or_name_another_households_visit() {
    let mut a = site(1, "Anna");
    let (h, v) = setup(&mut a.store);
    let other = a.store.create_household(HouseholdInput { name: "Fam. Smit".into(), ..Default::default() }).unwrap();
    let err = a.store.add_task(task(other.id, Some(v.id), "X", None, "Anna", 30), day(20)).unwrap_err();
    assert!(matches!(err, keukentafel_store::StoreError::Validation(_)), "{err:?}");
    let t = a.store.add_task(task(h, None, "X", None, "Anna", 30), day(20)).unwrap();
    let ops = a.store.op_count().unwrap();
    let mut d = t.data.clone();
    d.household_id = other.id;
    assert!(a.store.update_task(TaskUpdate { id: t.id, data: d, base: t.clocks }, day(20)).is_err());
    assert_eq!(a.store.op_count().unwrap(), ops);
    let blank = TaskInput { what: "  ".into(), ..task(h, None, "X", None, "Anna", 30) };
    assert!(a.store.add_task(blank, day(20)).is_err());
}

#[test]
fn forgetting_a_household_takes_its_tasks() {
    let mut a = site(1, "Anna");
    let (h, v) = setup(&mut a.store);
    a.store.close_visit(closing(h, &v), day(20)).unwrap();
    a.store.forget(&[h].into_iter().collect()).unwrap();
    let dump = a.store.dump().unwrap();
    assert_eq!(dump["tasks"], serde_json::json!([]));
    let raw = a.store.conn().query_row("SELECT COUNT(*) FROM ops WHERE entity = 'task'", [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(raw, 0);
}
