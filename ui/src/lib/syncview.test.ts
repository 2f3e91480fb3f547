import { describe, expect, it } from 'vitest';
import { baseName, fieldLabel, pathsOf, progressPercent, valueText } from './syncview';
import { formatDateTime } from './dates';
import { parseHash, href } from './router';
import { dict } from './i18n';

const nl = dict('nl');

describe('sync view helpers', () => {
  it('turns a file and its stage into a percentage', () => {
    expect(progressPercent({ index: 0, count: 2, path: 'a', stage: 'reading' })).toBe(5);
    expect(progressPercent({ index: 1, count: 2, path: 'b', stage: 'done' })).toBe(100);
    expect(progressPercent({ index: 0, count: 0, path: '', stage: 'done' })).toBe(0);
  });
  it('reads one path per line', () => {
    expect(pathsOf(' /a/b.kt \n\n/c d/e.kt\r\n')).toEqual(['/a/b.kt', '/c d/e.kt']);
    expect(baseName('/media/usb/abc.kt')).toBe('abc.kt');
    expect(baseName('C:\\x\\y.kt')).toBe('y.kt');
  });
  it('names fields as the forms do', () => {
    expect(fieldLabel('household', 'energy_supplier', nl)).toBe('Energieleverancier');
    expect(fieldLabel('visit', 'planned_date', nl)).toBe('Datum');
    expect(fieldLabel('consent', 'whatever', nl)).toBe('whatever');
    expect(fieldLabel('household', 'archived', nl)).toBe('Gearchiveerd');
  });
  it('shows values in plain words', () => {
    expect(valueText('household', 'heating', 'heat_pump', nl, 'nl')).toBe('Warmtepomp');
    expect(valueText('household', 'energy_supplier', 'Eneco', nl, 'nl')).toBe('Eneco');
    expect(valueText('household', 'under_bewind', true, nl, 'nl')).toBe('Ja');
    expect(valueText('household', 'notes', '', nl, 'nl')).toBe('(leeg)');
    expect(valueText('visit', 'volunteers', ['An', 'Bo'], nl, 'nl')).toBe('An, Bo');
    expect(valueText('visit', 'planned_date', '2026-03-03', nl, 'nl')).toBe('3 mrt 2026');
  });
  it('formats a moment in Dutch', () => {
    const s = formatDateTime('2026-03-03T12:05:00Z', 'nl');
    expect(s).toMatch(/^3 mrt 2026 om \d\d:05$/);
    expect(formatDateTime('nonsense', 'nl')).toBe('nonsense');
  });
  it('routes to the sync and conflicts screens', () => {
    expect(parseHash('#/sync')).toEqual({ name: 'sync' });
    expect(parseHash('#/conflicts')).toEqual({ name: 'conflicts' });
    expect(href({ name: 'conflicts' })).toBe('#/conflicts');
  });
});
