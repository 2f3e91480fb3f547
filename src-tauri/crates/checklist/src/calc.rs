//! The engine's built-in numbers, as defined in the reference (§2, §3): yearly energy cost,
//! energy quote before and after the agreed measures, the energy-poverty indicators, savings per
//! measure and in total, and the proposed monthly advance. Pure functions over plain inputs;
//! every number lists the figure ids it used.
//!
//! **Heat by heating type.** A heating or warm-water measure saves *heat demand* (GJ of heat in
//! the home). Measure figures are published as m³ of gas for a gas boiler; they are turned into
//! heat with `gas_energy_gj_per_m3 × boiler_efficiency` and then priced with the household's own
//! heating: a gas boiler as m³ × gas price, district heating and a block connection as GJ × the
//! heat tariff, a heat pump and electric heating as kWh (GJ × 277.8 ÷ SCOP or COP) × the
//! electricity price. "Other" heating and unknown heating: unknown is counted as a gas boiler
//! (most Dutch homes), "other" (wood, oil …) gets heat in GJ but no price.
//!
//! **Combined, not summed.** Each measure reduces one use: space heating, warm water or
//! electricity. Measures on the same use apply to what the others leave
//! (`use × (1 − Π(1 − saving_i ÷ use))`), and the total per use is capped at a figure
//! (`max_saving_share_*`). Per-measure rows are scaled so they add up to the combined total.
//! `share` measures (1 °C lower, 15 °C at night, boiler at 60 °C) are a share of the household's
//! own use, `person` measures scale with adults + children.
//!
//! EQ = (consumption + fixed costs + taxes − tax reduction) ÷ yearly disposable income (CBS/TNO).
//! The app asks the net income per month; yearly disposable income = net per month × 12 ×
//! (1 + `holiday_pay_share`). With marginal prices that include energy tax and VAT the cost is
//! `use × price + fixed_costs − tax_reduction`, unless the household's annual bill gives the
//! total, which then wins.

use keukentafel_domain::Heating;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::figures::{ids, Figures, Per, Reduces, Source};
use crate::template::Text;

/// kWh in one GJ (exact: 10⁹ J ÷ 3.6 × 10⁶ J).
pub const KWH_PER_GJ: f64 = 1000.0 / 3.6;

/// The option id of the energy-label step that means label E, F or G (low energy quality).
pub const LOW_LABEL_OPTION: &str = "e_f_g";

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

/// How the household's heat is bought, so the summary knows which unit to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HeatSupply {
    /// Own gas boiler, or heating not known (counted as a gas boiler): m³ of gas.
    #[default]
    Gas,
    /// District heating or a block connection: GJ of heat.
    HeatNetwork,
    /// Heat pump or electric heating: kWh of electricity.
    Electricity,
    /// Other heating (wood, oil …): heat in GJ, no price.
    Unpriced,
}

/// The saving of one measure installed or agreed, after combining with the others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureSaving {
    pub step_id: String,
    pub measure: String,
    pub label: Text,
    pub quantity: u32,
    pub reduces: Reduces,
    /// Heat demand saved in the home (GJ), for heating and warm-water measures.
    pub heat_gj: f64,
    /// Gas saved (gas-heated homes only).
    pub gas_m3: f64,
    /// Electricity saved: lighting and standby, and heating with a heat pump or electric heating.
    pub electricity_kwh: f64,
    pub water_l: f64,
    pub eur: f64,
    pub estimate: bool,
}

/// Savings combined per use and added up over the uses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Saving {
    pub heat_gj: f64,
    pub gas_m3: f64,
    pub electricity_kwh: f64,
    pub water_l: f64,
    pub eur: f64,
    /// True when a total was cut back to the most a household can save on that use.
    pub capped: bool,
    /// True when measures on the same use were combined rather than added.
    pub combined: bool,
    pub figures_used: Vec<String>,
    pub estimate: bool,
}

/// Which energy-poverty indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// HEQ: high energy quote.
    HighEnergyQuote,
    /// LI: low income.
    LowIncome,
    /// LIHE: low income and high energy quote.
    Lihe,
    /// LILEK: low income and low energy quality (label E, F or G).
    Lilek,
    /// Use far below the reference for the dwelling (possible under-heating).
    LowUse,
    /// Hidden energy poverty: low income and use far below the reference.
    HiddenEnergyPoverty,
}

