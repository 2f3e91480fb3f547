// What a conflict shows: a record's field by the label its form uses, and a value in plain
// words (choices translated, yes/no, dates, empty).
import type { Both, Lang } from '../../shared/i18n';
import { texts as shared } from '../../shared/texts';
import { formatDate } from '../../shared/dates';
import { texts as households } from '../households/texts';
import { texts as visits } from '../visits/texts';
import { texts } from './texts';

const VISIT_FIELDS = ['planned_date', 'planned_time', 'kind', 'volunteers', 'status', 'summary'] as const;

/** The label of a record's field as the forms show it; otherwise the raw name. */
export function fieldLabel(entity: string, field: string, lang: Lang): string {
  if (field === 'archived') return households.badge.archived[lang];
  if (entity === 'household' && field in households.household) {
    const v = (households.household as Record<string, Both<unknown>>)[field][lang];
    if (typeof v === 'string') return v;
  }
  if (entity === 'visit' && (VISIT_FIELDS as readonly string[]).includes(field)) {
    return visits.visits[field as (typeof VISIT_FIELDS)[number]][lang];
  }
  return field;
}

function lookup(table: Record<string, Both>, v: string, lang: Lang): string {
  return table[v]?.[lang] ?? v;
}

/** A field's value in plain words (choices translated, yes/no, dates, empty). */
export function valueText(entity: string, field: string, value: unknown, lang: Lang): string {
  const empty = texts.conflicts.empty_value[lang];
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'boolean') return value ? shared.common.yes[lang] : shared.common.no[lang];
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : empty;
  }
  if (typeof value === 'string') {
    if (entity === 'household') {
      if (field === 'tenure') return lookup(households.tenure, value, lang);
      if (field === 'contract_type') return lookup(households.contract, value, lang);
      if (field === 'heating') return lookup(households.heating, value, lang);
      if (field === 'language' && (value === 'nl' || value === 'en')) return households.languageName[lang](value);
    }
    if (entity === 'visit') {
      if (field === 'kind') return lookup(visits.visitKind, value, lang);
      if (field === 'status') return lookup(visits.visitStatus, value, lang);
      if (field === 'planned_date') return formatDate(value, lang);
    }
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
