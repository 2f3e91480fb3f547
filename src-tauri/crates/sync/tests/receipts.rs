//! Receipts for export files (issue 13, format 2.2), attacked as in `trust.rs`: receipts count
//! only from a return file signed by the linked coordinator and only for this installation's
//! own exports; every file imported is recorded once; a refused file records nothing.

mod common;

use std::path::PathBuf;

use common::*;
use keukentafel_domain::{FileReceipt, ReplicaId, Role};
use keukentafel_store::Store;
use keukentafel_sync::{format, SigningKey, SyncErrorCode};

struct World {
    _root: tempfile::TempDir,
    dir: PathBuf,
    coordinator: Node,
    anna: Node,
    bram: Node,
    outsider: Node,
}

fn world() -> World {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().to_owned();
    let mut coordinator = node(&dir, "coordinator", 41, Role::Coordinator);
    let mut anna = node(&dir, "anna", 42, Role::EnergyCoach);
    let mut bram = node(&dir, "bram", 43, Role::EnergyCoach);
    let mut outsider = node(&dir, "buitenstaander", 44, Role::EnergyCoach);
    pair(&mut coordinator, &mut anna);
    pair(&mut coordinator, &mut bram);
    add_households(&mut outsider, 1);
    World { _root: root, dir, coordinator, anna, bram, outsider }
}

/// A volunteer's next export for its coordinator, with one new household in it (so each file
/// has new content and a new number).
fn next_export(v: &mut Node) -> (PathBuf, i64) {
    add_households(v, 1);
    let out = keukentafel_sync::export_to_coordinator(&v.store, &v.key, &v.outbox, now()).unwrap();
    (PathBuf::from(out.path), out.file_number)
}

fn return_file(w: &mut World, to: ReplicaId) -> PathBuf {
    let out = keukentafel_sync::export_return_file(&mut w.coordinator.store, &w.coordinator.key, to, &w.coordinator.outbox, now()).unwrap();
    PathBuf::from(out.path)
}

/// Export numbers with a receipt, and those without.
fn receipts_of(store: &Store) -> (Vec<i64>, Vec<i64>) {
    let files = store.export_files().unwrap();
    let mut got: Vec<i64> = files.iter().filter(|f| f.received_at.is_some()).map(|f| f.number).collect();
    let mut not: Vec<i64> = files.iter().filter(|f| f.received_at.is_none()).map(|f| f.number).collect();
    got.sort();
    not.sort();
    (got, not)
}

fn numbers_from(store: &Store, sender: ReplicaId) -> Vec<Option<i64>> {
    store.received_files().unwrap().into_iter().filter(|f| f.sender == sender).map(|f| f.file_number).collect()
}

/// A return file as the coordinator would sign it, carrying `receipts` and no ops.
fn coordinator_file(w: &World, to: &Node, name: &str, receipts: Vec<FileReceipt>) -> PathBuf {
    let mut manifest = manifest_for(&w.coordinator, &[]);
    manifest.minor = format::MINOR;
    manifest.receipts = Some(receipts);
    manifest.created_at = format!("2026-09-21T00:00:0{}.000Z", name.len() % 10);
    write_file(&w.dir, name, &signed(&w.coordinator, &manifest, &[]), to)
}

fn receipt(replica: ReplicaId, file_number: i64) -> FileReceipt {
    FileReceipt { replica, file_number, created: "2026-09-21T00:00:00.000Z".into(), received_at: "2026-09-22T10:00:00.000Z".into() }
}

