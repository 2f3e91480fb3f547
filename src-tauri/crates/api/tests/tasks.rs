//! Closing a visit and following it up through the use cases, on a real store file: what
//! "Bezoek afronden" proposes and makes (once), Mijn taken for a volunteer and a coordinator,
//! the follow-up visit with its own template, its review of the earlier tasks and the measured
//! change beside the estimate.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keukentafel_api::{follow_up, tasks, visits, CloseVisit, ErrorCode, Measured, Templates};
use keukentafel_checklist::{AnswerInput, AnswerValue, MeasuredUse, MeterReading};
use keukentafel_domain::*;
use keukentafel_store::Store;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    templates: Templates,
    household: HouseholdId,
    visit: VisitId,
}

fn setup(role: Role) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.sqlite3"), keukentafel_store::testing::key(), Sources::deterministic(3, 1_795_000_000_000, 5)).unwrap();
    store.save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role }).unwrap();
    let h = store
        .create_household(HouseholdInput {
            name: "Fam. de Groot".into(),
            tenure: Some(Tenure::PrivateRent),
            heating: Some(Heating::GasBoiler),
            adults: 2,
            ..Default::default()
        })
        .unwrap();
    let v = store
        .plan_visit(
            VisitInput {
                household_id: h.id,
                planned_date: day(10, 1),
                planned_time: "10:00".into(),
                kind: VisitKind::Combined,
                volunteers: vec!["Anna".into(), "Henk".into()],
                status: VisitStatus::Planned,
                summary: String::new(),
            },
            day(10, 1),
        )
        .unwrap();
    Setup { _dir: dir, store, templates: Templates::builtin().unwrap(), household: h.id, visit: v.id }
}

fn answer(s: &mut Setup, visit: VisitId, step: &str, value: AnswerValue) {
    visits::answer_step(&mut s.store, &s.templates, AnswerInput { visit_id: visit, step_id: step.into(), value: Some(value), answered_by: None }, day(12, 31)).unwrap();
}

fn reading(date: NaiveDate, gas: f64, t1: f64, t2: f64) -> AnswerValue {
    let readings: BTreeMap<String, f64> =
        [("gas", gas), ("electricity_t1", t1), ("electricity_t2", t2), ("water", 100.0)].into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    AnswerValue::MeterReading(MeterReading { date, readings })
}

/// The first visit at the table: bill, readings, a debt-help referral, a landlord request and a
/// follow-up visit.
fn first_visit(s: &mut Setup) {
    let v = s.visit;
    answer(s, v, "documents", AnswerValue::MultiChoice(vec!["annual_bill".into()]));
    answer(s, v, "gas_use", AnswerValue::Number(1200.0));
    answer(s, v, "electricity_use", AnswerValue::Number(2500.0));
    answer(s, v, "meter_readings", reading(day(10, 1), 5000.0, 10_000.0, 8_000.0));
    answer(s, v, "debt_help_referral", AnswerValue::Choice("municipality".into()));
    answer(s, v, "landlord_request", AnswerValue::MultiChoice(vec!["draughts".into()]));
    answer(s, v, "follow_up_visit", AnswerValue::YesNo(true));
}

#[test]
fn closing_proposes_then_makes_each_task_once_and_plans_the_follow_up() {
    let mut s = setup(Role::EnergyCoach);
    first_visit(&mut s);
    let p = tasks::propose_closing(&mut s.store, &s.templates, s.visit, day(10, 1)).unwrap();
    assert!(!p.in_future && p.follow_up.is_none());
    let follow_up_date = p.follow_up_date.expect("the checklist proposes a follow-up visit");
    assert!(follow_up_date > day(10, 1));
    let referral = p.tasks.iter().find(|t| t.task.party == "Schuldhulp van de gemeente").expect("the debt-help referral");
    assert_eq!(referral.task.owner_name, "Henk", "the debt-help volunteer: Henk, whose role is not known to be the coach's");
    assert_eq!(referral.missing_consent, Some(ConsentScope::ShareMunicipality), "no consent to share with the municipality yet");
    let landlord = p.tasks.iter().find(|t| t.task.party.starts_with("Verhuurder")).expect("the landlord request");
    assert_eq!(landlord.task.owner_name, "Anna");
    assert!(p.tasks.iter().all(|t| !t.exists));

    let closed = tasks::close_visit(
        &mut s.store,
        &s.templates,
        CloseVisit { visit_id: s.visit, follow_up_date: Some(follow_up_date), follow_up_time: "14:00".into() },
        day(10, 2),
    )
    .unwrap();
    assert_eq!(closed.created as usize, p.tasks.len());
    assert_eq!(closed.tasks.len(), p.tasks.len());
    assert_eq!(closed.visit.data.status, VisitStatus::Done);
    let f = closed.follow_up.expect("a follow-up visit");
    assert_eq!((f.data.kind, f.data.planned_date, f.data.planned_time.as_str()), (VisitKind::FollowUp, follow_up_date, "14:00"));
    assert_eq!(f.data.volunteers, vec!["Anna".to_owned(), "Henk".to_owned()]);

    // Again: nothing new, and the proposal says what exists.
    let again = tasks::close_visit(
        &mut s.store,
        &s.templates,
        CloseVisit { visit_id: s.visit, follow_up_date: Some(day(12, 1)), follow_up_time: String::new() },
        day(10, 3),
    )
    .unwrap();
    assert_eq!(again.created, 0);
    assert_eq!(again.follow_up.unwrap().data.planned_date, follow_up_date, "the follow-up planned first stays");
    let p = tasks::propose_closing(&mut s.store, &s.templates, s.visit, day(10, 3)).unwrap();
    assert!(p.tasks.iter().all(|t| t.exists) && p.follow_up.is_some());

    // The follow-up visit gets the follow-up checklist.
    let c = visits::open_checklist(&mut s.store, &s.templates, f.id).unwrap();
    assert_eq!(c.template.id, visits::FOLLOW_UP_TEMPLATE);
}

