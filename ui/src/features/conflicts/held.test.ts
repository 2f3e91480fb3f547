import { describe, expect, it } from 'vitest';
import type { HeldChange } from '../../generated/api';
import { heldFacts, sortHeld } from './held';

function held(over: Partial<HeldChange>): HeldChange {
  return {
    op_id: '0190a0b0-0000-7000-8000-000000000001',
    reason: 'future_clock',
    author_name: 'Anna de Vries',
    replica: '0190a0b0-0000-7000-8000-0000000000aa',
    entity: 'household',
    entity_id: '0190a0b0-0000-7000-8000-0000000000bb',
    field: 'energy_supplier',
    value: 'Eneco',
    household_id: '0190a0b0-0000-7000-8000-0000000000bb',
    household_name: 'Fam. Jansen',
    at: '2099-01-02T10:00:00Z',
    ...over,
  } as HeldChange;
}

describe('held changes', () => {
  it('says who, where, what and why in plain words', () => {
    const f = heldFacts(held({}), 'nl');
    expect(f.who).toBe('Anna de Vries');
    expect(f.household).toBe('Fam. Jansen');
    expect(f.entity).toBe('Huishouden');
    expect(f.field).toBe('Energieleverancier');
    expect(f.value).toBe('Eneco');
    expect(f.date).toContain('2099');
    expect(f.reason).toMatch(/klok van die laptop liep ver voor/);
    expect(heldFacts(held({ reason: 'duplicate_sequence' }), 'en').reason).toMatch(/copied installation/);
    expect(heldFacts(held({ reason: 'not_assigned' }), 'nl').reason).toMatch(/niet \(meer\) aan deze vrijwilliger toegewezen/);
  });

  it('names the unknown author and the record without a household', () => {
    const f = heldFacts(held({ author_name: ' ', household_name: '', household_id: null, entity: 'user', field: 'name' }), 'nl');
    expect(f.who).toBe('Onbekend');
    expect(f.household).toBe('Zonder huishouden');
    expect(f.entity).toBe('Profiel');
    expect(heldFacts(held({ value: true, field: 'under_bewind' }), 'en').value).toBe('Yes');
  });

  it('orders by household, those without one last, then by date', () => {
    const list = [
      held({ op_id: 'a', household_name: '' }),
      held({ op_id: 'b', household_name: 'Fam. Yilmaz' }),
      held({ op_id: 'c', household_name: 'fam. de Boer', at: '2099-05-01T00:00:00Z' }),
      held({ op_id: 'd', household_name: 'Fam. de Boer', at: '2099-01-01T00:00:00Z' }),
    ];
    expect(sortHeld(list).map((h) => h.op_id)).toEqual(['d', 'c', 'b', 'a']);
  });
});
