//! The measured change in use at the follow-up visit: the meter readings of the first visit and
//! of the follow-up give the use per day since the first visit; the first visit's annual bill
//! gives the use per day before; the first visit's estimated saving gives the change we expected.
//! Shown side by side, so volunteers and the municipality see what the visit achieved
//! (issue 10). Pure: readings, heating, key figures and reference figures in, plain data out.
//!
//! **Which uses.** Gas in m³ for gas-heated homes (own boiler, or heating unknown: counted as a
//! gas boiler, as in [`crate::calc`]); heat in GJ for district heating and a block connection
//! (the heat meter, register [`HEAT_REGISTER`]); electricity in kWh taken from the grid, normal +
//! off-peak (`electricity_t1 + electricity_t2`), for every home. With a heat pump or electric
//! heating the heat saving shows up in electricity: that line has `includes_heating`. A line is
//! made only when both readings have its registers (electricity: the same non-empty set of
//! `electricity_t1`/`electricity_t2`, so a missing off-peak reading does not look like a
//! saving). Feed-in (solar panels) is not subtracted, so measured use is never negative; it is
//! given on its own ([`MeasuredChange::feed_in_kwh_per_day`]). Note that the bill's electricity
//! is net of feed-in, so with solar panels the electricity line compares unlike things.
//!
//! **Before.** Use per day before = the yearly use on the first visit's annual bill ÷ 365. A
//! yearly use that the first visit filled in from the reference figures (no bill: its
//! [`Amount::figures_used`] is not empty) is not a measurement, so there is then no "before".
//! The estimated change per day is minus the first visit's combined saving of that use
//! ([`KeyFigures::total_saving`]) ÷ 365: negative is less use, the same sign as the measured
//! change, so the two can be compared directly.
//!
//! **Weather.** Heating follows the season: six weeks in autumn use more per day than the
//! year's average, whatever was saved. A heating line (gas, heat) is corrected with degree days
//! only when the reference figures hold them for every month of the period
//! (`degree_days_YYYY_MM`, the weighted degree days of that month) and for a normal year
//! (`degree_days_normal_year`): then use since = measured × normal year ÷ degree days of the
//! period ÷ 365, the use per day of a normal year at the measured use per degree day. The
//! shipped figures hold no degree days, so today every line has `weather_corrected: false`, and
//! the UI says "not corrected for the weather". Electricity is never corrected (only part of it
//! heats, if any).
//!
//! **Refusals** ([`NoMeasurement`]): the later reading is not after the first; fewer than
//! [`MIN_DAYS`] days passed (too short to say anything); a reading used went down (a new meter
//! or a typo); a reading used is not a number. Never a panic.

use chrono::{Datelike, NaiveDate};
use keukentafel_domain::Heating;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::answer::MeterReading;
use crate::calc::{heat_supply, Amount, HeatSupply, KeyFigures};
use crate::figures::Figures;

/// The register under which a caller puts the heat meter's reading (GJ) in a [`MeterReading`]
/// for [`measured_change`]. It is not a register of a meter-reading step: the follow-up template
/// asks for it in its own number step (`heat_meter`), only in homes with a heat network.
pub const HEAT_REGISTER: &str = "heat";

/// Fewer days than this between the readings are too few to say anything about use.
pub const MIN_DAYS: u32 = 7;

/// The figure id of a normal year's degree days.
pub const DEGREE_DAYS_NORMAL_YEAR: &str = "degree_days_normal_year";

/// The figure id prefix of one month's degree days: `degree_days_2026_03`.
pub const DEGREE_DAYS_MONTH_PREFIX: &str = "degree_days_";

const DAYS_PER_YEAR: f64 = 365.0;
const ELECTRICITY: [&str; 2] = ["electricity_t1", "electricity_t2"];
const FEED_IN: [&str; 2] = ["feed_in_t1", "feed_in_t2"];

/// Which use a line measures, and so its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeasuredUse {
    /// Gas, m³.
    Gas,
    /// Heat from a heat network, GJ.
    Heat,
    /// Electricity taken from the grid (normal + off-peak), kWh.
    Electricity,
}