#[test]
fn a_visit_still_to_come_cannot_be_closed() {
    let mut s = setup(Role::EnergyCoach);
    first_visit(&mut s);
    let p = tasks::propose_closing(&mut s.store, &s.templates, s.visit, day(9, 30)).unwrap();
    assert!(p.in_future);
    let err = tasks::close_visit(&mut s.store, &s.templates, CloseVisit { visit_id: s.visit, follow_up_date: None, follow_up_time: String::new() }, day(9, 30))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(tasks::of_household(&s.store, s.household, day(9, 30)).unwrap().is_empty());
}

#[test]
fn mijn_taken_lists_a_volunteers_own_tasks_and_a_coordinator_sees_everyones() {
    for (role, everyone) in [(Role::EnergyCoach, false), (Role::Coordinator, true)] {
        let mut s = setup(role);
        first_visit(&mut s);
        tasks::close_visit(&mut s.store, &s.templates, CloseVisit { visit_id: s.visit, follow_up_date: None, follow_up_time: String::new() }, day(10, 1))
            .unwrap();
        let mine = tasks::mine(&s.store, day(10, 20)).unwrap();
        assert_eq!(mine.everyone, everyone);
        let owners: Vec<&str> = mine.rows.iter().map(|r| r.task.data.owner_name.as_str()).collect();
        let all = tasks::list(&s.store, &TaskQuery::default(), day(10, 20)).unwrap();
        if everyone {
            assert_eq!(mine.rows, all, "a coordinator sees every open task");
        } else {
            assert!(mine.rows.len() < all.len(), "Henk's tasks are not Anna's");
            assert!(!owners.is_empty() && owners.iter().all(|o| *o == "Anna"), "{owners:?}");
        }
        assert_eq!(mine.overdue as usize, mine.rows.iter().filter(|r| r.overdue).count());
        assert!(mine.overdue > 0, "due two weeks after 1 October: overdue on 20 October");
    }
}

#[test]
fn the_follow_up_reviews_the_open_tasks_and_measures_the_change_beside_the_estimate() {
    let mut s = setup(Role::EnergyCoach);
    first_visit(&mut s);
    let closed =
        tasks::close_visit(&mut s.store, &s.templates, CloseVisit { visit_id: s.visit, follow_up_date: Some(day(11, 12)), follow_up_time: String::new() }, day(10, 1))
            .unwrap();
    let f = closed.follow_up.unwrap().id;
    let n = closed.tasks.len();

    let r = follow_up::review(&mut s.store, &s.templates, f, day(11, 12)).unwrap();
    assert_eq!(r.tasks.len(), n, "one line per open task");
    assert_eq!(r.first_visit.as_ref().map(|v| v.id), Some(s.visit));
    assert_eq!(r.measured, Measured::NoReadingYet);

    // At the table: the referral is done; it stays in view.
    let t = closed.tasks.iter().find(|r| r.task.data.kind == TaskKind::Referral).unwrap().task.clone();
    let data = TaskInput { status: TaskStatus::Done, outcome: "Intake gehad op 20 oktober".into(), ..t.data.clone() };
    tasks::update(&mut s.store, TaskUpdate { id: t.id, data, base: t.clocks }, day(11, 12)).unwrap();
    // 42 days later: 84 m³ gas (2 a day, against 1200/365 = 3.3 before), 210 kWh.
    answer(&mut s, f, "meter_readings", reading(day(11, 12), 5084.0, 10_150.0, 8_060.0));
    let r = follow_up::review(&mut s.store, &s.templates, f, day(11, 12)).unwrap();
    assert_eq!(r.tasks.len(), n, "a task closed at the follow-up stays in view");
    let Measured::Change { change } = r.measured else { panic!("a measured change: {:?}", r.measured) };
    assert_eq!(change.days, 42);
    let gas = change.lines.iter().find(|l| l.measured_use == MeasuredUse::Gas).expect("a gas line");
    assert!((gas.per_day_since - 2.0).abs() < 1e-9, "{gas:?}");
    assert!((gas.per_day_before.unwrap() - 1200.0 / 365.0).abs() < 1e-9);
    assert!(!gas.weather_corrected);
    let el = change.lines.iter().find(|l| l.measured_use == MeasuredUse::Electricity).expect("an electricity line");
    assert!((el.per_day_since - 5.0).abs() < 1e-9, "{el:?}");

    // A reading lower than at the first visit (a typo) is not compared.
    answer(&mut s, f, "meter_readings", reading(day(11, 12), 4900.0, 10_150.0, 8_060.0));
    let r = follow_up::review(&mut s.store, &s.templates, f, day(11, 12)).unwrap();
    assert!(matches!(r.measured, Measured::NotComparable { .. }), "{:?}", r.measured);
}

