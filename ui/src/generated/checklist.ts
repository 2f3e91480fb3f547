// Generated from the Rust types by keukentafel-checklist (src/view.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test bindings

import type { ContractType, Heating, HouseholdId, Tenure, Visit, VisitId } from './bindings';

/**
 * Everything the visit screen shows.
 */
export type VisitChecklist = { visit: Visit, household_id: HouseholdId, household_name: string, 
/**
 * The template this visit is carried out with (its own version, even after a newer one ships).
 */
template: Template, 
/**
 * Step id → answer.
 */
answers: { [key in string]: AnswerValue }, 
/**
 * Step id → name of the volunteer who gave the answer.
 */
answered_by: { [key in string]: string }, evaluation: Evaluation, };

/**
 * One answer, saved the moment it is given. `value: null` clears it.
 */
export type AnswerInput = { visit_id: VisitId, step_id: string, value: AnswerValue | null, };

/**
 * One answer. JSON: `{"type": "yes_no", "value": true}`.
 */
export type AnswerValue = { "type": "yes_no", "value": boolean } | { "type": "choice", "value": string } | { "type": "multi_choice", "value": Array<string> } | { "type": "number", "value": number } | { "type": "money", "value": number } | { "type": "meter_reading", "value": MeterReading } | { "type": "date", "value": string } | { "type": "text", "value": string } | { "type": "measure_installed", "value": Array<MeasureItem> };

/**
 * Readings taken on one day; `readings` maps a register (e.g. `gas`) to the meter value.
 */
export type MeterReading = { date: string, readings: { [key in string]: number }, };

/**
 * One kind of item installed (or a setting changed) during the visit.
 */
export type MeasureItem = { 
/**
 * A measure id from the reference figures.
 */
measure: string, quantity: number, 
/**
 * Where in the house, e.g. "woonkamer".
 */
location: string, };

/**
 * Why an answer was ignored.
 */
export type AnswerProblem = { "code": "unknown_step", step_id: string, } | { "code": "wrong_type", step_id: string, expected: string, found: string, } | { "code": "unknown_option", step_id: string, option: string, } | { "code": "not_finite", step_id: string, } | { "code": "unknown_register", step_id: string, register: string, } | { "code": "unknown_measure", step_id: string, measure: string, };

/**
 * A computed number with its unit and where it comes from.
 */
export type Amount = { value: number, unit: string, 
/**
 * Figure and measure ids used (see `Evaluation::sources`); empty = from answers only.
 */
figures_used: Array<string>, 
/**
 * True when any figure used is our own estimate.
 */
estimate: boolean, };

/**
 * The saving of one measure installed or agreed.
 */
export type MeasureSaving = { step_id: string, measure: string, label: Text, quantity: number, gas_m3: number, electricity_kwh: number, water_l: number, eur: number, estimate: boolean, };

/**
 * Savings added up.
 */
export type Saving = { gas_m3: number, electricity_kwh: number, water_l: number, eur: number, 
/**
 * True when the sum was cut back to the household's own use (one cannot save more).
 */
capped: boolean, figures_used: Array<string>, estimate: boolean, };

/**
 * The numbers the summary shows.
 */
export type KeyFigures = { gas_m3_year: Amount | null, electricity_kwh_year: Amount | null, net_income_year: Amount | null, yearly_cost_before: Amount | null, yearly_cost_after: Amount | null, 
/**
 * A fraction: 0.083 is 8.3 %.
 */
energy_quote_before: Amount | null, energy_quote_after: Amount | null, high_energy_quote_before: boolean | null, high_energy_quote_after: boolean | null, savings: Array<MeasureSaving>, total_saving: Saving, current_advance_month: Amount | null, 
/**
 * Expected yearly cost after savings ÷ 12, rounded up to whole euros.
 */
proposed_advance_month: Amount | null, };

/**
 * A step that applies, in the order to show it.
 */
