//! The passphrase on the command line: from `KEUKENTAFEL_PASSPHRASE` (or asked on a terminal),
//! refused without a byte changed when wrong, and `rekey`, which a SIGKILL at any moment leaves
//! with exactly one of the two passphrases and all the data.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use keukentafel_domain::Sources;
use keukentafel_store::{Store, StoreError};

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");
const OLD: &str = "het oude wachtwoord";
const NEW: &str = "het nieuwe wachtwoord";

fn cli(passphrase: Option<&str>, new: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(CLI);
    cmd.env_remove("KEUKENTAFEL_PASSPHRASE").env_remove("KEUKENTAFEL_NEW_PASSPHRASE").stdin(Stdio::null());
    if let Some(p) = passphrase {
        cmd.env("KEUKENTAFEL_PASSPHRASE", p);
    }
    if let Some(p) = new {
        cmd.env("KEUKENTAFEL_NEW_PASSPHRASE", p);
    }
    cmd.args(args).output().expect("keukentafel-cli runs")
}

fn demo(db: &Path, households: &str) {
    let o = cli(Some(OLD), None, &["demo", "--db", db.to_str().unwrap(), "--households", households, "--today", "2026-11-23"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn dump_with(db: &Path, passphrase: &str) -> Result<serde_json::Value, StoreError> {
    Store::unlock(db, passphrase, Sources::system()).map(|s| s.dump().unwrap())
}

#[test]
fn without_a_passphrase_or_a_terminal_nothing_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    let o = cli(None, None, &["init", "--db", db.to_str().unwrap(), "--name", "Vera", "--role", "energy_coach"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("KEUKENTAFEL_PASSPHRASE"), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!db.exists());
    let o = cli(Some("kort"), None, &["init", "--db", db.to_str().unwrap(), "--name", "Vera", "--role", "energy_coach"]);
    assert!(!o.status.success(), "a passphrase of 4 characters is refused");
    assert!(!db.exists());
}

#[test]
fn a_wrong_passphrase_is_refused_with_a_clear_message_and_the_store_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    demo(&db, "3");
    let before = std::fs::read(&db).unwrap();
    let o = cli(Some("niet het wachtwoord"), None, &["dump", "--db", db.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("wrong passphrase"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(!dir.path().join("k.sqlite3-wal").exists() || std::fs::metadata(dir.path().join("k.sqlite3-wal")).unwrap().len() == 0);
    let o = cli(Some(OLD), None, &["dump", "--db", db.to_str().unwrap()]);
    assert!(o.status.success());
}

#[test]
fn rekey_changes_the_passphrase_and_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    demo(&db, "5");
    let dump = dump_with(&db, OLD).unwrap();
    let o = cli(Some(OLD), Some("kort"), &["rekey", "--db", db.to_str().unwrap()]);
    assert!(!o.status.success(), "too short a new passphrase is refused");
    assert_eq!(dump_with(&db, OLD).unwrap(), dump);
    let o = cli(Some(OLD), Some(NEW), &["rekey", "--db", db.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(matches!(dump_with(&db, OLD), Err(StoreError::WrongPassphrase { .. })));
    assert_eq!(dump_with(&db, NEW).unwrap(), dump);
    let o = cli(Some(NEW), None, &["dump", "--db", db.to_str().unwrap()]);
    assert!(o.status.success());
}

/// SIGKILL the CLI at moments spread over a whole `rekey` (key derivation, the copy, the
/// rename): afterwards exactly one of the two passphrases opens the store, with all its data.
#[test]
fn sigkill_during_rekey_leaves_the_old_or_the_new_passphrase_and_all_data() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.sqlite3");
    demo(&original, "120");
    let dump = dump_with(&original, OLD).unwrap();
    let db = dir.path().join("k.sqlite3");
    let fresh = || {
        for suffix in ["", "-wal", "-shm", ".rekey"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        std::fs::copy(&original, &db).unwrap();
    };
    let rekey = || {
        Command::new(CLI)
            .env("KEUKENTAFEL_PASSPHRASE", OLD)
            .env("KEUKENTAFEL_NEW_PASSPHRASE", NEW)
            .args(["rekey", "--db", db.to_str().unwrap()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole rekey takes here.
    fresh();
    let started = Instant::now();
    assert!(rekey().wait().unwrap().success());
    let whole = started.elapsed();
    let (mut old, mut new) = (0, 0);
    // Kills from the start to well past the measured time (a loaded machine is slower on one
    // run than on another); the last run is not killed, so the new state is seen at least once.
    let steps = 10;
    for i in 0..=steps {
        fresh();
        let mut child = rekey();
        if i < steps {
            std::thread::sleep(whole.mul_f64(1.3 * i as f64 / steps as f64));
            let _ = child.kill(); // SIGKILL on Unix; an error means it had finished already
        }
        child.wait().unwrap();
        let with_old = dump_with(&db, OLD);
        let with_new = dump_with(&db, NEW);
        match (with_old, with_new) {
            (Ok(d), Err(StoreError::WrongPassphrase { .. })) => {
                assert_eq!(d, dump, "kill {i}: the old store lost data");
                old += 1;
            }
            (Err(StoreError::WrongPassphrase { .. }), Ok(d)) => {
                assert_eq!(d, dump, "kill {i}: the new store lost data");
                new += 1;
            }
            (a, b) => panic!("kill {i}: old {:?}, new {:?}", a.err(), b.err()),
        }
        assert!(!Path::new(&format!("{}.rekey", db.display())).exists(), "kill {i}: a copy was left after opening");
    }
    assert!(old > 0 && new > 0, "old {old}, new {new} (a rekey took {whole:?})");
}
