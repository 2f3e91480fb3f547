// What the inzage view shows besides the document itself: counts for the summary line.
import type { Inzage } from '../../generated/api';

/** How many records and how many changes the copy holds. */
export function counts(i: Inzage): { records: number; changes: number } {
  return {
    records: i.sections.reduce((n, s) => n + s.records.length, 0),
    changes: i.history.reduce((n, g) => n + g.changes.length, 0),
  };
}

/** A date `2026-12-03` as `03-12-2026`, as the saved document writes it. */
export function dutchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}
