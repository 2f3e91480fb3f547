//! The stock of materials (see `migrations/0008_stock.sql` and `domain::stock`): items, the
//! movements that change their stock, the stock per item as the sum of its movements, and the
//! materials each household received with their cost. Handing out in a visit is booked by
//! `close_visit` (`records/tasks.rs`) through [`book_stock_out`].
//!
//! Also this installation's settings (`settings` table, not synced).
//!
//! Uses: `super` (record helpers), `error`, `schema`, `tables`, `writer`, `store`.

use std::collections::HashMap;

use chrono::NaiveDate;
use keukentafel_domain::settings::DEFAULT_STALE_AFTER_DAYS;
use keukentafel_domain::{
    delta_of, stock_item_for_measure, stock_out_id, validate, HouseholdId, HouseholdMaterials, MovementInput,
    MovementKind, Rule, Settings, StockItem, StockItemId, StockItemInput, StockItemUpdate, StockMovement,
    StockMovementData, StockMovementId, StockOut, ValidationErrors, VisitId,
};
use rusqlite::{params, OptionalExtension};
use serde_json::{Map, Value as Json};

use super::{fields_of, not_found, read_record, row_id, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::{field_clocks, read_fields};
use crate::writer::Writer;

/// Stock per item: (on hand, handed out in households).
pub type Levels = HashMap<StockItemId, (i64, i64)>;

impl Store {
    /// Every stored item, archived ones too, by name. Rows that cannot be read are left out.
    pub fn stock_items(&self) -> Result<Vec<StockItem>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM stock_items ORDER BY name, id")?;
        let ids: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids.iter().filter_map(|id| row_id(id)) {
            match self.stock_item(StockItemId(id)) {
                Ok(i) => out.push(i),
                Err(StoreError::Unreadable { .. }) => continue,
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    pub fn stock_item(&self, id: StockItemId) -> Result<StockItem> {
        let (data, fields) = read_record::<StockItemInput>(&self.conn, &schema::STOCK_ITEM, id.0)?
            .ok_or_else(|| not_found("stock_item", id))?;
        Ok(StockItem {
            id,
            data,
            archived: fields.get("archived").and_then(Json::as_bool).unwrap_or(false),
            clocks: field_clocks(&self.conn, &schema::STOCK_ITEM, id.0)?,
        })
    }

    /// An item the coordinator adds (not one of the measures).
    pub fn add_stock_item(&mut self, input: StockItemInput) -> Result<StockItem> {
        let mut input = validate::stock_item(input)?;
        input.measure.clear();
        let id = self.write(|w| {
            let id = w.new_id();
            w.set(&schema::STOCK_ITEM, id, &fields_of(&input)?, NO_BASE)?;
            Ok(StockItemId(id))
        })?;
        self.stock_item(id)
    }

    /// An edit of an item. A measure's item that has no record yet is made now, with the id
    /// that comes from its measure; any other unknown id is not found.
    pub fn save_stock_item(&mut self, update: StockItemUpdate) -> Result<StockItem> {
        let data = validate::stock_item(update.data)?;
        let id = update.id;
        self.write(|w| {
            match read_fields(&w.tx, &schema::STOCK_ITEM, id.0)? {
                Some(existing) => {
                    // An item stays the measure it is.
                    if existing.get("measure").and_then(Json::as_str) != Some(data.measure.as_str()) {
                        return Err(StoreError::Validation(ValidationErrors::one("measure", Rule::InvalidValue)));
                    }
                }
                None if !data.measure.is_empty() && stock_item_for_measure(&data.measure) == id => {}
                None => return Err(not_found("stock_item", id)),
            }
            w.set(&schema::STOCK_ITEM, id.0, &fields_of(&data)?, &update.base)
        })?;
        self.stock_item(id)
    }

    pub fn set_stock_item_archived(&mut self, id: StockItemId, archived: bool) -> Result<StockItem> {
        self.write(|w| {
            super::require(w, &schema::STOCK_ITEM, id.0)?;
            let mut f = Map::new();
            f.insert("archived".into(), Json::Bool(archived));
            w.set(&schema::STOCK_ITEM, id.0, &f, NO_BASE)
        })?;
        self.stock_item(id)
    }

    /// Records a movement (received, corrected after a count, written off) by `recorded_by`.
    /// A correction's change is the count minus the stock in the same transaction, so a
    /// movement merged in between is not counted twice here.
    pub fn record_movement(&mut self, input: MovementInput, recorded_by: &str, today: NaiveDate) -> Result<StockMovement> {
        let input = validate::movement(input, today)?;
        let id = self.write(|w| {
            if read_fields(&w.tx, &schema::STOCK_ITEM, input.item_id.0)?.is_none() {
                return Err(StoreError::Validation(ValidationErrors::one("item_id", Rule::UnknownStockItem)));
            }
            let on_hand: i64 = w.tx.query_row(
                "SELECT COALESCE(SUM(delta), 0) FROM stock_movements WHERE item_id = ?1",
                [input.item_id.to_string()],
                |r| r.get(0),
            )?;
            let data = StockMovementData {
                item_id: input.item_id,
                kind: input.kind,
                delta: delta_of(input.kind, input.quantity, on_hand),
                date: input.date,
                household_id: None,
                visit_id: None,
                note: input.note.clone(),
                recorded_by: recorded_by.trim().to_owned(),
            };
            let id = w.new_id();
            w.set(&schema::STOCK_MOVEMENT, id, &fields_of(&data)?, NO_BASE)?;
            Ok(StockMovementId(id))
        })?;
        self.stock_movement(id)
    }

    pub fn stock_movement(&self, id: StockMovementId) -> Result<StockMovement> {
        let (data, _) = read_record::<StockMovementData>(&self.conn, &schema::STOCK_MOVEMENT, id.0)?
            .ok_or_else(|| not_found("stock_movement", id))?;
        Ok(StockMovement { id, data })
    }

    /// Movements, newest first; of one item when `item` is set; at most `limit`.
    pub fn stock_movements(&self, item: Option<StockItemId>, limit: u32) -> Result<Vec<StockMovement>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM stock_movements WHERE (?1 IS NULL OR item_id = ?1) ORDER BY date DESC, id DESC LIMIT ?2",
        )?;
        let ids: Vec<String> =
            stmt.query_map(params![item.map(|i| i.to_string()), limit], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids.iter().filter_map(|id| row_id(id)) {
            match self.stock_movement(StockMovementId(id)) {
                Ok(m) => out.push(m),
                Err(StoreError::Unreadable { .. }) => continue,
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// The stock of every item that has movements: the sum of their changes, and how many were
    /// handed out in households.
    pub fn stock_levels(&self) -> Result<Levels> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, SUM(delta), SUM(CASE WHEN kind = 'handed_out' THEN -delta ELSE 0 END)
               FROM stock_movements GROUP BY item_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
        let mut out = Levels::new();
        for row in rows {
            let (item, on_hand, out_) = row?;
            if let Some(id) = row_id(&item) {
                out.insert(StockItemId(id), (on_hand, out_));
            }
        }
        Ok(out)
    }

    /// The materials each household (not archived) received and their cost at today's cost
    /// per unit, most expensive first. `budget`: the budget per household in cents.
    pub fn household_materials(&self, budget: Option<u32>) -> Result<Vec<HouseholdMaterials>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.household_id, h.name, SUM(-m.delta), SUM(-m.delta * COALESCE(i.unit_cost_cents, 0))
               FROM stock_movements m
               JOIN households h ON h.id = m.household_id
               LEFT JOIN stock_items i ON i.id = m.item_id
              WHERE m.kind = 'handed_out' AND h.archived = 0
              GROUP BY m.household_id
             HAVING SUM(-m.delta) > 0
              ORDER BY 4 DESC, h.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (h, household_name, items, cost_cents) = row?;
            let Some(h) = row_id(&h) else { continue };
            out.push(HouseholdMaterials {
                household_id: HouseholdId(h),
                household_name,
                items,
                cost_cents,
                over_budget: budget.is_some_and(|b| cost_cents > i64::from(b)),
            });
        }
        Ok(out)
    }

    /// This installation's settings (defaults for what was never set).
    pub fn settings(&self) -> Result<Settings> {
        let get = |key: &str| -> Result<Option<String>> {
            Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
        };
        Ok(Settings {
            stale_after_days: get("stale_after_days")?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_STALE_AFTER_DAYS),
            budget_per_household_cents: get("budget_per_household_cents")?.and_then(|v| v.parse().ok()),
            retention_months: get("retention_months")?.and_then(|v| v.parse().ok()),
        })
    }

    pub fn save_settings(&mut self, settings: Settings) -> Result<Settings> {
        let s = validate::settings(settings)?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('stale_after_days', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [s.stale_after_days.to_string()],
        )?;
        match s.budget_per_household_cents {
            Some(b) => tx.execute(
                "INSERT INTO settings (key, value) VALUES ('budget_per_household_cents', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [b.to_string()],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = 'budget_per_household_cents'", [])?,
        };
        match s.retention_months {
            Some(m) => tx.execute(
                "INSERT INTO settings (key, value) VALUES ('retention_months', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [m.to_string()],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = 'retention_months'", [])?,
        };
        tx.commit()?;
        self.settings()
    }
}

/// Books what a visit installed out of stock, inside the closing's write: one movement per
/// measure with the id from the visit and the measure, so closing again books nothing twice.
/// Closing again after the installed items changed sets the booked number to what the
/// checklist says now (0 for a measure no longer installed), so the stock follows the answers.
pub(crate) fn book_stock_out(
    w: &mut Writer<'_>,
    visit: VisitId,
    household: HouseholdId,
    items: &[StockOut],
    date: NaiveDate,
    recorded_by: &str,
) -> Result<()> {
    let mut booked: Vec<(String, String)> = w
        .tx
        .prepare_cached("SELECT id, item_id FROM stock_movements WHERE visit_id = ?1 AND kind = 'handed_out'")?
        .query_map([visit.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for out in items {
        let id = stock_out_id(visit, &out.measure);
        let delta = -i64::from(out.quantity);
        booked.retain(|(b, _)| *b != id.to_string());
        match read_fields(&w.tx, &schema::STOCK_MOVEMENT, id.0)? {
            None => {
                let data = StockMovementData {
                    item_id: stock_item_for_measure(&out.measure),
                    kind: MovementKind::HandedOut,
                    delta,
                    date,
                    household_id: Some(household),
                    visit_id: Some(visit),
                    note: String::new(),
                    recorded_by: recorded_by.to_owned(),
                };
                w.set(&schema::STOCK_MOVEMENT, id.0, &fields_of(&data)?, NO_BASE)?;
            }
            Some(existing) => {
                if existing.get("household_id").and_then(Json::as_str) != Some(household.to_string().as_str()) {
                    return Err(StoreError::Validation(ValidationErrors::one("household_id", Rule::VisitHouseholdFixed)));
                }
                let mut f = Map::new();
                f.insert("delta".into(), Json::from(delta));
                w.set(&schema::STOCK_MOVEMENT, id.0, &f, NO_BASE)?;
            }
        }
    }
    // Booked before for a measure the checklist no longer lists: nothing handed out after all.
    for (id, _) in booked {
        let Some(id) = row_id(&id) else { continue };
        let mut f = Map::new();
        f.insert("delta".into(), Json::from(0));
        w.set(&schema::STOCK_MOVEMENT, id, &f, NO_BASE)?;
    }
    Ok(())
}
