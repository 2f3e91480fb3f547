// Pure helpers of the report screen: the default period, file names, and cells as text.
import type { ReportCell, ReportColumn } from '../../generated/api';
import type { Lang } from '../../shared/i18n';

/** The last full quarter before `today` (`YYYY-MM-DD`): what a municipality usually asks for. */
export function lastQuarter(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  const q = Math.floor((m - 1) / 3); // this quarter, 0-based
  const year = q === 0 ? y - 1 : y;
  const start = q === 0 ? 9 : (q - 1) * 3; // month index of the previous quarter's start
  const end = new Date(Date.UTC(year, start + 3, 0)); // its last day
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(start + 1)}-01`, to: `${year}-${pad(start + 3)}-${pad(end.getUTCDate())}` };
}

/** `rapportage-2026-07-01-tot-2026-09-30` (with `.xlsx` for the Excel file). */
export function reportName(from: string, to: string): string {
  return `rapportage-${from}-tot-${to}`;
}

/** A cell as the printable view shows it: `<5` for a suppressed one, nothing for an empty one. */
export function cellText(cell: ReportCell, column: ReportColumn, lang: Lang): string {
  if (cell.kind === 'suppressed') return '<5';
  if (cell.kind === 'empty') return '';
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const n = new Intl.NumberFormat(locale, {
    minimumFractionDigits: column.decimals,
    maximumFractionDigits: column.decimals,
  }).format(cell.value);
  if (column.unit === 'eur') return `€ ${n}`;
  if (column.unit === 'percent') return `${n}%`;
  return n;
}

/** The number behind a cell for a chart (suppressed and empty cells give 0, and are marked in the table). */
export function cellValue(cell: ReportCell): number {
  return cell.kind === 'value' ? cell.value : 0;
}
