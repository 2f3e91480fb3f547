//! Validation and normalisation of form input. Every function returns all field errors at once
//! (so a form can mark every wrong field) or the normalised input (trimmed text, postcode as
//! `1234 AB`). Problems are data ([`Rule`]); their words are chosen in the use-case crate.
//!
//! [`field_value`] (module `field`) checks one stored field's value as an op carries it, with
//! the same limits and normalisers, for import and for the store's writer.

use chrono::NaiveDate;

mod field;
pub use field::{field_value, id, is_known_field, KNOWN_FIELDS, VALUE_MAX_BYTES};

use crate::error::{FieldProblem, Rule, ValidationErrors};
#[cfg(test)]
use crate::error::FieldErrorCode as C;
use crate::model::*;

const NAME_MAX: usize = 120;
const LINE_MAX: usize = 200;
const NOTES_MAX: usize = 4000;
const PEOPLE_MAX: u32 = 30;
const VOLUNTEERS_MAX: usize = 6;
const TEXT_VERSION_MAX: usize = 40;
const PHONE_MAX: usize = 30;
const PHONE_MIN_DIGITS: usize = 6;

/// Whether a (trimmed) phone number is empty or plausible: digits, spaces and `+ - ( )` only,
/// at most [`PHONE_MAX`] characters and at least [`PHONE_MIN_DIGITS`] digits. No country rules:
/// a Dutch mobile (`06 12345678`), a landline (`035-6012345`) and `+31 6 1234 5678` all pass.
pub fn is_phone(s: &str) -> bool {
    s.is_empty()
        || (s.chars().count() <= PHONE_MAX
            && s.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'))
            && s.chars().filter(char::is_ascii_digit).count() >= PHONE_MIN_DIGITS)
}

/// Reads a Dutch postcode written as `1234AB`, `1234 ab` or ` 1234  AB `; returns `1234 AB`.
/// The first digit is never 0 and the letters SA, SD and SS are not used.
pub fn normalize_postcode(input: &str) -> Option<String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = compact.as_bytes();
    if bytes.len() != 6 {
        return None;
    }
    let (digits, letters) = compact.split_at(4);
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    if !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let letters = letters.to_ascii_uppercase();
    if matches!(letters.as_str(), "SA" | "SD" | "SS") {
        return None;
    }
    Some(format!("{digits} {letters}"))
}

struct Errors(Vec<FieldProblem>);

impl Errors {
    fn required(&mut self, field: &str, value: &str, rule: Rule) {
        if value.is_empty() {
            self.0.push(FieldProblem::new(field, rule));
        }
    }

    fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.0.push(FieldProblem::new(field, Rule::TooLong { max }));
        }
    }

    fn finish<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ValidationErrors(self.0))
        }
    }
}

fn trim(s: &mut String) {
    let t = s.trim();
    if t.len() != s.len() {
        *s = t.to_owned();
    }
}

pub fn household(mut h: HouseholdInput) -> Result<HouseholdInput, ValidationErrors> {
    for s in [
        &mut h.name,
        &mut h.street_address,
        &mut h.postcode,
        &mut h.city,
        &mut h.wijk,
        &mut h.landlord,
        &mut h.energy_supplier,
        &mut h.administrator_name,
        &mut h.administrator_contact,
        &mut h.notes,
    ] {
        trim(s);
    }
    let mut e = Errors(Vec::new());
    e.required("name", &h.name, Rule::HouseholdNameRequired);
    e.max_len("name", &h.name, NAME_MAX);
    for (field, value) in [
        ("street_address", &h.street_address),
        ("city", &h.city),
        ("wijk", &h.wijk),
        ("landlord", &h.landlord),
        ("energy_supplier", &h.energy_supplier),
        ("administrator_name", &h.administrator_name),
        ("administrator_contact", &h.administrator_contact),
    ] {
        e.max_len(field, value, LINE_MAX);
    }
    e.max_len("notes", &h.notes, NOTES_MAX);
    if !h.postcode.is_empty() {
        match normalize_postcode(&h.postcode) {
            Some(p) => h.postcode = p,
            None => e.0.push(FieldProblem::new("postcode", Rule::PostcodeFormat)),
        }
    }
    if h.adults > PEOPLE_MAX || h.children > PEOPLE_MAX {
        let field = if h.adults > PEOPLE_MAX { "adults" } else { "children" };
        e.0.push(FieldProblem::new(field, Rule::PeopleRange { max: PEOPLE_MAX }));
    } else if h.adults + h.children == 0 {
        e.0.push(FieldProblem::new("adults", Rule::AtLeastOnePerson));
    }
    e.finish(h)
}

