//! Export files end to end on real stores and real age encryption: round trip, the reference
//! `age` tool, re-import, newer minor fields passed on, and every kind of bad file refused
//! with its own error while the store stays exactly as it was.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use keukentafel_domain::Role;
use keukentafel_store::Received;
use keukentafel_sync::format;
use keukentafel_sync::{envelope, SyncError, SyncErrorCode};
use sha2::Digest;

fn setup(root: &Path) -> (Node, Node, PathBuf) {
    let mut volunteer = node(root, "vrijwilliger", 1, Role::EnergyCoach);
    let mut coordinator = node(root, "coordinator", 2, Role::Coordinator);
    pair(&mut coordinator, &mut volunteer);
    let ids = add_households(&mut volunteer, 5);
    let mut update = volunteer.store.household(ids[0]).unwrap();
    update.data.notes = "Tocht bij de voordeur".into();
    volunteer
        .store
        .update_household(keukentafel_domain::HouseholdUpdate { id: ids[0], data: update.data, base: update.clocks })
        .unwrap();
    let file = export(&volunteer, &coordinator);
    (volunteer, coordinator, file)
}

#[test]
fn a_file_round_trips_and_a_second_import_adds_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator, file) = setup(root.path());
    let name = file.file_name().unwrap().to_str().unwrap().to_owned();
    assert!(name.starts_with(&format!("keukentafel-{}-", &volunteer.store.replica().to_string()[..8])) && name.ends_with(".kt"));
    assert!(!name.contains("vrijwilliger") && !name.contains("Huishouden"), "no personal data in the name: {name}");

    let first = import_ok(&mut coordinator, &file);
    assert_eq!(first.new as i64, volunteer.store.op_count().unwrap(), "every op of the volunteer arrives");
    assert_eq!((first.already_present, first.conflicts, first.held_back), (0, 0, 0));
    let after = state(&coordinator.store);
    let second = import_ok(&mut coordinator, &file);
    assert_eq!((second.new, second.already_present), (0, first.new), "the same file again adds nothing");
    assert!(second.already_imported && !first.already_imported, "the very same bytes: skipped before decrypting");
    assert_eq!(state(&coordinator.store), after);
    let reports = import(&mut coordinator, std::slice::from_ref(&file));
    let sender = reports[0].sender.as_ref().expect("the skipped file still names its sender");
    assert_eq!((sender.author.as_str(), sender.role.as_str()), ("vrijwilliger", "energy_coach"));

    // The same content encrypted anew (other bytes) is read, verified and merged as usual:
    // only the very same file is skipped unread.
    let plain = envelope::decrypt(&std::fs::read(&file).unwrap(), &coordinator.key).unwrap();
    let again = root.path().join("again.kt");
    std::fs::write(&again, envelope::encrypt(&plain, &[coordinator.key.recipient()]).unwrap()).unwrap();
    let third = import_ok(&mut coordinator, &again);
    assert_eq!((third.new, third.already_present, third.already_imported), (0, first.new, false));
    assert_eq!(state(&coordinator.store), after);

    let peer = coordinator.store.peer(volunteer.store.replica()).unwrap().expect("the sender is remembered");
    assert_eq!((peer.author.as_str(), peer.role.as_str()), ("vrijwilliger", "energy_coach"));
    assert_eq!(peer.recipient, volunteer.key.public_key());
    assert_eq!(peer.received, volunteer.store.received().unwrap());
    let backups: Vec<PathBuf> =
        std::fs::read_dir(coordinator.path.parent().unwrap().join("backups")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(backups.len(), 2, "one online backup per import batch that read a file (the first and the re-encrypted one); none for the skipped ones");
    // The export file and the backups hold household data: readable by their owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for p in backups.iter().chain([&file]) {
            assert_eq!(std::fs::metadata(p).unwrap().permissions().mode() & 0o777, 0o600, "{}", p.display());
        }
    }

    // Exporting the same state again gives the same name (and replaces the file).
    assert_eq!(export(&volunteer, &coordinator), file);
}

