//! Integration tests on real store files in temp dirs, through the same `Store::open` the app
//! and the CLI use.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use keukentafel_domain::*;
use keukentafel_store::{schema, Op, Store, StoreError, APPLICATION_ID, SCHEMA_VERSION};
use proptest::prelude::*;
use rusqlite::Connection;

const START: i64 = 1_795_000_000_000; // 2026-11-16, a fixed "now" for deterministic clocks

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn open(path: &Path) -> Store {
    Store::open(path, keukentafel_store::testing::key(), Sources::deterministic(1, START, 10)).expect("store opens")
}

fn with_profile(path: &Path) -> Store {
    let mut s = open(path);
    s.save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    s
}

fn temp_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keukentafel.sqlite3");
    (dir, path)
}

fn household(name: &str) -> HouseholdInput {
    HouseholdInput {
        name: name.into(),
        street_address: "Griftlaan 12".into(),
        postcode: "3764ab".into(),
        city: "Soest".into(),
        wijk: "Smitsveen".into(),
        adults: 2,
        children: 1,
        tenure: Some(Tenure::HousingAssociation),
        landlord: "Portaal".into(),
        ..Default::default()
    }
}

fn ops_after(store: &Store, seq: i64) -> Vec<Op> {
    let replica = store.replica();
    keukentafel_store::ops::all_ops(store.conn()).unwrap().into_iter().filter(|o| o.replica == replica && o.seq > seq).collect()
}

fn max_seq(store: &Store) -> i64 {
    store.conn().query_row("SELECT COALESCE(MAX(seq), 0) FROM ops", [], |r| r.get(0)).unwrap()
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

// ---- opening, migrations, refusals -------------------------------------------------------------

#[test]
fn a_new_store_is_migrated_to_the_latest_schema_in_wal_mode() {
    let (_dir, path) = temp_store();
    let store = open(&path);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let c = store.conn();
    let app_id: i64 = c.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(app_id, APPLICATION_ID, "a store is marked as Keukentafel's so foreign files can be told apart");
    let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = c.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous=FULL: laptops lose power");
    let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn the_store_folder_is_created_and_reopening_keeps_replica_and_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/keukentafel.sqlite3");
    let (replica, id) = {
        let mut s = with_profile(&path);
        (s.replica(), s.create_household(household("Fam. Jansen")).unwrap().id)
    };
    let s = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    assert_eq!(s.replica(), replica, "the replica id is made once per installation");
    assert_eq!(s.household(id).unwrap().data.name, "Fam. Jansen");
}

#[test]
fn a_store_from_a_newer_version_is_refused_and_left_untouched() {
    let (_dir, path) = temp_store();
    drop(open(&path));
    {
        let c = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key()).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = file_bytes(&path);
    let err = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).err().expect("refused");
    assert!(matches!(err, StoreError::NewerVersion { found, .. } if found == SCHEMA_VERSION + 1), "{err}");
    assert_eq!(file_bytes(&path), before, "a newer store must not be touched");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let (_dir, path) = temp_store();
    let garbage: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).err().expect("refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    assert_eq!(file_bytes(&path), garbage);
}

/// A real store, checkpointed into one file, big enough to span many pages.
fn filled_store_file() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_store();
    {
        let mut s = with_profile(&path);
        for i in 0..60 {
            s.create_household(HouseholdInput { notes: "n".repeat(500), ..household(&format!("H{i}")) }).unwrap();
        }
    }
    let c = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key()).unwrap();
    c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(c);
    (dir, path)
}

#[test]
fn a_truncated_store_is_refused_and_left_untouched() {
    let (_dir, path) = filled_store_file();
    let full = file_bytes(&path);
    for cut in [50, 99, full.len() / 3, full.len() / 2, full.len() - 4096] {
        std::fs::write(&path, &full[..cut]).unwrap();
        let err = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).err().unwrap_or_else(|| panic!("cut at {cut} was accepted"));
        assert!(matches!(err, StoreError::Damaged { .. }), "cut at {cut}: {err}");
        assert_eq!(file_bytes(&path), &full[..cut], "cut at {cut}: file changed");
    }
}