impl MeasuredUse {
    /// The unit of the line's per-day numbers (per day), as in [`crate::units::UNITS`].
    pub fn unit(self) -> &'static str {
        match self {
            MeasuredUse::Gas => "m3",
            MeasuredUse::Heat => "gj",
            MeasuredUse::Electricity => "kwh",
        }
    }
}

/// One use: measured since the first visit, beside the bill before and the estimate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasuredLine {
    pub measured_use: MeasuredUse,
    /// `m3`, `gj` or `kwh`; every number below is in this unit per day.
    pub unit: String,
    /// Measured use per day since the first visit (weather-corrected when `weather_corrected`).
    /// Never negative.
    pub per_day_since: f64,
    /// The first visit's annual bill ÷ 365; `None` when the bill was not entered.
    pub per_day_before: Option<f64>,
    /// `per_day_since − per_day_before`: negative is less use.
    pub change_per_day: Option<f64>,
    /// The change as a fraction of the use before (−0.1 is 10 % less); `None` without a bill
    /// or when the bill says 0.
    pub change_fraction: Option<f64>,
    /// What the first visit expected: minus the yearly saving of this use ÷ 365.
    pub estimated_change_per_day: f64,
    /// This use heats the home: gas and heat always, electricity with a heat pump or electric
    /// heating (the heat saving then shows up here).
    pub includes_heating: bool,
    /// Corrected with the degree days of the period; false unless the figures hold them.
    pub weather_corrected: bool,
}

/// The measured change between the first visit's readings and the follow-up's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasuredChange {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// Days between the readings; at least [`MIN_DAYS`].
    pub days: u32,
    /// Gas or heat (by heating), then electricity; only uses both readings have.
    pub lines: Vec<MeasuredLine>,
    /// Electricity sent back to the grid per day (solar panels), when both readings have the
    /// same feed-in registers. Shown on its own; not in the electricity line.
    pub feed_in_kwh_per_day: Option<f64>,
}

/// Why no measured change can be given.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NoMeasurement {
    /// The later reading is on the same day as the first, or before it.
    #[error("the follow-up reading ({later}) is not after the first reading ({first})")]
    NotLater {
        #[ts(type = "string")]
        first: NaiveDate,
        #[ts(type = "string")]
        later: NaiveDate,
    },
    /// Fewer than [`MIN_DAYS`] days between the readings.
    #[error("only {days} days between the readings; at least {min_days} are needed")]
    TooShort { days: u32, min_days: u32 },
    /// A register is lower than at the first visit: a new meter, or a typo.
    #[error("meter register {register} went down from {first} to {later}")]
    RegisterWentDown {
        register: String,
        first: f64,
        later: f64,
    },
    /// A register's reading is not a finite number.
    #[error("meter register {register} is not a number")]
    NotANumber { register: String },
}

/// Compares the use since the first visit with the use before and with the first visit's
/// estimate; see the module documentation for the rules. `first_visit` is the first visit's
/// [`KeyFigures`]; `heating` is the household's heating (unknown counts as a gas boiler).
pub fn measured_change(
    first: &MeterReading,
    later: &MeterReading,
    heating: Option<Heating>,
    first_visit: &KeyFigures,
    figures: &Figures,
) -> Result<MeasuredChange, NoMeasurement> {
    let span = (later.date - first.date).num_days();
    if span <= 0 {
        return Err(NoMeasurement::NotLater {
            first: first.date,
            later: later.date,
        });
    }
    let days = u32::try_from(span).unwrap_or(u32::MAX);
    if days < MIN_DAYS {
        return Err(NoMeasurement::TooShort {
            days,
            min_days: MIN_DAYS,
        });
    }
    let d = f64::from(days);
    let supply = heat_supply(heating);
    // Heating use per day in a normal year at the measured use per degree day, when the
    // figures hold the degree days.
    let weather = degree_day_factor(figures, first.date, later.date);
    let saving = &first_visit.total_saving;

    let mut lines = Vec::new();
    let heating_line = match supply {
        HeatSupply::Gas => Some((
            MeasuredUse::Gas,
            "gas",
            &first_visit.gas_m3_year,
            saving.gas_m3,
        )),
        HeatSupply::HeatNetwork => Some((
            MeasuredUse::Heat,
            HEAT_REGISTER,
            &first_visit.heat_gj_year,
            saving.heat_gj,
        )),
        HeatSupply::Electricity | HeatSupply::Unpriced => None,
    };
    if let Some((kind, register, bill, saved)) = heating_line {
        if let Some(used) = used_since(first, later, &[register])? {
            let (since, corrected) = match weather {
                Some(f) => (used * f / DAYS_PER_YEAR, true),
                None => (used / d, false),
            };
            lines.push(line(kind, since, bill, saved, true, corrected));
        }
    }
    if let Some(used) = used_since(first, later, &ELECTRICITY)? {
        lines.push(line(
            MeasuredUse::Electricity,
            used / d,
            &first_visit.electricity_kwh_year,
            saving.electricity_kwh,
            supply == HeatSupply::Electricity,
            false,
        ));
    }
    let feed_in_kwh_per_day = used_since(first, later, &FEED_IN)?.map(|f| f / d);
    Ok(MeasuredChange {
        from: first.date,
        to: later.date,
        days,
        lines,
        feed_in_kwh_per_day,
    })
}

