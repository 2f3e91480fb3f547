//! The materials stock through real export files: a volunteer's demo laptop books what its
//! closed visits installed; the coordinator imports the volunteer's file twice and holds each
//! booking once; stock received at the office adds up with what went out; the budget per
//! household marks the households above it. Every expectation is counted independently from
//! `dump`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

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

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// Items handed out per item id, counted from the movements in `dump`.
fn handed_out_in_dump(db: &Path) -> BTreeMap<String, i64> {
    let d = json(&["dump", "--db", s(db)]);
    let mut out = BTreeMap::new();
    for m in d["stock_movements"].as_array().expect("stock_movements in dump") {
        if m["kind"] == "handed_out" {
            *out.entry(m["item_id"].as_str().unwrap().to_owned()).or_default() += -m["delta"].as_i64().unwrap();
        }
    }
    out
}

/// Items handed out per item id, as the `stock` command reports them.
fn handed_out_in_stock(db: &Path) -> BTreeMap<String, i64> {
    let stock = json(&["stock", "--db", s(db)]);
    stock["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["handed_out"].as_i64().unwrap() > 0)
        .map(|l| (l["item"]["id"].as_str().unwrap().to_owned(), l["handed_out"].as_i64().unwrap()))
        .collect()
}

#[test]
fn a_volunteers_bookings_reach_the_coordinator_once_and_add_up_with_the_office_stock() {
    let dir = tempfile::tempdir().unwrap();
    let coordinator = dir.path().join("c").join("k.sqlite3");
    let volunteer = dir.path().join("v").join("k.sqlite3");
    assert!(cli(&["init", "--db", s(&coordinator), "--name", "Carla", "--role", "coordinator"]).status.success());
    let key = String::from_utf8(cli(&["key", "--db", s(&coordinator)]).stdout).unwrap().trim().to_owned();
    let o = cli(&["demo", "--db", s(&volunteer), "--households", "16", "--seed", "7", "--today", &today()]);
    assert!(o.status.success(), "demo: {}", String::from_utf8_lossy(&o.stderr));

    // The demo closed visits that installed measures: booked on the volunteer's laptop.
    let booked = handed_out_in_dump(&volunteer);
    assert!(!booked.is_empty(), "the demo's closed visits installed measures");
    assert_eq!(handed_out_in_stock(&volunteer), booked);

    let o = cli(&["pairing", "--db", s(&volunteer)]);
    let code = String::from_utf8(o.stdout).unwrap().lines().next().unwrap().to_owned();
    assert!(cli(&["enroll", "--db", s(&coordinator), "--pairing", &code]).status.success());
    let o = cli(&["export", "--db", s(&volunteer), "--out", s(&dir.path().join("usb")), "--recipient", &key]);
    assert!(o.status.success(), "export: {}", String::from_utf8_lossy(&o.stderr));
    let file = PathBuf::from(String::from_utf8(o.stdout).unwrap().trim());

    json(&["import", "--db", s(&coordinator), s(&file)]);
    let again = json(&["import", "--db", s(&coordinator), s(&file)]);
    assert_eq!(again[0]["merged"]["new"], 0, "the second import brings nothing new");
    assert_eq!(handed_out_in_dump(&coordinator), booked, "each booking once at the coordinator");
    assert_eq!(handed_out_in_stock(&coordinator), booked);

    // The office receives 40 of the first booked measure's item, then counts 35 left.
    let (item, out) = booked.iter().next().map(|(k, v)| (k.clone(), *v)).unwrap();
    let m = json(&["stock", "--db", s(&coordinator), "--item", &item, "--kind", "received", "--quantity", "40"]);
    assert_eq!(m["delta"], 40);
    let level = |db: &Path| -> i64 {
        let stock = json(&["stock", "--db", s(db)]);
        stock["items"].as_array().unwrap().iter().find(|l| l["item"]["id"] == item.as_str()).unwrap()["on_hand"].as_i64().unwrap()
    };
    assert_eq!(level(&coordinator), 40 - out);
    let m = json(&["stock", "--db", s(&coordinator), "--item", &item, "--kind", "corrected", "--quantity", "35"]);
    assert_eq!(m["delta"], 35 - (40 - out), "a count books the difference");
    assert_eq!(level(&coordinator), 35);

    // A wrong movement is refused and changes nothing.
    let o = cli(&["stock", "--db", s(&coordinator), "--item", &item, "--kind", "received", "--quantity", "0"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).to_lowercase().contains("number"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(level(&coordinator), 35);

    // The budget: households whose materials cost more are marked, counted from the prices.
    let settings = json(&["settings", "--db", s(&coordinator), "--budget-cents", "1"]);
    assert_eq!(settings["budget_per_household_cents"], 1);
    let stock = json(&["stock", "--db", s(&coordinator)]);
    assert_eq!(stock["budget_per_household_cents"], 1);
    let over = stock["households"].as_array().unwrap().iter().filter(|h| h["over_budget"] == true).count();
    let priced = stock["households"].as_array().unwrap().iter().filter(|h| h["cost_cents"].as_u64().unwrap() > 1).count();
    assert_eq!(stock["over_budget"].as_u64().unwrap() as usize, over);
    assert_eq!(over, priced, "over budget exactly where the cost is above it");
    let o = cli(&["settings", "--db", s(&coordinator), "--stale-after-days", "0"]);
    assert!(!o.status.success(), "a stale period of 0 days is refused");
}
