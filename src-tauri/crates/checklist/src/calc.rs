//! The engine's built-in numbers, as defined in the reference (§2, §3): yearly energy cost,
//! energy quote before and after the agreed measures, the high-energy-quote flag, savings per
//! measure and in total, and the proposed monthly advance. Pure functions over plain inputs;
//! every number lists the figure ids it used.
//!
//! EQ = (consumption + fixed costs + taxes − tax reduction) ÷ net disposable income. With
//! marginal prices that include energy tax and VAT this is
//! `gas × price_gas + kWh × price_electricity + fixed_costs − tax_reduction`, unless the
//! household's annual bill gives the total, which then wins.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::figures::{ids, Figures, Per};
use crate::template::Text;

/// A computed number with its unit and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Amount {
    pub value: f64,
    pub unit: String,
    /// Figure and measure ids used (see `Evaluation::sources`); empty = from answers only.
    pub figures_used: Vec<String>,
    /// True when any figure used is our own estimate.
    pub estimate: bool,
}

/// The saving of one measure installed or agreed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureSaving {
    pub step_id: String,
    pub measure: String,
    pub label: Text,
    pub quantity: u32,
    pub gas_m3: f64,
    pub electricity_kwh: f64,
    pub water_l: f64,
    pub eur: f64,
    pub estimate: bool,
}

/// Savings added up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Saving {
    pub gas_m3: f64,
    pub electricity_kwh: f64,
    pub water_l: f64,
    pub eur: f64,
    /// True when the sum was cut back to the household's own use (one cannot save more).
    pub capped: bool,
    pub figures_used: Vec<String>,
    pub estimate: bool,
}

/// The numbers the summary shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct KeyFigures {
    pub gas_m3_year: Option<Amount>,
    pub electricity_kwh_year: Option<Amount>,
    pub net_income_year: Option<Amount>,
    pub yearly_cost_before: Option<Amount>,
    pub yearly_cost_after: Option<Amount>,
    /// A fraction: 0.083 is 8.3 %.
    pub energy_quote_before: Option<Amount>,
    pub energy_quote_after: Option<Amount>,
    pub high_energy_quote_before: Option<bool>,
    pub high_energy_quote_after: Option<bool>,
    pub savings: Vec<MeasureSaving>,
    pub total_saving: Saving,
    pub current_advance_month: Option<Amount>,
    /// Expected yearly cost after savings ÷ 12, rounded up to whole euros.
    pub proposed_advance_month: Option<Amount>,
}

/// What the calculation reads from the answers (already checked and applicable).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalcInput {
    pub net_income_month_eur: Option<f64>,
    pub gas_m3_year: Option<f64>,
    pub electricity_kwh_year: Option<f64>,
    pub energy_cost_year_eur: Option<f64>,
    pub advance_month_eur: Option<f64>,
    pub dwelling_type: Option<String>,
    pub persons: u32,
    /// Gas is the heating fuel (own boiler) or unknown: the reference gas use applies.
    pub gas_heated: bool,
    /// (step id, measure id, quantity) for everything installed or agreed.
    pub measures: Vec<(String, String, u32)>,
}

pub(crate) fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

struct Used<'a> {
    figures: &'a Figures,
    ids: Vec<String>,
}

impl Used<'_> {
    fn get(&mut self, id: &str) -> Option<f64> {
        let v = self.figures.value(id)?;
        if !self.ids.iter().any(|i| i == id) {
            self.ids.push(id.to_string());
        }
        Some(v)
    }
    fn amount(&self, value: f64, unit: &str) -> Amount {
        let estimate = self
            .ids
            .iter()
            .any(|i| self.figures.source_of(i).is_some_and(|s| s.estimate));
        Amount {
            value,
            unit: unit.into(),
            figures_used: self.ids.clone(),
            estimate,
        }
    }
}

