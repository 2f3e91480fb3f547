//! Merging ops between real store files: convergence, conflicts, archive against edit, held
//! future ops, and a resolution that closes a conflict on every store.

use std::path::PathBuf;

use chrono::NaiveDate;
use keukentafel_domain::*;
use keukentafel_store::{HeldReason, Op, Received, Store, FUTURE_LIMIT_MILLIS};
use proptest::prelude::*;

const START: i64 = 1_795_000_000_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

struct Site {
    _dir: tempfile::TempDir,
    store: Store,
}

fn site(seed: u64, name: &str, start: i64) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("k.sqlite3");
    let mut store = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(seed, start, 7)).unwrap();
    store.save_profile(UserProfileInput { name: name.into(), organisation: String::new(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    Site { _dir: dir, store }
}

/// Everything `from` holds that `to` lacks.
fn send(from: &Store, to: &mut Store) -> keukentafel_store::MergeReport {
    let ops = from.ops_missing_from(&to.received().unwrap()).unwrap();
    to.merge(&ops).unwrap()
}

fn household(name: &str) -> HouseholdInput {
    HouseholdInput { name: name.into(), wijk: "Smitsveen".into(), ..Default::default() }
}

fn edit(s: &mut Store, id: HouseholdId, f: impl FnOnce(&mut HouseholdInput)) {
    let h = s.household(id).unwrap();
    let mut data = h.data.clone();
    f(&mut data);
    s.update_household(HouseholdUpdate { id, data, base: h.clocks }).unwrap();
}

fn records(s: &Store) -> serde_json::Value {
    s.dump().unwrap()
}

fn conflicts(s: &Store) -> Vec<(String, String, Vec<String>)> {
    let mut out: Vec<_> = s
        .open_conflicts()
        .unwrap()
        .into_iter()
        .map(|c| {
            let mut ops: Vec<String> = std::iter::once(c.winner.op_id).chain(c.others.into_iter().map(|o| o.op_id)).collect();
            ops.sort();
            (c.entity_id, c.field, ops)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_household_made_on_one_laptop_appears_on_another_and_merging_twice_adds_nothing() {
    let mut a = site(1, "Anna", START);
    let mut b = site(2, "Henk", START + 5);
    let h = a.store.create_household(household("Fam. Jansen")).unwrap();
    let first = send(&a.store, &mut b.store);
    assert!(first.new > 0 && first.conflicts == 0 && first.held_back == 0);
    assert_eq!(b.store.household(h.id).unwrap().data.name, "Fam. Jansen");
    // The same ops again (a file imported twice): nothing new.
    let ops = a.store.ops_missing_from(&Received::new()).unwrap();
    let again = b.store.merge(&ops).unwrap();
    assert_eq!((again.new, again.already_present), (0, ops.len()));
    assert_eq!(records(&a.store)["households"], records(&b.store)["households"]);
}

#[test]
fn concurrent_edits_of_one_field_are_flagged_on_both_sides_and_both_values_are_kept() {
    let mut a = site(1, "Anna", START);
    let mut b = site(2, "Henk", START + 5);
    let h = a.store.create_household(household("Fam. Jansen")).unwrap();
    send(&a.store, &mut b.store);
    edit(&mut a.store, h.id, |d| d.energy_supplier = "Eneco".into());
    edit(&mut b.store, h.id, |d| d.energy_supplier = "Vattenfall".into());
    let ra = send(&b.store, &mut a.store);
    let rb = send(&a.store, &mut b.store);
    assert_eq!((ra.conflicts, rb.conflicts), (1, 1));
    assert_eq!(records(&a.store), records(&b.store), "both stores hold the same values");
    assert_eq!(conflicts(&a.store), conflicts(&b.store));
    let c = &a.store.open_conflicts().unwrap()[0];
    assert_eq!(c.field, "energy_supplier");
    assert_eq!(c.household_name, "Fam. Jansen");
    let values: Vec<&serde_json::Value> = std::iter::once(&c.winner.value).chain(c.others.iter().map(|o| &o.value)).collect();
    assert!(values.contains(&&serde_json::json!("Eneco")) && values.contains(&&serde_json::json!("Vattenfall")), "no value is thrown away");
    let authors: Vec<&str> = std::iter::once(c.winner.author_name.as_str()).chain(c.others.iter().map(|o| o.author_name.as_str())).collect();
    assert!(authors.contains(&"Anna") && authors.contains(&"Henk"));

    // The coordinator (here: a) decides; the decision travels and closes the conflict on b too.
    a.store
        .resolve_conflict(ConflictResolution {
            kind: ConflictKind::Field,
            entity: "household".into(),
            entity_id: h.id.to_string(),
            field: "energy_supplier".into(),
            value: serde_json::json!("Vattenfall"),
        })
        .unwrap();
    assert!(a.store.open_conflicts().unwrap().is_empty());
    send(&a.store, &mut b.store);
    assert!(b.store.open_conflicts().unwrap().is_empty());
    assert_eq!(b.store.household(h.id).unwrap().data.energy_supplier, "Vattenfall");
    assert_eq!(records(&a.store), records(&b.store));
}

#[test]
fn an_edit_made_without_knowing_of_an_archive_wins_and_is_flagged() {
    let mut a = site(1, "Anna", START);
    let mut b = site(2, "Henk", START + 5);
    let h = a.store.create_household(household("Fam. Jansen")).unwrap();
    send(&a.store, &mut b.store);
    a.store.set_household_archived(h.id, true).unwrap();
    edit(&mut b.store, h.id, |d| d.notes = "Belt terug over de betalingsregeling.".into());
    send(&a.store, &mut b.store);
    send(&b.store, &mut a.store);
    for s in [&a.store, &b.store] {
        let now = s.household(h.id).unwrap();
        assert!(!now.archived, "the edit wins: the household stays visible");
        assert_eq!(now.data.notes, "Belt terug over de betalingsregeling.");
        let open = s.open_conflicts().unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].kind, ConflictKind::EditVsArchive);
    }
    // An edit made after seeing the archive does not bring the record back.
    let mut c = site(3, "Els", START + 9);
    let h2 = c.store.create_household(household("Fam. de Boer")).unwrap();
    c.store.set_household_archived(h2.id, true).unwrap();
    send(&c.store, &mut a.store);
    edit(&mut a.store, h2.id, |d| d.notes = "Verhuisd.".into());
    send(&a.store, &mut c.store);
    assert!(c.store.household(h2.id).unwrap().archived);
    assert!(c.store.open_conflicts().unwrap().iter().all(|x| x.entity_id != h2.id.to_string()));
}

#[test]
fn ops_from_a_laptop_with_its_clock_far_ahead_are_held_back_until_accepted() {
    let mut a = site(1, "Anna", START + 3 * 24 * 3600 * 1000); // three days ahead
    let mut b = site(2, "Henk", START);
    let h = a.store.create_household(household("Fam. Jansen")).unwrap();
    let before = b.store.op_count().unwrap();
    let r = send(&a.store, &mut b.store);
    assert_eq!(r.new, 0);
    assert!(r.held_back > 0);
    assert_eq!(b.store.op_count().unwrap(), before, "held ops are not applied");
    assert!(b.store.household(h.id).is_err());
    let held: Vec<uuid::Uuid> = b.store.held_ops().unwrap().iter().map(|h| {
        assert_eq!(h.reason, HeldReason::FutureClock);
        h.op.op_id
    }).collect();
    let accepted = b.store.accept_held(&held).unwrap();
    assert_eq!(accepted.new, held.len());
    assert_eq!(b.store.household(h.id).unwrap().data.name, "Fam. Jansen");
    // Accepted ops do not move b's clock: b's next edit is dated by b's own clock, and still
    // wins over them as their successor.
    edit(&mut b.store, h.id, |d| d.name = "Fam. Jansen-Bakker".into());
    let last = keukentafel_store::ops::all_ops(b.store.conn()).unwrap().into_iter().filter(|o| o.replica == b.store.replica()).max_by_key(|o| o.seq).unwrap();
    assert!(last.hlc.millis < START + FUTURE_LIMIT_MILLIS, "b's clock stayed near its wall clock: {}", last.hlc);
    send(&b.store, &mut a.store);
    assert_eq!(a.store.household(h.id).unwrap().data.name, "Fam. Jansen-Bakker");
    assert_eq!(records(&a.store)["households"], records(&b.store)["households"]);
}

#[test]
fn a_visit_whose_household_arrives_later_is_kept() {
    let mut a = site(1, "Anna", START);
    let mut b = site(2, "Henk", START + 5);
    let h = a.store.create_household(household("Fam. Jansen")).unwrap();
    let household_ops = a.store.ops_missing_from(&Received::new()).unwrap();
    let v = a
        .store
        .plan_visit(
            VisitInput {
                household_id: h.id,
                planned_date: today(),
                planned_time: String::new(),
                kind: VisitKind::Intake,
                volunteers: vec!["Anna".into()],
                status: VisitStatus::Planned,
                summary: String::new(),
            },
            today(),
        )
        .unwrap();
    let all = a.store.ops_missing_from(&Received::new()).unwrap();
    let visit_ops: Vec<Op> = all.iter().filter(|o| o.entity == "visit").cloned().collect();
    b.store.merge(&visit_ops).unwrap(); // the household's file was lost
    assert_eq!(b.store.visit(v.id).unwrap().data.household_id, h.id);
    b.store.merge(&household_ops).unwrap(); // ... and re-sent
    send(&a.store, &mut b.store);
    assert_eq!(records(&a.store)["households"], records(&b.store)["households"]);
    assert_eq!(b.store.household_detail(h.id).unwrap().visits.len(), 1);
}

// ---- convergence under any delivery order ------------------------------------------------------

#[derive(Debug, Clone)]
enum Step {
    Edit { site: usize, household: usize, supplier: u8 },
    Notes { site: usize, household: usize, text: u8 },
    Archive { site: usize, household: usize, archived: bool },
    Deliver { from: usize, to: usize },
}

fn step(sites: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..sites, 0..3usize, 0..4u8).prop_map(|(site, household, supplier)| Step::Edit { site, household, supplier }),
        (0..sites, 0..3usize, 0..4u8).prop_map(|(site, household, text)| Step::Notes { site, household, text }),
        (0..sites, 0..3usize, any::<bool>()).prop_map(|(site, household, archived)| Step::Archive { site, household, archived }),
        (0..sites, 0..sites).prop_map(|(from, to)| Step::Deliver { from, to }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24), ..ProptestConfig::default() })]
    /// Any edits and any partial, repeated, out-of-order deliveries; then everyone hears from
    /// everyone: all stores hold the same records, ops and open conflicts.
    #[test]
    fn stores_converge_whatever_the_delivery_order(
        n in 3usize..6,
        steps in proptest::collection::vec(step(5), 5..40),
        order in proptest::collection::vec(any::<prop::sample::Index>(), 12),
    ) {
        let mut sites: Vec<Site> = (0..n).map(|i| site(i as u64 + 1, &format!("V{i}"), START + i as i64 * 13)).collect();
        let ids: Vec<HouseholdId> = (0..3).map(|i| sites[0].store.create_household(household(&format!("H{i}"))).unwrap().id).collect();
        for i in 1..n {
            let (head, tail) = sites.split_at_mut(i);
            send(&head[0].store, &mut tail[0].store);
        }
        let suppliers = ["Eneco", "Essent", "Vattenfall", "Greenchoice"];
        for s in steps {
            match s {
                Step::Edit { site, household, supplier } => edit(&mut sites[site % n].store, ids[household], |d| d.energy_supplier = suppliers[supplier as usize].into()),
                Step::Notes { site, household, text } => edit(&mut sites[site % n].store, ids[household], |d| d.notes = format!("notitie {text}")),
                Step::Archive { site, household, archived } => { sites[site % n].store.set_household_archived(ids[household], archived).unwrap(); }
                Step::Deliver { from, to } if from % n != to % n => {
                    let ops = sites[from % n].store.ops_missing_from(&Received::new()).unwrap();
                    sites[to % n].store.merge(&ops).unwrap();
                }
                Step::Deliver { .. } => {}
            }
        }
        // Final rounds in a random order until everyone has everything.
        for _ in 0..2 {
            for k in 0..order.len() {
                let from = order[k].index(n);
                let to = order[(k + 1) % order.len()].index(n);
                if from != to {
                    let ops = sites[from].store.ops_missing_from(&Received::new()).unwrap();
                    sites[to].store.merge(&ops).unwrap();
                }
            }
            for from in 0..n {
                for to in 0..n {
                    if from != to {
                        let ops = sites[from].store.ops_missing_from(&sites[to].store.received().unwrap()).unwrap();
                        sites[to].store.merge(&ops).unwrap();
                    }
                }
            }
        }
        let first = records(&sites[0].store);
        let first_conflicts = conflicts(&sites[0].store);
        let first_ops: std::collections::BTreeSet<uuid::Uuid> = keukentafel_store::ops::all_ops(sites[0].store.conn()).unwrap().into_iter().map(|o| o.op_id).collect();
        for s in &sites[1..] {
            prop_assert_eq!(&records(&s.store), &first);
            prop_assert_eq!(&conflicts(&s.store), &first_conflicts);
            let ops: std::collections::BTreeSet<uuid::Uuid> = keukentafel_store::ops::all_ops(s.store.conn()).unwrap().into_iter().map(|o| o.op_id).collect();
            prop_assert_eq!(&ops, &first_ops, "no op is lost");
        }
    }
}

