//! Rapportage voor de gemeente: the municipal report for a period and a selection of wijken,
//! in ten tables (households reached, visits, measures, estimated savings with CO₂, measured
//! change, energy quote, LIHE/LILEK, referrals, follow-ups, materials), a cover with the period,
//! the selection, the figures version and the suppression rule. Exported as XLSX and CSV
//! ([`export`]); the app shows it as a printable view.
//!
//! **Anonymous by construction.** The store hands this module only ids, dates, kinds,
//! statuses and numbers (`store/src/records/report.rs`); labels come from the template and the
//! reference figures, never from what a person typed. Every number about fewer than five
//! households is hidden, and so is a second number where a total would otherwise give a hidden
//! one away ([`keukentafel_domain::suppress`]). A row's amounts (euros, kWh, medians) are hidden
//! with the count of households they are about.
//!
//! **What is counted** (archived households, visits and tasks left out; a period includes both
//! days): a household is *reached* when it had a done visit in the period, *new* when its first
//! done visit ever is in the period. The figures of a household (energy quote, indicators,
//! savings, measures) are those of its last done combined visit or intake in the period that
//! has a checklist. A measured change is that of a follow-up done in the period against the
//! household's latest earlier visit with meter readings (as the follow-up screen shows it).
//! Referrals are the referral tasks made at the done visits of the period, with their status
//! now. Materials are the movements handed out in the period.
//!
//! **Erased households** still count, exactly as before their erasure: the store's report reads
//! return the statistical residue the coordinator's erasure kept (`keukentafel_store::residue`:
//! wijk, visits with their figures, referrals, materials, under fresh ids) beside the live
//! rows, and [`VisitFigureSource`] gives a residue visit the figures kept with it.

pub mod export;
pub mod visit_figures;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

// Keyed by ids made here, not by an attacker: the fast hash is safe.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use chrono::NaiveDate;
use keukentafel_checklist::figures::ids;
use keukentafel_checklist::{measured_change, HeatSupply, IndicatorKind, Text};
use keukentafel_domain::suppress::{suppress, CellBasis, SumRule};
use keukentafel_domain::{HouseholdId, TaskStatus, VisitKind, VisitStatus};
use keukentafel_store::{ReportVisit, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use self::visit_figures::{VisitFigureSource, VisitFigures};
use crate::visits::Templates;
use crate::Reply;

/// Which report: a period (both days included) and wijken (none: every wijk).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportRequest {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// Wijk names as the households have them; empty: all wijken.
    pub wijken: Vec<String>,
}