export type StepStatus = { step_id: string, phase: string, domain: StepDomain, role: StepRole, required: boolean, 
/**
 * Has a valid answer.
 */
answered: boolean, 
/**
 * Shown first because a crisis is active.
 */
urgent: boolean, };

export type PhaseProgress = { phase_id: string, title: Text, answered: number, applicable: number, };

export type CrisisReason = { step_id: string, reason: Text, };

export type Crisis = { active: boolean, reasons: Array<CrisisReason>, };

export type DerivedResult = { name: string, step_id: string, label: Text, unit: string | null, value: ExprValue, 
/**
 * Reference figures the formula used, directly or through other derived values.
 */
figures_used: Array<string>, };

/**
 * Something to do after (or because of) the visit.
 */
export type Action = { "kind": "referral", step_id: string, role: StepRole, to: Text, reason: Text, } | { "kind": "follow_up", step_id: string, role: StepRole, what: Text, due: string, };

/**
 * Everything the visit and summary screens show.
 */
export type Evaluation = { template_id: string, template_version: number, figures_id: string, figures_version: number, crisis: Crisis, 
/**
 * Applicable steps: urgent ones first during a crisis, otherwise template order.
 */
steps: Array<StepStatus>, 
/**
 * In phase order.
 */
phases: Array<PhaseProgress>, 
/**
 * Applicable required steps without a valid answer, in template order.
 */
missing_required: Array<string>, answer_problems: Array<AnswerProblem>, derived: Array<DerivedResult>, figures: KeyFigures, actions: Array<Action>, 
/**
 * Every figure or measure named in `figures_used` anywhere above.
 */
sources: Array<FigureSource>, };

export type TemplateError = { "code": "parse", message: string, } | { "code": "duplicate_id", place: string, id: string, } | { "code": "bad_id", place: string, id: string, } | { "code": "unknown_phase", place: string, phase: string, } | { "code": "missing_translation", place: string, lang: string, } | { "code": "unknown_unit", place: string, unit: string, } | { "code": "unknown_register", place: string, register: string, } | { "code": "no_options", place: string, } | { "code": "syntax", place: string, message: string, } | { "code": "unknown_step", place: string, step: string, } | { "code": "unknown_derived", place: string, name: string, } | { "code": "unknown_figure", place: string, figure: string, } | { "code": "unknown_measure", place: string, measure: string, } | { "code": "unknown_field", place: string, field: string, } | { "code": "unknown_name", place: string, name: string, } | { "code": "unknown_option", place: string, subject: string, value: string, } | { "code": "type", place: string, message: string, } | { "code": "cycle", place: string, path: Array<string>, } | { "code": "binding_type", place: string, step: string, expected: string, found: string, } | { "code": "missing_due", place: string, };

/**
 * A computed value as the app shows it.
 */
export type ExprValue = { "type": "null" } | { "type": "bool", "value": boolean } | { "type": "number", "value": number } | { "type": "text", "value": string } | { "type": "list", "value": Array<ExprValue> };

export type Source = { title: string, url: string, };

/**
 * One reference figure.
 */
export type Figure = { id: string, value: number, unit: string, label: Text, source: Source, 
/**
 * Date (or month, `YYYY-MM`) of the source.
 */
source_date: string, 
/**
 * Our own estimate (✱ in the reference): an editable default, not a published figure.
 */
estimate: boolean, note?: string | null, };

/**
 * Whether a measure's saving counts once per household or per item installed.
 */
export type Per = "household" | "item";

/**
 * A saving measure with its yearly saving (per item or per household).
 */
export type Measure = { id: string, label: Text, per: Per, gas_m3: number, electricity_kwh: number, water_l: number, source: Source, source_date: string, estimate: boolean, note?: string | null, };

/**
 * A set of reference figures for one year.
 */
export type Figures = { id: string, version: number, year: number, figure: Array<Figure>, measure: Array<Measure>, };

/**
 * Where a number comes from: a figure or a measure, as the app shows it.
 */
export type FigureSource = { id: string, label: Text, 
/**
 * The figure's value; for a measure its gas saving (see `unit`).
 */
value: number, unit: string, source: Source, source_date: string, estimate: boolean, };