pub fn key_figures(input: &CalcInput, figures: &Figures) -> KeyFigures {
    let mut out = KeyFigures::default();

    let mut gas_used = Used {
        figures,
        ids: vec![],
    };
    let gas = match input.gas_m3_year {
        Some(v) => Some(v),
        None if input.gas_heated => input
            .dwelling_type
            .as_deref()
            .and_then(|d| gas_used.get(&format!("{}{d}", ids::AVG_GAS_PREFIX))),
        None => None,
    };
    out.gas_m3_year = gas.map(|g| gas_used.amount(g, "m3_per_year"));

    let mut el_used = Used {
        figures,
        ids: vec![],
    };
    let electricity = match input.electricity_kwh_year {
        Some(v) => Some(v),
        None => el_used.get(&format!(
            "{}{}p",
            ids::AVG_ELECTRICITY_PREFIX,
            input.persons.clamp(1, 4)
        )),
    };
    out.electricity_kwh_year = electricity.map(|e| el_used.amount(e, "kwh_per_year"));

    // Savings.
    let mut prices = Used {
        figures,
        ids: vec![],
    };
    let pg = prices.get(ids::PRICE_GAS);
    let pe = prices.get(ids::PRICE_ELECTRICITY);
    let mut total = Saving::default();
    let mut measure_ids = Vec::new();
    for (step_id, measure, quantity) in &input.measures {
        let Some(m) = figures.measure(measure) else {
            continue;
        };
        let n = match m.per {
            Per::Household => 1,
            Per::Item => *quantity,
        };
        if n == 0 {
            continue;
        }
        let f = n as f64;
        let (g, k, w) = (m.gas_m3 * f, m.electricity_kwh * f, m.water_l * f);
        let eur = cents(g * pg.unwrap_or(0.0) + k * pe.unwrap_or(0.0));
        total.gas_m3 += g;
        total.electricity_kwh += k;
        total.water_l += w;
        total.estimate |= m.estimate;
        if !measure_ids.contains(&m.id) {
            measure_ids.push(m.id.clone());
        }
        out.savings.push(MeasureSaving {
            step_id: step_id.clone(),
            measure: m.id.clone(),
            label: m.label.clone(),
            quantity: n,
            gas_m3: g,
            electricity_kwh: k,
            water_l: w,
            eur,
            estimate: m.estimate,
        });
    }
    if let Some(g) = gas {
        if total.gas_m3 > g {
            total.gas_m3 = g;
            total.capped = true;
        }
    }
    if let Some(e) = electricity {
        if total.electricity_kwh > e {
            total.electricity_kwh = e;
            total.capped = true;
        }
    }
    total.eur = cents(total.gas_m3 * pg.unwrap_or(0.0) + total.electricity_kwh * pe.unwrap_or(0.0));
    let price_amount = prices.amount(0.0, "eur");
    total.estimate |= price_amount.estimate;
    total.figures_used = measure_ids;
    if !out.savings.is_empty() {
        total.figures_used.extend(prices.ids.iter().cloned());
    }
    out.total_saving = total;

    // Yearly cost before and after.
    let mut cost_used = Used {
        figures,
        ids: vec![],
    };
    let cost_before = match input.energy_cost_year_eur {
        Some(c) => Some(c),
        None => (|| {
            let g = gas?;
            let e = electricity?;
            let v = g * cost_used.get(ids::PRICE_GAS)?
                + e * cost_used.get(ids::PRICE_ELECTRICITY)?
                + cost_used.get(ids::FIXED_COSTS)?
                - cost_used.get(ids::TAX_REDUCTION)?;
            Some(v)
        })(),
    };
    if input.energy_cost_year_eur.is_none() && cost_before.is_some() {
        for a in [&out.gas_m3_year, &out.electricity_kwh_year]
            .into_iter()
            .flatten()
        {
            cost_used.ids.extend(a.figures_used.iter().cloned());
        }
    }
    out.yearly_cost_before = cost_before.map(|c| cost_used.amount(cents(c), "eur_per_year"));
    let cost_after = cost_before.map(|c| (c - out.total_saving.eur).max(0.0));
    if let Some(after) = cost_after {
        let mut a = cost_used.amount(cents(after), "eur_per_year");
        for id in &out.total_saving.figures_used {
            if !a.figures_used.contains(id) {
                a.figures_used.push(id.clone());
            }
        }
        a.estimate |= out.total_saving.estimate;
        out.yearly_cost_after = Some(a);
    }

    // Energy quote.
    let income_year = input
        .net_income_month_eur
        .map(|m| m * 12.0)
        .filter(|y| *y > 0.0);
    out.net_income_year = income_year.map(|y| Amount {
        value: cents(y),
        unit: "eur_per_year".into(),
        figures_used: vec![],
        estimate: false,
    });
    let threshold = figures.value(ids::HEQ_THRESHOLD);
    let quote = |cost: &Option<Amount>| -> Option<Amount> {
        let (c, y) = (cost.as_ref()?, income_year?);
        Some(Amount {
            value: c.value / y,
            unit: "fraction".into(),
            figures_used: c.figures_used.clone(),
            estimate: c.estimate,
        })
    };
    out.energy_quote_before = quote(&out.yearly_cost_before);
    out.energy_quote_after = quote(&out.yearly_cost_after);
    let high = |q: &Option<Amount>| Some(q.as_ref()?.value > threshold?);
    out.high_energy_quote_before = high(&out.energy_quote_before);
    out.high_energy_quote_after = high(&out.energy_quote_after);

    out.current_advance_month = input.advance_month_eur.map(|a| Amount {
        value: cents(a),
        unit: "eur_per_month".into(),
        figures_used: vec![],
        estimate: false,
    });
    out.proposed_advance_month = out.yearly_cost_after.as_ref().map(|a| Amount {
        value: (a.value / 12.0 - 1e-9).ceil().max(0.0),
        unit: "eur_per_month".into(),
        figures_used: a.figures_used.clone(),
        estimate: a.estimate,
    });
    out
}
