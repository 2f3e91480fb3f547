// The stock commands: the organisation's energy-box materials and this installation's settings.
import type {
  MovementInput,
  Settings,
  StockItem,
  StockItemId,
  StockItemInput,
  StockItemUpdate,
  StockMovement,
  StockOverview,
} from '../../generated/bindings';
import { call } from '../../shared/api';

export const api = {
  /** Every item with its stock, low-stock warnings, and the households' materials against the budget. */
  overview: () => call<StockOverview>('stock_overview'),
  /** An item the coordinator adds (not one of the measures). */
  addItem: (input: StockItemInput) => call<StockItem>('add_stock_item', { input }),
  /** Cost, low level or name of an item; a measure's item is saved the first time here. */
  saveItem: (update: StockItemUpdate) => call<StockItem>('save_stock_item', { update }),
  archiveItem: (id: StockItemId, archived: boolean) => call<StockItem>('archive_stock_item', { id, archived }),
  /** Received, counted (correction) or written off, in the user's name. */
  recordMovement: (input: MovementInput) => call<StockMovement>('record_movement', { input }),
  /** Movements, newest first (of one item when given). */
  movements: (item?: StockItemId) => call<StockMovement[]>('stock_movements', { item: item ?? null }),
  settings: () => call<Settings>('settings'),
  saveSettings: (settings: Settings) => call<Settings>('save_settings', { settings }),
};
