//! The attacks of issue 8 on real stores and files, each written as an attacker would: with the
//! reference `age` tool where an outsider needs only the coordinator's public key. Every file
//! is refused with its own error and the store stays byte for byte as it was (compared with
//! `dump`); a return file only ever goes to the key the coordinator enrolled.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use keukentafel_domain::Role;
use keukentafel_store::Received;
use keukentafel_sync::{format, SigningKey, SyncErrorCode};

fn age_bin() -> PathBuf {
    std::env::var_os("AGE_BIN").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("age"))
}

/// Encrypts `plaintext` for `to` with the reference `age` tool, as an outsider who has only
/// the public key would.
fn age_encrypt(dir: &Path, name: &str, plaintext: &[u8], to: &Node) -> PathBuf {
    let plain = dir.join(format!("{name}.plain"));
    std::fs::write(&plain, plaintext).unwrap();
    let out = dir.join(name);
    let status = Command::new(age_bin())
        .args(["-r", &to.key.public_key(), "-o"])
        .arg(&out)
        .arg(&plain)
        .status()
        .unwrap_or_else(|e| panic!("the reference `age` tool must be installed (apt-get install age): {e}"));
    assert!(status.success());
    out
}

/// Imports `file` into `to` and returns the refusal's code; the store must be unchanged.
fn refused(to: &mut Node, file: &Path) -> SyncErrorCode {
    let before = state(&to.store);
    let report = import(to, &[file.to_owned()]).remove(0);
    let err = match report.outcome {
        Err(e) => e,
        Ok(m) => panic!("{} must be refused, it merged {m:?}", file.display()),
    };
    assert!(err.is_refusal(), "{err}");
    assert_eq!(state(&to.store), before, "a refused file leaves the store as it was");
    err.code()
}

struct World {
    _root: tempfile::TempDir,
    dir: PathBuf,
    coordinator: Node,
    anna: Node,
    outsider: Node,
}

/// A coordinator with one enrolled volunteer (Anna) whose households it holds, and an outsider
/// with a store of its own who knows the coordinator's public key.
fn world() -> World {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().to_owned();
    let mut coordinator = node(&dir, "coordinator", 31, Role::Coordinator);
    let mut anna = node(&dir, "anna", 32, Role::EnergyCoach);
    let mut outsider = node(&dir, "buitenstaander", 33, Role::EnergyCoach);
    pair(&mut coordinator, &mut anna);
    add_households(&mut anna, 3);
    add_households(&mut outsider, 1);
    let file = export(&anna, &coordinator);
    import_ok(&mut coordinator, &file);
    World { _root: root, dir, coordinator, anna, outsider }
}

#[test]
fn an_outsider_with_only_the_public_key_writes_nothing() {
    let mut w = world();
    // A well-formed, signed file from the outsider's own installation, encrypted with `age`.
    let ops = w.outsider.store.ops_missing_from(&Received::new()).unwrap();
    let plain = signed(&w.outsider, &manifest_for(&w.outsider, &ops), &ops);
    let file = age_encrypt(&w.dir, "outsider.kt", &plain, &w.coordinator);
    assert_eq!(refused(&mut w.coordinator, &file), SyncErrorCode::ExportUnknownSender);
    assert!(w.coordinator.store.peer(w.outsider.store.replica()).unwrap().is_none(), "not listed as a volunteer");
    // Its genuine export, too.
    let genuine = export(&w.outsider, &w.coordinator);
    assert_eq!(refused(&mut w.coordinator, &genuine), SyncErrorCode::ExportUnknownSender);
}

