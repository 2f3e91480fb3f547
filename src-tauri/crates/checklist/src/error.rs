//! Template errors: one variant per kind of problem, each with the place it was found
//! (`step <id>: <field>` or `calculation.<name>` …). [`crate::validate()`] returns all of them.

use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TemplateError {
    #[error("the file is not a valid template: {message}")]
    Parse { message: String },
    #[error("{place}: duplicate id `{id}`")]
    DuplicateId { place: String, id: String },
    #[error(
        "{place}: `{id}` is not a usable id (letters, digits and `_`, not starting with a digit)"
    )]
    BadId { place: String, id: String },
    #[error("{place}: unknown phase `{phase}`")]
    UnknownPhase { place: String, phase: String },
    #[error("{place}: the {lang} text is missing")]
    MissingTranslation { place: String, lang: String },
    #[error("{place}: unknown unit `{unit}`")]
    UnknownUnit { place: String, unit: String },
    #[error("{place}: unknown meter register `{register}`")]
    UnknownRegister { place: String, register: String },
    #[error("{place}: a choice needs at least one option")]
    NoOptions { place: String },
    #[error("{place}: a consent option belongs in a multiple choice whose other options are exclusive, each scope once")]
    BadConsentOption { place: String },
    #[error("{place}: the expression does not parse: {message}")]
    Syntax { place: String, message: String },
    #[error("{place}: unknown step `{step}`")]
    UnknownStep { place: String, step: String },
    #[error("{place}: unknown derived value `{name}`")]
    UnknownDerived { place: String, name: String },
    #[error("{place}: unknown reference figure `{figure}`")]
    UnknownFigure { place: String, figure: String },
    #[error("{place}: unknown measure `{measure}`")]
    UnknownMeasure { place: String, measure: String },
    #[error("{place}: unknown field `{field}`")]
    UnknownField { place: String, field: String },
    #[error("{place}: unknown name `{name}` (use household, answers, derived or figures)")]
    UnknownName { place: String, name: String },
    #[error("{place}: `{value}` is not an option of `{subject}`")]
    UnknownOption {
        place: String,
        subject: String,
        value: String,
    },
    #[error("{place}: type error: {message}")]
    Type { place: String, message: String },
    #[error("{place}: cycle: {}", path.join(" -> "))]
    Cycle { place: String, path: Vec<String> },
    #[error("{place}: step `{step}` has input `{found}`, the calculation needs `{expected}`")]
    BindingType {
        place: String,
        step: String,
        expected: String,
        found: String,
    },
    #[error("{place}: a follow-up needs `due_in_days` or `due_figure`")]
    MissingDue { place: String },
    #[error("{place}: `{option}` is not an option of the administrator-tasks step `{step}`")]
    UnknownAdministratorOption {
        place: String,
        step: String,
        option: String,
    },
    #[error(
        "{place}: `administrator_option` needs `calculation.administrator_tasks` (the step where the administrator's tasks are chosen)"
    )]
    NoAdministratorTasks { place: String },
    #[error("{place}: `sheet = \"{sheet}\"` needs input {expected}, the step has `{found}`")]
    SheetInput {
        place: String,
        sheet: String,
        expected: String,
        found: String,
    },
}

impl TemplateError {
    /// Where the error is, or "" for a parse error.
    pub fn place(&self) -> &str {
        use TemplateError::*;
        match self {
            Parse { .. } => "",
            DuplicateId { place, .. }
            | BadId { place, .. }
            | UnknownPhase { place, .. }
            | MissingTranslation { place, .. }
            | UnknownUnit { place, .. }
            | UnknownRegister { place, .. }
            | NoOptions { place }
            | BadConsentOption { place }
            | Syntax { place, .. }
            | UnknownStep { place, .. }
            | UnknownDerived { place, .. }
            | UnknownFigure { place, .. }
            | UnknownMeasure { place, .. }
            | UnknownField { place, .. }
            | UnknownName { place, .. }
            | UnknownOption { place, .. }
            | Type { place, .. }
            | Cycle { place, .. }
            | BindingType { place, .. }
            | MissingDue { place }
            | UnknownAdministratorOption { place, .. }
            | NoAdministratorTasks { place }
            | SheetInput { place, .. } => place,
        }
    }
}
