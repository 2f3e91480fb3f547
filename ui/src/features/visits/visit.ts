// Helpers for the visit and summary screens: reading and writing answers, numbers in Dutch
// notation, which steps of a phase are shown, and lists in plain language. Pure functions, so
// they are tested without the app. What a step means (who does an action, the next visit, which
// steps are the user's, labels of measures, options that exclude the others) comes from the
// engine; nothing here knows a step id.
import type { AnswerProblem, AnswerValue, Choice, MeasureItem, Step, StepDomain, StepRole, StepStatus, Text } from '../../generated/checklist';
import type { ApiError } from '../../shared/api';
import type { Lang } from '../../shared/i18n';

/** A template text in the active language (Dutch when the English one is missing). */
export function tx(text: Text | null | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'en' ? text.en || text.nl : text.nl;
}

// ---------------------------------------------------------------- numbers

/**
 * Reads a number typed the Dutch way or the English way: `12`, `12,5`, `12.5`, `1.250`,
 * `1.250,75`, `€ 85`. `null` for empty input, `NaN` when it is not a number.
 */
export function parseNumber(input: string): number | null {
  let s = input.replace(/[€\s\u00a0]/g, '');
  if (s === '') return null;
  if (s.includes(',')) {
    // Dutch: dots group thousands, the comma is the decimal sign.
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) {
    // `1.250` is one thousand two hundred and fifty, as a Dutch reader means it.
    s = s.replace(/\./g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/** Euro text → cents; `null` for empty, `NaN` when it is not an amount. */
export function parseEuroToCents(input: string): number | null {
  const n = parseNumber(input);
  if (n === null || Number.isNaN(n)) return n;
  return Math.round(n * 100);
}

/** A number as typed in an input: `12,5` in Dutch, `12.5` in English. */
export function numberForInput(n: number, lang: Lang): string {
  const s = String(Math.round(n * 1e6) / 1e6);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

/** Cents as typed in an input: `85,50` (Dutch) or `85.50`; whole euros without decimals. */
export function centsForInput(cents: number, lang: Lang): string {
  const s = cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

function locale(lang: Lang): string {
  return lang === 'nl' ? 'nl-NL' : 'en-GB';
}

/** `€ 1.234,56`; with `whole` rounded to euros: `€ 1.235`. */
export function formatEuro(eur: number, lang: Lang, whole = false): string {
  return new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(eur);
}

/** A plain number with at most `digits` decimals: `1.234` / `12,5`. */
export function formatNumber(n: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(n);
}

/**
 * A fraction as a percentage with one decimal: 0.083 → `8,3 %`. A threshold (`exact = false`)
 * drops a trailing zero, as the definitions write it: 0.08 → `8 %`.
 */
export function formatPercent(fraction: number, lang: Lang, exact = true): string {
  const v = new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: exact ? 1 : 0,
    maximumFractionDigits: 1,
  }).format(fraction * 100);
  return lang === 'nl' ? `${v} %` : `${v}%`;
}

// ---------------------------------------------------------------- answers

/** A money answer, in euro cents. */
export function moneyAnswer(cents: number): AnswerValue {
  return { type: 'money', value: cents };
}

/** The cents of a money answer. */
export function centsOf(value: AnswerValue | undefined): number | null {
  return value?.type === 'money' ? value.value : null;
}

/**
 * The new selection of a multiple choice after `option` was switched on or off. An option marked
 * `exclusive` in the template ("none of the others") clears the rest, and the other way round.
 */
export function toggleOption(current: string[], option: string, on: boolean, options: Choice[]): string[] {
  if (!on) return current.filter((o) => o !== option);
  const exclusive = new Set(options.filter((o) => o.exclusive).map((o) => o.id));
  if (exclusive.has(option)) return [option];
  return [...current.filter((o) => !exclusive.has(o) && o !== option), option];
}

/** One badge on a step: its colour (the domain) and what it says. */
export type StepBadge = { domain: StepDomain; text: { kind: 'domain'; domain: StepDomain } | { kind: 'role'; role: StepRole } };

/**
 * The badges of a step's domain and role, one per fact: when the role says the same as the
 * domain (energy and the energy coach, money and the debt-help buddy, both and both) one badge
 * in the domain's colour that names the role ("Samen" for both), else the domain and the role.
 */
export function stepBadges(domain: StepDomain, role: StepRole): StepBadge[] {
  const same =
    (domain === 'energy' && role === 'energy_coach') ||
    (domain === 'finance' && role === 'debt_help_volunteer') ||
    (domain === 'both' && role === 'both');
  if (same) return [{ domain, text: role === 'both' ? { kind: 'domain', domain } : { kind: 'role', role } }];
  return [
    { domain, text: { kind: 'domain', domain } },
    { domain, text: { kind: 'role', role } },
  ];
}

/** Measure rows as they are saved: only rows with a measure and a whole quantity of 1 or more. */
export function completeMeasures(rows: MeasureItem[]): MeasureItem[] {
  return rows
    .filter((r) => r.measure !== '' && Number.isInteger(r.quantity) && r.quantity >= 1)
    .map((r) => ({ measure: r.measure, quantity: r.quantity, location: r.location.trim() }));
}

/** Same answer? (So an unchanged input does not save again.) */
export function sameAnswer(a: AnswerValue | null | undefined, b: AnswerValue | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The step an answer problem belongs to. */
export function problemStep(p: AnswerProblem): string {
  return p.step_id;
}

/** Where the saving of one step's answer stands. */
export type SaveState = { state: 'saving' | 'saved' | 'error'; error?: ApiError };

// ---------------------------------------------------------------- who sees which steps

export type StepFilter = 'all' | 'mine';

/** One entry of the phase list: a phase, or the urgent steps during a crisis. */
export type NavItem = { id: string; title: string; answered: number; applicable: number };

/**
 * The steps of one phase as shown: during a crisis the urgent ones are in their own group; with
 * the filter "mine", only the steps the engine marked as the user's (`mine`).
 */
export function stepsOfPhase(
  steps: StepStatus[],
  phase: string,
  crisis: boolean,
  filter: StepFilter,
): { shown: StepStatus[]; hidden: number } {
  const inPhase = steps.filter((s) =>
    phase === URGENT ? crisis && s.urgent : s.phase === phase && !(crisis && s.urgent),
  );
  const shown = filter === 'all' ? inPhase : inPhase.filter((s) => s.mine);
  return { shown, hidden: inPhase.length - shown.length };
}

/** The id of the extra group of urgent steps during a crisis. */
export const URGENT = 'urgent';

// ---------------------------------------------------------------- words

/** The label of a measure, from the evaluation's labels (its id if, against the engine's promise, it is missing). */
export function measureText(labels: Record<string, Text | undefined>, id: string): Text {
  return labels[id] ?? { nl: id, en: id };
}

/** `a, b en c` (Dutch) or `a, b and c`. */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${items[items.length - 1]}`;
}

/** A label inside a sentence: first letter small, unless the word is an abbreviation (`FIXbrigade`). */
export function lowerFirst(label: string): string {
  if (label.length > 1 && label[1] === label[1].toUpperCase() && label[1] !== label[1].toLowerCase()) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * The step as this household is offered it: without the options or measures the engine says
 * not to offer (`Evaluation.not_offered`: advice that does not fit the heating, or lowering the
 * temperature for a household that already uses far less than usual).
 */
export function offeredStep(step: Step, hidden: string[] | undefined): Step {
  if (!hidden?.length) return step;
  const input = step.input;
  if (input.type === 'choice' || input.type === 'multi_choice') {
    return { ...step, input: { ...input, options: input.options.filter((o) => !hidden.includes(o.id)) } };
  }
  if (input.type === 'measure_installed') {
    return { ...step, input: { ...input, measures: input.measures.filter((m) => !hidden.includes(m)) } };
  }
  return step;
}

/**
 * Who fills in at first: the name kept for this visit (if still one of its volunteers), else
 * the app's user when on the visit, else the first volunteer; `''` for a visit without names.
 * Always spelled as on the visit.
 */
export function defaultAnsweredBy(volunteers: string[], user: string | undefined, kept: string | null): string {
  const find = (name: string | null | undefined) =>
    name ? volunteers.find((v) => v.trim().toLowerCase() === name.trim().toLowerCase()) : undefined;
  return find(kept) ?? find(user) ?? volunteers[0] ?? '';
}
