//! Visits and their checklist: planning, editing, archiving, the agenda, and the checklist of a
//! visit as stored — which template it uses (fixed when the checklist first opens, so a visit
//! stays readable and correct after a newer template ships), its answers (each one an op in the
//! change log) and the evaluation of both by the pure engine.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use keukentafel_checklist::{
    answer_from_consent, changes_for_answer, AnswerInput, AnswerValue, Answers, Checklist, HouseholdSheet, Input, Profile,
    TemplateError, VisitChecklist,
};
use keukentafel_domain::{
    AgendaItem, ConsentInput, Rule, ValidationErrors, Visit, VisitId, VisitInput, VisitKind, VisitUpdate,
    CONSENT_TEXT_VERSION,
};
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

    /// The question of a step (newest template that has it first), for labels in the report;
    /// the step id itself when no template has it.
    pub(crate) fn step_question(&self, step: &str) -> keukentafel_checklist::Text {
        let mut newest_first: Vec<&Checklist> = self.checklists.iter().collect();
        newest_first.sort_by_key(|c| std::cmp::Reverse(c.template().version));
        newest_first
            .iter()
            .find_map(|c| c.template().steps.iter().find(|s| s.id == step).map(|s| s.question.clone()))
            .unwrap_or_else(|| keukentafel_checklist::Text { nl: step.to_owned(), en: step.to_owned() })
    }

    /// The template and figures a visit with template `id` version `version` is evaluated
    /// with, as one text (`combined-visit@3/figures-2026@1`); `None` when this program lacks it.
    pub(crate) fn evaluation_version(&self, id: &str, version: i64) -> Option<String> {
        self.find(id, version).map(|c| format!("{id}@{version}/{}@{}", c.figures().id, c.figures().version))
    }

    pub(crate) fn find(&self, id: &str, version: i64) -> Option<&Checklist> {
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
        let (answers, answered_by, consent) = stored_answers(store, checklist, household.id, stored)?;
        let profile = Profile::from(&household.data);
        let mut evaluation = checklist.evaluate(&profile, &answers, v.data.planned_date);
        // Which steps are the user's own (their role's, both roles', all for a coordinator).
        evaluation.mark_mine(store.profile()?.map(|p| p.role));
        // What the household's printed sheet says: the UI only puts it into words.
        let sheet = HouseholdSheet::build(checklist.template(), &evaluation, &answers, &profile, v.data.planned_date)
            .for_household(&household.data, &v.data.volunteers, &store.users()?, store.profile()?.as_ref())
            .without_unconsented(&evaluation, &consent);
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

    /// A visit's evaluation as stored, without writing anything (the report's read): `None`
    /// when the visit never had its checklist opened (no template, so no answers).
    pub(crate) fn evaluate_stored(
        &self,
        store: &Store,
        visit: VisitId,
        household: &keukentafel_domain::Household,
        date: NaiveDate,
    ) -> Result<Option<StoredEvaluation>, VisitError> {
        let stored = store.visit_answers(visit)?;
        if stored.template_id.is_empty() {
            return Ok(None);
        }
        let checklist = self.find(&stored.template_id, stored.template_version).ok_or_else(|| {
            VisitError::TemplateUnavailable { id: stored.template_id.clone(), version: stored.template_version }
        })?;
        let (answers, _, _) = stored_answers(store, checklist, household.id, stored)?;
        let profile = Profile::from(&household.data);
        let evaluation = checklist.evaluate(&profile, &answers, date);
        Ok(Some(StoredEvaluation { evaluation, answers }))
    }

    fn answer(&self, store: &mut Store, input: AnswerInput, today: NaiveDate) -> Result<VisitChecklist, VisitError> {
        let current = self.open_visit(store, input.visit_id)?;
        let Some(step) = current.template.steps.iter().find(|s| s.id == input.step_id) else {
            return Err(VisitError::UnknownStep(input.step_id));
        };
        // Two volunteers share one laptop: the answer is theirs, if they are on the visit.
        let by = match input.answered_by.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            None => None,
            Some(name) => {
                let own = store.profile()?.map(|p| p.name);
                let known = current.visit.data.volunteers.iter().chain(own.iter()).find(|v| v.trim().eq_ignore_ascii_case(name));
                match known {
                    Some(n) => Some(n.trim().to_owned()),
                    None => {
                        return Err(StoreError::Validation(ValidationErrors::one("answered_by", Rule::NotOnVisit)).into())
                    }
                }
            }
        };
        if step.is_consent() {
            // The household's consent is the answer: record what changes, dated today (the day it
            // was asked; an earlier date could lose to a later event and change nothing).
            let consent = keukentafel_domain::consent::current(&store.consent_events(current.household_id)?);
            let date = today;
            let inputs: Vec<ConsentInput> = changes_for_answer(step, input.value.as_ref(), &consent)
                .into_iter()
                .map(|(scope, given)| ConsentInput {
                    household_id: current.household_id,
                    scope,
                    given,
                    text_version: CONSENT_TEXT_VERSION.to_owned(),
                    date,
                })
                .collect();
            if !inputs.is_empty() {
                store.record_consents(inputs, today, by)?;
            }
            return self.open_visit(store, input.visit_id);
        }
        let value = match input.value {
            Some(v) => serde_json::to_value(v).map_err(StoreError::from)?,
            None => serde_json::Value::Null,
        };
        store.set_answer(input.visit_id, &input.step_id, value, by)?;
        self.open_visit(store, input.visit_id)
    }
}

