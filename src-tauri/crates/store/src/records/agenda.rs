//! The agenda: planned visits from today on, with the name and wijk of their household.
//!
//! Uses: `super` (`iso`, `row_id`), `error`, `store`. Reads each visit through `Store::visit`.

use chrono::NaiveDate;
use keukentafel_domain::{AgendaItem, VisitId};

use super::{iso, row_id};
use crate::error::StoreError;
use crate::store::{Result, Store};

impl Store {
    /// Planned visits from `today` on, soonest first, for households that are not archived.
    pub fn agenda(&self, today: NaiveDate) -> Result<Vec<AgendaItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, h.name, h.wijk FROM visits v JOIN households h ON h.id = v.household_id
              WHERE v.status = 'planned' AND v.archived = 0 AND h.archived = 0 AND v.planned_date >= ?1
              ORDER BY v.planned_date, v.planned_time, v.id",
        )?;
        let rows = stmt.query_map([iso(today)], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, household_name, wijk) = row?;
            // A visit that cannot be read is left out (and reported by `unreadable_records`).
            let Some(id) = row_id(&id) else { continue };
            match self.visit(VisitId(id)) {
                Ok(visit) => out.push(AgendaItem { visit, household_name, wijk }),
                Err(StoreError::Unreadable { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
