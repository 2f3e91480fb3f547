//! Reference figures (tariffs, energy tax, average use, savings per measure), each with its
//! source, the date of that source and whether it is our own estimate. The engine names the
//! figures it used for every number it derives, so the app can show where a number comes from.
//!
//! The engine looks figures up by these ids (see [`ids`]); a missing one makes the numbers that
//! need it absent, never a panic.
//!
//! Sourcing rules, checked when the figures are loaded ([`Figures::from_toml`], [`Figures::problems`]):
//! every figure and measure names a source (title) and the date of that source (`YYYY`, `YYYY-MM`
//! or `YYYY-MM-DD`); a published figure (`estimate = false`) has a deep link to the page that holds
//! it, never a site's front page; an estimate has a one-line `reasoning`, and its source is the
//! basis of the estimate (with a deep link where there is one).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::template::Text;

/// Figure ids the engine's built-in calculations use.
pub mod ids {
    pub const PRICE_GAS: &str = "price_gas_marginal";
    pub const PRICE_ELECTRICITY: &str = "price_electricity_marginal";
    pub const FIXED_COSTS: &str = "fixed_costs_year";
    pub const TAX_REDUCTION: &str = "tax_reduction_incl_vat";
    pub const HEQ_THRESHOLD: &str = "heq_threshold";
    /// `avg_gas_m3_<dwelling type>`.
    pub const AVG_GAS_PREFIX: &str = "avg_gas_m3_";
    /// `avg_electricity_kwh_<persons, 1..=4>p`.
    pub const AVG_ELECTRICITY_PREFIX: &str = "avg_electricity_kwh_";
    /// Fixed costs of a home without gas: the electricity connection only.
    pub const FIXED_COSTS_ELECTRICITY: &str = "fixed_costs_electricity_year";
    /// Standing charge, metering and delivery set of a heat-network connection (ACM maximum).
    pub const FIXED_COSTS_HEAT: &str = "fixed_costs_heat_year";
    /// Price per GJ of heat (district heating, block connection).
    pub const PRICE_HEAT: &str = "price_heat_gj";
    /// Energy content of a m³ of gas (lower heating value), GJ.
    pub const GAS_GJ_PER_M3: &str = "gas_energy_gj_per_m3";
    /// Share of a gas boiler's fuel that becomes heat in the home.
    pub const BOILER_EFFICIENCY: &str = "boiler_efficiency";
    /// Heat delivered per unit of electricity by a heat pump (seasonal).
    pub const HEAT_PUMP_SCOP: &str = "heat_pump_scop";
    /// Heat delivered per unit of electricity by direct electric heating.
    pub const ELECTRIC_HEATING_COP: &str = "electric_heating_cop";
    /// Gas for warm water of an average household (m³ a year) and its size.
    pub const AVG_WARM_WATER_GAS: &str = "avg_warm_water_gas_m3";
    pub const AVG_HOUSEHOLD_PERSONS: &str = "avg_household_persons";
    /// The most that small measures and habits can save, as a share of the use they reduce.
    pub const CAP_SPACE_HEATING: &str = "max_saving_share_space_heating";
    pub const CAP_WARM_WATER: &str = "max_saving_share_warm_water";
    pub const CAP_ELECTRICITY: &str = "max_saving_share_electricity";
    /// Net monthly income × 12 misses the holiday allowance; this share adds it.
    pub const HOLIDAY_PAY_SHARE: &str = "holiday_pay_share";
    /// Social minimum (net, per month) for a single person and for a couple.
    pub const SOCIAL_MINIMUM_SINGLE: &str = "social_minimum_net_month_single";
    pub const SOCIAL_MINIMUM_COUPLE: &str = "social_minimum_net_month_couple";
    /// What a child adds to the social minimum (child benefit and child budget), per month.
    pub const SOCIAL_MINIMUM_PER_CHILD: &str = "social_minimum_net_month_per_child";
    /// Low income: up to this percentage of the social minimum.
    pub const LOW_INCOME_SHARE: &str = "low_income_share_of_social_minimum";
    /// Use below this share of the reference for the dwelling counts as (possible) under-heating.
    pub const LOW_USE_SHARE: &str = "low_use_share_of_reference";
    /// CO₂ per unit saved, for the municipal report: kg per m³ of gas, per kWh, per GJ of heat.
    pub const CO2_GAS: &str = "co2_gas_kg_per_m3";
    pub const CO2_ELECTRICITY: &str = "co2_electricity_kg_per_kwh";
    pub const CO2_HEAT: &str = "co2_heat_kg_per_gj";
}

