import { describe, expect, it } from 'vitest';
import type { StockLevel } from '../../generated/bindings';
import { parseCount, signed, sortLevels, stockValueCents } from './stock';

function level(name: string, on_hand: number, low: boolean, archived = false, cost = 100): StockLevel {
  return {
    item: { id: name, name, measure: '', unit_cost_cents: cost, low_at: 0, archived, clocks: {} },
    saved: true,
    on_hand,
    low,
    handed_out: 0,
  };
}

describe('stock helpers', () => {
  it('lists low items first, archived last, then by name', () => {
    const sorted = sortLevels([level('b', 5, false), level('z', 0, true, true), level('c', 1, true), level('a', 9, false)]);
    expect(sorted.map((l) => l.item.name)).toEqual(['c', 'a', 'b', 'z']);
  });
  it('values the stock on hand, never below zero', () => {
    expect(stockValueCents([level('a', 3, false, false, 250), level('b', -2, true, false, 1000)])).toBe(750);
  });
  it('signs a movement', () => {
    expect(signed(20)).toBe('+20');
    expect(signed(-3)).toBe('−3');
    expect(signed(0)).toBe('0');
  });
  it('reads whole counts only', () => {
    expect(parseCount('12')).toBe(12);
    expect(parseCount(' 0 ')).toBe(0);
    expect(parseCount(7)).toBe(7);
    expect(parseCount('1,5')).toBeNull();
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('')).toBeNull();
    expect(parseCount(null)).toBeNull();
  });
});
