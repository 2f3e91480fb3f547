//! The evaluation engine: template + reference figures + household + answers → which steps
//! apply and in what order, progress, missing answers, crisis, derived values, key figures,
//! actions with who carries each out, the next visit and the labels of the measures offered.
//! [`Evaluation::mark_mine`] then marks the steps of the user's role. Pure and deterministic:
//! the visit date comes in, nothing reads the clock, and no answer (however wrong) makes it
//! fail: wrong answers are reported per step and ignored (a contradictory multiple choice is
//! reported but still used).

use std::collections::{BTreeMap, HashMap};

use cel::{Context, Program, Value};
use chrono::{Days, NaiveDate};

use crate::answer::{check_answer, contradiction, to_cel, AnswerProblem, AnswerValue, Answers};
use crate::calc::{key_figures, CalcInput, IndicatorKind};
use crate::error::TemplateError;
use crate::expr::{self, ExprValue};
use crate::figures::Figures;
use crate::profile::Profile;
use crate::template::{EffectAction, StepRole, Template, Text, Who};
use crate::validate::{compile, Compiled, Node};

pub use crate::outcome::{
    Action, Crisis, CrisisReason, DerivedResult, Evaluation, PhaseProgress, StepStatus,
};

/// A validated template with its compiled expressions and the figures it was checked against.
pub struct Checklist {
    template: Template,
    figures: Figures,
    compiled: Compiled,
    figure_values: HashMap<String, Value>,
    measure_labels: BTreeMap<String, Text>,
}

impl std::fmt::Debug for Checklist {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Checklist({} v{}, figures {})",
            self.template.id, self.template.version, self.figures.id
        )
    }
}

/// Runs a condition: anything but `true` (false, null, an error such as comparing an
/// unanswered step) counts as false.
fn holds(p: &Program, ctx: &Context) -> bool {
    matches!(p.execute(ctx), Ok(Value::Bool(true)))
}

/// The default condition of an effect: the step's answer is yes / non-empty.
fn affirmative(v: Option<&AnswerValue>) -> bool {
    match v {
        None => false,
        Some(AnswerValue::YesNo(b)) => *b,
        Some(AnswerValue::MultiChoice(l)) => !l.is_empty(),
        Some(AnswerValue::MeasureInstalled(l)) => !l.is_empty(),
        Some(AnswerValue::Text(t)) => !t.trim().is_empty(),
        Some(_) => true,
    }
}

impl Checklist {
    /// Validates and compiles; every template error is returned.
    pub fn new(template: Template, figures: Figures) -> Result<Checklist, Vec<TemplateError>> {
        let (compiled, errors) = compile(&template, &figures);
        if !errors.is_empty() {
            return Err(errors);
        }
        let figure_values = figures
            .figures
            .iter()
            .map(|f| (f.id.clone(), Value::Float(f.value)))
            .collect();
        // Validation rejects unknown measure ids, so every offered measure has a label.
        let measure_labels = template
            .steps
            .iter()
            .flat_map(|s| s.input.measures())
            .filter_map(|id| figures.measure(id))
            .map(|m| (m.id.clone(), m.label.clone()))
            .collect();
        Ok(Checklist {
            template,
            figures,
            compiled,
            figure_values,
            measure_labels,
        })
    }

    /// The default combined-visit template (its newest version) with the default figures, both
    /// built in.
    pub fn builtin() -> Result<Checklist, Vec<TemplateError>> {
        let template = Template::from_toml(crate::DEFAULT_TEMPLATE_TOML).map_err(|e| vec![e])?;
        Checklist::new(template, crate::default_figures().clone())
    }

    /// Every built-in template version ([`crate::BUILTIN_TEMPLATES_TOML`]), each with the
    /// default figures: the combined visit's versions oldest first, then the follow-up visit's.
    /// Pick by template id and version; the newest of one id is the highest version with it.
    pub fn builtin_versions() -> Result<Vec<Checklist>, Vec<TemplateError>> {
        crate::BUILTIN_TEMPLATES_TOML
            .iter()
            .map(|toml| {
                let template = Template::from_toml(toml).map_err(|e| vec![e])?;
                Checklist::new(template, crate::default_figures().clone())
            })
            .collect()
    }

    pub fn template(&self) -> &Template {
        &self.template
    }

    pub fn figures(&self) -> &Figures {
        &self.figures
    }

