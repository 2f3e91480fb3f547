import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../generated/bindings';
import { agendaEntries, agendaView, entryEstimate, entryKey } from './agenda';

function item(id: string, date: string, time = '', missed = false, mine = false): AgendaItem {
  return {
    visit: {
      id,
      archived: false,
      clocks: {},
      household_id: 'h',
      planned_date: date,
      planned_time: time,
      kind: 'combined',
      volunteers: [],
      status: 'planned',
      summary: '',
    },
    household_name: 'Fam. de Groot',
    wijk: '',
    missed,
    mine,
  };
}

describe('agendaView', () => {
  const items = [
    item('c', '2026-12-02', '14:00', false, true),
    item('a', '2026-11-20', '', true, false),
    item('d', '2026-12-02', '09:30'),
    item('e', '2026-12-02'),
    item('b', '2026-11-25', '10:00', true, true),
  ];

  it('puts the missed visits first, oldest first, and groups the rest by day, timed before untimed', () => {
    const v = agendaView(items, false);
    expect(v.missed.map((i) => i.visit.id)).toEqual(['a', 'b']);
    expect(v.days.map((d) => [d.date, d.items.map((i) => i.visit.id)])).toEqual([['2026-12-02', ['d', 'c', 'e']]]);
  });

  it('shows only the user’s own visits when asked', () => {
    const v = agendaView(items, true);
    expect(v.missed.map((i) => i.visit.id)).toEqual(['b']);
    expect(v.days.flatMap((d) => d.items.map((i) => i.visit.id))).toEqual(['c']);
  });
});

describe('agendaEntries', () => {
  it('puts each group heading before its visits, and marks the first and last of a group', () => {
    const view = agendaView(
      [item('m', '2026-11-20', '', true), item('a', '2026-12-02', '09:30'), item('b', '2026-12-02', '14:00'), item('c', '2026-12-05')],
      false,
    );
    const entries = agendaEntries(view);
    expect(entries.map(entryKey)).toEqual(['missed', 'visit:m', 'day:2026-12-02', 'visit:a', 'visit:b', 'day:2026-12-05', 'visit:c']);
    const flags = entries.map((e) => (e.kind === 'visit' ? `${e.first ? 'F' : ''}${e.last ? 'L' : ''}` : e.kind));
    expect(flags).toEqual(['missed', 'FL', 'day', 'F', 'L', 'day', 'FL']);
    expect(entries[2]).toMatchObject({ kind: 'day', first: false });
    expect(entryEstimate(entries[2])).toBeGreaterThan(entryEstimate({ kind: 'day', date: 'x', first: true }));
  });

  it('without missed visits the first day has no space above it', () => {
    const entries = agendaEntries(agendaView([item('a', '2026-12-02')], false));
    expect(entries[0]).toEqual({ kind: 'day', date: '2026-12-02', first: true });
    expect(agendaEntries({ missed: [], days: [] })).toEqual([]);
  });
});
