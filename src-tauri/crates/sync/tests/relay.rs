//! The coordinator's judgement travels with its return file: ops from a laptop whose clock ran
//! far ahead, once the coordinator accepted them, are not held back again on a volunteer's laptop
//! that is linked to that coordinator; an installation that is not linked to it holds them.

mod common;

use common::*;
use keukentafel_domain::{Role, Sources, UserProfileInput};
use keukentafel_store::Store;

/// 2099-01-01.
const Y2099: i64 = 4_070_908_800_000;

fn node_at(root: &std::path::Path, name: &str, seed: u64, start: i64) -> Node {
    let dir = root.join(name);
    let path = dir.join("keukentafel.sqlite3");
    let mut store = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(seed, start, 1)).unwrap();
    store.save_profile(UserProfileInput { name: name.to_owned(), organisation: "Test".into(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    let key = keukentafel_sync::load_or_create_identity(&store).unwrap();
    Node { store, key, path, outbox: dir.join("outbox") }
}

#[test]
fn ops_the_coordinator_accepted_are_not_held_again_on_a_linked_volunteer_s_laptop() {
    let root = tempfile::tempdir().unwrap();
    let mut coordinator = node(root.path(), "coordinator", 1, Role::Coordinator);
    let mut anna = node_at(root.path(), "anna", 2, Y2099);
    let mut vera = node(root.path(), "vera", 3, Role::EnergyCoach);
    let mut stranger = node(root.path(), "stranger", 4, Role::EnergyCoach);
    for n in [&mut anna, &mut vera] {
        pair(&mut coordinator, n);
    }
    let ids = add_households(&mut anna, 2);

    let file = export(&anna, &coordinator);
    let merged = import_ok(&mut coordinator, &file);
    assert!(merged.held_back > 0 && merged.new == 0);
    let held: Vec<_> = coordinator.store.held_ops().unwrap().into_iter().map(|h| h.op.op_id).collect();
    coordinator.store.accept_held(&held).unwrap();

    // Vera imports her coordinator's return file: judged there, merged here.
    let file = export(&coordinator, &vera);
    let merged = import_ok(&mut vera, &file);
    assert_eq!(merged.held_back, 0);
    assert_eq!(vera.store.household(ids[0]).unwrap().data.name, "Huishouden 0");
    assert_eq!(vera.store.dump().unwrap()["households"], coordinator.store.dump().unwrap()["households"]);

    // The same file for an installation that is not linked to this coordinator: refused whole.
    let file = export(&coordinator, &stranger);
    let report = import(&mut stranger, &[file]).remove(0);
    assert_eq!(report.outcome.unwrap_err().code(), keukentafel_sync::SyncErrorCode::ExportUnknownSender);
    assert!(stranger.store.household(ids[0]).is_err());
}
