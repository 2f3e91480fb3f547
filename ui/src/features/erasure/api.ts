// Gegevens wissen: erasing households (coordinator), the erasures with the laptops that
// confirmed them, and the "te wissen" list of the retention period.
import type { Erasure } from '../../generated/bindings';
import type { EraseRequest, RetentionList } from '../../generated/api';
import { call } from '../../shared/api';

export const api = {
  /** Erases the households for good, here and (with the next return files) on every laptop. */
  erase: (request: EraseRequest) => call<Erasure[]>('erase_households', { request }),
  /** Every erasure, newest first, with the laptops that must confirm it. */
  erasures: () => call<Erasure[]>('list_erasures'),
  /** A revoked laptop (no more return files) confirmed by hand: wiped or handed in. */
  confirmByHand: (household: string, volunteer: string) =>
    call<Erasure>('confirm_erasure_by_hand', { household, volunteer }),
  /** The households whose last contact is longer ago than the retention period. */
  retention: () => call<RetentionList>('retention_list'),
};
