//! Format 3.0: files written and read as a stream (zstd inside age; the signature covers the
//! footer line, which carries the SHA-256 of everything before it). Attack tests first: every
//! bad 3.0 file is refused with the same code its 2.x twin gets, and changes nothing; a zstd
//! bomb is refused by the size limit; an old 2.x file still imports.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use keukentafel_domain::Role;
use keukentafel_store::Received;
use keukentafel_sync::content::{self, ZSTD_MAGIC};
use keukentafel_sync::format::{self, Version};
use keukentafel_sync::{envelope, Limits, SigningKey, SyncError, SyncErrorCode as C};
use sha2::Digest;

fn setup(root: &Path) -> (Node, Node) {
    let mut volunteer = node(root, "vrijwilliger", 1, Role::EnergyCoach);
    let mut coordinator = node(root, "coordinator", 2, Role::Coordinator);
    pair(&mut coordinator, &mut volunteer);
    add_households(&mut volunteer, 40);
    (volunteer, coordinator)
}

fn compressed(plain: &[u8]) -> Vec<u8> {
    content::compress(|w| w.write_all(plain).map_err(|e| SyncError::io("", e))).unwrap()
}

/// `plain` compressed and encrypted for `to`, as anyone holding `to`'s public key can write it.
fn write_compressed(dir: &Path, name: &str, plain: &[u8], to: &Node) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, envelope::encrypt(&compressed(plain), &[to.key.recipient()]).unwrap()).unwrap();
    path
}

/// The refusal's code; the store must be as it was.
fn refused(to: &mut Node, file: &Path) -> C {
    let before = state(&to.store);
    let report = import(to, &[file.to_owned()]).remove(0);
    let code = report.refusal().unwrap_or_else(|| panic!("{} was imported", file.display())).code();
    assert_eq!(state(&to.store), before, "a refused file changes nothing ({code:?})");
    code
}

fn lines(plain: &[u8]) -> Vec<Vec<u8>> {
    plain.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

#[test]
fn truncated_altered_and_foreign_3_0_files_are_refused_with_their_own_code() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator) = setup(root.path());
    let file = export(&volunteer, &coordinator);
    let bytes = std::fs::read(&file).unwrap();
    let dir = root.path();
    for cut in [30, bytes.len() / 3, bytes.len() / 2, bytes.len() - 17, bytes.len() - 1] {
        let f = dir.join(format!("cut-{cut}.kt"));
        std::fs::write(&f, &bytes[..cut]).unwrap();
        assert_eq!(refused(&mut coordinator, &f), C::ExportTruncated, "cut at {cut} of {}", bytes.len());
        assert_eq!(keukentafel_sync::verify_file(&coordinator.key, &f).unwrap_err().code(), C::ExportTruncated);
    }
    for at in [bytes.len() / 2, bytes.len() - 1] {
        let mut altered = bytes.clone();
        altered[at] ^= 0x20;
        let f = dir.join(format!("altered-{at}.kt"));
        std::fs::write(&f, &altered).unwrap();
        assert_eq!(refused(&mut coordinator, &f), C::ExportAltered, "byte {at} changed");
    }
    // For someone else's key (and the volunteer's own): the coordinator cannot read it.
    let outsider = node(dir, "buitenstaander", 3, Role::Coordinator);
    let foreign = keukentafel_sync::export_for(&volunteer.store, &volunteer.key, &[outsider.key.recipient()], &dir.join("f"), now()).unwrap();
    assert_eq!(refused(&mut coordinator, Path::new(&foreign.path)), C::ExportWrongKey);
    // From an installation the coordinator never enrolled, for the coordinator's key.
    let mut stranger = node(dir, "onbekend", 4, Role::EnergyCoach);
    add_households(&mut stranger, 2);
    let f = export(&stranger, &coordinator);
    assert_eq!(refused(&mut coordinator, &f), C::ExportUnknownSender);
    // Empty, and not an export file.
    std::fs::write(dir.join("empty.kt"), b"").unwrap();
    assert_eq!(refused(&mut coordinator, &dir.join("empty.kt")), C::ExportEmpty);
    let letter = write_compressed(dir, "letter.kt", b"Beste Jan,\nhierbij de foto's.\n", &coordinator);
    assert_eq!(refused(&mut coordinator, &letter), C::ExportNotAnExportFile);
    // The whole file still imports.
    assert!(import_ok(&mut coordinator, &file).new > 0);
}