pub fn profile(mut p: UserProfileInput) -> Result<UserProfileInput, ValidationErrors> {
    trim(&mut p.name);
    trim(&mut p.organisation);
    trim(&mut p.phone);
    let mut e = Errors(Vec::new());
    e.required("name", &p.name, Rule::ProfileNameRequired);
    e.max_len("name", &p.name, NAME_MAX);
    e.max_len("organisation", &p.organisation, LINE_MAX);
    if !is_phone(&p.phone) {
        e.0.push(FieldProblem::new("phone", Rule::PhoneFormat));
    }
    e.finish(p)
}

pub fn consent(mut c: ConsentInput, today: NaiveDate) -> Result<ConsentInput, ValidationErrors> {
    trim(&mut c.text_version);
    let mut e = Errors(Vec::new());
    e.required("text_version", &c.text_version, Rule::ConsentTextVersionRequired);
    e.max_len("text_version", &c.text_version, TEXT_VERSION_MAX);
    if c.date > today {
        e.0.push(FieldProblem::new("date", Rule::ConsentDateInFuture));
    }
    e.finish(c)
}

/// Reads `HH:MM` (24 hours); empty is allowed and means "no time agreed".
pub fn normalize_time(input: &str) -> Option<String> {
    let t = input.trim();
    if t.is_empty() {
        return Some(String::new());
    }
    let (h, m) = t.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && (1..=2).contains(&input.trim().split(':').next()?.len()))
        .then(|| format!("{h:02}:{m:02}"))
}

pub fn visit(mut v: VisitInput, today: NaiveDate) -> Result<VisitInput, ValidationErrors> {
    trim(&mut v.summary);
    v.volunteers = v.volunteers.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    let mut e = Errors(Vec::new());
    match normalize_time(&v.planned_time) {
        Some(t) => v.planned_time = t,
        None => e.0.push(FieldProblem::new("planned_time", Rule::TimeFormat)),
    }
    if v.volunteers.len() > VOLUNTEERS_MAX {
        e.0.push(FieldProblem::new("volunteers", Rule::TooManyVolunteers { max: VOLUNTEERS_MAX }));
    }
    for name in &v.volunteers {
        e.max_len("volunteers", name, NAME_MAX);
    }
    e.max_len("summary", &v.summary, NOTES_MAX);
    if v.status == VisitStatus::Done && v.planned_date > today {
        e.0.push(FieldProblem::new("status", Rule::DoneVisitInFuture));
    }
    e.finish(v)
}

/// A task as a form (or closing a visit) sends it: `what` is required, texts trimmed and
/// bounded. The day it was closed follows its status: set to `today` when it is closed now,
/// kept when it was closed before, cleared when it is open again.
pub fn task(mut t: crate::task::TaskInput, today: NaiveDate) -> Result<crate::task::TaskInput, ValidationErrors> {
    trim(&mut t.what);
    trim(&mut t.party);
    trim(&mut t.owner_name);
    trim(&mut t.outcome);
    t.step_id = t.step_id.trim().to_owned();
    let mut e = Errors(Vec::new());
    e.required("what", &t.what, Rule::TaskWhatRequired);
    e.max_len("what", &t.what, LINE_MAX);
    e.max_len("party", &t.party, LINE_MAX);
    e.max_len("owner_name", &t.owner_name, NAME_MAX);
    e.max_len("outcome", &t.outcome, NOTES_MAX);
    if t.step_id.chars().count() > 64 {
        e.0.push(FieldProblem::new("step_id", Rule::InvalidValue));
    }
    t.closed_on = if t.status.is_open() { None } else { Some(t.closed_on.unwrap_or(today).min(today)) };
    e.finish(t)
}