/// One energy-poverty indicator with its definition and where the definition comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Indicator {
    pub kind: IndicatorKind,
    pub label: Text,
    /// `None`: cannot be told yet from the answers.
    pub value: Option<bool>,
    /// The definition in plain words, with the thresholds from the figures.
    pub definition: Text,
    pub source: Source,
    pub source_date: String,
    pub figures_used: Vec<String>,
    pub estimate: bool,
}

/// The numbers the summary shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct KeyFigures {
    pub heat_supply: HeatSupply,
    /// Gas use per year (gas-heated homes).
    pub gas_m3_year: Option<Amount>,
    /// Heat use per year in GJ (district heating, block connection).
    pub heat_gj_year: Option<Amount>,
    pub electricity_kwh_year: Option<Amount>,
    /// Yearly disposable income: net per month × 12 plus holiday pay.
    pub disposable_income_year: Option<Amount>,
    pub yearly_cost_before: Option<Amount>,
    pub yearly_cost_after: Option<Amount>,
    /// A fraction: 0.083 is 8.3 %.
    pub energy_quote_before: Option<Amount>,
    pub energy_quote_after: Option<Amount>,
    /// The high-energy-quote threshold (a fraction), from the figures.
    pub high_energy_quote_threshold: Option<Amount>,
    pub high_energy_quote_before: Option<bool>,
    pub high_energy_quote_after: Option<bool>,
    pub indicators: Vec<Indicator>,
    pub savings: Vec<MeasureSaving>,
    pub total_saving: Saving,
    /// Measures answered but not counted: they do not fit the heating, or lowering the
    /// temperature is not advised because the household already uses far less than usual.
    pub not_counted: Vec<String>,
    pub current_advance_month: Option<Amount>,
    /// Expected yearly cost after savings ÷ 12, rounded up to whole euros.
    pub proposed_advance_month: Option<Amount>,
}

/// What the calculation reads from the answers (already checked and applicable).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalcInput {
    pub net_income_month_eur: Option<f64>,
    pub gas_m3_year: Option<f64>,
    pub heat_gj_year: Option<f64>,
    pub electricity_kwh_year: Option<f64>,
    pub energy_cost_year_eur: Option<f64>,
    pub advance_month_eur: Option<f64>,
    pub dwelling_type: Option<String>,
    /// The energy-label answer (option id; [`LOW_LABEL_OPTION`] is E/F/G).
    pub energy_label: Option<String>,
    pub heating: Option<Heating>,
    pub adults: u32,
    pub children: u32,
    /// (step id, measure id, quantity) for everything installed or agreed.
    pub measures: Vec<(String, String, u32)>,
}

pub(crate) fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn heating_id(h: Option<Heating>) -> Option<&'static str> {
    crate::profile::Profile::heating_id(h)
}

pub fn heat_supply(h: Option<Heating>) -> HeatSupply {
    match h {
        None | Some(Heating::GasBoiler) => HeatSupply::Gas,
        Some(Heating::DistrictHeating | Heating::BlockConnection) => HeatSupply::HeatNetwork,
        Some(Heating::HeatPump | Heating::Electric) => HeatSupply::Electricity,
        Some(Heating::Other) => HeatSupply::Unpriced,
    }
}

#[derive(Clone)]
struct Used<'a> {
    figures: &'a Figures,
    ids: Vec<String>,
}

impl<'a> Used<'a> {
    fn new(figures: &'a Figures) -> Self {
        Used {
            figures,
            ids: vec![],
        }
    }
    fn get(&mut self, id: &str) -> Option<f64> {
        let v = self.figures.value(id)?;
        self.note(id);
        Some(v)
    }
    fn note(&mut self, id: &str) {
        if !self.ids.iter().any(|i| i == id) {
            self.ids.push(id.to_string());
        }
    }
    fn merge(&mut self, other: &[String]) {
        for id in other {
            self.note(id);
        }
    }
    fn estimate(&self) -> bool {
        self.ids
            .iter()
            .any(|i| self.figures.source_of(i).is_some_and(|s| s.estimate))
    }
    fn amount(&self, value: f64, unit: &str) -> Amount {
        Amount {
            value,
            unit: unit.into(),
            figures_used: self.ids.clone(),
            estimate: self.estimate(),
        }
    }
}

