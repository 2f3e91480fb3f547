// Generated from the Rust types by keukentafel-checklist (src/view.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test bindings

import type { ConsentScope, ContractType, Heating, HouseholdId, Language, Tenure, Visit, VisitId } from './bindings';

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
answered_by: { [key in string]: string }, evaluation: Evaluation, 
/**
 * The household's sheet of this evaluation ([`HouseholdSheet::build`]).
 */
sheet: HouseholdSheet, };

/**
 * One answer, saved the moment it is given. `value: null` clears it.
 */
export type AnswerInput = { visit_id: VisitId, step_id: string, value: AnswerValue | null, 
/**
 * Which of the visit's volunteers gives the answer (two share one laptop at the table);
 * `None`: this installation's user.
 */
answered_by?: string, };

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
 * Why an answer was ignored; or, for `exclusive_option`, why it contradicts itself (such an
 * answer is still used, so no signal in it is lost, but the volunteer should correct it).
 */
export type AnswerProblem = { "code": "unknown_step", step_id: string, } | { "code": "wrong_type", step_id: string, expected: string, found: string, } | { "code": "unknown_option", step_id: string, option: string, } | { "code": "not_finite", step_id: string, } | { "code": "unknown_register", step_id: string, register: string, } | { "code": "unknown_measure", step_id: string, measure: string, } | { "code": "exclusive_option", step_id: string, option: string, };

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
 * How the household's heat is bought, so the summary knows which unit to show.
 */
export type HeatSupply = "gas" | "heat_network" | "electricity" | "unpriced";

/**
 * The saving of one measure installed or agreed, after combining with the others.
 */
export type MeasureSaving = { step_id: string, measure: string, label: Text, quantity: number, reduces: Reduces, 
/**
 * Heat demand saved in the home (GJ), for heating and warm-water measures.
 */
heat_gj: number, 
/**
 * Gas saved (gas-heated homes only).
 */
gas_m3: number, 
/**
 * Electricity saved: lighting and standby, and heating with a heat pump or electric heating.
 */
electricity_kwh: number, water_l: number, eur: number, estimate: boolean, };

/**
 * Savings combined per use and added up over the uses.
 */
export type Saving = { heat_gj: number, gas_m3: number, electricity_kwh: number, water_l: number, eur: number, 
/**
 * True when a total was cut back to the most a household can save on that use.
 */
capped: boolean, 
/**
 * True when measures on the same use were combined rather than added.
 */
combined: boolean, figures_used: Array<string>, estimate: boolean, };

/**
 * Which energy-poverty indicator.
 */
export type IndicatorKind = "high_energy_quote" | "low_income" | "lihe" | "lilek" | "low_use" | "hidden_energy_poverty";

/**
 * One energy-poverty indicator with its definition and where the definition comes from.
 */
export type Indicator = { kind: IndicatorKind, label: Text, 
/**
 * `None`: cannot be told yet from the answers.
 */
value: boolean | null, 
/**
 * The definition in plain words, with the thresholds from the figures.
 */
definition: Text, source: Source, source_date: string, figures_used: Array<string>, estimate: boolean, };

/**
 * The numbers the summary shows.
 */
export type KeyFigures = { heat_supply: HeatSupply, 
/**
 * Gas use per year (gas-heated homes).
 */
gas_m3_year: Amount | null, 
/**
 * Heat use per year in GJ (district heating, block connection).
 */
heat_gj_year: Amount | null, electricity_kwh_year: Amount | null, 
/**
 * Yearly disposable income: net per month × 12 plus holiday pay.
 */
disposable_income_year: Amount | null, yearly_cost_before: Amount | null, yearly_cost_after: Amount | null, 
/**
 * A fraction: 0.083 is 8.3 %.
 */
energy_quote_before: Amount | null, energy_quote_after: Amount | null, 
/**
 * The high-energy-quote threshold (a fraction), from the figures.
 */
high_energy_quote_threshold: Amount | null, high_energy_quote_before: boolean | null, high_energy_quote_after: boolean | null, indicators: Array<Indicator>, savings: Array<MeasureSaving>, total_saving: Saving, 
/**
 * Measures answered but not counted: they do not fit the heating, or lowering the
 * temperature is not advised because the household already uses far less than usual.
 */
not_counted: Array<string>, current_advance_month: Amount | null, 
/**
 * Expected yearly cost after savings ÷ 12, rounded up to whole euros.
 */
proposed_advance_month: Amount | null, };

/**
 * Which use a line measures, and so its unit.
 */
export type MeasuredUse = "gas" | "heat" | "electricity";

/**
 * One use: measured since the first visit, beside the bill before and the estimate.
 */
