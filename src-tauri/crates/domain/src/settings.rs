//! This installation's settings: the coordinator's choices that are not records of a household
//! (when a volunteer's silence stands out, the budget for materials per household). Local to
//! one laptop, not synced.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Days without a file from a volunteer before the overview makes it stand out.
pub const DEFAULT_STALE_AFTER_DAYS: u32 = 30;
/// The longest period that can be chosen (a year).
pub const STALE_AFTER_DAYS_MAX: u32 = 366;
/// The largest budget per household that can be set: € 10.000.
pub const BUDGET_MAX_CENTS: u32 = 1_000_000;
/// The longest retention period that can be set: twenty years, in months.
pub const RETENTION_MONTHS_MAX: u32 = 240;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// A volunteer without a file for longer than this stands out (days, 1–366).
    pub stale_after_days: u32,
    /// The budget for materials per household in euro cents; `None`: no budget set.
    pub budget_per_household_cents: Option<u32>,
    /// How long a household's data is kept after the last contact, in months (1–240); `None`:
    /// no period set, nothing is listed to erase.
    #[serde(default)]
    pub retention_months: Option<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { stale_after_days: DEFAULT_STALE_AFTER_DAYS, budget_per_household_cents: None, retention_months: None }
    }
}
