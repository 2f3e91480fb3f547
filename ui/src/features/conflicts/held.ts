// What a held-back change shows: who, which household, which field, the value, its date and why
// it was held, in plain words; and the order of the list.
import type { HeldChange } from '../../generated/api';
import type { Lang } from '../../shared/i18n';
import { formatDateTime } from '../../shared/dates';
import { texts as shared } from '../../shared/texts';
import { texts } from './texts';
import { fieldLabel, valueText } from './values';

export interface HeldFacts {
  who: string;
  /** The household's name, or "Zonder huishouden". */
  household: string;
  /** What kind of record: Huishouden, Bezoek, … */
  entity: string;
  field: string;
  value: string;
  date: string;
  reason: string;
}

/** A held change in the words the screen shows. */
export function heldFacts(c: HeldChange, lang: Lang): HeldFacts {
  const words = texts.held;
  return {
    who: c.author_name.trim() || shared.common.unknown[lang],
    household: c.household_name.trim() || texts.conflicts.noHousehold[lang],
    entity: texts.conflicts.entity[c.entity]?.[lang] ?? c.entity,
    field: fieldLabel(c.entity, c.field, lang),
    value: valueText(c.entity, c.field, c.value, lang),
    date: formatDateTime(c.at, lang),
    reason: words.reason[c.reason]?.[lang] ?? c.reason,
  };
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** By household (Dutch order, those without one last), then by date, then by change. */
export function sortHeld(list: readonly HeldChange[]): HeldChange[] {
  return [...list].sort(
    (a, b) =>
      Number(!a.household_name) - Number(!b.household_name) ||
      collator.compare(a.household_name, b.household_name) ||
      a.at.localeCompare(b.at) ||
      a.op_id.localeCompare(b.op_id),
  );
}
