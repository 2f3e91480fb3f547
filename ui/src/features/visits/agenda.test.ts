import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../generated/bindings';
import { agendaView } from './agenda';

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
