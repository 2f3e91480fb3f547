//! Held-back changes through the use cases, with real export files: listed with who, what and
//! why, rejected and accepted one by one or all at once, and a rejected change does not come
//! back when the same file is imported again.

use std::path::{Path, PathBuf};

use chrono::Utc;
use keukentafel_api::{conflicts, exchange, households, profile, ErrorCode, HeldReason, HeldSelection};
use keukentafel_domain::*;
use keukentafel_store::Store;

const DAY: i64 = 24 * 3600 * 1000;

fn store(dir: &Path, name: &str, role: Role, sources: Sources) -> Store {
    let path = dir.join(name).join("k.sqlite3");
    profile::init(&path, keukentafel_store::testing::PASSPHRASE, sources, UserProfileInput { name: name.into(), organisation: "EAS".into(), phone: String::new(), role }).unwrap().0
}

fn household(name: &str) -> HouseholdInput {
    HouseholdInput { name: name.into(), adults: 2, ..Default::default() }
}

fn export(from: &Store, usb: &Path) -> PathBuf {
    PathBuf::from(exchange::export_to_coordinator(from, usb.to_str().unwrap(), Utc::now()).unwrap().path)
}

fn import(to: &mut Store, file: &Path) -> keukentafel_sync::MergeCounts {
    let mut reports = exchange::import_files(to, &[file.to_owned()], Utc::now(), |_| {}).unwrap();
    let r = reports.remove(0);
    assert!(r.refusal.is_none(), "{:?}", r.refusal);
    r.merged.unwrap()
}

fn names(s: &Store) -> Vec<String> {
    let today = chrono::Local::now().date_naive();
    let mut out: Vec<String> =
        households::list(s, &HouseholdQuery::default(), today).unwrap().into_iter().map(|h| h.name).collect();
    out.sort();
    out
}

/// The coordinator enrols Anna from her pairing code; Anna links with the coordinator's.
fn pair(coord: &mut keukentafel_store::Store, anna: &mut keukentafel_store::Store) {
    let today = chrono::Local::now().date_naive();
    let code = exchange::own_pairing_view(anna, today).unwrap().code;
    exchange::enrol_volunteer(coord, &code, Utc::now()).unwrap();
    let code = exchange::own_pairing_view(coord, today).unwrap().code;
    exchange::link_coordinator(anna, &code).unwrap();
}

#[test]
fn changes_from_a_laptop_three_days_ahead_are_listed_rejected_and_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let usb = dir.path().join("usb");
    let mut coord = store(dir.path(), "Carla", Role::Coordinator, Sources::system());
    let ahead = Utc::now().timestamp_millis() + 3 * DAY;
    let mut anna = store(dir.path(), "Anna", Role::EnergyCoach, Sources::deterministic(4, ahead, 7));
    pair(&mut coord, &mut anna);
    let jansen = households::create(&mut anna, household("Fam. Jansen")).unwrap();
    let vries = households::create(&mut anna, household("Fam. de Vries")).unwrap();
    let file = export(&anna, &usb);

    let merged = import(&mut coord, &file);
    assert_eq!(merged.new, 0);
    let held = conflicts::held(&coord).unwrap();
    assert_eq!(held.len(), merged.held_back);
    assert!(held.iter().all(|c| c.reason == HeldReason::FutureClock));
    let name_of_vries = held.iter().find(|c| c.entity_id == vries.id.to_string() && c.field == "name").unwrap();
    assert_eq!(name_of_vries.value, serde_json::json!("Fam. de Vries"));
    assert_eq!(name_of_vries.household_id, Some(vries.id));
    assert_eq!(name_of_vries.replica, anna.replica());
    let shown_date = chrono::DateTime::from_timestamp_millis(ahead).unwrap().format("%Y-%m-%d").to_string();
    assert!(name_of_vries.at.starts_with(&shown_date), "{} carries its own date", name_of_vries.at);

    // Reject everything about Fam. de Vries, then accept the rest.
    let vries_ops: Vec<String> =
        held.iter().filter(|c| c.entity_id == vries.id.to_string()).map(|c| c.op_id.clone()).collect();
    assert_eq!(conflicts::reject_held(&mut coord, HeldSelection::Ops(vries_ops.clone())).unwrap(), vries_ops.len());
    let accepted = conflicts::accept_held(&mut coord, HeldSelection::All).unwrap();
    assert_eq!(accepted, held.len() - vries_ops.len());
    assert!(conflicts::held(&coord).unwrap().is_empty());
    assert_eq!(names(&coord), ["Fam. Jansen"]);
    assert_eq!(households::detail(&coord, jansen.id).unwrap().household.data.name, "Fam. Jansen");

    // The same file again: the rejected changes stay out, nothing is held.
    let again = import(&mut coord, &file);
    assert_eq!((again.new, again.held_back), (0, 0));
    assert!(conflicts::held(&coord).unwrap().is_empty());
    assert_eq!(names(&coord), ["Fam. Jansen"]);
    assert_eq!(exchange::overview(&coord).unwrap().held_back, 0);

    // Deciding on a change that is not (or no longer) held: refused with its own words.
    for which in [HeldSelection::Ops(vec!["not-an-id".into()]), HeldSelection::Ops(vries_ops)] {
        let err = conflicts::accept_held(&mut coord, which).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        assert!(err.message.contains("achtergehouden wijziging") && err.message_en.contains("held-back change"));
    }
}

