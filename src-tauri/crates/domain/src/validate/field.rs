//! One stored field's value, as an op carries it (JSON), checked against the same rules as the
//! forms: lengths, ranges, enumerations, ids, dates, times, the postcode, sizes. Only the
//! normalised form a form stores is accepted (trimmed text, postcode `1234 AB`, time `09:30`,
//! date `2026-11-23`, ids as lower-case UUIDs): no honest writer produces anything else.
//!
//! Import checks every op of a file with [`field_value`] before anything is written; the store's
//! writer checks every local write with it too, so what one laptop writes, every other accepts.
//! Rules that need two fields (at least one person in a household) or today's date (consent not
//! in the future) are the forms' alone: an op carries one field, and a file may be read later.
//!
//! A field this version does not know (from a newer version, passed on unchanged and never
//! applied to a table here) is only checked for a plain name and a bounded size.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use uuid::Uuid;

use super::{is_phone, normalize_postcode, normalize_time, LINE_MAX, NAME_MAX, NOTES_MAX, PEOPLE_MAX, TEXT_VERSION_MAX, VOLUNTEERS_MAX};
use crate::error::{FieldValueError, ValueProblem as P};
use crate::model::*;
use crate::stock::{MovementKind, QUANTITY_MAX};
use crate::task::*;

/// The largest value (in JSON bytes) of a checklist answer or of a field this version does not
/// know. A text answer of [`NOTES_MAX`] characters fits, whatever its characters.
pub const VALUE_MAX_BYTES: usize = 32 * 1024;

/// The longest plain name (a step or template id, an unknown entity or field name).
const KEY_MAX: usize = 64;