    /// Evaluates the visit. Never panics and never fails; see [`Evaluation`].
    pub fn evaluate(
        &self,
        profile: &Profile,
        answers: &Answers,
        visit_date: NaiveDate,
    ) -> Evaluation {
        let t = &self.template;
        let steps = &t.steps;

        // 1. Keep the answers that fit their step.
        let mut problems = Vec::new();
        let mut valid: BTreeMap<&str, &AnswerValue> = BTreeMap::new();
        for (id, v) in answers {
            match t.step(id) {
                None => problems.push(AnswerProblem::UnknownStep {
                    step_id: id.clone(),
                }),
                Some(s) => match check_answer(id, &s.input, v, &self.figures) {
                    Ok(()) => {
                        // A contradiction is reported, but the answer is still used.
                        problems.extend(contradiction(id, &s.input, v));
                        valid.insert(s.id.as_str(), v);
                    }
                    Err(p) => problems.push(p),
                },
            }
        }

        // 2. The expression context.
        let mut ctx = Context::with_env(expr::env());
        let household: HashMap<String, Value> = profile
            .fields()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        ctx.add_variable_from_value("household", household);
        ctx.add_variable_from_value("figures", self.figure_values.clone());
        let mut answer_values: HashMap<String, Value> = steps
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    valid.get(s.id.as_str()).map_or(Value::Null, |v| to_cel(v)),
                )
            })
            .collect();
        let mut derived_values: HashMap<String, Value> = steps
            .iter()
            .flat_map(|s| s.derived.iter().map(|d| (d.name.clone(), Value::Null)))
            .collect();
        ctx.add_variable_from_value("answers", answer_values.clone());
        ctx.add_variable_from_value("derived", derived_values.clone());

        // 3. Steps and derived values, dependencies first.
        let derived_defs: Vec<_> = steps.iter().flat_map(|s| s.derived.iter()).collect();
        let mut applicable = vec![false; steps.len()];
        let mut derived_out: Vec<Option<(ExprValue, Vec<String>)>> = vec![None; derived_defs.len()];
        let mut dirty_answers = false;
        let mut dirty_derived = false;
        for &node in &self.compiled.order {
            if dirty_answers {
                ctx.add_variable_from_value("answers", answer_values.clone());
                dirty_answers = false;
            }
            if dirty_derived {
                ctx.add_variable_from_value("derived", derived_values.clone());
                dirty_derived = false;
            }
            match node {
                Node::Step(i) => {
                    let ok = self.compiled.when[i]
                        .as_ref()
                        .is_none_or(|p| holds(p, &ctx));
                    applicable[i] = ok;
                    if !ok && valid.contains_key(steps[i].id.as_str()) {
                        // A hidden step's answer must not leak into other conditions.
                        answer_values.insert(steps[i].id.clone(), Value::Null);
                        dirty_answers = true;
                    }
                }
                Node::Derived(j) => {
                    let cd = &self.compiled.derived[j];
                    let def = derived_defs[j];
                    let value = match (&cd.program, applicable[cd.step]) {
                        (Some(p), true) => match p.execute(&ctx) {
                            Ok(v) => ExprValue::from_cel(&v),
                            Err(_) => ExprValue::Null,
                        },
                        _ => ExprValue::Null,
                    };
                    let value = if value.is(def.kind) {
                        value
                    } else {
                        ExprValue::Null
                    };
                    let mut used: Vec<String> = cd.refs.figures.iter().cloned().collect();
                    for (k, other) in derived_defs.iter().enumerate() {
                        if cd.refs.derived.contains(&other.name) {
                            if let Some((_, u)) = &derived_out[k] {
                                used.extend(u.iter().cloned());
                            }
                        }
                    }
                    used.sort();
                    used.dedup();
                    if value == ExprValue::Null {
                        // Nothing was computed, so nothing was used.
                        used.clear();
                    }
                    derived_values.insert(def.name.clone(), value.to_cel());
                    dirty_derived = true;
                    derived_out[j] = Some((value, used));
                }
            }
        }
        if dirty_answers {
            ctx.add_variable_from_value("answers", answer_values.clone());
        }
        if dirty_derived {
            ctx.add_variable_from_value("derived", derived_values.clone());
        }
        let answered = |i: usize| applicable[i] && valid.contains_key(steps[i].id.as_str());

        // 4. Effects of applicable steps.
        // Under bewind: the options chosen in the (applicable) administrator-tasks step.
        let handed_over: Vec<&str> = t
            .calculation
            .administrator_tasks
            .as_deref()
            .filter(|_| profile.under_bewind)
            .and_then(|id| steps.iter().position(|s| s.id == id))
            .filter(|&i| applicable[i])
            .and_then(|i| match valid.get(steps[i].id.as_str()) {
                Some(AnswerValue::MultiChoice(l)) => Some(l.iter().map(String::as_str).collect()),
                _ => None,
            })
            .unwrap_or_default();
        let who_does = |role: StepRole, action: &EffectAction, who: Option<Who>| -> Who {
            if let Some(w) = action.who_under_bewind().filter(|_| profile.under_bewind) {
                return w;
            }
            match action.administrator_option() {
                Some(o) if handed_over.contains(&o) => Who::Administrator,
                _ => who.unwrap_or(role.into()),
            }
        };
        let mut crisis = Crisis::default();
        let mut actions = Vec::new();
        let mut next_visit: Option<NaiveDate> = None;
        for (i, s) in steps.iter().enumerate() {
            if !applicable[i] {
                continue;
            }
            for (k, e) in s.effects.iter().enumerate() {
                let fires = match &self.compiled.effects[i][k] {
                    Some(p) => holds(p, &ctx),
                    None => affirmative(valid.get(s.id.as_str()).copied()),
                };
                if !fires {
                    continue;
                }
                match &e.action {
                    EffectAction::Crisis(c) => {
                        crisis.active = true;
                        crisis.reasons.push(CrisisReason {
                            step_id: s.id.clone(),
                            reason: c.reason.clone(),
                        });
                    }
                    EffectAction::Referral(r) => actions.push(Action::Referral {
                        step_id: s.id.clone(),
                        role: s.role,
                        who: who_does(s.role, &e.action, r.who),
                        to: r.to.clone(),
                        reason: r.reason.clone(),
                        consent: r.consent,
                    }),
                    EffectAction::FollowUp(f) => {
                        let days = f
                            .due_figure
                            .as_deref()
                            .and_then(|id| self.figures.value(id))
                            .filter(|d| d.is_finite() && *d >= 0.0 && *d < 3650.0)
                            .map(|d| d.round() as u64)
                            .or(f.due_in_days.map(u64::from))
                            .unwrap_or(0);
                        let due = visit_date
                            .checked_add_days(Days::new(days))
                            .unwrap_or(visit_date);
                        if f.next_visit {
                            next_visit = Some(next_visit.map_or(due, |d| d.min(due)));
                        }
                        actions.push(Action::FollowUp {
                            step_id: s.id.clone(),
                            role: s.role,
                            who: who_does(s.role, &e.action, f.who),
                            what: f.what.clone(),
                            due,
                            next_visit: f.next_visit,
                        });
                    }
                }
            }
        }

        // 5. Order, progress, missing answers.
        let mut shown: Vec<StepStatus> = steps
            .iter()
            .enumerate()
            .filter(|(i, _)| applicable[*i])
            .map(|(i, s)| StepStatus {
                step_id: s.id.clone(),
                phase: s.phase.clone(),
                domain: s.domain,
                role: s.role,
                required: s.required,
                answered: answered(i),
                urgent: crisis.active && s.urgent_on_crisis,
                mine: true,
            })
            .collect();
        let mut phase_order: Vec<_> = t.phases.iter().collect();
        phase_order.sort_by_key(|p| p.order);
        let rank = |phase: &str| {
            phase_order
                .iter()
                .position(|p| p.id == phase)
                .unwrap_or(usize::MAX)
        };
        shown.sort_by_key(|s| (!s.urgent, rank(&s.phase)));
        let phases = phase_order
            .iter()
            .map(|p| PhaseProgress {
                phase_id: p.id.clone(),
                title: p.title.clone(),
                answered: shown
                    .iter()
                    .filter(|s| s.phase == p.id && s.answered)
                    .count() as u32,
                applicable: shown.iter().filter(|s| s.phase == p.id).count() as u32,
            })
            .collect();
        let missing_required = steps
            .iter()
            .enumerate()
            .filter(|(i, s)| applicable[*i] && s.required && !answered(*i))
            .map(|(_, s)| s.id.clone())
            .collect();

        // 6. Key figures.
        let pick = |binding: &Option<String>| -> Option<&AnswerValue> {
            let id = binding.as_deref()?;
            let i = steps.iter().position(|s| s.id == id)?;
            if applicable[i] {
                valid.get(id).copied()
            } else {
                None
            }
        };
        let num = |b: &Option<String>| match pick(b) {
            Some(AnswerValue::Number(n)) => Some(*n),
            _ => None,
        };
        let money = |b: &Option<String>| match pick(b) {
            Some(AnswerValue::Money(c)) => Some(*c as f64 / 100.0),
            _ => None,
        };
        let calc = &t.calculation;
        let mut measures = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            let Some(v) = valid.get(s.id.as_str()).filter(|_| applicable[i]) else {
                continue;
            };
            match v {
                AnswerValue::MeasureInstalled(items) => measures.extend(
                    items
                        .iter()
                        .map(|it| (s.id.clone(), it.measure.clone(), it.quantity)),
                ),
                AnswerValue::Choice(o) => measures.extend(
                    s.input
                        .options()
                        .iter()
                        .filter(|c| &c.id == o)
                        .filter_map(|c| c.measure.clone())
                        .map(|m| (s.id.clone(), m, 1)),
                ),
                AnswerValue::MultiChoice(os) => measures.extend(
                    s.input
                        .options()
                        .iter()
                        .filter(|c| os.contains(&c.id))
                        .filter_map(|c| c.measure.clone())
                        .map(|m| (s.id.clone(), m, 1)),
                ),
                _ => {}
            }
        }
        let input = CalcInput {
            net_income_month_eur: money(&calc.net_income_month),
            gas_m3_year: num(&calc.gas_m3_year).filter(|g| *g >= 0.0),
            heat_gj_year: num(&calc.heat_gj_year).filter(|g| *g >= 0.0),
            electricity_kwh_year: num(&calc.electricity_kwh_year).filter(|e| *e >= 0.0),
            energy_cost_year_eur: money(&calc.energy_cost_year).filter(|c| *c > 0.0),
            advance_month_eur: money(&calc.advance_month),
            dwelling_type: match pick(&calc.dwelling_type) {
                Some(AnswerValue::Choice(c)) => Some(c.clone()),
                _ => None,
            },
            energy_label: match pick(&calc.energy_label) {
                Some(AnswerValue::Choice(c)) => Some(c.clone()),
                _ => None,
            },
            heating: profile.heating,
            adults: profile.adults,
            children: profile.children,
            measures,
        };
        let figures = key_figures(&input, &self.figures);

        // Measures that are not offered: they do not fit the heating, or lowering the
        // temperature is not advised because the household already uses far less than usual.
        let low_use = figures
            .indicators
            .iter()
            .any(|i| i.kind == IndicatorKind::LowUse && i.value == Some(true));
        let heating = crate::profile::Profile::heating_id(profile.heating);
        let offered = |m: &str| {
            self.figures
                .measure(m)
                .is_none_or(|m| m.fits(heating) && !(low_use && m.not_when_low_use))
        };
        let mut not_offered: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (i, s) in steps.iter().enumerate() {
            if !applicable[i] {
                continue;
            }
            let mut hidden: Vec<String> = s
                .input
                .options()
                .iter()
                .filter(|c| c.measure.as_deref().is_some_and(|m| !offered(m)))
                .map(|c| c.id.clone())
                .collect();
            if let crate::template::Input::MeasureInstalled { measures } = &s.input {
                hidden.extend(measures.iter().filter(|m| !offered(m)).cloned());
            }
            if !hidden.is_empty() {
                not_offered.insert(s.id.clone(), hidden);
            }
        }

        // 7. Sources of everything used.
        let derived: Vec<DerivedResult> = derived_defs
            .iter()
            .zip(self.compiled.derived.iter())
            .zip(derived_out)
            .map(|((def, cd), out)| {
                let (value, figures_used) = out.unwrap_or((ExprValue::Null, vec![]));
                DerivedResult {
                    name: def.name.clone(),
                    step_id: steps[cd.step].id.clone(),
                    label: def.label.clone(),
                    unit: def.unit.clone(),
                    value,
                    figures_used,
                }
            })
            .collect();
        let mut ids: Vec<&str> = Vec::new();
        let amounts = [
            &figures.gas_m3_year,
            &figures.heat_gj_year,
            &figures.electricity_kwh_year,
            &figures.disposable_income_year,
            &figures.high_energy_quote_threshold,
            &figures.yearly_cost_before,
            &figures.yearly_cost_after,
            &figures.energy_quote_before,
            &figures.energy_quote_after,
            &figures.proposed_advance_month,
        ];
        ids.extend(
            amounts
                .iter()
                .filter_map(|a| a.as_ref())
                .flat_map(|a| a.figures_used.iter().map(String::as_str)),
        );
        ids.extend(figures.total_saving.figures_used.iter().map(String::as_str));
        ids.extend(figures.savings.iter().map(|s| s.measure.as_str()));
        ids.extend(
            derived
                .iter()
                .flat_map(|d| d.figures_used.iter().map(String::as_str)),
        );
        if figures.high_energy_quote_before.is_some() {
            ids.push(crate::figures::ids::HEQ_THRESHOLD);
        }
        ids.extend(
            figures
                .indicators
                .iter()
                .filter(|i| i.value.is_some())
                .flat_map(|i| i.figures_used.iter().map(String::as_str)),
        );
        ids.sort();
        ids.dedup();
        let sources = ids
            .iter()
            .filter_map(|id| self.figures.source_of(id))
            .collect();

        Evaluation {
            template_id: t.id.clone(),
            template_version: t.version,
            figures_id: self.figures.id.clone(),
            figures_version: self.figures.version,
            crisis,
            steps: shown,
            phases,
            missing_required,
            answer_problems: problems,
            derived,
            figures,
            actions,
            next_visit,
            sources,
            measure_labels: self.measure_labels.clone(),
            not_offered,
        }
    }
}

/// Free-function form of [`Checklist::evaluate`].
pub fn evaluate(
    checklist: &Checklist,
    profile: &Profile,
    answers: &Answers,
    visit_date: NaiveDate,
) -> Evaluation {
    checklist.evaluate(profile, answers, visit_date)
}