/// The report: a cover and its tables, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Report {
    pub cover: ReportCover,
    pub tables: Vec<ReportTable>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportCover {
    pub title: Text,
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// The wijken in the report, by name (`""`: households without a wijk).
    pub wijken: Vec<String>,
    /// No wijk was chosen: every wijk is in the report.
    pub all_wijken: bool,
    /// The reference figures the estimates use.
    pub figures_id: String,
    pub figures_version: u32,
    /// The suppression rule, as CBS states it under its tables.
    pub suppression_rule: Text,
    /// What the report leaves out (names, addresses, free text).
    pub anonymity: Text,
    #[ts(type = "string")]
    pub made_on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportTable {
    /// Stable id (`households`, `visits`, …): the CSV file name and the sheet order.
    pub id: String,
    pub title: Text,
    pub columns: Vec<ReportColumn>,
    pub rows: Vec<ReportRow>,
    /// A chart that helps read the table, if any.
    pub chart: Option<ReportChart>,
    /// How the numbers were made, and their sources.
    pub note: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportColumn {
    pub header: Text,
    /// `households`, `count`, `eur`, `percent`, `days`, `kwh`, `m3`, `gj`, `kg`.
    pub unit: String,
    /// Decimals shown.
    pub decimals: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportRow {
    pub label: Text,
    /// A total row (shown bold; the sum of the rows above where the column adds up).
    pub total: bool,
    pub cells: Vec<ReportCell>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportCell {
    Value { value: f64 },
    /// Hidden: about fewer than five households, or it would give such a number away. Shown
    /// as `<5`.
    Suppressed,
    /// Nothing to show (no household this applies to).
    Empty,
}

impl ReportCell {
    /// The text a suppressed cell shows, in every language.
    pub const SUPPRESSED: &'static str = "<5";
}

/// A native chart of one column over the rows that are not totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportChart {
    pub kind: ChartKind,
    /// The column charted (its header names the series).
    pub column: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Column,
    Bar,
}

/// What can be wrong with a report request or its file (the words are in `errors/`).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the period ends ({to}) before it starts ({from})")]
    PeriodBackwards { from: NaiveDate, to: NaiveDate },
    #[error("no household in this store has the wijk {0:?}")]
    UnknownWijk(String),
    #[error("cannot write {path}: {detail}")]
    Write { path: String, detail: String },
    #[error("the spreadsheet could not be made: {0}")]
    Spreadsheet(String),
}

/// The suppression rule in words (the cover and every CSV state it).
pub fn suppression_rule() -> Text {
    Text {
        nl: "Elk aantal van minder dan 5 huishoudens staat er als '<5'. Ook bedragen over minder dan 5 huishoudens \
             staan er als '<5'. Kan een '<5' uit een totaal worden teruggerekend, dan staat er nog een getal als '<5' \
             (het kleinste in dezelfde rij of kolom), of het totaal. Zo werkt ook het CBS."
            .into(),
        en: "Every count of fewer than 5 households is shown as '<5'. Amounts about fewer than 5 households are \
             shown as '<5' too. Where a '<5' could be worked out from a total, one more number is shown as '<5' (the \
             smallest in the same row or column), or the total. CBS does the same."
            .into(),
    }
}

fn t(nl: &str, en: &str) -> Text {
    Text { nl: nl.into(), en: en.into() }
}

/// Households in a cell: the count and its basis.
fn hh(n: usize) -> Option<(f64, u32)> {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    Some((f64::from(n), n))
}

/// An amount about `basis` households (hidden with them).
fn amount(value: f64, basis: usize) -> Option<(f64, u32)> {
    Some((value, u32::try_from(basis).unwrap_or(u32::MAX)))
}

fn col(nl: &str, en: &str, unit: &str, decimals: u32) -> ReportColumn {
    ReportColumn { header: t(nl, en), unit: unit.into(), decimals }
}

/// A cell being filled: its number and the households behind it; `None`: nothing to show.
type GridCell = Option<(f64, u32)>;

/// A table being filled: cells with the households behind them, and which cells add up.
struct Grid {
    id: &'static str,
    title: Text,
    columns: Vec<ReportColumn>,
    rows: Vec<(Text, bool, Vec<GridCell>)>,
    rules: Vec<SumRule>,
    chart: Option<ReportChart>,
    note: Text,
}

impl Grid {
    fn new(id: &'static str, title: Text, columns: Vec<ReportColumn>, note: Text) -> Grid {
        Grid { id, title, columns, rows: Vec::new(), rules: Vec::new(), chart: None, note }
    }

    fn row(&mut self, label: Text, cells: Vec<GridCell>) {
        self.rows.push((label, false, cells));
    }

    fn total(&mut self, label: Text, cells: Vec<GridCell>) {
        self.rows.push((label, true, cells));
    }

    fn chart(mut self, kind: ChartKind, column: u32) -> Grid {
        self.chart = Some(ReportChart { kind, column });
        self
    }

    /// In each of `cols`, the total rows are the sum of the other rows.
    fn columns_add_up(&mut self, cols: &[usize]) {
        let w = self.columns.len();
        let parts: Vec<usize> = (0..self.rows.len()).filter(|&r| !self.rows[r].1).collect();
        for total in (0..self.rows.len()).filter(|&r| self.rows[r].1) {
            for &c in cols {
                self.rules.push(SumRule { parts: parts.iter().map(|r| r * w + c).collect(), total: total * w + c });
            }
        }
    }

    /// In every row, column `total` is the sum of `parts`.
    fn rows_add_up(&mut self, parts: &[usize], total: usize) {
        let w = self.columns.len();
        for r in 0..self.rows.len() {
            self.rules.push(SumRule { parts: parts.iter().map(|c| r * w + c).collect(), total: r * w + total });
        }
    }

    fn build(self) -> ReportTable {
        let w = self.columns.len();
        let bases: Vec<CellBasis> = self
            .rows
            .iter()
            .flat_map(|(_, _, cells)| (0..w).map(move |c| cells.get(c).copied().flatten()))
            .map(|cell| match cell {
                Some((value, households)) => CellBasis { households, value },
                // Nothing to show is never small, and the last choice to hide.
                None => CellBasis { households: u32::MAX, value: f64::MAX },
            })
            .collect();
        let hidden = suppress(&bases, &self.rules);
        let rows = self
            .rows
            .into_iter()
            .enumerate()
            .map(|(r, (label, total, cells))| ReportRow {
                label,
                total,
                cells: (0..w)
                    .map(|c| match (cells.get(c).copied().flatten(), hidden[r * w + c]) {
                        (_, Some(_)) => ReportCell::Suppressed,
                        (None, None) => ReportCell::Empty,
                        (Some((v, _)), None) => ReportCell::Value { value: round(v, self.columns[c].decimals) },
                    })
                    .collect(),
            })
            .collect();
        ReportTable { id: self.id.into(), title: self.title, columns: self.columns, rows, chart: self.chart, note: self.note }
    }
}

fn round(v: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    (v * f).round() / f
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let n = xs.len();
    Some(if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 })
}

/// The sum of `xs` added in the order of their values, not of the households they come from:
/// a float sum depends on its order, and a total on a rounding edge (amounts in halves are
/// common) must not change when the same households are read in another order (an erased
/// household counts under its residue's id).
fn total(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.iter().sum()
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| total(xs.to_vec()) / xs.len() as f64)
}

/// The figures of one household in the period (its last combined visit or intake with a
/// checklist).
struct HouseholdFigures {
    wijk: String,
    figures: Rc<VisitFigures>,
}

