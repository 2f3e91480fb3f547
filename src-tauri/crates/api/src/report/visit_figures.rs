//! Each visit's key figures as the report reads them, and their cache in the store
//! (`visit_figures`, migration 0010: local, derived, dropped by triggers whenever an answer,
//! the visit, its household or its consent changes). A row is used only when it was made with
//! the same template, figures and [`FORMAT`] as this program would use; otherwise the visit is
//! evaluated again and the row replaced. Evaluating takes about 45 µs a visit plus its reads;
//! a row is read from about 150 bytes of postcard (a compact binary serde format; since
//! [`FORMAT`] 3, migration 0015), which took a tenth of a JSON parse's time.
//!
//! The visits of erased households' statistical residue (`keukentafel_store::residue`) carry
//! the figures they had when they were erased, in this same JSON: [`VisitFigureSource`] reads
//! them as they are (their answers are gone). So a change to [`VisitFigures`] must keep reading
//! what older versions wrote (new fields `#[serde(default)]`); a residue row that does not read
//! counts as a visit without figures.

use std::rc::Rc;

// Keyed by ids made here, not by an attacker: the fast hash is safe.
use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;
use keukentafel_checklist::{Amount, HeatSupply, IndicatorKind, KeyFigures, MeterReading, Saving};
use keukentafel_domain::{Household, HouseholdId, VisitId};
use keukentafel_store::{ReportVisit, Store};
use serde::{Deserialize, Serialize};

use crate::follow_up::reading_of;
use crate::visits::Templates;
use crate::Reply;

/// The layout of a cached row; a change here makes every row be made again. Postcard has no
/// field names, so any change to [`VisitFigures`] or the types in it must raise this.
pub const FORMAT: u32 = 3;

/// What the report needs of one evaluated visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitFigures {
    /// The household's heating (a change of the household drops the row).
    pub heating: Option<keukentafel_domain::Heating>,
    pub heat_supply: HeatSupply,
    pub quote_before: Option<f64>,
    pub quote_after: Option<f64>,
    pub high_before: Option<bool>,
    pub high_after: Option<bool>,
    pub threshold: Option<f64>,
    pub indicators: Vec<(IndicatorKind, Option<bool>)>,
    /// The combined yearly saving.
    pub eur: f64,
    pub gas_m3: f64,
    pub heat_gj: f64,
    pub electricity_kwh: f64,
    /// (measure, quantity) of everything counted in the saving.
    pub measures: Vec<(String, u32)>,
    /// The use on the annual bill (the start of a measured change).
    pub gas_m3_year: Option<f64>,
    pub heat_gj_year: Option<f64>,
    pub electricity_kwh_year: Option<f64>,
    /// The meter readings as a first visit gives them, and as a follow-up gives them.
    pub reading: Option<MeterReading>,
    pub follow_up_reading: Option<MeterReading>,
}

impl VisitFigures {
    fn of(
        k: &KeyFigures,
        answers: &keukentafel_checklist::Answers,
        date: NaiveDate,
        heating: Option<keukentafel_domain::Heating>,
    ) -> VisitFigures {
        let v = |a: &Option<Amount>| a.as_ref().map(|a| a.value);
        VisitFigures {
            heating,
            heat_supply: k.heat_supply,
            quote_before: v(&k.energy_quote_before),
            quote_after: v(&k.energy_quote_after),
            high_before: k.high_energy_quote_before,
            high_after: k.high_energy_quote_after,
            threshold: v(&k.high_energy_quote_threshold),
            indicators: k.indicators.iter().map(|i| (i.kind, i.value)).collect(),
            eur: k.total_saving.eur,
            gas_m3: k.total_saving.gas_m3,
            heat_gj: k.total_saving.heat_gj,
            electricity_kwh: k.total_saving.electricity_kwh,
            measures: k.savings.iter().map(|s| (s.measure.clone(), s.quantity)).collect(),
            gas_m3_year: v(&k.gas_m3_year),
            heat_gj_year: v(&k.heat_gj_year),
            electricity_kwh_year: v(&k.electricity_kwh_year),
            reading: reading_of(answers, None),
            follow_up_reading: reading_of(answers, Some(date)),
        }
    }

    /// The key figures `measured_change` reads of a first visit (use on the bill, saving).
    pub fn key_figures(&self) -> KeyFigures {
        let amount = |v: Option<f64>| v.map(|value| Amount { value, unit: String::new(), figures_used: Vec::new(), estimate: false });
        KeyFigures {
            heat_supply: self.heat_supply,
            gas_m3_year: amount(self.gas_m3_year),
            heat_gj_year: amount(self.heat_gj_year),
            electricity_kwh_year: amount(self.electricity_kwh_year),
            total_saving: Saving {
                eur: self.eur,
                gas_m3: self.gas_m3,
                heat_gj: self.heat_gj,
                electricity_kwh: self.electricity_kwh,
                ..Saving::default()
            },
            ..KeyFigures::default()
        }
    }
}

/// Visits' figures for one report: from the cache where it is current, evaluated otherwise
/// (and written to the cache at the end, [`VisitFigureSource::save`]).
pub struct VisitFigureSource<'a> {
    templates: &'a Templates,
    cached: HashMap<VisitId, (String, Vec<u8>)>,
    made: Vec<(VisitId, HouseholdId, String, Vec<u8>)>,
    /// The cache version of each (template, version) met in this report.
    versions: HashMap<(std::sync::Arc<str>, i64), Option<String>>,
    /// Figures already read in this report (a first visit is read again for a follow-up).
    read: HashMap<VisitId, Option<Rc<VisitFigures>>>,
    households: HashMap<HouseholdId, Household>,
    /// The residue's figures of erased households' visits (JSON), by their residue ids.
    residue: HashMap<VisitId, String>,
    /// Figures read from the cache and evaluated, for the report's figures.
    pub from_cache: usize,
    pub evaluated: usize,
}

