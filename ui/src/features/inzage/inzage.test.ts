import { describe, expect, it } from 'vitest';
import type { Inzage } from '../../generated/api';
import { counts, dutchDate } from './inzage';

const text = (s: string) => ({ nl: s, en: s });

describe('inzage helpers', () => {
  it('counts the records and the changes', () => {
    const i: Inzage = {
      household_id: 'h',
      household_name: 'Fam. Test',
      made_on: '2026-12-03',
      made_by: 'Anna',
      organisation: 'EAS',
      file_name: 'inzage-fam-test-2026-12-03.html',
      sections: [
        { id: 'household', title: text('Uw gegevens'), intro: text(''), records: [{ title: text('x'), fields: [], answers: [] }] },
        { id: 'tasks', title: text('Afspraken'), intro: text(''), records: [] },
      ],
      history: [
        { at: '', when: '', record: text('x'), by: 'Anna', changes: [{ field: text('a'), old: null, new: text('1') }] },
        {
          at: '',
          when: '',
          record: text('x'),
          by: 'Anna',
          changes: [
            { field: text('a'), old: text('1'), new: text('2') },
            { field: text('b'), old: null, new: text('3') },
          ],
        },
      ],
    };
    expect(counts(i)).toEqual({ records: 1, changes: 3 });
  });
  it('writes dates the Dutch way', () => {
    expect(dutchDate('2026-12-03')).toBe('03-12-2026');
    expect(dutchDate('gisteren')).toBe('gisteren');
  });
});