/// The report for `request`, made on `made_on`.
///
/// Each visit's figures come from the local cache when it is current, and are evaluated (and
/// cached) otherwise; that is the only write, and a store that cannot be written still gives
/// the whole report.
pub fn report(store: &mut Store, templates: &Templates, request: &ReportRequest, made_on: NaiveDate) -> Reply<Report> {
    let (from, to) = (request.from, request.to);
    if to < from {
        return Err(ReportError::PeriodBackwards { from, to }.into());
    }
    let households = store.report_households()?;
    let known: BTreeSet<&str> = households.iter().map(|h| h.wijk.as_str()).collect();
    let mut chosen: Vec<String> = Vec::new();
    for w in &request.wijken {
        let w = w.trim();
        if !known.contains(w) {
            return Err(ReportError::UnknownWijk(w.to_owned()).into());
        }
        if !chosen.iter().any(|c| c == w) {
            chosen.push(w.to_owned());
        }
    }
    let all_wijken = chosen.is_empty();
    let wijken: Vec<String> = if all_wijken { known.iter().map(|w| (*w).to_owned()).collect() } else { chosen };
    let selected: HashMap<HouseholdId, &str> = households
        .iter()
        .filter(|h| wijken.contains(&h.wijk))
        .map(|h| (h.id, h.wijk.as_str()))
        .collect();

    // Every visit of the selection up to the end of the period (the earlier ones for the
    // first reading of a follow-up), and those of the period.
    let history: Vec<ReportVisit> = store
        .report_visits(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN), to)?
        .into_iter()
        .filter(|v| selected.contains_key(&v.household_id))
        .collect();
    let mut history = history;
    history.sort_by_key(|a| (a.date, a.id));
    // The first done visit of each household (up to the end of the period: a later one does
    // not make it new in this period).
    let mut first_done: HashMap<HouseholdId, NaiveDate> = HashMap::default();
    for v in history.iter().filter(|v| v.status == VisitStatus::Done) {
        first_done.entry(v.household_id).or_insert(v.date);
    }
    let period: Vec<&ReportVisit> = history.iter().filter(|v| v.date >= from).collect();
    let done: Vec<&ReportVisit> = period.iter().copied().filter(|v| v.status == VisitStatus::Done).collect();
    let mut source = VisitFigureSource::new(store, templates)?;
    // Each household's last combined visit or intake of the period with a checklist.
    let mut figures: BTreeMap<HouseholdId, HouseholdFigures> = BTreeMap::new();
    for v in done.iter().rev().filter(|v| v.kind != VisitKind::FollowUp) {
        if figures.contains_key(&v.household_id) {
            continue;
        }
        if let Some(f) = source.get(store, v)? {
            let wijk = selected.get(&v.household_id).map(|w| (*w).to_owned()).unwrap_or_default();
            figures.insert(v.household_id, HouseholdFigures { wijk, figures: f });
        }
    }
    let figures_ref = templates.current().figures();
    let tables = vec![
        reached(&wijken, &selected, &done, &first_done, from, to),
        visits(&done),
        measures(&figures, templates),
        savings(&wijken, &figures, figures_ref),
        measured(store, templates, &history, &done, &mut source)?,
        energy_quote(&figures),
        indicators(&figures),
        referrals(store, templates, &done)?,
        follow_ups(&period),
        materials(store, templates, &selected, from, to)?,
    ];
    source.save(store);
    Ok(Report {
        cover: ReportCover {
            title: t("Rapportage voor de gemeente", "Report for the municipality"),
            from,
            to,
            wijken,
            all_wijken,
            figures_id: figures_ref.id.clone(),
            figures_version: figures_ref.version,
            suppression_rule: suppression_rule(),
            anonymity: t(
                "Dit rapport bevat geen namen, adressen of vrije tekst. Alleen aantallen en bedragen.",
                "This report holds no names, addresses or free text. Only counts and amounts.",
            ),
            made_on,
        },
        tables,
    })
}

fn wijk_label(w: &str) -> Text {
    if w.is_empty() {
        t("(geen wijk)", "(no wijk)")
    } else {
        Text { nl: w.to_owned(), en: w.to_owned() }
    }
}