#[test]
fn posing_as_a_volunteer_is_refused_and_keys_never_change_through_a_file() {
    let mut w = world();
    let enrolled_key = w.coordinator.store.enrolment(w.anna.store.replica()).unwrap().unwrap().age_key;
    let attacker = SigningKey::generate();
    // The attacker knows Anna's full replica id and writes a file in her name: rename a
    // household, and ask return files to go to the attacker's age key.
    let mut ops = w.anna.store.ops_missing_from(&Received::new()).unwrap();
    let i = ops.iter().position(|o| o.field == "name" && o.entity == "household").unwrap();
    ops[i].value = serde_json::json!("Gekaapt");
    let mut manifest = manifest_for(&w.anna, &ops);
    manifest.recipient = w.outsider.key.public_key();

    // Signed with the attacker's own key, naming it in the signature line.
    let forged = format::write_plaintext(&manifest, &ops, &attacker).unwrap();
    let file = age_encrypt(&w.dir, "forged.kt", &forged, &w.coordinator);
    assert_eq!(refused(&mut w.coordinator, &file), SyncErrorCode::ExportForgedSender);

    // Naming Anna's real signing key, with the attacker's signature.
    let mut claimed = forged.clone();
    let sig_start = claimed[..claimed.len() - 1].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    claimed.truncate(sig_start);
    let line = format::SignatureLine {
        signer: signing_of(&w.anna).public().to_string(),
        signature: attacker.sign(&claimed).to_string(),
    };
    claimed.extend(serde_json::to_vec(&line).unwrap());
    claimed.push(b'\n');
    let file = age_encrypt(&w.dir, "claimed.kt", &claimed, &w.coordinator);
    assert_eq!(refused(&mut w.coordinator, &file), SyncErrorCode::BadSignature);

    // A genuine file of Anna's whose manifest names another age key: imported (it is hers),
    // but her keys stay the enrolled ones and the return file goes to her enrolled key.
    add_households(&mut w.anna, 1);
    let ops = w.anna.store.ops_missing_from(&w.coordinator.store.received().unwrap()).unwrap();
    let mut manifest = manifest_for(&w.anna, &ops);
    manifest.recipient = w.outsider.key.public_key();
    manifest.author = "Iemand anders".into();
    let file = age_encrypt(&w.dir, "genuine.kt", &signed(&w.anna, &manifest, &ops), &w.coordinator);
    import_ok(&mut w.coordinator, &file);
    let peer = w.coordinator.store.peer(w.anna.store.replica()).unwrap().unwrap();
    assert_eq!((peer.recipient.as_str(), peer.author.as_str()), (enrolled_key.as_str(), "anna"), "names and keys come from the enrolment");
    let back = keukentafel_sync::export_return_file(
        &mut w.coordinator.store,
        &w.coordinator.key,
        w.anna.store.replica(),
        &w.coordinator.outbox,
        now(),
    )
    .unwrap();
    assert!(keukentafel_sync::read_export(&w.outsider.key, Path::new(&back.path)).is_err(), "the attacker cannot read it");
    assert!(keukentafel_sync::read_export(&w.anna.key, Path::new(&back.path)).is_ok(), "Anna can");
    // And Anna's next genuine export is not held back.
    add_households(&mut w.anna, 1);
    let next_file = export(&w.anna, &w.coordinator);
    let next = import_ok(&mut w.coordinator, &next_file);
    assert_eq!((next.held_back, next.new > 0), (0, true));
}

