import { describe, expect, it } from 'vitest';
import type { WijkCases } from '../../generated/api';
import { STATUSES, cellOf, gapParts, householdsByIds, kindCount, standsOutReason, statusTotals, wijkHouseholds } from './overview';
import { texts } from './texts';

function wijk(name: string, cells: Partial<Record<(typeof STATUSES)[number], string[]>>): WijkCases {
  const full = STATUSES.map((status) => ({ status, count: (cells[status] ?? []).length, households: cells[status] ?? [] }));
  return { wijk: name, total: full.reduce((n, c) => n + c.count, 0), cells: full };
}

describe('overview helpers', () => {
  it('sums each status over the wijken, with the ids behind the sum', () => {
    const totals = statusTotals([
      wijk('Noord', { waiting: ['a', 'b'], closed: ['c'] }),
      wijk('', { waiting: ['d'], follow_up_due: ['e'] }),
    ]);
    expect(totals.map((c) => [c.status, c.count])).toEqual([
      ['waiting', 3],
      ['in_progress', 0],
      ['follow_up_due', 1],
      ['closed', 1],
    ]);
    // The count is the length of the list, so the expanded names always match the number.
    for (const c of totals) expect(c.households.length).toBe(c.count);
    expect(totals[0].households).toEqual(['a', 'b', 'd']);
  });

  it('gives every status a column even when there are no wijken', () => {
    expect(statusTotals([]).map((c) => c.count)).toEqual([0, 0, 0, 0]);
  });

  it('reads a missing cell as empty and a wijk total as all its cells', () => {
    const w: WijkCases = { wijk: 'Zuid', total: 1, cells: [{ status: 'closed', count: 1, households: ['x'] }] };
    expect(cellOf(w, 'waiting')).toEqual({ status: 'waiting', count: 0, households: [] });
    expect(wijkHouseholds(w)).toEqual(['x']);
  });

  it('names the households behind ids by name, unknown ids last', () => {
    const list = [
      { id: 'a', name: 'Yilmaz' },
      { id: 'b', name: 'de Boer' },
      { id: 'c', name: 'Ali' },
    ];
    expect(householdsByIds(['a', 'zz', 'b', 'c'], list)).toEqual([
      { id: 'c', name: 'Ali' },
      { id: 'b', name: 'de Boer' },
      { id: 'a', name: 'Yilmaz' },
      { id: 'zz', name: null },
    ]);
  });

  it('counts a visit kind, zero when absent', () => {
    const counts = { total: 2, by_kind: [{ kind: 'intake' as const, count: 2, visits: ['v1', 'v2'] }] };
    expect(kindCount(counts, 'intake')).toBe(2);
    expect(kindCount(counts, 'follow_up')).toBe(0);
  });

  it('says why a volunteer stands out', () => {
    expect(standsOutReason({ stands_out: true, days_since: null })).toBe('never');
    expect(standsOutReason({ stands_out: true, days_since: 45 as unknown as bigint })).toBe('stale');
    expect(standsOutReason({ stands_out: false, days_since: 3 as unknown as bigint })).toBeNull();
  });

  it('has a Dutch and English label for every status', () => {
    for (const s of STATUSES) {
      expect(texts.householdStatus[s].nl).not.toBe('');
      expect(texts.householdStatus[s].en).not.toBe('');
    }
    expect(texts.householdStatus.waiting.nl).toBe('Wacht op eerste bezoek');
    expect(texts.householdStatus.follow_up_due.nl).toBe('Terugkomen nodig');
  });

  it('says a missing file, or a run of them, the way the row shows it', () => {
    expect(gapParts({ from: 3n, to: 3n })).toEqual({ one: 3 });
    expect(gapParts({ from: 3n, to: 5n })).toEqual({ from: 3, to: 5 });
    expect(texts.overview.gapOne.nl(3)).toBe('Bestand 3 ontbreekt');
    expect(texts.overview.gapRange.nl(3, 5)).toBe('Bestanden 3 t/m 5 ontbreken');
    expect(texts.overview.gapRange.en(3, 5)).toBe('Files 3 to 5 are missing');
  });
});
