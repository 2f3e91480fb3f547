//! The checklist template format: what a template file (TOML) contains, and how it is read.
//!
//! A template is data, versioned by `id` + `version`; a visit records both so it stays readable
//! after a newer version ships. Reading only checks the *shape* (serde); everything that needs
//! cross-references (ids, phases, expressions, units, translations) is checked by
//! [`crate::validate`], which reports every problem at once with its place.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use keukentafel_domain::Role;

use crate::error::TemplateError;

/// A text in Dutch and English. Both must be non-empty in a valid template.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn new(nl: &str, en: &str) -> Self {
        Self {
            nl: nl.into(),
            en: en.into(),
        }
    }
}

/// A whole checklist template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub phases: Vec<Phase>,
    pub steps: Vec<Step>,
    /// Which steps feed the engine's built-in rules (energy quote, advance, who acts).
    #[serde(default)]
    pub calculation: Calculation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    /// Phases are shown by ascending `order`.
    pub order: u32,
    pub title: Text,
}

/// Whether a step is about energy, money, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepDomain {
    Energy,
    Finance,
    Both,
}

/// The volunteer who usually does a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepRole {
    EnergyCoach,
    DebtHelpVolunteer,
    Both,
}

impl StepRole {
    /// Whether a step of this role belongs to a user with `role`: steps of their own role and
    /// steps for both; every step for a coordinator, or when the role is not known.
    pub fn is_for(self, role: Option<Role>) -> bool {
        match (self, role) {
            (_, None | Some(Role::Coordinator)) | (StepRole::Both, _) => true,
            (StepRole::EnergyCoach, Some(Role::EnergyCoach)) => true,
            (StepRole::DebtHelpVolunteer, Some(Role::DebtHelpVolunteer)) => true,
            (StepRole::EnergyCoach, Some(Role::DebtHelpVolunteer))
            | (StepRole::DebtHelpVolunteer, Some(Role::EnergyCoach)) => false,
        }
    }
}

/// Who carries out an action after the visit: a volunteer (the step's role), the household's
/// administrator (bewindvoerder), or the household itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    EnergyCoach,
    DebtHelpVolunteer,
    Both,
    Administrator,
    Household,
}

impl From<StepRole> for Who {
    fn from(role: StepRole) -> Who {
        match role {
            StepRole::EnergyCoach => Who::EnergyCoach,
            StepRole::DebtHelpVolunteer => Who::DebtHelpVolunteer,
            StepRole::Both => Who::Both,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub phase: String,
    pub domain: StepDomain,
    pub role: StepRole,
    #[serde(default)]
    pub required: bool,
    /// When a crisis is active, these steps come first.
    #[serde(default)]
    pub urgent_on_crisis: bool,
    /// CEL condition over `household.*`, `answers.*`, `derived.*`, `figures.*`; absent = always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    pub question: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    pub input: Input,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<Derived>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
    /// What this step's answer means on the household's printed sheet ([`crate::sheet`]);
    /// absent = the answer is not on the sheet (its actions still are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetTag>,
}

/// What a step's answer says on the household's sheet ([`crate::HouseholdSheet`]). Several
/// steps may carry the same tag: their answers make one line together. The steps' order in the
/// template does not matter; the sheet has its own order (that of the variants here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetTag {
    /// "We installed: 2 × LED (kitchen) …": the items of a `measure_installed` step.
    MeasuresInstalled,
    /// "We changed the heating settings together: …": the chosen options of a (multiple) choice.
    HeatingSettingsChanged,
    /// "We wrote down the meter readings": the step is answered.
    MetersRead,
    /// "We looked at your energy bill together": the step is answered.
    BillDiscussed,
    /// "We looked at your income and fixed costs together": the step is answered.
    MoneyDiscussed,
    /// "We checked whether you can get benefits": the step is answered.
    BenefitsDiscussed,
    /// "You agree to: …", and a task for the household from now on: the chosen options of a
    /// (multiple) choice.
    HouseholdAgrees,
}

impl SheetTag {
    /// Every tag, in the order of the sheet.
    pub const ALL: [SheetTag; 7] = [
        SheetTag::MeasuresInstalled,
        SheetTag::HeatingSettingsChanged,
        SheetTag::MetersRead,
        SheetTag::BillDiscussed,
        SheetTag::MoneyDiscussed,
        SheetTag::BenefitsDiscussed,
        SheetTag::HouseholdAgrees,
    ];

    /// The snake_case name, as in the file.
    pub fn name(self) -> &'static str {
        match self {
            SheetTag::MeasuresInstalled => "measures_installed",
            SheetTag::HeatingSettingsChanged => "heating_settings_changed",
            SheetTag::MetersRead => "meters_read",
            SheetTag::BillDiscussed => "bill_discussed",
            SheetTag::MoneyDiscussed => "money_discussed",
            SheetTag::BenefitsDiscussed => "benefits_discussed",
            SheetTag::HouseholdAgrees => "household_agrees",
        }
    }