#[test]
fn a_tampered_signature_an_old_unsigned_file_and_a_revoked_volunteer_are_refused() {
    let mut w = world();
    add_households(&mut w.anna, 1);
    let file = export(&w.anna, &w.coordinator);
    let mut plain = keukentafel_sync::content::plaintext(&std::fs::read(&file).unwrap(), &w.coordinator.key).unwrap();
    // One character of the signature changed (still valid base64url).
    let at = plain.len() - 10;
    plain[at] = if plain[at] == b'A' { b'B' } else { b'A' };
    let tampered = age_encrypt(&w.dir, "tampered.kt", &plain, &w.coordinator);
    assert_eq!(refused(&mut w.coordinator, &tampered), SyncErrorCode::BadSignature);

    // A file of format 1.0: no signature line at all.
    let ops = w.anna.store.ops_missing_from(&Received::new()).unwrap();
    let mut old = manifest_for(&w.anna, &ops);
    (old.major, old.min_reader) = (1, format::Version { major: 1, minor: 0 });
    let body = format::write_body(&old, &ops).unwrap();
    let unsigned = age_encrypt(&w.dir, "old.kt", &body, &w.coordinator);
    assert_eq!(refused(&mut w.coordinator, &unsigned), SyncErrorCode::ExportUnsigned);

    // Revoked: later files refused, what came before stays; no return file any more.
    let held = state(&w.coordinator.store);
    w.coordinator.store.revoke(w.anna.store.replica(), "2026-09-22T10:00:00Z").unwrap();
    assert_eq!(refused(&mut w.coordinator, &file), SyncErrorCode::ExportRevokedSender);
    assert_eq!(state(&w.coordinator.store).0, held.0, "what Anna sent before stays");
    let err = keukentafel_sync::export_return_file(
        &mut w.coordinator.store,
        &w.coordinator.key,
        w.anna.store.replica(),
        &w.coordinator.outbox,
        now(),
    )
    .unwrap_err();
    assert_eq!(err.code(), SyncErrorCode::NotEnrolled);
    // Enrolled again (a new pairing in person): accepted again.
    enrol(&mut w.coordinator, &w.anna);
    import_ok(&mut w.coordinator, &file);
}

#[test]
fn a_volunteer_accepts_only_its_own_coordinator_and_passes_on_only_its_own_changes() {
    let mut w = world();
    // Another coordinator (with Anna's public key, say from a lost e-mail) writes to Anna.
    let mut stranger = node(&w.dir, "andere-coordinator", 34, Role::Coordinator);
    add_households(&mut stranger, 1);
    let file = export(&stranger, &w.anna);
    assert_eq!(refused(&mut w.anna, &file), SyncErrorCode::ExportUnknownSender);
    // The outsider signs as itself but claims to be Anna's coordinator.
    let ops = w.outsider.store.ops_missing_from(&Received::new()).unwrap();
    let mut manifest = manifest_for(&w.outsider, &ops);
    manifest.replica = w.coordinator.store.replica();
    let ranges_ok = ops.iter().map(|o| o.replica).all(|r| r == w.outsider.store.replica());
    assert!(ranges_ok);
    let fake = age_encrypt(&w.dir, "fake-coordinator.kt", &signed(&w.outsider, &manifest, &ops), &w.anna);
    assert_eq!(refused(&mut w.anna, &fake), SyncErrorCode::ExportForgedSender);

    // Bram, a second volunteer; Anna's file carries a change in Bram's name that the
    // coordinator never had: it is left out, Anna's own changes arrive.
    let mut bram = node(&w.dir, "bram", 35, Role::DebtHelpVolunteer);
    pair(&mut w.coordinator, &mut bram);
    let bram_ids = add_households(&mut bram, 1);
    let bram_ops = bram.store.ops_missing_from(&Received::new()).unwrap();
    add_households(&mut w.anna, 1);
    let mut ops = w.anna.store.ops_missing_from(&w.coordinator.store.received().unwrap()).unwrap();
    let anna_new = ops.len();
    ops.extend(bram_ops.iter().cloned());
    let file = age_encrypt(&w.dir, "relay.kt", &signed(&w.anna, &manifest_for(&w.anna, &ops), &ops), &w.coordinator);
    let counts = import_ok(&mut w.coordinator, &file);
    assert_eq!((counts.new, counts.not_from_sender), (anna_new, bram_ops.len()));
    assert!(w.coordinator.store.household(bram_ids[0]).is_err(), "Bram's household did not come in through Anna");
}

