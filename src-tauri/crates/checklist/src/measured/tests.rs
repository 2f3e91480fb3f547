//! Case tables for the measured change (days, units, heating types, missing bill, registers
//! that went down, dates that say nothing, degree days) and one property: measured use is never
//! negative and days are positive whenever a change is given.

use std::collections::BTreeMap;

use chrono::Days;
use proptest::prelude::*;
use rstest::rstest;

use super::*;
use crate::calc::Saving;
use crate::figures::{Figure, Source};
use crate::template::Text;

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a test date")
}

fn reading(day: &str, registers: &[(&str, f64)]) -> MeterReading {
    MeterReading {
        date: date(day),
        readings: registers
            .iter()
            .map(|(r, v)| (r.to_string(), *v))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn bill(value: f64, unit: &str) -> Option<Amount> {
    Some(Amount {
        value,
        unit: unit.into(),
        figures_used: vec![],
        estimate: false,
    })
}

/// A first visit with every bill entered: 1200 m³ gas, 30 GJ heat, 2555 kWh, and an
/// estimated saving of 73 m³, 3.65 GJ and 365 kWh a year (0.2, 0.01 and 1 a day).
fn first_visit() -> KeyFigures {
    KeyFigures {
        gas_m3_year: bill(1200.0, "m3_per_year"),
        heat_gj_year: bill(30.0, "gj_per_year"),
        electricity_kwh_year: bill(2555.0, "kwh_per_year"),
        total_saving: Saving {
            gas_m3: 73.0,
            heat_gj: 3.65,
            electricity_kwh: 365.0,
            ..Saving::default()
        },
        ..KeyFigures::default()
    }
}

fn figures() -> &'static Figures {
    crate::default_figures()
}

/// Readings on 1 March and 12 April 2026 (42 days): 84 m³ gas (2 a day), 2.1 GJ heat
/// (0.05 a day), 210 + 84 = 294 kWh (7 a day), 21 kWh fed in (0.5 a day), water.
fn six_weeks() -> (MeterReading, MeterReading) {
    (
        reading(
            "2026-03-01",
            &[
                ("electricity_t1", 1000.0),
                ("electricity_t2", 2000.0),
                ("gas", 5000.0),
                (HEAT_REGISTER, 100.0),
                ("feed_in_t1", 10.0),
                ("water", 300.0),
            ],
        ),
        reading(
            "2026-04-12",
            &[
                ("electricity_t1", 1210.0),
                ("electricity_t2", 2084.0),
                ("gas", 5084.0),
                (HEAT_REGISTER, 102.1),
                ("feed_in_t1", 31.0),
                ("water", 305.0),
            ],
        ),
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn kinds(c: &MeasuredChange) -> Vec<(MeasuredUse, bool)> {
    c.lines
        .iter()
        .map(|l| (l.measured_use, l.includes_heating))
        .collect()
}

use MeasuredUse::{Electricity as E, Gas as G, Heat as H};

#[rstest]
#[case::gas_boiler(Some(Heating::GasBoiler), &[(G, true), (E, false)])]
#[case::unknown_counts_as_gas(None, &[(G, true), (E, false)])]
#[case::district_heating(Some(Heating::DistrictHeating), &[(H, true), (E, false)])]
#[case::block_connection(Some(Heating::BlockConnection), &[(H, true), (E, false)])]
#[case::heat_pump_saving_shows_in_electricity(Some(Heating::HeatPump), &[(E, true)])]
#[case::electric_heating(Some(Heating::Electric), &[(E, true)])]
#[case::other_heating_has_no_heating_line(Some(Heating::Other), &[(E, false)])]
fn lines_follow_the_heating(
    #[case] heating: Option<Heating>,
    #[case] expected: &[(MeasuredUse, bool)],
) {
    let (a, b) = six_weeks();
    let c = measured_change(&a, &b, heating, &first_visit(), figures()).expect("42 days");
    assert_eq!(kinds(&c), expected);
    assert!(
        c.lines.iter().all(|l| !l.weather_corrected),
        "the figures hold no degree days"
    );
}

// (use, unit, per day since, per day before, estimated change per day)
#[rstest]
#[case::gas_m3(Some(Heating::GasBoiler), G, "m3", 2.0, 1200.0 / 365.0, -0.2)]
#[case::heat_gj(Some(Heating::DistrictHeating), H, "gj", 0.05, 30.0 / 365.0, -0.01)]
#[case::electricity_is_t1_plus_t2(Some(Heating::GasBoiler), E, "kwh", 7.0, 7.0, -1.0)]
fn per_day_numbers_and_units(
    #[case] heating: Option<Heating>,
    #[case] kind: MeasuredUse,
    #[case] unit: &str,
    #[case] since: f64,
    #[case] before: f64,
    #[case] estimated: f64,
) {
    let (a, b) = six_weeks();
    let c = measured_change(&a, &b, heating, &first_visit(), figures()).expect("42 days");
    assert_eq!(c.days, 42);
    let l = c
        .lines
        .iter()
        .find(|l| l.measured_use == kind)
        .expect("the line");
    assert_eq!(l.unit, unit);
    assert!(
        close(l.per_day_since, since),
        "{} ≠ {since}",
        l.per_day_since
    );
    assert!(close(l.per_day_before.unwrap(), before));
    assert!(close(l.change_per_day.unwrap(), since - before));
    assert!(close(l.change_fraction.unwrap(), (since - before) / before));
    assert!(close(l.estimated_change_per_day, estimated));
}

#[rstest]
#[case::one_week(7)]
#[case::six_weeks(42)]
#[case::a_year(365)]
fn days_divide_the_use(#[case] days: u64) {
    let a = reading("2026-01-01", &[("gas", 0.0)]);
    let b = MeterReading {
        date: a.date + Days::new(days),
        readings: [("gas".to_string(), 730.0)].into(),
    };
    let c = measured_change(&a, &b, Some(Heating::GasBoiler), &first_visit(), figures())
        .expect("at least a week");
    assert_eq!(u64::from(c.days), days);
    assert!(close(c.lines[0].per_day_since, 730.0 / days as f64));
}

#[test]
fn without_a_bill_there_is_no_before_but_the_estimate_stays() {
    let (a, b) = six_weeks();
    let mut k = first_visit();
    k.gas_m3_year = None;
    // Filled in from the reference for the dwelling: not the household's own use.
    k.electricity_kwh_year = Some(Amount {
        figures_used: vec!["avg_electricity_kwh_2p".into()],
        ..bill(2500.0, "kwh_per_year").unwrap()
    });
    let c = measured_change(&a, &b, Some(Heating::GasBoiler), &k, figures()).unwrap();
    for l in &c.lines {
        assert_eq!(
            (l.per_day_before, l.change_per_day, l.change_fraction),
            (None, None, None)
        );
    }
    assert!(close(c.lines[0].estimated_change_per_day, -0.2));
}

#[test]
fn a_bill_of_zero_has_no_fraction() {
    let (a, b) = six_weeks();
    let mut k = first_visit();
    k.gas_m3_year = bill(0.0, "m3_per_year");
    let c = measured_change(&a, &b, None, &k, figures()).unwrap();
    assert_eq!(c.lines[0].change_fraction, None);
    assert!(close(c.lines[0].change_per_day.unwrap(), 2.0));
}

#[rstest]
#[case::same_day("2026-03-01", NoMeasurement::NotLater { first: date("2026-03-01"), later: date("2026-03-01") })]
#[case::before("2026-02-20", NoMeasurement::NotLater { first: date("2026-03-01"), later: date("2026-02-20") })]
#[case::six_days("2026-03-07", NoMeasurement::TooShort { days: 6, min_days: 7 })]
fn dates_that_say_nothing_are_refused(#[case] later: &str, #[case] expected: NoMeasurement) {
    let (a, mut b) = six_weeks();
    b.date = date(later);
    assert_eq!(
        measured_change(&a, &b, None, &first_visit(), figures()),
        Err(expected)
    );
}

#[rstest]
#[case::gas_new_meter(Some(Heating::GasBoiler), "gas", 12.0)]
#[case::heat_typo(Some(Heating::BlockConnection), HEAT_REGISTER, 10.21)]
#[case::off_peak_typo(Some(Heating::HeatPump), "electricity_t2", 208.4)]
#[case::feed_in(None, "feed_in_t1", 3.1)]
fn a_register_that_went_down_is_refused(
    #[case] heating: Option<Heating>,
    #[case] register: &str,
    #[case] value: f64,
) {
    let (a, mut b) = six_weeks();
    let was = a.readings[register];
    b.readings.insert(register.into(), value);
    assert_eq!(
        measured_change(&a, &b, heating, &first_visit(), figures()),
        Err(NoMeasurement::RegisterWentDown {
            register: register.into(),
            first: was,
            later: value
        })
    );
}

#[test]
fn a_register_a_line_does_not_use_does_not_refuse() {
    // A heat-network home: the gas register (cooking) and water are not compared.
    let (a, mut b) = six_weeks();
    b.readings.insert("gas".into(), 1.0);
    b.readings.insert("water".into(), 1.0);
    assert!(measured_change(
        &a,
        &b,
        Some(Heating::DistrictHeating),
        &first_visit(),
        figures()
    )
    .is_ok());
}

#[rstest]
#[case::no_gas_at_the_first_visit("gas", true, &[E])]
#[case::no_off_peak_at_the_follow_up("electricity_t2", false, &[G])]
#[case::no_heat_meter_at_the_first_visit(HEAT_REGISTER, true, &[G, E])]
fn lines_only_where_both_readings_have_the_registers(
    #[case] register: &str,
    #[case] from_first: bool,
    #[case] expected: &[MeasuredUse],
) {
    let (mut a, mut b) = six_weeks();
    if from_first { &mut a } else { &mut b }
        .readings
        .remove(register);
    let c = measured_change(&a, &b, Some(Heating::GasBoiler), &first_visit(), figures()).unwrap();
    let got: Vec<MeasuredUse> = c.lines.iter().map(|l| l.measured_use).collect();
    assert_eq!(got, expected);
}

#[test]
fn feed_in_is_given_on_its_own() {
    let (a, b) = six_weeks();
    let c = measured_change(&a, &b, None, &first_visit(), figures()).unwrap();
    assert!(close(c.feed_in_kwh_per_day.unwrap(), 0.5));
    let e = c.lines.iter().find(|l| l.measured_use == E).unwrap();
    assert!(close(e.per_day_since, 7.0), "feed-in is not subtracted");
}

#[test]
fn a_reading_that_is_not_a_number_is_refused() {
    let (a, mut b) = six_weeks();
    b.readings.insert("gas".into(), f64::NAN);
    assert_eq!(
        measured_change(&a, &b, None, &first_visit(), figures()),
        Err(NoMeasurement::NotANumber {
            register: "gas".into()
        })
    );
}

fn degree_day(id: &str, value: f64) -> Figure {
    Figure {
        id: id.into(),
        value,
        unit: "count".into(),
        label: Text::new("Graaddagen", "Degree days"),
        source: Source {
            title: "test".into(),
            url: String::new(),
        },
        source_date: "2026".into(),
        estimate: true,
        reasoning: Some("test".into()),
        note: None,
    }
}

#[test]
fn with_degree_days_for_the_whole_period_heating_is_weather_corrected() {
    // 1 March to 12 April: all 31 days of March (310 degree days) and 11 of April's 30
    // (300 × 11 / 30 = 110): 420 degree days. A normal year has 2920. 84 m³ gas →
    // 84 × 2920 / 420 / 365 = 1.6 m³ a day in a normal year.
    let mut f = figures().clone();
    f.figures.push(degree_day(DEGREE_DAYS_NORMAL_YEAR, 2920.0));
    f.figures.push(degree_day("degree_days_2026_03", 310.0));
    let (a, b) = six_weeks();
    let partial = measured_change(&a, &b, None, &first_visit(), &f).unwrap();
    assert!(!partial.lines[0].weather_corrected, "April is missing");
    f.figures.push(degree_day("degree_days_2026_04", 300.0));
    let c = measured_change(&a, &b, None, &first_visit(), &f).unwrap();
    assert!(c.lines[0].weather_corrected);
    assert!(
        close(c.lines[0].per_day_since, 1.6),
        "{}",
        c.lines[0].per_day_since
    );
    assert!(
        !c.lines[1].weather_corrected,
        "electricity is never corrected"
    );
}

fn heatings() -> impl Strategy<Value = Option<Heating>> {
    prop_oneof![
        Just(None),
        Just(Some(Heating::GasBoiler)),
        Just(Some(Heating::DistrictHeating)),
        Just(Some(Heating::BlockConnection)),
        Just(Some(Heating::HeatPump)),
        Just(Some(Heating::Electric)),
        Just(Some(Heating::Other)),
    ]
}

fn registers() -> impl Strategy<Value = BTreeMap<String, f64>> {
    const NAMES: [&str; 5] = [
        "electricity_t1",
        "electricity_t2",
        "gas",
        HEAT_REGISTER,
        "feed_in_t1",
    ];
    proptest::collection::btree_map(
        proptest::sample::select(&NAMES[..]).prop_map(str::to_string),
        0.0..1e6f64,
        0..=5,
    )
}

proptest! {
    #[test]
    fn measured_use_is_never_negative_and_days_are_positive(
        offset in -30i64..800,
        first in registers(),
        later in registers(),
        heating in heatings(),
    ) {
        let a = MeterReading { date: date("2026-01-15"), readings: first };
        let b = MeterReading {
            date: a.date + chrono::Duration::days(offset),
            readings: later,
        };
        if let Ok(c) = measured_change(&a, &b, heating, &first_visit(), figures()) {
            prop_assert!(c.days > 0);
            prop_assert!(c.days >= MIN_DAYS);
            for l in &c.lines {
                prop_assert!(l.per_day_since >= 0.0 && l.per_day_since.is_finite(), "{l:?}");
            }
            prop_assert!(c.feed_in_kwh_per_day.is_none_or(|f| f >= 0.0));
        }
    }
}