    /// The input kinds ([`Input::kind`]) a step with this tag may have: the tags that read the
    /// answer's content need the input that holds it; the others only ask whether the step is
    /// answered, so any input does (`None`).
    pub fn inputs(self) -> Option<&'static [&'static str]> {
        match self {
            SheetTag::MeasuresInstalled => Some(&["measure_installed"]),
            SheetTag::HeatingSettingsChanged | SheetTag::HouseholdAgrees => {
                Some(&["choice", "multi_choice"])
            }
            SheetTag::MetersRead
            | SheetTag::BillDiscussed
            | SheetTag::MoneyDiscussed
            | SheetTag::BenefitsDiscussed => None,
        }
    }
}

/// What kind of answer a step takes. The answer value ([`crate::AnswerValue`]) mirrors this.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Input {
    YesNo,
    Choice {
        options: Vec<Choice>,
    },
    MultiChoice {
        options: Vec<Choice>,
    },
    /// A number in `unit` (one of [`crate::units::UNITS`]).
    Number {
        unit: String,
    },
    /// An amount in euro cents.
    Money,
    /// Meter readings for some of [`crate::units::REGISTERS`], with the reading date.
    MeterReading {
        registers: Vec<String>,
    },
    Date,
    Text,
    /// Items installed: measure id (from the figures), quantity and location. The labels of
    /// the measures are in [`crate::Evaluation::measure_labels`].
    MeasureInstalled {
        measures: Vec<String>,
    },
}

impl Input {
    /// The snake_case name of the input type, as in the file.
    pub fn kind(&self) -> &'static str {
        match self {
            Input::YesNo => "yes_no",
            Input::Choice { .. } => "choice",
            Input::MultiChoice { .. } => "multi_choice",
            Input::Number { .. } => "number",
            Input::Money => "money",
            Input::MeterReading { .. } => "meter_reading",
            Input::Date => "date",
            Input::Text => "text",
            Input::MeasureInstalled { .. } => "measure_installed",
        }
    }

    pub fn options(&self) -> &[Choice] {
        match self {
            Input::Choice { options } | Input::MultiChoice { options } => options,
            _ => &[],
        }
    }

    /// Every measure id this input offers: the measures of a measure input, or the measures
    /// agreed by choosing an option.
    pub fn measures(&self) -> Vec<&str> {
        match self {
            Input::MeasureInstalled { measures } => measures.iter().map(String::as_str).collect(),
            _ => self
                .options()
                .iter()
                .filter_map(|o| o.measure.as_deref())
                .collect(),
        }
    }
}

/// One option of a (multiple) choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub nl: String,
    pub en: String,
    /// Choosing this option agrees to this measure (a behaviour agreement or a changed
    /// setting); its saving is counted like an installed item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// "None of the others" (`none`, `nobody`, `all_fine` …): in a multiple choice it is chosen
    /// alone, and an answer combining it with other options is reported
    /// ([`crate::AnswerProblem::ExclusiveOption`]). In a single choice it only marks the option
    /// (e.g. so a summary can leave it out).
    #[serde(default)]
    pub exclusive: bool,
    /// The household's consent for this scope *is* this option: the step shows the current
    /// consent as its answer and an answer records consent events (a multiple choice only; its
    /// other options are exclusive, e.g. "nobody").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<keukentafel_domain::ConsentScope>,
}

impl Step {
    /// Whether this step's answer is the household's consent (an option names a scope).
    pub fn is_consent(&self) -> bool {
        matches!(&self.input, Input::MultiChoice { options } if options.iter().any(|o| o.consent.is_some()))
    }
}

/// The type of a derived value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Bool,
    Number,
    /// Euros, as a CEL double (money answers are exposed to expressions in euros).
    Money,
    Text,
}

/// A named formula shown with its step; visible to other expressions as `derived.<name>`.
/// It is null while its step does not apply or the formula cannot be computed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    pub name: String,
    pub kind: ValueKind,
    pub formula: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// Something that happens when a step applies and its condition holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Effect {
    /// CEL condition; absent = the step's answer is "yes" / non-empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    #[serde(flatten)]
    pub action: EffectAction,
}

/// What an effect does. Referrals and follow-ups become [`crate::Action`]s; who carries them
/// out is, in this order: `who_under_bewind` when the household is under bewind; the
/// administrator when the household is under bewind and the `calculation.administrator_tasks`
/// step's answer includes `administrator_option`; else `who`; else the step's role. Each kind is its own struct so that an unknown or misspelt field
/// (`next_vist`) is a parse error rather than silently ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EffectAction {
    /// Refer the household to an organisation.
    Referral(ReferralEffect),
    /// Something to do later.
    FollowUp(FollowUpEffect),
    /// Raise the crisis banner; urgent steps come first.
    Crisis(CrisisEffect),
}

