//! Reading a store that holds rows it cannot read (written by a faulty older version, or changed
//! outside Keukentafel: here with raw SQL on the real file), and writes that would store what an
//! import refuses. One bad row never takes down a list, the agenda, a household page or the
//! dump: it is left out and reported; asking for the record itself says it cannot be read.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use keukentafel_domain::*;
use keukentafel_store::{Received, Store, StoreError};
use serde_json::json;

const START: i64 = 1_795_000_000_000; // 2026-11-16

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn temp_store(seed: u64) -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keukentafel.sqlite3");
    let mut s = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(seed, START, 10)).unwrap();
    s.save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    (dir, path, s)
}

fn household(s: &mut Store, name: &str) -> HouseholdId {
    s.create_household(HouseholdInput { name: name.into(), wijk: "Smitsveen".into(), ..Default::default() }).unwrap().id
}

fn visit(s: &mut Store, h: HouseholdId, days: u64) -> VisitId {
    let input = VisitInput {
        household_id: h,
        planned_date: today().checked_add_days(chrono::Days::new(days)).unwrap(),
        planned_time: "10:00".into(),
        kind: VisitKind::Combined,
        volunteers: vec!["Anna".into()],
        status: VisitStatus::Planned,
        summary: String::new(),
    };
    s.plan_visit(input, today()).unwrap().id
}

/// Changes the file behind the store's back, as another program (or an old bug) would.
fn raw_sql(path: &Path, sql: &str, id: impl ToString) {
    let conn = keukentafel_store::raw_connection(path, &keukentafel_store::testing::key()).unwrap();
    conn.execute(sql, [id.to_string()]).unwrap();
}