#[test]
fn a_return_file_carries_only_what_the_volunteer_lacks() {
    let root = tempfile::tempdir().unwrap();
    let (mut volunteer, mut coordinator, file) = setup(root.path());
    import_ok(&mut coordinator, &file);
    let theirs = volunteer.store.replica();
    assert_eq!(coordinator.store.assigned_households(theirs).unwrap().len(), 5, "what a volunteer creates is theirs");
    let others = add_households(&mut coordinator, 1);
    let back = keukentafel_sync::export_return_file(&mut coordinator.store, &coordinator.key, theirs, &coordinator.outbox, now())
        .unwrap();
    let contents = keukentafel_sync::read_export(&volunteer.key, Path::new(&back.path)).unwrap();
    assert!(contents.ops.iter().all(|op| op.replica == coordinator.store.replica()), "the volunteer's own ops are not sent back");
    assert!(contents.ops.iter().all(|op| op.entity_id != others[0].0), "a household not given to it is not sent");
    import_ok(&mut volunteer, Path::new(&back.path));
    assert_eq!(volunteer.store.household_names().unwrap().len(), 5);

    // Given to the volunteer, the coordinator's household arrives with the next return file.
    coordinator.store.assign(others[0], theirs, now().date_naive()).unwrap();
    let back = keukentafel_sync::export_return_file(&mut coordinator.store, &coordinator.key, theirs, &coordinator.outbox, now())
        .unwrap();
    import_ok(&mut volunteer, Path::new(&back.path));
    assert_eq!(state(&volunteer.store), state(&coordinator.store), "both hold everything now");

    // A coordinator's file written without a list (`export --recipient`) carries everything,
    // but the volunteer's laptop takes in nothing beyond its own households.
    let not_given = add_households(&mut coordinator, 1)[0];
    let everything = export(&coordinator, &volunteer);
    let merged = import_ok(&mut volunteer, &everything);
    assert_eq!(merged.new, 0, "{merged:?}");
    assert!(volunteer.store.household(not_given).is_err());

    // Linked by a pasted code (with whitespace around it); with nothing new, the file still
    // carries the acknowledgement.
    keukentafel_sync::link_coordinator(&mut volunteer.store, &format!("\n  {}  \n", pairing_of(&coordinator).to_line())).unwrap();
    import_ok(&mut volunteer, Path::new(&back.path));
    let ack = keukentafel_sync::export_to_coordinator(&volunteer.store, &volunteer.key, &volunteer.outbox, now()).unwrap();
    let ack = keukentafel_sync::read_export(&coordinator.key, Path::new(&ack.path)).unwrap();
    assert_eq!(ack.manifest.received, volunteer.store.received().unwrap());
}

