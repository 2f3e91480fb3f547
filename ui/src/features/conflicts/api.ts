// The conflict commands.
import type { ConflictResolution, ConflictView } from '../../generated/bindings';
import { call } from '../../shared/api';

export const api = {
  listConflicts: () => call<ConflictView[]>('list_conflicts'),
  /** Keeps the chosen value; returns the conflicts still open. */
  resolveConflict: (resolution: ConflictResolution) =>
    call<ConflictView[]>('resolve_conflict', { resolution }),
};
