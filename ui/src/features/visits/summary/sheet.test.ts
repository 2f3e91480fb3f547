import { describe, expect, it } from 'vitest';
import type { HouseholdSheet, Text } from '../../../generated/checklist';
import { inLang } from '../../../shared/i18n';
import { texts } from '../texts';
import { advanceLine, agreedLines, didLines, taskRows } from './sheet';

const nl = inLang(texts.print, 'nl');
const en = inLang(texts.print, 'en');
const text = (nl: string, en = nl): Text => ({ nl, en });

const empty: HouseholdSheet = { did: [], agreed: [], tasks: [], advance_by: 'household' };

describe('the household sheet in words', () => {
  it('an empty sheet says we got to know each other and agreed nothing yet', () => {
    expect(didLines(empty, nl, 'nl')).toEqual(['We hebben kennisgemaakt en uw situatie besproken.']);
    expect(agreedLines(empty, nl, 'nl')).toEqual(['We hebben nog niets vast afgesproken.']);
    expect(taskRows(empty, nl, 'nl')).toEqual([]);
  });

  it('writes what we did, in the order the engine gives', () => {
    const sheet: HouseholdSheet = {
      ...empty,
      did: [
        {
          kind: 'measures_installed',
          items: [
            { measure: 'led', label: text('Ledlamp in plaats van lamp van 40 W'), quantity: 3, location: 'woonkamer' },
            { measure: 'shower_head', label: text('Waterbesparende douchekop'), quantity: 1, location: '' },
          ],
        },
        { kind: 'heating_settings_changed', labels: [text('Thermostaat 1 graad lager'), text("'s Nachts 15 graden")] },
        { kind: 'meters_read' },
        { kind: 'bill_discussed' },
        { kind: 'money_discussed' },
        { kind: 'benefits_discussed' },
      ],
    };
    expect(didLines(sheet, nl, 'nl')).toEqual([
      'We hebben geplaatst: 3 × ledlamp in plaats van lamp van 40 W (woonkamer) en 1 × waterbesparende douchekop.',
      "We hebben de verwarming samen anders ingesteld: thermostaat 1 graad lager en 's Nachts 15 graden.",
      'We hebben de meterstanden opgeschreven.',
      'We hebben samen naar uw energierekening gekeken.',
      'We hebben samen naar uw inkomen en uw vaste lasten gekeken.',
      'We hebben gekeken of u geld van de overheid kunt krijgen (toeslagen).',
    ]);
  });

  it('writes what we agreed, keeping abbreviations', () => {
    const sheet: HouseholdSheet = {
      ...empty,
      agreed: [
        { kind: 'household_agrees', labels: [text('Korter douchen: 5 minuten', 'Shorter showers: 5 minutes')] },
        { kind: 'refer_to', to: [text('Wijkteam of Wmo'), text('FIXbrigade')] },
      ],
    };
    expect(agreedLines(sheet, nl, 'nl')).toEqual([
      'U spreekt af: korter douchen: 5 minuten.',
      'We nemen voor u contact op met: wijkteam of Wmo en FIXbrigade.',
    ]);
    expect(agreedLines(sheet, en, 'en')[0]).toBe('You agree to: shorter showers: 5 minutes.');
  });

  it('writes who does what, and when', () => {
    const sheet: HouseholdSheet = {
      ...empty,
      tasks: [
        { who: 'household', what: { kind: 'household_agrees', labels: [text('Gordijnen en binnendeuren dicht')] }, when: { kind: 'from_now' } },
        {
          who: 'administrator',
          what: { kind: 'administrator_arranges', labels: [text('Betalingsregeling'), text('Toeslagen aanvragen')] },
          when: { kind: 'soon' },
        },
        { who: 'debt_help_volunteer', what: { kind: 'contact_with', to: text('Schuldhulp van de gemeente') }, when: { kind: 'soon' } },
        { who: 'debt_help_volunteer', what: { kind: 'follow_up', what: text('Bel vandaag de schuldhulp.') }, when: { kind: 'today' } },
        { who: 'both', what: { kind: 'follow_up', what: text('Vraag kwijtschelding aan.') }, when: { kind: 'date', date: '2026-12-07' } },
      ],
    };
    expect(taskRows(sheet, nl, 'nl')).toEqual([
      { who: 'household', what: 'gordijnen en binnendeuren dicht', when: 'Vanaf nu' },
      { who: 'administrator', what: 'Regelt: betalingsregeling en toeslagen aanvragen.', when: 'Zo snel mogelijk' },
      { who: 'debt_help_volunteer', what: 'Contact opnemen met: Schuldhulp van de gemeente.', when: 'Zo snel mogelijk' },
      { who: 'debt_help_volunteer', what: 'Bel vandaag de schuldhulp.', when: 'Vandaag' },
      { who: 'both', what: 'Vraag kwijtschelding aan.', when: 'maandag 7 december 2026' },
    ]);
    expect(taskRows(sheet, en, 'en')[4].when).toBe('Monday 7 December 2026');
  });

  it('says who arranges the new advance', () => {
    expect(advanceLine(empty, nl)).toBe('U vraagt dit nieuwe bedrag schriftelijk aan bij uw energieleverancier.');
    expect(advanceLine({ ...empty, advance_by: 'administrator' }, nl)).toBe(
      'De bewindvoerder regelt dit met uw energieleverancier.',
    );
  });
});