#[test]
fn a_store_with_unreadable_rows_still_lists_opens_the_agenda_and_dumps() {
    let (_dir, path, mut s) = temp_store(1);
    let (a, b, c) = (household(&mut s, "Fam. Aksoy"), household(&mut s, "Fam. Bakker"), household(&mut s, "Fam. Claes"));
    let (a_visit, a_broken_visit, b_visit) = (visit(&mut s, a, 1), visit(&mut s, a, 2), visit(&mut s, b, 3));
    let consent = |scope| ConsentInput {
        household_id: a,
        scope,
        given: true,
        text_version: CONSENT_TEXT_VERSION.into(),
        date: today(),
    };
    s.record_consent(consent(ConsentScope::EnergyAdvice), today()).unwrap();
    let broken_consent = s.record_consent(consent(ConsentScope::DebtHelp), today()).unwrap().id;
    s.set_answer(a_visit, "roles_explained", json!({"type": "yes_no", "value": true}), None).unwrap();
    s.set_answer(a_visit, "crisis_screen", json!({"type": "multi_choice", "value": []}), None).unwrap();
    let healthy = s.dump().unwrap();
    assert_eq!(healthy["unreadable"], json!([]));

    raw_sql(&path, "UPDATE households SET adults = -5 WHERE id = ?1", b);
    raw_sql(&path, "INSERT INTO households (id, name) VALUES (?1, 'Kapot')", "not-an-id");
    raw_sql(&path, "UPDATE visits SET kind = 'party' WHERE id = ?1", a_broken_visit);
    raw_sql(&path, "UPDATE consent_events SET date = '2026-13-45' WHERE id = ?1", broken_consent);
    let broken_answer = keukentafel_store::answer_id(a_visit, "crisis_screen");
    raw_sql(&path, "UPDATE answers SET value = '{not json' WHERE id = ?1", broken_answer);

    // The list shows every household it can read.
    let names: Vec<String> =
        s.list_households(&HouseholdQuery::default(), today()).unwrap().into_iter().map(|h| h.name).collect();
    assert_eq!(names, ["Fam. Aksoy", "Fam. Claes"]);
    // A page keeps each row's place (`None`: cannot be read), so its total and offsets hold.
    let page = s.household_page(&HouseholdQuery::default(), today(), 0, 10).unwrap();
    let names: Vec<Option<&str>> = page.rows.iter().map(|r| r.as_ref().map(|h| h.name.as_str())).collect();
    assert_eq!((page.total, names), (4, vec![Some("Fam. Aksoy"), None, Some("Fam. Claes"), None]));
    assert_eq!(s.wijken().unwrap(), ["Smitsveen"]);

    // The agenda shows every visit it can read.
    let agenda: Vec<VisitId> = s.agenda(today()).unwrap().into_iter().map(|i| i.visit.id).collect();
    assert_eq!(agenda, [a_visit, b_visit]);

    // A household page leaves out what it cannot read and shows the rest.
    let detail = s.household_detail(a).unwrap();
    assert_eq!(detail.visits.iter().map(|v| v.id).collect::<Vec<_>>(), [a_visit]);
    assert_eq!(detail.consent_events.len(), 1, "the unreadable consent event is left out");
    assert_eq!(s.visit_answers(a_visit).unwrap().answers.keys().collect::<Vec<_>>(), ["roles_explained"]);
    assert!(s.household_detail(c).is_ok());

    // The household whose own row cannot be read says so, for that household alone.
    match s.household_detail(b) {
        Err(StoreError::Unreadable { entity: "household", id, reason }) => {
            assert_eq!(id, b.to_string());
            assert!(reason.contains("-5"), "{reason}");
        }
        other => panic!("expected unreadable, got {other:?}"),
    }
    assert!(matches!(s.visit(a_broken_visit), Err(StoreError::Unreadable { entity: "visit", .. })));

    // The dump succeeds and lists what cannot be read.
    let dump = s.dump().unwrap();
    let listed: Vec<(String, String)> = dump["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["entity"].as_str().unwrap().to_owned(), u["id"].as_str().unwrap().to_owned()))
        .collect();
    let mut expected = vec![
        ("household".to_owned(), b.to_string()),
        ("household".to_owned(), "not-an-id".to_owned()),
        ("consent".to_owned(), broken_consent.to_string()),
        ("visit".to_owned(), a_broken_visit.to_string()),
        ("answer".to_owned(), broken_answer.to_string()),
    ];
    expected[..2].sort();
    assert_eq!(listed, expected);
    assert!(dump["unreadable"].as_array().unwrap().iter().all(|u| !u["reason"].as_str().unwrap().is_empty()));
    assert_eq!(dump["households"].as_array().unwrap().len(), 3, "rows that read as JSON are still dumped");
    assert_eq!(dump["answers"].as_array().unwrap().len(), 1, "the answer that is not JSON is only listed");
    assert_eq!(s.app_info(today()).unwrap().unreadable_records, 5);

    let one = s.dump_household(a).unwrap();
    assert_eq!(one["unreadable"].as_array().unwrap().len(), 3, "its visit, consent event and answer");
    assert!(one["history"].as_array().unwrap().iter().any(|op| op["entity_id"] == broken_answer.to_string()));

    // Nothing of this travels: the change log still holds only valid ops.
    for op in s.ops_missing_from(&Received::new()).unwrap() {
        validate::field_value(&op.entity, &op.field, &op.value).unwrap();
    }
}

#[test]
fn an_unreadable_profile_asks_for_the_profile_again_and_saving_repairs_it() {
    let (_dir, path, mut s) = temp_store(2);
    let me = s.profile().unwrap().unwrap();
    raw_sql(&path, "UPDATE users SET role = 'admin' WHERE id = ?1", me.id);
    assert_eq!(s.profile().unwrap(), None, "as if no profile was saved: the app asks for it");
    assert_eq!(s.app_info(today()).unwrap().unreadable_records, 1);
    let again = s.save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role: Role::Coordinator }).unwrap();
    assert_eq!(again.id, me.id, "the same user");
    assert_eq!(s.profile().unwrap(), Some(again));
    assert_eq!(s.app_info(today()).unwrap().unreadable_records, 0);
}

