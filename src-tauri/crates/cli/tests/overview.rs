//! `keukentafel-cli overview` on a demo store: JSON whose status counts add up to the
//! households that are not archived (counted independently from `dump`), with every such
//! household listed in exactly one cell.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value as Json;

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn json(args: &[&str]) -> Json {
    let o = Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs");
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn overview_of_a_demo_store_counts_every_household_not_archived_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db = db.to_str().unwrap();
    let o = Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(["demo", "--db", db, "--households", "30", "--today", "2026-11-23"]).output().unwrap();
    assert!(o.status.success(), "demo: {}", String::from_utf8_lossy(&o.stderr));

    let dump = json(&["dump", "--db", db]);
    let not_archived: BTreeSet<String> = dump["households"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["archived"] != Json::Bool(true))
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!not_archived.is_empty());

    let overview = json(&["overview", "--db", db, "--today", "2026-11-23", "--stale-after-days", "14"]);
    assert_eq!(overview["today"], "2026-11-23");
    assert_eq!(overview["stale_after_days"], 14);
    let households = &overview["households"];
    let by_status: u64 = households["by_status"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).sum();
    assert_eq!(by_status, not_archived.len() as u64, "the status counts add up to the households not archived");
    assert_eq!(households["total"].as_u64().unwrap(), by_status);

    let listed: Vec<String> = households["by_wijk"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["cells"].as_array().unwrap().iter())
        .flat_map(|c| c["households"].as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(listed.len(), not_archived.len(), "each household in one cell");
    assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), not_archived);

    // The demo's visits took place before its day: some were done this quarter.
    assert!(overview["visits"]["done_this_quarter"]["visits"]["total"].as_u64().unwrap() > 0);
    assert!(overview["volunteers"].as_array().unwrap().is_empty(), "a demo store enrolled nobody");
}

#[test]
fn overview_of_a_missing_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nothing.sqlite3");
    let o = Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(["overview", "--db", db.to_str().unwrap()]).output().unwrap();
    assert!(!o.status.success());
    assert!(!db.exists(), "asking for an overview creates no store");
}
