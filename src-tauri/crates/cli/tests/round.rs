//! A coordinator's whole round without a window, through the CLI binary only where a
//! coordinator's script would use it: `init` three stores, volunteers `link` to the
//! coordinator's pairing code and are enrolled, `export`, the coordinator `import`s, sees a `conflicts` list, writes
//! `return-file`s, and the volunteers import them. Households are added through the same use
//! cases the app calls (the CLI has no household form).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use keukentafel_api::households;
use keukentafel_domain::{HouseholdId, HouseholdInput, HouseholdUpdate, Sources};
use keukentafel_store::Store;
use serde_json::Value as Json;

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn cli(args: &[&str]) -> Output {
    Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs")
}

fn ok(args: &[&str]) -> String {
    let o = cli(args);
    assert!(o.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn add_household(db: &Path, name: &str) -> HouseholdId {
    let mut store = Store::unlock(db, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    households::create(&mut store, HouseholdInput { name: name.into(), adults: 1, ..Default::default() }).unwrap().id
}

fn rename(db: &Path, id: HouseholdId, name: &str) {
    let mut store = Store::unlock(db, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    let h = households::detail(&store, id).unwrap();
    let mut data = h.household.data.clone();
    data.name = name.into();
    households::update(&mut store, HouseholdUpdate { id, data, base: h.household.clocks.clone() }).unwrap();
}

fn names(db: &Path) -> Vec<String> {
    let out = ok(&["dump", "--db", s(db)]);
    let dump: Json = serde_json::from_str(&out).unwrap();
    let mut names: Vec<String> =
        dump["households"].as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap().to_owned()).collect();
    names.sort();
    names
}

/// Exports from a volunteer's store to its linked coordinator; returns the file.
fn export(db: &Path, out: &Path) -> PathBuf {
    PathBuf::from(ok(&["export", "--db", s(db), "--out", s(out)]).trim())
}

fn import(db: &Path, files: &[&Path]) -> Json {
    let mut args = vec!["import", "--db", s(db)];
    args.extend(files.iter().map(|f| s(f)));
    serde_json::from_str(&ok(&args)).unwrap()
}

#[test]
fn a_coordinator_round_runs_headless() {
    let root = tempfile::tempdir().unwrap();
    let dir = |n: &str| {
        let d = root.path().join(n);
        std::fs::create_dir_all(&d).unwrap();
        d
    };
    let (coord, anna, bram) = (dir("coord").join("k.sqlite3"), dir("anna").join("k.sqlite3"), dir("bram").join("k.sqlite3"));
    let (mail, usb) = (dir("mail"), dir("usb"));

    // Importing into a store that does not exist says how to make one.
    let o = cli(&["import", "--db", s(&coord), s(&mail.join("x.kt"))]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("keukentafel-cli init --db"), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!coord.exists(), "a refused import creates no store");

    let profile: Json = serde_json::from_str(&ok(&[
        "init", "--db", s(&coord), "--name", "Carla", "--role", "coordinator", "--organisation", "Energiek Utrecht",
    ]))
    .unwrap();
    assert_eq!(profile["role"], "coordinator");
    let anna_profile: Json =
        serde_json::from_str(&ok(&["init", "--db", s(&anna), "--name", "Anna", "--role", "energy_coach", "--phone", "06 11122233"]))
            .unwrap();
    assert_eq!(anna_profile["phone"], "06 11122233", "the phone number the households' sheets print");
    ok(&["init", "--db", s(&bram), "--name", "Bram", "--role", "debt_help_volunteer"]);
    let o = cli(&["init", "--db", s(&anna), "--name", "Anna", "--role", "energy_coach"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("already exists"), "init never overwrites");
    let o = cli(&["init", "--db", s(&dir("x").join("k.sqlite3")), "--name", " ", "--role", "energy_coach"]);
    assert!(!o.status.success(), "an empty name is refused");

    // Pairing in person. The coordinator hands out its pairing file: Anna links with the file,
    // Bram with the pasted code; each volunteer's code is enrolled by the coordinator, after
    // the fingerprints were compared.
    let out = ok(&["pairing", "--db", s(&coord), "--out", s(&mail)]);
    let lines: Vec<&str> = out.lines().collect();
    let (code, fingerprint, file) = (lines[0].to_owned(), lines[1].to_owned(), lines[2].to_owned());
    assert!(code.starts_with("KTKOPPEL1-"));
    let shown: Json = serde_json::from_str(&ok(&["pairing-show", "--code", &file])).unwrap();
    assert_eq!(shown["fingerprint"], fingerprint.as_str());
    let linked: Json = serde_json::from_str(&ok(&["link", "--db", s(&anna), "--pairing", &file])).unwrap();
    assert_eq!(linked["coordinator"]["fingerprint"], fingerprint.as_str());
    assert_eq!(linked["coordinator"]["name"], "Carla");
    ok(&["link", "--db", s(&bram), "--pairing", &code]);
    for volunteer in [&anna, &bram] {
        let code = ok(&["pairing", "--db", s(volunteer)]).lines().next().unwrap().to_owned();
        let o = cli(&["link", "--db", s(&coord), "--pairing", &code]);
        assert!(!o.status.success(), "a volunteer's code links no coordinator");
        ok(&["enroll", "--db", s(&coord), "--pairing", &code]);
    }
    let volunteers: Json = serde_json::from_str(&ok(&["volunteers", "--db", s(&coord)])).unwrap();
    assert_eq!(volunteers.as_array().unwrap().len(), 2);

    // Each volunteer adds a household and exports; the coordinator imports both.
    let shared = add_household(&anna, "Fam. de Groot");
    add_household(&bram, "Fam. Yilmaz");
    let (fa, fb) = (export(&anna, &usb), export(&bram, &usb));
    let reports = import(&coord, &[&fa, &fb]);
    assert_eq!(reports.as_array().unwrap().len(), 2);
    assert!(reports.as_array().unwrap().iter().all(|r| r["refusal"].is_null() && r["merged"]["new"].as_u64().unwrap() > 0));
    let bram_replica = reports[1]["sender"]["replica"].as_str().unwrap().to_owned();
    let anna_replica = reports[0]["sender"]["replica"].as_str().unwrap().to_owned();
    assert_eq!(names(&coord), ["Fam. Yilmaz", "Fam. de Groot"]);
    let status: Json = serde_json::from_str(&ok(&["status", "--db", s(&coord)])).unwrap();
    assert_eq!(status["peers"].as_array().unwrap().len(), 2);

    // The coordinator makes Anna's household a team: Bram gets it with his return file (and
    // nothing else of Anna's), and both rename it without knowing of each other.
    let given: Json = serde_json::from_str(&ok(&[
        "assign", "--db", s(&coord), "--household", &shared.to_string(), "--volunteer", &bram_replica,
    ]))
    .unwrap();
    let bram_row = given.as_array().unwrap().iter().find(|v| v["replica"] == bram_replica.as_str()).unwrap().clone();
    let bram_households: Vec<&str> = bram_row["households"].as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap()).collect();
    assert_eq!(bram_households, ["Fam. de Groot", "Fam. Yilmaz"], "his own and the one given to him");
    let rb = PathBuf::from(ok(&["return-file", "--db", s(&coord), "--peer", &bram_replica, "--out", s(&usb)]).trim());
    import(&bram, &[&rb]);
    assert_eq!(names(&bram), ["Fam. Yilmaz", "Fam. de Groot"]);
    rename(&anna, shared, "Fam. de Groot-Jansen");
    rename(&bram, shared, "Fam. de Groot (Oost)");
    let (fa, fb) = (export(&anna, &usb), export(&bram, &usb));
    import(&coord, &[&fb, &fa]);
    let conflicts: Json = serde_json::from_str(&ok(&["conflicts", "--db", s(&coord)])).unwrap();
    assert_eq!(conflicts.as_array().unwrap().len(), 1, "{conflicts:#}");
    assert_eq!(conflicts[0]["field"], "name");

    // Anna's return file brings her the conflict, not Bram's own household; importing it twice adds nothing.
    let ra = PathBuf::from(ok(&["return-file", "--db", s(&coord), "--peer", &anna_replica, "--out", s(&usb)]).trim());
    let first = import(&anna, &[&ra]);
    assert!(first[0]["merged"]["new"].as_u64().unwrap() > 0);
    let again = import(&anna, &[&ra]);
    assert_eq!(again[0]["merged"]["new"], 0);
    assert_eq!(serde_json::from_str::<Json>(&ok(&["conflicts", "--db", s(&anna)])).unwrap().as_array().unwrap().len(), 1);
    assert_eq!(names(&anna).len(), 1, "Anna holds only her own household");

    // Taken off Bram: his next return file makes his laptop forget it.
    ok(&["unassign", "--db", s(&coord), "--household", &shared.to_string(), "--volunteer", &bram_replica]);
    let rb = PathBuf::from(ok(&["return-file", "--db", s(&coord), "--peer", &bram_replica, "--out", s(&usb)]).trim());
    let forgot = import(&bram, &[&rb]);
    assert_eq!(forgot[0]["merged"]["forgotten_households"], 1, "{forgot:#}");
    assert_eq!(names(&bram), ["Fam. Yilmaz"]);

    // A return file for an installation that never sent a file is refused with a clear message.
    let o = cli(&["return-file", "--db", s(&coord), "--peer", "0190b3c4-0000-7000-8000-000000000000", "--out", s(&usb)]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not enrolled"), "{}", String::from_utf8_lossy(&o.stderr));

    // Revoked: Bram's next file is refused, and no return file is written for him.
    let revoked: Json = serde_json::from_str(&ok(&["revoke", "--db", s(&coord), "--volunteer", &bram_replica])).unwrap();
    assert!(revoked.as_array().unwrap().iter().any(|v| v["replica"] == bram_replica.as_str() && v["active"] == false));
    add_household(&bram, "Fam. Bakker");
    let late = export(&bram, &usb);
    let o = cli(&["import", "--db", s(&coord), s(&late)]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("revoked"));
    assert!(!names(&coord).contains(&"Fam. Bakker".to_owned()));
    assert!(!cli(&["return-file", "--db", s(&coord), "--peer", &bram_replica, "--out", s(&usb)]).status.success());
}