#[test]
fn a_store_with_damaged_pages_is_refused_and_left_untouched() {
    let (_dir, path) = filled_store_file();
    let mut bytes = file_bytes(&path);
    let page = 4096;
    for b in &mut bytes[page * 2..page * 4] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).err().expect("damaged pages are noticed");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    assert_eq!(file_bytes(&path), bytes);
}

#[test]
fn another_programs_database_is_refused_and_left_untouched() {
    let (_dir, path) = temp_store();
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO recipes VALUES (1, 'stamppot');").unwrap();
    }
    let before = file_bytes(&path);
    let err = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).err().expect("refused");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn an_empty_file_becomes_a_new_store() {
    let (_dir, path) = temp_store();
    std::fs::write(&path, b"").unwrap();
    assert_eq!(open(&path).schema_version().unwrap(), SCHEMA_VERSION);
}

/// The committed fixture is a store written by schema version 1 (see tests/fixtures/README.md).
/// Every later version must open it, migrate it, and keep every record.
#[test]
fn the_committed_v1_fixture_opens_and_keeps_its_records() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.sqlite3");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture.with_extension("dump.json")).unwrap()).unwrap();
    let (_dir, path) = temp_store();
    std::fs::copy(&fixture, &path).unwrap();
    let store = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).expect("an older store opens");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let dump = store.dump().unwrap();
    for (key, records) in expected.as_object().unwrap() {
        match records.as_array() {
            // Every v1 record is still there with every v1 value; later columns have defaults.
            Some(old) => {
                let new = dump[key].as_array().unwrap();
                assert_eq!(new.len(), old.len(), "{key}: records lost or added");
                for (n, o) in new.iter().zip(old) {
                    for (field, value) in o.as_object().unwrap() {
                        assert_eq!(&n[field], value, "migrating changed {key}.{field} of {}", o["id"]);
                    }
                }
            }
            None if key == "schema_version" => {}
            None => assert_eq!(&dump[key], records, "{key}"),
        }
    }
}

// ---- the change log ----------------------------------------------------------------------------

#[test]
fn creating_a_household_writes_one_op_per_field() {
    let (_dir, path) = temp_store();
    let mut s = with_profile(&path);
    let seq = max_seq(&s);
    let h = s.create_household(household("Fam. Jansen")).unwrap();
    let ops = ops_after(&s, seq);
    let fields: Vec<&str> = ops.iter().map(|o| o.field.as_str()).collect();
    let expected: Vec<&str> = schema::HOUSEHOLD.fields.iter().map(|(f, _)| *f).filter(|f| *f != "archived").collect();
    assert_eq!(fields, expected, "one op for every input field, in schema order");
    assert!(ops.iter().all(|o| o.entity == "household" && o.entity_id == h.id.0 && o.base_hlc.is_none()));
    assert_eq!(ops.iter().map(|o| o.seq).collect::<Vec<_>>(), (seq + 1..=seq + ops.len() as i64).collect::<Vec<_>>());
    assert!(ops.windows(2).all(|w| w[0].hlc < w[1].hlc), "clocks strictly increase");
    let profile = s.profile().unwrap().unwrap();
    assert!(ops.iter().all(|o| o.author == profile.id));
    let postcode = ops.iter().find(|o| o.field == "postcode").unwrap();
    assert_eq!(postcode.value, serde_json::json!("3764 AB"), "the op carries the normalised value");
}