/// `zstd -d` (the reference tool) on `compressed`: the JSON Lines of a 3.0 file.
fn zstd_decompress(compressed: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let zstd = std::env::var_os("ZSTD_BIN").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("zstd"));
    let mut child = std::process::Command::new(&zstd)
        .args(["-d", "-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the reference `zstd` tool must be installed (apt-get install zstd): {e}"));
    child.stdin.take().unwrap().write_all(compressed).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "zstd -d failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn the_reference_age_tool_decrypts_an_export_file() {
    let age = std::env::var_os("AGE_BIN").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("age"));
    let root = tempfile::tempdir().unwrap();
    let (volunteer, coordinator, file) = setup(root.path());
    for who in [&coordinator, &volunteer] {
        // The identity is kept inside the encrypted store; the reference tool needs a file.
        let identity = who.path.with_file_name("age-identity.txt");
        let public = keukentafel_sync::write_identity_file(&who.store, &identity).unwrap();
        assert_eq!(public, who.key.public_key());
        let out = std::process::Command::new(&age)
            .arg("-d")
            .arg("-i")
            .arg(&identity)
            .arg(&file)
            .output()
            .unwrap_or_else(|e| panic!("the reference `age` tool must be installed (apt-get install age): {e}"));
        assert!(out.status.success(), "age -d failed: {}", String::from_utf8_lossy(&out.stderr));
        // Format 3.0: the plaintext is one zstd stream; the reference tool gives the JSON Lines.
        assert!(out.stdout.starts_with(&keukentafel_sync::content::ZSTD_MAGIC), "compressed inside the encryption");
        let text = String::from_utf8(zstd_decompress(&out.stdout)).unwrap();
        assert!(text.len() > 2 * out.stdout.len(), "compression pays: {} bytes of JSON Lines in {}", text.len(), out.stdout.len());
        let lines: Vec<&str> = text.lines().collect();
        let manifest: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(manifest["format"], "keukentafel-export");
        assert_eq!((manifest["major"].as_u64(), manifest["min_reader"]["major"].as_u64()), (Some(3), Some(3)));
        let signature: serde_json::Value = serde_json::from_str(lines[lines.len() - 1]).unwrap();
        assert_eq!(signature["signer"], pairing_of(&volunteer).signing_key().to_string(), "signed by the volunteer");
        let footer: serde_json::Value = serde_json::from_str(lines[lines.len() - 2]).unwrap();
        let footer_start = text.len() - lines[lines.len() - 1].len() - lines[lines.len() - 2].len() - 2;
        assert_eq!(footer["sha256"], format::hex(&sha2::Sha256::digest(&text.as_bytes()[..footer_start])), "the footer checks");
        assert_eq!(footer["op_count"], lines.len() as u64 - 3);
        // What is signed (3.x): the context and the footer line, which carries the SHA-256.
        let signer: keukentafel_sync::SigningPublicKey = signature["signer"].as_str().unwrap().parse().unwrap();
        let sig: keukentafel_sync::Signature = signature["signature"].as_str().unwrap().parse().unwrap();
        let footer_line = format!("{}\n", lines[lines.len() - 2]);
        signer.verify(&format::signed_footer(footer_line.as_bytes()), &sig).expect("the signature covers the footer line");
    }
}

#[test]
fn unknown_fields_of_a_newer_minor_version_are_kept_and_passed_on() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator, _) = setup(root.path());
    let mut third = node(root.path(), "derde", 3, Role::DebtHelpVolunteer);
    pair(&mut coordinator, &mut third);
    let mut ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    ops[3].extra.insert("meter_photo".into(), serde_json::json!({"sha": "abc"}));
    let mut manifest = manifest_for(&volunteer, &ops);
    manifest.minor = 7;
    manifest.extra.insert("photos".into(), serde_json::json!("later"));
    let file = write_file(root.path(), "minor.kt", &signed(&volunteer, &manifest, &ops), &coordinator);
    import_ok(&mut coordinator, &file);
    let relayed = export(&coordinator, &third);
    let got = keukentafel_sync::read_export(&third.key, &relayed).unwrap();
    let op = got.ops.iter().find(|o| o.op_id == ops[3].op_id).unwrap();
    assert_eq!(op.extra.get("meter_photo"), Some(&serde_json::json!({"sha": "abc"})), "passed on unchanged");
}

/// Imports `bytes` as a file and checks the refusal's kind and that the store is untouched.
fn refused(to: &mut Node, dir: &Path, bytes: &[u8]) -> SyncErrorCode {
    let before = state(&to.store);
    let path = dir.join("bad.kt");
    std::fs::write(&path, bytes).unwrap();
    let report = import(to, std::slice::from_ref(&path)).remove(0);
    let refusal = match report.outcome {
        Err(e) => e,
        Ok(m) => panic!("a bad file must be refused, got {m:?}"),
    };
    assert_eq!(state(&to.store), before, "a refused file leaves the store as it was");
    assert!(refusal.is_refusal(), "{refusal}");
    let direct = keukentafel_sync::verify_file(&to.key, &path).unwrap_err();
    assert_eq!(direct.code(), refusal.code(), "verify and import agree");
    refusal.code()
}

