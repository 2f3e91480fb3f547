//! The organisation's stock of energy-box materials (shower heads, LED lamps, draught strips, …):
//! the items with their cost per unit, and the movements that change the stock.
//!
//! Invariants:
//! - The stock of an item is the sum of its movements' `delta`s. A movement is written once and
//!   never edited, so movements recorded on several laptops add up when their files are merged;
//!   there is no stock number that one laptop could overwrite (a G-counter, not last-writer-wins).
//! - Each measure a visit can install has one item whose id comes from the measure
//!   ([`stock_item_for_measure`]), so every laptop books a measure on the same item without
//!   knowing the coordinator's list.
//! - Handing out in a visit is booked when the visit is closed, with an id from the visit and the
//!   measure ([`stock_out_id`]): closing again, or importing the file twice, books it once.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::Hlc;
use crate::ids::*;

/// The most items one movement can move (a pallet of lamps, not a typo of 1 000 000).
pub const QUANTITY_MAX: u32 = 100_000;
/// The largest cost per unit: € 10.000.
pub const UNIT_COST_MAX_CENTS: u32 = 1_000_000;

/// What changed the stock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    /// Delivered to the organisation (+).
    Received,
    /// Handed out or installed in a household (−); booked when a visit is closed.
    HandedOut,
    /// A count differed from the stock the app knew (±: the difference).
    Corrected,
    /// Broken, lost or past its date (−).
    WrittenOff,
}

impl MovementKind {
    pub const ALL: [MovementKind; 4] =
        [MovementKind::Received, MovementKind::HandedOut, MovementKind::Corrected, MovementKind::WrittenOff];
}

/// What the item form sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockItemInput {
    pub name: String,
    /// The measure (reference figures) this item is, or empty for an item the coordinator added.
    pub measure: String,
    /// Cost per unit in euro cents.
    pub unit_cost_cents: u32,
    /// The stock is low at or below this number (0: no warning).
    pub low_at: u32,
}

/// An item as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockItem {
    pub id: StockItemId,
    #[serde(flatten)]
    pub data: StockItemInput,
    pub archived: bool,
    pub clocks: BTreeMap<String, Hlc>,
}

/// An edit of an item, with the clocks of the values the editor saw. Saving a measure's item
/// that has no record yet makes it (with the id [`stock_item_for_measure`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockItemUpdate {
    pub id: StockItemId,
    pub data: StockItemInput,
    pub base: BTreeMap<String, Hlc>,
}

/// What the movement form sends: received, corrected (after a count) or written off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MovementInput {
    pub item_id: StockItemId,
    pub kind: MovementKind,
    /// How many items were received or written off; for a correction the number counted.
    pub quantity: u32,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub note: String,
}

/// A movement as stored: the change it makes (`delta`) and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockMovementData {
    pub item_id: StockItemId,
    pub kind: MovementKind,
    /// The change of the stock (+ in, − out).
    #[ts(type = "number")]
    pub delta: i64,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The household it was handed out to (handed out only).
    pub household_id: Option<HouseholdId>,
    /// The visit that booked it (handed out only).
    pub visit_id: Option<VisitId>,
    pub note: String,
    /// Who recorded it (the user's name).
    pub recorded_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockMovement {
    pub id: StockMovementId,
    #[serde(flatten)]
    pub data: StockMovementData,
}

/// One item in the stock list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockLevel {
    pub item: StockItem,
    /// The item has a record (the coordinator saved it, or it was added); a measure's item
    /// without one is listed with cost 0 until the coordinator fills it in.
    pub saved: bool,
    /// The sum of its movements.
    #[ts(type = "number")]
    pub on_hand: i64,
    /// At or below the low level (when one is set).
    pub low: bool,
    /// Handed out in households, all time.
    #[ts(type = "number")]
    pub handed_out: i64,
}

/// The materials one household received, and their cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdMaterials {
    pub household_id: HouseholdId,
    pub household_name: String,
    #[ts(type = "number")]
    pub items: i64,
    #[ts(type = "number")]
    pub cost_cents: i64,
    /// More than the budget per household (when one is set).
    pub over_budget: bool,
}