impl<'a> VisitFigureSource<'a> {
    pub fn new(store: &Store, templates: &'a Templates) -> Reply<VisitFigureSource<'a>> {
        Ok(VisitFigureSource {
            templates,
            cached: store.cached_visit_figures()?.into_iter().map(|(visit, version, bytes)| (visit, (version, bytes))).collect(),
            made: Vec::new(),
            versions: HashMap::default(),
            read: HashMap::default(),
            households: HashMap::default(),
            residue: store.residue_visit_figures()?.into_iter().collect(),
            from_cache: 0,
            evaluated: 0,
        })
    }

    /// The figures of `visit`; `None` when its checklist was never opened.
    pub fn get(&mut self, store: &Store, visit: &ReportVisit) -> Reply<Option<Rc<VisitFigures>>> {
        if let Some(f) = self.read.get(&visit.id) {
            return Ok(f.clone());
        }
        let f = self.read_or_evaluate(store, visit)?.map(Rc::new);
        self.read.insert(visit.id, f.clone());
        Ok(f)
    }

    fn read_or_evaluate(&mut self, store: &Store, visit: &ReportVisit) -> Reply<Option<VisitFigures>> {
        if visit.template_id.is_empty() {
            return Ok(None);
        }
        if &*visit.template_id == keukentafel_store::RESIDUE_TEMPLATE {
            return Ok(self.residue.get(&visit.id).and_then(|json| serde_json::from_str(json).ok()));
        }
        let templates = self.templates;
        let version = self
            .versions
            .entry((visit.template_id.clone(), visit.template_version))
            .or_insert_with(|| templates.evaluation_version(&visit.template_id, visit.template_version).map(|v| format!("{v}/r{FORMAT}")));
        let Some(version) = version.as_deref() else { return Ok(None) };
        if let Some((v, bytes)) = self.cached.get(&visit.id) {
            if v == version {
                if let Ok(f) = postcard::from_bytes::<VisitFigures>(bytes) {
                    self.from_cache += 1;
                    return Ok(Some(f));
                }
            }
        }
        let version = version.to_owned();
        let household = self.household(store, visit.household_id)?;
        let Some(e) = self.templates.evaluate_stored(store, visit.id, &household, visit.date)? else { return Ok(None) };
        let figures = VisitFigures::of(&e.evaluation.figures, &e.answers, visit.date, household.data.heating);
        self.evaluated += 1;
        if let Ok(bytes) = postcard::to_stdvec(&figures) {
            self.made.push((visit.id, visit.household_id, version, bytes));
        }
        Ok(Some(figures))
    }

    /// A household record (read once per report).
    pub fn household(&mut self, store: &Store, id: HouseholdId) -> Reply<Household> {
        if let Some(h) = self.households.get(&id) {
            return Ok(h.clone());
        }
        let h = store.household(id)?;
        self.households.insert(id, h.clone());
        Ok(h)
    }

    /// Writes what was evaluated to the cache. A store that cannot be written (a read-only
    /// copy) only loses the time saved next time: the report itself is complete.
    pub fn save(self, store: &mut Store) {
        if !self.made.is_empty() {
            let _ = store.cache_visit_figures(&self.made);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn reading(day: u32, gas: f64) -> MeterReading {
        let date = NaiveDate::from_ymd_opt(2026, 3, day).expect("a date");
        MeterReading { date, readings: BTreeMap::from([("gas".to_owned(), gas), ("electricity_low".to_owned(), 0.1 + 0.2)]) }
    }

    /// Every field filled, with values a text format could round (0.1 + 0.2, tiny and huge
    /// numbers): the cache's bytes give back exactly what was written.
    #[test]
    fn cached_bytes_read_back_exactly() {
        let figures = VisitFigures {
            heating: Some(keukentafel_domain::Heating::DistrictHeating),
            heat_supply: HeatSupply::HeatNetwork,
            quote_before: Some(0.1 + 0.2),
            quote_after: None,
            high_before: Some(true),
            high_after: Some(false),
            threshold: Some(8.0),
            indicators: vec![(IndicatorKind::Lihe, Some(true)), (IndicatorKind::LowIncome, None)],
            eur: 123.456_789,
            gas_m3: f64::MIN_POSITIVE,
            heat_gj: 1e300,
            electricity_kwh: -0.0,
            measures: vec![("led_lamp".to_owned(), 7), ("tochtstrip".to_owned(), u32::MAX)],
            gas_m3_year: Some(1_234.5),
            heat_gj_year: None,
            electricity_kwh_year: Some(2_750.0),
            reading: Some(reading(1, 12_345.678)),
            follow_up_reading: Some(reading(31, 12_999.001)),
        };
        let bytes = postcard::to_stdvec(&figures).expect("bytes");
        let back: VisitFigures = postcard::from_bytes(&bytes).expect("read back");
        assert_eq!(back, figures);
        assert!(back.electricity_kwh.is_sign_negative(), "-0.0 stays -0.0");
        assert!(bytes.len() < 300, "compact: {} bytes", bytes.len());
        // A row cut short or of another layout is not read as figures.
        assert!(postcard::from_bytes::<VisitFigures>(&bytes[..bytes.len() / 2]).is_err());
    }
}