/// How heat demand (GJ in the home) maps onto what the household buys.
struct HeatPrice {
    supply: HeatSupply,
    /// GJ of heat per m³ of gas burnt in a boiler.
    gj_per_m3: Option<f64>,
    /// Units bought per GJ of heat (m³, GJ or kWh) and the price per unit.
    units_per_gj: Option<f64>,
    price: Option<f64>,
}

impl HeatPrice {
    fn new(h: Option<Heating>, used: &mut Used) -> HeatPrice {
        let supply = heat_supply(h);
        let gj = used.get(ids::GAS_GJ_PER_M3);
        let eff = used.get(ids::BOILER_EFFICIENCY);
        let gj_per_m3 = gj.zip(eff).map(|(g, e)| g * e).filter(|v| *v > 0.0);
        let (units_per_gj, price) = match (supply, h) {
            (HeatSupply::Gas, _) => (gj_per_m3.map(|g| 1.0 / g), used.get(ids::PRICE_GAS)),
            (HeatSupply::HeatNetwork, _) => (Some(1.0), used.get(ids::PRICE_HEAT)),
            (HeatSupply::Electricity, Some(Heating::HeatPump)) => (
                used.get(ids::HEAT_PUMP_SCOP)
                    .filter(|c| *c > 0.0)
                    .map(|c| KWH_PER_GJ / c),
                used.get(ids::PRICE_ELECTRICITY),
            ),
            (HeatSupply::Electricity, _) => (
                used.get(ids::ELECTRIC_HEATING_COP)
                    .filter(|c| *c > 0.0)
                    .map(|c| KWH_PER_GJ / c),
                used.get(ids::PRICE_ELECTRICITY),
            ),
            (HeatSupply::Unpriced, _) => (None, None),
        };
        HeatPrice {
            supply,
            gj_per_m3,
            units_per_gj,
            price,
        }
    }

    /// (gas m³, electricity kWh, euros) for this much heat demand.
    fn carriers(&self, gj: f64) -> (f64, f64, f64) {
        let units = self.units_per_gj.map(|u| gj * u).unwrap_or(0.0);
        let eur = units * self.price.unwrap_or(0.0);
        match self.supply {
            HeatSupply::Gas => (units, 0.0, eur),
            HeatSupply::Electricity => (0.0, units, eur),
            HeatSupply::HeatNetwork => (0.0, 0.0, eur),
            HeatSupply::Unpriced => (0.0, 0.0, 0.0),
        }
    }
}

/// One measure's saving on its own (before combining), in the unit of its use.
struct Alone {
    step_id: String,
    measure: String,
    label: Text,
    quantity: u32,
    reduces: Reduces,
    /// GJ for heat uses, kWh for electricity.
    amount: f64,
    water_l: f64,
    estimate: bool,
}

/// Combines savings on one use: each applies to what the others leave, then the cap.
/// Returns (total, capped). `use_` must be positive.
pub fn combine(use_: f64, savings: &[f64], cap_share: f64) -> (f64, bool) {
    if use_ <= 0.0 || savings.is_empty() {
        return (0.0, false);
    }
    let remaining = savings
        .iter()
        .map(|s| (1.0 - (s.max(0.0) / use_)).clamp(0.0, 1.0))
        .product::<f64>();
    let total = use_ * (1.0 - remaining);
    let cap = use_ * cap_share.clamp(0.0, 1.0);
    if total > cap {
        (cap, true)
    } else {
        (total, false)
    }
}