/// A stock item as the item form sends it: a name, a plain measure id or none, a cost and a
/// low level within bounds.
pub fn stock_item(mut i: crate::stock::StockItemInput) -> Result<crate::stock::StockItemInput, ValidationErrors> {
    use crate::stock::{QUANTITY_MAX, UNIT_COST_MAX_CENTS};
    trim(&mut i.name);
    i.measure = i.measure.trim().to_owned();
    let mut e = Errors(Vec::new());
    e.required("name", &i.name, Rule::StockNameRequired);
    e.max_len("name", &i.name, LINE_MAX);
    if i.measure.len() > 64 || !i.measure.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        e.0.push(FieldProblem::new("measure", Rule::InvalidValue));
    }
    if i.unit_cost_cents > UNIT_COST_MAX_CENTS {
        e.0.push(FieldProblem::new("unit_cost_cents", Rule::SettingRange { min: 0, max: UNIT_COST_MAX_CENTS / 100 }));
    }
    if i.low_at > QUANTITY_MAX {
        e.0.push(FieldProblem::new("low_at", Rule::QuantityRange { min: 0, max: QUANTITY_MAX }));
    }
    e.finish(i)
}

/// A movement as the movement form sends it: a positive number received or written off (a
/// count may be 0), at most [`crate::stock::QUANTITY_MAX`], not dated in the future.
pub fn movement(mut m: crate::stock::MovementInput, today: NaiveDate) -> Result<crate::stock::MovementInput, ValidationErrors> {
    use crate::stock::{MovementKind, QUANTITY_MAX};
    trim(&mut m.note);
    let mut e = Errors(Vec::new());
    let min = if m.kind == MovementKind::Corrected { 0 } else { 1 };
    if m.quantity < min || m.quantity > QUANTITY_MAX {
        e.0.push(FieldProblem::new("quantity", Rule::QuantityRange { min, max: QUANTITY_MAX }));
    }
    if m.kind == MovementKind::HandedOut {
        // Handing out is booked by closing a visit, with its household.
        e.0.push(FieldProblem::new("kind", Rule::InvalidValue));
    }
    if m.date > today {
        e.0.push(FieldProblem::new("date", Rule::MovementDateInFuture));
    }
    e.max_len("note", &m.note, NOTES_MAX);
    e.finish(m)
}

