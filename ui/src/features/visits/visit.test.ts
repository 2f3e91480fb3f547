import { describe, expect, it } from 'vitest';
import type { Action, StepStatus } from '../../generated/checklist';
import {
  centsForInput,
  completeMeasures,
  followUpDate,
  formatEuro,
  formatPercent,
  isMine,
  joinList,
  lowerFirst,
  moneyAnswer,
  numberForInput,
  parseEuroToCents,
  parseNumber,
  sameAnswer,
  stepsOfPhase,
  toggleOption,
  URGENT,
  whoDoes,
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
  });
  it('sends money as a plain JSON number', () => {
    expect(JSON.stringify(moneyAnswer(8550))).toBe('{"type":"money","value":8550}');
  });
});

describe('answers', () => {
  it('"none" excludes the other options and the other way round', () => {
    expect(toggleOption(['doors'], 'nowhere', true)).toEqual(['nowhere']);
    expect(toggleOption(['nowhere'], 'doors', true)).toEqual(['doors']);
    expect(toggleOption(['doors', 'windows'], 'doors', false)).toEqual(['windows']);
    expect(toggleOption(['doors'], 'windows', true)).toEqual(['doors', 'windows']);
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

const status = (step_id: string, phase: string, role: StepStatus['role'], urgent = false): StepStatus => ({
  step_id,
  phase,
  domain: 'both',
  role,
  required: false,
  answered: false,
  urgent,
});

describe('which steps are shown', () => {
  const steps = [
    status('crisis_screen', 'intake', 'debt_help_volunteer', true),
    status('dwelling_type', 'intake', 'energy_coach'),
    status('consent', 'intake', 'both'),
    status('net_income', 'finances', 'debt_help_volunteer'),
  ];
  it('"my steps" keeps the own role and steps for both; a coordinator sees all', () => {
    expect(isMine('energy_coach', 'energy_coach')).toBe(true);
    expect(isMine('debt_help_volunteer', 'energy_coach')).toBe(false);
    expect(isMine('both', 'debt_help_volunteer')).toBe(true);
    expect(isMine('energy_coach', 'coordinator')).toBe(true);
    const r = stepsOfPhase(steps, 'intake', false, 'mine', 'energy_coach');
    expect(r.shown.map((s) => s.step_id)).toEqual(['dwelling_type', 'consent']);
    expect(r.hidden).toBe(1);
  });
  it('during a crisis the urgent steps move to their own group', () => {
    expect(stepsOfPhase(steps, URGENT, true, 'all', undefined).shown.map((s) => s.step_id)).toEqual(['crisis_screen']);
    expect(stepsOfPhase(steps, 'intake', true, 'all', undefined).shown.map((s) => s.step_id)).toEqual([
      'dwelling_type',
      'consent',
    ]);
    expect(stepsOfPhase(steps, URGENT, false, 'all', undefined).shown).toEqual([]);
  });
});

describe('who does what', () => {
  const arrangement: Action = {
    kind: 'follow_up',
    step_id: 'payment_arrangement',
    role: 'debt_help_volunteer',
    what: { nl: 'x', en: 'x' },
    due: '2026-03-10',
  };
  it('the administrator takes over what the answers hand to them', () => {
    expect(whoDoes(arrangement, true, ['arrangement'])).toBe('administrator');
    expect(whoDoes(arrangement, true, ['benefits'])).toBe('debt_help_volunteer');
    expect(whoDoes(arrangement, false, ['arrangement'])).toBe('debt_help_volunteer');
  });
  it('finds the follow-up visit date', () => {
    expect(followUpDate([arrangement])).toBeNull();
    expect(followUpDate([arrangement, { ...arrangement, step_id: 'follow_up_visit', due: '2026-04-14' }])).toBe(
      '2026-04-14',
    );
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