#[test]
fn an_edit_writes_only_the_changed_fields_with_the_base_the_editor_saw() {
    let (_dir, path) = temp_store();
    let mut s = with_profile(&path);
    let h = s.create_household(household("Fam. Jansen")).unwrap();
    let seq = max_seq(&s);
    let mut data = h.data.clone();
    data.energy_supplier = "Eneco".into();
    data.children = 3;
    let after = s.update_household(HouseholdUpdate { id: h.id, data: data.clone(), base: h.clocks.clone() }).unwrap();
    let ops = ops_after(&s, seq);
    assert_eq!(ops.iter().map(|o| o.field.as_str()).collect::<Vec<_>>(), vec!["children", "energy_supplier"]);
    for op in &ops {
        assert_eq!(op.base_hlc, Some(h.clocks[&op.field]), "base is the clock of the value the editor saw");
        assert_eq!(after.clocks[&op.field], op.hlc, "the field's clock is now this op's");
    }
    // Saving the same values again writes nothing.
    let seq = max_seq(&s);
    s.update_household(HouseholdUpdate { id: h.id, data, base: after.clocks }).unwrap();
    assert!(ops_after(&s, seq).is_empty());
}

#[test]
fn archiving_is_one_op_and_nothing_is_deleted() {
    let (_dir, path) = temp_store();
    let mut s = with_profile(&path);
    let h = s.create_household(household("Fam. Jansen")).unwrap();
    let seq = max_seq(&s);
    assert!(s.set_household_archived(h.id, true).unwrap().archived);
    let ops = ops_after(&s, seq);
    assert_eq!(ops.len(), 1);
    assert_eq!((ops[0].field.as_str(), &ops[0].value), ("archived", &serde_json::json!(true)));
    let listed = |s: &Store, all| s.list_households(&HouseholdQuery { include_archived: all, ..Default::default() }, today()).unwrap().len();
    assert_eq!(listed(&s, false), 0);
    assert_eq!(listed(&s, true), 1);
    assert_eq!(s.household(h.id).unwrap().data.name, "Fam. Jansen");
}

#[test]
fn consent_visit_and_profile_writes_produce_exactly_their_ops() {
    let (_dir, path) = temp_store();
    let mut s = open(&path);
    let seq = max_seq(&s);
    s.save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    assert_eq!(ops_after(&s, seq).iter().map(|o| o.field.as_str()).collect::<Vec<_>>(), vec!["name", "organisation", "role", "phone"]);
    let h = s.create_household(household("Fam. Jansen")).unwrap();

    let seq = max_seq(&s);
    let c = s
        .record_consent(
            ConsentInput { household_id: h.id, scope: ConsentScope::DebtHelp, given: true, text_version: CONSENT_TEXT_VERSION.into(), date: today() },
            today(),
        )
        .unwrap();
    let ops = ops_after(&s, seq);
    assert_eq!(ops.len(), schema::CONSENT.fields.len());
    assert!(ops.iter().all(|o| o.entity == "consent" && o.entity_id == c.id.0));
    assert_eq!(c.recorded_by, "Anna");

    let seq = max_seq(&s);
    let v = s
        .plan_visit(
            VisitInput {
                household_id: h.id,
                planned_date: today(),
                planned_time: "14:00".into(),
                kind: VisitKind::Combined,
                volunteers: vec!["Anna".into(), "Henk".into()],
                status: VisitStatus::Planned,
                summary: String::new(),
            },
            today(),
        )
        .unwrap();
    let ops = ops_after(&s, seq);
    let visit_input_fields = ["household_id", "planned_date", "planned_time", "kind", "volunteers", "status", "summary"];
    assert_eq!(ops.iter().map(|o| o.field.as_str()).collect::<Vec<_>>(), visit_input_fields, "one op per input field");
    let seq = max_seq(&s);
    let mut data = v.data.clone();
    data.status = VisitStatus::Done;
    data.summary = "Radiatorfolie geplaatst.".into();
    s.update_visit(VisitUpdate { id: v.id, data, base: v.clocks }, today()).unwrap();
    assert_eq!(ops_after(&s, seq).iter().map(|o| o.field.as_str()).collect::<Vec<_>>(), vec!["status", "summary"]);

    let detail = s.household_detail(h.id).unwrap();
    assert_eq!(detail.consent[1].state, ConsentState::Given);
    assert_eq!(detail.visits[0].data.status, VisitStatus::Done);
}

