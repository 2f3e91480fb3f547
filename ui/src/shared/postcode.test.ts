import { describe, expect, it } from 'vitest';
import { isValidPostcode, normalizePostcode } from './postcode';

describe('postcode', () => {
  it.each([
    ['1234AB', '1234 AB'],
    ['1234 ab', '1234 AB'],
    [' 3764  ab ', '3764 AB'],
    ['0123 AB', null],
    ['1234 SA', null],
    ['1234 sd', null],
    ['1234 SS', null],
    ['12 AB', null],
    ['1234 A1', null],
  ])('%s -> %s (same rule as the Rust side)', (input, expected) => {
    expect(normalizePostcode(input)).toBe(expected);
  });
  it('empty is allowed because the postcode is optional', () => {
    expect(isValidPostcode('')).toBe(true);
    expect(isValidPostcode('   ')).toBe(true);
  });
});
