// The start screen's commands: which form to show, unlocking, the first passphrase, locking.
import { listen } from '@tauri-apps/api/event';
import type { LockState } from '../../generated/api';
import { call, toApiError, type ApiError } from '../../shared/api';

export type { LockState };

export const api = {
  lockState: () => call<LockState>('lock_state'),
  unlock: (passphrase: string) => call<null>('unlock', { passphrase }),
  createPassphrase: (passphrase: string, repeat: string) => call<null>('create_passphrase', { passphrase, repeat }),
  lock: () => call<null>('lock'),
  /** A new passphrase for the open store: the current one first, the new one twice. */
  changePassphrase: (current: string, passphrase: string, repeat: string) =>
    call<null>('change_passphrase', { current, passphrase, repeat }),
  /** How long the window stays unlocked without use (10 minutes unless the app was started otherwise). */
  idleLockSeconds: () => call<number>('idle_lock_seconds'),
};

/** The event the app sends when the full check beside the open store found its file damaged
 * (the app has closed the store; `STORE_DAMAGED_EVENT` in src-tauri/src/commands/mod.rs). */
const STORE_DAMAGED_EVENT = 'store-damaged';

/** Calls `then` with the error when the store's file turns out to be damaged while the window
 * is in use. Returns a function that stops listening. */
export async function onStoreDamaged(then: (error: ApiError) => void): Promise<() => void> {
  return listen<unknown>(STORE_DAMAGED_EVENT, (event) => then(toApiError(event.payload)));
}
