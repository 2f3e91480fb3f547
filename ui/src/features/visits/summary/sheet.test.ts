import { describe, expect, it } from 'vitest';
import type { HouseholdSheet, Text } from '../../../generated/checklist';
import { inLang } from '../../../shared/i18n';
import { texts } from '../texts';
import { advanceLine, agreedLines, contactLines, didLines, savingParts, taskRows } from './sheet';

const nl = inLang(texts.print, 'nl');
const en = inLang(texts.print, 'en');
const text = (nl: string, en = nl): Text => ({ nl, en });

const empty: HouseholdSheet = { did: [], agreed: [], tasks: [], advance_by: 'household', language: 'nl', contacts: [] };

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
        {
          who: 'debt_help_volunteer',
          what: { kind: 'contact_with', to: [text('Schuldhulp van de gemeente'), text('Energieleverancier')] },
          when: { kind: 'soon' },
        },
        { who: 'debt_help_volunteer', what: { kind: 'follow_up', what: text('Bel vandaag de schuldhulp.') }, when: { kind: 'today' } },
        { who: 'both', what: { kind: 'follow_up', what: text('Vraag kwijtschelding aan.') }, when: { kind: 'date', date: '2026-12-07' } },
      ],
    };
    expect(taskRows(sheet, nl, 'nl')).toEqual([
      { who: 'household', what: 'gordijnen en binnendeuren dicht', when: 'Vanaf nu' },
      { who: 'administrator', what: 'Regelt: betalingsregeling en toeslagen aanvragen.', when: 'Zo snel mogelijk' },
      {
        who: 'debt_help_volunteer',
        what: 'Contact opnemen met: Schuldhulp van de gemeente en Energieleverancier.',
        when: 'Zo snel mogelijk',
      },
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

describe('the sheet speaks to the household', () => {
  /** Every Dutch print text, functions filled in with a word. */
  function allTexts(tree: unknown): string[] {
    if (typeof tree === 'string') return [tree];
    if (typeof tree === 'function') return [String(tree('x', 'y'))];
    if (tree && typeof tree === 'object') return Object.values(tree).flatMap(allTexts);
    return [];
  }
  it('as "u", never as "je" or "jullie"', () => {
    for (const line of allTexts(nl)) {
      expect(line, line).not.toMatch(/\b(je|jij|jou|jouw|jullie)\b/i);
    }
  });
  it('in the language it was given, whatever the app language', () => {
    const sheet: HouseholdSheet = { ...empty, language: 'en', did: [{ kind: 'meters_read' }] };
    expect(didLines(sheet, en, sheet.language)).toEqual(['We wrote down the meter readings.']);
    expect(taskRows({ ...sheet, tasks: [{ who: 'household', what: { kind: 'follow_up', what: text('Bel', 'Call') }, when: { kind: 'soon' } }] }, en, 'en')).toEqual([
      { who: 'household', what: 'Call', when: 'As soon as possible' },
    ]);
  });
});

describe('whom to call', () => {
  it('names each volunteer with role, organisation and phone', () => {
    expect(
      contactLines(
        [
          { name: 'Anna de Vries', who: 'energy_coach', organisation: 'Energie Actief Soest', phone: '06 12345678' },
          { name: 'Bram', who: 'debt_help_volunteer', organisation: '', phone: '' },
          { name: 'Henk', who: null, organisation: '', phone: '' },
          { name: 'Bewindvoering Eemland', who: 'administrator', organisation: '', phone: '035-1234567' },
        ],
        nl,
      ),
    ).toEqual([
      'Anna de Vries, energiecoach (Energie Actief Soest): 06 12345678',
      'Bram, schuldhulpmaatje',
      'Henk',
      'Uw bewindvoerder, Bewindvoering Eemland: 035-1234567',
    ]);
    expect(contactLines([{ name: 'Anna', who: 'energy_coach', organisation: '', phone: '06 12345678' }], en)).toEqual([
      'Anna, energy coach: 06 12345678',
    ]);
  });
  it('an administrator known only by a number', () => {
    expect(contactLines([{ name: '', who: 'administrator', organisation: '', phone: '035-1234567' }], nl)).toEqual([
      'Uw bewindvoerder: 035-1234567',
    ]);
  });
});

describe('the saving in words', () => {
  it('writes only what is saved, in the sheet language', () => {
    const saving = { gas_m3: 124, heat_gj: 0, electricity_kwh: 152, water_l: 8100, eur: 194, capped: false };
    expect(savingParts(saving as never, 'gas', nl, 'nl')).toEqual(['124 m³ gas', '152 kWh stroom', '8.100 liter water']);
    expect(savingParts({ ...saving, gas_m3: 0 } as never, 'gas', en, 'en')).toEqual(['152 kWh of electricity', '8,100 litres of water']);
    expect(savingParts({ ...saving, gas_m3: 0, heat_gj: 3.6 } as never, 'district_heating', nl, 'nl')[0]).toBe('3,6 GJ warmte');
  });
});
