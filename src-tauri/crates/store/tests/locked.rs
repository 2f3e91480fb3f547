//! Locked at rest: the store file, its WAL and its backups hold no readable household data;
//! a plain SQLite connection cannot read them; a wrong passphrase is refused without a byte
//! changed; an unencrypted store of an older version is encrypted on its first open; the
//! passphrase can be changed.

use std::path::{Path, PathBuf};

use keukentafel_domain::{HouseholdInput, Role, Sources, UserProfileInput};
use keukentafel_store::{testing, FileKind, Store, StoreError, StoreKey};

const NAME: &str = "Fam. Zuiderwoude-Planted";
const STREET: &str = "Geheimeweg 77";
const NOTES: &str = "schuld bij Vattenfall 1234 euro";

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn plant(store: &mut Store) {
    store
        .save_profile(UserProfileInput { name: "Anna".into(), organisation: String::new(), phone: String::new(), role: Role::EnergyCoach })
        .unwrap();
    store
        .create_household(HouseholdInput { name: NAME.into(), street_address: STREET.into(), notes: NOTES.into(), ..Default::default() })
        .unwrap();
}

fn assert_unreadable(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    for s in [NAME, STREET, NOTES, "CREATE TABLE", "SQLite format 3"] {
        assert!(!contains(&bytes, s), "{} holds {s:?} in clear text", path.display());
    }
}

#[test]
fn the_store_its_wal_and_its_backups_hold_no_household_strings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let mut store = Store::open(&path, testing::key(), Sources::system()).unwrap();
    plant(&mut store);
    let backup = dir.path().join("backups").join("b.sqlite3");
    store.backup_to(&backup).unwrap();
    // While the store is open its last writes are in the WAL.
    assert!(side(&path, "-wal").exists() && std::fs::metadata(side(&path, "-wal")).unwrap().len() > 0);
    for p in [path.clone(), side(&path, "-wal"), backup.clone()] {
        assert_unreadable(&p);
    }
    drop(store);
    assert_unreadable(&path);
    // The backup opens with the store's key and holds the household.
    let b = Store::open(&backup, testing::key(), Sources::system()).unwrap();
    assert_eq!(b.dump().unwrap()["households"][0]["name"], NAME);
}

#[test]
fn a_plain_sqlite_connection_cannot_read_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    plant(&mut Store::open(&path, testing::key(), Sources::system()).unwrap());
    let plain = rusqlite::Connection::open(&path).unwrap();
    let err = plain.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).unwrap_err();
    assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase), "{err}");
    // Nor can the `sqlite3` tool (installed by .ci/setup).
    let out = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg("SELECT name FROM households")
        .output()
        .expect("the sqlite3 tool must be installed (apt-get install sqlite3; .ci/setup does)");
    assert!(!out.status.success(), "sqlite3 read the store: {}", String::from_utf8_lossy(&out.stdout));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(NAME));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a database"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_file_is_a_standard_sqlcipher_file_that_opens_with_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    plant(&mut Store::unlock(&path, "een zin om te onthouden", Sources::system()).unwrap());
    // SQLCipher's own key derivation (as the `sqlcipher` tool does) gives the same key.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.pragma_update(None, "key", "een zin om te onthouden").unwrap();
    let name: String = c.query_row("SELECT name FROM households", [], |r| r.get(0)).unwrap();
    assert_eq!(name, NAME);
    let version: String = c.query_row("PRAGMA cipher_version", [], |r| r.get(0)).unwrap();
    assert!(version.starts_with('4'), "SQLCipher 4, got {version}");
}

#[test]
fn a_wrong_passphrase_is_refused_and_the_store_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    plant(&mut Store::unlock(&path, "het goede wachtwoord", Sources::system()).unwrap());
    let before = std::fs::read(&path).unwrap();
    let listing = |d: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name()).collect();
        v.sort();
        v
    };
    let files = listing(dir.path());
    let err = Store::unlock(&path, "het foute wachtwoord", Sources::system()).err().expect("refused");
    assert!(matches!(err, StoreError::WrongPassphrase { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
    assert_eq!(listing(dir.path()), files, "no file made or removed");
    Store::unlock(&path, "het goede wachtwoord", Sources::system()).expect("the right one still opens it");
}

#[test]
fn a_wrong_passphrase_leaves_a_wal_left_behind_and_the_file_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let mut store = Store::unlock(&path, "het goede wachtwoord", Sources::system()).unwrap();
    plant(&mut store);
    // A session cut off (power loss): the WAL is still there, not folded into the file.
    std::mem::forget(store);
    let wal = side(&path, "-wal");
    let before = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    assert!(!before.1.is_empty());
    let err = Store::unlock(&path, "het foute wachtwoord", Sources::system()).err().expect("refused");
    assert!(matches!(err, StoreError::WrongPassphrase { .. }), "{err}");
    assert_eq!((std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap()), before, "file and WAL untouched");
}

#[test]
fn an_unencrypted_store_is_encrypted_on_its_first_open_and_keeps_its_records() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.sqlite3");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    std::fs::copy(&fixture, &path).unwrap();
    assert_eq!(keukentafel_store::inspect(&path).unwrap(), FileKind::Plain);
    let plain_names: Vec<String> = {
        let c = rusqlite::Connection::open(&fixture).unwrap();
        let mut st = c.prepare("SELECT name FROM households ORDER BY name").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert!(!plain_names.is_empty());
    let store = Store::unlock(&path, "nu op slot", Sources::system()).unwrap();
    let mut names: Vec<String> =
        store.dump().unwrap()["households"].as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap().to_owned()).collect();
    names.sort();
    assert_eq!(names, plain_names, "every household kept");
    drop(store);
    assert!(matches!(keukentafel_store::inspect(&path).unwrap(), FileKind::Encrypted { .. }));
    let bytes = std::fs::read(&path).unwrap();
    for n in &plain_names {
        assert!(!contains(&bytes, n), "{n} still in clear text");
    }
    assert!(!side(&path, ".rekey").exists(), "no copy left behind");
    Store::unlock(&path, "nu op slot", Sources::system()).expect("opens with the passphrase");
}

#[test]
fn a_new_passphrase_replaces_the_old_one_and_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let mut store = Store::unlock(&path, "oud wachtwoord", Sources::system()).unwrap();
    plant(&mut store);
    let dump = store.dump().unwrap();
    let store = store.rekey(StoreKey::new_for("nieuw wachtwoord")).unwrap();
    assert_eq!(store.dump().unwrap(), dump);
    drop(store);
    assert!(matches!(Store::unlock(&path, "oud wachtwoord", Sources::system()), Err(StoreError::WrongPassphrase { .. })));
    assert_eq!(Store::unlock(&path, "nieuw wachtwoord", Sources::system()).unwrap().dump().unwrap(), dump);
    assert!(!side(&path, ".rekey").exists());
    assert_unreadable(&path);
}

#[test]
fn a_copy_left_by_a_cut_off_rekey_is_removed_and_the_old_store_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    plant(&mut Store::open(&path, testing::key(), Sources::system()).unwrap());
    std::fs::write(side(&path, ".rekey"), b"half a copy").unwrap();
    Store::open(&path, testing::key(), Sources::system()).unwrap();
    assert!(!side(&path, ".rekey").exists());
}
