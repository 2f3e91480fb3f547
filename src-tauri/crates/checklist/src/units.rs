//! The closed lists a template may use by name: units of number steps and figures, and meter
//! registers. Kept as strings in the files so a typo is a validation error with its place
//! rather than a parse failure of the whole file.

/// Units a number step, derived value or reference figure may have.
pub const UNITS: &[&str] = &[
    "count",
    "percent",
    "fraction",
    "eur",
    "eur_per_year",
    "eur_per_month",
    "eur_per_kwh",
    "eur_per_m3",
    "kwh",
    "kwh_per_year",
    "m3",
    "m3_per_year",
    "gj",
    "gj_per_year",
    "eur_per_gj",
    "liter",
    "liter_per_year",
    "liter_per_minute",
    "minutes",
    "hours",
    "days",
    "weeks",
    "celsius",
    "bar",
    "watt",
    "meter",
    "year",
    "kg_co2_per_m3",
    "kg_co2_per_kwh",
    "kg_co2_per_gj",
];

/// Meter registers a meter-reading step may ask for.
pub const REGISTERS: &[&str] = &[
    "electricity_t1",
    "electricity_t2",
    "feed_in_t1",
    "feed_in_t2",
    "gas",
    "water",
];

/// Dwelling types the reference consumption table knows (option ids of the dwelling step).
pub const DWELLING_TYPES: &[&str] = &[
    "flat",
    "terraced",
    "end_terrace",
    "semi_detached",
    "detached",
];

pub fn is_unit(u: &str) -> bool {
    UNITS.contains(&u)
}