/// What a field holds.
#[derive(Clone, Copy, Debug)]
enum Check {
    /// Trimmed text of at most `max` characters; `required`: not empty.
    Text { max: usize, required: bool },
    /// Empty, or a postcode as `1234 AB`.
    Postcode,
    /// Empty, or a phone number as a form stores it ([`super::is_phone`], trimmed).
    Phone,
    /// A number of people, `0..=PEOPLE_MAX`.
    People,
    /// A whole number `0..=u32::MAX`.
    Count,
    /// A change of stock, `-QUANTITY_MAX..=QUANTITY_MAX`.
    Delta,
    Bool,
    /// One of an enumeration's values (`parse` says which), possibly null.
    Option(fn(&Json) -> Result<(), String>),
    /// An id of another record (never null).
    Id,
    /// An id of another record, or null.
    OptId,
    /// `YYYY-MM-DD`, or null.
    NullDate,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD`, or empty.
    OptDate,
    /// `HH:MM`, or empty.
    Time,
    /// The names of the volunteers at a visit.
    Volunteers,
    /// A plain name such as a step id.
    Key { required: bool },
    /// A checklist answer: null, or a JSON object with a `type`, of bounded size.
    Answer,
}

/// Whether `v` deserialises as `T` (an enumeration, or an optional one).
fn parse<T: DeserializeOwned>(v: &Json) -> Result<(), String> {
    T::deserialize(v).map(drop).map_err(|e| e.to_string())
}

const fn text(max: usize) -> Check {
    Check::Text { max, required: false }
}

const fn required(max: usize) -> Check {
    Check::Text { max, required: true }
}

/// Every field this version writes, per entity (entity names as in the change log), and what
/// it holds. The store's schema lists the same fields (tested in the store crate).
const RULES: &[(&str, &str, Check)] = &[
    ("user", "name", required(NAME_MAX)),
    ("user", "organisation", text(LINE_MAX)),
    ("user", "role", Check::Option(parse::<Role>)),
    ("user", "phone", Check::Phone),
    ("household", "name", required(NAME_MAX)),
    ("household", "street_address", text(LINE_MAX)),
    ("household", "postcode", Check::Postcode),
    ("household", "city", text(LINE_MAX)),
    ("household", "wijk", text(LINE_MAX)),
    ("household", "adults", Check::People),
    ("household", "children", Check::People),
    ("household", "tenure", Check::Option(parse::<Option<Tenure>>)),
    ("household", "landlord", text(LINE_MAX)),
    ("household", "energy_supplier", text(LINE_MAX)),
    ("household", "contract_type", Check::Option(parse::<Option<ContractType>>)),
    ("household", "heating", Check::Option(parse::<Option<Heating>>)),
    ("household", "under_bewind", Check::Bool),
    ("household", "administrator_name", text(LINE_MAX)),
    ("household", "administrator_contact", text(LINE_MAX)),
    ("household", "notes", text(NOTES_MAX)),
    ("household", "archived", Check::Bool),
    ("household", "language", Check::Option(parse::<Language>)),
    ("consent", "household_id", Check::Id),
    ("consent", "scope", Check::Option(parse::<ConsentScope>)),
    ("consent", "given", Check::Bool),
    ("consent", "text_version", required(TEXT_VERSION_MAX)),
    ("consent", "date", Check::Date),
    ("consent", "recorded_by", text(NAME_MAX)),
    ("visit", "household_id", Check::Id),
    ("visit", "planned_date", Check::Date),
    ("visit", "planned_time", Check::Time),
    ("visit", "kind", Check::Option(parse::<VisitKind>)),
    ("visit", "volunteers", Check::Volunteers),
    ("visit", "status", Check::Option(parse::<VisitStatus>)),
    ("visit", "summary", text(NOTES_MAX)),
    ("visit", "archived", Check::Bool),
    ("visit", "template_id", Check::Key { required: false }),
    ("visit", "template_version", Check::Count),
    ("answer", "visit_id", Check::Id),
    ("answer", "step_id", Check::Key { required: true }),
    ("answer", "value", Check::Answer),
    ("answer", "answered_by", text(NAME_MAX)),
    ("assignment", "household_id", Check::Id),
    ("assignment", "volunteer", Check::Id),
    ("assignment", "since", Check::Date),
    ("assignment", "until", Check::OptDate),
    ("task", "household_id", Check::Id),
    ("task", "visit_id", Check::OptId),
    ("task", "step_id", Check::Key { required: false }),
    ("task", "kind", Check::Option(parse::<TaskKind>)),
    ("task", "what", required(LINE_MAX)),
    ("task", "party", text(LINE_MAX)),
    ("task", "consent_scope", Check::Option(parse::<Option<ConsentScope>>)),
    ("task", "owner_kind", Check::Option(parse::<TaskOwnerKind>)),
    ("task", "owner_name", text(NAME_MAX)),
    ("task", "due", Check::Date),
    ("task", "status", Check::Option(parse::<TaskStatus>)),
    ("task", "outcome", text(NOTES_MAX)),
    ("task", "closed_on", Check::NullDate),
    ("task", "archived", Check::Bool),
    ("stock_item", "name", required(LINE_MAX)),
    ("stock_item", "measure", Check::Key { required: false }),
    ("stock_item", "unit_cost_cents", Check::Count),
    ("stock_item", "low_at", Check::Count),
    ("stock_item", "archived", Check::Bool),
    ("stock_movement", "item_id", Check::Id),
    ("stock_movement", "kind", Check::Option(parse::<MovementKind>)),
    ("stock_movement", "delta", Check::Delta),
    ("stock_movement", "date", Check::Date),
    ("stock_movement", "household_id", Check::OptId),
    ("stock_movement", "visit_id", Check::OptId),
    ("stock_movement", "note", text(NOTES_MAX)),
    ("stock_movement", "recorded_by", text(NAME_MAX)),
];

/// Every (entity, field) this version knows, in the order above.
pub const KNOWN_FIELDS: [(&str, &str); RULES.len()] = {
    let mut out = [("", ""); RULES.len()];
    let mut i = 0;
    while i < RULES.len() {
        out[i] = (RULES[i].0, RULES[i].1);
        i += 1;
    }
    out
};

pub fn is_known_field(entity: &str, field: &str) -> bool {
    RULES.iter().any(|(e, f, _)| *e == entity && *f == field)
}

/// Checks one field's value as an op carries it. A known field must hold a value a form of
/// this version would store; an unknown one (see the module doc) a plain name and a bounded
/// size.
pub fn field_value(entity: &str, field: &str, value: &Json) -> Result<(), FieldValueError> {
    let problem = match RULES.iter().find(|(e, f, _)| *e == entity && *f == field) {
        Some((_, _, check)) => check_value(*check, value),
        None => unknown_field(entity, field, value),
    };
    problem.map_err(|problem| FieldValueError { entity: entity.to_owned(), field: field.to_owned(), problem })
}

/// An id as this version writes it: a UUID in its lower-case hyphenated form.
pub fn id(s: &str) -> Result<Uuid, P> {
    // Compared in a buffer on the stack: the store parses an id per row it reads.
    let mut canonical = [0u8; uuid::fmt::Hyphenated::LENGTH];
    match Uuid::try_parse(s) {
        Ok(u) if *u.hyphenated().encode_lower(&mut canonical) == *s => Ok(u),
        _ => Err(P::NotAnId),
    }
}

fn json_type(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "true or false",
        Json::Number(_) => "a number",
        Json::String(_) => "text",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

fn wrong(expected: &'static str, v: &Json) -> P {
    P::WrongType { expected, found: json_type(v) }
}

fn string<'a>(v: &'a Json, expected: &'static str) -> Result<&'a str, P> {
    v.as_str().ok_or_else(|| wrong(expected, v))
}

fn check_text(s: &str, max: usize, required: bool) -> Result<(), P> {
    if s.trim().len() != s.len() {
        return Err(P::NotTrimmed);
    }
    if required && s.is_empty() {
        return Err(P::Required);
    }
    // Counting stops early, so a huge value costs no more than the limit.
    if s.chars().nth(max).is_some() {
        return Err(P::TooLong { max });
    }
    Ok(())
}

fn is_key(s: &str) -> bool {
    s.len() <= KEY_MAX && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn range(v: &Json, max: u64) -> Result<(), P> {
    match v.as_u64() {
        Some(n) if n <= max => Ok(()),
        _ if v.is_i64() || v.is_u64() => {
            Err(P::OutOfRange { value: v.to_string(), min: 0, max: max.min(i64::MAX as u64) as i64 })
        }
        _ => Err(wrong("a whole number", v)),
    }
}

/// The size of a value written as JSON, without writing it.
fn json_len(v: &Json) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    // Writing a Value into a counter cannot fail.
    let _ = serde_json::to_writer(&mut c, v);
    c.0
}

fn check_value(check: Check, v: &Json) -> Result<(), P> {
    match check {
        Check::Text { max, required } => check_text(string(v, "text")?, max, required),
        Check::Postcode => {
            let s = string(v, "text")?;
            if s.is_empty() || normalize_postcode(s).as_deref() == Some(s) {
                Ok(())
            } else {
                Err(P::NotAPostcode)
            }
        }
        Check::Phone => {
            let s = string(v, "text")?;
            if s.trim().len() != s.len() {
                Err(P::NotTrimmed)
            } else if is_phone(s) {
                Ok(())
            } else {
                Err(P::NotAPhone)
            }
        }
        Check::People => range(v, u64::from(PEOPLE_MAX)),
        Check::Count => range(v, u64::from(u32::MAX)),
        Check::Delta => {
            let max = i64::from(QUANTITY_MAX);
            match v.as_i64() {
                Some(n) if (-max..=max).contains(&n) => Ok(()),
                Some(_) => Err(P::OutOfRange { value: v.to_string(), min: -max, max }),
                None if v.is_u64() => Err(P::OutOfRange { value: v.to_string(), min: -max, max }),
                None => Err(wrong("a whole number", v)),
            }
        }
        Check::Bool => v.as_bool().map(drop).ok_or_else(|| wrong("true or false", v)),
        Check::Option(parse) => parse(v).map_err(P::UnknownOption),
        Check::Id => id(string(v, "an id")?).map(drop),
        Check::OptId if v.is_null() => Ok(()),
        Check::OptId => id(string(v, "an id")?).map(drop),
        Check::OptDate if v.as_str() == Some("") => Ok(()),
        Check::NullDate if v.is_null() => Ok(()),
        Check::Date | Check::OptDate | Check::NullDate => {
            let s = string(v, "a date")?;
            match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                Ok(d) if d.format("%Y-%m-%d").to_string() == s => Ok(()),
                _ => Err(P::NotADate),
            }
        }
        Check::Time => {
            let s = string(v, "a time")?;
            match normalize_time(s) {
                Some(t) if t == s => Ok(()),
                _ => Err(P::NotATime),
            }
        }
        Check::Volunteers => {
            let names = v.as_array().ok_or_else(|| wrong("a list of names", v))?;
            if names.len() > VOLUNTEERS_MAX {
                return Err(P::TooManyVolunteers { max: VOLUNTEERS_MAX });
            }
            names.iter().try_for_each(|n| check_text(string(n, "a list of names")?, NAME_MAX, true))
        }
        Check::Key { required } => {
            let s = string(v, "text")?;
            if (required && s.is_empty()) || !is_key(s) {
                return Err(P::NotAKey { max: KEY_MAX });
            }
            Ok(())
        }
        Check::Answer => {
            if json_len(v) > VALUE_MAX_BYTES {
                return Err(P::TooLarge { max: VALUE_MAX_BYTES });
            }
            match v {
                Json::Null => Ok(()),
                Json::Object(m) if m.get("type").and_then(Json::as_str).is_some_and(|t| !t.is_empty() && is_key(t)) => {
                    answer_texts(v)
                }
                _ => Err(P::NotAnAnswer),
            }
        }
    }
}

/// Every text inside an answer is at most [`NOTES_MAX`] characters, like the longest form field.
fn answer_texts(v: &Json) -> Result<(), P> {
    match v {
        Json::String(s) if s.chars().nth(NOTES_MAX).is_some() => Err(P::TooLong { max: NOTES_MAX }),
        Json::Array(a) => a.iter().try_for_each(answer_texts),
        Json::Object(m) => m.iter().try_for_each(|(k, v)| {
            if k.chars().nth(KEY_MAX).is_some() {
                return Err(P::NotAKey { max: KEY_MAX });
            }
            answer_texts(v)
        }),
        _ => Ok(()),
    }
}

/// A field of a newer version: kept and passed on, never applied here. Its names must be
/// plain (`a`–`z`, digits, `_`) and its value bounded.
fn unknown_field(entity: &str, field: &str, v: &Json) -> Result<(), P> {
    let plain = |s: &str| {
        s.len() <= KEY_MAX
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    if !plain(entity) || !plain(field) {
        return Err(P::NotAKey { max: KEY_MAX });
    }
    if json_len(v) > VALUE_MAX_BYTES {
        return Err(P::TooLarge { max: VALUE_MAX_BYTES });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rstest::rstest;
    use serde_json::json;

    use super::*;

    const ID: &str = "019f9da7-2220-7d72-a187-d67328fb4497";

    fn problem(entity: &str, field: &str, v: Json) -> Option<P> {
        field_value(entity, field, &v).err().map(|e| {
            assert_eq!((e.entity.as_str(), e.field.as_str()), (entity, field), "the error names its field");
            e.problem
        })
    }

    #[rstest]
    #[case("household", "name", json!("Fam. Jansen"))]
    #[case("household", "name", json!("x".repeat(NAME_MAX)))]
    #[case("household", "postcode", json!("3764 AB"))]
    #[case("household", "postcode", json!(""))]
    #[case("household", "adults", json!(0))]
    #[case("household", "adults", json!(30))]
    #[case("household", "tenure", json!(null))]
    #[case("household", "tenure", json!("private_rent"))]
    #[case("household", "heating", json!("heat_pump"))]
    #[case("household", "under_bewind", json!(true))]
    #[case("household", "notes", json!(""))]
    #[case("user", "role", json!("coordinator"))]
    #[case("user", "phone", json!(""))]
    #[case("user", "phone", json!("06 12345678"))]
    #[case("household", "language", json!("nl"))]
    #[case("household", "language", json!("en"))]
    #[case("consent", "household_id", json!(ID))]
    #[case("consent", "scope", json!("share_landlord"))]
    #[case("consent", "date", json!("2026-02-28"))]
    #[case("consent", "text_version", json!("2026.1"))]
    #[case("visit", "planned_time", json!("09:30"))]
    #[case("visit", "planned_time", json!(""))]
    #[case("visit", "kind", json!("follow_up"))]
    #[case("visit", "volunteers", json!(["Anna de Vries", "Kees"]))]
    #[case("visit", "volunteers", json!([]))]
    #[case("visit", "template_id", json!("combined-visit"))]
    #[case("visit", "template_id", json!(""))]
    #[case("visit", "template_version", json!(1))]
    #[case("answer", "step_id", json!("roles_explained"))]
    #[case("answer", "value", json!(null))]
    #[case("answer", "value", json!({"type": "yes_no", "value": true}))]
    #[case("answer", "value", json!({"type": "text", "value": "é".repeat(NOTES_MAX)}))]
    #[case("answer", "value", json!({"type": "meter_reading", "value": {"date": "2026-11-23", "readings": {"gas": 1234.5}}}))]
    // Fields of a newer version are passed on: a plain name and a bounded value.
    #[case("household", "phone", json!("030-1234567"))]
    #[case("meter_photo", "sha", json!({"sha": "abc"}))]
    fn values_a_form_would_store_are_accepted(#[case] entity: &str, #[case] field: &str, #[case] v: Json) {
        assert_eq!(problem(entity, field, v), None);
    }

    #[rstest]
    #[case("household", "adults", json!(-5), P::OutOfRange { value: "-5".into(), min: 0, max: 30 })]
    #[case("household", "adults", json!(31), P::OutOfRange { value: "31".into(), min: 0, max: 30 })]
    #[case("household", "adults", json!(2.5), P::WrongType { expected: "a whole number", found: "a number" })]
    #[case("household", "children", json!("2"), P::WrongType { expected: "a whole number", found: "text" })]
    #[case("household", "name", json!(""), P::Required)]
    #[case("household", "name", json!(" Jansen"), P::NotTrimmed)]
    #[case("household", "name", json!("x".repeat(10_000)), P::TooLong { max: NAME_MAX })]
    #[case("household", "notes", json!(null), P::WrongType { expected: "text", found: "null" })]
    #[case("household", "postcode", json!("1234ab"), P::NotAPostcode)]
    #[case("household", "postcode", json!("1234  AB"), P::NotAPostcode)]
    #[case("household", "postcode", json!("0123 AB"), P::NotAPostcode)]
    #[case("household", "under_bewind", json!("yes"), P::WrongType { expected: "true or false", found: "text" })]
    #[case("household", "archived", json!(1), P::WrongType { expected: "true or false", found: "a number" })]
    #[case("consent", "household_id", json!("not-an-id"), P::NotAnId)]
    #[case("consent", "household_id", json!(ID.to_uppercase()), P::NotAnId)]
    #[case("consent", "household_id", json!(null), P::WrongType { expected: "an id", found: "null" })]
    #[case("consent", "date", json!("2026-13-45"), P::NotADate)]
    #[case("consent", "date", json!("2026-2-3"), P::NotADate)]
    #[case("consent", "text_version", json!("x".repeat(41)), P::TooLong { max: 40 })]
    #[case("visit", "planned_time", json!("25:00"), P::NotATime)]
    #[case("visit", "planned_time", json!("9:30"), P::NotATime)]
    #[case("visit", "volunteers", json!(["a", "b", "c", "d", "e", "f", "g"]), P::TooManyVolunteers { max: 6 })]
    #[case("visit", "volunteers", json!([""]), P::Required)]
    #[case("visit", "volunteers", json!("Anna"), P::WrongType { expected: "a list of names", found: "text" })]
    #[case("visit", "template_version", json!(-1), P::OutOfRange { value: "-1".into(), min: 0, max: u32::MAX as i64 })]
    #[case("answer", "step_id", json!(""), P::NotAKey { max: KEY_MAX })]
    #[case("answer", "step_id", json!("drop table"), P::NotAKey { max: KEY_MAX })]
    #[case("answer", "value", json!("x".repeat(2 << 20)), P::TooLarge { max: VALUE_MAX_BYTES })]
    #[case("answer", "value", json!(true), P::NotAnAnswer)]
    #[case("answer", "value", json!({"value": 1}), P::NotAnAnswer)]
    #[case("answer", "value", json!({"type": "text", "value": "x".repeat(NOTES_MAX + 1)}), P::TooLong { max: NOTES_MAX })]
    #[case("user", "phone", json!("bel mij"), P::NotAPhone)]
    #[case("user", "phone", json!(" 0612345678"), P::NotTrimmed)]
    #[case("user", "phone", json!(612345678), P::WrongType { expected: "text", found: "a number" })]
    #[case("household", "Phone", json!("x"), P::NotAKey { max: KEY_MAX })]
    #[case("household; drop", "x", json!("x"), P::NotAKey { max: KEY_MAX })]
    #[case("household", "phone", json!("x".repeat(VALUE_MAX_BYTES)), P::TooLarge { max: VALUE_MAX_BYTES })]
    fn values_no_form_would_store_are_refused_with_their_reason(
        #[case] entity: &str,
        #[case] field: &str,
        #[case] v: Json,
        #[case] expected: P,
    ) {
        assert_eq!(problem(entity, field, v), Some(expected));
    }

    #[rstest]
    #[case("user", "role", json!("admin"))]
    #[case("visit", "kind", json!("party"))]
    #[case("visit", "status", json!("maybe"))]
    #[case("household", "tenure", json!("castle"))]
    #[case("household", "language", json!("de"))]
    #[case("household", "language", json!(null))]
    #[case("consent", "scope", json!(null))]
    fn unknown_options_are_refused_and_the_reason_lists_the_known_ones(#[case] entity: &str, #[case] field: &str, #[case] v: Json) {
        match problem(entity, field, v) {
            Some(P::UnknownOption(why)) => assert!(why.contains("expected"), "{why}"),
            other => panic!("{entity}.{field}: {other:?}"),
        }
    }

    #[test]
    fn every_value_the_form_validators_produce_passes() {
        // What `validate::household` returns is what a form stores: each field must pass.
        let h = crate::validate::household(HouseholdInput {
            name: " Fam. Jansen ".into(),
            postcode: "3764ab".into(),
            adults: 2,
            tenure: Some(Tenure::Owner),
            notes: "x".repeat(NOTES_MAX),
            ..Default::default()
        })
        .unwrap();
        let fields = serde_json::to_value(&h).unwrap();
        for (field, v) in fields.as_object().unwrap() {
            assert!(is_known_field("household", field), "{field}");
            field_value("household", field, v).unwrap();
        }
    }

    #[test]
    fn ids_must_be_canonical() {
        assert!(id(ID).is_ok());
        assert_eq!(id(&ID.replace('-', "")), Err(P::NotAnId));
        assert_eq!(id(&format!("urn:uuid:{ID}")), Err(P::NotAnId));
        assert_eq!(id("x"), Err(P::NotAnId));
    }

    #[test]
    fn problems_map_to_the_rules_a_form_shows() {
        use crate::error::Rule;
        assert_eq!(P::TooLong { max: 4 }.rule(), Rule::TooLong { max: 4 });
        assert_eq!(P::NotAPostcode.rule(), Rule::PostcodeFormat);
        assert_eq!(P::OutOfRange { value: "31".into(), min: 0, max: 30 }.rule(), Rule::PeopleRange { max: 30 });
        assert_eq!(P::NotAnAnswer.rule(), Rule::InvalidValue);
    }
}
