import { describe, expect, it } from 'vitest';
import type { Erasure } from '../../generated/bindings';
import { complete, confirmations, parseMonths } from './erasure';

const erasure = (confirmed: (string | null)[]): Erasure => ({
  household: 'h',
  reason: 'verzoek',
  requested: '2026-11-01',
  erased_at: '2026-11-02T10:00:00.000Z',
  laptops: confirmed.map((c, i) => ({ replica: `r${i}`, name: `Vrijwilliger ${i}`, confirmed_at: c, by_hand: false, revoked: false })),
});

describe('erasure confirmations', () => {
  it('counts the laptops that confirmed', () => {
    expect(confirmations(erasure([null, '2026-11-03T09:00:00.000Z']))).toEqual({ confirmed: 1, total: 2 });
    expect(complete(erasure([null, '2026-11-03T09:00:00.000Z']))).toBe(false);
    expect(complete(erasure(['2026-11-03T09:00:00.000Z']))).toBe(true);
  });
  it('is complete when no laptop held the household', () => {
    expect(complete(erasure([]))).toBe(true);
  });
});

describe('parseMonths', () => {
  it.each([
    ['24', 24],
    [' 1 ', 1],
    ['240', 240],
    ['', null],
  ])('%s is %s', (input, expected) => expect(parseMonths(input)).toBe(expected));
  it.each(['0', '241', '2,5', 'twee'])('%s is refused', (input) => expect(parseMonths(input)).toBeUndefined());
});