#[test]
fn invalid_input_writes_nothing() {
    let (_dir, path) = temp_store();
    let mut s = with_profile(&path);
    let before = s.op_count().unwrap();
    let err = s.create_household(HouseholdInput { postcode: "12AB".into(), ..household("X") }).unwrap_err();
    assert!(matches!(&err, StoreError::Validation(v) if v.0[0].field == "postcode"), "{err}");
    assert_eq!(s.op_count().unwrap(), before);
    assert!(s.list_households(&HouseholdQuery::default(), today()).unwrap().is_empty());
}

#[test]
fn writes_need_a_profile() {
    let (_dir, path) = temp_store();
    let mut s = open(&path);
    let err = s.create_household(household("X")).unwrap_err();
    assert!(matches!(err, StoreError::NoProfile), "{err}");
    assert_eq!(s.op_count().unwrap(), 0);
}

#[test]
fn a_write_for_a_missing_household_is_not_found_and_writes_nothing() {
    let (_dir, path) = temp_store();
    let mut s = with_profile(&path);
    let before = s.op_count().unwrap();
    let ghost = HouseholdId(uuid::Uuid::now_v7());
    let err = s.set_household_archived(ghost, true).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert_eq!(s.op_count().unwrap(), before);
}

#[test]
fn the_change_log_is_append_only() {
    let (_dir, path) = temp_store();
    let s = with_profile(&path);
    assert!(s.conn().execute("UPDATE ops SET value = '\"x\"'", []).is_err());
    assert!(s.conn().execute("DELETE FROM ops", []).is_err());
}

