//! `keukentafel-cli receipts`: a volunteer's exports with the coordinator's receipts, and the
//! coordinator's files received per volunteer with the gaps, as JSON, after a round in which
//! one file was lost on the way.

use std::path::{Path, PathBuf};
use std::process::Command;

use keukentafel_api::households;
use keukentafel_domain::{HouseholdInput, Sources};
use keukentafel_store::Store;
use serde_json::{json, Value as Json};

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn ok(args: &[&str]) -> String {
    let o = Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs");
    assert!(o.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A new household, then an export to the coordinator: a new file with a new number.
fn export_new(db: &Path, out: &Path, name: &str) -> PathBuf {
    let mut store = Store::unlock(db, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    households::create(&mut store, HouseholdInput { name: name.into(), adults: 1, ..Default::default() }).unwrap();
    drop(store);
    PathBuf::from(ok(&["export", "--db", s(db), "--out", s(out)]).trim())
}

fn receipts(db: &Path) -> Json {
    serde_json::from_str(&ok(&["receipts", "--db", s(db)])).unwrap()
}

#[test]
fn receipts_show_what_arrived_and_which_file_was_lost() {
    let root = tempfile::tempdir().unwrap();
    let (coord, anna, usb) = (root.path().join("coord.sqlite3"), root.path().join("anna/k.sqlite3"), root.path().join("usb"));
    std::fs::create_dir_all(&usb).unwrap();
    std::fs::create_dir_all(anna.parent().unwrap()).unwrap();
    ok(&["init", "--db", s(&coord), "--name", "Carla", "--role", "coordinator"]);
    ok(&["init", "--db", s(&anna), "--name", "Anna", "--role", "energy_coach"]);
    let code = ok(&["pairing", "--db", s(&coord)]).lines().next().unwrap().to_owned();
    ok(&["link", "--db", s(&anna), "--pairing", &code]);
    let code = ok(&["pairing", "--db", s(&anna)]).lines().next().unwrap().to_owned();
    ok(&["enroll", "--db", s(&coord), "--pairing", &code]);
    assert_eq!(receipts(&anna), json!({"export_files": [], "received_files": []}));

    let one = export_new(&anna, &usb, "Fam. Aydin");
    let _lost = export_new(&anna, &usb, "Fam. Bos");
    let three = export_new(&anna, &usb, "Fam. Claes");
    ok(&["import", "--db", s(&coord), s(&one), s(&three)]);

    let at_coord = receipts(&coord);
    let row = &at_coord["received_files"][0];
    assert_eq!(row["name"], "Anna");
    assert_eq!(row["summary"]["count"], 2);
    assert_eq!(row["summary"]["last_number"], 3);
    assert_eq!(row["summary"]["gaps"], json!([{"from": 2, "to": 2}]), "file 2 never arrived");
    let numbers: Vec<&Json> = row["files"].as_array().unwrap().iter().map(|f| &f["file_number"]).collect();
    assert_eq!(numbers, [&json!(3), &json!(1)], "newest first");
    let overview: Json = serde_json::from_str(&ok(&["overview", "--db", s(&coord)])).unwrap();
    assert_eq!(overview["volunteers"][0]["files"], row["summary"], "the overview shows the same");

    let anna_replica = row["replica"].as_str().unwrap().to_owned();
    let back = PathBuf::from(ok(&["return-file", "--db", s(&coord), "--peer", &anna_replica, "--out", s(&usb)]).trim());
    assert_eq!(receipts(&coord)["export_files"], json!([]), "return files are not listed as exports");
    let report: Json = serde_json::from_str(&ok(&["import", "--db", s(&anna), s(&back)])).unwrap();
    assert_eq!(report[0]["merged"]["confirmed_files"], json!([1, 3]));

    let at_anna = receipts(&anna);
    let files = at_anna["export_files"].as_array().unwrap();
    let seen: Vec<(i64, bool)> = files.iter().map(|f| (f["number"].as_i64().unwrap(), f["received_at"].is_string())).collect();
    assert_eq!(seen, [(3, true), (2, false), (1, true)], "newest first; the lost file is not confirmed");
    assert_eq!(at_anna["received_files"], json!([]), "a volunteer enrolled nobody");
}
