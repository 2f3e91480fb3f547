//! The statistical residue of erased households (`keukentafel_store::residue`), on real store
//! files:
//! - the municipal report over any period and selection of wijken is **identical** before and
//!   after erasing households (one by one, and in one go with `erase_many`; a whole wijk, so
//!   that wijk has only residue households; archived ones), on a demo store with several
//!   wijken, visits of every kind with their checklists,
//!   follow-ups with meter readings, referrals and materials;
//! - the residue holds no id of the erased household or its records, and its planted texts are
//!   gone from the store file;
//! - a coordinator's return file and dump made after the erasure carry no residue id, and the
//!   volunteer's laptop that erases on the coordinator's word keeps no residue.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{NaiveDate, TimeZone, Utc};
use keukentafel_api::erasure::{self, EraseRequest};
use keukentafel_api::report::{self, Report, ReportRequest};
use keukentafel_api::Templates;
use keukentafel_domain::*;
use keukentafel_store::{testing, Store};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");
const TODAY: &str = "2026-11-23";

fn cli(args: &[&str]) -> Output {
    Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs")
}

fn ok(args: &[&str]) -> String {
    let o = cli(args);
    assert!(o.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn open(path: &Path) -> Store {
    Store::unlock(path, testing::PASSPHRASE, Sources::system()).unwrap()
}

/// A demo store (made once per test run) turned into a coordinator's.
fn demo_store(dir: &Path) -> PathBuf {
    let db = dir.join("demo.sqlite3");
    ok(&["demo", "--db", s(&db), "--households", "60", "--visits-per-household", "4", "--seed", "7", "--today", TODAY]);
    let mut store = open(&db);
    store
        .save_profile(UserProfileInput { name: "Cora".into(), organisation: "EAS".into(), phone: String::new(), role: Role::Coordinator })
        .unwrap();
    db
}

/// A fresh copy of the store at `from`, in its own folder.
fn copy(from: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let to = dir.join("k.sqlite3");
    std::fs::copy(from, &to).unwrap();
    assert!(!from.with_extension("sqlite3-wal").exists() || std::fs::metadata(from.with_extension("sqlite3-wal")).unwrap().len() == 0);
    to
}

/// Every report compared: three periods (this year, a month, one across the turn of the year),
/// each for all wijken and for two of them; this year for the first wijk alone (which the
/// whole-wijk case leaves to residue households only). Few, since the machine is small: a
/// report in a debug build takes a while.
fn requests(wijken: &[String]) -> Vec<ReportRequest> {
    let periods = [(day(2026, 1, 1), today()), (day(2026, 10, 1), day(2026, 10, 31)), (day(2025, 12, 1), day(2026, 9, 30))];
    let mut out = Vec::new();
    for (from, to) in periods {
        out.push(ReportRequest { from, to, wijken: Vec::new() });
        out.push(ReportRequest { from, to, wijken: wijken[..2].to_vec() });
    }
    out.push(ReportRequest { from: periods[0].0, to: periods[0].1, wijken: vec![wijken[0].clone()] });
    out
}

fn reports(store: &mut Store, templates: &Templates, requests: &[ReportRequest]) -> Vec<Report> {
    requests.iter().map(|r| report::report(store, templates, r, today()).unwrap()).collect()
}

fn assert_same(before: &[Report], after: &[Report], requests: &[ReportRequest], case: &str) {
    for ((b, a), r) in before.iter().zip(after).zip(requests) {
        assert_eq!(b.cover, a.cover, "{case}: cover of {r:?}");
        for (tb, ta) in b.tables.iter().zip(&a.tables) {
            assert_eq!(tb, ta, "{case}: table {} of {:?} {}..{}", tb.id, r.wijken, r.from, r.to);
        }
        assert_eq!(b, a);
    }
}

fn households_of(store: &Store) -> Vec<(HouseholdId, String)> {
    store.report_households().unwrap().into_iter().map(|h| (h.id, h.wijk)).collect()
}

#[test]
fn the_report_is_the_same_before_and_after_erasing_households() {
    let root = tempfile::tempdir().unwrap();
    let demo = demo_store(root.path());
    let templates = Templates::builtin().unwrap();
    let mut original = open(&demo);
    let all = households_of(&original);
    let archived: Vec<HouseholdId> = {
        let q = HouseholdQuery { include_archived: true, ..Default::default() };
        original.list_households(&q, today()).unwrap().into_iter().map(|h| h.id).filter(|h| !all.iter().any(|(a, _)| a == h)).collect()
    };
    let wijken: Vec<String> = all.iter().map(|(_, w)| w.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    assert!(wijken.len() >= 4, "several wijken: {wijken:?}");
    let requests = requests(&wijken);
    let before = reports(&mut original, &templates, &requests);
    // The demo has what every table counts (else the comparison proves little).
    for id in ["households", "visits", "measures", "savings", "measured", "energy_quote", "indicators", "referrals", "follow_ups", "materials"] {
        let t = before[0].tables.iter().find(|t| t.id == id).unwrap();
        assert!(
            t.rows.iter().any(|r| r.cells.iter().any(|c| matches!(c, report::ReportCell::Value { value } if *value > 0.0))),
            "the year's table {id} shows a number: {t:#?}"
        );
    }
    drop(original);

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let ids: Vec<HouseholdId> = all.iter().map(|(h, _)| *h).collect();
    let random = |rng: &mut rand_chacha::ChaCha8Rng, p: f64| -> Vec<HouseholdId> { ids.iter().copied().filter(|_| rng.random_bool(p)).collect() };
    let mut shuffled = ids.clone();
    shuffled.shuffle(&mut rng);
    // An erasure takes seconds in a debug build: a few dozen in all.
    let wijk: Vec<HouseholdId> = shuffled.iter().copied().filter(|h| all.iter().any(|(a, w)| a == h && *w == wijken[0])).collect();
    let cases: Vec<(&str, Vec<HouseholdId>, bool)> = vec![
        ("every sixth, one by one", ids.iter().copied().step_by(6).collect(), false),
        ("a random fifth in one go", random(&mut rng, 0.2), true),
        ("a whole wijk and the archived ones, shuffled, in one go", wijk.into_iter().chain(archived.iter().copied()).collect(), true),
    ];
    for (n, (case, erase, many)) in cases.into_iter().enumerate() {
        let path = copy(&demo, &root.path().join(format!("case{n}")));
        let mut store = open(&path);
        let reason = "Bewaartermijn voorbij";
        if many {
            let request = EraseRequest { households: erase.clone(), reason: reason.into(), requested: today() };
            assert_eq!(erasure::erase_many(&mut store, &templates, request, now()).unwrap().len(), erase.len(), "{case}");
        } else {
            for h in &erase {
                erasure::erase(&mut store, &templates, *h, reason, today(), now()).unwrap();
            }
        }
        for h in &erase {
            assert!(store.household(*h).is_err(), "{case}: {h} is erased");
        }
        assert!(!erase.is_empty(), "{case}");
        let after = reports(&mut store, &templates, &requests);
        assert_same(&before, &after, &requests, case);
    }
}

/// The residue's rows, as text (every column of every row).
fn residue_text(store: &Store) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT id || '|' || wijk FROM residue_households",
        "SELECT id || '|' || household || '|' || kind || '|' || status || '|' || date || '|' || COALESCE(figures, '') FROM residue_visits",
        "SELECT id || '|' || household || '|' || visit || '|' || step_id || '|' || status || '|' || COALESCE(closed_on, '') FROM residue_referrals",
        "SELECT id || '|' || household || '|' || item_id || '|' || date || '|' || quantity FROM residue_materials",
    ] {
        let mut stmt = store.conn().prepare(sql).unwrap();
        for row in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

fn residue_ids(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for sql in ["SELECT id FROM residue_households", "SELECT id FROM residue_visits", "SELECT id FROM residue_referrals", "SELECT id FROM residue_materials"] {
        let mut stmt = store.conn().prepare(sql).unwrap();
        out.extend(stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap));
    }
    out
}

/// The store file and its log, decrypted page by page.
fn raw(path: &Path, key: &keukentafel_store::StoreKey) -> Vec<u8> {
    let mut bytes = testing::plaintext_with(path, key);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if wal.exists() {
        bytes.extend(testing::plaintext_with(&wal, key));
    }
    bytes
}

fn contains(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

/// A household with planted texts, a combined visit with answers (one of them free text) closed
/// with its referrals and materials, and a follow-up planned.
fn planted_household(store: &mut Store, templates: &Templates) -> (HouseholdId, Vec<String>) {
    use keukentafel_checklist::{AnswerInput, AnswerValue, MeasureItem};
    let input = HouseholdInput {
        name: "Fam. Zonnebloem-Geheim".into(),
        street_address: "Verstopstraat 77".into(),
        postcode: "3764 ZZ".into(),
        wijk: "Smitsveen".into(),
        adults: 2,
        heating: Some(Heating::GasBoiler),
        notes: "Notitie Kwartel-4471".into(),
        ..Default::default()
    };
    let h = keukentafel_api::households::create(store, input).unwrap().id;
    let visit = store
        .plan_visit(
            VisitInput {
                household_id: h,
                planned_date: day(2026, 10, 12),
                planned_time: "10:00".into(),
                kind: VisitKind::Combined,
                volunteers: vec!["Anna".into()],
                status: VisitStatus::Planned,
                summary: "Verslag Reiger-9902".into(),
            },
            today(),
        )
        .unwrap()
        .id;
    let answers = [
        ("documents", AnswerValue::MultiChoice(vec!["annual_bill".into()])),
        ("net_income", AnswerValue::Money(150_000)),
        ("energy_cost", AnswerValue::Money(240_000)),
        ("gas_use", AnswerValue::Number(1_100.0)),
        ("electricity_use", AnswerValue::Number(2_500.0)),
        ("energy_arrears", AnswerValue::YesNo(true)),
        ("energy_arrears_amount", AnswerValue::Money(45_600)),
        ("debt_help_referral", AnswerValue::Choice("municipality".into())),
        ("installed", AnswerValue::MeasureInstalled(vec![MeasureItem { measure: "led".into(), quantity: 4, location: String::new() }])),
        ("own_question", AnswerValue::Text("Antwoord Pimpernel-3318".into())),
    ];
    for (step, value) in answers {
        let input = AnswerInput { visit_id: visit, step_id: step.into(), value: Some(value), answered_by: None };
        keukentafel_api::visits::answer_step(store, templates, input, today()).unwrap();
    }
    let close = keukentafel_api::CloseVisit { visit_id: visit, follow_up_date: Some(day(2026, 12, 1)), follow_up_time: "10:00".into() };
    let closed = keukentafel_api::tasks::close_visit(store, templates, close, today()).unwrap();
    let mut ids = vec![h.to_string(), visit.to_string()];
    ids.extend(closed.tasks.iter().map(|t| t.task.id.to_string()));
    ids.extend(closed.follow_up.iter().map(|f| f.id.to_string()));
    let texts = ["Fam. Zonnebloem-Geheim", "Verstopstraat 77", "3764 ZZ", "Kwartel-4471", "Reiger-9902", "Pimpernel-3318"];
    (h, texts.into_iter().map(String::from).chain(ids).collect())
}

#[test]
fn the_residue_holds_no_id_or_text_of_the_household() {
    let root = tempfile::tempdir().unwrap();
    let templates = Templates::builtin().unwrap();
    let path = root.path().join("c").join("k.sqlite3");
    let mut store =
        keukentafel_api::profile::init(&path, testing::PASSPHRASE, Sources::system(), UserProfileInput { name: "Cora".into(), organisation: "EAS".into(), phone: String::new(), role: Role::Coordinator })
            .unwrap()
            .0;
    let (h, planted) = planted_household(&mut store, &templates);
    let (texts, ids) = planted.split_at(6);
    assert!(ids.len() >= 4, "household, visit, a referral, the follow-up: {ids:?}");
    let bytes = raw(&path, store.key());
    for t in texts {
        assert!(contains(&bytes, t), "the planted text {t} is seen before");
    }
    let movements = store.conn().query_row("SELECT count(*) FROM stock_movements WHERE household_id = ?1", [h.to_string()], |r| r.get::<_, i64>(0)).unwrap();
    assert!(movements > 0, "the LEDs were booked out");

    erasure::erase(&mut store, &templates, h, "verzoek van het huishouden", today(), now()).unwrap();
    let residue = residue_text(&store);
    assert!(residue.contains("|Smitsveen"), "the residue keeps the wijk: {residue}");
    assert!(residue.contains("|combined|done|2026-10-12|{"), "and the visit with its figures: {residue}");
    assert!(residue.contains("|follow_up|planned|2026-12-01|"), "{residue}");
    assert!(residue.contains("|debt_help_referral|"), "and the referral: {residue}");
    assert_eq!(store.conn().query_row("SELECT count(*) FROM residue_materials", [], |r| r.get::<_, i64>(0)).unwrap(), movements);
    for id in ids {
        assert!(!residue.contains(id.as_str()), "the residue holds no id of the household's records ({id}): {residue}");
    }
    for id in residue_ids(&store) {
        assert!(!ids.contains(&id), "a residue id is not one of the household's");
    }
    for text in texts {
        assert!(!residue.contains(text.as_str()), "{text} in the residue");
    }
    let bytes = raw(&path, store.key());
    for text in texts {
        assert!(!contains(&bytes, text), "{text} is gone from the store file");
    }
    for id in residue_ids(&store) {
        assert!(contains(&bytes, &id), "the check sees the residue ids in the pages");
    }
}

#[test]
fn files_made_after_an_erasure_carry_no_residue_and_a_laptop_keeps_none() {
    let root = tempfile::tempdir().unwrap();
    let dir = |n: &str| {
        let d = root.path().join(n);
        std::fs::create_dir_all(&d).unwrap();
        d
    };
    let (coord, anna, usb) = (dir("coord").join("k.sqlite3"), dir("anna").join("k.sqlite3"), dir("usb"));
    ok(&["init", "--db", s(&coord), "--name", "Carla", "--role", "coordinator"]);
    ok(&["init", "--db", s(&anna), "--name", "Anna", "--role", "energy_coach"]);
    let code = ok(&["pairing", "--db", s(&coord)]).lines().next().unwrap().to_owned();
    ok(&["link", "--db", s(&anna), "--pairing", &code]);
    let code = ok(&["pairing", "--db", s(&anna)]).lines().next().unwrap().to_owned();
    ok(&["enroll", "--db", s(&coord), "--pairing", &code]);
    let templates = Templates::builtin().unwrap();
    let h = {
        let mut store = open(&anna);
        planted_household(&mut store, &templates).0
    };
    let f = PathBuf::from(ok(&["export", "--db", s(&anna), "--out", s(&usb)]).trim());
    let reports: serde_json::Value = serde_json::from_str(&ok(&["import", "--db", s(&coord), s(&f)])).unwrap();
    let anna_replica = reports[0]["sender"]["replica"].as_str().unwrap().to_owned();
    let r = PathBuf::from(ok(&["return-file", "--db", s(&coord), "--peer", &anna_replica, "--out", s(&usb)]).trim());
    ok(&["import", "--db", s(&anna), s(&r)]);

    // The coordinator erases it through the CLI (the use case that keeps the residue).
    ok(&["erase", "--db", s(&coord), "--household", &h.to_string(), "--reason", "verzoek van het huishouden"]);
    let ids = residue_ids(&open(&coord));
    assert!(ids.len() >= 4, "a residue was kept: {ids:?}");

    // The return file that carries the erasure: its ops (decrypted with Anna's key) name none.
    let r = PathBuf::from(ok(&["return-file", "--db", s(&coord), "--peer", &anna_replica, "--out", s(&usb)]).trim());
    let key = keukentafel_sync::load_or_create_identity(&open(&anna)).unwrap();
    let plain = keukentafel_sync::content::plaintext(&std::fs::read(&r).unwrap(), &key).unwrap();
    let contents = keukentafel_sync::format::read_plaintext(&plain).unwrap();
    assert!(contents.manifest.erase.as_ref().is_some_and(|e| e.contains(&h)), "the file carries the erasure");
    for id in &ids {
        assert!(!contains(&plain, id), "the return file carries residue id {id}");
    }
    // Neither does the dump, nor any op the coordinator could ever send.
    let dump = ok(&["dump", "--db", s(&coord)]);
    for id in &ids {
        assert!(!dump.contains(id.as_str()), "the dump names residue id {id}");
    }
    let ops: i64 = open(&coord)
        .conn()
        .query_row(
            "SELECT count(*) FROM ops o, residue_households r WHERE instr(o.entity_id || o.value, r.id) > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ops, 0);

    // Anna's laptop erases it on the coordinator's word and keeps no residue.
    ok(&["import", "--db", s(&anna), s(&r)]);
    let laptop = open(&anna);
    assert!(laptop.household(h).is_err(), "erased on the laptop");
    assert_eq!(residue_text(&laptop), "", "a laptop keeps no residue");
    // Its next export carries none either (it has none to carry).
    let f = PathBuf::from(ok(&["export", "--db", s(&anna), "--out", s(&usb)]).trim());
    let key = keukentafel_sync::load_or_create_identity(&open(&coord)).unwrap();
    let plain = keukentafel_sync::content::plaintext(&std::fs::read(&f).unwrap(), &key).unwrap();
    for id in &ids {
        assert!(!contains(&plain, id), "the export carries residue id {id}");
    }
}