/// An enrolled volunteer (Anna) who learned the id of another volunteer's household (Bram's)
/// tries to give it to herself, and to write into it. Her ops are made by her own store and
/// then rewritten, and the file is signed with her real key: only the content is forged.
#[test]
fn a_volunteer_can_neither_give_herself_a_household_nor_write_into_one_not_given_to_her() {
    let mut w = world();
    let mut bram = node(&w.dir, "bram", 34, Role::DebtHelpVolunteer);
    pair(&mut w.coordinator, &mut bram);
    let bram_households = add_households(&mut bram, 2);
    let file = export(&bram, &w.coordinator);
    import_ok(&mut w.coordinator, &file);
    let target = bram_households[0];
    let anna = w.anna.store.replica();
    let today = now().date_naive();
    let sent = w.coordinator.store.received().unwrap();

    // 1. An assignment of Bram's household to Anna, in Anna's stream (copied from the
    //    coordinator's assignment of Bram's household to Bram): the whole file is refused.
    let own = add_households(&mut w.anna, 1)[0];
    let mut ops = w.anna.store.ops_missing_from(&sent).unwrap();
    let bram_assignment = keukentafel_domain::assignment_id(target, bram.store.replica());
    let mut seq = ops.iter().map(|o| o.seq).max().unwrap();
    let template = keukentafel_store::ops::all_ops(w.coordinator.store.conn()).unwrap();
    for mut op in template.into_iter().filter(|o| o.entity_id == bram_assignment) {
        seq += 1;
        op.op_id = uuid::Uuid::now_v7();
        (op.replica, op.seq, op.hlc.replica) = (anna, seq, anna);
        op.entity_id = keukentafel_domain::assignment_id(target, anna);
        if op.field == "volunteer" {
            op.value = serde_json::json!(anna.to_string());
        }
        ops.push(op);
    }
    let file = write_file(&w.dir, "assigns.kt", &signed(&w.anna, &manifest_for(&w.anna, &ops), &ops), &w.coordinator);
    assert_eq!(refused(&mut w.coordinator, &file), SyncErrorCode::ExportAssignsHouseholds);
    assert_eq!(w.coordinator.store.assigned_households(anna).unwrap().len(), 3, "still only her own three");

    // 2. Her ops written onto Bram's household (a new name, a fake administrator contact):
    //    held back for the coordinator, not applied; the rest of her file is.
    let before = w.coordinator.store.household(target).unwrap();
    let mut ops = w.anna.store.ops_missing_from(&sent).unwrap();
    ops.retain(|o| o.entity == "household");
    for op in ops.iter_mut().filter(|o| o.entity_id == own.0) {
        op.entity_id = target.0;
        match op.field.as_str() {
            "name" => op.value = serde_json::json!("Gekaapt"),
            "administrator_contact" => op.value = serde_json::json!("NL00 FAKE 0123 4567 89"),
            _ => {}
        }
    }
    let file = write_file(&w.dir, "writes.kt", &signed(&w.anna, &manifest_for(&w.anna, &ops), &ops), &w.coordinator);
    let merged = import_ok(&mut w.coordinator, &file);
    assert_eq!((merged.new, merged.held_back), (0, ops.len()), "{merged:?}");
    assert_eq!(w.coordinator.store.household(target).unwrap().data, before.data, "Bram's household is untouched");
    let held = w.coordinator.store.held_ops().unwrap();
    assert!(held.iter().all(|h| h.reason == keukentafel_store::HeldReason::NotAssigned && h.household_id == Some(target)));
    assert_eq!(w.coordinator.store.reject_held(&held.iter().map(|h| h.op.op_id).collect::<Vec<_>>()).unwrap(), ops.len());
    let again = import_ok(&mut w.coordinator, &file);
    assert_eq!((again.new, again.held_back), (0, 0), "a rejected change does not come back");
    assert_eq!(w.coordinator.store.household(target).unwrap().data, before.data);

    // 3. An honest late change: Bram's household given to Anna, then taken off again while she
    //    was on a visit. Her change is held for the coordinator, who accepts it.
    w.coordinator.store.assign(target, anna, today).unwrap();
    let back = keukentafel_sync::export_return_file(&mut w.coordinator.store, &w.coordinator.key, anna, &w.coordinator.outbox, now()).unwrap();
    import_ok(&mut w.anna, Path::new(&back.path));
    w.coordinator.store.unassign(target, anna, today).unwrap();
    let mut h = w.anna.store.household(target).unwrap();
    h.data.notes = "Meterstand opgenomen".into();
    w.anna.store.update_household(keukentafel_domain::HouseholdUpdate { id: target, data: h.data, base: h.clocks }).unwrap();
    let file = export(&w.anna, &w.coordinator);
    let late = import_ok(&mut w.coordinator, &file);
    assert_eq!(late.held_back, 1);
    let held = w.coordinator.store.held_ops().unwrap();
    w.coordinator.store.accept_held(&[held[0].op.op_id]).unwrap();
    assert_eq!(w.coordinator.store.household(target).unwrap().data.notes, "Meterstand opgenomen");
}

