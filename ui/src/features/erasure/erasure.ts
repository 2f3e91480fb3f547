// Pure helpers of the erasure screens.
import type { Erasure } from '../../generated/bindings';

/** How many of an erasure's laptops confirmed it, and how many must. */
export function confirmations(e: Erasure): { confirmed: number; total: number } {
  return { confirmed: e.laptops.filter((l) => l.confirmed_at !== null).length, total: e.laptops.length };
}

/** Whether every laptop confirmed (also when no laptop ever held the household). */
export function complete(e: Erasure): boolean {
  const c = confirmations(e);
  return c.confirmed === c.total;
}

/** The retention period as typed: a whole number of months 1–240, or '' for none; null when wrong. */
export function parseMonths(input: string): number | null | undefined {
  const s = input.trim();
  if (s === '') return null;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 240 ? n : undefined;
}
