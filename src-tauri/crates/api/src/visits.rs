//! Visits and their checklist: planning, editing, archiving, the agenda, and the checklist of a
//! visit as stored — which template it uses (fixed when the checklist first opens, so a visit
//! stays readable and correct after a newer template ships), its answers (each one an op in the
//! change log) and the evaluation of both by the pure engine.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keukentafel_checklist::{
    AnswerInput, AnswerValue, Answers, Checklist, HouseholdSheet, Profile, TemplateError, VisitChecklist,
};
use keukentafel_domain::{AgendaItem, Visit, VisitId, VisitInput, VisitKind, VisitUpdate};
use keukentafel_store::{Store, StoreError};

use crate::Reply;

/// The id of the combined-visit template (`assets/checklist/combined-visit.v*.toml`).
pub const COMBINED_TEMPLATE: &str = "combined-visit";
/// The id of the follow-up checklist (`assets/checklist/follow-up.v*.toml`).
pub const FOLLOW_UP_TEMPLATE: &str = "follow-up";

/// Every template version this program can evaluate: the built-in ones, oldest first. New
/// visits get the newest; a visit keeps the version it was first opened with.
pub struct Templates {
    checklists: Vec<Checklist>,
}

/// What can go wrong with a stored visit's checklist (its words are in `errors/`).
#[derive(Debug, thiserror::Error)]
pub enum VisitError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the visit uses template {id} version {version}, which this program does not have")]
    TemplateUnavailable { id: String, version: i64 },
    #[error("step {0} is not in this visit's template")]
    UnknownStep(String),
    #[error("the built-in checklist template does not compile: {0:?}")]
    BrokenTemplate(Vec<TemplateError>),
}

impl Templates {
    /// The templates built into this program.
    pub fn builtin() -> Result<Templates, VisitError> {
        Ok(Templates { checklists: Checklist::builtin_versions().map_err(VisitError::BrokenTemplate)? })
    }

    /// The template new combined visits (and intakes) start with: the newest combined-visit
    /// template.
    pub fn current(&self) -> &Checklist {
        self.newest(COMBINED_TEMPLATE).expect("the combined-visit template is built in")
    }

    /// The template a visit of `kind` starts with: the follow-up checklist for a follow-up
    /// visit, the combined visit otherwise.
    pub fn current_for(&self, kind: VisitKind) -> &Checklist {
        match kind {
            VisitKind::FollowUp => self.newest(FOLLOW_UP_TEMPLATE).unwrap_or_else(|| self.current()),
            VisitKind::Intake | VisitKind::Combined => self.current(),
        }
    }

    fn newest(&self, id: &str) -> Option<&Checklist> {
        self.checklists.iter().filter(|c| c.template().id == id).max_by_key(|c| c.template().version)
    }

    fn find(&self, id: &str, version: i64) -> Option<&Checklist> {
        self.checklists.iter().find(|c| c.template().id == id && i64::from(c.template().version) == version)
    }

    /// A visit's checklist as stored, evaluated (the visit gets its template when it has none).
    pub(crate) fn open_visit(&self, store: &mut Store, visit: VisitId) -> Result<VisitChecklist, VisitError> {
        let mut stored = store.visit_answers(visit)?;
        if stored.template_id.is_empty() {
            let t = self.current_for(store.visit(visit)?.data.kind).template();
            store.set_visit_template(visit, &t.id, i64::from(t.version))?;
            stored = store.visit_answers(visit)?;
        }
        let checklist = self.find(&stored.template_id, stored.template_version).ok_or_else(|| {
            VisitError::TemplateUnavailable { id: stored.template_id.clone(), version: stored.template_version }
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
        let profile = Profile::from(&household.data);
        let mut evaluation = checklist.evaluate(&profile, &answers, v.data.planned_date);
        // Which steps are the user's own (their role's, both roles', all for a coordinator).
        evaluation.mark_mine(store.profile()?.map(|p| p.role));
        // What the household's printed sheet says: the UI only puts it into words.
        let sheet = HouseholdSheet::build(checklist.template(), &evaluation, &answers, &profile, v.data.planned_date)
            .for_household(&household.data, &v.data.volunteers, &store.users()?, store.profile()?.as_ref());
        Ok(VisitChecklist {
            household_id: household.id,
            household_name: household.data.name.clone(),
            template: checklist.template().clone(),
            answers,
            answered_by,
            evaluation,
            sheet,
            visit: v,
        })
    }

    fn answer(&self, store: &mut Store, input: AnswerInput) -> Result<VisitChecklist, VisitError> {
        let current = self.open_visit(store, input.visit_id)?;
        if !current.template.steps.iter().any(|s| s.id == input.step_id) {
            return Err(VisitError::UnknownStep(input.step_id));
        }
        let value = match input.value {
            Some(v) => serde_json::to_value(v).map_err(StoreError::from)?,
            None => serde_json::Value::Null,
        };
        store.set_answer(input.visit_id, &input.step_id, value)?;
        self.open_visit(store, input.visit_id)
    }
}

pub fn plan(store: &mut Store, input: VisitInput, today: NaiveDate) -> Reply<Visit> {
    Ok(store.plan_visit(input, today)?)
}

pub fn update(store: &mut Store, update: VisitUpdate, today: NaiveDate) -> Reply<Visit> {
    Ok(store.update_visit(update, today)?)
}

pub fn set_archived(store: &mut Store, id: VisitId, archived: bool) -> Reply<Visit> {
    Ok(store.set_visit_archived(id, archived)?)
}

/// Planned and recent visits, around `today`.
pub fn agenda(store: &Store, today: NaiveDate) -> Reply<Vec<AgendaItem>> {
    Ok(store.agenda(today)?)
}

/// Opens a visit's checklist; a visit without a template gets the current one.
pub fn open_checklist(store: &mut Store, templates: &Templates, visit: VisitId) -> Reply<VisitChecklist> {
    Ok(templates.open_visit(store, visit)?)
}

/// Saves one answer (or clears it) and returns the checklist evaluated again.
pub fn answer_step(store: &mut Store, templates: &Templates, input: AnswerInput) -> Reply<VisitChecklist> {
    Ok(templates.answer(store, input)?)
}