#[test]
fn a_task_travels_only_with_its_household_and_one_on_someone_elses_household_is_held() {
    let mut w = world();
    let mut bram = node(&w.dir, "bram", 34, Role::DebtHelpVolunteer);
    pair(&mut w.coordinator, &mut bram);
    let bram_household = add_households(&mut bram, 1)[0];
    let file = export(&bram, &w.coordinator);
    import_ok(&mut w.coordinator, &file);
    let today = now().date_naive();
    let own = *w.coordinator.store.assigned_households(w.anna.store.replica()).unwrap().iter().next().unwrap();
    let task = |h: keukentafel_domain::HouseholdId| keukentafel_domain::TaskInput {
        household_id: h,
        visit_id: None,
        step_id: String::new(),
        kind: keukentafel_domain::TaskKind::Referral,
        what: "Aanmelden bij de schuldhulp".into(),
        party: "Schuldhulp van de gemeente".into(),
        consent_scope: Some(keukentafel_domain::ConsentScope::ShareMunicipality),
        owner_kind: keukentafel_domain::TaskOwnerKind::Volunteer,
        owner_name: "Anna".into(),
        due: today,
        status: keukentafel_domain::TaskStatus::Open,
        outcome: String::new(),
        closed_on: None,
    };
    let sent = w.coordinator.store.received().unwrap();
    let t = w.anna.store.add_task(task(own), today).unwrap();
    // Her task reaches the coordinator, and not Bram's laptop.
    let file = export(&w.anna, &w.coordinator);
    let merged = import_ok(&mut w.coordinator, &file);
    assert!(merged.new > 0 && merged.held_back == 0, "{merged:?}");
    assert_eq!(w.coordinator.store.task(t.id).unwrap().data.what, "Aanmelden bij de schuldhulp");
    let back = keukentafel_sync::export_return_file(&mut w.coordinator.store, &w.coordinator.key, bram.store.replica(), &w.coordinator.outbox, now()).unwrap();
    import_ok(&mut bram, Path::new(&back.path));
    assert!(bram.store.task(t.id).is_err(), "Anna's household's task is not Bram's to see");

    // The same task ops pointed at Bram's household: held back, not applied.
    let mut ops = w.anna.store.ops_missing_from(&sent).unwrap();
    ops.retain(|o| o.entity == "task");
    for op in ops.iter_mut() {
        op.entity_id = uuid::Uuid::now_v7();
        if op.field == "household_id" {
            op.value = serde_json::json!(bram_household.to_string());
        }
    }
    // New ops in her stream (after everything she sent), all on one new task.
    let shared_id = ops[0].entity_id;
    let mut seq = w.anna.store.ops_missing_from(&Received::new()).unwrap().iter().map(|o| o.seq).max().unwrap();
    for op in ops.iter_mut() {
        seq += 1;
        (op.entity_id, op.op_id, op.seq) = (shared_id, uuid::Uuid::now_v7(), seq);
    }
    let file = write_file(&w.dir, "task-elsewhere.kt", &signed(&w.anna, &manifest_for(&w.anna, &ops), &ops), &w.coordinator);
    let merged = import_ok(&mut w.coordinator, &file);
    assert_eq!((merged.new, merged.held_back), (0, ops.len()), "{merged:?}");
    assert!(w.coordinator.store.task(keukentafel_domain::TaskId(shared_id)).is_err());
    let held = w.coordinator.store.held_ops().unwrap();
    assert!(held.iter().all(|h| h.reason == keukentafel_store::HeldReason::NotAssigned && h.household_id == Some(bram_household)));
}

