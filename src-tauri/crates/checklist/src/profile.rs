//! The household as conditions see it (`household.*`), built from the domain's household form.
//! Field names and their CEL types are listed once in [`FIELDS`] so validation can check them.

use keukentafel_domain::{ContractType, Heating, HouseholdInput, Tenure};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the engine needs to know about the household.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    pub tenure: Option<Tenure>,
    pub heating: Option<Heating>,
    pub contract_type: Option<ContractType>,
    pub under_bewind: bool,
    pub adults: u32,
    pub children: u32,
}

impl From<&HouseholdInput> for Profile {
    fn from(h: &HouseholdInput) -> Self {
        Profile {
            tenure: h.tenure,
            heating: h.heating,
            contract_type: h.contract_type,
            under_bewind: h.under_bewind,
            adults: h.adults,
            children: h.children,
        }
    }
}

/// The static type of a `household.*` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    Bool,
    Int,
    /// A string from this closed list, or null when unknown.
    Enum(&'static [&'static str]),
}

pub const TENURES: &[&str] = &["housing_association", "private_rent", "owner"];
pub const HEATINGS: &[&str] = &[
    "gas_boiler",
    "district_heating",
    "block_connection",
    "heat_pump",
    "electric",
    "other",
];
pub const CONTRACT_TYPES: &[&str] = &["fixed", "variable", "dynamic"];

/// Every field of `household` in expressions.
pub const FIELDS: &[(&str, FieldType)] = &[
    ("tenure", FieldType::Enum(TENURES)),
    ("heating", FieldType::Enum(HEATINGS)),
    ("contract_type", FieldType::Enum(CONTRACT_TYPES)),
    ("under_bewind", FieldType::Bool),
    ("adults", FieldType::Int),
    ("children", FieldType::Int),
    ("persons", FieldType::Int),
    ("is_renter", FieldType::Bool),
    ("is_owner", FieldType::Bool),
    ("has_own_boiler", FieldType::Bool),
];

fn snake<T: Serialize>(v: &Option<T>) -> Option<String> {
    v.as_ref()
        .and_then(|v| serde_json::to_value(v).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
}

impl Profile {
    /// The heating's id as in [`HEATINGS`].
    pub fn heating_id(h: Option<Heating>) -> Option<&'static str> {
        Some(match h? {
            Heating::GasBoiler => "gas_boiler",
            Heating::DistrictHeating => "district_heating",
            Heating::BlockConnection => "block_connection",
            Heating::HeatPump => "heat_pump",
            Heating::Electric => "electric",
            Heating::Other => "other",
        })
    }

    pub fn persons(&self) -> u32 {
        self.adults + self.children
    }

    /// The household's fields for expressions: `(name, value)` in the order of [`FIELDS`].
    pub(crate) fn fields(&self) -> Vec<(&'static str, cel::Value)> {
        use cel::Value;
        let opt = |s: Option<String>| s.map(Value::from).unwrap_or(Value::Null);
        let is_renter = matches!(
            self.tenure,
            Some(Tenure::HousingAssociation | Tenure::PrivateRent)
        );
        vec![
            ("tenure", opt(snake(&self.tenure))),
            ("heating", opt(snake(&self.heating))),
            ("contract_type", opt(snake(&self.contract_type))),
            ("under_bewind", Value::Bool(self.under_bewind)),
            ("adults", Value::Int(self.adults as i64)),
            ("children", Value::Int(self.children as i64)),
            ("persons", Value::Int(self.persons() as i64)),
            ("is_renter", Value::Bool(is_renter)),
            ("is_owner", Value::Bool(self.tenure == Some(Tenure::Owner))),
            (
                "has_own_boiler",
                Value::Bool(self.heating == Some(Heating::GasBoiler)),
            ),
        ]
    }
}
