//! Tasks after a visit (see `migrations/0007_tasks.sql`): adding and editing them by hand,
//! closing a visit (its status, the tasks its checklist gives and the follow-up visit, in one
//! transaction, each made once), and the lists: Mijn taken and a household's tasks.
//!
//! Uses: `super` (record helpers), `error`, `schema`, `tables`, `store`. Reads households and
//! consent through `Store` methods.

use std::collections::HashMap;

use chrono::NaiveDate;
use keukentafel_domain::{
    consent, missing_consent, validate, HouseholdId, Rule, Task, TaskId, TaskInput, TaskQuery, TaskRow, TaskUpdate,
    ValidationErrors, VisitId, VisitInput, VisitStatus, StockOut,
};
use serde_json::{Map, Value as Json};

use super::{fields_of, iso, not_found, read_record, require, row_id, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::{field_clocks, read_fields};

/// What closing a visit writes: the tasks its checklist gives (with the ids closing makes for
/// them) and the follow-up visit to plan, if any.
#[derive(Clone, Debug)]
pub struct VisitClosing {
    pub visit: VisitId,
    pub tasks: Vec<(TaskId, TaskInput)>,
    pub follow_up: Option<(VisitId, VisitInput)>,
    /// What the visit installed, booked out of stock (see `records/stock.rs`).
    pub stock_out: Vec<StockOut>,
}

/// What closing a visit did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closed {
    /// The tasks made now (a task closing made before is not made again).
    pub created: Vec<TaskId>,
    /// The follow-up visit, when one was planned now or before.
    pub follow_up: Option<VisitId>,
    pub follow_up_created: bool,
}

/// The task lists (`?1` unused, `?2` the household, `?3` due on or before, `?4` the owner): one
/// statement per filter that an index serves, so that a household's tasks seek
/// `tasks_household` and open tasks read `tasks_open` in due order, instead of an
/// `?2 IS NULL OR …` that makes SQLite read every task.
macro_rules! task_list {
    ($status:literal, $household:literal) => {
        concat!(
            "SELECT t.id, h.name FROM tasks t JOIN households h ON h.id = t.household_id
              WHERE t.archived = 0 AND h.archived = 0 AND ?1 = ?1 AND ",
            $status,
            " AND ",
            $household,
            "
                AND (?3 IS NULL OR t.due <= ?3)
                AND (?4 IS NULL OR lower(t.owner_name) = lower(?4))
              ORDER BY t.due, t.id"
        )
    };
}
pub(crate) const TASKS_OPEN: &str = task_list!("t.status IN ('open', 'in_progress')", "?2 IS NULL");
pub(crate) const TASKS_OPEN_OF_HOUSEHOLD: &str = task_list!("t.status IN ('open', 'in_progress')", "t.household_id = ?2");
pub(crate) const TASKS_ALL: &str = task_list!("1", "?2 IS NULL");
pub(crate) const TASKS_ALL_OF_HOUSEHOLD: &str = task_list!("1", "t.household_id = ?2");

impl Store {
    /// A task made by hand.
    pub fn add_task(&mut self, input: TaskInput, today: NaiveDate) -> Result<Task> {
        let input = validate::task(input, today)?;
        let id = self.write(|w| {
            require(w, &schema::HOUSEHOLD, input.household_id.0)?;
            check_visit(w, &input)?;
            let id = w.new_id();
            w.set(&schema::TASK, id, &fields_of(&input)?, NO_BASE)?;
            Ok(TaskId(id))
        })?;
        self.task(id)
    }

    /// An edit of a task (status, outcome, owner, due date, …). A task stays with its household
    /// and its visit.
    pub fn update_task(&mut self, update: TaskUpdate, today: NaiveDate) -> Result<Task> {
        let current = self.task(update.id)?;
        let mut data = update.data;
        // Closed before and still closed: it keeps the day it was closed.
        if data.closed_on.is_none() && !data.status.is_open() {
            data.closed_on = current.data.closed_on;
        }
        let data = validate::task(data, today)?;
        if data.household_id != current.data.household_id || data.visit_id != current.data.visit_id {
            return Err(StoreError::Validation(ValidationErrors::one("household_id", Rule::VisitHouseholdFixed)));
        }
        self.write(|w| w.set(&schema::TASK, update.id.0, &fields_of(&data)?, &update.base))?;
        self.task(update.id)
    }

    pub fn set_task_archived(&mut self, id: TaskId, archived: bool) -> Result<Task> {
        self.write(|w| {
            require(w, &schema::TASK, id.0)?;
            let mut f = Map::new();
            f.insert("archived".into(), Json::Bool(archived));
            w.set(&schema::TASK, id.0, &f, NO_BASE)
        })?;
        self.task(id)
    }

    /// One task; [`StoreError::Unreadable`] when its row does not read as a task.
    pub fn task(&self, id: TaskId) -> Result<Task> {
        let (data, fields) =
            read_record::<TaskInput>(&self.conn, &schema::TASK, id.0)?.ok_or_else(|| not_found("task", id))?;
        Ok(Task {
            id,
            data,
            archived: fields.get("archived").and_then(Json::as_bool).unwrap_or(false),
            clocks: field_clocks(&self.conn, &schema::TASK, id.0)?,
        })
    }

