// The conflict commands, and those for changes held back.
import type { ConflictResolution, ConflictView } from '../../generated/bindings';
import type { HeldChange, HeldSelection } from '../../generated/api';
import { call } from '../../shared/api';

export const api = {
  listConflicts: () => call<ConflictView[]>('list_conflicts'),
  /** Keeps the chosen value; returns the conflicts still open. */
  resolveConflict: (resolution: ConflictResolution) =>
    call<ConflictView[]>('resolve_conflict', { resolution }),
  /** The changes held back (a clock far ahead, a copied installation), for a person to judge. */
  heldChanges: () => call<HeldChange[]>('held_changes'),
  /** Adds the chosen held changes with their own date; returns how many were added. */
  acceptHeld: (which: HeldSelection) => call<number>('accept_held_changes', { which }),
  /** Drops the chosen held changes for good; returns how many were rejected. */
  rejectHeld: (which: HeldSelection) => call<number>('reject_held_changes', { which }),
};
