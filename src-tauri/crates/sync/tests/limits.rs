//! Size limits on real files: a file over the size limit or the op-count limit is refused with
//! its own error before it is decrypted in full (from its size on disk, the size its age header
//! announces, the op count its manifest announces), or before a single op is parsed (the op
//! count its content holds); the store stays exactly as it was.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use keukentafel_domain::Role;
use keukentafel_store::Received;
use keukentafel_sync::format::{self, Manifest};
use keukentafel_sync::{envelope, FileReport, Limits, SyncError, SyncErrorCode, MAX_FILE_BYTES, MAX_OPS};
use sha2::Digest;

/// A volunteer with enough households that its file spans several 64 KiB age chunks.
fn setup(root: &Path) -> (Node, Node) {
    let mut volunteer = node(root, "vrijwilliger", 1, Role::EnergyCoach);
    let mut coordinator = node(root, "coordinator", 2, Role::Coordinator);
    pair(&mut coordinator, &mut volunteer);
    add_households(&mut volunteer, 40);
    (volunteer, coordinator)
}

fn refusal(reports: Vec<FileReport>) -> SyncError {
    let mut reports = reports;
    reports.remove(0).outcome.expect_err("the file is refused")
}

fn import_within(to: &mut Node, file: &Path, limits: &Limits) -> SyncError {
    refusal(keukentafel_sync::import_files_within(&mut to.store, &to.key, &[file.to_owned()], now(), limits, |_| {}))
}

fn manifest_of(from: &Node, ops: &[keukentafel_store::Op]) -> Manifest {
    let file = export(from, from);
    let mut manifest = keukentafel_sync::read_export(&from.key, &file).unwrap().manifest;
    manifest.ranges = format::ranges_of(ops);
    manifest
}

fn write(dir: &Path, name: &str, plaintext: &[u8], to: &Node) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, envelope::encrypt(plaintext, &[to.key.recipient()]).unwrap()).unwrap();
    path
}

#[test]
fn a_file_over_the_size_limit_is_refused_from_its_size_on_disk() {
    let root = tempfile::tempdir().unwrap();
    let (_, mut coordinator) = setup(root.path());
    let before = state(&coordinator.store);
    // A sparse file: as large as that on disk, without writing 256 MiB. Were it read and
    // decrypted, it would be refused as "not an export file".
    let huge = root.path().join("huge.kt");
    std::fs::File::create(&huge).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
    let e = refusal(import(&mut coordinator, std::slice::from_ref(&huge)));
    assert!(matches!(e, SyncError::TooLarge { bytes, limit } if bytes == MAX_FILE_BYTES + 1 && limit == MAX_FILE_BYTES), "{e}");
    assert_eq!(e.code(), SyncErrorCode::ExportTooLarge);
    assert!(e.is_refusal());
    assert!(matches!(keukentafel_sync::verify_file(&coordinator.key, &huge), Err(SyncError::TooLarge { .. })));
    assert_eq!(state(&coordinator.store), before);
    assert!(!coordinator.path.with_file_name("backups").exists(), "refused before the backup");
}

#[test]
fn a_header_announcing_more_than_the_size_limit_is_refused_before_the_content_is_decrypted() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, coordinator) = setup(root.path());
    // Uncompressed (an export is compressed, and 40 households then take less than 64 KiB).
    let ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    let plaintext = signed(&volunteer, &manifest_of(&volunteer, &ops), &ops);
    let bytes = std::fs::read(write(root.path(), "plain.kt", &plaintext, &coordinator)).unwrap();
    assert!(bytes.len() > 2 * 64 * 1024);
    // The first 20 KiB of the file, under a limit of 64 KiB: small enough on disk, but the
    // authenticated header announces the whole payload.
    let limits = Limits { max_file_bytes: 64 * 1024, max_ops: MAX_OPS };
    let e = keukentafel_sync::read_export_bytes_with(&coordinator.key, &bytes[..20 * 1024], &limits).unwrap_err();
    assert!(matches!(e, SyncError::TooLarge { bytes: b, limit } if b > 2 * 64 * 1024 && limit == 64 * 1024), "{e}");
    // With room enough, the same bytes are what they are: cut off.
    let roomy = Limits { max_file_bytes: 10 * bytes.len() as u64, max_ops: MAX_OPS };
    let e = keukentafel_sync::read_export_bytes_with(&coordinator.key, &bytes[..20 * 1024], &roomy).unwrap_err();
    assert_eq!(e.code(), SyncErrorCode::ExportTruncated);
}

#[test]
fn a_manifest_announcing_too_many_ops_is_refused_before_the_rest_is_decrypted() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator) = setup(root.path());
    let before = state(&coordinator.store);
    let ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    let mut manifest = manifest_of(&volunteer, &ops);
    manifest.op_count = Some(MAX_OPS + 1);
    let plaintext = signed(&volunteer, &manifest, &ops);
    assert!(plaintext.len() > 2 * 64 * 1024, "the manifest's chunk is not the last");
    let file = write(root.path(), "claims.kt", &plaintext, &coordinator);
    // Damage the last chunk: had the content been decrypted in full, this would be "altered".
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&file, &bytes).unwrap();

    let e = refusal(import(&mut coordinator, &[file]));
    assert!(matches!(e, SyncError::TooManyOps { count, limit } if count == MAX_OPS + 1 && limit == MAX_OPS), "{e}");
    assert_eq!(e.code(), SyncErrorCode::ExportTooManyOps);
    assert_eq!(state(&coordinator.store), before);

    // An honest export announces its op count; under a smaller limit it is refused the same way.
    let honest = export(&volunteer, &coordinator);
    let small = Limits { max_file_bytes: MAX_FILE_BYTES, max_ops: 10 };
    let e = import_within(&mut coordinator, &honest, &small);
    assert!(matches!(e, SyncError::TooManyOps { count, limit: 10 } if count == ops.len() as u64), "{e}");
    assert_eq!(state(&coordinator.store), before);
}

#[test]
fn a_file_holding_too_many_ops_is_refused_before_any_op_is_parsed() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator) = setup(root.path());
    let before = state(&coordinator.store);
    let ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    // A file without an announced count (as version 1.0 wrote them) holding 12 op lines, one
    // of which is not an op at all; checksum and footer are right.
    let mut manifest = manifest_of(&volunteer, &ops[..12]);
    manifest.op_count = None;
    let mut plain = serde_json::to_vec(&manifest).unwrap();
    plain.push(b'\n');
    for (i, op) in ops[..12].iter().enumerate() {
        let line = if i == 5 { b"{\"not\":\"an op\"}".to_vec() } else { serde_json::to_vec(op).unwrap() };
        plain.extend_from_slice(&line);
        plain.push(b'\n');
    }
    let digest = format::hex(&sha2::Sha256::digest(&plain));
    plain.extend_from_slice(format!("{{\"footer\":true,\"op_count\":12,\"sha256\":\"{digest}\"}}\n").as_bytes());
    let file = write(root.path(), "twelve.kt", &format::sign(plain, &signing_of(&volunteer)), &coordinator);

    let small = Limits { max_file_bytes: MAX_FILE_BYTES, max_ops: 10 };
    let e = import_within(&mut coordinator, &file, &small);
    assert!(matches!(e, SyncError::TooManyOps { count: 12, limit: 10 }), "counted, not parsed: {e}");
    assert_eq!(state(&coordinator.store), before);
    // Within the limit the same file reaches the op that is not one.
    let e = refusal(import(&mut coordinator, &[file]));
    assert_eq!(e.code(), SyncErrorCode::ExportInvalidOp, "{e}");
    assert_eq!(state(&coordinator.store), before);
}
