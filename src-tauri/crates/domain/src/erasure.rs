//! Erasure of a household (AVG art. 17): what the coordinator keeps to account for it, and what
//! a volunteer's laptop says when it confirms one. Only ids, dates and the coordinator's reason:
//! never a name, address or answer of the household.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::{HouseholdId, ReplicaId};

/// One erasure, as the coordinator accounts for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Erasure {
    pub household: HouseholdId,
    /// Why (the coordinator's words, e.g. "verzoek van het huishouden").
    pub reason: String,
    /// When the household asked for it.
    #[ts(type = "string")]
    pub requested: NaiveDate,
    /// When the coordinator's store erased it (RFC 3339, UTC).
    pub erased_at: String,
    /// Every other installation that held the household: each must confirm.
    pub laptops: Vec<ErasureLaptop>,
}

impl Erasure {
    /// Every laptop confirmed: the household is gone everywhere.
    pub fn complete(&self) -> bool {
        self.laptops.iter().all(|l| l.confirmed_at.is_some())
    }
}

/// One installation that must confirm an erasure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErasureLaptop {
    pub replica: ReplicaId,
    /// Its name as enrolled ('' when it is not, or no longer, enrolled).
    pub name: String,
    /// When its confirmation arrived (`None`: not yet).
    pub confirmed_at: Option<String>,
    /// The coordinator confirmed it by hand (a revoked laptop, wiped or handed in), not a file.
    pub by_hand: bool,
    /// Its enrolment is revoked: it gets no more return files, so it cannot confirm in a file.
    pub revoked: bool,
}

/// A laptop's confirmation of an erasure, carried in its export file (format 2.3): the
/// household, and the slots `(seq, op id)` of its own changes the erasure removed, so the
/// coordinator counts them as delivered (it never gets them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasedHousehold {
    pub household: HouseholdId,
    #[serde(default)]
    pub slots: Vec<(i64, Uuid)>,
}

/// The erasure a coordinator asks for, checked: the reason trimmed and not empty (at most
/// [`REASON_MAX`] characters), the request not dated after `today`.
pub fn erasure_request(
    reason: &str,
    requested: NaiveDate,
    today: NaiveDate,
) -> Result<(String, NaiveDate), crate::ValidationErrors> {
    let reason = reason.trim().to_owned();
    let mut problems = Vec::new();
    if reason.is_empty() {
        problems.push(crate::FieldProblem::new("reason", crate::Rule::ErasureReasonRequired));
    } else if reason.chars().count() > REASON_MAX {
        problems.push(crate::FieldProblem::new("reason", crate::Rule::TooLong { max: REASON_MAX }));
    }
    if requested > today {
        problems.push(crate::FieldProblem::new("requested", crate::Rule::ErasureRequestInFuture));
    }
    if problems.is_empty() {
        Ok((reason, requested))
    } else {
        Err(crate::ValidationErrors(problems))
    }
}

/// The longest reason for an erasure.
pub const REASON_MAX: usize = 500;

/// The last contact with a household: the latest of its creation and the dates of its visits
/// and tasks (due or done). A visit planned ahead counts: that household is not past anything.
pub fn last_contact(created: NaiveDate, dates: &[NaiveDate]) -> NaiveDate {
    dates.iter().copied().fold(created, NaiveDate::max)
}

/// The first day a household whose last contact was `last_contact` is past a retention period
/// of `months`: the same day of the month, `months` later (the month's last day when it is
/// shorter).
pub fn retention_ends(last_contact: NaiveDate, months: u32) -> NaiveDate {
    last_contact.checked_add_months(chrono::Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// Whether a household with this last contact is due for erasure on `today`.
pub fn past_retention(last_contact: NaiveDate, months: u32, today: NaiveDate) -> bool {
    retention_ends(last_contact, months) <= today
}

/// A household in the coordinator's "te wissen" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionRow {
    pub household: HouseholdId,
    pub name: String,
    pub wijk: String,
    #[ts(type = "string")]
    pub last_contact: NaiveDate,
    /// From this day on it is past the retention period.
    #[ts(type = "string")]
    pub due_since: NaiveDate,
    pub archived: bool,
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[rstest]
    #[case::nothing_but_creation("2023-01-10", &[], "2023-01-10")]
    #[case::a_later_visit("2023-01-10", &["2024-05-01"], "2024-05-01")]
    #[case::the_latest_of_several("2023-01-10", &["2024-05-01", "2025-02-03", "2024-12-31"], "2025-02-03")]
    #[case::dates_before_creation_do_not_count("2023-01-10", &["2022-05-01"], "2023-01-10")]
    #[case::a_visit_planned_ahead("2023-01-10", &["2027-01-01"], "2027-01-01")]
    fn the_last_contact_is_the_latest_date(#[case] created: &str, #[case] dates: &[&str], #[case] expected: &str) {
        let dates: Vec<NaiveDate> = dates.iter().map(|s| d(s)).collect();
        assert_eq!(last_contact(d(created), &dates), d(expected));
    }

    #[rstest]
    #[case::well_within("2025-06-01", 24, "2026-12-03", false)]
    #[case::the_day_before("2024-12-04", 24, "2026-12-03", false)]
    #[case::on_the_day("2024-12-03", 24, "2026-12-03", true)]
    #[case::long_past("2019-01-01", 24, "2026-12-03", true)]
    #[case::one_month("2026-11-03", 1, "2026-12-03", true)]
    #[case::end_of_a_long_month("2026-01-31", 1, "2026-02-27", false)]
    #[case::end_of_a_long_month_reached("2026-01-31", 1, "2026-02-28", true)]
    #[case::leap_day("2024-02-29", 12, "2025-02-28", true)]
    #[case::contact_in_the_future("2027-05-01", 24, "2026-12-03", false)]
    fn past_the_retention_period(#[case] last: &str, #[case] months: u32, #[case] today: &str, #[case] past: bool) {
        assert_eq!(past_retention(d(last), months, d(today)), past, "{last} + {months} months, on {today}");
    }

    #[rstest]
    #[case::fine("verzoek van het huishouden", "2026-12-01", true)]
    #[case::today("verzoek", "2026-12-03", true)]
    #[case::no_reason("   ", "2026-12-01", false)]
    #[case::in_the_future("verzoek", "2026-12-04", false)]
    fn an_erasure_request_is_checked(#[case] reason: &str, #[case] requested: &str, #[case] ok: bool) {
        assert_eq!(erasure_request(reason, d(requested), d("2026-12-03")).is_ok(), ok);
    }
}
