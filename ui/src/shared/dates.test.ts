import { describe, expect, it } from 'vitest';
import { formatDateTime, formatLongDate, formatShortDate, isValidTime, parseYmd } from './dates';

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
  it('formats a moment in Dutch', () => {
    const s = formatDateTime('2026-03-03T12:05:00Z', 'nl');
    expect(s).toMatch(/^3 mrt 2026 om \d\d:05$/);
    expect(formatDateTime('nonsense', 'nl')).toBe('nonsense');
  });
});
