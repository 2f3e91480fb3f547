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
