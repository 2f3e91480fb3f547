//! The records of data model v1 and the inputs that create or change them.
//!
//! Inputs (`*Input`) are what a form sends; they are validated and normalised by
//! [`crate::validate`] before the store sees them. Records are archived, never deleted.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::Hlc;
use crate::ids::*;

/// What the person using this installation does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    EnergyCoach,
    DebtHelpVolunteer,
    Coordinator,
}

impl Role {
    /// The role as it is written in files and the store (`energy_coach`, …): its serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::EnergyCoach => "energy_coach",
            Role::DebtHelpVolunteer => "debt_help_volunteer",
            Role::Coordinator => "coordinator",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UserProfileInput {
    pub name: String,
    pub organisation: String,
    pub role: Role,
    /// A phone number households may call (printed on their sheet); may be empty.
    #[serde(default)]
    pub phone: String,
}

/// This installation's user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UserProfile {
    pub id: UserId,
    pub name: String,
    pub organisation: String,
    pub role: Role,
    /// May be empty.
    pub phone: String,
}

/// The language a household reads its printed sheet in, whatever the app's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Dutch, until someone chooses.
    #[default]
    Nl,
    En,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Tenure {
    /// Huur bij een woningcorporatie.
    HousingAssociation,
    /// Particuliere huur.
    PrivateRent,
    /// Koopwoning.
    Owner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    Fixed,
    Variable,
    Dynamic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Heating {
    /// Eigen cv-ketel op gas.
    GasBoiler,
    /// Stadsverwarming.
    DistrictHeating,
    /// Blokaansluiting (gedeelde ketel).
    BlockConnection,
    /// Warmtepomp.
    HeatPump,
    /// Elektrisch (kachels).
    Electric,
    Other,
}

/// What a household form sends. Strings may be empty where a field is optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdInput {
    /// Name or code (a code when the household prefers not to be named).
    pub name: String,
    /// Street and house number.
    pub street_address: String,
    /// Dutch postcode, stored as `1234 AB`; may be empty.
    pub postcode: String,
    pub city: String,
    /// Neighbourhood (wijk).
    pub wijk: String,
    pub adults: u32,
    pub children: u32,
    pub tenure: Option<Tenure>,
    pub landlord: String,
    pub energy_supplier: String,
    pub contract_type: Option<ContractType>,
    pub heating: Option<Heating>,
    pub under_bewind: bool,
    pub administrator_name: String,
    /// Phone number or e-mail of the administrator (bewindvoerder).
    pub administrator_contact: String,
    pub notes: String,
    /// The language of the household's printed sheet.
    #[serde(default)]
    pub language: Language,
}

impl Default for HouseholdInput {
    fn default() -> Self {
        Self {
            name: String::new(),
            street_address: String::new(),
            postcode: String::new(),
            city: String::new(),
            wijk: String::new(),
            adults: 1,
            children: 0,
            tenure: None,
            landlord: String::new(),
            energy_supplier: String::new(),
            contract_type: None,
            heating: None,
            under_bewind: false,
            administrator_name: String::new(),
            administrator_contact: String::new(),
            notes: String::new(),
            language: Language::Nl,
        }
    }
}

/// A household as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Household {
    pub id: HouseholdId,
    #[serde(flatten)]
    pub data: HouseholdInput,
    pub archived: bool,
    /// The clock of each field's current value; an edit form sends these back as its base.
    pub clocks: BTreeMap<String, Hlc>,
}

/// One row of the households list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdSummary {
    pub id: HouseholdId,
    pub name: String,
    pub street_address: String,
    pub postcode: String,
    pub city: String,
    pub wijk: String,
    pub under_bewind: bool,
    pub archived: bool,
    /// Date of the first planned visit from today on, if any.
    #[ts(type = "string | null")]
    pub next_visit: Option<NaiveDate>,
}

/// Filter for the households list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdQuery {
    /// Matches name, address, postcode, city and wijk, case-insensitively.
    pub search: String,
    /// Only this wijk, when set.
    pub wijk: Option<String>,
    pub include_archived: bool,
}

/// One page of the households list: the rows at `offset..offset + rows.len()` of every
/// household that matches the query, in list order, and how many match in all (so a list can
/// be as tall as all of them while it holds only the rows in view).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdPage {
    /// How many households match the query.
    pub total: u32,
    /// Where `rows` start in the whole list.
    pub offset: u32,
    /// `null` for a household whose row cannot be read: it keeps its place, so the count and the
    /// pages stay right (`AppInfo.unreadable_records` says how many there are).
    pub rows: Vec<Option<HouseholdSummary>>,
}