#[test]
fn unsigned_forged_tampered_and_invalid_3_0_files_are_refused() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator) = setup(root.path());
    let dir = root.path();
    let real = export(&volunteer, &coordinator);
    let plain = content::plaintext(&std::fs::read(&real).unwrap(), &coordinator.key).unwrap();
    let all = lines(&plain);
    let n = all.len();
    assert!(n > 10);

    // No signature line: cut off after the footer, as for 2.x.
    let unsigned = write_compressed(dir, "unsigned.kt", &all[..n - 1].concat(), &coordinator);
    assert_eq!(refused(&mut coordinator, &unsigned), C::ExportTruncated);
    // A format 1.0 body (never signed), compressed: refused as unsigned.
    let ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    let mut old = manifest_for(&volunteer, &ops);
    (old.major, old.min_reader) = (1, Version { major: 1, minor: 0 });
    let old = write_compressed(dir, "old.kt", &format::write_body(&old, &ops).unwrap(), &coordinator);
    assert_eq!(refused(&mut coordinator, &old), C::ExportUnsigned);

    // In the volunteer's name, signed with another key.
    let forged = format::write_plaintext(&manifest_for(&volunteer, &ops), &ops, &SigningKey::generate()).unwrap();
    let f = write_compressed(dir, "forged.kt", &forged, &coordinator);
    assert_eq!(refused(&mut coordinator, &f), C::ExportForgedSender);

    // One op changed (to a valid value), the footer made to match, the signature kept: the
    // signed footer no longer matches.
    let mut changed = all.clone();
    let i = (1..n - 2).find(|&i| String::from_utf8_lossy(&all[i]).contains("Huishouden 1")).unwrap();
    changed[i] = String::from_utf8(all[i].clone()).unwrap().replacen("Huishouden 1", "Huishouden X", 1).into_bytes();
    let body: Vec<u8> = changed[..n - 2].concat();
    let footer = format!("{{\"footer\":true,\"op_count\":{},\"sha256\":\"{}\"}}\n", n - 3, format::hex(&sha2::Sha256::digest(&body)));
    let resigned = [body.clone(), footer.into_bytes(), all[n - 1].clone()].concat();
    let f = write_compressed(dir, "refooted.kt", &resigned, &coordinator);
    assert_eq!(refused(&mut coordinator, &f), C::BadSignature);
    // The same change without a new footer: the checksum fails first.
    let unfooted = [body, all[n - 2].clone(), all[n - 1].clone()].concat();
    let f = write_compressed(dir, "changed.kt", &unfooted, &coordinator);
    assert_eq!(refused(&mut coordinator, &f), C::ExportAltered);
    // One character of the signature changed.
    let mut tampered = plain.clone();
    let at = tampered.len() - 10;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    let f = write_compressed(dir, "tampered.kt", &tampered, &coordinator);
    assert_eq!(refused(&mut coordinator, &f), C::BadSignature);
    // A 2.x signature (over the whole body) on a 3.0 file does not verify.
    let body3 = format::write_body(&manifest_for(&volunteer, &ops), &ops).unwrap();
    let key = signing_of(&volunteer);
    let line = format::SignatureLine { signer: key.public().to_string(), signature: key.sign(&body3).to_string() };
    let whole = [body3, serde_json::to_vec(&line).unwrap(), b"\n".to_vec()].concat();
    let f = write_compressed(dir, "v2sig.kt", &whole, &coordinator);
    assert_eq!(refused(&mut coordinator, &f), C::BadSignature);

    // A whole, signed file with one value no form would store.
    let mut bad = ops.clone();
    bad[0].entity = "household".into();
    bad[0].field = "postcode".into();
    bad[0].value = serde_json::json!("1234ab");
    let invalid = signed(&volunteer, &manifest_for(&volunteer, &bad), &bad);
    let f = write_compressed(dir, "invalid.kt", &invalid, &coordinator);
    let e = import(&mut coordinator, &[f]).remove(0).outcome.unwrap_err();
    assert!(matches!(e, SyncError::InvalidOp { line: 2, .. }), "{e}");

    // And the real one, after all that.
    assert_eq!(import_ok(&mut coordinator, &real).new, ops.len());
}

