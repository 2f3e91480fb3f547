//! Erasure on the coordinator's own store file: the household, its visit, answer, consent,
//! task and its change log are gone from the raw bytes; the stock handed out there stays
//! counted without it; the account names the volunteers that held it; it cannot be erased
//! twice, given again or written to; the retention list's dates.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use keukentafel_domain::*;
use keukentafel_store::{Store, StoreError, VisitClosing};
use serde_json::json;

const START: i64 = 1_795_000_000_000;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// The store file and its log as they are on disk and decrypted page by page (free pages and
/// old log frames included).
fn raw(path: &Path) -> Vec<u8> {
    let mut bytes = keukentafel_store::testing::plaintext_of(path);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(keukentafel_store::testing::plaintext_of(&PathBuf::from(wal)));
    bytes
}

fn has(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn the_coordinator_erases_a_household_and_keeps_the_stock_and_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let mut s = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(1, START, 7)).unwrap();
    s.save_profile(UserProfileInput { name: "Carla".into(), organisation: String::new(), phone: String::new(), role: Role::Coordinator })
        .unwrap();
    let input = HouseholdInput { name: "Fam. Wisselink".into(), street_address: "Wisstraat 12".into(), adults: 1, ..Default::default() };
    let h = s.create_household(input).unwrap().id;
    let kept = s.create_household(HouseholdInput { name: "Fam. Blijft".into(), adults: 1, ..Default::default() }).unwrap().id;
    let v = s
        .plan_visit(
            VisitInput {
                household_id: h,
                planned_date: day(20),
                planned_time: "10:00".into(),
                kind: VisitKind::Intake,
                volunteers: vec!["Carla".into()],
                status: VisitStatus::Planned,
                summary: "Bezoekverslag-wissen".into(),
            },
            day(19),
        )
        .unwrap();
    s.set_answer(v.id, "kitchen_notes", json!({"type": "text", "value": "Antwoord-wissen"}), None).unwrap();
    s.record_consent(
        ConsentInput { household_id: h, scope: ConsentScope::EnergyAdvice, given: true, text_version: CONSENT_TEXT_VERSION.into(), date: day(19) },
        day(19),
    )
    .unwrap();
    s.close_visit(
        VisitClosing {
            visit: v.id,
            tasks: Vec::new(),
            follow_up: None,
            stock_out: vec![StockOut { measure: "led".into(), quantity: 3 }],
        },
        day(20),
    )
    .unwrap();
    let volunteer: ReplicaId = "0190b3c4-0000-7000-8000-00000000000a".parse().unwrap();
    s.assign(h, volunteer, day(19)).unwrap();
    let led = stock_item_for_measure("led");
    let before = s.stock_levels().unwrap()[&led].0;
    assert_eq!(before, -3);
    let dates = s.contact_dates().unwrap();
    let of_h = dates.iter().find(|c| c.household == h).unwrap();
    assert!(of_h.dates.contains(&day(20)), "the visit's date counts for the last contact: {of_h:?}");

    let e = s.erase_household(h, " verzoek van het huishouden ", day(18), "2026-11-21T09:00:00.000Z").unwrap();
    assert_eq!(e.reason, "verzoek van het huishouden");
    assert_eq!(e.requested, day(18));
    assert_eq!(e.laptops.iter().map(|l| l.replica).collect::<Vec<_>>(), [volunteer], "the volunteer it was given to must confirm");

    assert!(matches!(s.household(h), Err(StoreError::NotFound { .. })));
    assert!(s.household(kept).is_ok());
    assert_eq!(s.stock_levels().unwrap()[&led].0, before, "what was handed out stays counted");
    let movements = s.stock_movements(None, 100).unwrap();
    assert!(movements.iter().all(|m| m.data.household_id.is_none() && m.data.visit_id.is_none()), "no movement names the household");
    assert!(s.erased_households().unwrap().contains(&h));
    let bytes = raw(&path);
    for text in ["Fam. Wisselink", "Wisstraat 12", "Bezoekverslag-wissen", "Antwoord-wissen"] {
        assert!(!has(&bytes, text), "{text} is gone from the store file and its log");
    }
    assert!(has(&bytes, "Fam. Blijft"));
    let report: i64 = s.conn().query_row("SELECT COUNT(*) FROM visit_figures WHERE household_id = ?1", [h.to_string()], |r| r.get(0)).unwrap();
    assert_eq!(report, 0);

    assert!(matches!(s.erase_household(h, "nog eens", day(18), "x"), Err(StoreError::AlreadyErased(_))));
    assert!(s.assign(h, volunteer, day(21)).is_err(), "an erased household cannot be given again");
    assert_eq!(s.erasures().unwrap().len(), 1);
    assert_eq!(s.erasures_for(volunteer).unwrap(), [h]);
    // Reopened: the same.
    drop(s);
    let s = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(2, START + 1_000_000, 7)).unwrap();
    assert_eq!(s.erasure(h).unwrap().unwrap(), e);
}