/// What consent is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentScope {
    EnergyAdvice,
    DebtHelp,
    /// Sharing between the energy coach's and the debt-help volunteer's organisations.
    ShareOrganisations,
    ShareMunicipality,
    ShareLandlord,
    ShareAdministrator,
    /// Contact with the energy supplier about the household (a payment arrangement).
    ShareSupplier,
}

impl ConsentScope {
    pub const ALL: [ConsentScope; 7] = [
        ConsentScope::EnergyAdvice,
        ConsentScope::DebtHelp,
        ConsentScope::ShareOrganisations,
        ConsentScope::ShareMunicipality,
        ConsentScope::ShareLandlord,
        ConsentScope::ShareAdministrator,
        ConsentScope::ShareSupplier,
    ];
}

/// The version of the consent text the app shows today. Recorded with every consent event.
pub const CONSENT_TEXT_VERSION: &str = "2026.1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentInput {
    pub household_id: HouseholdId,
    pub scope: ConsentScope,
    /// `true`: given; `false`: withdrawn.
    pub given: bool,
    /// The version of the consent text that was shown to the household.
    pub text_version: String,
    /// The day consent was given or withdrawn (`YYYY-MM-DD`).
    #[ts(type = "string")]
    pub date: NaiveDate,
}

/// One consent event. Consent is append-only: a withdrawal is a new event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentEvent {
    pub id: ConsentId,
    pub household_id: HouseholdId,
    pub scope: ConsentScope,
    pub given: bool,
    pub text_version: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Name of the user who recorded it.
    pub recorded_by: String,
    /// When it was recorded (its clock).
    pub recorded_at: Hlc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    Given,
    /// Given before, then withdrawn.
    Withdrawn,
    /// Asked and not given (never given).
    Refused,
    /// Never asked.
    Unknown,
}

/// The current consent for one scope: the latest event wins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentStatus {
    pub scope: ConsentScope,
    pub state: ConsentState,
    #[ts(type = "string | null")]
    pub since: Option<NaiveDate>,
    pub text_version: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    Intake,
    Combined,
    FollowUp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VisitStatus {
    Planned,
    Done,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VisitInput {
    pub household_id: HouseholdId,
    #[ts(type = "string")]
    pub planned_date: NaiveDate,
    /// `HH:MM`, or empty when no time is agreed yet.
    pub planned_time: String,
    pub kind: VisitKind,
    /// Names of the volunteers present.
    pub volunteers: Vec<String>,
    pub status: VisitStatus,
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Visit {
    pub id: VisitId,
    #[serde(flatten)]
    pub data: VisitInput,
    pub archived: bool,
    pub clocks: BTreeMap<String, Hlc>,
}

/// Everything the household screen shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdDetail {
    pub household: Household,
    /// One entry per scope, in the order of [`ConsentScope::ALL`].
    pub consent: Vec<ConsentStatus>,
    /// Newest first.
    pub consent_events: Vec<ConsentEvent>,
    /// By planned date, newest first.
    pub visits: Vec<Visit>,
}

/// A visit in the agenda, with the household it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
    pub visit: Visit,
    pub household_name: String,
    pub wijk: String,
    /// Its day has passed and nobody closed or re-planned it.
    pub missed: bool,
    /// This installation's user is one of its volunteers.
    pub mine: bool,
}

/// Facts about this installation, for the settings screen and the first start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub store_path: String,
    pub replica_id: ReplicaId,
    pub schema_version: u32,
    pub profile: Option<UserProfile>,
    pub consent_text_version: String,
    /// Today, as the app sees it (`YYYY-MM-DD`), so the UI and the validation agree.
    #[ts(type = "string")]
    pub today: NaiveDate,
    /// Records the store holds but cannot read (written by a faulty older version, or changed
    /// outside Keukentafel). Lists and the agenda leave them out; `dump` lists them.
    pub unreadable_records: u32,
}

/// An edit of an existing household, with the clocks of the values the editor saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdUpdate {
    pub id: HouseholdId,
    pub data: HouseholdInput,
    /// `Household::clocks` as loaded into the form; may be empty.
    pub base: BTreeMap<String, Hlc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VisitUpdate {
    pub id: VisitId,
    pub data: VisitInput,
    pub base: BTreeMap<String, Hlc>,
}

#[cfg(test)]
mod role_tests {
    use super::Role;

    #[test]
    fn as_str_is_the_serde_name() {
        for role in [Role::EnergyCoach, Role::DebtHelpVolunteer, Role::Coordinator] {
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
    }
}
