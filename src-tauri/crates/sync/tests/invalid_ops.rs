//! Files crafted as an attacker would craft them: the plaintext written by hand, whole, with a
//! correct footer and checksum, encrypted to the coordinator's public key, in which one op
//! carries something no form of this version would store. Each file is refused as a whole, by
//! import and by verify alike, naming the op's line and the reason, and the store (its dump and
//! its bytes on disk) stays exactly as it was.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::*;
use keukentafel_domain::*;
use keukentafel_store::Received;
use keukentafel_sync::format;
use keukentafel_sync::{SyncError, SyncErrorCode};
use rstest::rstest;
use serde_json::{json, Value as Json};
use sha2::Digest;

/// A volunteer whose change log holds every entity: profile, household, consent, a visit with
/// its template, and an answer. Returns it, a coordinator and the volunteer's ops as JSON lines.
fn volunteer_and_coordinator(root: &Path) -> (Node, Node, Vec<Json>) {
    let mut volunteer = node(root, "vrijwilliger", 1, Role::EnergyCoach);
    let mut coordinator = node(root, "coordinator", 2, Role::Coordinator);
    pair(&mut coordinator, &mut volunteer);
    let today = NaiveDate::from_ymd_opt(2026, 9, 21).unwrap();
    let h = volunteer
        .store
        .create_household(HouseholdInput { postcode: "3764 AB".into(), adults: 2, ..household("Fam. Jansen") })
        .unwrap();
    volunteer
        .store
        .record_consent(
            ConsentInput {
                household_id: h.id,
                scope: ConsentScope::EnergyAdvice,
                given: true,
                text_version: CONSENT_TEXT_VERSION.into(),
                date: today,
            },
            today,
        )
        .unwrap();
    let v = volunteer
        .store
        .plan_visit(
            VisitInput {
                household_id: h.id,
                planned_date: today.succ_opt().unwrap(),
                planned_time: "09:30".into(),
                kind: VisitKind::Combined,
                volunteers: vec!["vrijwilliger".into()],
                status: VisitStatus::Planned,
                summary: String::new(),
            },
            today,
        )
        .unwrap();
    volunteer.store.set_visit_template(v.id, "combined-visit", 1).unwrap();
    volunteer.store.set_answer(v.id, "roles_explained", json!({"type": "yes_no", "value": true}), None).unwrap();
    let ops = volunteer.store.ops_missing_from(&Received::new()).unwrap();
    let lines = ops.iter().map(|op| serde_json::to_value(op).unwrap()).collect();
    (volunteer, coordinator, lines)
}

/// The plaintext of an export file, written by hand: manifest, the op lines as given, a
/// footer with the right count and checksum, and the sender's own signature (an enrolled
/// volunteer whose laptop writes something wrong: the signature is fine, the value is not).
fn plaintext(from: &Node, lines: &[Json]) -> Vec<u8> {
    let ops: Vec<keukentafel_store::Op> = lines.iter().filter_map(|l| serde_json::from_value(l.clone()).ok()).collect();
    let mut out = serde_json::to_vec(&manifest_for(from, &ops)).unwrap();
    out.push(b'\n');
    for line in lines {
        out.extend(serde_json::to_vec(line).unwrap());
        out.push(b'\n');
    }
    let sha = format::hex(&sha2::Sha256::digest(&out));
    out.extend(serde_json::to_vec(&json!({"footer": true, "op_count": lines.len(), "sha256": sha})).unwrap());
    out.push(b'\n');
    format::sign(out, &signing_of(from))
}

/// The index of the op line that sets `entity.field`.
fn line_of(lines: &[Json], entity: &str, field: &str) -> usize {
    lines
        .iter()
        .position(|l| l["entity"] == entity && l["field"] == field)
        .unwrap_or_else(|| panic!("the volunteer's log has no {entity}.{field} op"))
}

/// The store file and its WAL, byte for byte.
fn store_bytes(path: &Path) -> Vec<Vec<u8>> {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    [path.to_owned(), wal].iter().map(|p| std::fs::read(p).unwrap_or_default()).collect()
}

/// Imports and verifies `file`; both must refuse it with an invalid op; the store is unchanged.
fn refused(coordinator: &mut Node, file: &Path) -> (u64, String) {
    let backups = coordinator.path.parent().unwrap().join("backups");
    let count = |dir: &Path| std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    let (before, bytes, backed_up) = (state(&coordinator.store), store_bytes(&coordinator.path), count(&backups));
    let report = import(coordinator, &[file.to_owned()]).remove(0);
    let Err(SyncError::InvalidOp { line, reason }) = report.outcome else {
        panic!("an invalid op must refuse the file, got {:?}", report.outcome)
    };
    assert_eq!(state(&coordinator.store), before, "the dump and op count are unchanged");
    assert_eq!(store_bytes(&coordinator.path), bytes, "the store file is unchanged, byte for byte");
    assert_eq!(count(&backups), backed_up, "refused before the backup");
    let direct = keukentafel_sync::verify_file(&coordinator.key, file).unwrap_err();
    assert_eq!(direct.code(), SyncErrorCode::ExportInvalidOp, "verify refuses it too: {direct}");
    assert_eq!(direct.to_string(), SyncError::InvalidOp { line, reason: reason.clone() }.to_string());
    (line, reason)
}

#[test]
fn the_hand_written_file_itself_is_accepted() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator, lines) = volunteer_and_coordinator(root.path());
    let file = write_file(root.path(), "good.kt", &plaintext(&volunteer, &lines), &coordinator);
    let merged = import_ok(&mut coordinator, &file);
    assert_eq!(merged.new, lines.len(), "so every refusal below is about the one bad value");
    let (got, sent) = (coordinator.store.dump().unwrap(), volunteer.store.dump().unwrap());
    for records in ["households", "consent_events", "visits", "answers"] {
        assert_eq!(got[records], sent[records], "{records}");
    }
}

