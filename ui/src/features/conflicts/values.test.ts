import { describe, expect, it } from 'vitest';
import { fieldLabel, valueText } from './values';

describe('conflict values', () => {
  it('names fields as the forms do', () => {
    expect(fieldLabel('household', 'energy_supplier', 'nl')).toBe('Energieleverancier');
    expect(fieldLabel('household', 'energy_supplier', 'en')).toBe('Energy supplier');
    expect(fieldLabel('household', 'people', 'nl')).toBe('people');
    expect(fieldLabel('visit', 'planned_date', 'nl')).toBe('Datum');
    expect(fieldLabel('consent', 'whatever', 'nl')).toBe('whatever');
    expect(fieldLabel('household', 'archived', 'nl')).toBe('Gearchiveerd');
  });
  it('shows values in plain words', () => {
    expect(valueText('household', 'heating', 'heat_pump', 'nl')).toBe('Warmtepomp');
    expect(valueText('household', 'heating', 'heat_pump', 'en')).toBe('Heat pump');
    expect(valueText('household', 'heating', 'coal', 'nl')).toBe('coal');
    expect(valueText('household', 'energy_supplier', 'Eneco', 'nl')).toBe('Eneco');
    expect(valueText('household', 'under_bewind', true, 'nl')).toBe('Ja');
    expect(valueText('household', 'notes', '', 'nl')).toBe('(leeg)');
    expect(valueText('visit', 'volunteers', ['An', 'Bo'], 'nl')).toBe('An, Bo');
    expect(valueText('visit', 'status', 'done', 'nl')).toBe('Gedaan');
    expect(valueText('visit', 'planned_date', '2026-03-03', 'nl')).toBe('3 mrt 2026');
  });
});
