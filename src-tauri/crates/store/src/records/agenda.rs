//! The agenda: planned visits from today on, and planned visits whose day has passed without
//! anyone closing or re-planning them (missed), with the name and wijk of their household and
//! whether this installation's user is one of the volunteers.
//!
//! Uses: `super` (`iso`, `row_id`), `error`, `store`. Reads each visit through `Store::visit`.

use chrono::NaiveDate;
use keukentafel_domain::{AgendaItem, VisitId};

use super::row_id;
use crate::error::StoreError;
use crate::store::{Result, Store};

impl Store {
    /// Planned visits of households that are not archived, soonest first: the missed ones
    /// (planned before `today`, still planned) first, then from `today` on.
    pub fn agenda(&self, today: NaiveDate) -> Result<Vec<AgendaItem>> {
        let me = self.profile()?.map(|p| p.name.trim().to_lowercase());
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, h.name, h.wijk FROM visits v JOIN households h ON h.id = v.household_id
              WHERE v.status = 'planned' AND v.archived = 0 AND h.archived = 0
              ORDER BY v.planned_date, v.planned_time, v.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, household_name, wijk) = row?;
            // A visit that cannot be read is left out (and reported by `unreadable_records`).
            let Some(id) = row_id(&id) else { continue };
            match self.visit(VisitId(id)) {
                Ok(visit) => {
                    let missed = visit.data.planned_date < today;
                    let mine = me.as_ref().is_some_and(|me| visit.data.volunteers.iter().any(|v| v.trim().to_lowercase() == *me));
                    out.push(AgendaItem { visit, household_name, wijk, missed, mine })
                }
                Err(StoreError::Unreadable { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
