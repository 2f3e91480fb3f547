//! Test helpers: real store files in temp dirs, each with its own profile and age key.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use keukentafel_domain::{HouseholdId, HouseholdInput, Role, Sources, UserProfileInput};
use keukentafel_store::Store;
use keukentafel_sync::format::{self, Manifest};
use keukentafel_sync::{envelope, FileReport, KeyPair, Pairing, SigningKey};

/// The clock all test stores start from (2026-09-21), so no op looks dated in the future.
pub const T0: i64 = 1_790_000_000_000;

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(T0).unwrap()
}

/// One installation: a store in its own folder, with a profile and an identity beside it.
pub struct Node {
    pub store: Store,
    pub key: KeyPair,
    pub path: PathBuf,
    pub outbox: PathBuf,
}

pub fn node(root: &Path, name: &str, seed: u64, role: Role) -> Node {
    let dir = root.join(name);
    let path = dir.join("keukentafel.sqlite3");
    let mut store = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(seed, T0, 1)).unwrap();
    store.save_profile(UserProfileInput { name: name.to_owned(), organisation: "Test".into(), phone: String::new(), role }).unwrap();
    let key = keukentafel_sync::load_or_create_identity(&store).unwrap();
    let outbox = dir.join("outbox");
    Node { store, key, path, outbox }
}

pub fn household(name: &str) -> HouseholdInput {
    HouseholdInput { name: name.to_owned(), city: "Utrecht".into(), wijk: "Overvecht".into(), ..Default::default() }
}

pub fn add_households(n: &mut Node, count: usize) -> Vec<HouseholdId> {
    (0..count).map(|i| n.store.create_household(household(&format!("Huishouden {i}"))).unwrap().id).collect()
}

/// Exports everything `from` holds that `to` is not known to hold, for `to`'s key.
pub fn export(from: &Node, to: &Node) -> PathBuf {
    let out = keukentafel_sync::export_for(&from.store, &from.key, &[to.key.recipient()], &from.outbox, now()).unwrap();
    PathBuf::from(out.path)
}

pub fn import(to: &mut Node, files: &[PathBuf]) -> Vec<FileReport> {
    keukentafel_sync::import_files(&mut to.store, &to.key, files, now(), |_| {})
}

pub fn import_ok(to: &mut Node, file: &Path) -> keukentafel_sync::MergeCounts {
    let mut reports = import(to, &[file.to_owned()]);
    let r = reports.remove(0);
    match r.outcome {
        Ok(m) => m,
        Err(e) => panic!("import of {} refused: {e}", file.display()),
    }
}

/// The dump without the op count line, and the op count: what "unchanged" compares.
pub fn state(store: &Store) -> (String, i64) {
    (serde_json::to_string(&store.dump().unwrap()).unwrap(), store.op_count().unwrap())
}

/// A manifest for a file from `from` carrying `ops`, as the exporter writes it.
pub fn manifest_for(from: &Node, ops: &[keukentafel_store::Op]) -> Manifest {
    Manifest {
        format: format::FORMAT.into(),
        major: format::MAJOR,
        minor: 0,
        min_reader: format::Version { major: format::MAJOR, minor: 0 },
        schema_version: from.store.schema_version().unwrap(),
        replica: from.store.replica(),
        author: "x".into(),
        role: "energy_coach".into(),
        recipient: from.key.public_key(),
        ranges: format::ranges_of(ops),
        received: from.store.received().unwrap(),
        created_at: "2026-09-21T00:00:00.000Z".into(),
        op_count: None,
        return_file: None,
        households: None,
        acknowledged: None,
        file_number: None,
        receipts: None,
        erase: None,
        erased: None,
        extra: BTreeMap::new(),
    }
}

/// Encrypts `plaintext` for `to` into `dir/name`, as anyone holding `to`'s public key can.
pub fn write_file(dir: &Path, name: &str, plaintext: &[u8], to: &Node) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, envelope::encrypt(plaintext, &[to.key.recipient()]).unwrap()).unwrap();
    path
}

/// `n`'s signing key (kept in its store).
pub fn signing_of(n: &Node) -> SigningKey {
    keukentafel_sync::load_or_create_signing_key(&n.store).unwrap()
}

/// `n`'s pairing code, as its screen shows it.
pub fn pairing_of(n: &Node) -> Pairing {
    let profile = n.store.profile().unwrap().unwrap();
    Pairing::for_installation(&profile, n.store.replica(), &n.key, &signing_of(n), now().date_naive()).unwrap()
}

/// The coordinator enrols `volunteer` (as after comparing the fingerprint in person).
pub fn enrol(coordinator: &mut Node, volunteer: &Node) {
    let p = pairing_of(volunteer);
    coordinator.store.enrol(&p.enrolment("coordinator".into(), "2026-09-21T00:00:00Z".into())).unwrap();
}

/// `volunteer` links to `coordinator` with the coordinator's pairing code.
pub fn link(volunteer: &mut Node, coordinator: &Node) {
    keukentafel_sync::link_coordinator(&mut volunteer.store, &pairing_of(coordinator).to_line()).unwrap();
}

/// Both directions: the coordinator accepts the volunteer's files and the other way round.
pub fn pair(coordinator: &mut Node, volunteer: &mut Node) {
    enrol(coordinator, volunteer);
    link(volunteer, coordinator);
}

/// A plaintext signed with `from`'s own key, as its exporter would sign it.
pub fn signed(from: &Node, manifest: &Manifest, ops: &[keukentafel_store::Op]) -> Vec<u8> {
    format::write_plaintext(manifest, ops, &signing_of(from)).unwrap()
}
