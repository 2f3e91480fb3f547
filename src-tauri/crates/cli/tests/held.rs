//! Held-back changes through the CLI: `held` lists them as JSON, `reject --op` and
//! `accept --all` decide, and importing the same file again brings nothing back.

use std::path::{Path, PathBuf};
use std::process::Command;

use keukentafel_domain::{HouseholdInput, Role, Sources, UserProfileInput};
use keukentafel_store::Store;
use serde_json::Value as Json;

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs")
}

fn json(args: &[&str]) -> Json {
    let o = cli(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The coordinator enrols the volunteer from the code `pairing` prints (as after comparing the
/// fingerprint in person): only then are its files imported.
fn enroll(coordinator: &Path, volunteer: &Path) {
    let o = cli(&["pairing", "--db", s(volunteer)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let code = String::from_utf8(o.stdout).unwrap().lines().next().unwrap().to_owned();
    let o = cli(&["enroll", "--db", s(coordinator), "--pairing", &code]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn held_changes_are_listed_rejected_and_accepted_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let coordinator = dir.path().join("c").join("k.sqlite3");
    let o = cli(&["init", "--db", s(&coordinator), "--name", "Carla", "--role", "coordinator"]);
    assert!(o.status.success());
    let key = String::from_utf8(cli(&["key", "--db", s(&coordinator)]).stdout).unwrap().trim().to_owned();

    // A volunteer whose laptop clock runs three days ahead.
    let volunteer = dir.path().join("v").join("k.sqlite3");
    let ahead = chrono::Utc::now().timestamp_millis() + 3 * 24 * 3600 * 1000;
    let mut v = Store::unlock(&volunteer, keukentafel_store::testing::PASSPHRASE, Sources::deterministic(5, ahead, 7)).unwrap();
    v.save_profile(UserProfileInput { name: "Vera".into(), organisation: String::new(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    v.create_household(HouseholdInput { name: "Fam. Jansen".into(), ..Default::default() }).unwrap();
    drop(v);
    enroll(&coordinator, &volunteer);
    let o = cli(&["export", "--db", s(&volunteer), "--out", s(&dir.path().join("usb")), "--recipient", &key]);
    let file = PathBuf::from(String::from_utf8(o.stdout).unwrap().trim());

    let report = json(&["import", "--db", s(&coordinator), s(&file)]);
    let held_back = report[0]["merged"]["held_back"].as_u64().unwrap();
    assert!(held_back > 1);
    let held = json(&["held", "--db", s(&coordinator)]);
    let held = held.as_array().unwrap();
    assert_eq!(held.len() as u64, held_back);
    assert!(held.iter().all(|h| h["reason"] == "future_clock"));
    let name = held.iter().find(|h| h["field"] == "name" && h["entity"] == "household").unwrap();
    assert_eq!(name["value"], "Fam. Jansen");

    let rejected = json(&["reject", "--db", s(&coordinator), "--op", name["op_id"].as_str().unwrap()]);
    assert_eq!(rejected, 1);
    let accepted = json(&["accept", "--db", s(&coordinator), "--all"]);
    assert_eq!(accepted.as_u64().unwrap(), held_back - 1);
    assert_eq!(json(&["held", "--db", s(&coordinator)]), serde_json::json!([]));

    let again = json(&["import", "--db", s(&coordinator), s(&file)]);
    assert_eq!(again[0]["merged"]["held_back"], 0);
    assert_eq!(again[0]["merged"]["new"], 0);
    assert_eq!(json(&["held", "--db", s(&coordinator)]), serde_json::json!([]));

    let o = cli(&["accept", "--db", s(&coordinator), "--op", "0190a4b2-0000-7000-8000-000000000000"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no longer there"));
    assert!(!cli(&["accept", "--db", s(&coordinator)]).status.success(), "--op or --all is required");
}
