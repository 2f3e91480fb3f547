// Inzage (AVG art. 15): a household's own copy of everything kept about it.
import type { Inzage, SavedInzage } from '../../generated/api';
import { call } from '../../shared/api';

export const api = {
  /** Everything this installation keeps about the household, in words, with every change. */
  inzage: (household: string) => call<Inzage>('inzage', { household }),
  /** Saves the copy as one HTML file at `path`; an existing file only when `replace`. */
  saveInzage: (household: string, path: string, replace: boolean) =>
    call<SavedInzage>('save_inzage', { household, path, replace }),
};