    /// Closes a visit in one transaction: marks it done, makes each task of `closing` that does
    /// not exist yet, plans the follow-up visit unless it exists, and books what the visit
    /// installed out of stock (`records/stock.rs`, once per measure). Closing again (here or on
    /// another laptop, which makes the same ids) makes nothing new and changes no task someone
    /// edited since. A visit planned for a day still to come cannot be closed.
    pub fn close_visit(&mut self, closing: VisitClosing, today: NaiveDate) -> Result<Closed> {
        let visit = self.visit(closing.visit)?;
        if visit.data.planned_date > today {
            return Err(StoreError::Validation(ValidationErrors::one("status", Rule::DoneVisitInFuture)));
        }
        let mut tasks = Vec::with_capacity(closing.tasks.len());
        for (id, input) in closing.tasks {
            if input.household_id != visit.data.household_id {
                return Err(StoreError::Validation(ValidationErrors::one("household_id", Rule::VisitHouseholdFixed)));
            }
            tasks.push((id, validate::task(input, today)?));
        }
        let follow_up = match closing.follow_up {
            Some((id, input)) => Some((id, validate::visit(input, today)?)),
            None => None,
        };
        let recorded_by = self.profile()?.map(|p| p.name).unwrap_or_default();
        self.write(|w| {
            let mut done = Map::new();
            done.insert("status".into(), serde_json::to_value(VisitStatus::Done)?);
            w.set(&schema::VISIT, closing.visit.0, &done, NO_BASE)?;
            let mut created = Vec::new();
            // An id closing makes that is taken by a record of another household (made up by
            // someone who knew the visit's id) is refused, not silently kept.
            let foreign = |existing: &Map<String, Json>, field: &str| {
                existing.get(field).and_then(Json::as_str) != Some(visit.data.household_id.to_string().as_str())
            };
            for (id, input) in &tasks {
                match read_fields(&w.tx, &schema::TASK, id.0)? {
                    None => {
                        w.set(&schema::TASK, id.0, &fields_of(input)?, NO_BASE)?;
                        created.push(*id);
                    }
                    Some(existing) if foreign(&existing, "household_id") => {
                        return Err(StoreError::Validation(ValidationErrors::one("household_id", Rule::VisitHouseholdFixed)))
                    }
                    Some(_) => {}
                }
            }
            let mut follow_up_created = false;
            if let Some((id, input)) = &follow_up {
                match read_fields(&w.tx, &schema::VISIT, id.0)? {
                    None => {
                        w.set(&schema::VISIT, id.0, &fields_of(input)?, NO_BASE)?;
                        follow_up_created = true;
                    }
                    Some(existing) if foreign(&existing, "household_id") => {
                        return Err(StoreError::Validation(ValidationErrors::one("household_id", Rule::VisitHouseholdFixed)))
                    }
                    Some(_) => {}
                }
            }
            super::stock::book_stock_out(w, closing.visit, visit.data.household_id, &closing.stock_out, today, &recorded_by)?;
            Ok(Closed { created, follow_up: follow_up.as_ref().map(|(id, _)| *id), follow_up_created })
        })
    }

    /// Tasks as a list shows them (by due date, then id), with the household's name, whether
    /// each is overdue on `today`, and the consent it lacks. Archived tasks and tasks of archived
    /// households are left out; so are rows that cannot be read.
    pub fn tasks(&self, query: &TaskQuery, today: NaiveDate) -> Result<Vec<TaskRow>> {
        let sql = match (query.include_closed, query.household_id.is_some()) {
            (false, false) => TASKS_OPEN,
            (false, true) => TASKS_OPEN_OF_HOUSEHOLD,
            (true, false) => TASKS_ALL,
            (true, true) => TASKS_ALL_OF_HOUSEHOLD,
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let owner = query.owner.as_deref().map(str::trim).filter(|o| !o.is_empty());
        let rows = stmt.query_map(
            rusqlite::params![
                query.include_closed,
                query.household_id.map(|h| h.to_string()),
                query.due_before.map(iso),
                owner
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        let mut consent_of: HashMap<HouseholdId, Vec<keukentafel_domain::ConsentStatus>> = HashMap::new();
        let mut out = Vec::new();
        for row in rows {
            let (id, household_name) = row?;
            let Some(id) = row_id(&id) else { continue };
            let task = match self.task(TaskId(id)) {
                Ok(t) => t,
                Err(StoreError::Unreadable { .. }) => continue,
                Err(e) => return Err(e),
            };
            let h = task.data.household_id;
            if let std::collections::hash_map::Entry::Vacant(e) = consent_of.entry(h) {
                e.insert(consent::current(&self.consent_events(h)?));
            }
            out.push(TaskRow {
                overdue: task.data.status.is_open() && task.data.due < today,
                missing_consent: missing_consent(&task.data, &consent_of[&h]),
                household_name,
                task,
            });
        }
        Ok(out)
    }
}

/// A task's visit, when it names one, is a visit of the task's household.
fn check_visit(w: &crate::writer::Writer<'_>, input: &TaskInput) -> Result<()> {
    if let Some(visit) = input.visit_id {
        let v = require(w, &schema::VISIT, visit.0)?;
        if v.get("household_id").and_then(Json::as_str) != Some(input.household_id.to_string().as_str()) {
            return Err(StoreError::Validation(ValidationErrors::one("visit_id", Rule::VisitHouseholdFixed)));
        }
    }
    Ok(())
}