#[test]
fn search_and_wijk_filter() {
    let (_dir, path) = temp_store();
    let mut s = with_profile(&path);
    s.create_household(household("Fam. Jansen")).unwrap();
    s.create_household(HouseholdInput { wijk: "Overhees".into(), postcode: "3762 CD".into(), ..household("Fam. de Boer") }).unwrap();
    s.create_household(HouseholdInput { name: "100%_code".into(), ..household("x") }).unwrap();
    let q = |search: &str, wijk: Option<&str>| {
        s.list_households(&HouseholdQuery { search: search.into(), wijk: wijk.map(Into::into), include_archived: false }, today())
            .unwrap()
            .into_iter()
            .map(|h| h.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(q("jans", None), vec!["Fam. Jansen"]);
    assert_eq!(q("3762cd", None), vec!["Fam. de Boer"], "postcode matches with or without space");
    assert_eq!(q("", Some("Overhees")), vec!["Fam. de Boer"]);
    assert_eq!(q("%", None), vec!["100%_code"], "LIKE wildcards in a search are literal");
    assert_eq!(s.wijken().unwrap(), vec!["Overhees", "Smitsveen"]);
}

// ---- tables are what the ops say ---------------------------------------------------------------

/// Replays the change log (latest clock per field wins) and compares with the tables.
fn assert_tables_match_ops(s: &Store) {
    let mut latest: BTreeMap<(String, uuid::Uuid, String), Op> = BTreeMap::new();
    for op in keukentafel_store::ops::all_ops(s.conn()).unwrap() {
        let key = (op.entity.clone(), op.entity_id, op.field.clone());
        if latest.get(&key).is_none_or(|o| o.hlc < op.hlc) {
            latest.insert(key, op);
        }
    }
    for ((entity, id, field), op) in &latest {
        let e = schema::Entity::by_name(entity).unwrap();
        let row = keukentafel_store::ops::read_fields(s.conn(), e, *id).unwrap().expect("row exists for every op");
        assert_eq!(&row[field], &op.value, "{entity}.{field} of {id} differs from its latest op");
    }
}

#[derive(Debug, Clone)]
enum Action {
    Create(String),
    Edit(usize, String, u32),
    Archive(usize, bool),
    Consent(usize, bool),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        "[A-Za-z ]{1,12}".prop_map(Action::Create),
        (any::<usize>(), "[a-z]{0,8}", 0u32..5).prop_map(|(i, s, n)| Action::Edit(i, s, n)),
        (any::<usize>(), any::<bool>()).prop_map(|(i, b)| Action::Archive(i, b)),
        (any::<usize>(), any::<bool>()).prop_map(|(i, b)| Action::Consent(i, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn after_any_sequence_of_writes_the_tables_are_what_the_ops_say(actions in proptest::collection::vec(action(), 1..25)) {
        let (_dir, path) = temp_store();
        let mut s = with_profile(&path);
        let mut ids = Vec::new();
        for a in actions {
            match a {
                Action::Create(name) => {
                    if let Ok(h) = s.create_household(household(&name)) { ids.push(h.id) }
                }
                Action::Edit(i, notes, children) if !ids.is_empty() => {
                    let h = s.household(ids[i % ids.len()]).unwrap();
                    let data = HouseholdInput { notes, children, ..h.data };
                    s.update_household(HouseholdUpdate { id: h.id, data, base: h.clocks }).unwrap();
                }
                Action::Archive(i, b) if !ids.is_empty() => { s.set_household_archived(ids[i % ids.len()], b).unwrap(); }
                Action::Consent(i, given) if !ids.is_empty() => {
                    s.record_consent(ConsentInput { household_id: ids[i % ids.len()], scope: ConsentScope::EnergyAdvice, given, text_version: "2026.1".into(), date: today() }, today()).unwrap();
                }
                _ => {}
            }
        }
        assert_tables_match_ops(&s);
        let seqs: Vec<i64> = keukentafel_store::ops::all_ops(s.conn()).unwrap().iter().map(|o| o.seq).collect();
        let mut sorted = seqs.clone();
        sorted.sort();
        prop_assert_eq!(sorted, (1..=seqs.len() as i64).collect::<Vec<_>>(), "sequence numbers have no gaps");
    }
}

#[test]
fn answers_are_ops_and_the_visit_keeps_its_template_version() {
    let (_dir, path) = temp_store();
    let mut s = with_profile(&path);
    let h = s.create_household(household("Fam. Jansen")).unwrap();
    let v = s
        .plan_visit(
            VisitInput {
                household_id: h.id,
                planned_date: today(),
                planned_time: String::new(),
                kind: VisitKind::Combined,
                volunteers: vec![],
                status: VisitStatus::Planned,
                summary: String::new(),
            },
            today(),
        )
        .unwrap();
    s.set_visit_template(v.id, "combined-visit", 1).unwrap();
    let seq = max_seq(&s);
    s.set_answer(v.id, "crisis_screen", serde_json::json!({"type": "multi_choice", "value": ["disconnection_notice"]}), None).unwrap();
    let ops = ops_after(&s, seq);
    assert_eq!(ops.len(), schema::ANSWER.fields.len(), "a first answer writes its record");
    assert!(ops.iter().all(|o| o.entity == "answer" && o.entity_id == keukentafel_store::answer_id(v.id, "crisis_screen")));
    let seq = max_seq(&s);
    s.set_answer(v.id, "crisis_screen", serde_json::json!({"type": "multi_choice", "value": []}), None).unwrap();
    assert_eq!(ops_after(&s, seq).iter().map(|o| o.field.as_str()).collect::<Vec<_>>(), vec!["value"], "a changed answer is one op");
    let reading = serde_json::json!({"type": "meter_reading", "value": {"date": "2026-11-23", "readings": {"gas": 1234.5}}});
    s.set_answer(v.id, "meter_gas", reading, None).unwrap();
    s.set_answer(v.id, "meter_gas", serde_json::Value::Null, None).unwrap();
    let answers = s.visit_answers(v.id).unwrap();
    assert_eq!((answers.template_id.as_str(), answers.template_version), ("combined-visit", 1));
    assert_eq!(answers.answers.keys().collect::<Vec<_>>(), vec!["crisis_screen"], "a cleared answer is gone");
    // A reopened store reads the same answers.
    drop(s);
    let s = open(&path);
    assert_eq!(s.visit_answers(v.id).unwrap(), answers);
}

/// Every file with household data is readable by its owner only: the store, its WAL and
/// shared-memory file, and a backup; a store made readable by others is tightened on open.
#[cfg(unix)]
#[test]
fn store_files_and_backups_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let side = |suffix: &str| std::path::PathBuf::from(format!("{}{suffix}", path.display()));
    {
        let mut s = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(1, 1_795_000_000_000, 7)).unwrap();
        s.save_profile(UserProfileInput { name: "Anna".into(), organisation: String::new(), phone: String::new(), role: Role::EnergyCoach })
            .unwrap();
        s.create_household(HouseholdInput { name: "Fam. Geheim".into(), ..Default::default() }).unwrap();
        for p in [path.clone(), side("-wal"), side("-shm")] {
            assert_eq!(mode(&p), 0o600, "{}", p.display());
        }
        let backup = dir.path().join("backups").join("b.sqlite3");
        s.backup_to(&backup).unwrap();
        assert_eq!(mode(&backup), 0o600);
    }
    // Made readable by everyone (an older version, a copy): tightened when it is opened.
    for p in [path.clone(), side("-wal"), side("-shm")] {
        if p.exists() {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let _s = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    assert_eq!(mode(&path), 0o600);
    // A file that is not ours is refused and left exactly as it was.
    let foreign = dir.path().join("recepten.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE r (x)").unwrap();
    std::fs::set_permissions(&foreign, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(Store::open(&foreign, keukentafel_store::testing::key(), Sources::system()).is_err());
    assert_eq!(mode(&foreign), 0o644);
}

/// A store bigger than `CHECK_ALWAYS_BYTES` is not read page by page at every open (issue 12:
/// opening a 4 GB store took 17 s): only after an unclean end (a write-ahead log left with
/// frames) or when its last full check is a week old; a file cut short is refused every time,
/// and a damaged page is still refused when it is read.
#[test]
fn a_big_store_is_checked_fully_only_after_an_unclean_end_or_once_a_week() {
    let (_dir, path) = temp_store();
    drop(with_profile(&path));
    {
        let c = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key()).unwrap();
        let bytes = keukentafel_store::CHECK_ALWAYS_BYTES + 8 * 1024 * 1024;
        c.execute_batch(&format!("CREATE TABLE zz_filler (b BLOB); INSERT INTO zz_filler VALUES (zeroblob({bytes}));")).unwrap();
        c.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    }
    let open = || Store::open(&path, keukentafel_store::testing::key(), Sources::system());
    drop(open().expect("the first open checks every page and notes the day"));
    let checked: String = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key())
        .unwrap()
        .query_row("SELECT value FROM meta WHERE key = 'integrity_checked'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(checked, chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string());

    // A left-over log alone is no damage: the sound file opens after its full check.
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    std::fs::write(&wal, vec![0x77u8; 4096]).unwrap();
    drop(open().expect("a sound store opens after an unclean end"));
    let _ = std::fs::remove_file(&wal);
    let _ = std::fs::remove_file(format!("{}-shm", path.display()));

    // Damage a page in the middle of the filler (not read by opening).
    let mut bytes = file_bytes(&path);
    let middle = (bytes.len() / 2 / 4096) * 4096;
    for b in &mut bytes[middle + 100..middle + 200] {
        *b ^= 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let store = open().expect("a clean open of a big store checked this week does not read every page");
    let read = store.conn().query_row("SELECT sum(instr(b, x'01')) FROM zz_filler", [], |r| r.get::<_, i64>(0));
    let err = StoreError::from(read.expect_err("reading the damaged page fails"));
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    drop(store);

    // An unclean end: a write-ahead log with frames in it. The full check runs and refuses.
    std::fs::write(&wal, vec![0x77u8; 4096]).unwrap();
    let err = open().err().expect("after an unclean end every page is checked");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    let _ = std::fs::remove_file(&wal);
    let _ = std::fs::remove_file(format!("{}-shm", path.display()));

    // A week later the full check is due again.
    std::fs::write(&path, &bytes).unwrap();
    {
        let c = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key()).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        let week_ago = (chrono::Utc::now().date_naive() - chrono::Duration::days(keukentafel_store::CHECK_EVERY_DAYS)).format("%Y-%m-%d").to_string();
        c.execute("UPDATE meta SET value = ?1 WHERE key = 'integrity_checked'", [week_ago]).unwrap();
    }
    let err = open().err().expect("a week after the last full check every page is checked");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");

    // A file cut short is refused at every open, checked this week or not.
    {
        let c = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key()).unwrap();
        let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
        c.execute("UPDATE meta SET value = ?1 WHERE key = 'integrity_checked'", [today]).unwrap();
    }
    let mut cut = file_bytes(&path);
    cut.truncate(cut.len() - 40 * 4096);
    std::fs::write(&path, &cut).unwrap();
    let err = open().err().expect("a file shorter than its header says is refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    assert_eq!(file_bytes(&path), cut, "and left untouched");
}

/// The app leaves a big store's weekly full check for later: the open does not read every page
/// even when the check is due, and the check runs beside the open store (on a thread, on its
/// own read-only connection) with the same refusal of a damaged page. After an unclean end the
/// full check still runs at open.
#[test]
fn the_weekly_check_of_a_big_store_can_run_beside_the_open_store() {
    use keukentafel_store::WeeklyCheck;
    let (_dir, path) = temp_store();
    drop(with_profile(&path));
    {
        let c = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key()).unwrap();
        let bytes = keukentafel_store::CHECK_ALWAYS_BYTES + 8 * 1024 * 1024;
        c.execute_batch(&format!("CREATE TABLE zz_filler (b BLOB); INSERT INTO zz_filler VALUES (zeroblob({bytes}));")).unwrap();
        c.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let later = || Store::open_with(&path, keukentafel_store::testing::key(), Sources::system(), WeeklyCheck::Later);
    let checked = || -> Option<String> {
        let c = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key()).unwrap();
        c.query_row("SELECT value FROM meta WHERE key = 'integrity_checked'", [], |r| r.get(0)).ok()
    };

    // Never checked: due. The open leaves it for later; the check beside it passes and is noted.
    let mut store = later().expect("opens without the full check");
    assert!(store.full_check_due());
    let check = store.full_check();
    // The open store is written meanwhile: the check reads its own snapshot.
    let worker = std::thread::spawn(move || check.run());
    store.conn().execute("INSERT INTO zz_filler VALUES (x'00')", []).unwrap();
    worker.join().unwrap().expect("a sound store passes");
    store.note_full_check().unwrap();
    assert!(!store.full_check_due());
    drop(store);
    assert_eq!(checked().as_deref(), Some(chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string().as_str()));
    assert!(!later().unwrap().full_check_due(), "checked today: not due");

    // A damaged page, and the check a week old: the open still succeeds (it does not read that
    // page) and says the check is due; the check refuses the file as an open would.
    let week_ago = (chrono::Utc::now().date_naive() - chrono::Duration::days(keukentafel_store::CHECK_EVERY_DAYS)).format("%Y-%m-%d").to_string();
    keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key())
        .unwrap()
        .execute("UPDATE meta SET value = ?1 WHERE key = 'integrity_checked'", [&week_ago])
        .unwrap();
    let _ = std::fs::remove_file(format!("{}-wal", path.display()));
    let _ = std::fs::remove_file(format!("{}-shm", path.display()));
    let mut bytes = file_bytes(&path);
    let middle = (bytes.len() / 2 / 4096) * 4096;
    for b in &mut bytes[middle + 100..middle + 200] {
        *b ^= 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let store = later().expect("the damaged page is not read by opening");
    assert!(store.full_check_due());
    let err = store.full_check().run().expect_err("the full check finds the damaged page");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    drop(store);
    let err = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).err().expect("the command-line tool checks at open");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");

    // An unclean end: checked at open, also when the weekly check is left for later.
    std::fs::write(format!("{}-wal", path.display()), vec![0x77u8; 4096]).unwrap();
    let err = later().err().expect("after an unclean end every page is checked at open");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
}