/// The settings form: the stale period 1–366 days, a budget up to € 10.000.
pub fn settings(s: crate::settings::Settings) -> Result<crate::settings::Settings, ValidationErrors> {
    use crate::settings::{BUDGET_MAX_CENTS, RETENTION_MONTHS_MAX, STALE_AFTER_DAYS_MAX};
    let mut e = Errors(Vec::new());
    if !(1..=STALE_AFTER_DAYS_MAX).contains(&s.stale_after_days) {
        e.0.push(FieldProblem::new("stale_after_days", Rule::SettingRange { min: 1, max: STALE_AFTER_DAYS_MAX }));
    }
    if s.budget_per_household_cents.is_some_and(|b| b > BUDGET_MAX_CENTS) {
        e.0.push(FieldProblem::new(
            "budget_per_household_cents",
            Rule::SettingRange { min: 0, max: BUDGET_MAX_CENTS / 100 },
        ));
    }
    if s.retention_months.is_some_and(|m| !(1..=RETENTION_MONTHS_MAX).contains(&m)) {
        e.0.push(FieldProblem::new("retention_months", Rule::SettingRange { min: 1, max: RETENTION_MONTHS_MAX }));
    }
    e.finish(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("1234 AB", Some("1234 AB"))]
    #[case("1234ab", Some("1234 AB"))]
    #[case("  3761  xk ", Some("3761 XK"))]
    #[case("0123 AB", None)] // no postcode starts with 0
    #[case("1234 SS", None)] // SA, SD and SS are not used
    #[case("1234 SA", None)]
    #[case("1234 sd", None)]
    #[case("123 AB", None)]
    #[case("12345 AB", None)]
    #[case("1234 A1", None)]
    #[case("ABCD 12", None)]
    #[case("1234 ÄB", None)]
    #[case("", None)]
    fn postcodes(#[case] input: &str, #[case] expected: Option<&str>) {
        assert_eq!(normalize_postcode(input).as_deref(), expected);
    }

    #[rstest]
    #[case("9:05", Some("09:05"))]
    #[case("14:30", Some("14:30"))]
    #[case("", Some(""))]
    #[case("24:00", None)]
    #[case("12:60", None)]
    #[case("1430", None)]
    #[case("123:00", None)]
    fn times(#[case] input: &str, #[case] expected: Option<&str>) {
        assert_eq!(normalize_time(input).as_deref(), expected);
    }

    fn codes(r: Result<HouseholdInput, ValidationErrors>) -> Vec<(String, C)> {
        r.err().map(|e| e.0.into_iter().map(|f| (f.field.clone(), f.code())).collect()).unwrap_or_default()
    }

    #[rstest]
    #[case("", true)]
    #[case("06 12345678", true)]
    #[case("035-6012345", true)]
    #[case("+31 (0)6 1234 5678", true)]
    #[case("0612345678", true)]
    #[case("12345", false)] // too few digits to call
    #[case("06 1234 567a", false)]
    #[case("bel Anna", false)]
    #[case("0612345678 / 0301234567 / 0351234567", false)] // longer than 30
    fn phone_numbers(#[case] input: &str, #[case] ok: bool) {
        assert_eq!(is_phone(input), ok, "{input:?}");
        let p = profile(UserProfileInput {
            name: "Anna".into(),
            organisation: String::new(),
            role: Role::EnergyCoach,
            phone: format!(" {input} "),
        });
        match p {
            Ok(p) => assert!(ok && p.phone == input, "trimmed: {:?}", p.phone),
            Err(e) => assert!(!ok && e.0 == vec![FieldProblem::new("phone", Rule::PhoneFormat)], "{e:?}"),
        }
    }

    #[test]
    fn household_is_trimmed_and_postcode_normalised() {
        let h = household(HouseholdInput {
            name: "  Fam. Jansen ".into(),
            postcode: "3764ab".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(h.name, "Fam. Jansen");
        assert_eq!(h.postcode, "3764 AB");
    }

    #[test]
    fn household_reports_every_wrong_field_at_once() {
        let errs = codes(household(HouseholdInput {
            name: " ".into(),
            postcode: "12 AB".into(),
            adults: 0,
            children: 0,
            notes: "x".repeat(NOTES_MAX + 1),
            ..Default::default()
        }));
        assert_eq!(
            errs,
            vec![
                ("name".into(), C::Required),
                ("notes".into(), C::TooLong),
                ("postcode".into(), C::InvalidPostcode),
                ("adults".into(), C::OutOfRange),
            ]
        );
    }

    #[test]
    fn empty_postcode_is_allowed() {
        assert!(household(HouseholdInput { name: "A".into(), ..Default::default() }).is_ok());
    }

    #[test]
    fn a_wrong_postcode_names_its_rule() {
        let e = household(HouseholdInput { name: "A".into(), postcode: "abc".into(), ..Default::default() })
            .unwrap_err();
        assert_eq!(e.0, vec![FieldProblem::new("postcode", Rule::PostcodeFormat)]);
    }

    #[test]
    fn consent_date_may_not_be_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let input = ConsentInput {
            household_id: crate::HouseholdId(uuid::Uuid::nil()),
            scope: ConsentScope::DebtHelp,
            given: true,
            text_version: CONSENT_TEXT_VERSION.into(),
            date: today.succ_opt().unwrap(),
        };
        let err = consent(input.clone(), today).unwrap_err();
        assert_eq!(err.0[0].code(), C::DateInFuture);
        assert!(consent(ConsentInput { date: today, ..input }, today).is_ok());
    }

    #[test]
    fn a_future_visit_cannot_be_done() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let v = VisitInput {
            household_id: crate::HouseholdId(uuid::Uuid::nil()),
            planned_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            planned_time: "9:30".into(),
            kind: VisitKind::Combined,
            volunteers: vec![" Anna ".into(), "".into()],
            status: VisitStatus::Planned,
            summary: String::new(),
        };
        let ok = visit(v.clone(), today).unwrap();
        assert_eq!(ok.planned_time, "09:30");
        assert_eq!(ok.volunteers, vec!["Anna".to_string()]);
        let err = visit(VisitInput { status: VisitStatus::Done, ..v }, today).unwrap_err();
        assert_eq!(err.0[0].field, "status");
    }
}
