// The agenda's groups: missed visits first (the backend's `missed`), then the planned ones by
// day; optionally only the user's own (the backend's `mine`).
import type { AgendaItem } from '../../generated/bindings';

export type AgendaDay = { date: string; items: AgendaItem[] };
export type AgendaView = { missed: AgendaItem[]; days: AgendaDay[] };

const when = (it: AgendaItem) => it.visit.planned_date + (it.visit.planned_time || '99:99');

export function agendaView(items: AgendaItem[], mineOnly: boolean): AgendaView {
  const shown = [...items].filter((it) => !mineOnly || it.mine).sort((a, b) => when(a).localeCompare(when(b)));
  const missed = shown.filter((it) => it.missed);
  const days: AgendaDay[] = [];
  for (const it of shown) {
    if (it.missed) continue;
    const last = days[days.length - 1];
    if (last && last.date === it.visit.planned_date) last.items.push(it);
    else days.push({ date: it.visit.planned_date, items: [it] });
  }
  return { missed, days };
}

/**
 * The agenda as one list of rows, for drawing only the rows in view: the missed group's
 * heading, then each day's heading, each followed by its visits (`first`/`last` of their group
 * draw the group's card).
 */
export type AgendaEntry =
  | { kind: 'missed'; count: number }
  | { kind: 'day'; date: string; first: boolean }
  | { kind: 'visit'; item: AgendaItem; missed: boolean; first: boolean; last: boolean };

export function agendaEntries(view: AgendaView): AgendaEntry[] {
  const out: AgendaEntry[] = [];
  const visits = (items: AgendaItem[], missed: boolean) =>
    items.forEach((item, i) => out.push({ kind: 'visit', item, missed, first: i === 0, last: i === items.length - 1 }));
  if (view.missed.length) {
    out.push({ kind: 'missed', count: view.missed.length });
    visits(view.missed, true);
  }
  for (const day of view.days) {
    out.push({ kind: 'day', date: day.date, first: out.length === 0 });
    visits(day.items, false);
  }
  return out;
}

/** A row's identity: a drawn row keeps its measured height when the list is read again. */
export function entryKey(e: AgendaEntry): string {
  return e.kind === 'missed' ? 'missed' : e.kind === 'day' ? `day:${e.date}` : `visit:${e.item.visit.id}`;
}

/** A row's expected height in rem before it is drawn (Agenda.svelte's CSS). */
export function entryEstimate(e: AgendaEntry): number {
  if (e.kind === 'missed') return 4.75;
  if (e.kind === 'day') return e.first ? 2.25 : 3.75;
  return 4.1;
}