export type MeasuredLine = { measured_use: MeasuredUse, 
/**
 * `m3`, `gj` or `kwh`; every number below is in this unit per day.
 */
unit: string, 
/**
 * Measured use per day since the first visit (weather-corrected when `weather_corrected`).
 * Never negative.
 */
per_day_since: number, 
/**
 * The first visit's annual bill ÷ 365; `None` when the bill was not entered.
 */
per_day_before: number | null, 
/**
 * `per_day_since − per_day_before`: negative is less use.
 */
change_per_day: number | null, 
/**
 * The change as a fraction of the use before (−0.1 is 10 % less); `None` without a bill
 * or when the bill says 0.
 */
change_fraction: number | null, 
/**
 * What the first visit expected: minus the yearly saving of this use ÷ 365.
 */
estimated_change_per_day: number, 
/**
 * This use heats the home: gas and heat always, electricity with a heat pump or electric
 * heating (the heat saving then shows up here).
 */
includes_heating: boolean, 
/**
 * Corrected with the degree days of the period; false unless the figures hold them.
 */
weather_corrected: boolean, };

/**
 * The measured change between the first visit's readings and the follow-up's.
 */
export type MeasuredChange = { from: string, to: string, 
/**
 * Days between the readings; at least [`MIN_DAYS`].
 */
days: number, 
/**
 * Gas or heat (by heating), then electricity; only uses both readings have.
 */
lines: Array<MeasuredLine>, 
/**
 * Electricity sent back to the grid per day (solar panels), when both readings have the
 * same feed-in registers. Shown on its own; not in the electricity line.
 */
feed_in_kwh_per_day: number | null, };

/**
 * Why no measured change can be given.
 */
export type NoMeasurement = { "code": "not_later", first: string, later: string, } | { "code": "too_short", days: number, min_days: number, } | { "code": "register_went_down", register: string, first: number, later: number, } | { "code": "not_a_number", register: string, };

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
urgent: boolean, 
/**
 * The step is for the user's role ([`StepRole::is_for`]); set by
 * [`Evaluation::mark_mine`], true for every step until then.
 */
mine: boolean, };

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
export type Action = { "kind": "referral", step_id: string, 
/**
 * The step's role.
 */
role: StepRole, 
/**
 * Who carries it out (see [`EffectAction`]).
 */
who: Who, to: Text, reason: Text, 
/**
 * The consent this referral needs (see [`crate::template::ReferralEffect::consent`]).
 */
consent: ConsentScope | null, } | { "kind": "follow_up", step_id: string, 
/**
 * The step's role.
 */
role: StepRole, 
/**
 * Who carries it out (see [`EffectAction`]).
 */
who: Who, what: Text, due: string, 
/**
 * This follow-up is the next visit (its date is also [`Evaluation::next_visit`]).
 */
next_visit: boolean, };

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
 * The date of the next visit: the earliest due date of a follow-up marked `next_visit`.
 */
next_visit: string | null, 
/**
 * Every figure or measure named in `figures_used` anywhere above.
 */
sources: Array<FigureSource>, 
/**
 * Measure id → label (from the figures), for every measure the template offers: in a
 * measure input or through a choice option. Static per template and figures.
 */
measure_labels: { [key in string]: Text }, 
/**
 * Step id → option ids (choices) or measure ids (measure inputs) not to offer this
 * household: the measure does not fit its heating (no boiler advice with a heat pump, no
 * gas advice on district heating), or it already uses far less than usual (no advice to
 * lower the temperature).
 */
not_offered: { [key in string]: Array<string> }, };

export type TemplateError = { "code": "parse", message: string, } | { "code": "duplicate_id", place: string, id: string, } | { "code": "bad_id", place: string, id: string, } | { "code": "unknown_phase", place: string, phase: string, } | { "code": "missing_translation", place: string, lang: string, } | { "code": "unknown_unit", place: string, unit: string, } | { "code": "unknown_register", place: string, register: string, } | { "code": "no_options", place: string, } | { "code": "bad_consent_option", place: string, } | { "code": "syntax", place: string, message: string, } | { "code": "unknown_step", place: string, step: string, } | { "code": "unknown_derived", place: string, name: string, } | { "code": "unknown_figure", place: string, figure: string, } | { "code": "unknown_measure", place: string, measure: string, } | { "code": "unknown_field", place: string, field: string, } | { "code": "unknown_name", place: string, name: string, } | { "code": "unknown_option", place: string, subject: string, value: string, } | { "code": "type", place: string, message: string, } | { "code": "cycle", place: string, path: Array<string>, } | { "code": "binding_type", place: string, step: string, expected: string, found: string, } | { "code": "missing_due", place: string, } | { "code": "unknown_administrator_option", place: string, step: string, option: string, } | { "code": "no_administrator_tasks", place: string, } | { "code": "sheet_input", place: string, sheet: string, expected: string, found: string, };

