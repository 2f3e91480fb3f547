//! What is wrong with an input, as data: each broken [`Rule`] names the field it concerns. The
//! domain says *which* rule failed; the words a volunteer reads (Dutch first, English second)
//! are chosen in one place, the use-case crate (`keukentafel-api`, `errors/`). Nothing here
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
    /// A phone number with characters other than digits, spaces, `+ - ( )`, or too few digits.
    PhoneFormat,
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
    /// A task needs to say what is to be done.
    TaskWhatRequired,
    /// An answer given in the name of someone who is not one of the visit's volunteers.
    NotOnVisit,
    /// A follow-up visit planned on or before the day of the visit it follows.
    FollowUpBeforeVisit,
    /// A cancelled visit cannot be closed as done.
    VisitCancelled,
    /// A stock item needs a name.
    StockNameRequired,
    /// A number of items outside `min..=max`.
    QuantityRange { min: u32, max: u32 },
    /// A stock movement dated on a day that has not come yet.
    MovementDateInFuture,
    /// A stock movement for an item the store does not know.
    UnknownStockItem,
    /// A number of days or an amount outside `min..=max` (settings).
    SettingRange { min: u32, max: u32 },
    /// An erasure needs its reason.
    ErasureReasonRequired,
    /// The date of a request to erase lies after today.
    ErasureRequestInFuture,
    /// A folder the user chose cannot be used (empty or not a full path).
    FolderNotUsable,
    /// A value that does not fit its field at all (wrong kind of value, unknown option, too
    /// large); see [`ValueProblem`].
    InvalidValue,
}

impl Rule {
    pub fn code(self) -> FieldErrorCode {
        use FieldErrorCode as C;
        match self {
            Rule::HouseholdNameRequired
            | Rule::ProfileNameRequired
            | Rule::ConsentTextVersionRequired
            | Rule::TaskWhatRequired
            | Rule::StockNameRequired
            | Rule::ErasureReasonRequired => C::Required,
            Rule::TooLong { .. } => C::TooLong,
            Rule::PostcodeFormat => C::InvalidPostcode,
            Rule::PeopleRange { .. }
            | Rule::AtLeastOnePerson
            | Rule::TooManyVolunteers { .. }
            | Rule::QuantityRange { .. }
            | Rule::SettingRange { .. } => C::OutOfRange,
            Rule::TimeFormat => C::InvalidTime,
            Rule::ConsentDateInFuture
            | Rule::DoneVisitInFuture
            | Rule::MovementDateInFuture
            | Rule::ErasureRequestInFuture => C::DateInFuture,
            Rule::FollowUpBeforeVisit | Rule::VisitCancelled => C::Invalid,
            Rule::UnknownStockItem => C::Invalid,
            Rule::PhoneFormat | Rule::NotOnVisit | Rule::VisitHouseholdFixed | Rule::FolderNotUsable | Rule::InvalidValue => C::Invalid,
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

/// What is wrong with one stored field's value as an op carries it (see
/// [`crate::validate::field_value`]). The English text is for reports and logs; a person reads
/// the words chosen in the use-case crate.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueProblem {
    #[error("expected {expected}, found {found}")]
    WrongType { expected: &'static str, found: &'static str },
    #[error("is empty, but this field is required")]
    Required,
    #[error("has spaces at the start or the end (a form trims them)")]
    NotTrimmed,
    #[error("is longer than {max} characters")]
    TooLong { max: usize },
    #[error("is larger than {max} bytes")]
    TooLarge { max: usize },
    #[error("{value} is outside {min} to {max}")]
    OutOfRange { value: String, min: i64, max: i64 },
    #[error("is not one of the known values ({0})")]
    UnknownOption(String),
    #[error("is not an id (a UUID written as 8-4-4-4-12 lower-case hex digits)")]
    NotAnId,
    #[error("is not a date written as YYYY-MM-DD")]
    NotADate,
    #[error("is not a time written as HH:MM (or empty)")]
    NotATime,
    #[error("is not a postcode written as 1234 AB (or empty)")]
    NotAPostcode,
    #[error("is not a phone number (digits, spaces and + - ( ), at least 6 digits) or empty")]
    NotAPhone,
    #[error("has more than {max} names")]
    TooManyVolunteers { max: usize },
    #[error("is not a plain name (letters, digits, _ and -, at most {max} characters)")]
    NotAKey { max: usize },
    #[error("an answer is null or a JSON object with a \"type\"")]
    NotAnAnswer,
}

impl ValueProblem {
    /// The form rule this problem corresponds to (for a local write that breaks it).
    pub fn rule(&self) -> Rule {
        match *self {
            ValueProblem::TooLong { max } => Rule::TooLong { max },
            ValueProblem::NotAPostcode => Rule::PostcodeFormat,
            ValueProblem::NotAPhone => Rule::PhoneFormat,
            ValueProblem::NotATime => Rule::TimeFormat,
            ValueProblem::TooManyVolunteers { max } => Rule::TooManyVolunteers { max },
            ValueProblem::OutOfRange { min: 0, max, .. } if u32::try_from(max).is_ok() => {
                Rule::PeopleRange { max: max as u32 }
            }
            _ => Rule::InvalidValue,
        }
    }
}

/// A field value an op carries that this version would never write: which record field, and
/// what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{entity}.{field} {problem}")]
pub struct FieldValueError {
    pub entity: String,
    pub field: String,
    pub problem: ValueProblem,
}
