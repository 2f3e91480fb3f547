//! Erasure and retention through the use cases on real store files: Dutch refusals (a
//! volunteer, no reason, a request dated ahead, an unknown household), erasing several in one
//! go, the pre-import backups scrubbed, the "te wissen" list.

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use keukentafel_api::erasure::{self, EraseRequest};
use keukentafel_api::{households, profile, stock, ErrorCode};
use keukentafel_domain::*;
use keukentafel_store::Store;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn templates() -> keukentafel_api::Templates {
    keukentafel_api::Templates::builtin().unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn new_store(dir: &Path, name: &str, role: Role) -> Store {
    let path = dir.join(name).join("k.sqlite3");
    profile::init(&path, keukentafel_store::testing::PASSPHRASE, Sources::system(), UserProfileInput { name: name.into(), organisation: "EAS".into(), phone: String::new(), role })
        .unwrap()
        .0
}

fn add(s: &mut Store, name: &str) -> HouseholdId {
    households::create(s, HouseholdInput { name: name.into(), adults: 1, ..Default::default() }).unwrap().id
}

fn request(households: Vec<HouseholdId>, reason: &str, requested: NaiveDate) -> EraseRequest {
    EraseRequest { households, reason: reason.into(), requested }
}

#[test]
fn erasing_is_the_coordinators_and_is_checked_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut anna = new_store(dir.path(), "Anna", Role::EnergyCoach);
    let h = add(&mut anna, "Fam. Jansen");
    let e = erasure::erase(&mut anna, &templates(), h, "verzoek", today(), now()).unwrap_err();
    assert_eq!(e.code, ErrorCode::CoordinatorOnly);
    assert!(e.message.contains("Alleen de coördinator"), "{}", e.message);
    assert_eq!(erasure::retention(&anna, today()).unwrap_err().code, ErrorCode::CoordinatorOnly);
    assert!(anna.household(h).is_ok());

    let mut carla = new_store(dir.path(), "Carla", Role::Coordinator);
    let h = add(&mut carla, "Fam. Jansen");
    let e = erasure::erase_many(&mut carla, &templates(), request(vec![h], "  ", today()), now()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["reason"]);
    assert_eq!(e.fields[0].message, "Schrijf op waarom de gegevens gewist worden.");
    let e = erasure::erase_many(&mut carla, &templates(), request(vec![h], "verzoek", today().succ_opt().unwrap()), now()).unwrap_err();
    assert_eq!(e.fields[0].field, "requested");
    assert!(carla.household(h).is_ok(), "a refused request erases nothing");
}

