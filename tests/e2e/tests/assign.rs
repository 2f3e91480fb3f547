//! Assignments in the real window: the coordinator gives households to volunteer installations
//! on the Vrijwilligers page, and a return file carries only the households of the volunteer it
//! is for. Two volunteers' laptops are prepared with the CLI (A with three households, B with
//! none) and enrolled in the window; the coordinator reads in A's file, gives one of A's
//! households to B and takes another off A (after a question), and writes both return files.
//! B's file, opened with B's key, holds the records of that one household only; B holds exactly
//! that household after reading it in (also after the coordinator revoked him); A's laptop
//! forgets the household taken off it and says so in its import report.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots of the volunteers page.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};
use serde_json::Value;

/// The installation id in a pairing code (as `pairing-show` reads it).
fn replica_of(code: &str) -> String {
    let shown: Value = serde_json::from_str(&cli(&["pairing-show", "--code", code])).expect("JSON");
    shown["pairing"]["replica"].as_str().expect("a replica").to_owned()
}

/// A volunteer's laptop prepared outside the window: linked with the coordinator's pairing file;
/// returns its pairing code and the fingerprint its screen shows.
fn link(db: &Path, c_file: &str) -> (String, String) {
    let db = db.to_str().unwrap();
    cli(&["link", "--db", db, "--pairing", c_file]);
    let shown = cli(&["pairing", "--db", db]);
    let mut lines = shown.lines().map(str::to_owned);
    (lines.next().expect("the code line"), lines.next().expect("the fingerprint line"))
}

/// Every record of a store (household, visit, consent, answer, assignment) by id, with the
/// household it belongs to.
fn household_of_records(db: &Path) -> BTreeMap<String, String> {
    let d = dump(db);
    let list = |key: &str| d[key].as_array().cloned().unwrap_or_default();
    let id = |r: &Value, key: &str| r[key].as_str().unwrap_or_default().to_owned();
    let mut of = BTreeMap::new();
    for h in list("households") {
        of.insert(id(&h, "id"), id(&h, "id"));
    }
    for key in ["visits", "consent_events", "assignments"] {
        for r in list(key) {
            of.insert(id(&r, "id"), id(&r, "household_id"));
        }
    }
    for a in list("answers") {
        let household = of.get(&id(&a, "visit_id")).cloned().unwrap_or_default();
        of.insert(id(&a, "id"), household);
    }
    of
}

