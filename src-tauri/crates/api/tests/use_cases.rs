//! The use cases on real store files in temp dirs, without a window: what the app's commands
//! and the CLI get back, including the Dutch and English words of each error.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone, Utc};
use keukentafel_api::{conflicts, consent, exchange, households, profile, visits, ErrorCode};
use keukentafel_domain::*;
use keukentafel_store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn new_store(dir: &Path, name: &str, role: Role) -> Store {
    let path = dir.join(name).join("k.sqlite3");
    let (store, saved) =
        profile::init(&path, keukentafel_store::testing::PASSPHRASE, Sources::system(), UserProfileInput { name: name.into(), organisation: "EAS".into(), phone: String::new(), role })
            .unwrap();
    assert_eq!(saved.name, name);
    store
}

fn household(name: &str) -> HouseholdInput {
    HouseholdInput { name: name.into(), adults: 2, postcode: "3511ab".into(), ..Default::default() }
}

#[test]
fn households_consent_and_visits_through_the_use_cases() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = new_store(dir.path(), "Anna", Role::EnergyCoach);
    let h = households::create(&mut s, household("Fam. Jansen")).unwrap();
    assert_eq!(h.data.postcode, "3511 AB");

    // A wrong form: every field's Dutch and English message, nothing written.
    let ops = s.op_count().unwrap();
    let err = households::create(&mut s, HouseholdInput { name: " ".into(), postcode: "12".into(), ..household("x") })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let fields: Vec<_> = err.fields.iter().map(|f| (f.field.as_str(), f.message.as_str())).collect();
    assert_eq!(
        fields,
        [
            ("name", "Vul een naam of code in."),
            ("postcode", "Deze postcode klopt niet. Schrijf hem als 1234 AB: vier cijfers en twee letters.")
        ]
    );
    assert_eq!(err.fields[0].message_en, "Enter a name or code.");
    assert_eq!(s.op_count().unwrap(), ops);

    let c = consent::record(
        &mut s,
        ConsentInput {
            household_id: h.id,
            scope: ConsentScope::DebtHelp,
            given: true,
            text_version: CONSENT_TEXT_VERSION.into(),
            date: today(),
        },
        today(),
    )
    .unwrap();
    assert!(c.given);
    let visit = VisitInput {
        household_id: h.id,
        planned_date: today().succ_opt().unwrap(),
        planned_time: "9:30".into(),
        kind: VisitKind::Combined,
        volunteers: vec!["Anna".into()],
        status: VisitStatus::Planned,
        summary: String::new(),
    };
    let v = visits::plan(&mut s, visit.clone(), today()).unwrap();
    assert_eq!(v.data.planned_time, "09:30");
    assert_eq!(visits::agenda(&s, today()).unwrap().len(), 1);
    let err = visits::plan(&mut s, VisitInput { status: VisitStatus::Done, ..visit }, today()).unwrap_err();
    assert_eq!(err.fields[0].field, "status");
    assert_eq!(err.fields[0].message, "Een bezoek in de toekomst kan nog niet gedaan zijn.");

    let detail = households::detail(&s, h.id).unwrap();
    assert_eq!(detail.visits.len(), 1);
    assert_eq!(detail.consent_events.len(), 1);
    let list = households::list(&s, &HouseholdQuery::default(), today()).unwrap();
    assert_eq!(list.len(), 1);
    households::set_archived(&mut s, h.id, true).unwrap();
    assert!(households::list(&s, &HouseholdQuery::default(), today()).unwrap().is_empty());

    let ghost = HouseholdId(uuid_of(7));
    let err = households::detail(&s, ghost).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.starts_with("Dit huishouden is niet gevonden"), "{}", err.message);
}

/// The error of a result whose success value has no `Debug` (a store).
fn error<T>(r: Result<T, keukentafel_api::ApiError>) -> keukentafel_api::ApiError {
    match r {
        Ok(_) => panic!("expected a refusal"),
        Err(e) => e,
    }
}

fn uuid_of(n: u128) -> uuid::Uuid {
    uuid::Uuid::from_u128(n)
}

#[test]
fn opening_refuses_what_is_not_ours_and_a_missing_store_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing.sqlite3");
    let err = error(profile::open_existing(&missing, keukentafel_store::testing::PASSPHRASE, Sources::system()));
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message_en.contains("keukentafel-cli init --db"), "{}", err.message_en);
    assert!(!missing.exists());

    let foreign = dir.path().join("recepten.db");
    std::fs::write(&foreign, b"not a database at all, just some text that is long enough").unwrap();
    let err = error(profile::open_store(&foreign, keukentafel_store::testing::PASSPHRASE, Sources::system()));
    assert_eq!(err.code, ErrorCode::StoreUnusable);
    assert!(err.message.contains("Keukentafel heeft er niets aan veranderd"), "{}", err.message);

    let err = error(profile::init(&foreign, keukentafel_store::testing::PASSPHRASE, Sources::system(), UserProfileInput { name: "A".into(), organisation: String::new(), phone: String::new(), role: Role::Coordinator }));
    assert_eq!(err.code, ErrorCode::StoreIo, "init never reuses or overwrites a file");
    let bad = dir.path().join("new").join("k.sqlite3");
    let err = error(profile::init(&bad, keukentafel_store::testing::PASSPHRASE, Sources::system(), UserProfileInput { name: " ".into(), organisation: String::new(), phone: String::new(), role: Role::Coordinator }));
    assert_eq!(err.fields[0].message, "Vul je naam in.");
    assert!(!bad.exists(), "a refused init leaves no file");
}