#[test]
fn several_households_are_erased_in_one_go_and_the_backups_forget_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut carla = new_store(dir.path(), "Carla", Role::Coordinator);
    let (a, b, kept) = (add(&mut carla, "Fam. Aerts-wis"), add(&mut carla, "Fam. Bos-wis"), add(&mut carla, "Fam. Blijft"));
    // A pre-import backup beside the store, as an import leaves one.
    let backup = keukentafel_sync::import::backup_before_import(&carla, now()).unwrap();
    let done = erasure::erase_many(&mut carla, &templates(), request(vec![a, b], "Bewaartermijn voorbij", today()), now()).unwrap();
    assert_eq!(done.iter().map(|e| e.household).collect::<Vec<_>>(), [a, b]);
    assert!(done.iter().all(|e| e.laptops.is_empty() && e.complete()), "no laptop ever held them");
    assert_eq!(erasure::erasures(&carla).unwrap().len(), 2);
    assert!(carla.household(kept).is_ok());
    // Encrypted with the store's key: searched decrypted, page by page.
    let bytes = keukentafel_store::testing::plaintext_with(&backup, carla.key());
    for name in ["Fam. Aerts-wis", "Fam. Bos-wis"] {
        assert!(!bytes.windows(name.len()).any(|w| w == name.as_bytes()), "{name} is gone from the backup too");
    }
    assert!(bytes.windows(11).any(|w| w == b"Fam. Blijft"));

    // Erased again, or unknown: refused, in Dutch; nothing else changes.
    let e = erasure::erase(&mut carla, &templates(), a, "nog eens", today(), now()).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert_eq!(e.message, "De gegevens van dit huishouden zijn al gewist.");
    assert_eq!(erasure::erase(&mut carla, &templates(), HouseholdId(uuid::Uuid::from_u128(42)), "x", today(), now()).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn the_retention_list_follows_the_period() {
    let dir = tempfile::tempdir().unwrap();
    let mut carla = new_store(dir.path(), "Carla", Role::Coordinator);
    let h = add(&mut carla, "Fam. Oud");
    let made = chrono::Local::now().date_naive();
    let list = erasure::retention(&carla, made + chrono::Months::new(30)).unwrap();
    assert_eq!((list.months, list.households.len()), (None, 0), "no period: nothing to erase");
    let mut settings = stock::settings(&carla).unwrap();
    settings.retention_months = Some(24);
    stock::save_settings(&mut carla, settings.clone()).unwrap();
    assert!(erasure::retention(&carla, made + chrono::Months::new(23)).unwrap().households.is_empty());
    let list = erasure::retention(&carla, made + chrono::Months::new(24)).unwrap();
    assert_eq!(list.households.iter().map(|r| r.household).collect::<Vec<_>>(), [h]);
    assert_eq!(list.households[0].last_contact, made);
    settings.retention_months = Some(0);
    assert_eq!(stock::save_settings(&mut carla, settings).unwrap_err().code, ErrorCode::Validation);
}

#[test]
fn a_revoked_laptop_that_can_never_confirm_is_confirmed_by_hand_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let mut carla = new_store(dir.path(), "Carla", Role::Coordinator);
    let mut anna = new_store(dir.path(), "Anna", Role::EnergyCoach);
    let mut bram = new_store(dir.path(), "Bram", Role::EnergyCoach);
    let mut replicas = Vec::new();
    for v in [&mut anna, &mut bram] {
        let code = keukentafel_api::exchange::own_pairing_view(v, today()).unwrap().code;
        keukentafel_api::exchange::enrol_volunteer(&mut carla, &code, now()).unwrap();
        replicas.push(v.replica());
    }
    let h = add(&mut carla, "Fam. Jansen");
    for r in &replicas {
        keukentafel_api::exchange::assign_household(&mut carla, h, *r, today()).unwrap();
    }
    keukentafel_api::exchange::revoke_volunteer(&mut carla, replicas[1], now()).unwrap();
    let e = erasure::erase(&mut carla, &templates(), h, "verzoek van het huishouden", today(), now()).unwrap();
    let by = |e: &Erasure, r: ReplicaId| e.laptops.iter().find(|l| l.replica == r).cloned().unwrap();
    assert!(!by(&e, replicas[0]).revoked && by(&e, replicas[1]).revoked, "{:?}", e.laptops);
    assert!(!e.complete());

    // Anna is still enrolled: her confirmation comes in her file, not by hand.
    let refused = erasure::confirm_by_hand(&mut carla, h, replicas[0], now()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Validation);
    assert!(refused.message.contains("ingetrokken"), "{}", refused.message);
    // A volunteer's laptop confirms nothing by hand.
    assert_eq!(erasure::confirm_by_hand(&mut anna, h, replicas[1], now()).unwrap_err().code, ErrorCode::CoordinatorOnly);

    let later = now() + chrono::Duration::days(2);
    let e = erasure::confirm_by_hand(&mut carla, h, replicas[1], later).unwrap();
    let bram_laptop = by(&e, replicas[1]);
    assert!(bram_laptop.by_hand && bram_laptop.confirmed_at.as_deref() == Some("2026-11-25T10:00:00.000Z"), "{bram_laptop:?}");
    assert!(by(&e, replicas[0]).confirmed_at.is_none());
    assert_eq!(erasure::confirm_by_hand(&mut carla, h, replicas[1], later).unwrap_err().code, ErrorCode::Validation, "once");
    assert_eq!(erasure::erasures(&carla).unwrap(), vec![e], "kept");
    let _ = &mut bram;
}