#[test]
fn bad_files_are_refused_each_with_its_own_error_and_the_store_is_unchanged() {
    use SyncErrorCode as C;
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator, file) = setup(root.path());
    let good = std::fs::read(&file).unwrap();
    let bad = root.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();

    // Cut off at many lengths, including inside the header, the nonce and every chunk.
    let mut lengths: Vec<usize> = (1..200).chain((200..good.len()).step_by(good.len() / 300)).chain(good.len() - 20..good.len()).collect();
    lengths.dedup();
    for len in lengths {
        let code = refused(&mut coordinator, &bad, &good[..len]);
        assert_eq!(code, C::ExportTruncated, "cut at {len} of {}", good.len());
    }
    assert_eq!(refused(&mut coordinator, &bad, &[]), C::ExportEmpty);

    // Single bits flipped across the whole file.
    let magic_line = 22;
    let header_len = good.windows(5).position(|w| w == b"\n--- ").unwrap() + 50;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    // About 1200 flips, spread over every byte position class (an odd step walks the bit index).
    let step = (good.len() * 8 / 1200) | 1;
    for bit in (0..good.len() * 8).step_by(step) {
        let mut flipped = good.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let code = refused(&mut coordinator, &bad, &flipped);
        *counts.entry(format!("{code:?}")).or_default() += 1;
        let byte = bit / 8;
        match code {
            C::ExportAltered => {}
            // The magic line no longer says age: it is not recognisable as ours.
            C::ExportNotAnExportFile if byte < magic_line => {}
            // age cannot tell a damaged key stanza from one for another key.
            C::ExportWrongKey if byte < header_len => {}
            other => panic!("bit {bit} (byte {byte}) flipped gave {other:?}"),
        }
    }
    assert!(counts["ExportAltered"] > 1100, "most flips are reported as altered: {counts:?}");

    // A file for another installation.
    let stranger = node(root.path(), "ander", 9, Role::Coordinator);
    assert_eq!(refused(&mut coordinator, &bad, &std::fs::read(export(&volunteer, &stranger)).unwrap()), C::ExportWrongKey);

    // A newer major version, and a file that needs a newer reader.
    let to_coordinator = coordinator.key.recipient();
    let ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    let mut newer = manifest_for(&volunteer, &ops);
    newer.major = format::MAJOR + 1;
    let plain = signed(&volunteer, &newer, &ops);
    assert_eq!(refused(&mut coordinator, &bad, &envelope::encrypt(&plain, std::slice::from_ref(&to_coordinator)).unwrap()), C::ExportNewerVersion);
    let mut needs = manifest_for(&volunteer, &ops);
    needs.min_reader = format::Version { major: format::MAJOR, minor: format::MINOR + 1 };
    let plain = signed(&volunteer, &needs, &ops);
    assert_eq!(refused(&mut coordinator, &bad, &envelope::encrypt(&plain, std::slice::from_ref(&to_coordinator)).unwrap()), C::ExportNewerVersion);

    // Foreign files: garbage, an age file of something else, a SQLite file.
    assert_eq!(refused(&mut coordinator, &bad, b"PK\x03\x04 this is a zip, honest"), C::ExportNotAnExportFile);
    let garbage: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    assert_eq!(refused(&mut coordinator, &bad, &garbage), C::ExportNotAnExportFile);
    let letter = envelope::encrypt(b"Beste Jan,\nhierbij de foto's.\n", std::slice::from_ref(&to_coordinator)).unwrap();
    assert_eq!(refused(&mut coordinator, &bad, &letter), C::ExportNotAnExportFile);
    assert_eq!(refused(&mut coordinator, &bad, &std::fs::read(&volunteer.path).unwrap()), C::ExportNotAnExportFile);

    // Authentic encryption around broken content (anyone can encrypt to a public key).
    let mut plain = signed(&volunteer, &manifest_for(&volunteer, &ops), &ops);
    let cut = plain.len() - 30;
    assert_eq!(refused(&mut coordinator, &bad, &envelope::encrypt(&plain[..cut], std::slice::from_ref(&to_coordinator)).unwrap()), C::ExportTruncated);
    let at = plain.iter().position(|&b| b == b'\n').unwrap() + 40;
    plain[at] ^= 1;
    assert_eq!(refused(&mut coordinator, &bad, &envelope::encrypt(&plain, std::slice::from_ref(&to_coordinator)).unwrap()), C::ExportAltered);
    let mut wrong_value = ops.clone();
    let i = wrong_value.iter().position(|o| o.field == "adults").unwrap();
    wrong_value[i].value = serde_json::json!("many");
    let plain = signed(&volunteer, &manifest_for(&volunteer, &wrong_value), &wrong_value);
    assert_eq!(refused(&mut coordinator, &bad, &envelope::encrypt(&plain, std::slice::from_ref(&to_coordinator)).unwrap()), C::ExportInvalidOp);

    assert!(!coordinator.path.parent().unwrap().join("backups").exists(), "no backup was needed: nothing was applied");
    // And the good file still imports after all that.
    import_ok(&mut coordinator, &file);
}

