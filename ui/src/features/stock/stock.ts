// Pure helpers of the stock screen.
import type { MovementKind, StockLevel, StockMovement } from '../../generated/bindings';

/** The kinds a person records by hand; handed out is booked when a visit is closed. */
export const MANUAL_KINDS: MovementKind[] = ['received', 'corrected', 'written_off'];

/** Items in the order the screen shows them: low first, then by name; archived last. */
export function sortLevels(levels: StockLevel[]): StockLevel[] {
  return [...levels].sort(
    (a, b) =>
      Number(a.item.archived) - Number(b.item.archived) ||
      Number(b.low) - Number(a.low) ||
      a.item.name.localeCompare(b.item.name, 'nl'),
  );
}

/** The value of the stock on hand (cents); negative stock counts as nothing. */
export function stockValueCents(levels: StockLevel[]): number {
  return levels.reduce((sum, l) => sum + Math.max(0, l.on_hand) * l.item.unit_cost_cents, 0);
}

/** A signed number for a movement: `+20`, `−3`, `0`. */
export function signed(delta: number): string {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${-delta}`;
  return '0';
}

/** The item's name for a movement (the movement list shows every item's movements). */
export function itemName(m: StockMovement, levels: StockLevel[]): string {
  return levels.find((l) => l.item.id === m.item_id)?.item.name ?? '';
}

/** Whole numbers only, 0 or more; `null` for anything else. */
export function parseCount(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const s = String(input).trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}
