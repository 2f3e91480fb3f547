//! What is wrong with an input, as data: each broken [`Rule`] names the field it concerns. The
//! domain says *which* rule failed; the words a volunteer reads (Dutch first, English second)
//! are chosen in one place, the use-case crate (`keukentafel-api`, `errors.rs`). Nothing here
//! carries a user text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of problem a field has; the UI may act on it (for example focus the field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    TooLong,
    InvalidPostcode,
    OutOfRange,
    InvalidDate,
    InvalidTime,
    DateInFuture,
    Invalid,
}

/// Each rule an input can break, with what its message needs to say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A household needs a name or code.
    HouseholdNameRequired,
    /// The volunteer's own name is missing.
    ProfileNameRequired,
    /// The version of the consent text that was read out is missing.
    ConsentTextVersionRequired,
    TooLong { max: usize },
    PostcodeFormat,
    /// A number of people outside `0..=max`.
    PeopleRange { max: u32 },
    /// Nobody lives in the household.
    AtLeastOnePerson,
    TimeFormat,
    TooManyVolunteers { max: usize },
    ConsentDateInFuture,
    /// A visit marked done on a day that has not come yet.
    DoneVisitInFuture,
    /// An edit tried to move a visit to another household.
    VisitHouseholdFixed,
    /// A folder the user chose cannot be used (empty or not a full path).
    FolderNotUsable,
}

impl Rule {
    pub fn code(self) -> FieldErrorCode {
        use FieldErrorCode as C;
        match self {
            Rule::HouseholdNameRequired | Rule::ProfileNameRequired | Rule::ConsentTextVersionRequired => C::Required,
            Rule::TooLong { .. } => C::TooLong,
            Rule::PostcodeFormat => C::InvalidPostcode,
            Rule::PeopleRange { .. } | Rule::AtLeastOnePerson | Rule::TooManyVolunteers { .. } => C::OutOfRange,
            Rule::TimeFormat => C::InvalidTime,
            Rule::ConsentDateInFuture | Rule::DoneVisitInFuture => C::DateInFuture,
            Rule::VisitHouseholdFixed | Rule::FolderNotUsable => C::Invalid,
        }
    }
}

/// One field that breaks one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    /// The input field's name, as in the input type (`postcode`, `adults`, ...).
    pub field: String,
    pub rule: Rule,
}

impl FieldProblem {
    pub fn new(field: &str, rule: Rule) -> Self {
        Self { field: field.to_owned(), rule }
    }

    pub fn code(&self) -> FieldErrorCode {
        self.rule.code()
    }
}

/// Input that failed validation: every field problem at once, so a form can show them all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| format!("{}: {:?}", e.field, e.rule)).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<FieldProblem>);

impl ValidationErrors {
    pub fn one(field: &str, rule: Rule) -> Self {
        ValidationErrors(vec![FieldProblem::new(field, rule)])
    }
}
