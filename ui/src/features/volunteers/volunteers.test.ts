import { describe, expect, it } from 'vitest';
import type { VolunteerView } from '../../generated/api';
import { enrolledAs, sortVolunteers } from './volunteers';

function v(replica: string, name: string, active = true): VolunteerView {
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
