import { describe, expect, it } from 'vitest';
import { cellText, cellValue, lastQuarter, reportName } from './report';

describe('report helpers', () => {
  it('proposes the last full quarter', () => {
    expect(lastQuarter('2026-12-03')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(lastQuarter('2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(lastQuarter('2026-04-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(lastQuarter('2028-07-15')).toEqual({ from: '2028-04-01', to: '2028-06-30' });
  });
  it('names the files after the period', () => {
    expect(reportName('2026-07-01', '2026-09-30')).toBe('rapportage-2026-07-01-tot-2026-09-30');
  });
  it('shows suppressed cells as <5 and numbers in the language', () => {
    const col = { header: { nl: '', en: '' }, unit: 'eur', decimals: 2 };
    expect(cellText({ kind: 'suppressed' }, col, 'nl')).toBe('<5');
    expect(cellText({ kind: 'empty' }, col, 'nl')).toBe('');
    expect(cellText({ kind: 'value', value: 1234.5 }, col, 'nl')).toBe('€ 1.234,50');
    expect(cellText({ kind: 'value', value: 12 }, { ...col, unit: 'households', decimals: 0 }, 'en')).toBe('12');
    expect(cellValue({ kind: 'suppressed' })).toBe(0);
    expect(cellValue({ kind: 'value', value: 7 })).toBe(7);
  });
});
