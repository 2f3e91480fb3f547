//! Erasure and retention through the CLI binary, on real store files: a volunteer cannot
//! erase; the coordinator erases a household (its store, log and backups forget it at once),
//! the volunteer's laptop erases it with the next return file and confirms in its next export;
//! `erasures` shows the confirmation; `retention` lists households past the period.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use keukentafel_api::households;
use keukentafel_domain::{HouseholdId, HouseholdInput, Sources};
use std::collections::BTreeMap;
use std::sync::Mutex;

use keukentafel_store::{testing, Store, StoreKey};
use serde_json::Value as Json;

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn cli(args: &[&str]) -> Output {
    Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs")
}

fn ok(args: &[&str]) -> String {
    let o = cli(args);
    assert!(o.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn json(args: &[&str]) -> Json {
    serde_json::from_str(&ok(args)).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn add_household(db: &Path, name: &str, street: &str) -> HouseholdId {
    let mut store = Store::open(db, key_of(db).unwrap(), Sources::system()).unwrap();
    let input = HouseholdInput { name: name.into(), street_address: street.into(), adults: 1, ..Default::default() };
    households::create(&mut store, input).unwrap().id
}

/// The key of the encrypted store (or backup) at `path` with the tests' passphrase, derived once
/// per salt; `None` for a file that is not one.
fn key_of(path: &Path) -> Option<StoreKey> {
    static KEYS: Mutex<BTreeMap<Vec<u8>, StoreKey>> = Mutex::new(BTreeMap::new());
    let salt = std::fs::read(path).ok()?.get(..16)?.to_vec();
    let mut keys = KEYS.lock().unwrap();
    if let Some(k) = keys.get(&salt) {
        return Some(k.clone());
    }
    let key = StoreKey::for_file(path, testing::PASSPHRASE).ok()?;
    keys.insert(salt, key.clone());
    Some(key)
}

/// Files under `dir` (store, log, backups, keys) that hold `text` in their raw bytes or, for
/// an encrypted store, backup or log, in their pages decrypted.
fn files_with(dir: &Path, text: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_with(&path, text));
            continue;
        }
        let name = path.to_string_lossy().into_owned();
        let main = PathBuf::from(name.strip_suffix("-wal").unwrap_or(&name));
        let bytes = match key_of(&main) {
            Some(key) if main.extension().is_some_and(|e| e == "sqlite3") => testing::plaintext_with(&path, &key),
            _ => std::fs::read(&path).unwrap(),
        };
        if bytes.windows(text.len()).any(|w| w == text.as_bytes()) {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_coordinator_erases_a_household_everywhere_and_sees_the_confirmation() {
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

    let (name, street) = ("Fam. Wisselink", "Wisstraat 12");
    let h = add_household(&anna, name, street);
    let kept = add_household(&anna, "Fam. Blijft", "Blijfstraat 1");
    let f = PathBuf::from(ok(&["export", "--db", s(&anna), "--out", s(&usb)]).trim());
    let reports = json(&["import", "--db", s(&coord), s(&f)]);
    let anna_replica = reports[0]["sender"]["replica"].as_str().unwrap().to_owned();
    let r = PathBuf::from(ok(&["return-file", "--db", s(&coord), "--peer", &anna_replica, "--out", s(&usb)]).trim());
    json(&["import", "--db", s(&anna), s(&r)]);
    assert!(!files_with(&dir("coord"), name).is_empty(), "the coordinator holds the household before");

    // A volunteer cannot erase.
    let o = cli(&["erase", "--db", s(&anna), "--household", &h.to_string(), "--reason", "verzoek"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Only the coordinator"), "{}", String::from_utf8_lossy(&o.stderr));
    // A reason is needed, and the request cannot lie ahead.
    let o = cli(&["erase", "--db", s(&coord), "--household", &h.to_string(), "--reason", " "]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("reason"));
    let o = cli(&["erase", "--db", s(&coord), "--household", &h.to_string(), "--reason", "x", "--requested", "2999-01-01"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("after today"));

    let erasure = json(&[
        "erase", "--db", s(&coord), "--household", &h.to_string(), "--reason", "verzoek van het huishouden", "--requested",
        "2026-01-15",
    ]);
    assert_eq!(erasure["reason"], "verzoek van het huishouden");
    assert_eq!(erasure["requested"], "2026-01-15");
    assert_eq!(erasure["laptops"].as_array().unwrap().len(), 1);
    assert_eq!(erasure["laptops"][0]["name"], "Anna");
    assert!(erasure["laptops"][0]["confirmed_at"].is_null());
    for text in [name, street] {
        assert_eq!(files_with(&dir("coord"), text), Vec::<PathBuf>::new(), "{text} is gone from the coordinator's files");
    }
    let o = cli(&["erase", "--db", s(&coord), "--household", &h.to_string(), "--reason", "nog eens"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("already been erased"));

    // Anna's laptop erases it with the next return file, and confirms in her next export.
    let r = PathBuf::from(ok(&["return-file", "--db", s(&coord), "--peer", &anna_replica, "--out", s(&usb)]).trim());
    let merged = json(&["import", "--db", s(&anna), s(&r)]);
    assert_eq!(merged[0]["merged"]["erased_households"], 1, "{merged:#}");
    for text in [name, street] {
        assert_eq!(files_with(&dir("anna"), text), Vec::<PathBuf>::new(), "{text} is gone from Anna's files, backups included");
    }
    assert!(!files_with(&dir("anna"), "Fam. Blijft").is_empty(), "the other household stays");
    let f = PathBuf::from(ok(&["export", "--db", s(&anna), "--out", s(&usb)]).trim());
    let reports = json(&["import", "--db", s(&coord), s(&f)]);
    assert_eq!(reports[0]["merged"]["confirmed_erasures"], 1, "{reports:#}");
    let erasures = json(&["erasures", "--db", s(&coord)]);
    assert!(erasures[0]["laptops"][0]["confirmed_at"].is_string(), "{erasures:#}");
    assert_eq!(files_with(&dir("coord"), name), Vec::<PathBuf>::new());
    let _ = kept;
}

#[test]
fn retention_lists_households_past_the_period() {
    let root = tempfile::tempdir().unwrap();
    let (coord, anna) = (root.path().join("c/k.sqlite3"), root.path().join("a/k.sqlite3"));
    ok(&["init", "--db", s(&coord), "--name", "Carla", "--role", "coordinator"]);
    ok(&["init", "--db", s(&anna), "--name", "Anna", "--role", "energy_coach"]);
    let h = add_household(&coord, "Fam. Oud", "");
    let today = chrono::Local::now().date_naive();
    let later = today + chrono::Months::new(25);
    let none = json(&["retention", "--db", s(&coord), "--today", &later.to_string()]);
    assert!(none["months"].is_null() && none["households"].as_array().unwrap().is_empty(), "no period set: nothing listed");
    ok(&["settings", "--db", s(&coord), "--retention-months", "24"]);
    let now_list = json(&["retention", "--db", s(&coord)]);
    assert!(now_list["households"].as_array().unwrap().is_empty(), "a household made today is not due");
    let list = json(&["retention", "--db", s(&coord), "--today", &later.to_string()]);
    assert_eq!(list["months"], 24);
    assert_eq!(list["households"][0]["household"], h.to_string());
    assert_eq!(list["households"][0]["name"], "Fam. Oud");
    let o = cli(&["settings", "--db", s(&coord), "--retention-months", "999"]);
    assert!(!o.status.success(), "a period over 240 months is refused");
    let o = cli(&["retention", "--db", s(&anna)]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("Only the coordinator"));
}

/// SIGKILL the CLI at moments spread over a whole `erase` (unlock, the erasure's transaction,
/// the checkpoint, scrubbing four backups): afterwards the household is either all there as
/// before or erased, never half; and once the store is opened again (any command), a store
/// that erased it has backups that hold none of it either, even when the kill came before
/// they were scrubbed.
#[test]
fn sigkill_during_an_erasure_leaves_it_done_or_not_done_and_the_backups_catch_up() {
    let root = tempfile::tempdir().unwrap();
    let original = root.path().join("original").join("k.sqlite3");
    let (name, street) = ("Fam. Zuiderwoude", "Geheimeweg 77");
    let h = {
        let mut store = Store::open(&original, testing::key(), Sources::system()).unwrap();
        keukentafel_api::profile::save(
            &mut store,
            keukentafel_domain::UserProfileInput {
                name: "Carla".into(),
                organisation: "EAS".into(),
                phone: String::new(),
                role: keukentafel_domain::Role::Coordinator,
            },
        )
        .unwrap();
        for i in 0..150 {
            let input = HouseholdInput {
                name: format!("Fam. Anders {i}"),
                street_address: format!("Anderestraat {i}"),
                notes: "x".repeat(400),
                adults: 1,
                ..Default::default()
            };
            households::create(&mut store, input).unwrap();
        }
        let input = HouseholdInput { name: name.into(), street_address: street.into(), adults: 2, ..Default::default() };
        let h = households::create(&mut store, input).unwrap().id;
        for i in 0..4 {
            store.backup_to(&root.path().join("original").join("backups").join(format!("k-before-import-2026010{i}T100000.000Z.sqlite3"))).unwrap();
        }
        h
    };
    let before = Store::open(&original, testing::key(), Sources::system()).unwrap().dump().unwrap();
    let dir = root.path().join("run");
    let db = dir.join("k.sqlite3");
    let fresh = || {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("backups")).unwrap();
        std::fs::copy(&original, &db).unwrap();
        for e in std::fs::read_dir(root.path().join("original").join("backups")).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dir.join("backups").join(p.file_name().unwrap())).unwrap();
        }
    };
    let erase = || {
        Command::new(CLI)
            .env("KEUKENTAFEL_PASSPHRASE", testing::PASSPHRASE)
            .args(["erase", "--db", s(&db), "--household", &h.to_string(), "--reason", "verzoek", "--requested", "2026-01-15"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    fresh();
    let started = std::time::Instant::now();
    assert!(erase().wait().unwrap().success());
    let whole = started.elapsed();
    let (mut kept, mut erased) = (0, 0);
    let steps = 12;
    for i in 0..=steps {
        fresh();
        let mut child = erase();
        if i < steps {
            std::thread::sleep(whole.mul_f64(1.2 * i as f64 / steps as f64));
            let _ = child.kill();
        }
        child.wait().unwrap();
        // What the kill left, before anything opens it again.
        let store = Store::open(&db, testing::key(), Sources::system()).unwrap();
        let is_erased = store.erased_households().unwrap().contains(&h);
        if is_erased {
            assert!(store.household(h).is_err(), "kill {i}: erased but still there");
            assert_eq!(store.erasures().unwrap().len(), 1, "kill {i}");
            erased += 1;
        } else {
            assert_eq!(store.dump().unwrap(), before, "kill {i}: not erased, so all as before");
            kept += 1;
        }
        drop(store);
        // Any command opens the store and lets the backups catch up.
        json(&["erasures", "--db", s(&db)]);
        assert_eq!(std::fs::read_dir(dir.join("backups")).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "sqlite3")).count(), 4, "kill {i}: no backup lost");
        if is_erased {
            for text in [name, street] {
                assert_eq!(files_with(&dir, text), Vec::<PathBuf>::new(), "kill {i}: {text} is left after the erasure");
            }
        } else {
            assert!(!files_with(&dir, name).is_empty(), "kill {i}: the search sees the household while it is kept");
        }
    }
    assert!(kept > 0 && erased > 0, "kept {kept}, erased {erased} (an erasure took {whole:?})");
}