/**
 * A computed value as the app shows it.
 */
export type ExprValue = { "type": "null" } | { "type": "bool", "value": boolean } | { "type": "number", "value": number } | { "type": "text", "value": string } | { "type": "list", "value": Array<ExprValue> };

/**
 * Where a figure comes from: the title of the page or document, and a deep link to it.
 */
export type Source = { title: string, 
/**
 * A deep link to the page that holds the figure (see [`is_deep_link`]). Empty only for an
 * estimate whose basis is not online; the title then names that basis.
 */
url: string, };

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
estimate: boolean, 
/**
 * For an estimate: in one line, how the value was reached from its basis.
 */
reasoning?: string | null, note?: string | null, };

/**
 * Whether a measure's saving counts once per household or per item installed.
 */
export type Per = "household" | "item" | "person";

/**
 * The use a measure reduces. Reductions of the same use are combined, not added.
 */
export type Reduces = "space_heating" | "warm_water" | "electricity";

/**
 * A saving measure with its yearly saving (per item or per household).
 */
export type Measure = { id: string, label: Text, per: Per, gas_m3: number, electricity_kwh: number, water_l: number, 
/**
 * Which use it reduces; default: space heating for a gas saving, else electricity.
 */
reduces?: Reduces | null, 
/**
 * The saving as a share of the household's own use it reduces (e.g. 0.065 for 1 °C
 * lower); then `gas_m3` is only the published example and is not used.
 */
share?: number | null, 
/**
 * The heating types (see `profile::HEATINGS`) it fits; empty: every type. A measure that
 * does not fit the household's heating is not offered and not counted.
 */
heating?: Array<string>, 
/**
 * Not advised to a household that already uses far less than the reference (under-heats).
 */
not_when_low_use: boolean, source: Source, source_date: string, estimate: boolean, 
/**
 * For an estimate: in one line, how the value was reached from its basis.
 */
reasoning?: string | null, note?: string | null, };

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
 * The household's sheet, in the order it is printed.
 */
export type HouseholdSheet = { 
/**
 * What we did together. Empty: nothing but getting to know each other.
 */
did: Array<SheetItem>, 
/**
 * What we agreed. Empty: nothing agreed yet.
 */
agreed: Array<SheetItem>, 
/**
 * Who does what, and when.
 */
tasks: Array<SheetTask>, 
/**
 * Who arranges the proposed new advance with the supplier: the administrator under
 * bewind, else the household.
 */
advance_by: Who, 
/**
 * The language the sheet is printed in: the household's choice.
 */
language: Language, 
/**
 * Whom the household can call, in the order printed.
 */
contacts: Array<SheetContact>, };

/**
 * One line of "what we did" or "what we agreed".
 */
export type SheetItem = { "kind": "measures_installed", items: Array<InstalledItem>, } | { "kind": "heating_settings_changed", labels: Array<Text>, } | { "kind": "meters_read" } | { "kind": "bill_discussed" } | { "kind": "money_discussed" } | { "kind": "benefits_discussed" } | { "kind": "household_agrees", labels: Array<Text>, } | { "kind": "refer_to", to: Array<Text>, };

/**
 * One kind of item installed, with its label from the reference figures.
 */
export type InstalledItem = { measure: string, label: Text, quantity: number, 
/**
 * Where in the house; may be empty.
 */
location: string, };

/**
 * One row of "who does what, and when".
 */
export type SheetTask = { who: Who, what: TaskWhat, when: TaskWhen, };

export type TaskWhat = { "kind": "household_agrees", labels: Array<Text>, } | { "kind": "administrator_arranges", labels: Array<Text>, } | { "kind": "contact_with", to: Array<Text>, } | { "kind": "follow_up", what: Text, };

export type TaskWhen = { "kind": "today" } | { "kind": "soon" } | { "kind": "from_now" } | { "kind": "date", date: string, };

/**
 * A person the household can call about the visit.
 */
export type SheetContact = { 
/**
 * May be empty (an administrator known only by a phone number).
 */
name: string, 
/**
 * Their part: energy coach, debt-help volunteer, administrator; `None` when not known
 * (a name no user has, or a coordinator).
 */
who: Who | null, organisation: string, 
/**
 * A phone number (or, for an administrator, whatever contact the record holds); may be empty.
 */
phone: string, };

/**
 * A text in Dutch and English. Both must be non-empty in a valid template.
 */
export type Text = { nl: string, en: string, };

/**
 * A whole checklist template.
 */