#[test]
fn a_change_from_a_copied_installation_is_accepted_and_is_not_held_again() {
    let dir = tempfile::tempdir().unwrap();
    let usb = dir.path().join("usb");
    let mut coord = store(dir.path(), "Carla", Role::Coordinator, Sources::system());
    let mut anna = store(dir.path(), "Anna", Role::EnergyCoach, Sources::system());
    pair(&mut coord, &mut anna);
    let h = households::create(&mut anna, household("Fam. Jansen")).unwrap();
    import(&mut coord, &export(&anna, &usb));

    // Anna's store (with the keys kept inside it) is copied to a second laptop, which goes on
    // working under the same id and keys.
    let copy_path = dir.path().join("copy").join("k.sqlite3");
    anna.backup_to(&copy_path).unwrap();
    let mut copy = profile::open_existing(&copy_path, keukentafel_store::testing::PASSPHRASE, Sources::system()).unwrap();
    let edit = |s: &mut Store, f: &dyn Fn(&mut HouseholdInput)| {
        let d = households::detail(s, h.id).unwrap().household;
        let mut data = d.data.clone();
        f(&mut data);
        households::update(s, HouseholdUpdate { id: h.id, data, base: d.clocks }).unwrap();
    };
    edit(&mut anna, &|d| d.notes = "Gebeld op dinsdag.".into());
    edit(&mut copy, &|d| d.energy_supplier = "Eneco".into());
    import(&mut coord, &export(&anna, &usb));
    let from_copy = export(&copy, &dir.path().join("usb2"));
    let merged = import(&mut coord, &from_copy);
    assert_eq!((merged.new, merged.held_back), (0, 1));

    let held = conflicts::held(&coord).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].reason, HeldReason::DuplicateSequence);
    assert_eq!((held[0].author_name.as_str(), held[0].household_name.as_str()), ("Anna", "Fam. Jansen"));
    assert_eq!((held[0].field.as_str(), &held[0].value), ("energy_supplier", &serde_json::json!("Eneco")));
    assert_eq!(conflicts::accept_held(&mut coord, HeldSelection::Ops(vec![held[0].op_id.clone()])).unwrap(), 1);
    let data = households::detail(&coord, h.id).unwrap().household.data;
    assert_eq!((data.notes.as_str(), data.energy_supplier.as_str()), ("Gebeld op dinsdag.", "Eneco"));

    let again = import(&mut coord, &from_copy);
    assert_eq!((again.new, again.held_back), (0, 0), "accepted once, not held again");
    assert!(conflicts::held(&coord).unwrap().is_empty());
}
