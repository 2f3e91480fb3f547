//! Voorraad: the organisation's stock of energy-box materials. The list holds an item for every
//! measure a visit can install (from the built-in checklist, labelled from the reference
//! figures) and the items the coordinator added; each with its stock (the sum of its movements,
//! see `domain::stock`), a low-stock warning, and the materials each household received against
//! the budget per household. Handing out is booked by closing a visit (`tasks::close_visit`).
//!
//! Also this installation's settings (the stale period of the overview, the budget).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keukentafel_checklist::Input;
use keukentafel_domain::{
    stock_item_for_measure, MovementInput, Settings, StockItem, StockItemId, StockItemInput, StockItemUpdate,
    StockLevel, StockMovement, StockOverview,
};
use keukentafel_store::{Store, StoreError};

use crate::visits::Templates;
use crate::Reply;

/// How many movements the stock screen shows at most.
pub const MOVEMENTS_SHOWN: u32 = 200;

/// The measures a visit can install (built-in checklist templates, in template order) with their
/// Dutch label from the reference figures.
pub fn installable_measures(templates: &Templates) -> Vec<(String, String)> {
    let checklist = templates.current();
    let mut out: Vec<(String, String)> = Vec::new();
    for step in &checklist.template().steps {
        if let Input::MeasureInstalled { measures } = &step.input {
            for m in measures {
                if !out.iter().any(|(id, _)| id == m) {
                    let label = checklist.figures().measure(m).map_or_else(|| m.clone(), |f| f.label.nl.clone());
                    out.push((m.clone(), label));
                }
            }
        }
    }
    out
}

/// The stock screen.
pub fn overview(store: &Store, templates: &Templates) -> Reply<StockOverview> {
    let settings = store.settings()?;
    let levels = store.stock_levels()?;
    let stored = store.stock_items()?;
    let mut items: Vec<StockLevel> = Vec::new();
    let level = |item: StockItem, saved: bool| {
        let (on_hand, handed_out) = levels.get(&item.id).copied().unwrap_or((0, 0));
        StockLevel { low: item.data.low_at > 0 && on_hand <= i64::from(item.data.low_at), on_hand, handed_out, saved, item }
    };
    // Measures first, in checklist order; a measure's item the coordinator never saved is
    // listed with cost 0.
    for (measure, label) in installable_measures(templates) {
        let id = stock_item_for_measure(&measure);
        match stored.iter().find(|i| i.id == id) {
            Some(i) => items.push(level(i.clone(), true)),
            None => items.push(level(
                StockItem {
                    id,
                    data: StockItemInput { name: label, measure, unit_cost_cents: 0, low_at: 0 },
                    archived: false,
                    clocks: BTreeMap::new(),
                },
                false,
            )),
        }
    }
    for i in stored {
        if !items.iter().any(|l| l.item.id == i.id) && !i.archived {
            items.push(level(i, true));
        }
    }
    let households = store.household_materials(settings.budget_per_household_cents)?;
    let total: i64 = households.iter().map(|h| h.cost_cents).sum();
    let n = i64::try_from(households.len()).unwrap_or(i64::MAX);
    Ok(StockOverview {
        low: count(items.iter().filter(|l| l.low)),
        over_budget: count(households.iter().filter(|h| h.over_budget)),
        average_cost_cents: if n == 0 { 0 } else { (total + n / 2) / n },
        budget_per_household_cents: settings.budget_per_household_cents,
        households,
        items,
    })
}

fn count<T>(it: impl Iterator<Item = T>) -> u32 {
    u32::try_from(it.count()).unwrap_or(u32::MAX)
}

/// An item the coordinator adds.
pub fn add_item(store: &mut Store, input: StockItemInput) -> Reply<StockItem> {
    Ok(store.add_stock_item(input)?)
}

/// An edit of an item (cost, low level, name); a measure's item is saved the first time here.
pub fn save_item(store: &mut Store, update: StockItemUpdate) -> Reply<StockItem> {
    Ok(store.save_stock_item(update)?)
}

pub fn archive_item(store: &mut Store, id: StockItemId, archived: bool) -> Reply<StockItem> {
    Ok(store.set_stock_item_archived(id, archived)?)
}

/// Records received stock, a count (correction) or a write-off, in the user's name. A
/// measure's item that was never saved is saved first (with its label and cost 0), so stock
/// can be received before anyone set a price.
pub fn record_movement(store: &mut Store, templates: &Templates, input: MovementInput, today: NaiveDate) -> Reply<StockMovement> {
    if let Err(StoreError::NotFound { .. }) = store.stock_item(input.item_id) {
        if let Some((measure, name)) =
            installable_measures(templates).into_iter().find(|(m, _)| stock_item_for_measure(m) == input.item_id)
        {
            store.save_stock_item(StockItemUpdate {
                id: input.item_id,
                data: StockItemInput { name, measure, unit_cost_cents: 0, low_at: 0 },
                base: BTreeMap::new(),
            })?;
        }
    }
    let by = store.profile()?.map(|p| p.name).unwrap_or_default();
    Ok(store.record_movement(input, &by, today)?)
}

/// Movements, newest first (of one item when set).
pub fn movements(store: &Store, item: Option<StockItemId>) -> Reply<Vec<StockMovement>> {
    Ok(store.stock_movements(item, MOVEMENTS_SHOWN)?)
}

pub fn settings(store: &Store) -> Reply<Settings> {
    Ok(store.settings()?)
}

pub fn save_settings(store: &mut Store, settings: Settings) -> Reply<Settings> {
    Ok(store.save_settings(settings)?)
}
