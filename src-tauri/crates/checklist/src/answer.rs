//! Answers given during a visit, keyed by step id. [`AnswerValue`] mirrors [`crate::Input`]:
//! one variant per input type, so the store can keep each answer as one op and the engine can
//! tell a wrong type from a missing answer.

use std::collections::BTreeMap;

use std::collections::HashMap;

use cel::Value;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::figures::Figures;
use crate::template::Input;
use crate::units::REGISTERS;

/// Answers by step id.
pub type Answers = BTreeMap<String, AnswerValue>;

/// One answer. JSON: `{"type": "yes_no", "value": true}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    YesNo(bool),
    /// The chosen option id.
    Choice(String),
    /// The chosen option ids.
    MultiChoice(Vec<String>),
    Number(f64),
    /// Euro cents.
    Money(#[ts(type = "number")] i64),
    MeterReading(MeterReading),
    Date(#[ts(type = "string")] NaiveDate),
    Text(String),
    MeasureInstalled(Vec<MeasureItem>),
}

impl AnswerValue {
    /// The input type this value belongs to (same names as [`crate::Input::kind`]).
    pub fn kind(&self) -> &'static str {
        match self {
            AnswerValue::YesNo(_) => "yes_no",
            AnswerValue::Choice(_) => "choice",
            AnswerValue::MultiChoice(_) => "multi_choice",
            AnswerValue::Number(_) => "number",
            AnswerValue::Money(_) => "money",
            AnswerValue::MeterReading(_) => "meter_reading",
            AnswerValue::Date(_) => "date",
            AnswerValue::Text(_) => "text",
            AnswerValue::MeasureInstalled(_) => "measure_installed",
        }
    }
}

/// Readings taken on one day; `readings` maps a register (e.g. `gas`) to the meter value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct MeterReading {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub readings: BTreeMap<String, f64>,
}

/// One kind of item installed (or a setting changed) during the visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeasureItem {
    /// A measure id from the reference figures.
    pub measure: String,
    pub quantity: u32,
    /// Where in the house, e.g. "woonkamer".
    #[serde(default)]
    pub location: String,
}

/// Why an answer was ignored; or, for `exclusive_option`, why it contradicts itself (such an
/// answer is still used, so no signal in it is lost, but the volunteer should correct it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AnswerProblem {
    UnknownStep {
        step_id: String,
    },
    WrongType {
        step_id: String,
        expected: String,
        found: String,
    },
    UnknownOption {
        step_id: String,
        option: String,
    },
    NotFinite {
        step_id: String,
    },
    UnknownRegister {
        step_id: String,
        register: String,
    },
    UnknownMeasure {
        step_id: String,
        measure: String,
    },
    /// A multiple-choice answer combines `option`, which means "none of the others", with
    /// other options.
    ExclusiveOption {
        step_id: String,
        option: String,
    },
}

/// Checks an answer against its step's input; `Err` says why it is ignored.
pub(crate) fn check_answer(
    step_id: &str,
    input: &Input,
    value: &AnswerValue,
    figures: &Figures,
) -> Result<(), AnswerProblem> {
    let sid = || step_id.to_string();
    if input.kind() != value.kind() {
        return Err(AnswerProblem::WrongType {
            step_id: sid(),
            expected: input.kind().into(),
            found: value.kind().into(),
        });
    }
    let has_option = |o: &str| input.options().iter().any(|c| c.id == o);
    match (input, value) {
        (_, AnswerValue::Choice(o)) if !has_option(o) => Err(AnswerProblem::UnknownOption {
            step_id: sid(),
            option: o.clone(),
        }),
        (_, AnswerValue::MultiChoice(os)) => match os.iter().find(|o| !has_option(o)) {
            Some(o) => Err(AnswerProblem::UnknownOption {
                step_id: sid(),
                option: o.clone(),
            }),
            None => Ok(()),
        },
        (_, AnswerValue::Number(n)) if !n.is_finite() => {
            Err(AnswerProblem::NotFinite { step_id: sid() })
        }
        (Input::MeterReading { registers }, AnswerValue::MeterReading(r)) => {
            for (reg, v) in &r.readings {
                if !registers.contains(reg) || !REGISTERS.contains(&reg.as_str()) {
                    return Err(AnswerProblem::UnknownRegister {
                        step_id: sid(),
                        register: reg.clone(),
                    });
                }
                if !v.is_finite() {
                    return Err(AnswerProblem::NotFinite { step_id: sid() });
                }
            }
            Ok(())
        }
        (Input::MeasureInstalled { measures }, AnswerValue::MeasureInstalled(items)) => match items
            .iter()
            .find(|i| !measures.contains(&i.measure) || figures.measure(&i.measure).is_none())
        {
            Some(i) => Err(AnswerProblem::UnknownMeasure {
                step_id: sid(),
                measure: i.measure.clone(),
            }),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// A valid answer that still contradicts itself: an exclusive option chosen together with
/// others (the first such option is named).
pub(crate) fn contradiction(
    step_id: &str,
    input: &Input,
    value: &AnswerValue,
) -> Option<AnswerProblem> {
    let (Input::MultiChoice { options }, AnswerValue::MultiChoice(chosen)) = (input, value) else {
        return None;
    };
    let exclusive = options
        .iter()
        .find(|o| o.exclusive && chosen.contains(&o.id) && chosen.iter().any(|c| *c != o.id))?;
    Some(AnswerProblem::ExclusiveOption {
        step_id: step_id.to_string(),
        option: exclusive.id.clone(),
    })
}

pub(crate) fn to_cel(value: &AnswerValue) -> Value {
    use std::sync::Arc;
    let s = |t: &str| Value::from(t.to_string());
    match value {
        AnswerValue::YesNo(b) => Value::Bool(*b),
        AnswerValue::Choice(c) => s(c),
        AnswerValue::MultiChoice(cs) => Value::List(Arc::new(cs.iter().map(|c| s(c)).collect())),
        AnswerValue::Number(n) => Value::Float(*n),
        AnswerValue::Money(c) => Value::Float(*c as f64 / 100.0),
        AnswerValue::MeterReading(r) => {
            let readings: HashMap<String, Value> = r
                .readings
                .iter()
                .map(|(k, v)| (k.clone(), Value::Float(*v)))
                .collect();
            let mut m: HashMap<String, Value> = HashMap::new();
            m.insert("date".into(), s(&r.date.to_string()));
            m.insert("readings".into(), readings.into());
            m.into()
        }
        AnswerValue::Date(d) => s(&d.to_string()),
        AnswerValue::Text(t) => s(t),
        AnswerValue::MeasureInstalled(items) => Value::List(Arc::new(
            items
                .iter()
                .map(|i| {
                    let mut m: HashMap<String, Value> = HashMap::new();
                    m.insert("measure".into(), s(&i.measure));
                    m.insert("quantity".into(), Value::Int(i.quantity as i64));
                    m.insert("location".into(), s(&i.location));
                    Value::from(m)
                })
                .collect(),
        )),
    }
}