#[rstest]
#[case::adults_negative("household", "adults", "value", json!(-5), "household.adults -5 is outside 0 to 30")]
#[case::adults_too_many("household", "adults", "value", json!(31), "household.adults 31 is outside 0 to 30")]
#[case::children_as_text("household", "children", "value", json!("2"), "household.children expected a whole number, found text")]
#[case::unknown_visit_kind("visit", "kind", "value", json!("party"), "visit.kind is not one of the known values")]
#[case::unknown_status("visit", "status", "value", json!("maybe"), "visit.status is not one of the known values")]
#[case::entity_id_not_a_uuid("household", "name", "entity_id", json!("not-a-uuid"), "entity_id is not an id")]
#[case::op_id_not_a_uuid("household", "city", "op_id", json!("1"), "op_id is not an id")]
#[case::visit_household_not_a_uuid("visit", "household_id", "value", json!("huishouden-1"), "visit.household_id is not an id")]
#[case::answer_visit_not_a_uuid("answer", "visit_id", "value", json!("x"), "answer.visit_id is not an id")]
#[case::impossible_date("consent", "date", "value", json!("2026-13-45"), "consent.date is not a date written as YYYY-MM-DD")]
#[case::impossible_time("visit", "planned_time", "value", json!("25:00"), "visit.planned_time is not a time written as HH:MM")]
#[case::name_of_10000_chars("household", "name", "value", json!("x".repeat(10_000)), "household.name is longer than 120 characters")]
#[case::postcode_not_normalised("household", "postcode", "value", json!("3764ab"), "household.postcode is not a postcode written as 1234 AB")]
#[case::text_not_trimmed("household", "city", "value", json!(" Utrecht"), "household.city has spaces at the start or the end")]
#[case::role_admin("user", "role", "value", json!("admin"), "user.role is not one of the known values")]
#[case::bool_as_yes("household", "under_bewind", "value", json!("yes"), "household.under_bewind expected true or false, found text")]
#[case::answer_of_2_mb("answer", "value", "value", json!("x".repeat(2 * 1024 * 1024)), "answer.value is larger than 32768 bytes")]
#[case::answer_not_an_answer("answer", "value", "value", json!([1, 2]), "answer.value an answer is null or a JSON object")]
#[case::seven_volunteers("visit", "volunteers", "value", json!(["a", "b", "c", "d", "e", "f", "g"]), "visit.volunteers has more than 6 names")]
#[case::newer_field_with_odd_name("household", "name", "field", json!("Name; DROP TABLE"), "household.Name; DROP TABLE is not a plain name")]
fn a_file_with_one_invalid_op_is_refused_whole_with_its_line_and_reason(
    #[case] entity: &str,
    #[case] field: &str,
    #[case] key: &str,
    #[case] bad: Json,
    #[case] reason: &str,
) {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator, mut lines) = volunteer_and_coordinator(root.path());
    let i = line_of(&lines, entity, field);
    lines[i][key] = bad;
    let file = write_file(root.path(), "crafted.kt", &plaintext(&volunteer, &lines), &coordinator);
    let (line, why) = refused(&mut coordinator, &file);
    assert_eq!(line, i as u64 + 2, "the line in the file (line 1 is the manifest)");
    assert!(why.contains(reason), "reason {why:?} should say {reason:?}");
}

#[test]
fn a_line_that_is_not_an_op_is_refused_with_its_line() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator, mut lines) = volunteer_and_coordinator(root.path());
    lines[3] = json!(["not", "an", "op"]);
    let file = write_file(root.path(), "crafted.kt", &plaintext(&volunteer, &lines), &coordinator);
    assert_eq!(refused(&mut coordinator, &file), (5, "the line is not a JSON object".to_owned()));
    lines[3] = json!({"op_id": "019f9da7-2220-7d72-a187-d67328fb4497"});
    let file = write_file(root.path(), "crafted.kt", &plaintext(&volunteer, &lines), &coordinator);
    assert_eq!(refused(&mut coordinator, &file), (5, "entity_id is missing".to_owned()));
}

#[test]
fn a_field_of_a_newer_version_is_kept_and_passed_on_but_not_applied() {
    let root = tempfile::tempdir().unwrap();
    let (volunteer, mut coordinator, mut lines) = volunteer_and_coordinator(root.path());
    let mut third = node(root.path(), "derde", 3, Role::DebtHelpVolunteer);
    pair(&mut coordinator, &mut third);
    let i = line_of(&lines, "household", "wijk");
    lines[i]["field"] = json!("phone_number");
    lines[i]["value"] = json!("030-1234567");
    let file = write_file(root.path(), "newer.kt", &plaintext(&volunteer, &lines), &coordinator);
    import_ok(&mut coordinator, &file);
    let relayed = keukentafel_sync::read_export(&third.key, &export(&coordinator, &third)).unwrap();
    assert!(relayed.ops.iter().any(|o| o.field == "phone_number" && o.value == "030-1234567"), "passed on unchanged");
    let dump = coordinator.store.dump().unwrap();
    assert!(!dump.to_string().contains("030-1234567"), "never applied to a record");

    // A value of a newer field is still bounded.
    lines[i]["value"] = json!("x".repeat(100_000));
    let file = write_file(root.path(), "big.kt", &plaintext(&volunteer, &lines), &coordinator);
    let (line, why) = refused(&mut coordinator, &file);
    assert_eq!((line, why.contains("larger than")), (i as u64 + 2, true), "{why}");
}