#[test]
fn without_readings_at_the_first_visit_there_is_nothing_to_measure_from() {
    let mut s = setup(Role::EnergyCoach);
    let v = s.visit;
    answer(&mut s, v, "follow_up_visit", AnswerValue::YesNo(true));
    let closed =
        tasks::close_visit(&mut s.store, &s.templates, CloseVisit { visit_id: s.visit, follow_up_date: Some(day(11, 12)), follow_up_time: String::new() }, day(10, 1))
            .unwrap();
    let r = follow_up::review(&mut s.store, &s.templates, closed.follow_up.unwrap().id, day(11, 12)).unwrap();
    assert_eq!(r.measured, Measured::NoFirstReading);
}

#[test]
fn the_consent_step_is_the_households_consent_and_the_sheet_leaves_out_parties_without_it() {
    let mut s = setup(Role::EnergyCoach);
    let v = s.visit;
    let consent_of = |s: &Setup| -> Vec<(ConsentScope, ConsentState)> {
        keukentafel_api::households::detail(&s.store, s.household).unwrap().consent.into_iter().map(|c| (c.scope, c.state)).collect()
    };
    // Answering the step records consent events, by the volunteer who asked.
    let c = visits::answer_step(
        &mut s.store,
        &s.templates,
        AnswerInput { visit_id: v, step_id: "consent".into(), value: Some(AnswerValue::MultiChoice(vec!["supplier".into()])), answered_by: Some("henk".into()) },
        day(10, 1),
    )
    .unwrap();
    let now = consent_of(&s);
    assert!(now.contains(&(ConsentScope::ShareSupplier, ConsentState::Given)));
    assert!(now.contains(&(ConsentScope::ShareMunicipality, ConsentState::Refused)), "asked and not given: {now:?}");
    assert_eq!(c.answers.get("consent"), Some(&AnswerValue::MultiChoice(vec!["supplier".into()])));
    assert_eq!(c.answered_by.get("consent").map(String::as_str), Some("Henk"), "the name as it is on the visit");
    let events = keukentafel_api::households::detail(&s.store, s.household).unwrap().consent_events;
    assert!(events.iter().all(|e| e.date == day(10, 1) && e.text_version == CONSENT_TEXT_VERSION && e.recorded_by == "Henk"));

    // Consent given on the household page shows in the checklist, without a stored answer.
    tasks_consent(&mut s, ConsentScope::ShareMunicipality, true);
    let c = visits::open_checklist(&mut s.store, &s.templates, v).unwrap();
    assert_eq!(c.answers.get("consent"), Some(&AnswerValue::MultiChoice(vec!["municipality".into(), "supplier".into()])));

    // The debt-help referral to the municipality is on the sheet only while consent holds.
    answer(&mut s, v, "debt_help_referral", AnswerValue::Choice("municipality".into()));
    let on_sheet = |s: &mut Setup| {
        let c = visits::open_checklist(&mut s.store, &s.templates, v).unwrap();
        serde_json::to_string(&c.sheet).unwrap().contains("Schuldhulp van de gemeente")
    };
    assert!(on_sheet(&mut s));
    tasks_consent(&mut s, ConsentScope::ShareMunicipality, false);
    assert!(!on_sheet(&mut s), "withdrawn: the sheet does not mention the municipality");

    // Someone who is not on the visit cannot answer in the visit's name; nothing is written.
    let ops = s.store.op_count().unwrap();
    let err = visits::answer_step(
        &mut s.store,
        &s.templates,
        AnswerInput { visit_id: v, step_id: "energy_arrears".into(), value: Some(AnswerValue::YesNo(true)), answered_by: Some("Mallory".into()) },
        day(10, 1),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.fields[0].field, "answered_by");
    assert_eq!(s.store.op_count().unwrap(), ops);
}