#[test]
fn a_return_file_confirms_the_files_the_coordinator_imported_and_a_lost_one_stays_unconfirmed() {
    let mut w = world();
    let (one, n1) = next_export(&mut w.anna);
    let (_lost, n2) = next_export(&mut w.anna);
    let (three, n3) = next_export(&mut w.anna);
    assert_eq!((n1, n2, n3), (1, 2, 3), "numbered per installation from 1");
    import_ok(&mut w.coordinator, &one);
    import_ok(&mut w.coordinator, &three);
    let anna = w.anna.store.replica();
    assert_eq!(numbers_from(&w.coordinator.store, anna), vec![Some(1), Some(3)]);
    assert_eq!(keukentafel_domain::file_gaps(&[1, 3]), vec![keukentafel_domain::FileGap { from: 2, to: 2 }]);

    let back = return_file(&mut w, anna);
    let m = keukentafel_sync::read_export(&w.anna.key, &back).unwrap().manifest;
    assert_eq!(m.receipts.as_ref().map(|r| r.iter().map(|r| r.file_number).collect::<Vec<_>>()), Some(vec![1, 3]));
    assert_eq!(m.file_number, Some(1), "the coordinator's first file");
    assert_eq!((m.major, m.min_reader), (format::MAJOR, format::Version { major: 3, minor: 0 }), "3.0 (carries 2.2's receipts), readable by 3.0 readers");
    let merged = import_ok(&mut w.anna, &back);
    assert_eq!(merged.confirmed_files, vec![1, 3]);
    assert_eq!(receipts_of(&w.anna.store), (vec![1, 3], vec![2]), "the lost file is not confirmed");
    let received_at = w.anna.store.export_files().unwrap().into_iter().find(|f| f.number == 1).unwrap().received_at;
    let imported = now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    assert_eq!(received_at, Some(imported), "when the coordinator imported it");

    // The same return file again: nothing new, recorded once.
    let again = import_ok(&mut w.anna, &back);
    assert!(again.confirmed_files.is_empty());
    assert_eq!(numbers_from(&w.anna.store, w.coordinator.store.replica()), vec![Some(1)]);
}

#[test]
fn the_same_file_imported_twice_is_recorded_once_and_writing_the_same_content_again_keeps_its_number() {
    let mut w = world();
    let (file, n) = next_export(&mut w.anna);
    import_ok(&mut w.coordinator, &file);
    import_ok(&mut w.coordinator, &file);
    assert_eq!(numbers_from(&w.coordinator.store, w.anna.store.replica()), vec![Some(n)]);
    // Nothing new since: the same name, the same number (the file replaced, not lost).
    let out = keukentafel_sync::export_to_coordinator(&w.anna.store, &w.anna.key, &w.anna.outbox, now()).unwrap();
    assert_eq!((PathBuf::from(&out.path), out.file_number), (file, n));
    assert_eq!(w.anna.store.export_files().unwrap().len(), 1);
}

#[test]
fn a_file_without_a_number_is_accepted_and_recorded_without_one() {
    let mut w = world();
    add_households(&mut w.anna, 1);
    let ops = w.anna.store.ops_missing_from(&keukentafel_store::Received::new()).unwrap();
    let manifest = manifest_for(&w.anna, &ops); // as a 2.0 writer: no number
    let file = write_file(&w.dir, "old.kt", &signed(&w.anna, &manifest, &ops), &w.coordinator);
    import_ok(&mut w.coordinator, &file);
    import_ok(&mut w.coordinator, &file);
    assert_eq!(numbers_from(&w.coordinator.store, w.anna.store.replica()), vec![None], "once, without a number");
}