#[test]
fn an_exchange_round_with_a_refused_file_and_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut coord = new_store(dir.path(), "Carla", Role::Coordinator);
    let mut anna = new_store(dir.path(), "Anna", Role::EnergyCoach);
    let usb = dir.path().join("usb");
    let usb_s = usb.to_str().unwrap();

    // Folders must be full paths; a volunteer needs a coordinator before exporting.
    for bad in ["", "  ", "relative/folder"] {
        let err = exchange::export_to_coordinator(&anna, bad, now()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.fields[0].field, "dir");
    }
    let err = exchange::export_to_coordinator(&anna, usb_s, now()).unwrap_err();
    assert_eq!(err.code, ErrorCode::NoCoordinator);
    let err = exchange::link_coordinator(&mut anna, "not a code").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidPairing);

    // Pairing in person: each side reads the other's code and compares the fingerprint.
    let anna_code = exchange::own_pairing_view(&anna, today()).unwrap();
    let err = exchange::link_coordinator(&mut coord, &anna_code.code).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidPairing, "a volunteer's code is no coordinator's");
    assert!(err.message.contains("niet van een coördinator"), "{}", err.message);
    let volunteers = exchange::enrol_volunteer(&mut coord, &anna_code.code, now()).unwrap();
    assert_eq!(volunteers.len(), 1);
    assert_eq!(volunteers[0].fingerprint, anna_code.fingerprint.to_string(), "the coordinator sees the volunteer's fingerprint");
    let coord_file = exchange::save_pairing_file(&coord, usb_s, today()).unwrap();
    let coord_view = exchange::read_pairing(&coord_file).unwrap();
    let overview = exchange::link_coordinator(&mut anna, &coord_file).unwrap();
    let link = overview.coordinator.expect("linked");
    assert_eq!((link.name, link.fingerprint), ("Carla".to_owned(), coord_view.fingerprint.to_string()));

    let h = households::create(&mut anna, household("Fam. de Groot")).unwrap();
    let file = PathBuf::from(exchange::export_to_coordinator(&anna, usb_s, now()).unwrap().path);
    let broken = usb.join("broken.kt");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    let mut stages = 0;
    let reports = exchange::import_files(&mut coord, &[broken, file], now(), |_| stages += 1).unwrap();
    assert!(stages > 0, "progress is reported");
    let refusal = reports[0].refusal.as_ref().expect("the cut-off file is refused");
    assert_eq!(refusal.code, keukentafel_sync::SyncErrorCode::ExportTruncated);
    assert!(refusal.message.contains("niet compleet") && refusal.message_en.contains("cut off"));
    assert!(reports[1].merged.as_ref().unwrap().new > 0);
    let anna_replica = reports[1].sender.as_ref().unwrap().replica;

    // Both change the name without seeing each other: one conflict, decided by the coordinator.
    let on_coord = households::detail(&coord, h.id).unwrap().household;
    households::update(
        &mut coord,
        HouseholdUpdate { id: h.id, data: HouseholdInput { name: "Fam. de Groot (C)".into(), ..on_coord.data.clone() }, base: on_coord.clocks.clone() },
    )
    .unwrap();
    let on_anna = households::detail(&anna, h.id).unwrap().household;
    households::update(
        &mut anna,
        HouseholdUpdate { id: h.id, data: HouseholdInput { name: "Fam. de Groot (A)".into(), ..on_anna.data.clone() }, base: on_anna.clocks.clone() },
    )
    .unwrap();
    let file = PathBuf::from(exchange::export_to_coordinator(&anna, usb_s, now()).unwrap().path);
    exchange::import_files(&mut coord, &[file], now(), |_| {}).unwrap();
    let open = conflicts::list(&coord).unwrap();
    assert_eq!(open.len(), 1);
    let left = conflicts::resolve(
        &mut coord,
        ConflictResolution {
            kind: open[0].kind,
            entity: open[0].entity.clone(),
            entity_id: open[0].entity_id.clone(),
            field: open[0].field.clone(),
            value: serde_json::json!("Fam. de Groot"),
        },
    )
    .unwrap();
    assert!(left.is_empty());
    assert_eq!(conflicts::accept_held(&mut coord, keukentafel_api::HeldSelection::All).unwrap(), 0);

    // The return file brings the decision back to Anna.
    let back = PathBuf::from(exchange::export_return_file(&mut coord, anna_replica, usb_s, now()).unwrap().path);
    let reports = exchange::import_files(&mut anna, &[back], now(), |_| {}).unwrap();
    assert!(reports[0].refusal.is_none());
    assert_eq!(households::detail(&anna, h.id).unwrap().household.data.name, "Fam. de Groot");
    let err = exchange::export_return_file(&mut coord, ReplicaId(uuid_of(9)), usb_s, now()).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("niet (meer) gekoppeld"), "{}", err.message);
}

