// The start screen's commands: which form to show, unlocking, the first passphrase, locking.
import type { LockState } from '../../generated/api';
import { call } from '../../shared/api';

export type { LockState };

export const api = {
  lockState: () => call<LockState>('lock_state'),
  unlock: (passphrase: string) => call<null>('unlock', { passphrase }),
  createPassphrase: (passphrase: string, repeat: string) => call<null>('create_passphrase', { passphrase, repeat }),
  lock: () => call<null>('lock'),
};