fn reached(
    wijken: &[String],
    selected: &HashMap<HouseholdId, &str>,
    done: &[&ReportVisit],
    first_done: &HashMap<HouseholdId, NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> ReportTable {
    let reached: HashSet<HouseholdId> = done.iter().map(|v| v.household_id).collect();
    let mut g = Grid::new(
        "households",
        t("Huishoudens bereikt", "Households reached"),
        vec![col("Nieuw in de periode", "New in the period", "households", 0), col("Bereikt in de periode", "Reached in the period", "households", 0)],
        t(
            "Bereikt: minstens één afgerond bezoek in de periode. Nieuw: het eerste afgeronde bezoek ooit valt in de periode.",
            "Reached: at least one done visit in the period. New: the first done visit ever is in the period.",
        ),
    );
    let is_new = |h: &HouseholdId| first_done.get(h).is_some_and(|d| *d >= from && *d <= to);
    for w in wijken {
        let here: Vec<&HouseholdId> = reached.iter().filter(|h| selected.get(h).is_some_and(|x| x == w)).collect();
        g.row(wijk_label(w), vec![hh(here.iter().filter(|h| is_new(h)).count()), hh(here.len())]);
    }
    g.total(t("Totaal", "Total"), vec![hh(reached.iter().filter(|h| is_new(h)).count()), hh(reached.len())]);
    g.columns_add_up(&[0, 1]);
    g.chart(ChartKind::Column, 1).build()
}

const KINDS: [(VisitKind, &str, &str); 3] = [
    (VisitKind::Intake, "Kennismaking", "Intake"),
    (VisitKind::Combined, "Gecombineerd bezoek", "Combined visit"),
    (VisitKind::FollowUp, "Terugkombezoek", "Follow-up visit"),
];

fn visits(done: &[&ReportVisit]) -> ReportTable {
    let mut g = Grid::new(
        "visits",
        t("Bezoeken per soort", "Visits by kind"),
        vec![col("Bezoeken", "Visits", "count", 0), col("Huishoudens", "Households", "households", 0)],
        t(
            "Afgeronde bezoeken in de periode. Een huishouden kan bij meer soorten meetellen; het totaal telt elk huishouden één keer.",
            "Visits done in the period. A household can count under more than one kind; the total counts each household once.",
        ),
    );
    for (kind, nl, en) in KINDS {
        let these: Vec<&&ReportVisit> = done.iter().filter(|v| v.kind == kind).collect();
        let households: HashSet<HouseholdId> = these.iter().map(|v| v.household_id).collect();
        g.row(t(nl, en), vec![amount(these.len() as f64, households.len()), hh(households.len())]);
    }
    let households: HashSet<HouseholdId> = done.iter().map(|v| v.household_id).collect();
    g.total(t("Totaal", "Total"), vec![amount(done.len() as f64, households.len()), hh(households.len())]);
    g.columns_add_up(&[0]);
    g.chart(ChartKind::Column, 0).build()
}

fn measure_label(templates: &Templates, id: &str) -> Text {
    templates.current().figures().measure(id).map_or_else(|| Text { nl: id.to_owned(), en: id.to_owned() }, |m| m.label.clone())
}

fn measures(figures: &BTreeMap<HouseholdId, HouseholdFigures>, templates: &Templates) -> ReportTable {
    // measure → (households, number)
    let mut by: BTreeMap<String, (HashSet<HouseholdId>, u64)> = BTreeMap::new();
    for (id, f) in figures {
        for (measure, quantity) in &f.figures.measures {
            let e = by.entry(measure.clone()).or_default();
            e.0.insert(*id);
            e.1 += u64::from(*quantity);
        }
    }
    let mut g = Grid::new(
        "measures",
        t("Maatregelen geplaatst of afgesproken", "Measures installed or agreed"),
        vec![col("Huishoudens", "Households", "households", 0), col("Aantal", "Number", "count", 0)],
        t(
            "Uit het gecombineerde bezoek: wat is geplaatst (bijvoorbeeld ledlampen, tochtstrips) en wat is afgesproken (bijvoorbeeld korter douchen). Alleen maatregelen die bij de verwarming passen.",
            "From the combined visit: what was installed (LED lamps, draught strips) and what was agreed (shorter showers, for example). Only measures that fit the heating.",
        ),
    );
    let mut rows: Vec<(Text, usize, u64)> =
        by.iter().map(|(m, (h, n))| (measure_label(templates, m), h.len(), *n)).collect();
    rows.sort_by(|a, b| a.0.nl.cmp(&b.0.nl));
    for (label, h, n) in rows {
        g.row(label, vec![hh(h), amount(n as f64, h)]);
    }
    let any: HashSet<HouseholdId> = by.values().flat_map(|(h, _)| h.iter().copied()).collect();
    g.total(t("Totaal", "Total"), vec![hh(any.len()), amount(by.values().map(|(_, n)| *n as f64).sum(), any.len())]);
    g.columns_add_up(&[1]);
    g.chart(ChartKind::Bar, 1).build()
}

/// The CO₂ factors (kg per m³ gas, per kWh, per GJ heat) of the reference figures.
fn co2_factors(figures: &keukentafel_checklist::Figures) -> [f64; 3] {
    [ids::CO2_GAS, ids::CO2_ELECTRICITY, ids::CO2_HEAT].map(|id| figures.value(id).unwrap_or(0.0))
}

/// CO₂ saved per year (kg) for one household's saving, with [`co2_factors`].
fn co2(f: &VisitFigures, [gas, el, heat]: [f64; 3]) -> f64 {
    let heat_gj = if f.heat_supply == HeatSupply::HeatNetwork { f.heat_gj } else { 0.0 };
    f.gas_m3 * gas + f.electricity_kwh * el + heat_gj * heat
}

fn savings(wijken: &[String], figures: &BTreeMap<HouseholdId, HouseholdFigures>, reference: &keukentafel_checklist::Figures) -> ReportTable {
    let source = |id: &str| {
        reference.figure(id).map_or_else(String::new, |f| format!("{} {} ({}, {})", f.value, f.unit, f.source.title, f.source.url))
    };
    let mut g = Grid::new(
        "savings",
        t("Geschatte besparing per jaar", "Estimated yearly savings"),
        vec![
            col("Huishoudens", "Households", "households", 0),
            col("Euro per jaar", "Euro a year", "eur", 0),
            col("Gas (m³)", "Gas (m³)", "m3", 0),
            col("Warmte uit een warmtenet (GJ)", "Heat from a heat network (GJ)", "gj", 1),
            col("Stroom (kWh)", "Electricity (kWh)", "kwh", 0),
            col("CO₂ (kg)", "CO₂ (kg)", "kg", 0),
        ],
        t(
            &format!(
                "Schatting per huishouden met de referentiecijfers, opgeteld. Maatregelen op hetzelfde gebruik zijn gecombineerd, niet opgeteld. CO₂: {}; {}; {}.",
                source(ids::CO2_GAS),
                source(ids::CO2_ELECTRICITY),
                source(ids::CO2_HEAT)
            ),
            &format!(
                "Estimate per household from the reference figures, added up. Measures on the same use are combined, not added. CO₂: {}; {}; {}.",
                source(ids::CO2_GAS),
                source(ids::CO2_ELECTRICITY),
                source(ids::CO2_HEAT)
            ),
        ),
    );
    let factors = co2_factors(reference);
    let line = |fs: Vec<&VisitFigures>| {
        let n = fs.len();
        let sum = |f: &dyn Fn(&VisitFigures) -> f64| total(fs.iter().map(|k| f(k)).collect());
        vec![
            hh(n),
            amount(sum(&|k| k.eur), n),
            amount(sum(&|k| k.gas_m3), n),
            amount(sum(&|k| if k.heat_supply == HeatSupply::HeatNetwork { k.heat_gj } else { 0.0 }), n),
            amount(sum(&|k| k.electricity_kwh), n),
            amount(sum(&|k| co2(k, factors)), n),
        ]
    };
    for w in wijken {
        g.row(wijk_label(w), line(figures.values().filter(|f| &f.wijk == w).map(|f| &*f.figures).collect()));
    }
    g.total(t("Totaal", "Total"), line(figures.values().map(|f| &*f.figures).collect()));
    g.columns_add_up(&[0, 1, 2, 3, 4, 5]);
    g.chart(ChartKind::Column, 1).build()
}

fn measured(
    store: &Store,
    templates: &Templates,
    history: &[ReportVisit],
    done: &[&ReportVisit],
    source: &mut VisitFigureSource<'_>,
) -> Reply<ReportTable> {
    use keukentafel_checklist::MeasuredUse;
    // use → (measured per year, estimated per year) per household
    let mut lines: BTreeMap<u8, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    let mut counted: HashSet<HouseholdId> = HashSet::default();
    // Each household's visits by date (the history comes by date).
    let mut by_household: HashMap<HouseholdId, Vec<&ReportVisit>> = HashMap::default();
    // (only the visits that can be a first visit: done, not a follow-up, with a checklist)
    for v in history.iter().filter(|v| v.status == VisitStatus::Done && v.kind != VisitKind::FollowUp && !v.template_id.is_empty()) {
        by_household.entry(v.household_id).or_default().push(v);
    }
    for f in done.iter().rev().filter(|v| v.kind == VisitKind::FollowUp && !v.template_id.is_empty()) {
        if counted.contains(&f.household_id) {
            continue;
        }
        let Some(this) = source.get(store, f)? else { continue };
        let Some(to) = &this.follow_up_reading else { continue };
        // The latest earlier visit with meter readings (as the follow-up screen finds it).
        let mut first = None;
        let earlier = by_household.get(&f.household_id).map(Vec::as_slice).unwrap_or_default();
        for v in earlier.iter().rev().filter(|v| {
            v.id != f.id
                && v.status == VisitStatus::Done
                && v.kind != VisitKind::FollowUp
                && v.date <= f.date
        }) {
            if let Some(e) = source.get(store, v)? {
                if let Some(r) = e.reading.clone() {
                    first = Some((e, r));
                    break;
                }
            }
        }
        let Some((e, from)) = first else { continue };
        let heating = this.heating;
        let figures = templates.current_for(VisitKind::FollowUp).figures();
        let Ok(change) = measured_change(&from, to, heating, &e.key_figures(), figures) else { continue };
        counted.insert(f.household_id);
        for l in change.lines {
            let key = match l.measured_use {
                MeasuredUse::Gas => 0,
                MeasuredUse::Heat => 1,
                MeasuredUse::Electricity => 2,
            };
            let e = lines.entry(key).or_default();
            if let Some(c) = l.change_per_day {
                e.0.push(c * 365.0);
                e.1.push(l.estimated_change_per_day * 365.0);
            }
        }
    }
    let mut g = Grid::new(
        "measured",
        t("Gemeten verandering", "Measured change"),
        vec![
            col("Huishoudens", "Households", "households", 0),
            col("Gemeten verandering per huishouden per jaar", "Measured change per household a year", "", 0),
            col("Geschatte verandering per huishouden per jaar", "Estimated change per household a year", "", 0),
        ],
        t(
            "Huishoudens met een terugkombezoek in de periode, met meterstanden bij het eerste bezoek en bij het terugkombezoek (minstens 7 dagen ertussen). Gemeten: verbruik per dag sinds het eerste bezoek min het verbruik van de jaarafrekening, maal 365. Min is minder verbruik. Gemiddelde per huishouden.",
            "Households with a follow-up visit in the period, with meter readings at the first visit and at the follow-up (at least 7 days apart). Measured: use per day since the first visit minus the use on the annual bill, times 365. Negative is less use. Average per household.",
        ),
    );
    for (key, nl, en) in [(0u8, "Gas (m³)", "Gas (m³)"), (1, "Warmte (GJ)", "Heat (GJ)"), (2, "Stroom (kWh)", "Electricity (kWh)")] {
        let (m, e) = lines.remove(&key).unwrap_or_default();
        let n = m.len();
        g.row(t(nl, en), vec![hh(n), mean(&m).and_then(|x| amount(x, n)), mean(&e).and_then(|x| amount(x, n))]);
    }
    Ok(g.build())
}

fn energy_quote(figures: &BTreeMap<HouseholdId, HouseholdFigures>) -> ReportTable {
    let threshold = figures.values().find_map(|f| f.figures.threshold);
    let pct = threshold.map_or_else(|| "?".to_owned(), |v| format!("{}", round(v * 100.0, 1)));
    let mut g = Grid::new(
        "energy_quote",
        t("Energiequote voor en na", "Energy quote before and after"),
        vec![
            col("Met bekende energiequote", "With a known energy quote", "households", 0),
            col("Boven de drempel", "Above the threshold", "households", 0),
            col("Niet boven de drempel", "Not above the threshold", "households", 0),
            col("Gemiddelde energiequote (%)", "Average energy quote (%)", "percent", 1),
        ],
        t(
            &format!("Energiequote: energiekosten per jaar gedeeld door het besteedbaar inkomen per jaar. Drempel: {pct} %. Na: met de geschatte besparing."),
            &format!("Energy quote: energy cost a year divided by the disposable income a year. Threshold: {pct}%. After: with the estimated saving."),
        ),
    );
    for (after, nl, en) in [(false, "Voor de maatregelen", "Before the measures"), (true, "Na de maatregelen", "After the measures")] {
        let mut quotes = Vec::new();
        let (mut above, mut below) = (0, 0);
        for f in figures.values() {
            let (q, high) =
                if after { (f.figures.quote_after, f.figures.high_after) } else { (f.figures.quote_before, f.figures.high_before) };
            if let (Some(q), Some(high)) = (q, high) {
                quotes.push(q * 100.0);
                if high {
                    above += 1;
                } else {
                    below += 1;
                }
            }
        }
        let n = quotes.len();
        g.row(t(nl, en), vec![hh(n), hh(above), hh(below), mean(&quotes).and_then(|m| amount(m, n))]);
    }
    g.rows_add_up(&[1, 2], 0);
    g.chart(ChartKind::Column, 1).build()
}

fn indicators(figures: &BTreeMap<HouseholdId, HouseholdFigures>) -> ReportTable {
    let mut g = Grid::new(
        "indicators",
        t("Energiearmoede: LIHE en LILEK", "Energy poverty: LIHE and LILEK"),
        vec![
            col("Ja", "Yes", "households", 0),
            col("Nee", "No", "households", 0),
            col("Niet bekend", "Not known", "households", 0),
            col("Huishoudens", "Households", "households", 0),
        ],
        t(
            "Per huishouden bij het gecombineerde bezoek in de periode, volgens de definities van TNO (Energiearmoede-monitor): LIHE = laag inkomen en hoge energiequote; LILEK = laag inkomen en een huis met energielabel E, F of G.",
            "Per household at the combined visit in the period, by the TNO definitions (energy poverty monitor): LIHE = low income and high energy quote; LILEK = low income and a home with energy label E, F or G.",
        ),
    );
    for (kind, nl, en) in [
        (IndicatorKind::Lihe, "LIHE: laag inkomen, hoge energiequote", "LIHE: low income, high energy quote"),
        (IndicatorKind::Lilek, "LILEK: laag inkomen, slecht geïsoleerd huis", "LILEK: low income, poorly insulated home"),
        (IndicatorKind::HighEnergyQuote, "Hoge energiequote", "High energy quote"),
        (IndicatorKind::LowIncome, "Laag inkomen", "Low income"),
        (IndicatorKind::HiddenEnergyPoverty, "Verborgen energiearmoede", "Hidden energy poverty"),
    ] {
        let (mut yes, mut no, mut unknown) = (0, 0, 0);
        for f in figures.values() {
            match f.figures.indicators.iter().find(|(k, _)| *k == kind).and_then(|(_, v)| *v) {
                Some(true) => yes += 1,
                Some(false) => no += 1,
                None => unknown += 1,
            }
        }
        g.row(t(nl, en), vec![hh(yes), hh(no), hh(unknown), hh(figures.len())]);
    }
    g.rows_add_up(&[0, 1, 2], 3);
    g.chart(ChartKind::Bar, 0).build()
}

fn referrals(store: &Store, templates: &Templates, done: &[&ReportVisit]) -> Reply<ReportTable> {
    // Referrals made at the done visits of the period (of the selection), dated by that visit.
    let visits: HashMap<keukentafel_domain::VisitId, NaiveDate> = done.iter().map(|v| (v.id, v.date)).collect();
    let all: Vec<(keukentafel_store::ReportReferral, NaiveDate)> = store
        .report_referrals()?
        .into_iter()
        .filter_map(|r| {
            let d = visits.get(&r.visit_id).copied()?;
            Some((r, d))
        })
        .collect();
    let mut g = Grid::new(
        "referrals",
        t("Doorverwijzingen en hun uitkomst", "Referrals and their outcome"),
        vec![
            col("Doorverwijzingen", "Referrals", "count", 0),
            col("Gedaan", "Done", "count", 0),
            col("Nog bezig", "Still open", "count", 0),
            col("Niet meer nodig", "No longer needed", "count", 0),
            col("Geen reactie", "No response", "count", 0),
            col("Mediaan dagen tot gedaan", "Median days until done", "days", 0),
        ],
        t(
            "Doorverwijzingen gemaakt bij de afgeronde bezoeken in de periode, met hun stand nu. Dagen: van het bezoek tot de dag dat de doorverwijzing gedaan was.",
            "Referrals made at the visits done in the period, with where they stand now. Days: from the visit to the day the referral was done.",
        ),
    );
    let line = |rs: Vec<&(keukentafel_store::ReportReferral, NaiveDate)>| {
        let households = |f: &dyn Fn(TaskStatus) -> bool| {
            rs.iter().filter(|(r, _)| f(r.status)).map(|(r, _)| r.household_id).collect::<HashSet<_>>().len()
        };
        let count = |f: &dyn Fn(TaskStatus) -> bool| rs.iter().filter(|(r, _)| f(r.status)).count();
        let cell = |f: &dyn Fn(TaskStatus) -> bool| amount(count(f) as f64, households(f));
        let days: Vec<f64> = rs
            .iter()
            .filter(|(r, _)| r.status == TaskStatus::Done)
            .filter_map(|(r, made_on)| r.closed_on.map(|c| (c - *made_on).num_days().max(0) as f64))
            .collect();
        vec![
            cell(&|_| true),
            cell(&|s| s == TaskStatus::Done),
            cell(&|s| s.is_open()),
            cell(&|s| s == TaskStatus::NotNeeded),
            cell(&|s| s == TaskStatus::NoResponse),
            median(days).and_then(|m| amount(m, households(&|s| s == TaskStatus::Done))),
        ]
    };
    let kinds: BTreeSet<&str> = all.iter().map(|(r, _)| r.step_id.as_str()).collect();
    let mut rows: Vec<(Text, Vec<GridCell>)> = kinds
        .iter()
        .map(|k| (templates.step_question(k), line(all.iter().filter(|(r, _)| r.step_id == *k).collect())))
        .collect();
    rows.sort_by(|a, b| a.0.nl.cmp(&b.0.nl));
    for (label, cells) in rows {
        g.row(label, cells);
    }
    g.total(t("Totaal", "Total"), line(all.iter().collect()));
    g.columns_add_up(&[0, 1, 2, 3, 4]);
    g.rows_add_up(&[1, 2, 3, 4], 0);
    Ok(g.chart(ChartKind::Bar, 0).build())
}

fn follow_ups(period: &[&ReportVisit]) -> ReportTable {
    let due: Vec<&&ReportVisit> =
        period.iter().filter(|v| v.kind == VisitKind::FollowUp && v.status != VisitStatus::Cancelled).collect();
    let households = |f: &dyn Fn(&ReportVisit) -> bool| due.iter().filter(|v| f(v)).map(|v| v.household_id).collect::<HashSet<_>>();
    let all = households(&|_| true);
    let done = households(&|v| v.status == VisitStatus::Done);
    let open = all.len() - done.len();
    let mut g = Grid::new(
        "follow_ups",
        t("Terugkombezoeken", "Follow-up visits"),
        vec![
            col("Gepland in de periode", "Planned in the period", "households", 0),
            col("Gedaan", "Done", "households", 0),
            col("Niet gedaan", "Not done", "households", 0),
            col("Deel gedaan (%)", "Share done (%)", "percent", 0),
        ],
        t(
            "Huishoudens met een terugkombezoek op een dag in de periode (afgezegde niet meegeteld), en hoeveel daarvan gedaan zijn.",
            "Households with a follow-up visit dated in the period (cancelled ones left out), and how many of those were done.",
        ),
    );
    let share = (!all.is_empty()).then(|| done.len() as f64 * 100.0 / all.len() as f64);
    g.row(t("Terugkombezoeken", "Follow-up visits"), vec![hh(all.len()), hh(done.len()), hh(open), share.and_then(|s| amount(s, all.len()))]);
    g.rows_add_up(&[1, 2], 0);
    g.build()
}

fn materials(
    store: &Store,
    templates: &Templates,
    selected: &HashMap<HouseholdId, &str>,
    from: NaiveDate,
    to: NaiveDate,
) -> Reply<ReportTable> {
    let all: Vec<_> = store.report_materials(from, to)?.into_iter().filter(|m| selected.contains_key(&m.household_id)).collect();
    let measures = crate::stock::installable_measures(templates);
    // item → (label, households, number, cost in cents)
    let mut by: BTreeMap<keukentafel_domain::StockItemId, (Text, HashSet<HouseholdId>, u64, u64)> = BTreeMap::new();
    // The label of each item, once: a measure's label, or the name the coordinator gave it.
    let label = |m: &keukentafel_store::ReportMaterial| {
        if !m.measure.is_empty() {
            measure_label(templates, &m.measure)
        } else if let Some((measure, _)) = measures.iter().find(|(id, _)| keukentafel_domain::stock_item_for_measure(id) == m.item_id) {
            measure_label(templates, measure)
        } else {
            Text { nl: m.name.clone(), en: m.name.clone() }
        }
    };
    for m in &all {
        let e = by.entry(m.item_id).or_insert_with(|| (label(m), HashSet::default(), 0, 0));
        e.1.insert(m.household_id);
        e.2 += u64::from(m.quantity);
        e.3 += u64::from(m.quantity) * u64::from(m.unit_cost_cents);
    }
    let mut g = Grid::new(
        "materials",
        t("Materialen en hun kosten", "Materials and their cost"),
        vec![
            col("Huishoudens", "Households", "households", 0),
            col("Aantal uitgegeven", "Number handed out", "count", 0),
            col("Kosten (euro)", "Cost (euro)", "eur", 2),
        ],
        t(
            "Materialen die in de periode bij een huishouden zijn geplaatst of uitgegeven, met de kostprijs per stuk uit de voorraadlijst.",
            "Materials installed or handed out to a household in the period, at the cost per item in the stock list.",
        ),
    );
    let mut rows: Vec<_> = by.values().collect();
    rows.sort_by(|a, b| a.0.nl.cmp(&b.0.nl));
    for (label, h, n, cents) in rows {
        g.row(label.clone(), vec![hh(h.len()), amount(*n as f64, h.len()), amount(*cents as f64 / 100.0, h.len())]);
    }
    let any: HashSet<HouseholdId> = by.values().flat_map(|v| v.1.iter().copied()).collect();
    let n: u64 = by.values().map(|v| v.2).sum();
    let cents: u64 = by.values().map(|v| v.3).sum();
    g.total(t("Totaal", "Total"), vec![hh(any.len()), amount(n as f64, any.len()), amount(cents as f64 / 100.0, any.len())]);
    g.columns_add_up(&[1, 2]);
    Ok(g.chart(ChartKind::Bar, 2).build())
}

/// What `save_report` wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedReport {
    /// The files written: one XLSX, or one CSV per table.
    pub files: Vec<String>,
}

