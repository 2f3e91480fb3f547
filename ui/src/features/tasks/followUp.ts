// Pure helpers of the follow-up review: the measured change per day as the screen writes it
// (unit, decimals, sign, percentage). Every number comes from the backend (`MeasuredLine`);
// nothing here decides whether a change can be measured or what the estimate was.
import type { MeasuredLine } from '../../generated/checklist';
import type { Lang } from '../../shared/i18n';

/** The units a measured line can have (`MeasuredLine.unit`), as the screen writes them. */
const SYMBOL: Record<string, string> = { m3: 'm³', gj: 'GJ', kwh: 'kWh' };

/** Decimals per unit: a day's gas or electricity in tenths, a day's heat (GJ) in hundredths. */
const DIGITS: Record<string, number> = { m3: 1, gj: 2, kwh: 1 };

export function unitSymbol(unit: string): string {
  return SYMBOL[unit] ?? unit;
}

function fixed(n: number, unit: string, lang: Lang): string {
  const digits = DIGITS[unit] ?? 1;
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Use per day with its unit: `3,3 m³`, `0,12 GJ`, `7,0 kWh`. */
export function formatAmount(n: number, unit: string, lang: Lang): string {
  return `${fixed(n, unit, lang)} ${unitSymbol(unit)}`;
}

/** A change with its sign (less use is minus): `−1,3 m³`, `+0,4 kWh`, `0,0 m³`. */
export function formatChange(n: number, unit: string, lang: Lang): string {
  const zero = Number(Math.abs(n).toFixed(DIGITS[unit] ?? 1)) === 0;
  const sign = zero ? '' : n < 0 ? '−' : '+';
  return `${sign}${fixed(Math.abs(n), unit, lang)} ${unitSymbol(unit)}`;
}

/** A change as a fraction of the use before, with its sign: −0.392 → `−39 %` (`-39%` in English). */
export function formatChangePercent(fraction: number, lang: Lang): string {
  const v = Math.round(Math.abs(fraction) * 100);
  const sign = v === 0 ? '' : fraction < 0 ? '−' : '+';
  return lang === 'nl' ? `${sign}${v} %` : `${sign}${v}%`;
}

/**
 * What the first visit estimated, as a fraction of the use before (the bill ÷ 365); `null`
 * without a bill. −0.1 is "10 % less expected".
 */
export function estimateFraction(line: Pick<MeasuredLine, 'estimated_change_per_day' | 'per_day_before'>): number | null {
  if (line.per_day_before === null || line.per_day_before <= 0) return null;
  return line.estimated_change_per_day / line.per_day_before;
}

/** The feed-in of solar panels per day: `4,2 kWh`. */
export function formatFeedIn(kwhPerDay: number, lang: Lang): string {
  return formatAmount(kwhPerDay, 'kwh', lang);
}