fn tasks_consent(s: &mut Setup, scope: ConsentScope, given: bool) {
    keukentafel_api::consent::record_many(
        &mut s.store,
        vec![ConsentInput { household_id: s.household, scope, given, text_version: CONSENT_TEXT_VERSION.into(), date: day(10, 1) }],
        day(10, 1),
    )
    .unwrap();
}

#[test]
fn a_district_heating_home_gets_its_heat_measured_from_the_first_visits_heat_meter() {
    let mut s = setup(Role::EnergyCoach);
    let mut h = s.store.household(s.household).unwrap();
    h.data.heating = Some(Heating::DistrictHeating);
    s.store.update_household(HouseholdUpdate { id: h.id, data: h.data, base: h.clocks }).unwrap();
    let v = s.visit;
    answer(&mut s, v, "documents", AnswerValue::MultiChoice(vec!["annual_bill".into()]));
    answer(&mut s, v, "heat_use", AnswerValue::Number(36.5));
    let mut first = BTreeMap::new();
    first.insert("electricity_t1".to_owned(), 10_000.0);
    answer(&mut s, v, "meter_readings", AnswerValue::MeterReading(MeterReading { date: day(10, 1), readings: first.clone() }));
    answer(&mut s, v, "heat_meter", AnswerValue::Number(100.0));
    let closed =
        tasks::close_visit(&mut s.store, &s.templates, CloseVisit { visit_id: v, follow_up_date: Some(day(11, 10)), follow_up_time: String::new() }, day(10, 1))
            .unwrap();
    let f = closed.follow_up.unwrap().id;
    first.insert("electricity_t1".to_owned(), 10_200.0);
    answer(&mut s, f, "meter_readings", AnswerValue::MeterReading(MeterReading { date: day(11, 10), readings: first }));
    answer(&mut s, f, "heat_meter", AnswerValue::Number(104.0));
    let r = follow_up::review(&mut s.store, &s.templates, f, day(11, 10)).unwrap();
    let Measured::Change { change } = r.measured else { panic!("{:?}", r.measured) };
    let heat = change.lines.iter().find(|l| l.measured_use == MeasuredUse::Heat).expect("a heat line");
    assert!((heat.per_day_since - 0.1).abs() < 1e-9, "4 GJ in 40 days: {heat:?}");
    assert!((heat.per_day_before.unwrap() - 0.1).abs() < 1e-9, "36.5 GJ a year");
    assert!(!change.lines.iter().any(|l| l.measured_use == MeasuredUse::Gas));
}

#[test]
fn closing_refuses_a_follow_up_before_the_visit_and_a_cancelled_visit_and_writes_nothing() {
    let mut s = setup(Role::EnergyCoach);
    first_visit(&mut s);
    let ops = s.store.op_count().unwrap();
    let early = CloseVisit { visit_id: s.visit, follow_up_date: Some(day(9, 30)), follow_up_time: String::new() };
    let err = tasks::close_visit(&mut s.store, &s.templates, early, day(10, 2)).unwrap_err();
    assert_eq!((err.code, err.fields[0].field.as_str()), (ErrorCode::Validation, "follow_up_date"));
    let mut v = s.store.visit(s.visit).unwrap();
    v.data.status = VisitStatus::Cancelled;
    s.store.update_visit(VisitUpdate { id: v.id, data: v.data, base: v.clocks }, day(10, 2)).unwrap();
    let ops = ops + 1;
    let err = tasks::close_visit(&mut s.store, &s.templates, CloseVisit { visit_id: s.visit, follow_up_date: None, follow_up_time: String::new() }, day(10, 2))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(s.store.op_count().unwrap(), ops, "nothing written");
    // A late close proposes no day that has passed, and counts due dates from today.
    let mut v = s.store.visit(s.visit).unwrap();
    v.data.status = VisitStatus::Planned;
    s.store.update_visit(VisitUpdate { id: v.id, data: v.data, base: v.clocks }, day(12, 1)).unwrap();
    let p = tasks::propose_closing(&mut s.store, &s.templates, s.visit, day(12, 1)).unwrap();
    assert!(p.follow_up_date.unwrap() >= day(12, 1));
    assert!(p.tasks.iter().filter(|t| t.task.kind == TaskKind::Referral).all(|t| t.task.due > day(12, 1)));
}