/// Today as `YYYY-MM-DD` on this machine, for the demo data (its clocks must not lie ahead).
fn today() -> String {
    let out = std::process::Command::new("date").arg("+%F").output().expect("date runs");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_household_given_to_a_volunteer_reaches_only_that_volunteer() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let c_db = dir.path().join("coordinator.sqlite3");
    let a_db = dir.path().join("anna.sqlite3");
    let b_db = dir.path().join("bram.sqlite3");
    let out = dir.path().join("usb stick");
    std::fs::create_dir_all(&out).unwrap();
    let out_str = out.to_str().unwrap();

    // 1. The coordinator's first start: their pairing code saved as a file for the volunteers.
    let app = App::launch(&driver, &c_db).await;
    fill_in_profile(&app, "Carla Bakker", "coordinator").await;
    open_volunteers(&app).await;
    own_pairing(&app).await;
    app.click("#save-code").await;
    fill(&app, "#pairing-dir", out_str).await;
    app.click("#save-code-confirm").await;
    app.wait_for("#code-saved", TIMEOUT).await;
    let c_file = app.text("[data-testid=pairing-path]").await.trim().to_owned();
    app.close().await;

    // 2. Two volunteers' laptops, linked with that file: Anna with three households, who
    //    exports them; Bram with none.
    cli(&["demo", "--db", a_db.to_str().unwrap(), "--households", "3", "--seed", "11", "--today", &today()]);
    let (a_code, a_fingerprint) = link(&a_db, &c_file);
    let a_file = cli(&["export", "--db", a_db.to_str().unwrap(), "--out", out_str]).trim().to_owned();
    cli(&[
        "init", "--db", b_db.to_str().unwrap(), "--name", "Bram Jansen", "--role", "debt_help_volunteer",
        "--organisation", "Energie Actief Soest",
    ]);
    let (b_code, b_fingerprint) = link(&b_db, &c_file);
    let (a, b) = (replica_of(&a_code), replica_of(&b_code));
    let records = household_of_records(&a_db);
    // The one to give to Bram must be one the coordinator's choice offers: not archived (the
    // demo archives some).
    let mut households: Vec<(String, String, bool)> = dump(&a_db)["households"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["name"].as_str().unwrap().to_owned(), h["id"].as_str().unwrap().to_owned(), h["archived"] == true))
        .collect();
    assert_eq!(households.len(), 3, "Anna has three households: {households:?}");
    households.sort_by_key(|(name, _, archived)| (*archived, name.clone()));
    assert!(!households[0].2, "one of them is not archived: {households:?}");
    let [(given_name, given, _), (taken_name, taken, _), (kept_name, _, _)] =
        <[(String, String, bool); 3]>::try_from(households).unwrap();

    // 3. The coordinator enrols both (after comparing the fingerprints) and reads in Anna's
    //    file: her households are hers.
    let app = App::launch(&driver, &c_db).await;
    open_volunteers(&app).await;
    let seen = preview_code(&app, "volunteer-code", "volunteer", &a_code).await;
    assert_eq!(seen, a_fingerprint, "the fingerprint Anna's screen shows");
    app.click("#enrol-volunteer").await;
    app.wait_for_text("[data-testid=volunteer]", "Anna de Vries", TIMEOUT).await;
    let seen = preview_code(&app, "volunteer-code", "volunteer", &b_code).await;
    assert_eq!(seen, b_fingerprint, "the fingerprint Bram's screen shows");
    app.click("#enrol-volunteer").await;
    app.wait_for_text("[data-testid=volunteer]", "Bram Jansen", TIMEOUT).await;
    open_sync(&app).await;
    let rows = import(&app, &[&a_file]).await;
    assert!(rows[0]["refusal"].is_null(), "Anna's file is read in: {rows:?}");

    // 4. On the Vrijwilligers page: Anna's row lists her three households, Bram's none.
    open_volunteers(&app).await;
    let row_a = format!("[data-testid=volunteer][data-replica=\"{a}\"]");
    let row_b = format!("[data-testid=volunteer][data-replica=\"{b}\"]");
    for name in [&given_name, &taken_name, &kept_name] {
        app.wait_for_text(&format!("{row_a} [data-testid=assigned-name]"), name, TIMEOUT).await;
    }
    let since = app.text(&format!("{row_a} [data-testid=assigned-household]")).await;
    assert!(since.contains("sinds "), "since when, in Dutch: {since}");
    app.wait_for_text(&format!("{row_b} [data-testid=no-households]"), "Nog geen huishoudens", TIMEOUT).await;

    //    "Toewijzen" with nothing chosen says what to do, at the choice.
    let choice_b = format!("#assign-{b}");
    app.click(&format!("{row_b} [data-testid=assign]")).await;
    app.wait_for_text(&format!("#assign-{b}-error"), "Kies eerst een huishouden", TIMEOUT).await;

    //    One of Anna's households is given to Bram as well; the choice no longer offers it.
    app.select(&choice_b, &given).await;
    app.click(&format!("{row_b} [data-testid=assign]")).await;
    app.wait_for_text(&format!("{row_b} [data-testid=assigned-name]"), &given_name, TIMEOUT).await;
    app.wait_gone(&format!("#assign-{b}-error"), TIMEOUT).await;
    assert_eq!(app.count(&format!("{choice_b} option[value=\"{given}\"]")).await, 0, "given once");
    assert_eq!(app.texts(&format!("{row_b} [data-testid=assigned-name]")).await, vec![given_name.clone()]);

    //    Another is taken off Anna, after a question that says what her laptop will do.
    let off = format!("{row_a} [data-testid=assigned-household][data-household=\"{taken}\"] [data-testid=unassign]");
    app.click(&off).await;
    let question = app.text(&format!("#unassign-dialog-{a}")).await;
    assert!(question.contains(&taken_name) && question.contains("wist de laptop"), "what happens: {question}");
    assert!(question.contains("gaat niet verloren"), "and what stays: {question}");
    shot(&app, "volunteers-unassign").await;
    app.click(&format!("#unassign-dialog-{a}-confirm")).await;
    app.wait_until("the household is taken off Anna", TIMEOUT, || async {
        let mut names = app.texts(&format!("{row_a} [data-testid=assigned-name]")).await;
        names.sort();
        let mut left = vec![given_name.clone(), kept_name.clone()];
        left.sort();
        names == left
    })
    .await;
    shot(&app, "volunteers-households").await;

    // 5. The return files, for Bram and for Anna.
    open_sync(&app).await;
    fill(&app, "#export-dir", out_str).await;
    let mut back = BTreeMap::new();
    for (replica, name) in [(&b, "Bram Jansen"), (&a, "Anna de Vries")] {
        let button = format!("[data-testid=return-file][data-replica=\"{replica}\"]");
        app.click(&button).await;
        app.wait_for_text("#return-result", name, TIMEOUT).await;
        let path = app.text("[data-testid=return-path]").await.trim().to_owned();
        assert!(Path::new(&path).is_file(), "the return file exists: {path}");
        assert!(back.insert(replica.clone(), path).is_none());
    }
    let peers = app.texts("[data-testid=peer-households]").await;
    assert!(peers.contains(&"1 huishouden".to_owned()) && peers.contains(&"2 huishoudens".to_owned()), "{peers:?}");

    //    Later Bram is revoked: his row still lists his household, with no choice to give more.
    open_volunteers(&app).await;
    app.click(&format!("{row_b} [data-testid=revoke]")).await;
    app.click("#revoke-dialog-confirm").await;
    app.wait_for_text(&format!("{row_b} [data-testid=volunteer-status]"), "Ingetrokken", TIMEOUT).await;
    app.wait_for_text(&format!("{row_b} [data-testid=assigned-name]"), &given_name, TIMEOUT).await;
    let form_b = app.count(&format!("{row_b} [data-testid=assign-form]")).await;
    assert_eq!(form_b, 0, "nothing more for a revoked volunteer");
    assert_eq!(app.count(&format!("{row_a} [data-testid=assign-form]")).await, 1, "Anna is still active");
    shot(&app, "volunteers-households-revoked").await;
    app.close().await;

    // 6. Bram's file, opened with Bram's key: only the records of the household given to him
    //    (and records of no household, such as the profiles), by record id and by the household
    //    a record names.
    let b_identity = dir.path().join("bram-identity.txt");
    cli(&["key", "--db", b_db.to_str().unwrap(), "--identity-out", b_identity.to_str().unwrap()]);
    let key = keukentafel_sync::KeyPair::read(&b_identity).expect("Bram's key");
    let contents = keukentafel_sync::read_export(&key, Path::new(&back[&b])).expect("Bram can read his file");
    let mut seen = BTreeSet::new();
    for op in &contents.ops {
        let id = op.entity_id.to_string();
        if let Some(household) = records.get(&id) {
            assert_eq!(household, &given, "an op of Anna's other households: {} {} {}", op.entity, id, op.field);
            seen.insert(id.clone());
        }
        let named = match (op.entity.as_str(), op.field.as_str()) {
            ("household", _) => Some(id.clone()),
            (_, "household_id") => op.value.as_str().map(str::to_owned),
            _ => None,
        };
        if let Some(named) = named {
            assert_eq!(named, given, "an op that names another household: {} {} {}", op.entity, id, op.field);
        }
    }
    let of_given: BTreeSet<String> = records.iter().filter(|(_, h)| **h == given).map(|(r, _)| r.clone()).collect();
    assert_eq!(seen, of_given, "every record of the given household is in the file");

    //    Bram reads it in and holds exactly that household, as the coordinator has it.
    let report = cli(&["import", "--db", b_db.to_str().unwrap(), &back[&b]]);
    assert!(report.contains("\"refusal\": null"), "Bram's laptop reads it in: {report}");
    assert_eq!(household_names(&b_db), vec![given_name.clone()], "Bram holds exactly the household given to him");
    let same = |db: &Path| {
        dump(db)["households"].as_array().unwrap().iter().find(|h| h["id"] == given.as_str()).cloned()
    };
    assert_eq!(same(&b_db), same(&c_db), "the same household on both");

    // 7. Anna reads in her return file: her laptop forgets the household taken off her, and the
    //    report says so.
    let app = App::launch(&driver, &a_db).await;
    open_sync(&app).await;
    let rows = import(&app, &[&back[&a]]).await;
    assert!(rows[0]["refusal"].is_null(), "Anna's return file is read in: {rows:?}");
    let forgotten = app.text("#import-report [data-testid=forgotten]").await;
    assert!(
        forgotten.contains("1 huishouden is van deze laptop gewist") && forgotten.contains("coördinator"),
        "the report says why: {forgotten}"
    );
    shot(&app, "sync-volunteer-forgotten").await;
    app.close().await;
    let mut left = vec![given_name, kept_name];
    left.sort();
    assert_eq!(household_names(&a_db), left, "Anna keeps the other two");
}