#[test]
fn a_record_whose_ops_have_not_arrived_yet_waits_and_is_not_unreadable() {
    let (_dir, _path, mut a) = temp_store(3);
    let (_dir_b, _path_b, mut b) = temp_store(4);
    let h = household(&mut a, "Fam. Jansen");
    let v = visit(&mut a, h, 1);
    a.set_visit_template(v, "combined-visit", 1).unwrap();
    a.set_answer(v, "roles_explained", json!({"type": "yes_no", "value": true}), None).unwrap();
    // Only the answer's ops arrive: the visit and household rows are placeholders for now.
    let answer_ops: Vec<_> = a.ops_missing_from(&Received::new()).unwrap().into_iter().filter(|o| o.entity == "answer").collect();
    b.merge(&answer_ops).unwrap();
    assert_eq!(b.unreadable_records().unwrap(), []);
    assert_eq!(b.dump().unwrap()["unreadable"], json!([]));
}

#[test]
fn writes_that_break_a_field_rule_are_refused_and_write_nothing() {
    let (_dir, _path, mut s) = temp_store(5);
    let h = household(&mut s, "Fam. Jansen");
    let v = visit(&mut s, h, 1);
    let ops = s.op_count().unwrap();
    let long = json!({"type": "text", "value": "x".repeat(4001)});
    match s.set_answer(v, "notes", long, None) {
        Err(StoreError::Validation(e)) => assert_eq!(e.0, [FieldProblem::new("value", Rule::TooLong { max: 4000 })]),
        other => panic!("a 4001-character answer must be refused: {other:?}"),
    }
    assert!(matches!(s.set_answer(v, "notes", json!("no type"), None), Err(StoreError::Validation(_))));
    assert!(matches!(s.set_visit_template(v, "combined visit; x", 1), Err(StoreError::Validation(_))));
    assert_eq!(s.op_count().unwrap(), ops, "nothing written");
}

#[test]
fn a_conflict_is_only_resolved_with_a_value_its_field_accepts() {
    let (_dir, _path, mut a) = temp_store(6);
    let (_dir_b, _path_b, mut b) = temp_store(7);
    let h = household(&mut a, "Fam. Jansen");
    b.merge(&a.ops_missing_from(&Received::new()).unwrap()).unwrap();
    for (s, name) in [(&mut a, "Fam. Jansen-de Wit"), (&mut b, "Fam. de Wit")] {
        let mut current = s.household(h).unwrap();
        current.data.name = name.into();
        s.update_household(HouseholdUpdate { id: h, data: current.data, base: current.clocks }).unwrap();
    }
    let from_b = b.ops_missing_from(&a.received().unwrap()).unwrap();
    assert_eq!(a.merge(&from_b).unwrap().conflicts, 1);
    let resolution = |value| ConflictResolution {
        kind: ConflictKind::Field,
        entity: "household".into(),
        entity_id: h.to_string(),
        field: "name".into(),
        value,
    };
    let ops = a.op_count().unwrap();
    for bad in [json!(""), json!(" Fam. X"), json!(7), json!("x".repeat(121))] {
        assert!(matches!(a.resolve_conflict(resolution(bad.clone())), Err(StoreError::Validation(_))), "{bad}");
    }
    assert_eq!((a.op_count().unwrap(), a.open_conflicts().unwrap().len()), (ops, 1), "nothing written, still open");
    a.resolve_conflict(resolution(json!("Fam. de Wit"))).unwrap();
    assert_eq!(a.open_conflicts().unwrap().len(), 0);
}

#[test]
fn every_op_of_the_released_v1_fixture_passes_the_field_check() {
    // Stores volunteers already have must keep exchanging files: their ops are all valid.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.sqlite3");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite3");
    std::fs::copy(&fixture, &path).unwrap();
    let s = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    let ops = keukentafel_store::ops::all_ops(s.conn()).unwrap();
    assert!(ops.len() > 100);
    for op in ops {
        validate::field_value(&op.entity, &op.field, &op.value).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(s.unreadable_records().unwrap(), []);
}
