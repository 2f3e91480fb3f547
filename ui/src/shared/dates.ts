// Date helpers. Dates travel as `YYYY-MM-DD` strings; they are read as calendar days (no time
// zone), so a date never shifts by a day.
import type { Lang } from './i18n';

const DAYS: Record<Lang, string[]> = {
  nl: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
const DAYS_LONG: Record<Lang, string[]> = {
  nl: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS: Record<Lang, string[]> = {
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
const MONTHS_LONG: Record<Lang, string[]> = {
  nl: [
    'januari', 'februari', 'maart', 'april', 'mei', 'juni',
    'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  ],
  en: [
    'January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December',
  ],
};

export type Ymd = { year: number; month: number; day: number };

/** Reads `YYYY-MM-DD`; `null` when it is not a real calendar day. */
export function parseYmd(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

function weekday({ year, month, day }: Ymd): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * Short date: `di 1 dec` (Dutch) or `Tue 1 Dec`; the year is added when it differs from the
 * year of `today`.
 */
export function formatShortDate(iso: string, lang: Lang, today?: string): string {
  const d = parseYmd(iso);
  if (!d) return iso;
  const base = `${DAYS[lang][weekday(d)]} ${d.day} ${MONTHS[lang][d.month - 1]}`;
  const t = today ? parseYmd(today) : null;
  return t && t.year === d.year ? base : `${base} ${d.year}`;
}

/** Long date: `dinsdag 1 december 2026` or `Tuesday 1 December 2026`. */
export function formatLongDate(iso: string, lang: Lang): string {
  const d = parseYmd(iso);
  if (!d) return iso;
  return `${DAYS_LONG[lang][weekday(d)]} ${d.day} ${MONTHS_LONG[lang][d.month - 1]} ${d.year}`;
}

/** Plain date without weekday: `1 dec 2026`. */
export function formatDate(iso: string, lang: Lang): string {
  const d = parseYmd(iso);
  if (!d) return iso;
  return `${d.day} ${MONTHS[lang][d.month - 1]} ${d.year}`;
}

/** Checks `HH:MM` (24 hours) or empty, like the Rust side. */
export function isValidTime(input: string): boolean {
  const t = input.trim();
  if (t === '') return true;
  const m = /^(\d{1,2}):(\d{2})$/.exec(t);
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

/** Today in the local time zone as `YYYY-MM-DD` (the backend's `AppInfo.today` is preferred). */
export function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * A moment (RFC 3339) in the local time zone: `3 mrt 2026 om 14:05` or `3 Mar 2026 at 14:05`.
 * Anything unreadable is shown as it came.
 */
export function formatDateTime(rfc3339: string, lang: Lang): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getDate()} ${MONTHS[lang][d.getMonth()]} ${d.getFullYear()}`;
  return `${date} ${lang === 'nl' ? 'om' : 'at'} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The day of a moment (RFC 3339) in the local time zone, with the month written out:
 * `12 november` or `12 November`; the year is added when it is not the year of `now`.
 * Anything unreadable is shown as it came.
 */
export function formatDayMonth(rfc3339: string, lang: Lang, now: Date = new Date()): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const base = `${d.getDate()} ${MONTHS_LONG[lang][d.getMonth()]}`;
  return d.getFullYear() === now.getFullYear() ? base : `${base} ${d.getFullYear()}`;
}
