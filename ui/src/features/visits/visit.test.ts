import { describe, expect, it } from 'vitest';
import type { Choice, Step, StepStatus } from '../../generated/checklist';
import {
  defaultAnsweredBy,
  centsForInput,
  completeMeasures,
  formatEuro,
  formatPercent,
  joinList,
  lowerFirst,
  measureText,
  moneyAnswer,
  numberForInput,
  offeredStep,
  parseEuroToCents,
  parseNumber,
  sameAnswer,
  stepsOfPhase,
  stepBadges,
  toggleOption,
  URGENT,
} from './visit';

describe('numbers typed by volunteers', () => {
  it.each([
    ['12', 12],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['1.250', 1250],
    ['1.250,75', 1250.75],
    ['€ 85', 85],
    [' 0 ', 0],
  ])('%s -> %s', (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });
  it('empty is no answer, words are not a number', () => {
    expect(parseNumber('  ')).toBeNull();
    expect(parseNumber('twaalf')).toBeNaN();
    expect(parseNumber('1,2,3')).toBeNaN();
  });
  it('euros become whole cents', () => {
    expect(parseEuroToCents('85,50')).toBe(8550);
    expect(parseEuroToCents('1.234,56')).toBe(123456);
    expect(parseEuroToCents('0,1')).toBe(10);
    expect(parseEuroToCents('')).toBeNull();
  });
  it('shows numbers back the way they are typed', () => {
    expect(numberForInput(12.5, 'nl')).toBe('12,5');
    expect(numberForInput(12.5, 'en')).toBe('12.5');
    expect(centsForInput(8550, 'nl')).toBe('85,50');
    expect(centsForInput(8500, 'nl')).toBe('85');
  });
  it('formats euros and percentages', () => {
    expect(formatEuro(1234.5, 'nl')).toMatch(/^€\s?1\.234,50$/);
    expect(formatEuro(1234.5, 'nl', true)).toMatch(/^€\s?1\.235$/);
    expect(formatPercent(0.0834, 'nl')).toBe('8,3 %');
    expect(formatPercent(0.0834, 'en')).toBe('8.3%');
    expect(formatPercent(0.08, 'nl', false)).toBe('8 %');
    expect(formatPercent(0.08, 'nl')).toBe('8,0 %');
  });
  it('sends money as a plain JSON number', () => {
    expect(JSON.stringify(moneyAnswer(8550))).toBe('{"type":"money","value":8550}');
  });
});

const option = (id: string, exclusive = false): Choice => ({ id, nl: id, en: id, exclusive });

describe('answers', () => {
  // Which option excludes the others is the template's word, not the option's id.
  const draughts = [option('doors'), option('windows'), option('nowhere', true)];
  it('an exclusive option clears the others, and the other way round', () => {
    expect(toggleOption(['doors'], 'nowhere', true, draughts)).toEqual(['nowhere']);
    expect(toggleOption(['nowhere'], 'doors', true, draughts)).toEqual(['doors']);
    expect(toggleOption(['doors', 'windows'], 'doors', false, draughts)).toEqual(['windows']);
    expect(toggleOption(['doors'], 'windows', true, draughts)).toEqual(['doors', 'windows']);
    expect(toggleOption(['nowhere'], 'nowhere', false, draughts)).toEqual([]);
  });
  it('"no crisis" unticks the crises, and a crisis unticks "no crisis"', () => {
    const crisis = [option('no_heating'), option('bailiff'), option('none', true)];
    expect(toggleOption(['no_heating', 'bailiff'], 'none', true, crisis)).toEqual(['none']);
    expect(toggleOption(['none'], 'no_heating', true, crisis)).toEqual(['no_heating']);
  });
  it('only the options marked exclusive exclude', () => {
    // An option called "none" that the template does not mark is an ordinary option …
    const plain = [option('none'), option('doors')];
    expect(toggleOption(['doors'], 'none', true, plain)).toEqual(['doors', 'none']);
    // … and a marked option excludes whatever its id.
    const marked = [option('doors'), option('sealed_everywhere', true)];
    expect(toggleOption(['doors'], 'sealed_everywhere', true, marked)).toEqual(['sealed_everywhere']);
    expect(toggleOption(['sealed_everywhere'], 'doors', true, marked)).toEqual(['doors']);
  });
  it('saves only complete measure rows', () => {
    expect(
      completeMeasures([
        { measure: 'led', quantity: 3, location: ' woonkamer ' },
        { measure: '', quantity: 1, location: '' },
        { measure: 'shower_head', quantity: 0, location: '' },
        { measure: 'shower_head', quantity: NaN, location: '' },
      ]),
    ).toEqual([{ measure: 'led', quantity: 3, location: 'woonkamer' }]);
  });
  it('compares answers by value', () => {
    expect(sameAnswer({ type: 'yes_no', value: true }, { type: 'yes_no', value: true })).toBe(true);
    expect(sameAnswer(null, undefined)).toBe(true);
    expect(sameAnswer({ type: 'number', value: 1 }, null)).toBe(false);
  });
});

const status = (step_id: string, phase: string, mine: boolean, urgent = false): StepStatus => ({
  step_id,
  phase,
  domain: 'both',
  role: 'both',
  required: false,
  answered: false,
  urgent,
  mine,
});

