// The language switch: `t` is a Svelte store holding the dictionary of the active language
// (Dutch first, English second); in a component write `$t.nav.households`. The texts are in
// texts/nl.ts and texts/en.ts.
import { derived, writable } from 'svelte/store';
import type { ApiError, FieldError } from './bindings';
import { nl, type Dict } from './texts/nl';
import { en } from './texts/en';

export type { Dict };
export type Lang = 'nl' | 'en';

const DICTS: Record<Lang, Dict> = { nl, en };
const STORAGE_KEY = 'keukentafel.lang';

function initialLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/** The active language; Dutch unless the user chose English before. */
export const lang = writable<Lang>(initialLang());

lang.subscribe((l) => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    // Storage unavailable: the choice just is not remembered.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l;
});

export function toggleLang(): void {
  lang.update((l) => (l === 'nl' ? 'en' : 'nl'));
}

/** The dictionary of the active language. */
export const t = derived(lang, (l) => DICTS[l]);

export function dict(l: Lang): Dict {
  return DICTS[l];
}

/** The message of an error or field error in the given language. */
export function errorText(e: Pick<ApiError | FieldError, 'message' | 'message_en'>, l: Lang): string {
  return l === 'en' ? e.message_en || e.message : e.message;
}
