import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router';

describe('router', () => {
  it('round-trips every route through the hash', () => {
    for (const r of [
      { name: 'households' },
      { name: 'new' },
      { name: 'agenda' },
      { name: 'tasks' },
      { name: 'overview' },
      { name: 'stock' },
      { name: 'report' },
      { name: 'erase' },
      { name: 'profile' },
      { name: 'sync' },
      { name: 'volunteers' },
      { name: 'conflicts' },
      { name: 'household', id: 'abc-1' },
      { name: 'edit', id: 'abc-1' },
      { name: 'inzage', id: 'abc-1' },
      { name: 'visit', id: 'v-1' },
      { name: 'summary', id: 'v-1' },
    ] as const) {
      expect(parseHash(href(r))).toEqual(r);
    }
  });
  it('routes to the sync and conflicts screens', () => {
    expect(parseHash('#/sync')).toEqual({ name: 'sync' });
    expect(parseHash('#/conflicts')).toEqual({ name: 'conflicts' });
    expect(href({ name: 'conflicts' })).toBe('#/conflicts');
    expect(parseHash('#/volunteers')).toEqual({ name: 'volunteers' });
  });
});