impl EffectAction {
    /// The option of the administrator-tasks step that hands this action to the administrator.
    pub fn administrator_option(&self) -> Option<&str> {
        match self {
            EffectAction::Referral(r) => r.administrator_option.as_deref(),
            EffectAction::FollowUp(f) => f.administrator_option.as_deref(),
            EffectAction::Crisis(_) => None,
        }
    }

    /// Who acts whenever the household is under bewind.
    pub fn who_under_bewind(&self) -> Option<Who> {
        match self {
            EffectAction::Referral(r) => r.who_under_bewind,
            EffectAction::FollowUp(f) => f.who_under_bewind,
            EffectAction::Crisis(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReferralEffect {
    pub to: Text,
    pub reason: Text,
    /// Who acts, when not the step's role (e.g. `household`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<Who>,
    /// The option of the administrator-tasks step that hands this action to the administrator
    /// when the household is under bewind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub administrator_option: Option<String>,
    /// Who acts whenever the household is under bewind, whatever the administrator-tasks step
    /// says (contacting a creditor is the administrator's job).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_under_bewind: Option<Who>,
    /// The consent the household must have given before its data goes to the party referred
    /// to (`share_municipality`, `share_landlord`, …); absent when the household goes itself or
    /// nothing is shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<keukentafel_domain::ConsentScope>,
}

/// Due `due_in_days` after the visit, or after the number of days in figure `due_figure` when
/// given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FollowUpEffect {
    pub what: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_in_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_figure: Option<String>,
    /// Who acts, when not the step's role (e.g. `household`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<Who>,
    /// The option of the administrator-tasks step that hands this action to the administrator
    /// when the household is under bewind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub administrator_option: Option<String>,
    /// Who acts whenever the household is under bewind, whatever the administrator-tasks step
    /// says (contacting a creditor is the administrator's job).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_under_bewind: Option<Who>,
    /// This follow-up is the next visit: its due date is [`crate::Evaluation::next_visit`] (the
    /// earliest, if several fire).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub next_visit: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CrisisEffect {
    pub reason: Text,
}

/// Step ids whose answers feed the engine's built-in rules. Every entry is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Calculation {
    /// Money step: net disposable household income per month.
    pub net_income_month: Option<String>,
    /// Number step (m3): gas use per year from the annual bill.
    pub gas_m3_year: Option<String>,
    /// Number step (GJ): heat use per year from the heat supplier's bill (district heating,
    /// block connection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heat_gj_year: Option<String>,
    /// Number step (kWh): net electricity use per year.
    pub electricity_kwh_year: Option<String>,
    /// Money step: total energy cost per year from the annual bill (overrides the estimate).
    pub energy_cost_year: Option<String>,
    /// Money step: the current monthly advance (termijnbedrag).
    pub advance_month: Option<String>,
    /// Choice step with options flat / terraced / end_terrace / semi_detached / detached.
    pub dwelling_type: Option<String>,
    /// Choice step for the energy label; its option `e_f_g` means label E, F or G (LILEK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_label: Option<String>,
    /// Multiple-choice step: what the administrator (bewindvoerder) arranges. Its options are
    /// what effects name in `administrator_option`.
    pub administrator_tasks: Option<String>,
}

impl Calculation {
    /// (field name, step id, expected input kind) for every binding that is set.
    pub fn bindings(&self) -> Vec<(&'static str, &str, &'static str)> {
        let all = [
            ("net_income_month", &self.net_income_month, "money"),
            ("gas_m3_year", &self.gas_m3_year, "number"),
            ("heat_gj_year", &self.heat_gj_year, "number"),
            ("electricity_kwh_year", &self.electricity_kwh_year, "number"),
            ("energy_cost_year", &self.energy_cost_year, "money"),
            ("advance_month", &self.advance_month, "money"),
            ("dwelling_type", &self.dwelling_type, "choice"),
            ("energy_label", &self.energy_label, "choice"),
            (
                "administrator_tasks",
                &self.administrator_tasks,
                "multi_choice",
            ),
        ];
        all.into_iter()
            .filter_map(|(n, s, k)| s.as_deref().map(|s| (n, s, k)))
            .collect()
    }
}

impl Template {
    /// Reads a template from TOML. Only shape errors are reported here; call
    /// [`crate::validate()`] for the rest.
    pub fn from_toml(text: &str) -> Result<Template, TemplateError> {
        toml::from_str(text).map_err(|e| TemplateError::Parse {
            message: e.to_string(),
        })
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }
}
