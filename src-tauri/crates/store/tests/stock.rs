//! The stock of materials on real store files: movements from several laptops add up whatever
//! the order of their files, a visit's installed measures are booked once (closing twice,
//! importing the file twice), a correction books the difference with a count, and a volunteer
//! cannot write the organisation's stock (attack tests).

use std::path::PathBuf;

use chrono::NaiveDate;
use keukentafel_domain::*;
use keukentafel_store::{Store, VisitClosing};

const START: i64 = 1_795_000_000_000;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

struct Site {
    _dir: tempfile::TempDir,
    store: Store,
}

fn site(seed: u64, name: &str, role: Role) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("k.sqlite3");
    let mut store = Store::open(&path, keukentafel_store::testing::key(), Sources::deterministic(seed, START + seed as i64, 7)).unwrap();
    store.save_profile(UserProfileInput { name: name.into(), organisation: String::new(), phone: String::new(), role }).unwrap();
    Site { _dir: dir, store }
}

fn send(from: &Store, to: &mut Store) -> keukentafel_store::MergeReport {
    let ops = from.ops_missing_from(&to.received().unwrap()).unwrap();
    to.merge(&ops).unwrap()
}

fn visit_at(s: &mut Store, name: &str) -> (HouseholdId, Visit) {
    let h = s.create_household(HouseholdInput { name: name.into(), ..Default::default() }).unwrap();
    let v = s
        .plan_visit(
            VisitInput {
                household_id: h.id,
                planned_date: day(20),
                planned_time: "10:00".into(),
                kind: VisitKind::Combined,
                volunteers: vec!["Anna".into()],
                status: VisitStatus::Planned,
                summary: String::new(),
            },
            day(18),
        )
        .unwrap();
    (h.id, v)
}

fn closing(v: &Visit, out: &[(&str, u32)]) -> VisitClosing {
    VisitClosing {
        visit: v.id,
        tasks: Vec::new(),
        follow_up: None,
        stock_out: out.iter().map(|(m, q)| StockOut { measure: (*m).into(), quantity: *q }).collect(),
    }
}

fn on_hand(s: &Store, measure: &str) -> i64 {
    s.stock_levels().unwrap().get(&stock_item_for_measure(measure)).map_or(0, |l| l.0)
}

fn led_item(s: &mut Store, cost: u32, low_at: u32) -> StockItem {
    s.save_stock_item(StockItemUpdate {
        id: stock_item_for_measure("led"),
        data: StockItemInput { name: "Ledlamp".into(), measure: "led".into(), unit_cost_cents: cost, low_at },
        base: Default::default(),
    })
    .unwrap()
}

fn receive(s: &mut Store, item: StockItemId, kind: MovementKind, quantity: u32) -> StockMovement {
    s.record_movement(MovementInput { item_id: item, kind, quantity, date: day(19), note: String::new() }, "Carla", day(20))
        .unwrap()
}

#[test]
fn movements_from_three_laptops_add_up_in_any_order() {
    let mut coord = site(1, "Carla", Role::Coordinator);
    let mut anna = site(2, "Anna", Role::EnergyCoach);
    let mut bram = site(3, "Bram", Role::DebtHelpVolunteer);
    let led = led_item(&mut coord.store, 250, 3).id;
    receive(&mut coord.store, led, MovementKind::Received, 20);
    let (_, va) = visit_at(&mut anna.store, "Fam. Aydin");
    anna.store.close_visit(closing(&va, &[("led", 4), ("shower_head", 1)]), day(20)).unwrap();
    let (_, vb) = visit_at(&mut bram.store, "Fam. Bakker");
    bram.store.close_visit(closing(&vb, &[("led", 3)]), day(20)).unwrap();

    // Every laptop's files reach a fourth store in another order: the same stock.
    let mut other = site(4, "Dirk", Role::Coordinator);
    send(&bram.store, &mut other.store);
    send(&anna.store, &mut other.store);
    send(&coord.store, &mut other.store);
    send(&anna.store, &mut coord.store);
    send(&bram.store, &mut coord.store);
    for s in [&coord.store, &other.store] {
        assert_eq!(on_hand(s, "led"), 20 - 4 - 3, "received 20, handed out 4 and 3");
        assert_eq!(on_hand(s, "shower_head"), -1, "handed out before any was received: the stock shows it");
        assert!(s.open_conflicts().unwrap().is_empty(), "movements never conflict");
    }
    assert_eq!(coord.store.stock_levels().unwrap()[&led].1, 7, "handed out in households");
}