describe('which steps are shown', () => {
  // `mine` is set by the engine from the user's role; the screen only filters on it.
  const steps = [
    status('crisis_screen', 'intake', false, true),
    status('dwelling_type', 'intake', true),
    status('consent', 'intake', true),
    status('roles_explained', 'intake', false),
    status('income', 'finances', false),
  ];
  it('"my steps" keeps the steps marked mine and counts the others as hidden', () => {
    const r = stepsOfPhase(steps, 'intake', false, 'mine');
    expect(r.shown.map((s) => s.step_id)).toEqual(['dwelling_type', 'consent']);
    expect(r.hidden).toBe(2);
    expect(stepsOfPhase(steps, 'intake', false, 'all')).toEqual({
      shown: steps.slice(0, 4),
      hidden: 0,
    });
    expect(stepsOfPhase(steps, 'finances', false, 'mine')).toEqual({ shown: [], hidden: 1 });
  });
  it('during a crisis the urgent steps move to their own group', () => {
    expect(stepsOfPhase(steps, URGENT, true, 'all').shown.map((s) => s.step_id)).toEqual(['crisis_screen']);
    expect(stepsOfPhase(steps, 'intake', true, 'all').shown.map((s) => s.step_id)).toEqual([
      'dwelling_type',
      'consent',
      'roles_explained',
    ]);
    expect(stepsOfPhase(steps, URGENT, false, 'all').shown).toEqual([]);
    expect(stepsOfPhase(steps, URGENT, true, 'mine')).toEqual({ shown: [], hidden: 1 });
  });
});

describe('words', () => {
  it('shows a measure by its label from the evaluation, by its id when the label is missing', () => {
    const labels = { led: { nl: 'Ledlamp', en: 'LED' } };
    expect(measureText(labels, 'led')).toEqual({ nl: 'Ledlamp', en: 'LED' });
    expect(measureText(labels, 'heat_pump')).toEqual({ nl: 'heat_pump', en: 'heat_pump' });
  });
  it('puts labels inside a sentence without breaking abbreviations', () => {
    expect(lowerFirst('Ledlamp in plaats van lamp van 40 W')).toBe('ledlamp in plaats van lamp van 40 W');
    expect(lowerFirst('FIXbrigade')).toBe('FIXbrigade');
    expect(lowerFirst('Wijkteam of Wmo')).toBe('wijkteam of Wmo');
  });
  it('joins lists in plain language', () => {
    expect(joinList(['a', 'b', 'c'], 'nl')).toBe('a, b en c');
    expect(joinList(['a'], 'en')).toBe('a');
    expect(joinList(['a', 'b'], 'en')).toBe('a and b');
  });
});

describe('step badges', () => {
  it('shows one badge when the role says the same as the domain', () => {
    expect(stepBadges('both', 'both')).toEqual([{ domain: 'both', text: { kind: 'domain', domain: 'both' } }]);
    expect(stepBadges('energy', 'energy_coach')).toEqual([{ domain: 'energy', text: { kind: 'role', role: 'energy_coach' } }]);
    expect(stepBadges('finance', 'debt_help_volunteer')).toEqual([
      { domain: 'finance', text: { kind: 'role', role: 'debt_help_volunteer' } },
    ]);
  });
  it('shows the domain and the role when they differ', () => {
    expect(stepBadges('both', 'energy_coach').map((b) => b.text)).toEqual([
      { kind: 'domain', domain: 'both' },
      { kind: 'role', role: 'energy_coach' },
    ]);
  });
});

describe('options the engine does not offer', () => {
  const step = (input: Step['input']): Step =>
    ({ id: 's', phase: 'p', domain: 'energy', role: 'energy_coach', required: false, question: { nl: 'v', en: 'q' }, input }) as Step;
  it('leaves out the hidden options of a choice', () => {
    const s = step({
      type: 'multi_choice',
      options: [
        { id: 'thermostat_lower', nl: 'a', en: 'a', exclusive: false },
        { id: 'flow_60', nl: 'b', en: 'b', exclusive: false },
      ],
    });
    const got = offeredStep(s, ['flow_60']);
    expect(got.input.type === 'multi_choice' && got.input.options.map((o) => o.id)).toEqual(['thermostat_lower']);
  });
  it('leaves out the hidden measures of a measure input', () => {
    const s = step({ type: 'measure_installed', measures: ['led', 'radiator_foil'] });
    const got = offeredStep(s, ['radiator_foil']);
    expect(got.input.type === 'measure_installed' && got.input.measures).toEqual(['led']);
  });
  it('keeps the step when nothing is hidden', () => {
    const s = step({ type: 'yes_no' });
    expect(offeredStep(s, undefined)).toBe(s);
  });
});

describe('who fills in', () => {
  const names = ['Anna de Vries', 'Henk Jansen'];
  it('keeps the choice made for this visit', () => {
    expect(defaultAnsweredBy(names, 'Anna de Vries', 'Henk Jansen')).toBe('Henk Jansen');
  });
  it("starts with the app's user when on the visit, spelled as on the visit", () => {
    expect(defaultAnsweredBy(names, ' henk jansen ', null)).toBe('Henk Jansen');
  });
  it('else the first volunteer, and nobody without names', () => {
    expect(defaultAnsweredBy(names, 'Piet', 'Klaas')).toBe('Anna de Vries');
    expect(defaultAnsweredBy([], 'Anna', null)).toBe('');
  });
});
