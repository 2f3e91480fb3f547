//! What the visit screen receives and sends: the visit with its template, answers, current
//! evaluation and the household's sheet, and one answer at a time. Also generates `ui/src/generated/checklist.ts`.

use std::collections::BTreeMap;

use keukentafel_domain::{HouseholdId, Visit, VisitId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::answer::AnswerValue;
use crate::engine::Evaluation;
use crate::sheet::HouseholdSheet;
use crate::template::Template;

/// Everything the visit screen shows.
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct VisitChecklist {
    pub visit: Visit,
    pub household_id: HouseholdId,
    pub household_name: String,
    /// The template this visit is carried out with (its own version, even after a newer one ships).
    pub template: Template,
    /// Step id → answer.
    pub answers: BTreeMap<String, AnswerValue>,
    /// Step id → name of the volunteer who gave the answer.
    pub answered_by: BTreeMap<String, String>,
    pub evaluation: Evaluation,
    /// The household's sheet of this evaluation ([`HouseholdSheet::build`]).
    pub sheet: HouseholdSheet,
}

/// One answer, saved the moment it is given. `value: null` clears it.
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct AnswerInput {
    pub visit_id: VisitId,
    pub step_id: String,
    pub value: Option<AnswerValue>,
    /// Which of the visit's volunteers gives the answer (two share one laptop at the table);
    /// `None`: this installation's user.
    #[serde(default)]
    #[ts(optional)]
    pub answered_by: Option<String>,
}

/// The generated `ui/src/generated/checklist.ts`.
pub fn typescript() -> String {
    use crate::answer::*;
    use crate::calc::*;
    use crate::engine::*;
    use crate::error::*;
    use crate::expr::*;
    use crate::figures::*;
    use crate::measured::*;
    use crate::profile::*;
    use crate::sheet::*;
    use crate::template::*;
    keukentafel_domain::bindings::typescript_file(
        "keukentafel-checklist (src/view.rs)",
        "import type { ConsentScope, ContractType, Heating, HouseholdId, Language, Tenure, Visit, VisitId } from './bindings';",
        &keukentafel_domain::typescript_decls!(
            VisitChecklist, AnswerInput,
            AnswerValue, MeterReading, MeasureItem, AnswerProblem,
            Amount, HeatSupply, MeasureSaving, Saving, IndicatorKind, Indicator, KeyFigures,
            MeasuredUse, MeasuredLine, MeasuredChange, NoMeasurement,
            StepStatus, PhaseProgress, CrisisReason, Crisis, DerivedResult, Action, Evaluation,
            TemplateError, ExprValue,
            Source, Figure, Per, Reduces, Measure, Figures, FigureSource,
            Profile,
            HouseholdSheet, SheetItem, InstalledItem, SheetTask, TaskWhat, TaskWhen, SheetContact,
            Text, Template, Phase, StepDomain, StepRole, Who, Step, SheetTag, Input, Choice, ValueKind, Derived, Effect,
            EffectAction, ReferralEffect, FollowUpEffect, CrisisEffect, Calculation,
        ),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(keukentafel_domain::bindings::UI_LIB)
            .join("checklist.ts");
        keukentafel_domain::bindings::assert_fresh(&path, &super::typescript());
    }
}
