import { describe, expect, it } from 'vitest';
import { isValidPostcode, normalizePostcode } from './postcode';
import { formatLongDate, formatShortDate, isValidTime, parseYmd } from './dates';
import { parseHash, href } from './router';
import { checkHousehold, emptyHousehold, toSend } from './household';

describe('postcode', () => {
  it.each([
    ['1234AB', '1234 AB'],
    ['1234 ab', '1234 AB'],
    [' 3764  ab ', '3764 AB'],
    ['0123 AB', null],
    ['1234 SA', null],
    ['1234 sd', null],
    ['1234 SS', null],
    ['12 AB', null],
    ['1234 A1', null],
  ])('%s -> %s (same rule as the Rust side)', (input, expected) => {
    expect(normalizePostcode(input)).toBe(expected);
  });
  it('empty is allowed because the postcode is optional', () => {
    expect(isValidPostcode('')).toBe(true);
    expect(isValidPostcode('   ')).toBe(true);
  });
});

describe('dates', () => {
  it('formats the Dutch short date as in the list', () => {
    expect(formatShortDate('2026-12-01', 'nl', '2026-11-20')).toBe('di 1 dec');
    expect(formatShortDate('2026-12-01', 'en', '2026-11-20')).toBe('Tue 1 Dec');
  });
  it('adds the year when it is not this year', () => {
    expect(formatShortDate('2027-01-05', 'nl', '2026-12-30')).toBe('di 5 jan 2027');
  });
  it('formats a long date', () => {
    expect(formatLongDate('2026-03-02', 'nl')).toBe('maandag 2 maart 2026');
  });
  it('rejects days that do not exist', () => {
    expect(parseYmd('2026-02-30')).toBeNull();
    expect(parseYmd('')).toBeNull();
    expect(formatShortDate('nonsense', 'nl')).toBe('nonsense');
  });
  it('checks times like the Rust side', () => {
    expect(isValidTime('')).toBe(true);
    expect(isValidTime('9:05')).toBe(true);
    expect(isValidTime('14:30')).toBe(true);
    expect(isValidTime('24:00')).toBe(false);
    expect(isValidTime('14.30')).toBe(false);
  });
});

describe('router', () => {
  it('round-trips every route through the hash', () => {
    for (const r of [
      { name: 'households' },
      { name: 'new' },
      { name: 'agenda' },
      { name: 'profile' },
      { name: 'household', id: 'abc-1' },
      { name: 'edit', id: 'abc-1' },
    ] as const) {
      expect(parseHash(href(r))).toEqual(r);
    }
  });
});

describe('household form', () => {
  it('flags counts the server could not read', () => {
    const h = { ...emptyHousehold(), name: 'A', adults: -1, children: 1.5, postcode: '0000 AA' };
    expect(Object.keys(checkHousehold(h)).sort()).toEqual(['adults', 'children', 'postcode']);
    expect(Object.keys(checkHousehold({ ...emptyHousehold(), name: '  ' }))).toEqual(['name']);
  });
  it('sends hidden fields empty', () => {
    const h = { ...emptyHousehold(), tenure: 'owner' as const, landlord: 'X', administrator_name: 'Y' };
    const sent = toSend(h);
    expect(sent.landlord).toBe('');
    expect(sent.administrator_name).toBe('');
  });
});
