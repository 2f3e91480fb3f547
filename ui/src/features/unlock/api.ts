// The start screen's commands: which form to show, unlocking, the first passphrase, locking.
import type { LockState } from '../../generated/api';
import { call } from '../../shared/api';

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