/// The stock screen: every item with its stock, the households' materials against the budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockOverview {
    pub items: Vec<StockLevel>,
    /// Items at or below their low level.
    pub low: u32,
    pub budget_per_household_cents: Option<u32>,
    /// Households that received materials, most expensive first.
    pub households: Vec<HouseholdMaterials>,
    /// The average cost per household that received materials (cents, rounded).
    #[ts(type = "number")]
    pub average_cost_cents: i64,
    pub over_budget: u32,
}

/// One measure's count, as a visit installed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockOut {
    pub measure: String,
    pub quantity: u32,
}

/// Namespace for stock ids made from names (UUIDv5).
const STOCK_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6b65_756b_656e_7461_6661_7374_6f63_6b01);

/// The id of the item that is `measure` (a measure id of the reference figures).
pub fn stock_item_for_measure(measure: &str) -> StockItemId {
    StockItemId(uuid::Uuid::new_v5(&STOCK_NAMESPACE, format!("item/{measure}").as_bytes()))
}

/// The id of the movement that books `measure` out of stock for `visit`.
pub fn stock_out_id(visit: VisitId, measure: &str) -> StockMovementId {
    StockMovementId(uuid::Uuid::new_v5(&STOCK_NAMESPACE, format!("out/{visit}/{measure}").as_bytes()))
}

/// The change a movement makes: + for received, − for written off, the difference between the
/// count and the stock (`on_hand`) for a correction. Handing out is booked by closing a visit.
pub fn delta_of(kind: MovementKind, quantity: u32, on_hand: i64) -> i64 {
    let q = i64::from(quantity);
    match kind {
        MovementKind::Received => q,
        MovementKind::HandedOut | MovementKind::WrittenOff => -q,
        MovementKind::Corrected => q - on_hand,
    }
}

/// A visit's installed items summed per measure (a step may list a measure more than once, in
/// several rooms), in measure order; zero counts left out.
pub fn stock_out(items: impl IntoIterator<Item = (String, u32)>) -> Vec<StockOut> {
    let mut sum: BTreeMap<String, u32> = BTreeMap::new();
    for (measure, q) in items {
        let e = sum.entry(measure).or_default();
        *e = e.saturating_add(q);
    }
    sum.into_iter().filter(|(_, q)| *q > 0).map(|(measure, quantity)| StockOut { measure, quantity }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_movement_changes_the_stock_by_its_kind() {
        assert_eq!(delta_of(MovementKind::Received, 10, 3), 10);
        assert_eq!(delta_of(MovementKind::WrittenOff, 2, 3), -2);
        assert_eq!(delta_of(MovementKind::HandedOut, 2, 3), -2);
        // A count of 5 where the app knew 8: three went missing.
        assert_eq!(delta_of(MovementKind::Corrected, 5, 8), -3);
        assert_eq!(delta_of(MovementKind::Corrected, 8, 5), 3);
        assert_eq!(delta_of(MovementKind::Corrected, 0, -4), 4);
    }

    #[test]
    fn installed_items_are_summed_per_measure() {
        let out = stock_out([("led".to_owned(), 2), ("shower_head".to_owned(), 1), ("led".to_owned(), 3), ("door_closer".to_owned(), 0)]);
        assert_eq!(
            out,
            vec![StockOut { measure: "led".into(), quantity: 5 }, StockOut { measure: "shower_head".into(), quantity: 1 }]
        );
    }

    #[test]
    fn stock_ids_are_stable_and_distinct() {
        let v = VisitId(uuid::Uuid::from_u128(1));
        assert_eq!(stock_item_for_measure("led"), stock_item_for_measure("led"));
        assert_ne!(stock_item_for_measure("led"), stock_item_for_measure("shower_head"));
        assert_eq!(stock_out_id(v, "led"), stock_out_id(v, "led"));
        assert_ne!(stock_out_id(v, "led"), stock_out_id(VisitId(uuid::Uuid::from_u128(2)), "led"));
        assert_ne!(stock_out_id(v, "led").0, stock_item_for_measure("led").0);
    }
}
