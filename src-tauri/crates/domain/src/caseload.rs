//! Where a household stands in its case, as the coordinator's overview counts it. The status
//! is derived from the household's visits and tasks (never stored), so every store that holds
//! the same records puts a household in the same status.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a household stands. Only households that are not archived have one; archived visits
/// and tasks do not count, and a cancelled visit counts as neither done nor planned. "Open
/// task": status `open` or `in_progress`. "Overdue": an open task whose due date is before
/// today. The statuses are tried in this order and the first that holds is the household's,
/// so each household has exactly one:
///
/// 1. [`Waiting`](HouseholdStatus::Waiting): no visit done yet (whatever is planned or open).
/// 2. [`FollowUpDue`](HouseholdStatus::FollowUpDue): a visit done, and a planned follow-up
///    visit (kind `follow_up`) whose day is before today, or an overdue task.
/// 3. [`InProgress`](HouseholdStatus::InProgress): a visit done, nothing due as above, and an
///    open task or a planned visit (of any kind, any day).
/// 4. [`Closed`](HouseholdStatus::Closed): a visit done, no open task and no planned visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HouseholdStatus {
    Waiting,
    InProgress,
    FollowUpDue,
    Closed,
}

impl HouseholdStatus {
    /// Every status, in the order the overview shows them.
    pub const ALL: [HouseholdStatus; 4] =
        [HouseholdStatus::Waiting, HouseholdStatus::InProgress, HouseholdStatus::FollowUpDue, HouseholdStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            HouseholdStatus::Waiting => "waiting",
            HouseholdStatus::InProgress => "in_progress",
            HouseholdStatus::FollowUpDue => "follow_up_due",
            HouseholdStatus::Closed => "closed",
        }
    }

    /// The status named as [`as_str`](Self::as_str) writes it.
    pub fn parse(s: &str) -> Option<HouseholdStatus> {
        Self::ALL.into_iter().find(|h| h.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::HouseholdStatus;

    #[test]
    fn as_str_is_the_serde_name_and_parses_back() {
        for s in HouseholdStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(HouseholdStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(HouseholdStatus::parse("archived"), None);
    }
}
