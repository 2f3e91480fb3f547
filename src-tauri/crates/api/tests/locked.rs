//! Unlocking secures what lies beside the store: an older, unencrypted installation (its store,
//! its pre-import backups, its key files in clear text) leaves no readable byte behind once the
//! volunteer chose a passphrase; a new passphrase re-keys the backups too.

use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use keukentafel_api::profile;
use keukentafel_domain::Sources;
use keukentafel_store::{FileKind, Store};
use keukentafel_sync::{identity_path, signing_key_path, KeyPair, SigningKey};

const FIRST: &str = "eerste wachtwoordzin";
const SECOND: &str = "tweede wachtwoordzin";

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn every_file(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(every_file(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn backups(dir: &Path) -> Vec<PathBuf> {
    every_file(&dir.join("backups")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "sqlite3")).collect()
}

#[test]
fn an_older_installation_keeps_nothing_readable_once_it_has_a_passphrase_and_a_new_one_rekeys_the_backups() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures/store-v1.sqlite3");
    let names: Vec<String> = {
        let c = rusqlite::Connection::open(&fixture).unwrap();
        let mut st = c.prepare("SELECT name FROM households").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert!(!names.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    std::fs::copy(&fixture, &path).unwrap();
    // What an older version left: two plain pre-import backups and both keys in clear text.
    std::fs::create_dir_all(dir.path().join("backups")).unwrap();
    for stamp in ["20250101T100000.000Z", "20250202T100000.000Z"] {
        std::fs::copy(&fixture, dir.path().join("backups").join(format!("k-before-import-{stamp}.sqlite3"))).unwrap();
    }
    let identity = KeyPair::generate();
    let signing = SigningKey::generate();
    let now = chrono::Utc::now();
    std::fs::write(identity_path(&path), identity.identity_file_text(now)).unwrap();
    std::fs::write(signing_key_path(&path), signing.secret_file_text(now).expose_secret()).unwrap();
    let secrets: Vec<String> = [identity.identity_file_text(now), signing.secret_file_text(now).expose_secret().to_owned()]
        .iter()
        .map(|t| t.lines().last().unwrap().to_owned())
        .collect();
    // The search sees them before (a positive control).
    let before: Vec<u8> = every_file(dir.path()).iter().flat_map(|p| std::fs::read(p).unwrap()).collect();
    assert!(names.iter().chain(&secrets).all(|s| contains(&before, s)));

    assert_eq!(profile::lock_state(&path).unwrap(), profile::LockState::Unencrypted);
    let store = profile::create_passphrase(&path, FIRST, FIRST, Sources::system()).unwrap();
    let salt = store.key().salt();
    let check = |when: &str| {
        for p in every_file(dir.path()) {
            let raw = std::fs::read(&p).unwrap();
            for s in names.iter().chain(&secrets).map(String::as_str).chain(["SQLite format 3"]) {
                assert!(!contains(&raw, s), "{when}: {} holds {s:?} in clear text", p.display());
            }
        }
    };
    check("after the first passphrase");
    assert!(!identity_path(&path).exists() && !signing_key_path(&path).exists(), "the key files are gone");
    assert_eq!(keukentafel_api::exchange::identity(&store).unwrap().public_key(), identity.public_key(), "the same identity");
    assert_eq!(keukentafel_api::exchange::signing_key(&store).unwrap().public(), signing.public(), "the same signing key");
    assert_eq!(backups(dir.path()).len(), 2, "the backups are kept, encrypted");
    for b in backups(dir.path()) {
        assert_eq!(keukentafel_store::inspect(&b).unwrap(), FileKind::Encrypted { salt }, "{} uses the store's key", b.display());
    }

    let store = profile::change_passphrase(store, SECOND, SECOND).unwrap();
    drop(store);
    check("after a new passphrase");
    for b in backups(dir.path()) {
        let opened = Store::unlock(&b, SECOND, Sources::system()).expect("a backup opens with the new passphrase");
        assert_eq!(opened.dump().unwrap()["households"].as_array().unwrap().len(), names.len(), "{} keeps its records", b.display());
        drop(opened);
        assert!(Store::unlock(&b, FIRST, Sources::system()).is_err(), "and no longer with the old one");
    }
    let store = profile::unlock(&path, SECOND, Sources::system()).unwrap();
    assert_eq!(keukentafel_api::exchange::identity(&store).unwrap().public_key(), identity.public_key(), "the keys moved along");
}

#[test]
fn the_app_changes_the_passphrase_only_with_the_current_one_and_keeps_the_store_open_on_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let store = profile::create_passphrase(&path, FIRST, FIRST, Sources::system()).unwrap();
    let mut slot = Some(store);
    let refused = |slot: &mut Option<Store>, current: &str, new: &str, repeat: &str, field: &str| {
        let e = profile::change_own_passphrase(slot, current, new, repeat).unwrap_err();
        assert_eq!(e.code, keukentafel_api::ErrorCode::Validation, "{e:?}");
        assert_eq!(e.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), [field], "{e:?}");
        assert!(slot.is_some(), "a refusal leaves the store open");
    };
    refused(&mut slot, "niet het huidige", SECOND, SECOND, "current");
    refused(&mut slot, FIRST, "kort", "kort", "passphrase");
    refused(&mut slot, FIRST, SECOND, "iets anders", "repeat");
    assert!(Store::unlock(&path, FIRST, Sources::system()).is_ok(), "nothing changed");

    profile::change_own_passphrase(&mut slot, FIRST, SECOND, SECOND).unwrap();
    let store = slot.take().expect("the store stays open under the new passphrase");
    assert!(store.key().is_passphrase(SECOND));
    drop(store);
    assert!(Store::unlock(&path, FIRST, Sources::system()).is_err(), "the old passphrase no longer opens it");
    assert!(profile::unlock(&path, SECOND, Sources::system()).is_ok());
    assert_eq!(profile::change_own_passphrase(&mut None, FIRST, SECOND, SECOND).unwrap_err().code, keukentafel_api::ErrorCode::Locked);
}