/// Anna's own task, then forged ops in her stream that put a task onto Bram's household: new
/// with a `visit_id` beside it, moved from her own household, or named twice (Bram's household
/// with the newer clock). Each is held back; Bram's household gets no task.
#[test]
fn a_task_cannot_be_moved_or_smuggled_onto_a_household_not_given_to_its_writer() {
    let mut w = world();
    let mut bram = node(&w.dir, "bram", 34, Role::DebtHelpVolunteer);
    pair(&mut w.coordinator, &mut bram);
    let bram_household = add_households(&mut bram, 1)[0];
    let file = export(&bram, &w.coordinator);
    import_ok(&mut w.coordinator, &file);
    let today = now().date_naive();
    let own = *w.coordinator.store.assigned_households(w.anna.store.replica()).unwrap().iter().next().unwrap();
    let input = keukentafel_domain::TaskInput {
        household_id: own,
        visit_id: None,
        step_id: String::new(),
        kind: keukentafel_domain::TaskKind::Agreement,
        what: "Eigen taak".into(),
        party: String::new(),
        consent_scope: None,
        owner_kind: keukentafel_domain::TaskOwnerKind::Volunteer,
        owner_name: "Anna".into(),
        due: today,
        status: keukentafel_domain::TaskStatus::Open,
        outcome: String::new(),
        closed_on: None,
    };
    let t = w.anna.store.add_task(input, today).unwrap();
    let file = export(&w.anna, &w.coordinator);
    import_ok(&mut w.coordinator, &file);
    let anna = w.anna.store.replica();
    let base_ops = keukentafel_store::ops::all_ops(w.anna.store.conn()).unwrap();
    let task_ops: Vec<_> = base_ops.iter().filter(|o| o.entity_id == t.id.0).cloned().collect();
    let mut seq = base_ops.iter().filter(|o| o.replica == anna).map(|o| o.seq).max().unwrap();
    let mut clock = base_ops.iter().map(|o| o.hlc).max().unwrap();
    let mut forge = |ops: Vec<keukentafel_store::Op>| -> Vec<keukentafel_store::Op> {
        ops.into_iter()
            .map(|mut op| {
                seq += 1;
                clock.millis += 1;
                (op.op_id, op.seq, op.hlc) = (uuid::Uuid::now_v7(), seq, clock);
                op
            })
            .collect()
    };
    let on_bram = |mut op: keukentafel_store::Op| {
        if op.field == "household_id" {
            op.value = serde_json::json!(bram_household.to_string());
        }
        op
    };
    // 1. A new task on Bram's household, with a made-up visit id after its household id.
    let fresh = uuid::Uuid::now_v7();
    let mut new_task: Vec<_> = task_ops.iter().cloned().map(on_bram).map(|mut o| {
        o.entity_id = fresh;
        o
    }).collect();
    let mut visit_op = new_task[0].clone();
    (visit_op.field, visit_op.value) = ("visit_id".into(), serde_json::json!(uuid::Uuid::now_v7().to_string()));
    new_task.push(visit_op);
    // 2. Her own task moved onto Bram's household, with new words.
    let moved: Vec<_> = task_ops
        .iter()
        .filter(|o| matches!(o.field.as_str(), "household_id" | "what"))
        .cloned()
        .map(on_bram)
        .map(|mut o| {
            if o.field == "what" {
                o.value = serde_json::json!("Gekaapt");
            }
            o
        })
        .collect();
    // 3. A new task naming two households: Bram's, then her own last in the file.
    let twice_id = uuid::Uuid::now_v7();
    let mut twice: Vec<_> = task_ops.iter().cloned().map(on_bram).map(|mut o| {
        o.entity_id = twice_id;
        o
    }).collect();
    let mut back_home = twice.iter().find(|o| o.field == "household_id").unwrap().clone();
    back_home.value = serde_json::json!(own.to_string());
    twice.insert(0, back_home);
    for (name, ops) in [("new-with-visit", new_task), ("moved", moved), ("twice", twice)] {
        let ops = forge(ops);
        let n = ops.len();
        let file = write_file(&w.dir, &format!("{name}.kt"), &signed(&w.anna, &manifest_for(&w.anna, &ops), &ops), &w.coordinator);
        let merged = import_ok(&mut w.coordinator, &file);
        assert_eq!((merged.new, merged.held_back), (0, n), "{name}: {merged:?}");
    }
    let on_bram = task_texts(&w.coordinator.store, bram_household);
    assert!(on_bram.is_empty(), "Bram's household has no task: {on_bram:?}");
    assert_eq!(w.coordinator.store.task(t.id).unwrap().data.household_id, own, "her task stayed where it was");
    assert_eq!(w.coordinator.store.task(t.id).unwrap().data.what, "Eigen taak");
}

