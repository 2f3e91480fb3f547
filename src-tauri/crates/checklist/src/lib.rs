//! Keukentafel's combined-visit checklist: the template format ([`template`]), its validation
//! ([`validate()`]), the reference figures ([`figures`]) and the pure evaluation engine
//! ([`Checklist::evaluate`]), and the household's sheet built from an evaluation
//! ([`HouseholdSheet::build`]). Two templates ship: the combined visit and the follow-up visit
//! about 6 weeks later ([`BUILTIN_TEMPLATES_TOML`]); at the follow-up, [`measured_change`]
//! compares the use since the first visit's meter readings with the bill and the estimate.
//!
//! **Expressions.** Conditions and formulas are CEL, run by the `cel` crate (0.15, the
//! maintained successor of `cel-interpreter`, which the same project published up to 0.10 and
//! renamed; the old name pulls the unmaintained `paste`). Default features are off (no regex,
//! chrono or base64: not needed). CEL is side-effect free and terminates, so a template cannot
//! harm the app. The Rust implementation has no type checker, so [`expr`] adds a static checker
//! over the parsed AST for the names and types this app knows. Measured: a full evaluation of
//! the default template takes about 45–50 µs in release on the 2-core dev machine, compiling it
//! about 1 ms once (see `benches/evaluate.rs`).
//!
//! **Files.** Templates and figures are TOML (hand-edited by coordinators; comments allowed).
//! The default template and figures are embedded with `include_str!`, so the app needs no
//! files at run time.
//!
//! Invariants: no I/O, no clock (the visit date comes in), no Tauri; evaluation never panics.

pub mod answer;
pub mod calc;
pub mod closing;
pub mod consent_step;
pub mod engine;
pub mod error;
pub mod expr;
pub mod figures;
pub mod measured;
pub mod outcome;
pub mod profile;
pub mod sheet;
pub mod template;
pub mod units;
pub mod validate;
pub mod view;

use std::sync::OnceLock;

pub use answer::{AnswerProblem, AnswerValue, Answers, MeasureItem, MeterReading};
pub use closing::{plan_closing, ClosingPlan, ClosingVisit};
pub use consent_step::{answer_from_consent, changes_for_answer};
pub use calc::{
    package_saving, Amount, HeatSupply, Indicator, IndicatorKind, KeyFigures, MeasureSaving, Saving,
};
pub use engine::{
    evaluate, Action, Checklist, Crisis, CrisisReason, DerivedResult, Evaluation, PhaseProgress,
    StepStatus,
};
pub use error::TemplateError;
pub use expr::ExprValue;
pub use figures::{Figure, FigureSource, Figures, Measure, Reduces};
pub use measured::{
    measured_change, MeasuredChange, MeasuredLine, MeasuredUse, NoMeasurement, HEAT_REGISTER,
};
pub use profile::Profile;
pub use sheet::{HouseholdSheet, InstalledItem, SheetContact, SheetItem, SheetTask, TaskWhat, TaskWhen};
pub use template::{
    Choice, CrisisEffect, EffectAction, FollowUpEffect, Input, ReferralEffect, SheetTag, Step,
    StepRole, Template, Text, Who,
};
pub use validate::{validate, validate_with};
pub use view::{AnswerInput, VisitChecklist};

/// The default combined-visit template (TOML) that new visits use: the newest version shipped.
pub const DEFAULT_TEMPLATE_TOML: &str =
    include_str!("../../../../assets/checklist/combined-visit.v3.toml");

/// The template id of the combined visit (the first visit).
pub const COMBINED_VISIT_TEMPLATE_ID: &str = "combined-visit";

/// The template id of the follow-up visit, about 6 weeks after the combined visit.
pub const FOLLOW_UP_TEMPLATE_ID: &str = "follow-up";

/// The follow-up template (TOML) that new follow-up visits use: the newest version shipped.
/// What happened with the first visit's agreements and referrals is not in it: those are task
/// records, shown beside it.
pub const FOLLOW_UP_TEMPLATE_TOML: &str =
    include_str!("../../../../assets/checklist/follow-up.v1.toml");

/// Every template version shipped: the combined visit's versions, oldest first, then the
/// follow-up visit's, oldest first. A released version is never edited: a visit keeps the
/// template and version it was carried out with, so this program must still evaluate it;
/// changes go into a new version. Several template ids ship, so "the newest" is only
/// meaningful per id ([`Template::id`]).
pub const BUILTIN_TEMPLATES_TOML: [&str; 4] = [
    include_str!("../../../../assets/checklist/combined-visit.v1.toml"),
    include_str!("../../../../assets/checklist/combined-visit.v2.toml"),
    DEFAULT_TEMPLATE_TOML,
    FOLLOW_UP_TEMPLATE_TOML,
];
/// The default reference figures (TOML), as shipped.
pub const DEFAULT_FIGURES_TOML: &str =
    include_str!("../../../../assets/reference/figures-2026.toml");

/// The built-in reference figures. A broken built-in file is a build defect caught by the
/// tests; here it yields an empty set rather than a panic.
pub fn default_figures() -> &'static Figures {
    static FIGURES: OnceLock<Figures> = OnceLock::new();
    FIGURES.get_or_init(|| {
        Figures::from_toml(DEFAULT_FIGURES_TOML).unwrap_or(Figures {
            id: "invalid".into(),
            version: 0,
            year: 0,
            figures: vec![],
            measures: vec![],
        })
    })
}

/// The built-in default template (the newest version).
pub fn default_template() -> Result<Template, TemplateError> {
    Template::from_toml(DEFAULT_TEMPLATE_TOML)
}