/// The residue is written in the erasure's own transaction: when writing it fails (here a
/// referral at a visit the residue does not hold), nothing of the erasure stays either.
#[test]
fn a_failing_residue_write_rolls_the_erasure_back() {
    use keukentafel_store::{Residue, ResidueReferral, ResidueVisit};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let mut s = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(3, START, 7)).unwrap();
    s.save_profile(UserProfileInput { name: "Carla".into(), organisation: String::new(), phone: String::new(), role: Role::Coordinator })
        .unwrap();
    let h = s.create_household(HouseholdInput { name: "Fam. Blijft-heel".into(), wijk: "Noord".into(), adults: 1, ..Default::default() }).unwrap().id;
    let input = VisitInput {
        household_id: h,
        planned_date: day(20),
        planned_time: "10:00".into(),
        kind: VisitKind::Intake,
        volunteers: vec!["Carla".into()],
        status: VisitStatus::Done,
        summary: String::new(),
    };
    let v = s.plan_visit(input, day(21)).unwrap().id;
    let visit = ResidueVisit { id: v, kind: VisitKind::Intake, status: VisitStatus::Done, date: day(20), figures: None };
    let stray = ResidueReferral { visit: VisitId(uuid::Uuid::from_u128(7)), step_id: "x".into(), status: TaskStatus::Open, closed_on: None };
    let bad = Residue { wijk: "Noord".into(), visits: vec![visit.clone()], referrals: vec![stray] };
    let ops = s.op_count().unwrap();
    assert!(matches!(s.erase_household_with(h, "verzoek", day(18), "2026-11-21T09:00:00.000Z", Some(&bad)), Err(StoreError::Data(_))));
    assert!(s.household(h).is_ok(), "the household is still there");
    assert!(s.erasures().unwrap().is_empty() && s.erased_households().unwrap().is_empty(), "no account, not marked erased");
    assert_eq!(s.op_count().unwrap(), ops, "its change log is whole");
    let rows: i64 = s.conn().query_row("SELECT (SELECT count(*) FROM residue_households) + (SELECT count(*) FROM residue_visits)", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0, "no residue row stays");
    assert_eq!(s.report_visits(day(1), day(30)).unwrap().len(), 1, "the report still sees the live visit");

    // A good residue: erased, and the report's reads give the residue's rows instead.
    let good = Residue { wijk: "Noord".into(), visits: vec![visit], referrals: Vec::new() };
    s.erase_household_with(h, "verzoek", day(18), "2026-11-21T09:00:00.000Z", Some(&good)).unwrap();
    assert!(s.household(h).is_err());
    let visits = s.report_visits(day(1), day(30)).unwrap();
    assert_eq!(visits.len(), 1);
    assert_ne!(visits[0].id, v, "under a fresh id");
    assert_ne!(visits[0].household_id, h);
    assert_eq!((visits[0].kind, visits[0].status, visits[0].date), (VisitKind::Intake, VisitStatus::Done, day(20)));
    assert_eq!(s.report_households().unwrap().iter().map(|h| h.wijk.as_str()).collect::<Vec<_>>(), ["Noord"]);
}
