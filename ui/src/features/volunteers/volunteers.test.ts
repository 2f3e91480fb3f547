import { describe, expect, it } from 'vitest';
import type { HouseholdSummary } from '../../generated/bindings';
import type { VolunteerView } from '../../generated/api';
import { assignable, enrolledAs, householdOption, sortVolunteers } from './volunteers';

function v(replica: string, name: string, active = true, households: string[] = []): VolunteerView {
  return {
    replica,
    name,
    role: 'energy_coach',
    organisation: '',
    fingerprint: '1234 5678 9012 3456 7890',
    active,
    enrolled_by: 'Carla',
    enrolled_at: '2026-03-01T10:00:00Z',
    revoked_at: active ? null : '2026-03-02T10:00:00Z',
    last_import: null,
    households: households.map((id) => ({ id, name: `Fam. ${id}`, since: '2026-03-01' })),
  };
}

function h(id: string, name: string, street_address = '', city = ''): HouseholdSummary {
  return {
    id,
    name,
    street_address,
    postcode: '',
    city,
    wijk: '',
    under_bewind: false,
    archived: false,
    next_visit: null,
  };
}

describe('volunteers', () => {
  it('lists active volunteers first, each group by name', () => {
    const list = [v('1', 'Zeynep'), v('2', 'anna', false), v('3', 'Érik'), v('4', 'Anna'), v('5', 'Bram', false)];
    expect(sortVolunteers(list).map((x) => x.replica)).toEqual(['4', '3', '1', '2', '5']);
    expect(list[0].replica).toBe('1');
  });

  it('finds an installation that is already enrolled', () => {
    const list = [v('1', 'Anna'), v('2', 'Bram', false)];
    expect(enrolledAs(list, '2')?.name).toBe('Bram');
    expect(enrolledAs(list, '3')).toBeUndefined();
  });
});

describe('giving households', () => {
  const all = [h('a', 'Fam. Bakker'), h('b', 'Fam. de Vries'), h('c', 'Fam. Yılmaz')];

  it('offers only the households the volunteer does not have yet, in the list’s order', () => {
    expect(assignable(all, v('1', 'Anna', true, ['b'])).map((x) => x.id)).toEqual(['a', 'c']);
    expect(assignable(all, v('1', 'Anna')).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(assignable(all, v('1', 'Anna', true, ['a', 'b', 'c']))).toEqual([]);
  });

  it('does not judge: a household another volunteer has is offered too', () => {
    // Anna has `a`; Bram may still be given it (whether that is allowed is the app's to say).
    const bram = v('2', 'Bram');
    expect(assignable(all, bram).map((x) => x.id)).toContain('a');
  });

  it('shows a household with its address, so two of one name can be told apart', () => {
    expect(householdOption(h('a', 'Fam. Bakker', 'Griftlaan 12', 'Soest'))).toBe('Fam. Bakker – Griftlaan 12, Soest');
    expect(householdOption(h('a', 'Fam. Bakker', '', 'Soest'))).toBe('Fam. Bakker – Soest');
    expect(householdOption(h('a', 'Fam. Bakker', '  ', ''))).toBe('Fam. Bakker');
  });
});