export type Template = { id: string, version: number, title: Text, phases: Array<Phase>, steps: Array<Step>, 
/**
 * Which steps feed the engine's built-in rules (energy quote, advance, who acts).
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

/**
 * Who carries out an action after the visit: a volunteer (the step's role), the household's
 * administrator (bewindvoerder), or the household itself.
 */
export type Who = "energy_coach" | "debt_help_volunteer" | "both" | "administrator" | "household";

export type Step = { id: string, phase: string, domain: StepDomain, role: StepRole, required: boolean, 
/**
 * When a crisis is active, these steps come first.
 */
urgent_on_crisis: boolean, 
/**
 * CEL condition over `household.*`, `answers.*`, `derived.*`, `figures.*`; absent = always.
 */
when?: string | null, question: Text, help?: Text | null, input: Input, derived?: Array<Derived>, effects?: Array<Effect>, 
/**
 * What this step's answer means on the household's printed sheet ([`crate::sheet`]);
 * absent = the answer is not on the sheet (its actions still are).
 */
sheet?: SheetTag | null, };

/**
 * What a step's answer says on the household's sheet ([`crate::HouseholdSheet`]). Several
 * steps may carry the same tag: their answers make one line together. The steps' order in the
 * template does not matter; the sheet has its own order (that of the variants here).
 */
export type SheetTag = "measures_installed" | "heating_settings_changed" | "meters_read" | "bill_discussed" | "money_discussed" | "benefits_discussed" | "household_agrees";

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
measure?: string | null, 
/**
 * "None of the others" (`none`, `nobody`, `all_fine` …): in a multiple choice it is chosen
 * alone, and an answer combining it with other options is reported
 * ([`crate::AnswerProblem::ExclusiveOption`]). In a single choice it only marks the option
 * (e.g. so a summary can leave it out).
 */
exclusive: boolean, 
/**
 * The household's consent for this scope *is* this option: the step shows the current
 * consent as its answer and an answer records consent events (a multiple choice only; its
 * other options are exclusive, e.g. "nobody").
 */
consent?: ConsentScope | null, };

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
when?: string | null, } & ({ "kind": "referral" } & ReferralEffect | { "kind": "follow_up" } & FollowUpEffect | { "kind": "crisis" } & CrisisEffect);

/**
 * What an effect does. Referrals and follow-ups become [`crate::Action`]s; who carries them
 * out is, in this order: `who_under_bewind` when the household is under bewind; the
 * administrator when the household is under bewind and the `calculation.administrator_tasks`
 * step's answer includes `administrator_option`; else `who`; else the step's role. Each kind is its own struct so that an unknown or misspelt field
 * (`next_vist`) is a parse error rather than silently ignored.
 */
export type EffectAction = { "kind": "referral" } & ReferralEffect | { "kind": "follow_up" } & FollowUpEffect | { "kind": "crisis" } & CrisisEffect;

export type ReferralEffect = { to: Text, reason: Text, 
/**
 * Who acts, when not the step's role (e.g. `household`).
 */
who?: Who | null, 
/**
 * The option of the administrator-tasks step that hands this action to the administrator
 * when the household is under bewind.
 */
administrator_option?: string | null, 
/**
 * Who acts whenever the household is under bewind, whatever the administrator-tasks step
 * says (contacting a creditor is the administrator's job).
 */
who_under_bewind?: Who | null, 
/**
 * The consent the household must have given before its data goes to the party referred
 * to (`share_municipality`, `share_landlord`, …); absent when the household goes itself or
 * nothing is shared.
 */
consent?: ConsentScope | null, };

/**
 * Due `due_in_days` after the visit, or after the number of days in figure `due_figure` when
 * given.
 */
export type FollowUpEffect = { what: Text, due_in_days?: number | null, due_figure?: string | null, 
/**
 * Who acts, when not the step's role (e.g. `household`).
 */
who?: Who | null, 
/**
 * The option of the administrator-tasks step that hands this action to the administrator
 * when the household is under bewind.
 */
administrator_option?: string | null, 
/**
 * Who acts whenever the household is under bewind, whatever the administrator-tasks step
 * says (contacting a creditor is the administrator's job).
 */
who_under_bewind?: Who | null, 
/**
 * This follow-up is the next visit: its due date is [`crate::Evaluation::next_visit`] (the
 * earliest, if several fire).
 */
next_visit?: boolean, };

export type CrisisEffect = { reason: Text, };

/**
 * Step ids whose answers feed the engine's built-in rules. Every entry is optional.
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
 * Number step (GJ): heat use per year from the heat supplier's bill (district heating,
 * block connection).
 */
heat_gj_year?: string | null, 
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
dwelling_type: string | null, 
/**
 * Choice step for the energy label; its option `e_f_g` means label E, F or G (LILEK).
 */
energy_label?: string | null, 
/**
 * Multiple-choice step: what the administrator (bewindvoerder) arranges. Its options are
 * what effects name in `administrator_option`.
 */
administrator_tasks: string | null, };