pub fn key_figures(input: &CalcInput, figures: &Figures) -> KeyFigures {
    let mut out = KeyFigures {
        heat_supply: heat_supply(input.heating),
        ..KeyFigures::default()
    };
    let supply = out.heat_supply;
    let mut conv = Used::new(figures);
    let heat = HeatPrice::new(input.heating, &mut conv);
    // Conversion figures only count as used where heat is converted.
    let conv_ids = conv.ids.clone();

    let avg_persons = figures
        .value(ids::AVG_HOUSEHOLD_PERSONS)
        .filter(|p| *p > 0.0)
        .unwrap_or(2.2);
    let persons = match input.adults + input.children {
        0 => avg_persons,
        n => n as f64,
    };

    // --- Use: the reference heat demand for the dwelling, and what the household uses.
    let mut ref_used = Used::new(figures);
    let reference_gas = input
        .dwelling_type
        .as_deref()
        .and_then(|d| ref_used.get(&format!("{}{d}", ids::AVG_GAS_PREFIX)));
    let reference_gas_or_all = reference_gas.or_else(|| ref_used.get("avg_gas_m3_all"));
    let to_gj = |m3: f64| heat.gj_per_m3.map(|g| m3 * g);

    // Gas use (gas-heated homes).
    let mut gas_used = Used::new(figures);
    let gas = if supply == HeatSupply::Gas {
        match input.gas_m3_year {
            Some(v) => Some(v),
            None => input
                .dwelling_type
                .as_deref()
                .and_then(|d| gas_used.get(&format!("{}{d}", ids::AVG_GAS_PREFIX))),
        }
    } else {
        None
    };
    out.gas_m3_year = gas.map(|g| gas_used.amount(g, "m3_per_year"));

    // Heat use in GJ (heat network homes): the bill, or the reference for the dwelling.
    let mut heat_used = Used::new(figures);
    let heat_gj_use = if supply == HeatSupply::HeatNetwork {
        match input.heat_gj_year {
            Some(v) => Some(v),
            None => reference_gas.and_then(|r| {
                heat_used.merge(&ref_used.ids);
                heat_used.merge(&conv_ids);
                to_gj(r)
            }),
        }
    } else {
        None
    };
    out.heat_gj_year = heat_gj_use.map(|h| heat_used.amount(h, "gj_per_year"));

    // Heat demand in the home (GJ), whatever the heating.
    let mut demand_used = Used::new(figures);
    demand_used.merge(&conv_ids);
    let demand_gj = match supply {
        HeatSupply::Gas => gas
            .and_then(to_gj)
            .inspect(|_| demand_used.merge(&gas_used.ids)),
        HeatSupply::HeatNetwork => heat_gj_use.inspect(|_| demand_used.merge(&heat_used.ids)),
        // The electricity bill includes heating: what is left after the reference use for
        // lighting and appliances is heating.
        HeatSupply::Electricity => (|| {
            let e = input.electricity_kwh_year?;
            let r = figures.value(&format!(
                "{}{}p",
                ids::AVG_ELECTRICITY_PREFIX,
                (input.adults + input.children).clamp(1, 4)
            ))?;
            let u = heat.units_per_gj?;
            Some((e - r).max(0.0) / u)
        })(),
        HeatSupply::Unpriced => None,
    }
    .or_else(|| {
        demand_used.merge(&ref_used.ids);
        reference_gas_or_all.and_then(to_gj)
    });

    // Warm water: the average household's gas for warm water, scaled by persons, at most half.
    let warm_water_gj = demand_gj.and_then(|d| {
        let ww = figures.value(ids::AVG_WARM_WATER_GAS)?;
        demand_used.note(ids::AVG_WARM_WATER_GAS);
        demand_used.note(ids::AVG_HOUSEHOLD_PERSONS);
        Some((to_gj(ww)? * persons / avg_persons).min(d * 0.5))
    });
    let space_gj = demand_gj.zip(warm_water_gj).map(|(d, w)| d - w);

    // Electricity: for a heat pump or electric heating the bill includes heating, so the use
    // that lighting and standby reduce is the reference for the household size.
    let mut el_used = Used::new(figures);
    let el_reference = el_used.get(&format!(
        "{}{}p",
        ids::AVG_ELECTRICITY_PREFIX,
        (input.adults + input.children).clamp(1, 4)
    ));
    let heating_kwh = |d: f64| heat.units_per_gj.map(|u| d * u);
    let electricity = match (input.electricity_kwh_year, supply) {
        (Some(v), _) => Some(v),
        (None, HeatSupply::Electricity) => {
            let v = demand_gj
                .and_then(heating_kwh)
                .zip(el_reference)
                .map(|(h, r)| h + r);
            el_used.merge(&demand_used.ids);
            el_used.merge(&conv_ids);
            v
        }
        (None, _) => el_reference,
    };
    if input.electricity_kwh_year.is_some() {
        el_used.ids.clear();
    }
    out.electricity_kwh_year = electricity.map(|e| el_used.amount(e, "kwh_per_year"));
    let appliance_kwh = match supply {
        HeatSupply::Electricity => el_reference.map(|r| electricity.map_or(r, |e| r.min(e))),
        _ => electricity,
    };

    // --- Low use (possible under-heating): own use against the reference for the dwelling.
    let mut low_use_used = Used::new(figures);
    let low_use: Option<bool> = (|| {
        let share = low_use_used.get(ids::LOW_USE_SHARE)?;
        let r = reference_gas?;
        low_use_used.merge(&ref_used.ids);
        match supply {
            HeatSupply::Gas => Some(input.gas_m3_year? < share * r),
            HeatSupply::HeatNetwork => {
                low_use_used.merge(&conv_ids);
                Some(input.heat_gj_year? < share * to_gj(r)?)
            }
            _ => None,
        }
    })();

    // --- Savings.
    let h_id = heating_id(input.heating);
    let mut alone: Vec<Alone> = Vec::new();
    let mut save_used = Used::new(figures);
    for (step_id, measure, quantity) in &input.measures {
        let Some(m) = figures.measure(measure) else {
            continue;
        };
        if !m.fits(h_id) || (m.not_when_low_use && low_use == Some(true)) {
            if !out.not_counted.contains(&m.id) {
                out.not_counted.push(m.id.clone());
            }
            continue;
        }
        let n = match m.per {
            Per::Household => 1.0,
            Per::Item => *quantity as f64,
            Per::Person => {
                save_used.note(ids::AVG_HOUSEHOLD_PERSONS);
                persons / avg_persons
            }
        };
        if n <= 0.0 {
            continue;
        }
        let reduces = m.reduces();
        let use_ = match reduces {
            Reduces::SpaceHeating => space_gj,
            Reduces::WarmWater => warm_water_gj,
            Reduces::Electricity => appliance_kwh,
        };
        let amount = match (m.share, reduces) {
            (Some(s), _) => use_.map(|u| s * u).unwrap_or(0.0),
            (None, Reduces::Electricity) => m.electricity_kwh * n,
            (None, _) => to_gj(m.gas_m3 * n).unwrap_or(0.0),
        };
        alone.push(Alone {
            step_id: step_id.clone(),
            measure: m.id.clone(),
            label: m.label.clone(),
            quantity: match m.per {
                Per::Item => *quantity,
                _ => 1,
            },
            reduces,
            amount,
            water_l: m.water_l * n,
            estimate: m.estimate,
        });
        save_used.note(&m.id);
    }
    let mut total = Saving::default();
    for kind in [
        Reduces::SpaceHeating,
        Reduces::WarmWater,
        Reduces::Electricity,
    ] {
        let rows: Vec<&Alone> = alone.iter().filter(|a| a.reduces == kind).collect();
        if rows.is_empty() {
            continue;
        }
        let (use_, cap_id) = match kind {
            Reduces::SpaceHeating => (space_gj, ids::CAP_SPACE_HEATING),
            Reduces::WarmWater => (warm_water_gj, ids::CAP_WARM_WATER),
            Reduces::Electricity => (appliance_kwh, ids::CAP_ELECTRICITY),
        };
        let sum: f64 = rows.iter().map(|a| a.amount).sum();
        let (combined, capped) = match (use_, figures.value(cap_id)) {
            (Some(u), Some(cap)) if u > 0.0 => {
                save_used.note(cap_id);
                let amounts: Vec<f64> = rows.iter().map(|a| a.amount).collect();
                combine(u, &amounts, cap)
            }
            (Some(u), None) if u > 0.0 => {
                let amounts: Vec<f64> = rows.iter().map(|a| a.amount).collect();
                combine(u, &amounts, 1.0)
            }
            // Nothing used, nothing to save.
            (Some(_), _) => (0.0, sum > 0.0),
            _ => (sum, false),
        };
        total.capped |= capped;
        if rows.len() > 1 && combined < sum - 1e-9 {
            total.combined = true;
        }
        let factor = if sum > 0.0 { combined / sum } else { 0.0 };
        for a in rows {
            let amount = a.amount * factor;
            let (heat_gj, gas_m3, electricity_kwh, eur) = match kind {
                Reduces::Electricity => {
                    let e = amount * figures.value(ids::PRICE_ELECTRICITY).unwrap_or(0.0);
                    (0.0, 0.0, amount, e)
                }
                _ => {
                    let (g, k, e) = heat.carriers(amount);
                    (amount, g, k, e)
                }
            };
            let water_l = a.water_l * factor;
            total.heat_gj += heat_gj;
            total.gas_m3 += gas_m3;
            total.electricity_kwh += electricity_kwh;
            total.water_l += water_l;
            total.eur += eur;
            total.estimate |= a.estimate;
            out.savings.push(MeasureSaving {
                step_id: a.step_id.clone(),
                measure: a.measure.clone(),
                label: a.label.clone(),
                quantity: a.quantity,
                reduces: kind,
                heat_gj: round3(heat_gj),
                gas_m3: round1(gas_m3),
                electricity_kwh: round1(electricity_kwh),
                water_l: water_l.round(),
                eur: cents(eur),
                estimate: a.estimate,
            });
        }
    }
    if !out.savings.is_empty() {
        let heat_rows = out
            .savings
            .iter()
            .any(|s| s.reduces != Reduces::Electricity);
        if heat_rows {
            save_used.merge(&conv_ids);
            save_used.merge(&demand_used.ids);
        }
        if out
            .savings
            .iter()
            .any(|s| s.reduces == Reduces::Electricity)
        {
            save_used.note(ids::PRICE_ELECTRICITY);
            save_used.merge(&el_used.ids);
        }
    }
    total.heat_gj = round3(total.heat_gj);
    total.gas_m3 = round1(total.gas_m3);
    total.electricity_kwh = round1(total.electricity_kwh);
    total.water_l = total.water_l.round();
    total.eur = cents(total.eur);
    total.estimate |= save_used.estimate();
    total.figures_used = save_used.ids.clone();
    out.total_saving = total;

    // --- Yearly cost before and after.
    let mut cost_used = Used::new(figures);
    let cost_before = match input.energy_cost_year_eur {
        Some(c) => Some(c),
        None => (|| {
            let e = electricity?;
            let pe = cost_used.get(ids::PRICE_ELECTRICITY)?;
            let tax = cost_used.get(ids::TAX_REDUCTION)?;
            let v = match supply {
                HeatSupply::Gas => {
                    gas? * cost_used.get(ids::PRICE_GAS)?
                        + e * pe
                        + cost_used.get(ids::FIXED_COSTS)?
                        - tax
                }
                HeatSupply::HeatNetwork => {
                    heat_gj_use? * cost_used.get(ids::PRICE_HEAT)?
                        + e * pe
                        + cost_used.get(ids::FIXED_COSTS_ELECTRICITY)?
                        + cost_used.get(ids::FIXED_COSTS_HEAT)?
                        - tax
                }
                HeatSupply::Electricity => {
                    e * pe + cost_used.get(ids::FIXED_COSTS_ELECTRICITY)? - tax
                }
                HeatSupply::Unpriced => return None,
            };
            Some(v)
        })(),
    };
    if input.energy_cost_year_eur.is_some() {
        cost_used.ids.clear();
    } else if cost_before.is_some() {
        for a in [
            &out.gas_m3_year,
            &out.heat_gj_year,
            &out.electricity_kwh_year,
        ]
        .into_iter()
        .flatten()
        {
            cost_used.merge(&a.figures_used);
        }
    }
    out.yearly_cost_before = cost_before.map(|c| cost_used.amount(cents(c), "eur_per_year"));
    let cost_after = cost_before.map(|c| (c - out.total_saving.eur).max(0.0));
    if let Some(after) = cost_after {
        let mut u = cost_used.clone();
        u.merge(&out.total_saving.figures_used);
        let mut a = u.amount(cents(after), "eur_per_year");
        a.estimate |= out.total_saving.estimate;
        out.yearly_cost_after = Some(a);
    }

    // --- Income and the energy quote.
    let mut inc_used = Used::new(figures);
    let holiday = inc_used.get(ids::HOLIDAY_PAY_SHARE).unwrap_or(0.0);
    let income_year = input
        .net_income_month_eur
        .map(|m| m * 12.0 * (1.0 + holiday))
        .filter(|y| *y > 0.0);
    out.disposable_income_year = income_year.map(|y| inc_used.amount(cents(y), "eur_per_year"));
    let mut heq_used = Used::new(figures);
    let threshold = heq_used.get(ids::HEQ_THRESHOLD);
    out.high_energy_quote_threshold = threshold.map(|t| heq_used.amount(t, "fraction"));
    let quote = |cost: &Option<Amount>| -> Option<Amount> {
        let (c, y) = (cost.as_ref()?, income_year?);
        let mut u = Used::new(figures);
        u.merge(&c.figures_used);
        u.merge(&inc_used.ids);
        let mut a = u.amount(c.value / y, "fraction");
        a.estimate |= c.estimate;
        Some(a)
    };
    out.energy_quote_before = quote(&out.yearly_cost_before);
    out.energy_quote_after = quote(&out.yearly_cost_after);
    let high = |q: &Option<Amount>| Some(q.as_ref()?.value > threshold?);
    out.high_energy_quote_before = high(&out.energy_quote_before);
    out.high_energy_quote_after = high(&out.energy_quote_after);

    // --- Indicators.
    let mut li_used = Used::new(figures);
    let low_income: Option<bool> = (|| {
        let y = income_year?;
        let share = li_used.get(ids::LOW_INCOME_SHARE)? / 100.0;
        let base = if input.adults >= 2 {
            li_used.get(ids::SOCIAL_MINIMUM_COUPLE)?
        } else {
            li_used.get(ids::SOCIAL_MINIMUM_SINGLE)?
        };
        let child = if input.children > 0 {
            li_used.get(ids::SOCIAL_MINIMUM_PER_CHILD)? * input.children as f64
        } else {
            0.0
        };
        li_used.merge(&inc_used.ids);
        Some(y <= share * (base + child) * 12.0 * (1.0 + holiday))
    })();
    let and = |a: Option<bool>, b: Option<bool>| match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    };
    let low_label = input
        .energy_label
        .as_deref()
        .filter(|l| *l != "unknown")
        .map(|l| l == LOW_LABEL_OPTION);
    let pct = |id: &str| -> (String, String) {
        let v = figures.value(id).unwrap_or(f64::NAN);
        let unit = figures.figure(id).map(|f| f.unit.as_str()).unwrap_or("");
        let p = if unit == "fraction" { v * 100.0 } else { v };
        let s = format!("{}", (p * 10.0).round() / 10.0);
        (format!("{} %", s.replace('.', ",")), format!("{s}%"))
    };
    let (heq_nl, heq_en) = pct(ids::HEQ_THRESHOLD);
    let (li_nl, li_en) = pct(ids::LOW_INCOME_SHARE);
    let (lu_nl, lu_en) = pct(ids::LOW_USE_SHARE);
    let src = |id: &str| {
        figures
            .figure(id)
            .map(|f| (f.source.clone(), f.source_date.clone()))
            .unwrap_or((
                Source {
                    title: String::new(),
                    url: String::new(),
                },
                String::new(),
            ))
    };
    let cbs = src(ids::LOW_INCOME_SHARE);
    let mut ind = |kind,
                   label: Text,
                   value,
                   definition: Text,
                   source: (Source, String),
                   used: Vec<String>| {
        let u = Used { figures, ids: used };
        out.indicators.push(Indicator {
            kind,
            label,
            value,
            definition,
            source: source.0,
            source_date: source.1,
            estimate: u.estimate(),
            figures_used: u.ids,
        });
    };
    let cat = |a: &[String], b: &[String]| {
        let mut u = a.to_vec();
        for x in b {
            if !u.contains(x) {
                u.push(x.clone());
            }
        }
        u
    };
    let heq_ids = out
        .energy_quote_before
        .as_ref()
        .map(|q| cat(&q.figures_used, &heq_used.ids))
        .unwrap_or_else(|| heq_used.ids.clone());
    ind(
        IndicatorKind::HighEnergyQuote,
        Text::new("Hoge energiequote (HEQ)", "High energy quote (HEQ)"),
        out.high_energy_quote_before,
        Text::new(
            &format!("Meer dan {heq_nl} van het besteedbare inkomen per jaar gaat naar energie."),
            &format!("More than {heq_en} of the yearly disposable income goes to energy."),
        ),
        src(ids::HEQ_THRESHOLD),
        heq_ids.clone(),
    );
    ind(
        IndicatorKind::LowIncome,
        Text::new("Laag inkomen", "Low income"),
        low_income,
        Text::new(
            &format!("Het besteedbare inkomen is niet hoger dan {li_nl} van het sociaal minimum voor dit huishouden."),
            &format!("The disposable income is at most {li_en} of the social minimum for this household."),
        ),
        cbs.clone(),
        li_used.ids.clone(),
    );
    ind(
        IndicatorKind::Lihe,
        Text::new(
            "Laag inkomen en hoge energiequote (LIHE)",
            "Low income, high energy quote (LIHE)",
        ),
        and(low_income, out.high_energy_quote_before),
        Text::new(
            &format!("Laag inkomen én meer dan {heq_nl} van het inkomen gaat naar energie."),
            &format!("Low income and more than {heq_en} of the income goes to energy."),
        ),
        cbs.clone(),
        cat(&li_used.ids, &heq_ids),
    );
    ind(
        IndicatorKind::Lilek,
        Text::new(
            "Laag inkomen en slecht geïsoleerd huis (LILEK)",
            "Low income, low energy quality (LILEK)",
        ),
        and(low_income, low_label),
        Text::new(
            "Laag inkomen én een huis met energielabel E, F of G.",
            "Low income and a home with energy label E, F or G.",
        ),
        cbs.clone(),
        li_used.ids.clone(),
    );
    ind(
        IndicatorKind::LowUse,
        Text::new("Veel minder verbruik dan normaal", "Use far below normal"),
        low_use,
        Text::new(
            &format!("Het verbruik voor verwarming is lager dan {lu_nl} van wat een gemiddeld huishouden in zo'n huis gebruikt. Misschien stookt het huishouden te weinig. Raad dan niet aan de thermostaat lager te zetten."),
            &format!("Heating use is below {lu_en} of what an average household uses in this kind of home. The household may be under-heating; do not advise lowering the thermostat."),
        ),
        src(ids::LOW_USE_SHARE),
        low_use_used.ids.clone(),
    );
    ind(
        IndicatorKind::HiddenEnergyPoverty,
        Text::new("Verborgen energiearmoede", "Hidden energy poverty"),
        and(low_income, low_use),
        Text::new(
            "Laag inkomen én veel minder verbruik dan normaal: het huishouden bespaart op warmte omdat de rekening te hoog is.",
            "Low income and use far below normal: the household saves on heat because the bill is too high.",
        ),
        src(ids::LOW_USE_SHARE),
        cat(&li_used.ids, &low_use_used.ids),
    );

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

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The physical saving of a package of measures for an average household (default figures,
/// gas boiler, the average gas and electricity use), before pricing: used by the calibration
/// against programme results.
pub fn package_saving(
    figures: &Figures,
    measures: &[(&str, u32)],
    adults: u32,
    children: u32,
) -> Saving {
    let input = CalcInput {
        gas_m3_year: figures.value("avg_gas_m3_all"),
        heating: Some(Heating::GasBoiler),
        adults,
        children,
        measures: measures
            .iter()
            .map(|(m, q)| ("package".to_string(), m.to_string(), *q))
            .collect(),
        ..CalcInput::default()
    };
    key_figures(&input, figures).total_saving
}