#[test]
fn a_damaged_file_among_several_does_not_stop_the_others() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator, file) = setup(root.path());
    let broken = root.path().join("broken.kt");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    let mut stages = Vec::new();
    let reports =
        keukentafel_sync::import_files(&mut coordinator.store, &coordinator.key, &[broken, file.clone()], now(), |p| stages.push((p.index, p.stage)));
    assert_eq!(reports[0].refusal().unwrap().code(), SyncErrorCode::ExportTruncated);
    assert_eq!(reports[1].merged().unwrap().new as i64, volunteer.store.op_count().unwrap());
    assert_eq!(reports[1].sender.as_ref().unwrap().author, "vrijwilliger");
    assert!(stages.contains(&(1, keukentafel_sync::Stage::Merging)) && stages.last() == Some(&(1, keukentafel_sync::Stage::Done)));
    assert!(matches!(keukentafel_sync::verify_file(&volunteer.key, &file), Ok(v) if v.op_count == reports[1].op_count));
    assert!(matches!(
        keukentafel_sync::read_export_bytes(&volunteer.key, b"age-encryption.org/v1\n-> X25519"),
        Err(SyncError::Truncated(_))
    ));
}

#[test]
fn a_volunteer_links_only_with_a_coordinators_pairing_code() {
    let root = tempfile::tempdir().unwrap();
    let coordinator = node(root.path(), "coordinator", 21, Role::Coordinator);
    let mut volunteer = node(root.path(), "volunteer", 22, Role::EnergyCoach);
    let other = node(root.path(), "andere", 23, Role::DebtHelpVolunteer);
    let out = root.path().join("usb");
    let file = keukentafel_sync::save_pairing_file(&pairing_of(&coordinator), &out).unwrap();
    let linked = keukentafel_sync::link_coordinator(&mut volunteer.store, file.to_str().unwrap()).unwrap();
    assert_eq!(linked.fingerprint(), pairing_of(&coordinator).fingerprint());
    assert_eq!(keukentafel_sync::coordinator(&volunteer.store).unwrap(), Some(coordinator.key.public_key()));
    let err = keukentafel_sync::link_coordinator(&mut volunteer.store, &pairing_of(&other).to_line()).unwrap_err();
    assert_eq!(err.code(), SyncErrorCode::NotACoordinator, "a volunteer's code links nobody");
    assert_eq!(keukentafel_sync::coordinator_link(&volunteer.store).unwrap().unwrap().replica(), coordinator.store.replica());
}

/// Every byte under `dir` (the store, its write-ahead log, its backups), recursively, decrypted.
fn bytes_under(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(bytes_under(&p));
        } else {
            // Decrypted where it is a store, a backup or a WAL (free pages and old frames too).
            out.extend(keukentafel_store::testing::plaintext_of(&p));
        }
    }
    out
}