/// Where a figure comes from: the title of the page or document, and a deep link to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Source {
    pub title: String,
    /// A deep link to the page that holds the figure (see [`is_deep_link`]). Empty only for an
    /// estimate whose basis is not online; the title then names that basis.
    #[serde(default)]
    pub url: String,
}

/// Whether `url` is an http(s) link to a page rather than to a site: it has a path beyond `/`
/// (`https://example.nl/a`) or a query naming the page (`https://example.nl/?p=7585`).
pub fn is_deep_link(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    if rest.chars().any(char::is_whitespace) {
        return false;
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if host_end == 0 || !rest[..host_end].contains('.') {
        return false;
    }
    let after_host = &rest[host_end..];
    let (before_fragment, _) = after_host.split_once('#').unwrap_or((after_host, ""));
    let (path, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    !path.trim_matches('/').is_empty() || !query.is_empty()
}

/// Whether `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
fn is_source_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => number(y, 4).is_some_and(|y| (1900..=2100).contains(&y)),
        [y, m] => is_source_date(y) && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            is_source_date(&format!("{y}-{m}"))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

/// The sourcing problems of one figure or measure (see the module documentation).
fn source_problems(
    kind: &str,
    id: &str,
    source: &Source,
    source_date: &str,
    estimate: bool,
    reasoning: Option<&str>,
) -> Vec<String> {
    let mut out = Vec::new();
    if source.title.trim().is_empty() {
        out.push(format!("{kind} {id}: source has no title"));
    }
    if !is_source_date(source_date) {
        out.push(format!(
            "{kind} {id}: source_date `{source_date}` is not YYYY, YYYY-MM or YYYY-MM-DD"
        ));
    }
    if !source.url.is_empty() && !is_deep_link(&source.url) {
        out.push(format!(
            "{kind} {id}: source url `{}` is not a deep link to a page",
            source.url
        ));
    }
    if !estimate && source.url.is_empty() {
        out.push(format!(
            "{kind} {id}: a published figure needs a deep link to its source (or mark it an estimate)"
        ));
    }
    if estimate && reasoning.is_none_or(|r| r.trim().is_empty()) {
        out.push(format!(
            "{kind} {id}: an estimate needs a one-line reasoning"
        ));
    }
    out
}

/// One reference figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: String,
    pub value: f64,
    pub unit: String,
    pub label: Text,
    pub source: Source,
    /// Date (or month, `YYYY-MM`) of the source.
    pub source_date: String,
    /// Our own estimate (✱ in the reference): an editable default, not a published figure.
    pub estimate: bool,
    /// For an estimate: in one line, how the value was reached from its basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether a measure's saving counts once per household or per item installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Household,
    Item,
    /// The saving is given for an average household (`avg_household_persons`) and scales with
    /// the number of people (adults + children).
    Person,
}

/// The use a measure reduces. Reductions of the same use are combined, not added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Reduces {
    SpaceHeating,
    WarmWater,
    Electricity,
}

/// A saving measure with its yearly saving (per item or per household).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub label: Text,
    pub per: Per,
    #[serde(default)]
    pub gas_m3: f64,
    #[serde(default)]
    pub electricity_kwh: f64,
    #[serde(default)]
    pub water_l: f64,
    /// Which use it reduces; default: space heating for a gas saving, else electricity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reduces: Option<Reduces>,
    /// The saving as a share of the household's own use it reduces (e.g. 0.065 for 1 °C
    /// lower); then `gas_m3` is only the published example and is not used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// The heating types (see `profile::HEATINGS`) it fits; empty: every type. A measure that
    /// does not fit the household's heating is not offered and not counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heating: Vec<String>,
    /// Not advised to a household that already uses far less than the reference (under-heats).
    #[serde(default)]
    pub not_when_low_use: bool,
    pub source: Source,
    pub source_date: String,
    pub estimate: bool,
    /// For an estimate: in one line, how the value was reached from its basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Measure {
    pub fn reduces(&self) -> Reduces {
        self.reduces
            .unwrap_or(if self.gas_m3 != 0.0 || self.share.is_some() {
                Reduces::SpaceHeating
            } else {
                Reduces::Electricity
            })
    }

    /// Whether it fits a household with this heating (`None`: unknown, everything fits).
    pub fn fits(&self, heating: Option<&str>) -> bool {
        match heating {
            Some(h) if !self.heating.is_empty() => self.heating.iter().any(|x| x == h),
            _ => true,
        }
    }
}

