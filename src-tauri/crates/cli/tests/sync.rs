//! The file exchange through the CLI binary, as a coordinator's script would use it: keygen,
//! export, verify, import (JSON report, non-zero exit on a refusal), conflicts; and SIGKILL
//! during an import leaves the store as it was before or as it is after, never in between.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use keukentafel_domain::{Role, Sources, UserProfileInput};
use keukentafel_store::{schema, Store};
use serde_json::{json, Map, Value as Json};

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs")
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

/// A store with a profile and `households` households written in one transaction.
fn store_with(path: &Path, name: &str, households: usize) -> Store {
    let mut store = Store::unlock(path, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    store.save_profile(UserProfileInput { name: name.into(), organisation: "Test".into(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    store
        .write(|w| {
            for i in 0..households {
                let id = w.new_id();
                let mut f = Map::new();
                for (field, _) in schema::HOUSEHOLD.fields {
                    f.insert((*field).to_owned(), json!(""));
                }
                for (k, v) in [("adults", json!(2)), ("children", json!(i % 4)), ("under_bewind", json!(false)), ("archived", json!(false))] {
                    f.insert(k.into(), v);
                }
                for k in ["tenure", "contract_type", "heating"] {
                    f.insert(k.into(), Json::Null);
                }
                f.insert("language".into(), json!("nl"));
                f.insert("name".into(), json!(format!("Huishouden {i}")));
                f.insert("notes".into(), json!("x".repeat(40 + i % 60)));
                w.set(&schema::HOUSEHOLD, id, &f, &BTreeMap::new())?;
            }
            Ok(())
        })
        .unwrap();
    store
}

fn dump(db: &Path) -> Json {
    let store = Store::unlock(db, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    store.dump().unwrap()
}

fn export(db: &Path, out: &Path, recipient: &Path) -> PathBuf {
    let o = cli(&["export", "--db", s(db), "--out", s(out), "--recipient", s(recipient)]);
    assert!(o.status.success(), "export failed: {}", String::from_utf8_lossy(&o.stderr));
    PathBuf::from(String::from_utf8(o.stdout).unwrap().trim())
}

#[test]
fn keygen_export_verify_import_and_conflicts_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("coordinator.txt");
    let o = cli(&["keygen", "--out", s(&key)]);
    assert!(o.status.success());
    let public = String::from_utf8(o.stdout).unwrap();
    assert!(public.trim().starts_with("age1"));
    assert!(!cli(&["keygen", "--out", s(&key)]).status.success(), "an identity file is never overwritten");

    let volunteer = dir.path().join("v/keukentafel.sqlite3");
    drop(store_with(&volunteer, "Vrijwilliger", 4));
    let file = export(&volunteer, &dir.path().join("out"), &key);
    assert!(!volunteer.with_file_name("keukentafel-identity.txt").exists(), "the sender's identity is kept inside its store");

    let o = cli(&["verify", "--identity", s(&key), s(&file)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let verified: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(verified["manifest"]["author"], "Vrijwilliger");

    let coordinator = dir.path().join("c/keukentafel.sqlite3");
    drop(store_with(&coordinator, "Coördinator", 0));
    enroll(&coordinator, &volunteer);
    let o = cli(&["import", "--db", s(&coordinator), "--identity", s(&key), s(&file)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert!(report[0]["merged"]["new"].as_u64().unwrap() > 60);

    // A damaged file: JSON report with the refusal, non-zero exit, store unchanged.
    let before = dump(&coordinator);
    let broken = dir.path().join("broken.kt");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() - 7]).unwrap();
    let o = cli(&["import", "--db", s(&coordinator), "--identity", s(&key), s(&broken), s(&file)]);
    assert!(!o.status.success(), "a refusal exits non-zero");
    let report: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report[0]["refusal"]["code"], "export_truncated");
    assert_eq!(report[1]["merged"]["new"], 0, "the good file is still imported; it adds nothing new");
    assert!(String::from_utf8_lossy(&o.stderr).contains("cut off"));
    assert_eq!(dump(&coordinator), before);
    let o = cli(&["verify", "--identity", s(&key), s(&broken)]);
    assert!(!o.status.success());

    let o = cli(&["conflicts", "--db", s(&coordinator)]);
    assert!(o.status.success());
    assert_eq!(serde_json::from_slice::<Json>(&o.stdout).unwrap(), json!([]));
}

#[test]
fn sigkill_during_an_import_leaves_the_store_before_or_after_never_between() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("coordinator.txt");
    assert!(cli(&["keygen", "--out", s(&key)]).status.success());
    let volunteer = dir.path().join("v/keukentafel.sqlite3");
    let ops = store_with(&volunteer, "Vrijwilliger", 1200).op_count().unwrap();
    assert!(ops >= 20_000, "a big file: {ops} ops");
    let file = export(&volunteer, &dir.path().join("out"), &key);
    // The file is of format 3.0 (compressed inside the encryption): the import streams it.
    let identity = keukentafel_sync::KeyPair::read(&key).unwrap();
    let inner = keukentafel_sync::envelope::decrypt(&std::fs::read(&file).unwrap(), &identity).unwrap();
    assert!(inner.starts_with(&keukentafel_sync::content::ZSTD_MAGIC), "a streamed (3.0) file");

    let pristine = dir.path().join("pristine/keukentafel.sqlite3");
    drop(store_with(&pristine, "Coördinator", 3));
    enroll(&pristine, &volunteer);
    let before = dump(&pristine);
    let copy = |name: &str| -> PathBuf {
        let db = dir.path().join(name).join("keukentafel.sqlite3");
        std::fs::create_dir_all(db.parent().unwrap()).unwrap();
        std::fs::copy(&pristine, &db).unwrap();
        db
    };
    let full = copy("full");
    let started = Instant::now();
    let o = cli(&["import", "--db", s(&full), "--identity", s(&key), s(&file)]);
    let took = started.elapsed();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = dump(&full);
    assert_ne!(before, after);

    let rounds = 10u32;
    let (mut saw_before, mut saw_after) = (0, 0);
    for round in 0..rounds {
        let db = copy(&format!("kill-{round}"));
        let mut child = Command::new(CLI)
            .env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE)
            .args(["import", "--db", s(&db), "--identity", s(&key), s(&file)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the whole import, a little past its end.
        std::thread::sleep(took.mul_f64(f64::from(round) / f64::from(rounds - 2)).min(took + Duration::from_millis(200)));
        let _ = child.kill(); // SIGKILL on Unix
        child.wait().unwrap();
        let now = dump(&db);
        if now == before {
            saw_before += 1;
        } else if now == after {
            saw_after += 1;
        } else {
            panic!("round {round}: the store is neither as before nor as after the import");
        }
    }
    eprintln!("import of {ops} ops took {took:?}; killed {rounds} times: {saw_before} before, {saw_after} after");
    assert!(saw_before > 0, "some kills landed before the commit");
}