#[test]
fn a_copied_installation_is_detected_and_its_diverging_ops_are_held_back() {
    let mut a = site(1, "Anna", START);
    let h = a.store.create_household(household("Fam. Jansen")).unwrap();
    // Someone copies Anna's store file to a second laptop: same replica id, same sequence.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.sqlite3");
    a.store.backup_to(&copy).unwrap();
    let mut b = Store::open(&copy, keukentafel_store::testing::key(), Sources::deterministic(9, START + 100, 7)).unwrap();
    assert_eq!(b.replica(), a.store.replica());
    edit(&mut a.store, h.id, |d| d.notes = "op laptop A".into());
    edit(&mut b, h.id, |d| d.notes = "op laptop B".into());
    let before = a.store.op_count().unwrap();
    // B's file carries its whole log (as it would to a coordinator that never heard of it).
    let report = a.store.merge(&b.ops_missing_from(&Received::new()).unwrap()).unwrap();
    assert_eq!((report.new, report.held_back), (0, 1), "B's op has a sequence number A already used");
    assert_eq!(a.store.op_count().unwrap(), before);
    assert_eq!(a.store.held_ops().unwrap()[0].reason, HeldReason::DuplicateSequence);
    assert_eq!(a.store.household(h.id).unwrap().data.notes, "op laptop A");
}