fn task_texts(store: &keukentafel_store::Store, h: keukentafel_domain::HouseholdId) -> Vec<String> {
    let q = keukentafel_domain::TaskQuery { household_id: Some(h), include_closed: true, ..Default::default() };
    store.tasks(&q, now().date_naive()).unwrap().into_iter().map(|r| r.task.data.what).collect()
}

/// A change to a record that already lies in someone else's household, sent without naming
/// the household (only the record's own id): where the record belongs is read from the
/// coordinator's tables, so the change is held back and the record stays as it was.
#[test]
fn an_edit_of_another_volunteers_visit_that_names_no_household_is_held() {
    let mut w = world();
    let mut bram = node(&w.dir, "bram", 34, Role::DebtHelpVolunteer);
    pair(&mut w.coordinator, &mut bram);
    let bram_household = add_households(&mut bram, 1)[0];
    let today = now().date_naive();
    let visit_input = |household_id, summary: &str| keukentafel_domain::VisitInput {
        household_id,
        planned_date: today,
        planned_time: "10:00".into(),
        kind: keukentafel_domain::VisitKind::Intake,
        volunteers: vec!["Test".into()],
        status: keukentafel_domain::VisitStatus::Planned,
        summary: summary.to_owned(),
    };
    let bram_visit = bram.store.plan_visit(visit_input(bram_household, "Eerste gesprek"), today).unwrap();
    let file = export(&bram, &w.coordinator);
    import_ok(&mut w.coordinator, &file);
    let sent = w.coordinator.store.received().unwrap();

    // Anna plans a visit in her own household, then rewrites its ops onto Bram's visit and
    // leaves out the one that names the household.
    let own = add_households(&mut w.anna, 1)[0];
    let anna_visit = w.anna.store.plan_visit(visit_input(own, "Gekaapt"), today).unwrap();
    let mut ops = w.anna.store.ops_missing_from(&sent).unwrap();
    ops.retain(|o| o.entity == "visit" && o.entity_id == anna_visit.id.0);
    for op in &mut ops {
        op.entity_id = bram_visit.id.0;
    }
    let household_id_op = ops.iter().position(|o| o.field == "household_id").unwrap();
    let dropped = ops.remove(household_id_op);
    // Sequence numbers stay without gaps: the ops after the dropped one move up.
    for op in ops.iter_mut().filter(|o| o.seq > dropped.seq) {
        op.seq -= 1;
    }
    let before = w.coordinator.store.dump().unwrap();
    let file = write_file(&w.dir, "visit.kt", &signed(&w.anna, &manifest_for(&w.anna, &ops), &ops), &w.coordinator);
    let merged = import_ok(&mut w.coordinator, &file);
    assert_eq!((merged.new, merged.held_back), (0, ops.len()), "{merged:?}");
    let held = w.coordinator.store.held_ops().unwrap();
    assert!(held.iter().all(|h| h.reason == keukentafel_store::HeldReason::NotAssigned && h.household_id == Some(bram_household)));
    assert_eq!(w.coordinator.store.visit(bram_visit.id).unwrap().data.summary, "Eerste gesprek");
    assert_eq!(w.coordinator.store.dump().unwrap()["visits"], before["visits"], "Bram's visit is untouched");
}
