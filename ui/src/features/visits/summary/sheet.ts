// The household's sheet in words. What is on the sheet (which lines, who does what, when) is
// decided by the engine and arrives as `VisitChecklist.sheet`; this only writes each item with
// the `print` texts in one language. Pure, so it is tested without the app.
import type {
  HouseholdSheet,
  InstalledItem,
  Saving,
  SheetContact,
  SheetItem,
  SheetTask,
  TaskWhen,
  Text,
  Who,
} from '../../../generated/checklist';
import { formatLongDate } from '../../../shared/dates';
import type { Lang, Localized } from '../../../shared/i18n';
import type { texts } from '../texts';
import { formatNumber, joinList, lowerFirst, tx } from '../visit';

/** The `print` texts in one language (`$t.print`). */
export type PrintTexts = Localized<typeof texts.print>;

/** One row of "who does what, and when". */
export type TaskRow = { who: Who; what: string; when: string };

/** Labels inside a sentence: `korter douchen en gordijnen dicht`. */
function labelList(labels: Text[], lang: Lang): string {
  return joinList(
    labels.map((l) => lowerFirst(tx(l, lang))),
    lang,
  );
}

/** `3 × ledlamp (woonkamer)`. */
function installed(i: InstalledItem, lang: Lang): string {
  return `${i.quantity} × ${lowerFirst(tx(i.label, lang))}${i.location ? ` (${i.location})` : ''}`;
}

/** One line of "what we did" or "what we agreed". */
export function itemLine(item: SheetItem, p: PrintTexts, lang: Lang): string {
  switch (item.kind) {
    case 'measures_installed':
      return p.installed(
        joinList(
          item.items.map((i) => installed(i, lang)),
          lang,
        ),
      );
    case 'heating_settings_changed':
      return p.settings(labelList(item.labels, lang));
    case 'meters_read':
      return p.meters;
    case 'bill_discussed':
      return p.bill;
    case 'money_discussed':
      return p.money;
    case 'benefits_discussed':
      return p.benefits;
    case 'household_agrees':
      return p.householdDoes(labelList(item.labels, lang));
    case 'refer_to':
      return p.referTo(labelList(item.to, lang));
  }
}

/** "What we did together"; when nothing was done, that we got to know each other. */
export function didLines(sheet: HouseholdSheet, p: PrintTexts, lang: Lang): string[] {
  return sheet.did.length ? sheet.did.map((i) => itemLine(i, p, lang)) : [p.nothingDone];
}

/** "What we agreed"; when nothing was, that nothing is agreed yet. */
export function agreedLines(sheet: HouseholdSheet, p: PrintTexts, lang: Lang): string[] {
  return sheet.agreed.length ? sheet.agreed.map((i) => itemLine(i, p, lang)) : [p.nothingAgreed];
}

function whenText(when: TaskWhen, p: PrintTexts, lang: Lang): string {
  switch (when.kind) {
    case 'today':
      return p.today;
    case 'soon':
      return p.soon;
    case 'from_now':
      return p.fromNow;
    case 'date':
      return formatLongDate(when.date, lang);
  }
}

function whatText(task: SheetTask, p: PrintTexts, lang: Lang): string {
  const what = task.what;
  switch (what.kind) {
    case 'household_agrees':
      return labelList(what.labels, lang);
    case 'administrator_arranges':
      return p.administratorArranges(labelList(what.labels, lang));
    case 'contact_with':
      return p.contactWith(joinList(what.to.map((t) => tx(t, lang)), lang));
    case 'follow_up':
      return tx(what.what, lang);
  }
}

/** The rows of "who does what, and when". */
export function taskRows(sheet: HouseholdSheet, p: PrintTexts, lang: Lang): TaskRow[] {
  return sheet.tasks.map((task) => ({ who: task.who, what: whatText(task, p, lang), when: whenText(task.when, p, lang) }));
}

/** Who arranges the proposed advance, in words. */
export function advanceLine(sheet: HouseholdSheet, p: PrintTexts): string {
  return sheet.advance_by === 'administrator' ? p.advanceBewind : p.advanceAsk;
}

/** Who to call, one line each: `Anna de Vries, energiecoach (Energie Actief Soest): 06 12345678`. */
export function contactLines(contacts: SheetContact[], p: PrintTexts): string[] {
  return contacts.map((c) => {
    const role = c.who ? p.contactRole[c.who] : '';
    const who = c.who === 'administrator' ? [role, c.name].filter(Boolean).join(', ') : [c.name, lowerFirst(role)].filter(Boolean).join(', ');
    const org = c.organisation ? ` (${c.organisation})` : '';
    return `${who}${org}${c.phone ? `: ${c.phone}` : ''}`;
  });
}

/**
 * The physical saving in words: `124 m³ gas, 152 kWh stroom en 8.100 liter water`; heat in GJ
 * for a home not heated by its own gas (`heat_supply` other than `gas`).
 */
export function savingParts(saving: Saving, heatSupply: string, p: PrintTexts, lang: Lang): string[] {
  return [
    saving.gas_m3 > 0 ? p.gasM3(formatNumber(saving.gas_m3, lang)) : '',
    saving.heat_gj > 0 && heatSupply !== 'gas' ? p.heatGj(formatNumber(saving.heat_gj, lang, 1)) : '',
    saving.electricity_kwh > 0 ? p.electricityKwh(formatNumber(saving.electricity_kwh, lang)) : '',
    saving.water_l > 0 ? p.waterL(formatNumber(saving.water_l, lang)) : '',
  ].filter(Boolean);
}