#[test]
fn a_household_that_cannot_be_read_is_not_found_and_the_rest_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = new_store(dir.path(), "Anna", Role::EnergyCoach);
    let good = households::create(&mut s, household("Fam. Jansen")).unwrap();
    let bad = households::create(&mut s, household("Fam. Bakker")).unwrap();
    // A row changed outside Keukentafel (or by a faulty older version).
    s.conn().execute("UPDATE households SET heating = 'fireplace' WHERE id = ?1", [bad.id.to_string()]).unwrap();

    let listed: Vec<_> = households::list(&s, &HouseholdQuery::default(), today()).unwrap().into_iter().map(|h| h.id).collect();
    assert_eq!(listed, [good.id]);
    assert_eq!(profile::app_info(&s, today()).unwrap().unreadable_records, 1);
    let err = households::detail(&s, bad.id).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound, "the UI goes back to the list");
    assert!(err.message.starts_with("Dit huishouden kan Keukentafel niet lezen"), "{}", err.message);
    assert!(err.message_en.contains("fireplace"), "{}", err.message_en);
    assert!(households::detail(&s, good.id).is_ok());
    assert!(visits::agenda(&s, today()).is_ok());
}

#[test]
fn the_own_pairing_code_needs_a_profile_and_reads_back_with_the_same_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let bare = profile::open_store(&dir.path().join("bare").join("k.sqlite3"), keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    let err = exchange::own_pairing(&bare, today()).unwrap_err();
    assert_eq!(err.code, ErrorCode::NoProfile, "a pairing code says who: no profile, no code");
    assert!(bare.secret("signing_key").unwrap().is_none(), "no key made for a refused code");

    let s = new_store(dir.path(), "Anna", Role::EnergyCoach);
    let dump = s.dump().unwrap();
    let own = exchange::own_pairing_view(&s, today()).unwrap();
    let p = &own.pairing;
    assert_eq!(
        (p.name(), p.role(), p.organisation(), p.replica(), p.created()),
        ("Anna", Role::EnergyCoach, "EAS", s.replica(), today())
    );
    assert_eq!(p.age_key().to_string(), exchange::identity(&s).unwrap().public_key(), "the age key kept in the store");
    assert_eq!(*p.signing_key(), exchange::signing_key(&s).unwrap().public(), "the signing key kept in the store");
    for beside in [keukentafel_sync::signing_key_path(s.path()), keukentafel_sync::identity_path(s.path())] {
        assert!(!beside.exists(), "no key file beside the store: {}", beside.display());
    }
    assert_eq!(exchange::own_pairing_view(&s, today()).unwrap(), own, "the keys are made once and reused");

    let err = exchange::save_pairing_file(&s, "relative/dir", today()).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation, "a file goes to a full path only");
    let out = dir.path().join("usb");
    let path = exchange::save_pairing_file(&s, out.to_str().unwrap(), today()).unwrap();
    assert_eq!(PathBuf::from(&path), out.join("keukentafel-koppelcode.txt"));
    assert_eq!(exchange::read_pairing(&path).unwrap(), own, "the file shows the same pairing and fingerprint");
    assert_eq!(exchange::read_pairing(&own.code).unwrap(), own, "so does the pasted line");
    assert_eq!(s.dump().unwrap(), dump, "making and reading pairing codes changes no record");

    let serialised = serde_json::to_value(&own).unwrap();
    assert_eq!(serialised["fingerprint"], own.fingerprint.as_str());
    assert_eq!(serialised["pairing"]["role"], "energy_coach");
}

#[test]
fn a_bad_pairing_code_is_refused_in_dutch_and_english() {
    let err = exchange::read_pairing("KTKOPPEL1-bm90IGpzb24").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidPairing);
    assert!(err.message.contains("beschadigd") && err.message.contains("niets veranderd"), "{}", err.message);
    assert!(err.message_en.contains("not a valid pairing code"), "{}", err.message_en);
    let err = exchange::read_pairing("age1qqqq").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidPairing);
    assert!(err.message.contains("KTKOPPEL1-"), "{}", err.message);
    let dir = tempfile::tempdir().unwrap();
    let err = exchange::read_pairing(dir.path().join("weg.txt").to_str().unwrap()).unwrap_err();
    assert_eq!(err.code, ErrorCode::StoreIo, "a missing file is a file problem, not a bad code");
}