#[test]
fn a_forgotten_household_is_gone_from_the_laptop_backups_included() {
    let root = tempfile::tempdir().unwrap();
    let mut volunteer = node(root.path(), "vrijwilliger", 1, Role::EnergyCoach);
    let mut coordinator = node(root.path(), "coordinator", 2, Role::Coordinator);
    pair(&mut coordinator, &mut volunteer);
    let me = volunteer.store.replica();
    let given = coordinator.store.create_household(household("Fam. Weggeefhuis")).unwrap().id;
    coordinator.store.assign(given, me, now().date_naive()).unwrap();
    add_households(&mut volunteer, 1);
    let file = export(&volunteer, &coordinator);
    import_ok(&mut coordinator, &file);
    let back = keukentafel_sync::export_return_file(&mut coordinator.store, &coordinator.key, me, &coordinator.outbox, now()).unwrap();
    import_ok(&mut volunteer, Path::new(&back.path));
    // Two imports later the household is in a backup too.
    let again = keukentafel_sync::export_return_file(&mut coordinator.store, &coordinator.key, me, &coordinator.outbox, now()).unwrap();
    import_ok(&mut volunteer, Path::new(&again.path));
    let laptop = volunteer.path.parent().unwrap().to_owned();
    let needle = b"Weggeefhuis";
    let has = |bytes: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(&bytes_under(&laptop.join("backups"))), "a backup holds it (else the check below proves nothing)");

    coordinator.store.unassign(given, me, now().date_naive()).unwrap();
    let off = keukentafel_sync::export_return_file(&mut coordinator.store, &coordinator.key, me, &coordinator.outbox, now()).unwrap();
    let merged = import_ok(&mut volunteer, Path::new(&off.path));
    assert_eq!(merged.forgotten_households, 1);
    assert!(volunteer.store.household(given).is_err());
    assert!(!has(&bytes_under(&laptop)), "the name is nowhere on the laptop: store, log, backups");
    assert!(std::fs::read_dir(laptop.join("backups")).unwrap().count() >= 2, "the backups are kept, without it");
}

/// Backups that fit: after every import the pre-import backups together take at most twice
/// the store's size (the newest always stays), and the newest one, put in the store's place,
/// gives back the store exactly as it was before that import.
#[test]
fn backups_stay_within_twice_the_store_and_the_newest_restores_the_store_before_the_import() {
    let root = tempfile::tempdir().unwrap();
    let mut volunteer = node(root.path(), "vrijwilliger", 1, Role::EnergyCoach);
    let mut coordinator = node(root.path(), "coordinator", 2, Role::Coordinator);
    pair(&mut coordinator, &mut volunteer);
    let backups_dir = coordinator.path.parent().unwrap().join("backups");
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut most = 0;
    for round in 0..6 {
        for i in 0..25 {
            let input = keukentafel_domain::HouseholdInput { notes: "n".repeat(300), ..household(&format!("Ronde {round} huishouden {i}")) };
            volunteer.store.create_household(input).unwrap();
        }
        let file = export(&volunteer, &coordinator);
        let before = state(&coordinator.store);
        import_ok(&mut coordinator, &file);

        let mut backups: Vec<PathBuf> = std::fs::read_dir(&backups_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sqlite3"))
            .collect();
        backups.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
        most = most.max(backups.len());
        let store_size = size(&coordinator.path) + size(&PathBuf::from(format!("{}-wal", coordinator.path.display())));
        let total: u64 = backups.iter().map(|p| size(p)).sum();
        assert!(!backups.is_empty() && backups.len() <= keukentafel_sync::BACKUPS_KEPT, "round {round}: {backups:?}");
        assert!(total <= 2 * store_size, "round {round}: {total} bytes of backups beside a store of {store_size}");

        // Restore: the newest backup in the store's place is the store before this import.
        let restored = root.path().join(format!("restore-{round}")).join("k.sqlite3");
        std::fs::create_dir_all(restored.parent().unwrap()).unwrap();
        std::fs::copy(backups.last().unwrap(), &restored).unwrap();
        let opened = keukentafel_store::Store::open(&restored, coordinator.store.key().clone(), keukentafel_domain::Sources::system()).unwrap();
        assert_eq!(state(&opened), before, "round {round}: the newest backup is the store before the import");
    }
    assert!(most >= 2, "more than one backup is kept while they fit");
}
