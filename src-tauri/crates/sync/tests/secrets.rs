//! The installation's secret keys are kept inside the encrypted store: never in clear text on
//! disk, moved in from the key files older installations kept beside the store, made once even
//! when processes race, and carried along by a copy of the store.

mod common;

use std::path::Path;

use age::secrecy::ExposeSecret;
use common::*;
use keukentafel_domain::{Role, Sources};
use keukentafel_store::Store;
use keukentafel_sync::{identity_path, load_or_create_identity, load_or_create_signing_key, signing_key_path, KeyPair, SigningKey};

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The secret line of a key file's text.
fn secret_line(text: &str, prefix: &str) -> String {
    text.lines().find(|l| l.starts_with(prefix)).unwrap().to_owned()
}

fn files_of(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn the_keys_are_kept_encrypted_inside_the_store_and_no_file_holds_them_in_clear_text() {
    let root = tempfile::tempdir().unwrap();
    let n = node(root.path(), "anna", 1, Role::EnergyCoach);
    let identity = secret_line(&n.key.identity_file_text(now()), "AGE-SECRET-KEY-1");
    let signing = signing_of(&n);
    let signing_line = secret_line(signing.secret_file_text(now()).expose_secret(), "KEUKENTAFEL-SIGNING-SECRET-");
    assert_eq!(load_or_create_identity(&n.store).unwrap().public_key(), n.key.public_key(), "made once, then loaded");
    assert_eq!(load_or_create_signing_key(&n.store).unwrap().public(), signing.public());

    let dir = n.path.parent().unwrap().to_owned();
    for name in files_of(&dir) {
        assert!(!name.contains("identity") && !name.contains("signing"), "no key file beside the store: {name}");
        let raw = std::fs::read(dir.join(&name)).unwrap();
        assert!(!contains(&raw, &identity), "the age identity in clear text in {name}");
        assert!(!contains(&raw, &signing_line), "the signing key in clear text in {name}");
    }
    // The positive control: decrypted, the store holds them (in its file or its WAL).
    let plain: Vec<u8> = files_of(&dir).iter().flat_map(|f| keukentafel_store::testing::plaintext_of(&dir.join(f))).collect();
    assert!(contains(&plain, &identity) && contains(&plain, &signing_line), "the search would see them");

    // No dump carries them.
    let dump = serde_json::to_string(&n.store.dump().unwrap()).unwrap();
    assert!(!contains(dump.as_bytes(), &identity) && !contains(dump.as_bytes(), &signing_line));
}

#[test]
fn key_files_of_an_older_installation_are_moved_into_the_store_and_wiped() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("k.sqlite3");
    let old_identity = KeyPair::generate();
    let old_signing = SigningKey::generate();
    std::fs::write(identity_path(&path), old_identity.identity_file_text(now())).unwrap();
    std::fs::write(signing_key_path(&path), old_signing.secret_file_text(now()).expose_secret()).unwrap();

    let store = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    assert_eq!(load_or_create_identity(&store).unwrap().public_key(), old_identity.public_key(), "the same identity");
    assert_eq!(load_or_create_signing_key(&store).unwrap().public(), old_signing.public(), "the same signing key");
    assert!(!identity_path(&path).exists() && !signing_key_path(&path).exists(), "the files are gone: {:?}", files_of(root.path()));
    drop(store);
    let store = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    assert_eq!(load_or_create_identity(&store).unwrap().public_key(), old_identity.public_key(), "kept in the store");
    assert_eq!(load_or_create_signing_key(&store).unwrap().public(), old_signing.public());

    // The same file back beside the store (a copy put back, or a process killed after moving
    // it in) is wiped on the next use; another installation's key file is left alone.
    std::fs::write(identity_path(&path), old_identity.identity_file_text(now())).unwrap();
    let stranger = SigningKey::generate();
    std::fs::write(signing_key_path(&path), stranger.secret_file_text(now()).expose_secret()).unwrap();
    keukentafel_sync::secure_beside_store(&mut Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap(), None);
    assert!(!identity_path(&path).exists(), "the same identity file is wiped");
    assert!(signing_key_path(&path).exists(), "a different key file is not destroyed");
    assert_eq!(load_or_create_signing_key(&store).unwrap().public(), old_signing.public(), "and not taken either");
}

#[test]
fn a_damaged_old_key_file_is_refused_and_left_alone() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("k.sqlite3");
    std::fs::write(signing_key_path(&path), "# half\nKEUKENTAFEL-SIGNING-SECRET-AAAA").unwrap();
    std::fs::write(identity_path(&path), "AGE-SECRET-KEY-1NOTAKEY").unwrap();
    let store = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    assert!(matches!(load_or_create_signing_key(&store), Err(keukentafel_sync::SyncError::InvalidSigningKey(_))));
    assert!(matches!(load_or_create_identity(&store), Err(keukentafel_sync::SyncError::InvalidIdentity(_))));
    assert_eq!(std::fs::read_to_string(signing_key_path(&path)).unwrap(), "# half\nKEUKENTAFEL-SIGNING-SECRET-AAAA", "not replaced");
    assert!(store.secret("signing_key").unwrap().is_none() && store.secret("age_identity").unwrap().is_none(), "nothing kept");
}

#[test]
fn connections_racing_to_make_the_keys_end_with_one_key() {
    for round in 0..5 {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("k.sqlite3");
        drop(Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap());
        let start = std::sync::Arc::new(std::sync::Barrier::new(6));
        let made: Vec<(String, String)> = (0..6)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    let store = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
                    start.wait();
                    let s = load_or_create_signing_key(&store).expect("every racer gets a key");
                    let i = load_or_create_identity(&store).expect("every racer gets an identity");
                    (s.public().to_string(), i.public_key())
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        let store = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
        let kept = (load_or_create_signing_key(&store).unwrap().public().to_string(), load_or_create_identity(&store).unwrap().public_key());
        assert!(made.iter().all(|m| *m == kept), "round {round}: every racer uses the kept keys");
    }
}

#[test]
fn a_copy_of_the_store_carries_its_keys_and_the_identity_can_be_written_out_for_the_age_tool() {
    let root = tempfile::tempdir().unwrap();
    let n = node(root.path(), "anna", 1, Role::EnergyCoach);
    let signing = signing_of(&n);
    let copy = root.path().join("copy").join("k.sqlite3");
    n.store.backup_to(&copy).unwrap();
    let copied = Store::open(&copy, keukentafel_store::testing::key(), Sources::system()).unwrap();
    assert_eq!(load_or_create_identity(&copied).unwrap().public_key(), n.key.public_key());
    assert_eq!(load_or_create_signing_key(&copied).unwrap().public(), signing.public());

    let out = root.path().join("id.txt");
    assert_eq!(keukentafel_sync::write_identity_file(&n.store, &out).unwrap(), n.key.public_key());
    assert_eq!(KeyPair::read(&out).unwrap().public_key(), n.key.public_key());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600, "only the owner reads it");
    }
    assert!(
        matches!(keukentafel_sync::write_identity_file(&n.store, &out), Err(keukentafel_sync::SyncError::AlreadyExists(_))),
        "never over an existing file"
    );
}
