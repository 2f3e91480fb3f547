//! What an evaluation returns: the applicable steps with their progress, the crisis, derived
//! values, the actions (with who does them) and the whole [`Evaluation`] the visit and summary
//! screens show. Plain data; [`crate::engine`] computes it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keukentafel_domain::Role;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::answer::AnswerProblem;
use crate::calc::KeyFigures;
use crate::expr::ExprValue;
use crate::figures::FigureSource;
use crate::template::{StepDomain, StepRole, Text, Who};

/// A step that applies, in the order to show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct StepStatus {
    pub step_id: String,
    pub phase: String,
    pub domain: StepDomain,
    pub role: StepRole,
    pub required: bool,
    /// Has a valid answer.
    pub answered: bool,
    /// Shown first because a crisis is active.
    pub urgent: bool,
    /// The step is for the user's role ([`StepRole::is_for`]); set by
    /// [`Evaluation::mark_mine`], true for every step until then.
    pub mine: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct PhaseProgress {
    pub phase_id: String,
    pub title: Text,
    pub answered: u32,
    pub applicable: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct CrisisReason {
    pub step_id: String,
    pub reason: Text,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Crisis {
    pub active: bool,
    pub reasons: Vec<CrisisReason>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct DerivedResult {
    pub name: String,
    pub step_id: String,
    pub label: Text,
    pub unit: Option<String>,
    pub value: ExprValue,
    /// Reference figures the formula used, directly or through other derived values.
    pub figures_used: Vec<String>,
}

/// Something to do after (or because of) the visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    Referral {
        step_id: String,
        /// The step's role.
        role: StepRole,
        /// Who carries it out (see [`EffectAction`]).
        who: Who,
        to: Text,
        reason: Text,
        /// The consent this referral needs (see [`crate::template::ReferralEffect::consent`]).
        consent: Option<keukentafel_domain::ConsentScope>,
    },
    FollowUp {
        step_id: String,
        /// The step's role.
        role: StepRole,
        /// Who carries it out (see [`EffectAction`]).
        who: Who,
        what: Text,
        #[ts(type = "string")]
        due: NaiveDate,
        /// This follow-up is the next visit (its date is also [`Evaluation::next_visit`]).
        next_visit: bool,
    },
}

impl Action {
    pub fn step_id(&self) -> &str {
        match self {
            Action::Referral { step_id, .. } | Action::FollowUp { step_id, .. } => step_id,
        }
    }

    pub fn who(&self) -> Who {
        match self {
            Action::Referral { who, .. } | Action::FollowUp { who, .. } => *who,
        }
    }
}

/// Everything the visit and summary screens show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Evaluation {
    pub template_id: String,
    pub template_version: u32,
    pub figures_id: String,
    pub figures_version: u32,
    pub crisis: Crisis,
    /// Applicable steps: urgent ones first during a crisis, otherwise template order.
    pub steps: Vec<StepStatus>,
    /// In phase order.
    pub phases: Vec<PhaseProgress>,
    /// Applicable required steps without a valid answer, in template order.
    pub missing_required: Vec<String>,
    pub answer_problems: Vec<AnswerProblem>,
    pub derived: Vec<DerivedResult>,
    pub figures: KeyFigures,
    pub actions: Vec<Action>,
    /// The date of the next visit: the earliest due date of a follow-up marked `next_visit`.
    #[ts(type = "string | null")]
    pub next_visit: Option<NaiveDate>,
    /// Every figure or measure named in `figures_used` anywhere above.
    pub sources: Vec<FigureSource>,
    /// Measure id → label (from the figures), for every measure the template offers: in a
    /// measure input or through a choice option. Static per template and figures.
    pub measure_labels: BTreeMap<String, Text>,
    /// Step id → option ids (choices) or measure ids (measure inputs) not to offer this
    /// household: the measure does not fit its heating (no boiler advice with a heat pump, no
    /// gas advice on district heating), or it already uses far less than usual (no advice to
    /// lower the temperature).
    pub not_offered: BTreeMap<String, Vec<String>>,
}

impl Evaluation {
    /// Marks the steps for a user with `role` ([`StepRole::is_for`]): sets
    /// [`StepStatus::mine`] on every step.
    pub fn mark_mine(&mut self, role: Option<Role>) {
        for s in &mut self.steps {
            s.mine = s.role.is_for(role);
        }
    }
}