/**
 * What the engine needs to know about the household.
 */
export type Profile = { tenure: Tenure | null, heating: Heating | null, contract_type: ContractType | null, under_bewind: boolean, adults: number, children: number, };

/**
 * A text in Dutch and English. Both must be non-empty in a valid template.
 */
export type Text = { nl: string, en: string, };

/**
 * A whole checklist template.
 */
export type Template = { id: string, version: number, title: Text, phases: Array<Phase>, steps: Array<Step>, 
/**
 * Which steps feed the engine's built-in calculations (energy quote, advance).
 */
calculation: Calculation, };

export type Phase = { id: string, 
/**
 * Phases are shown by ascending `order`.
 */
order: number, title: Text, };

/**
 * Whether a step is about energy, money, or both.
 */
export type StepDomain = "energy" | "finance" | "both";

/**
 * The volunteer who usually does a step.
 */
export type StepRole = "energy_coach" | "debt_help_volunteer" | "both";

export type Step = { id: string, phase: string, domain: StepDomain, role: StepRole, required: boolean, 
/**
 * When a crisis is active, these steps come first.
 */
urgent_on_crisis: boolean, 
/**
 * CEL condition over `household.*`, `answers.*`, `derived.*`, `figures.*`; absent = always.
 */
when?: string | null, question: Text, help?: Text | null, input: Input, derived?: Array<Derived>, effects?: Array<Effect>, };

/**
 * What kind of answer a step takes. The answer value ([`crate::AnswerValue`]) mirrors this.
 */
export type Input = { "type": "yes_no" } | { "type": "choice", options: Array<Choice>, } | { "type": "multi_choice", options: Array<Choice>, } | { "type": "number", unit: string, } | { "type": "money" } | { "type": "meter_reading", registers: Array<string>, } | { "type": "date" } | { "type": "text" } | { "type": "measure_installed", measures: Array<string>, };

/**
 * One option of a (multiple) choice.
 */
export type Choice = { id: string, nl: string, en: string, 
/**
 * Choosing this option agrees to this measure (a behaviour agreement or a changed
 * setting); its saving is counted like an installed item.
 */
measure?: string | null, };

/**
 * The type of a derived value.
 */
export type ValueKind = "bool" | "number" | "money" | "text";

/**
 * A named formula shown with its step; visible to other expressions as `derived.<name>`.
 * It is null while its step does not apply or the formula cannot be computed.
 */
export type Derived = { name: string, kind: ValueKind, formula: string, label: Text, unit?: string | null, };

/**
 * Something that happens when a step applies and its condition holds.
 */
export type Effect = { 
/**
 * CEL condition; absent = the step's answer is "yes" / non-empty.
 */
when?: string | null, } & ({ "kind": "referral", to: Text, reason: Text, } | { "kind": "follow_up", what: Text, due_in_days?: number | null, due_figure?: string | null, } | { "kind": "crisis", reason: Text, });

export type EffectAction = { "kind": "referral", to: Text, reason: Text, } | { "kind": "follow_up", what: Text, due_in_days?: number | null, due_figure?: string | null, } | { "kind": "crisis", reason: Text, };

/**
 * Step ids whose answers feed the built-in calculations. Every entry is optional.
 */
export type Calculation = { 
/**
 * Money step: net disposable household income per month.
 */
net_income_month: string | null, 
/**
 * Number step (m3): gas use per year from the annual bill.
 */
gas_m3_year: string | null, 
/**
 * Number step (kWh): net electricity use per year.
 */
electricity_kwh_year: string | null, 
/**
 * Money step: total energy cost per year from the annual bill (overrides the estimate).
 */
energy_cost_year: string | null, 
/**
 * Money step: the current monthly advance (termijnbedrag).
 */
advance_month: string | null, 
/**
 * Choice step with options flat / terraced / end_terrace / semi_detached / detached.
 */
dwelling_type: string | null, };