/// A set of reference figures for one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    pub id: String,
    pub version: u32,
    pub year: u32,
    #[serde(rename = "figure")]
    pub figures: Vec<Figure>,
    #[serde(rename = "measure")]
    pub measures: Vec<Measure>,
}

/// Where a number comes from: a figure or a measure, as the app shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct FigureSource {
    pub id: String,
    pub label: Text,
    /// The figure's value; for a measure its gas saving (see `unit`).
    pub value: f64,
    pub unit: String,
    pub source: Source,
    pub source_date: String,
    pub estimate: bool,
}

impl Figures {
    /// Parses figures and checks them ([`Figures::problems`]): a file with problems is refused,
    /// all problems listed one per line.
    pub fn from_toml(text: &str) -> Result<Figures, String> {
        let figures: Figures = toml::from_str(text).map_err(|e| e.to_string())?;
        let problems = figures.problems();
        if problems.is_empty() {
            Ok(figures)
        } else {
            Err(problems.join("\n"))
        }
    }

    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    pub fn value(&self, id: &str) -> Option<f64> {
        self.figure(id).map(|f| f.value)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The source record of a figure or measure id, if it exists.
    pub fn source_of(&self, id: &str) -> Option<FigureSource> {
        if let Some(f) = self.figure(id) {
            return Some(FigureSource {
                id: f.id.clone(),
                label: f.label.clone(),
                value: f.value,
                unit: f.unit.clone(),
                source: f.source.clone(),
                source_date: f.source_date.clone(),
                estimate: f.estimate,
            });
        }
        self.measure(id).map(|m| FigureSource {
            id: m.id.clone(),
            label: m.label.clone(),
            value: match m.share {
                Some(s) => s,
                None if m.gas_m3 != 0.0 => m.gas_m3,
                None => m.electricity_kwh,
            },
            unit: match m.share {
                Some(_) => "fraction".into(),
                None if m.gas_m3 != 0.0 => "m3_per_year".into(),
                None => "kwh_per_year".into(),
            },
            source: m.source.clone(),
            source_date: m.source_date.clone(),
            estimate: m.estimate,
        })
    }

    /// Problems in the figures themselves: duplicate ids, unknown units, empty labels, and
    /// sources that break the sourcing rules (see the module documentation).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for f in &self.figures {
            if !seen.insert(f.id.as_str()) {
                out.push(format!("figure {}: duplicate id", f.id));
            }
            if !crate::units::is_unit(&f.unit) {
                out.push(format!("figure {}: unknown unit `{}`", f.id, f.unit));
            }
            if f.label.nl.trim().is_empty() || f.label.en.trim().is_empty() {
                out.push(format!("figure {}: label missing", f.id));
            }
            out.extend(source_problems(
                "figure",
                &f.id,
                &f.source,
                &f.source_date,
                f.estimate,
                f.reasoning.as_deref(),
            ));
            if !f.value.is_finite() {
                out.push(format!("figure {}: value is not a number", f.id));
            }
        }
        for m in &self.measures {
            if !seen.insert(m.id.as_str()) {
                out.push(format!("measure {}: duplicate id", m.id));
            }
            if m.label.nl.trim().is_empty() || m.label.en.trim().is_empty() {
                out.push(format!("measure {}: label missing", m.id));
            }
            out.extend(source_problems(
                "measure",
                &m.id,
                &m.source,
                &m.source_date,
                m.estimate,
                m.reasoning.as_deref(),
            ));
            if m.share.is_some_and(|s| !(0.0..1.0).contains(&s)) {
                out.push(format!(
                    "measure {}: share must be at least 0 and below 1",
                    m.id
                ));
            }
            for h in &m.heating {
                if !crate::profile::HEATINGS.contains(&h.as_str()) {
                    out.push(format!("measure {}: unknown heating `{h}`", m.id));
                }
            }
            if ![m.gas_m3, m.electricity_kwh, m.water_l]
                .iter()
                .all(|v| v.is_finite() && *v >= 0.0)
            {
                out.push(format!(
                    "measure {}: savings must be numbers, not negative",
                    m.id
                ));
            }
        }
        out
    }
}