#[test]
fn a_visit_books_its_measures_once_also_when_closed_again_or_imported_twice() {
    let mut coord = site(1, "Carla", Role::Coordinator);
    let mut anna = site(2, "Anna", Role::EnergyCoach);
    let (h, v) = visit_at(&mut anna.store, "Fam. Aydin");
    anna.store.close_visit(closing(&v, &[("led", 2)]), day(20)).unwrap();
    anna.store.close_visit(closing(&v, &[("led", 2)]), day(21)).unwrap();
    assert_eq!(on_hand(&anna.store, "led"), -2);
    send(&anna.store, &mut coord.store);
    let again = anna.store.ops_missing_from(&Default::default()).unwrap();
    let report = coord.store.merge(&again).unwrap();
    assert_eq!(report.new, 0, "the same file again changes nothing");
    assert_eq!(on_hand(&coord.store, "led"), -2);
    // The coordinator closing the same visit (the same ids) books nothing more.
    coord.store.close_visit(closing(&v, &[("led", 2)]), day(22)).unwrap();
    assert_eq!(on_hand(&coord.store, "led"), -2);
    let materials = coord.store.household_materials(None).unwrap();
    assert_eq!(materials.len(), 1);
    assert_eq!((materials[0].household_id, materials[0].items), (h, 2));

    // Closed again after the answers changed: the booking follows the checklist.
    anna.store.close_visit(closing(&v, &[("led", 3), ("door_closer", 1)]), day(22)).unwrap();
    assert_eq!((on_hand(&anna.store, "led"), on_hand(&anna.store, "door_closer")), (-3, -1));
    anna.store.close_visit(closing(&v, &[("door_closer", 1)]), day(22)).unwrap();
    assert_eq!((on_hand(&anna.store, "led"), on_hand(&anna.store, "door_closer")), (0, -1));
}

#[test]
fn a_count_books_the_difference_and_cost_per_household_follows_the_budget() {
    let mut coord = site(1, "Carla", Role::Coordinator);
    let led = led_item(&mut coord.store, 250, 5).id;
    receive(&mut coord.store, led, MovementKind::Received, 12);
    let (h1, v1) = visit_at(&mut coord.store, "Fam. Aydin");
    coord.store.close_visit(closing(&v1, &[("led", 4)]), day(20)).unwrap();
    let (_, v2) = visit_at(&mut coord.store, "Fam. Bakker");
    coord.store.close_visit(closing(&v2, &[("led", 1)]), day(20)).unwrap();
    assert_eq!(on_hand(&coord.store, "led"), 7);
    let counted = receive(&mut coord.store, led, MovementKind::Corrected, 5);
    assert_eq!(counted.data.delta, -2, "counted 5 where 7 were expected");
    assert_eq!(on_hand(&coord.store, "led"), 5);
    receive(&mut coord.store, led, MovementKind::WrittenOff, 1);
    assert_eq!(on_hand(&coord.store, "led"), 4);

    let materials = coord.store.household_materials(Some(500)).unwrap();
    assert_eq!(materials[0].household_id, h1, "most expensive first");
    assert_eq!((materials[0].cost_cents, materials[0].over_budget), (1000, true));
    assert_eq!((materials[1].cost_cents, materials[1].over_budget), (250, false));
}

