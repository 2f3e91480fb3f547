//! A visit's checklist as stored: which template it uses (fixed when the checklist starts, so a
//! visit stays readable and correct after a newer template ships), its answers (each one an op
//! in the store's change log) and the evaluation of both. Shared by the app and the CLI.

use std::collections::BTreeMap;

use keukentafel_domain::{ApiError, ErrorCode, VisitId};
use keukentafel_store::{Store, StoreError};

use crate::answer::{AnswerValue, Answers};
use crate::engine::Checklist;
use crate::profile::Profile;
use crate::view::{AnswerInput, VisitChecklist};

/// Every template version this program can evaluate (today only the built-in one).
pub struct Templates {
    checklists: Vec<Checklist>,
}

#[derive(Debug, thiserror::Error)]
pub enum VisitChecklistError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the visit uses template {id} version {version}, which this program does not have")]
    TemplateUnavailable { id: String, version: i64 },
    #[error("step {0} is not in this visit's template")]
    UnknownStep(String),
}

impl From<VisitChecklistError> for ApiError {
    fn from(e: VisitChecklistError) -> Self {
        match e {
            VisitChecklistError::Store(s) => s.into(),
            VisitChecklistError::TemplateUnavailable { .. } => ApiError::new(
                ErrorCode::TemplateUnavailable,
                "Dit bezoek is gedaan met een nieuwere lijst vragen. Installeer de nieuwste versie van Keukentafel om het te openen.",
                e.to_string(),
            ),
            VisitChecklistError::UnknownStep(_) => ApiError::new(
                ErrorCode::NotFound,
                "Deze vraag hoort niet bij dit bezoek. Open het bezoek opnieuw.",
                e.to_string(),
            ),
        }
    }
}

impl Templates {
    /// The templates built into this program.
    pub fn builtin() -> Result<Templates, Vec<crate::TemplateError>> {
        Ok(Templates { checklists: vec![Checklist::builtin()?] })
    }

    /// The template new visits start with.
    pub fn current(&self) -> &Checklist {
        self.checklists.iter().max_by_key(|c| c.template().version).expect("at least one template")
    }

    fn find(&self, id: &str, version: i64) -> Option<&Checklist> {
        self.checklists.iter().find(|c| c.template().id == id && i64::from(c.template().version) == version)
    }

    /// Opens a visit's checklist; a visit without a template gets the current one.
    pub fn open(&self, store: &mut Store, visit: VisitId) -> Result<VisitChecklist, VisitChecklistError> {
        let mut stored = store.visit_answers(visit)?;
        if stored.template_id.is_empty() {
            let t = self.current().template();
            store.set_visit_template(visit, &t.id, i64::from(t.version))?;
            stored = store.visit_answers(visit)?;
        }
        let checklist = self.find(&stored.template_id, stored.template_version).ok_or_else(|| {
            VisitChecklistError::TemplateUnavailable { id: stored.template_id.clone(), version: stored.template_version }
        })?;
        let v = store.visit(visit)?;
        let household = store.household(v.data.household_id)?;
        // An answer that no longer reads as an answer (written by a newer version) is left out
        // here but stays in the store.
        let answers: Answers = stored
            .answers
            .into_iter()
            .filter_map(|(step, json)| serde_json::from_value::<AnswerValue>(json).ok().map(|a| (step, a)))
            .collect();
        let answered_by: BTreeMap<String, String> =
            stored.answered_by.into_iter().filter(|(step, _)| answers.contains_key(step)).collect();
        let evaluation = checklist.evaluate(&Profile::from(&household.data), &answers, v.data.planned_date);
        Ok(VisitChecklist {
            household_id: household.id,
            household_name: household.data.name.clone(),
            template: checklist.template().clone(),
            answers,
            answered_by,
            evaluation,
            visit: v,
        })
    }

    /// Saves one answer (or clears it) and returns the checklist evaluated again.
    pub fn answer(&self, store: &mut Store, input: AnswerInput) -> Result<VisitChecklist, VisitChecklistError> {
        let current = self.open(store, input.visit_id)?;
        if !current.template.steps.iter().any(|s| s.id == input.step_id) {
            return Err(VisitChecklistError::UnknownStep(input.step_id));
        }
        let value = match input.value {
            Some(v) => serde_json::to_value(v).map_err(StoreError::from)?,
            None => serde_json::Value::Null,
        };
        store.set_answer(input.visit_id, &input.step_id, value)?;
        self.open(store, input.visit_id)
    }
}