#[test]
fn a_zstd_bomb_is_refused_by_the_size_limit() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator) = setup(root.path());
    let ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    // A manifest, then 1 MiB of empty lines compressed once and repeated: 256 MiB in a file
    // of a few KiB (zstd reads concatenated frames as one stream).
    let mut first = serde_json::to_vec(&manifest_for(&volunteer, &ops)).unwrap();
    first.push(b'\n');
    let mut bomb = compressed(&first);
    let frame = compressed(&b"\n".repeat(1 << 20));
    for _ in 0..256 {
        bomb.extend_from_slice(&frame);
    }
    let path = root.path().join("bomb.kt");
    std::fs::write(&path, envelope::encrypt(&bomb, &[coordinator.key.recipient()]).unwrap()).unwrap();
    let on_disk = std::fs::metadata(&path).unwrap().len();
    assert!(on_disk < 256 * 1024, "a small file: {on_disk} bytes");

    let limits = Limits { max_file_bytes: 4 << 20, max_ops: keukentafel_sync::MAX_OPS };
    let before = state(&coordinator.store);
    let reports = keukentafel_sync::import_files_within(&mut coordinator.store, &coordinator.key, std::slice::from_ref(&path), now(), &limits, |_| {});
    let e = reports.into_iter().next().unwrap().outcome.unwrap_err();
    assert!(matches!(e, SyncError::TooLarge { bytes, limit } if bytes > limit && limit == 4 << 20), "{e}");
    assert_eq!(state(&coordinator.store), before);
    // The same from memory (the fuzz target's path).
    let e = keukentafel_sync::read_export_bytes_with(&coordinator.key, &std::fs::read(&path).unwrap(), &limits).unwrap_err();
    assert_eq!(e.code(), C::ExportTooLarge, "{e}");
}

#[test]
fn a_3_0_file_round_trips_and_an_old_2_x_file_still_imports() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator) = setup(root.path());
    let ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    let file = export(&volunteer, &coordinator);
    let inner = envelope::decrypt(&std::fs::read(&file).unwrap(), &coordinator.key).unwrap();
    assert!(inner.starts_with(&ZSTD_MAGIC), "compressed inside the encryption");
    let contents = keukentafel_sync::read_export(&coordinator.key, &file).unwrap();
    assert_eq!((contents.manifest.major, contents.manifest.min_reader), (3, Version { major: 3, minor: 0 }));
    assert_eq!(contents.ops, ops, "every op, in order, as the store holds it");
    let verified = keukentafel_sync::verify_file(&coordinator.key, &file).unwrap();
    assert_eq!(verified.op_count, ops.len());
    let plain = content::plaintext(&std::fs::read(&file).unwrap(), &coordinator.key).unwrap();
    let size = std::fs::metadata(&file).unwrap().len() as usize;
    assert!(size * 3 < plain.len(), "compressed: {size} bytes for {} of JSON Lines", plain.len());
    eprintln!("{} ops: {size} bytes in the file ({} per op), {} of JSON Lines", ops.len(), size / ops.len(), plain.len());

    // The temp file it was written through is gone (unnamed from the start on Linux); only
    // the file itself is in the folder, readable by its owner only.
    let names: Vec<String> = std::fs::read_dir(file.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec![file.file_name().unwrap().to_string_lossy().into_owned()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }

    let mut other = node(root.path(), "tweede-coordinator", 5, Role::Coordinator);
    enrol(&mut other, &volunteer);
    // A file of format 2.3, as the version before wrote it: uncompressed, signed over the body.
    let mut manifest = manifest_for(&volunteer, &ops);
    (manifest.major, manifest.minor, manifest.min_reader) = (2, format::V2_MINOR, Version { major: 2, minor: 0 });
    manifest.op_count = Some(ops.len() as u64);
    let old = signed(&volunteer, &manifest, &ops);
    let key = signing_of(&volunteer);
    let body_end = old[..old.len() - 1].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    let line: format::SignatureLine = serde_json::from_slice(&old[body_end..old.len() - 1]).unwrap();
    key.public().verify(&old[..body_end], &line.signature.parse().unwrap()).expect("2.x: signed over the whole body");
    let old_file = write_file(root.path(), "old.kt", &old, &other);
    let merged = import_ok(&mut other, &old_file);
    assert_eq!(merged.new, ops.len());
    // The same ops as the 3.0 file: both stores end the same.
    let merged = import_ok(&mut coordinator, &file);
    assert_eq!(merged.new, ops.len());
    assert_eq!(coordinator.store.dump().unwrap()["households"], other.store.dump().unwrap()["households"]);
    // Importing again adds nothing.
    assert_eq!(import_ok(&mut coordinator, &file).already_present, ops.len());
    let again = write_file(root.path(), "old-again.kt", &old, &coordinator);
    assert_eq!(import_ok(&mut coordinator, &again).already_present, ops.len());
}
