//! Forgetting a household on a volunteer's laptop (it was taken off this volunteer): its records
//! and their ops leave the tables, the change log and the file's bytes; only ids stay, the log
//! stays append-only for everything else, and this installation's sequence numbers and clocks
//! never go back.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use keukentafel_domain::*;
use keukentafel_store::Store;
use serde_json::json;

const START: i64 = 1_795_000_000_000; // 2026-11-16

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn household(s: &mut Store, name: &str, notes: &str) -> HouseholdId {
    let input = HouseholdInput {
        name: name.into(),
        street_address: format!("{name}straat 12"),
        notes: notes.into(),
        ..Default::default()
    };
    s.create_household(input).unwrap().id
}

/// A household with a consent event, a visit and an answer, all with distinctive texts.
fn full_household(s: &mut Store, name: &str) -> HouseholdId {
    let h = household(s, name, &format!("{name}-notitie"));
    let consent = ConsentInput {
        household_id: h,
        scope: ConsentScope::DebtHelp,
        given: true,
        text_version: CONSENT_TEXT_VERSION.into(),
        date: today(),
    };
    s.record_consent(consent, today()).unwrap();
    let visit = VisitInput {
        household_id: h,
        planned_date: today(),
        planned_time: "10:00".into(),
        kind: VisitKind::Combined,
        volunteers: vec!["Anna".into()],
        status: VisitStatus::Planned,
        summary: format!("{name}-verslag"),
    };
    let v = s.plan_visit(visit, today()).unwrap().id;
    s.set_answer(v, "debts", json!({"type": "text", "text": format!("{name}-schuld")}), None).unwrap();
    h
}

/// Every byte the store keeps on disk, decrypted: the file page by page and its write-ahead
/// log frame by frame, free pages and old frames included (`testing::plaintext_of`).
fn bytes_on_disk(path: &Path) -> Vec<u8> {
    let mut out = keukentafel_store::testing::plaintext_of(path);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    out.extend(keukentafel_store::testing::plaintext_of(Path::new(&wal)));
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_forgotten_household_leaves_no_trace_in_the_file_and_the_rest_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keukentafel.sqlite3");
    let mut s = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(7, START, 10)).unwrap();
    s.save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    let gone = full_household(&mut s, "Vergeetmij");
    let kept = full_household(&mut s, "Blijftstaan");
    // Edited a few times, so old values sit in the log too.
    for n in 0..3 {
        let mut h = s.household(gone).unwrap();
        h.data.notes = format!("Vergeetmij-oud-{n}");
        s.update_household(HouseholdUpdate { id: gone, data: h.data, base: h.clocks }).unwrap();
    }
    let on_disk = bytes_on_disk(&path);
    for text in ["Vergeetmij", "Vergeetmij-oud-1", "Vergeetmij-verslag", "Vergeetmij-schuld"] {
        assert!(contains(&on_disk, text), "before: {text} is in the file (else the check below proves nothing)");
    }
    let ops_before = s.op_count().unwrap();
    let own_seq_before: i64 = s.conn().query_row("SELECT MAX(seq) FROM ops", [], |r| r.get(0)).unwrap();

    s.forget(&BTreeSet::from([gone])).unwrap();

    assert!(s.household(gone).is_err());
    assert_eq!(s.household_names().unwrap().into_values().collect::<Vec<_>>(), ["Blijftstaan"]);
    assert_eq!(s.forgotten_households().unwrap(), BTreeSet::from([gone]));
    let dump = s.dump().unwrap().to_string();
    assert!(!dump.contains("Vergeetmij") && dump.contains("Blijftstaan-verslag") && dump.contains("Blijftstaan-schuld"));
    assert!(s.op_count().unwrap() < ops_before);
    let left: i64 = s
        .conn()
        .query_row("SELECT COUNT(*) FROM ops WHERE entity_id = ?1", [gone.to_string()], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the household's ops left the change log");
    assert_eq!(s.integrity_check().unwrap(), "ok");
    drop(s);
    let on_disk = bytes_on_disk(&path);
    for text in ["Vergeetmij", "Vergeetmij-oud-1", "Vergeetmij-verslag", "Vergeetmij-schuld", "Vergeetmijstraat"] {
        assert!(!contains(&on_disk, text), "after: {text} is still somewhere in the file's bytes");
    }
    assert!(contains(&on_disk, "Blijftstaan-schuld"));

    // This installation goes on above its old numbers and clocks.
    let mut s = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(8, START, 10)).unwrap();
    let last_clock: String = s.conn().query_row("SELECT value FROM meta WHERE key = 'forgotten_clock_floor'", [], |r| r.get(0)).unwrap();
    let h = household(&mut s, "Nieuw", "");
    let (seq, hlc): (i64, String) = s
        .conn()
        .query_row("SELECT seq, hlc FROM ops WHERE entity_id = ?1 ORDER BY seq LIMIT 1", [h.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(seq > own_seq_before, "sequence numbers never repeat: {seq} after {own_seq_before}");
    assert!(hlc > last_clock, "clocks continue above the forgotten ops");
    let _ = kept;
}

#[test]
fn the_change_log_stays_append_only_for_everything_not_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keukentafel.sqlite3");
    let mut s = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(9, START, 10)).unwrap();
    s.save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    let h = household(&mut s, "Jansen", "");
    drop(s);
    let conn = keukentafel_store::raw_connection(&path, &keukentafel_store::testing::key()).unwrap();
    for sql in ["DELETE FROM ops WHERE entity_id = ?1", "UPDATE ops SET value = '\"x\"' WHERE entity_id = ?1"] {
        let err = conn.execute(sql, [h.to_string()]).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    // Even once forgotten, an op is removed, never changed.
    conn.execute("INSERT INTO forgotten (entity, entity_id, household) VALUES ('household', ?1, ?1)", [h.to_string()]).unwrap();
    let err = conn.execute("UPDATE ops SET value = '\"x\"' WHERE entity_id = ?1", [h.to_string()]).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}