/// XLSX (one file) or CSV (a folder with one file per table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Xlsx,
    Csv,
}

/// Makes the report and saves it at `path`: an `.xlsx` file, or a folder of CSV files. A file
/// is written whole or not at all.
pub fn save_report(
    store: &mut Store,
    templates: &Templates,
    request: &ReportRequest,
    format: ReportFormat,
    path: &std::path::Path,
    made_on: NaiveDate,
) -> Reply<SavedReport> {
    let report = report(store, templates, request, made_on)?;
    let files = match format {
        ReportFormat::Xlsx => export::save_xlsx(&report, path)?,
        ReportFormat::Csv => export::save_csv(&report, path)?,
    };
    Ok(SavedReport { files: files.iter().map(|p| p.display().to_string()).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_hides_small_cells_and_their_complement() {
        let mut g = Grid::new("t", t("a", "a"), vec![col("n", "n", "households", 0), col("eur", "eur", "eur", 0)], t("", ""));
        g.row(t("A", "A"), vec![hh(3), amount(300.0, 3)]);
        g.row(t("B", "B"), vec![hh(20), amount(2000.0, 20)]);
        g.row(t("C", "C"), vec![hh(9), amount(900.0, 9)]);
        g.total(t("T", "T"), vec![hh(32), amount(3200.0, 32)]);
        g.columns_add_up(&[0, 1]);
        let table = g.build();
        let shown: Vec<Vec<&ReportCell>> = table.rows.iter().map(|r| r.cells.iter().collect()).collect();
        // A is small; C (the next smallest) goes too, in both columns; B and the total stay.
        assert_eq!(shown[0], vec![&ReportCell::Suppressed, &ReportCell::Suppressed]);
        assert_eq!(shown[2], vec![&ReportCell::Suppressed, &ReportCell::Suppressed]);
        assert_eq!(shown[1], vec![&ReportCell::Value { value: 20.0 }, &ReportCell::Value { value: 2000.0 }]);
        assert_eq!(shown[3], vec![&ReportCell::Value { value: 32.0 }, &ReportCell::Value { value: 3200.0 }]);
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }
}
