//! Assignments: which volunteer installation may see which household (see
//! `migrations/0005_scope.sql`). Records like any other, written by the coordinator; one per
//! (household, volunteer), with the id [`assignment_id`].
//!
//! Uses: `super` (record helpers), `error`, `schema`, `store`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use keukentafel_domain::{assignment_id, Assignment, HouseholdId, ReplicaId};
use serde_json::{Map, Value as Json};

use super::{iso, read_record, require, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};

impl Store {
    /// Gives `household` to `volunteer` from `today`. Giving it again while it holds changes
    /// nothing; after it was taken off, the same record holds again with a new `since`.
    pub fn assign(&mut self, household: HouseholdId, volunteer: ReplicaId, today: NaiveDate) -> Result<Assignment> {
        let id = assignment_id(household, volunteer);
        if let Some(a) = self.assignment(household, volunteer)?.filter(Assignment::is_active) {
            return Ok(a);
        }
        self.write(|w| {
            require(w, &schema::HOUSEHOLD, household.0)?;
            let mut f = Map::new();
            f.insert("household_id".into(), Json::String(household.to_string()));
            f.insert("volunteer".into(), Json::String(volunteer.to_string()));
            f.insert("since".into(), Json::String(iso(today)));
            f.insert("until".into(), Json::String(String::new()));
            w.set(&schema::ASSIGNMENT, id, &f, NO_BASE)
        })?;
        self.assignment(household, volunteer)?.ok_or(StoreError::NotFound { entity: "assignment", id: id.to_string() })
    }

    /// Takes `household` off `volunteer` from `today`: its next return file makes that laptop
    /// forget the household. `NotFound` when it was not given to that volunteer.
    pub fn unassign(&mut self, household: HouseholdId, volunteer: ReplicaId, today: NaiveDate) -> Result<Assignment> {
        let id = assignment_id(household, volunteer);
        let not_found = || StoreError::NotFound { entity: "assignment", id: id.to_string() };
        let current = self.assignment(household, volunteer)?.filter(Assignment::is_active).ok_or_else(not_found)?;
        // Taken off on the day it was given: `until` is never before `since`.
        let until = iso(today).max(current.since.clone());
        self.write(|w| {
            let mut f = Map::new();
            f.insert("until".into(), Json::String(until));
            w.set(&schema::ASSIGNMENT, id, &f, NO_BASE)
        })?;
        self.assignment(household, volunteer)?.ok_or_else(not_found)
    }

    /// The assignment of `household` to `volunteer`, active or ended, if there is one.
    pub fn assignment(&self, household: HouseholdId, volunteer: ReplicaId) -> Result<Option<Assignment>> {
        match read_record::<Assignment>(&self.conn, &schema::ASSIGNMENT, assignment_id(household, volunteer)) {
            Ok(found) => Ok(found.map(|(a, _)| a)),
            Err(StoreError::Unreadable { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every assignment this store holds (active and ended), by household and volunteer;
    /// rows that cannot be read are left out.
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM assignments ORDER BY household_id, volunteer")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids.iter().filter_map(|id| super::row_id(id)) {
            match read_record::<Assignment>(&self.conn, &schema::ASSIGNMENT, id) {
                Ok(Some((a, _))) => out.push(a),
                Ok(None) | Err(StoreError::Unreadable { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// The households given to `volunteer` now.
    pub fn assigned_households(&self, volunteer: ReplicaId) -> Result<BTreeSet<HouseholdId>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT a.household_id FROM assignments a JOIN households h ON h.id = a.household_id
                  WHERE a.volunteer = ?1 AND a.until = '' AND a.since <> ''",
            )?
            .query_map([volunteer.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids.iter().filter_map(|id| super::row_id(id)).map(HouseholdId).collect())
    }

    /// The name of every household this store holds (placeholders without a name left out).
    pub fn household_names(&self) -> Result<std::collections::HashMap<HouseholdId, String>> {
        let rows: Vec<(String, String)> = self
            .conn
            .prepare_cached("SELECT id, name FROM households WHERE name <> ''")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows.into_iter().filter_map(|(id, name)| Some((HouseholdId(super::row_id(&id)?), name))).collect())
    }
}
