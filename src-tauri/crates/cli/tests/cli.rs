//! The CLI binary, run as a user would: demo determinism, dump, refusals, and the crash test.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use keukentafel_domain::{HouseholdId, Sources};
use keukentafel_store::Store;

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs")
}

fn demo(db: &Path, seed: &str) {
    let out = cli(&["demo", "--db", db.to_str().unwrap(), "--households", "25", "--seed", seed, "--today", "2026-11-23"]);
    assert!(out.status.success(), "demo failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn dump(db: &Path) -> Vec<u8> {
    let out = cli(&["dump", "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "dump failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn demo_with_the_same_seed_gives_the_same_dump() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (dir.path().join("a.sqlite3"), dir.path().join("b.sqlite3"), dir.path().join("c.sqlite3"));
    demo(&a, "42");
    demo(&b, "42");
    demo(&c, "43");
    assert_eq!(dump(&a), dump(&b), "same seed, same content, byte for byte");
    assert_ne!(dump(&a), dump(&c), "another seed gives other households");

    let value: serde_json::Value = serde_json::from_slice(&dump(&a)).unwrap();
    let households = value["households"].as_array().unwrap();
    assert_eq!(households.len(), 25);
    let wijken: std::collections::BTreeSet<&str> = households.iter().map(|h| h["wijk"].as_str().unwrap()).collect();
    assert!(wijken.len() >= 3, "demo households are spread over several wijken: {wijken:?}");
    assert!(!value["consent_events"].as_array().unwrap().is_empty());
    assert!(!value["visits"].as_array().unwrap().is_empty());
}

#[test]
fn demo_refuses_a_store_that_already_has_households() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    demo(&db, "1");
    let before = dump(&db);
    let out = cli(&["demo", "--db", db.to_str().unwrap(), "--households", "3"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds households"));
    assert_eq!(dump(&db), before, "nothing was added");
}

#[test]
fn dump_of_one_household_carries_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    demo(&db, "5");
    let all: serde_json::Value = serde_json::from_slice(&dump(&db)).unwrap();
    let id = all["households"][0]["id"].as_str().unwrap();
    let out = cli(&["dump", "--db", db.to_str().unwrap(), "--household", id]);
    assert!(out.status.success());
    let one: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(one["household"]["id"], id);
    let history = one["history"].as_array().unwrap();
    assert!(history.iter().any(|op| op["entity_id"] == id && op["field"] == "name"));
    assert!(one["visits"].as_array().unwrap().iter().all(|v| v["household_id"] == id));
}

#[test]
fn dump_of_a_missing_store_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.sqlite3");
    let out = cli(&["dump", "--db", db.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(!db.exists());
}

/// Kill the CLI with SIGKILL in the middle of a burst of writes, many times, on the same store.
/// Every household the CLI reported as saved must still be there, and the file must be sound.
#[test]
fn sigkill_during_writes_loses_nothing_that_was_reported_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let mut promised: Vec<HouseholdId> = Vec::new();
    let rounds = 30;
    for round in 0..rounds {
        let mut child = Command::new(CLI)
            .env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE)
            .args(["burst", "--db", db.to_str().unwrap(), "--count", "100000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Kill after a varying number of confirmed writes: from the very first to a few dozen.
        let kill_after = 1 + (round * 7) % 40;
        for _ in 0..kill_after {
            match lines.next() {
                Some(line) => promised.push(parse_saved(&line.unwrap())),
                None => break,
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        // Lines written before the kill are promises too.
        for line in lines {
            promised.push(parse_saved(&line.unwrap()));
        }
        child.wait().unwrap();
    }
    let store = Store::unlock(&db, keukentafel_store::testing::PASSPHRASE, Sources::system()).expect("the store opens after every crash");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    for id in &promised {
        store.household(*id).unwrap_or_else(|e| panic!("household {id} was reported saved but is gone: {e}"));
    }
    let ops: i64 = store.op_count().unwrap();
    assert!(promised.len() >= rounds, "every round confirmed at least one write");
    assert!(ops as usize >= promised.len() * 16, "each saved household has its ops");
}

fn parse_saved(line: &str) -> HouseholdId {
    line.strip_prefix("saved ").and_then(|id| id.parse().ok()).unwrap_or_else(|| panic!("unexpected line {line:?}"))
}

#[test]
fn demo_visits_that_took_place_show_the_whole_story() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    demo(&db, "2026");
    let mut store = Store::unlock(&db, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    let templates = keukentafel_api::visits::Templates::builtin().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let query = keukentafel_domain::HouseholdQuery { include_archived: true, ..Default::default() };
    let mut done = Vec::new();
    for h in store.list_households(&query, today).unwrap() {
        for v in keukentafel_api::households::detail(&store, h.id).unwrap().visits {
            if v.data.kind == keukentafel_domain::VisitKind::Combined && v.data.status == keukentafel_domain::VisitStatus::Done {
                done.push(v.id);
            }
        }
    }
    assert!(done.len() >= 5, "the demo has combined visits that took place: {}", done.len());
    // Each was closed: its tasks exist, and a follow-up visit is planned or took place, some
    // with a measured change.
    let mut measured = 0;
    for &visit in &done {
        let v = store.visit(visit).unwrap();
        let tasks = keukentafel_api::tasks::of_household(&store, v.data.household_id, today).unwrap();
        assert!(tasks.iter().any(|t| t.task.data.visit_id == Some(visit)), "closing made tasks");
        let follow_ups: Vec<_> = keukentafel_api::households::detail(&store, v.data.household_id)
            .unwrap()
            .visits
            .into_iter()
            .filter(|f| f.data.kind == keukentafel_domain::VisitKind::FollowUp)
            .collect();
        assert_eq!(follow_ups.len(), 1);
        if follow_ups[0].data.status == keukentafel_domain::VisitStatus::Done {
            let r = keukentafel_api::follow_up::review(&mut store, &templates, follow_ups[0].id, today).unwrap();
            if matches!(r.measured, keukentafel_api::Measured::Change { .. }) {
                measured += 1;
            }
        }
    }
    assert!(measured >= 2, "some follow-ups measured a change: {measured}");
    // One person wrote the demo, each edit on what it saw: no conflicts.
    assert_eq!(store.open_conflicts().unwrap().len(), 0, "the demo has no conflicts");
    for visit in done {
        let c = keukentafel_api::visits::open_checklist(&mut store, &templates, visit).unwrap();
        let e = &c.evaluation;
        assert!(e.missing_required.is_empty(), "{}: missing {:?}", c.household_name, e.missing_required);
        assert!(e.answer_problems.is_empty(), "{}: {:?}", c.household_name, e.answer_problems);
        assert!(e.figures.total_saving.eur > 0.0, "{}: a saving in euros", c.household_name);
        assert!(e.figures.energy_quote_before.is_some(), "{}: an energy quote", c.household_name);
        assert!(!e.figures.indicators.is_empty() && !e.actions.is_empty() && e.next_visit.is_some(), "{}", c.household_name);
    }
}

#[test]
fn tasks_prints_open_tasks_by_owner_and_due_date_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    demo(&db, "2026");
    let run = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec!["tasks", "--db", db.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = cli(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let all = run(&[]);
    assert!(all.len() >= 5, "the demo's closed visits made open tasks: {}", all.len());
    assert!(all.iter().all(|r| matches!(r["task"]["status"].as_str(), Some("open" | "in_progress"))));
    assert!(all.iter().all(|r| !r["household_name"].as_str().unwrap_or_default().is_empty()));
    let due: Vec<&str> = all.iter().map(|r| r["task"]["due"].as_str().unwrap()).collect();
    assert!(due.windows(2).all(|w| w[0] <= w[1]), "soonest due first");
    // One volunteer's tasks, due by a day.
    let owner = all.iter().find_map(|r| (r["task"]["owner_kind"] == "volunteer").then(|| r["task"]["owner_name"].as_str().unwrap().to_owned())).unwrap();
    let theirs = run(&["--owner", &owner.to_uppercase(), "--due-before", "2026-12-31"]);
    assert!(!theirs.is_empty());
    assert!(theirs.iter().all(|r| r["task"]["owner_name"] == owner.as_str() && r["task"]["due"].as_str().unwrap() <= "2026-12-31"));
    // Closed ones too with --all.
    assert!(run(&["--all"]).len() > all.len(), "some demo tasks are done");
    // A bad date is refused with a message, not a panic.
    let out = cli(&["tasks", "--db", db.to_str().unwrap(), "--due-before", "31-12-2026"]);
    assert!(!out.status.success());
}

/// `pairing | head -n 1` in a script: a reader that closes the pipe before the second line is
/// no error (the command used to panic on the broken pipe and fail the script's pipeline).
#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    let cli = env!("CARGO_BIN_EXE_keukentafel-cli");
    let o = Command::new(cli).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(["init", "--db", db.to_str().unwrap(), "--name", "Vera", "--role", "energy_coach"]).output().unwrap();
    assert!(o.status.success());
    for args in [&["pairing", "--db"][..], &["key", "--db"][..], &["dump", "--db"][..]] {
        let mut child = Command::new(cli)
            .env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE)
            .args(args)
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // closed before the command writes anything
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