/// A visit's evaluation read without writing (see [`Templates::evaluate_stored`]).
pub(crate) struct StoredEvaluation {
    pub evaluation: keukentafel_checklist::Evaluation,
    pub answers: Answers,
}

/// A visit's answers, who gave each, and the household's consent now.
type StoredAnswers = (Answers, BTreeMap<String, String>, Vec<keukentafel_domain::ConsentStatus>);

/// A stored visit's answers as the engine reads them: answers that no longer read (written by
/// a newer version) left out, and each consent step answered from the household's consent
/// events (never from a stored answer). Also who gave each answer, and the consent now.
fn stored_answers(
    store: &Store,
    checklist: &Checklist,
    household: keukentafel_domain::HouseholdId,
    stored: keukentafel_store::VisitAnswers,
) -> Result<StoredAnswers, VisitError> {
    // An answer that no longer reads as an answer (written by a newer version) is left out
    // here but stays in the store.
    let mut answers: Answers = stored
        .answers
        .into_iter()
        .filter_map(|(step, json)| serde_json::from_value::<AnswerValue>(json).ok().map(|a| (step, a)))
        .collect();
    let mut answered_by: BTreeMap<String, String> =
        stored.answered_by.into_iter().filter(|(step, _)| answers.contains_key(step)).collect();
    // A consent step's answer is the household's consent now, never a stored answer.
    let events = store.consent_events(household)?;
    let consent = keukentafel_domain::consent::current(&events);
    for step in checklist.template().steps.iter().filter(|s| s.is_consent()) {
        answers.remove(&step.id);
        answered_by.remove(&step.id);
        if let Some(a) = answer_from_consent(step, &consent) {
            answers.insert(step.id.clone(), a);
            let scopes: Vec<_> = match &step.input {
                Input::MultiChoice { options } => options.iter().filter_map(|o| o.consent).collect(),
                _ => Vec::new(),
            };
            let latest = events.iter().filter(|e| scopes.contains(&e.scope)).max_by_key(|e| (e.date, e.recorded_at));
            if let Some(e) = latest {
                answered_by.insert(step.id.clone(), e.recorded_by.clone());
            }
        }
    }
    Ok((answers, answered_by, consent))
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

/// Saves one answer (or clears it) and returns the checklist evaluated again. The answer to
/// the consent step records the household's consent instead, dated today.
pub fn answer_step(store: &mut Store, templates: &Templates, input: AnswerInput, today: NaiveDate) -> Reply<VisitChecklist> {
    Ok(templates.answer(store, input, today)?)
}