/// The use between the readings over those of `registers` that the readings have: `None`
/// unless both have the same non-empty set of them.
fn used_since(
    first: &MeterReading,
    later: &MeterReading,
    registers: &[&str],
) -> Result<Option<f64>, NoMeasurement> {
    let mut total = 0.0;
    let mut any = false;
    for &r in registers {
        match (first.readings.get(r), later.readings.get(r)) {
            (None, None) => continue,
            (Some(_), None) | (None, Some(_)) => return Ok(None),
            (Some(&a), Some(&b)) => {
                if !a.is_finite() || !b.is_finite() {
                    return Err(NoMeasurement::NotANumber {
                        register: r.to_string(),
                    });
                }
                if b < a {
                    return Err(NoMeasurement::RegisterWentDown {
                        register: r.to_string(),
                        first: a,
                        later: b,
                    });
                }
                total += b - a;
                any = true;
            }
        }
    }
    Ok(any.then_some(total))
}

fn line(
    kind: MeasuredUse,
    since: f64,
    bill: &Option<Amount>,
    saved_per_year: f64,
    includes_heating: bool,
    weather_corrected: bool,
) -> MeasuredLine {
    // A yearly use from the reference figures is an estimate, not the household's bill.
    let before = bill
        .as_ref()
        .filter(|a| a.figures_used.is_empty() && a.value.is_finite())
        .map(|a| a.value / DAYS_PER_YEAR);
    let change = before.map(|b| since - b);
    MeasuredLine {
        measured_use: kind,
        unit: kind.unit().into(),
        per_day_since: since,
        per_day_before: before,
        change_per_day: change,
        change_fraction: change.zip(before).filter(|(_, b)| *b > 0.0).map(|(c, b)| c / b),
        estimated_change_per_day: if saved_per_year.is_finite() {
            -saved_per_year / DAYS_PER_YEAR
        } else {
            0.0
        },
        includes_heating,
        weather_corrected,
    }
}

/// A normal year's degree days ÷ the degree days from `from` up to (not including) `to`, when
/// the figures hold a normal year and every month of the period (each month's degree days
/// counted for the share of its days in the period). `None` otherwise.
fn degree_day_factor(figures: &Figures, from: NaiveDate, to: NaiveDate) -> Option<f64> {
    let normal = figures
        .value(DEGREE_DAYS_NORMAL_YEAR)
        .filter(|n| n.is_finite() && *n > 0.0)?;
    let mut period = 0.0;
    let mut day = from;
    while day < to {
        let first_of_month = day.with_day(1)?;
        let next_month = first_of_month.checked_add_months(chrono::Months::new(1))?;
        let month_days = (next_month - first_of_month).num_days() as f64;
        let until = next_month.min(to);
        let id = format!(
            "{DEGREE_DAYS_MONTH_PREFIX}{:04}_{:02}",
            day.year(),
            day.month()
        );
        let month = figures.value(&id).filter(|v| v.is_finite() && *v >= 0.0)?;
        period += month * (until - day).num_days() as f64 / month_days;
        day = until;
    }
    (period > 0.0).then(|| normal / period)
}

#[cfg(test)]
mod tests;
