//! The follow-up visit beside its checklist: the tasks of the earlier visits (one "what
//! happened?" per task, answered on the task itself), and the measured change in use since the
//! first visit next to what that visit estimated. The calculation is the checklist crate's
//! ([`keukentafel_checklist::measured_change`]); this module finds the readings.
//!
//! **The first visit** is the household's latest combined visit (or intake) before this one
//! that took place and has meter readings. **The readings**: the `meter_readings` answer of
//! each visit; on a follow-up, the `heat_meter` answer (GJ) is the heat register
//! ([`HEAT_REGISTER`]), dated like the other readings.

use chrono::NaiveDate;
use keukentafel_checklist::{measured_change, AnswerValue, MeasuredChange, MeterReading, NoMeasurement, HEAT_REGISTER};
use keukentafel_domain::{TaskQuery, TaskRow, Visit, VisitId, VisitKind, VisitStatus};
use keukentafel_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::visits::Templates;
use crate::Reply;

/// The step of a follow-up that reads the heat meter (district and block heating).
pub const HEAT_METER_STEP: &str = "heat_meter";
/// The meter-reading step of both templates.
pub const METER_STEP: &str = "meter_readings";
/// The feed-in meter-reading step of both templates (solar panels).
pub const FEED_IN_STEP: &str = "feed_in_readings";

/// What the follow-up screen shows beside the checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct FollowUpReview {
    /// The visit the measurement starts from, if there is one.
    pub first_visit: Option<Visit>,
    /// The tasks to go through: every open task of the household, and those closed since this
    /// visit's day (so a task marked done at the table stays in view), not this visit's own.
    pub tasks: Vec<TaskRow>,
    pub measured: Measured,
}

/// The measured change, or why there is none yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Measured {
    Change { change: MeasuredChange },
    /// No earlier visit with meter readings.
    NoFirstReading,
    /// The readings of this visit are not entered yet.
    NoReadingYet,
    /// Both readings are there, but they cannot be compared.
    NotComparable { reason: NoMeasurement },
}

pub fn review(store: &mut Store, templates: &Templates, visit: VisitId, today: NaiveDate) -> Reply<FollowUpReview> {
    let this = templates.open_visit(store, visit)?;
    let household = this.household_id;
    let detail = store.household_detail(household)?;
    let query = TaskQuery { household_id: Some(household), include_closed: true, ..TaskQuery::default() };
    let tasks = store
        .tasks(&query, today)?
        .into_iter()
        .filter(|r| r.task.data.visit_id != Some(visit))
        .filter(|r| r.task.data.status.is_open() || r.task.data.closed_on.is_some_and(|d| d >= this.visit.data.planned_date))
        .collect();
    // Visits come newest first.
    let mut first = None;
    for v in detail.visits.iter().filter(|v| {
        v.id != visit
            && !v.archived
            && v.data.status == VisitStatus::Done
            && v.data.kind != VisitKind::FollowUp
            && v.data.planned_date <= this.visit.data.planned_date
    }) {
        let c = templates.open_visit(store, v.id)?;
        if let Some(reading) = reading_of(&c.answers, None) {
            first = Some((c, reading));
            break;
        }
    }
    let measured = match (&first, reading_of(&this.answers, Some(this.visit.data.planned_date))) {
        (None, _) => Measured::NoFirstReading,
        (Some(_), None) => Measured::NoReadingYet,
        (Some((c, from)), Some(to)) => {
            let figures = templates.current_for(VisitKind::FollowUp).figures();
            match measured_change(from, &to, detail.household.data.heating, &c.evaluation.figures, figures) {
                Ok(change) => Measured::Change { change },
                Err(reason) => Measured::NotComparable { reason },
            }
        }
    };
    Ok(FollowUpReview { first_visit: first.map(|(c, _)| c.visit), tasks, measured })
}

/// A visit's meter reading, with the heat meter as a register when the visit has one (dated
/// `heat_date` when the reading itself is missing, i.e. only the heat meter was read).
pub(crate) fn reading_of(answers: &std::collections::BTreeMap<String, AnswerValue>, heat_date: Option<NaiveDate>) -> Option<MeterReading> {
    let mut reading = match answers.get(METER_STEP) {
        Some(AnswerValue::MeterReading(r)) => Some(r.clone()),
        _ => None,
    };
    // Feed-in registers (solar panels) read on the same day join the reading.
    if let (Some(r), Some(AnswerValue::MeterReading(f))) = (&mut reading, answers.get(FEED_IN_STEP)) {
        if f.date == r.date {
            r.readings.extend(f.readings.iter().map(|(k, v)| (k.clone(), *v)));
        }
    }
    if let Some(AnswerValue::Number(gj)) = answers.get(HEAT_METER_STEP) {
        match (&mut reading, heat_date) {
            (Some(r), _) => {
                r.readings.insert(HEAT_REGISTER.to_owned(), *gj);
            }
            (None, Some(date)) => {
                reading = Some(MeterReading { date, readings: [(HEAT_REGISTER.to_owned(), *gj)].into_iter().collect() });
            }
            (None, None) => {}
        }
    }
    reading
}