#[test]
fn receipts_in_a_volunteers_file_change_nothing() {
    let mut w = world();
    let (file, _) = next_export(&mut w.bram);
    import_ok(&mut w.coordinator, &file);
    let coordinator = w.coordinator.store.replica();
    let bram = w.bram.store.replica();
    let _ = return_file(&mut w, bram); // the coordinator's file 1
    assert_eq!(receipts_of(&w.coordinator.store), (vec![], vec![1]));
    // Bram's genuine, signed file claiming the coordinator's return file arrived.
    add_households(&mut w.bram, 1);
    let ops = w.bram.store.ops_missing_from(&w.coordinator.store.received().unwrap()).unwrap();
    let mut manifest = manifest_for(&w.bram, &ops);
    manifest.receipts = Some(vec![receipt(coordinator, 1)]);
    let file = write_file(&w.dir, "bram.kt", &signed(&w.bram, &manifest, &ops), &w.coordinator);
    assert!(import_ok(&mut w.coordinator, &file).confirmed_files.is_empty());
    assert_eq!(receipts_of(&w.coordinator.store), (vec![], vec![1]), "no receipt from a volunteer");

    // Anna's own file, imported again into her own store, with receipts for her own exports.
    let (_, n) = next_export(&mut w.anna);
    let ops = w.anna.store.ops_missing_from(&keukentafel_store::Received::new()).unwrap();
    let mut manifest = manifest_for(&w.anna, &ops);
    manifest.receipts = Some(vec![receipt(w.anna.store.replica(), n)]);
    let file = write_file(&w.dir, "own.kt", &signed(&w.anna, &manifest, &ops), &w.anna);
    assert!(import_ok(&mut w.anna, &file).confirmed_files.is_empty());
    assert_eq!(receipts_of(&w.anna.store), (vec![], vec![n]), "no receipt from oneself");
}

#[test]
fn receipts_for_numbers_never_written_or_for_another_installation_change_nothing() {
    let mut w = world();
    let (_, n) = next_export(&mut w.anna);
    let anna = w.anna.store.replica();
    let bram = w.bram.store.replica();
    // Signed by the linked coordinator: for Bram's installation, and numbers Anna never wrote.
    let file = coordinator_file(&w, &w.anna, "other.kt", vec![receipt(bram, n), receipt(anna, 99), receipt(anna, 0), receipt(anna, -1)]);
    let merged = import_ok(&mut w.anna, &file);
    assert!(merged.confirmed_files.is_empty(), "{merged:?}");
    assert_eq!(receipts_of(&w.anna.store), (vec![], vec![n]));
    assert_eq!(w.anna.store.export_files().unwrap().len(), 1, "no row made for a number never written");

    // A receipt does not confirm a return file the volunteer's store may have written either:
    // only exports count. And a genuine one for Anna does.
    let file = coordinator_file(&w, &w.anna, "mine.kt", vec![receipt(anna, n)]);
    assert_eq!(import_ok(&mut w.anna, &file).confirmed_files, vec![n]);
}

#[test]
fn a_forged_file_records_nothing_and_confirms_nothing() {
    let mut w = world();
    // An outsider's file to the coordinator: refused, not recorded.
    let ops = w.outsider.store.ops_missing_from(&keukentafel_store::Received::new()).unwrap();
    let mut manifest = manifest_for(&w.outsider, &ops);
    manifest.file_number = Some(1);
    let file = write_file(&w.dir, "outsider.kt", &signed(&w.outsider, &manifest, &ops), &w.coordinator);
    let report = import(&mut w.coordinator, &[file]).remove(0);
    assert_eq!(report.outcome.unwrap_err().code(), SyncErrorCode::ExportUnknownSender);
    assert!(w.coordinator.store.received_files().unwrap().is_empty());

    // A "return file" in the coordinator's name, signed with another key, to Anna.
    let (_, n) = next_export(&mut w.anna);
    let mut manifest = manifest_for(&w.coordinator, &[]);
    manifest.receipts = Some(vec![receipt(w.anna.store.replica(), n)]);
    let forged = format::write_plaintext(&manifest, &[], &SigningKey::generate()).unwrap();
    let file = write_file(&w.dir, "forged.kt", &forged, &w.anna);
    let report = import(&mut w.anna, &[file]).remove(0);
    assert_eq!(report.outcome.unwrap_err().code(), SyncErrorCode::ExportForgedSender);
    assert_eq!(receipts_of(&w.anna.store), (vec![], vec![n]));
    assert!(w.anna.store.received_files().unwrap().is_empty());
}