#[test]
fn a_bad_movement_is_refused_and_writes_nothing() {
    let mut coord = site(1, "Carla", Role::Coordinator);
    let before = coord.store.op_count().unwrap();
    let unknown = StockItemId(uuid::Uuid::from_u128(9));
    let err = coord
        .store
        .record_movement(MovementInput { item_id: unknown, kind: MovementKind::Received, quantity: 1, date: day(19), note: String::new() }, "Carla", day(20))
        .unwrap_err();
    assert!(matches!(err, keukentafel_store::StoreError::Validation(ref v) if v.0[0].rule == Rule::UnknownStockItem), "{err:?}");
    let led = led_item(&mut coord.store, 0, 0).id;
    let after_item = coord.store.op_count().unwrap();
    for (kind, quantity, date, rule) in [
        (MovementKind::Received, 0, day(19), Rule::QuantityRange { min: 1, max: 100_000 }),
        (MovementKind::Received, 100_001, day(19), Rule::QuantityRange { min: 1, max: 100_000 }),
        (MovementKind::Received, 1, day(21), Rule::MovementDateInFuture),
        (MovementKind::HandedOut, 1, day(19), Rule::InvalidValue),
    ] {
        let err = coord
            .store
            .record_movement(MovementInput { item_id: led, kind, quantity, date, note: String::new() }, "Carla", day(20))
            .unwrap_err();
        assert!(matches!(err, keukentafel_store::StoreError::Validation(ref v) if v.0[0].rule == rule), "{kind:?} {quantity}: {err:?}");
    }
    assert!(after_item > before);
    assert_eq!(coord.store.op_count().unwrap(), after_item, "nothing written");
    // An item that is not a measure's cannot be made by saving an unknown id.
    let err = coord
        .store
        .save_stock_item(StockItemUpdate {
            id: StockItemId(uuid::Uuid::from_u128(10)),
            data: StockItemInput { name: "Lamp".into(), measure: "led".into(), unit_cost_cents: 0, low_at: 0 },
            base: Default::default(),
        })
        .unwrap_err();
    assert!(matches!(err, keukentafel_store::StoreError::NotFound { .. }), "{err:?}");
}

/// Attack: a volunteer's file that writes the organisation's stock list or books stock outside
/// a household given to it is held back, not applied.
#[test]
fn a_volunteer_cannot_write_the_organisations_stock() {
    let mut coord = site(1, "Carla", Role::Coordinator);
    let mut anna = site(2, "Anna", Role::EnergyCoach);
    let led = led_item(&mut coord.store, 250, 0).id;
    receive(&mut coord.store, led, MovementKind::Received, 10);
    send(&coord.store, &mut anna.store);
    // Anna's laptop (a tampered copy of the app) edits the price and books stock in.
    let mut item = anna.store.stock_item(led).unwrap();
    item.data.unit_cost_cents = 1;
    anna.store.save_stock_item(StockItemUpdate { id: led, data: item.data, base: item.clocks }).unwrap();
    receive(&mut anna.store, led, MovementKind::Received, 500);
    // …and hands out in her own new household (allowed) and books a handing-out that names no
    // household.
    let (_, v) = visit_at(&mut anna.store, "Fam. Aydin");
    anna.store.close_visit(closing(&v, &[("led", 2)]), day(20)).unwrap();

    let ops = anna.store.ops_missing_from(&coord.store.received().unwrap()).unwrap();
    let report = coord.store.merge_from_volunteer(&ops, anna.store.replica(), day(20), None).unwrap();
    assert!(report.held_back > 0, "{report:?}");
    assert_eq!(coord.store.stock_item(led).unwrap().data.unit_cost_cents, 250, "the price stays the coordinator's");
    assert_eq!(on_hand(&coord.store, "led"), 10 - 2, "only the handing-out in her household counts");
    let held = coord.store.held_ops().unwrap();
    assert!(held.iter().any(|h| h.op.entity == "stock_item"));
    assert!(held.iter().any(|h| h.op.entity == "stock_movement"));
}

#[test]
fn settings_are_kept_and_checked() {
    let mut coord = site(1, "Carla", Role::Coordinator);
    assert_eq!(coord.store.settings().unwrap(), Settings::default());
    let saved = coord.store.save_settings(Settings { stale_after_days: 14, budget_per_household_cents: Some(4500), retention_months: None }).unwrap();
    assert_eq!(saved.stale_after_days, 14);
    assert_eq!(coord.store.settings().unwrap().budget_per_household_cents, Some(4500));
    let err = coord.store.save_settings(Settings { stale_after_days: 0, budget_per_household_cents: None, retention_months: None }).unwrap_err();
    assert!(matches!(err, keukentafel_store::StoreError::Validation(_)));
    assert_eq!(coord.store.settings().unwrap().stale_after_days, 14, "a refused change keeps the old");
}
