//! Pairing codes through the CLI binary: `pairing` prints the line and the fingerprint (and
//! saves the file), `pairing-show` reads a line or a file back as JSON, a bad code or a store
//! without a profile exits non-zero, and processes racing to make the keys end with one key.

use std::path::Path;
use std::process::{Command, Output};

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

fn init(db: &Path) {
    ok(&["init", "--db", s(db), "--name", "Anna de Vries", "--role", "energy_coach", "--organisation", "EAS"]);
}

fn is_fingerprint(s: &str) -> bool {
    let groups: Vec<&str> = s.split(' ').collect();
    groups.len() == 5 && groups.iter().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_digit()))
}

#[test]
fn pairing_prints_the_code_and_fingerprint_and_pairing_show_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anna.sqlite3");
    init(&db);

    let out = ok(&["pairing", "--db", s(&db)]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let (code, fingerprint) = (lines[0], lines[1]);
    assert!(code.starts_with("KTKOPPEL1-"), "{code}");
    assert!(is_fingerprint(fingerprint), "{fingerprint}");
    assert!(!dir.path().join("anna-signing.txt").exists(), "the signing key is kept inside the store, not beside it");

    let usb = dir.path().join("usb");
    let out = ok(&["pairing", "--db", s(&db), "--out", s(&usb)]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[1], fingerprint, "the keys are made once: the same fingerprint every time");
    let file = usb.join("keukentafel-koppelcode.txt");
    assert_eq!(lines[2], s(&file));
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().last().unwrap(), lines[0], "the file holds the printed line");

    for given in [code, s(&file)] {
        let shown: Json = serde_json::from_str(&ok(&["pairing-show", "--code", given])).unwrap();
        assert_eq!(shown["fingerprint"], fingerprint, "{given}");
        assert_eq!(shown["pairing"]["name"], "Anna de Vries");
        assert_eq!(shown["pairing"]["role"], "energy_coach");
        assert_eq!(shown["pairing"]["organisation"], "EAS");
        assert!(shown["pairing"]["age_key"].as_str().unwrap().starts_with("age1"));
        assert!(shown["pairing"]["signing_key"].as_str().unwrap().starts_with("ktsig1:"));
        assert!(shown["code"].as_str().unwrap().starts_with("KTKOPPEL1-"));
    }
    let status: Json = serde_json::from_str(&ok(&["status", "--db", s(&db)])).unwrap();
    let shown: Json = serde_json::from_str(&ok(&["pairing-show", "--code", code])).unwrap();
    assert_eq!(shown["pairing"]["age_key"], status["own_key"], "the pairing carries the store's own age key");
}

#[test]
fn a_bad_code_or_a_store_without_a_profile_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |args: &[&str], says: &str| {
        let o = cli(args);
        assert!(!o.status.success(), "{args:?} should fail");
        assert!(o.stdout.is_empty(), "nothing on stdout for a refusal");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    };
    refused(&["pairing-show", "--code", "KTKOPPEL1-!!"], "not a valid pairing code");
    refused(&["pairing-show", "--code", "KTKOPPEL2-e30"], "newer Keukentafel");
    refused(&["pairing-show", "--code", "age1qqqq"], "KTKOPPEL1-");
    refused(&["pairing-show", "--code", s(&dir.path().join("weg.txt"))], "no such file");

    let missing = dir.path().join("missing.sqlite3");
    refused(&["pairing", "--db", s(&missing)], "no store");
    assert!(!missing.exists(), "no store is made by accident");

    // A store without a profile (as the app makes it before the first start screen).
    let bare = dir.path().join("bare.sqlite3");
    let store = keukentafel_store::Store::unlock(&bare, keukentafel_store::testing::PASSPHRASE, keukentafel_domain::Sources::system()).unwrap();
    drop(store);
    refused(&["pairing", "--db", s(&bare)], "profile");
    let store = keukentafel_store::Store::unlock(&bare, keukentafel_store::testing::PASSPHRASE, keukentafel_domain::Sources::system()).unwrap();
    assert!(store.secret("signing_key").unwrap().is_none(), "no key made for a refused code");
}

#[test]
fn processes_racing_to_make_the_keys_end_with_one_key() {
    for round in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.sqlite3");
        init(&db);
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(CLI)
                    .env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE)
                    .args(["pairing", "--db", s(&db)])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let fingerprints: Vec<String> = children
            .into_iter()
            .map(|c| {
                let o = c.wait_with_output().unwrap();
                assert!(o.status.success(), "round {round}: {}", String::from_utf8_lossy(&o.stderr));
                String::from_utf8(o.stdout).unwrap().lines().nth(1).unwrap().to_owned()
            })
            .collect();
        assert!(fingerprints.iter().all(|f| *f == fingerprints[0]), "round {round}: {fingerprints:?}");
        let mut files: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        files.retain(|f| f.contains("signing") || f.contains("identity") || f.ends_with(".tmp"));
        assert!(files.is_empty(), "round {round}: the keys are kept in the store, no key or temp file beside it: {files:?}");
        let again = ok(&["pairing", "--db", s(&db)]);
        assert_eq!(again.lines().nth(1).unwrap(), fingerprints[0], "round {round}: the key kept is the one they used");
    }
}
