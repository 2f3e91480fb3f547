// What the sync and conflicts screens show: field names and values in plain words, progress
// as a percentage, a file's name without its folder.
import type { Dict, Lang } from './i18n';
import type { Progress, Stage } from './sync';
import { formatDate } from './dates';

const STAGE_SHARE: Record<Stage, number> = {
  reading: 0.1,
  verifying: 0.3,
  backing_up: 0.5,
  merging: 0.7,
  done: 1,
};

/** How far a batch import is, 0–100 (file `index` from 0 of `count`). */
export function progressPercent(p: Progress): number {
  if (p.count <= 0) return 0;
  const share = (Math.min(p.index, p.count - 1) + STAGE_SHARE[p.stage]) / p.count;
  return Math.round(Math.max(0, Math.min(1, share)) * 100);
}

/** The last part of a path (`/media/usb/abc.kt` → `abc.kt`). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** One path per line; blank lines and surrounding spaces dropped. */
export function pathsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

const VISIT_FIELDS = ['planned_date', 'planned_time', 'kind', 'volunteers', 'status', 'summary'] as const;

/** The label of a record's field as the forms show it; otherwise the raw name. */
export function fieldLabel(entity: string, field: string, d: Dict): string {
  if (field === 'archived') return d.badge.archived;
  if (entity === 'household' && field in d.household) {
    const v = (d.household as Record<string, unknown>)[field];
    if (typeof v === 'string') return v;
  }
  if (entity === 'visit' && (VISIT_FIELDS as readonly string[]).includes(field)) {
    return d.visits[field as (typeof VISIT_FIELDS)[number]];
  }
  return field;
}

function lookup(table: Record<string, string>, v: string): string {
  return table[v] ?? v;
}

/** A field's value in plain words (choices translated, yes/no, dates, empty). */
export function valueText(entity: string, field: string, value: unknown, d: Dict, lang: Lang): string {
  if (value === null || value === undefined || value === '') return d.conflicts.empty_value;
  if (typeof value === 'boolean') return value ? d.common.yes : d.common.no;
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : d.conflicts.empty_value;
  }
  if (typeof value === 'string') {
    if (entity === 'household') {
      if (field === 'tenure') return lookup(d.tenure, value);
      if (field === 'contract_type') return lookup(d.contract, value);
      if (field === 'heating') return lookup(d.heating, value);
    }
    if (entity === 'visit') {
      if (field === 'kind') return lookup(d.visitKind, value);
      if (field === 'status') return lookup(d.visitStatus, value);
      if (field === 'planned_date') return formatDate(value, lang);
    }
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
