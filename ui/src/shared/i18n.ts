// The language switch and the texts. Every text is written once, in Dutch and English side by
// side (`title: { nl: 'Huishoudens', en: 'Households' }`), in the texts.ts of the feature that
// shows it; texts of no one feature are in shared/texts.ts. A texts file exports `t`, a Svelte
// store with its texts in the active language: in a component write `$t.list.title`.
import { derived, writable, type Readable } from 'svelte/store';
import type { ApiError, FieldError } from './api';

export type Lang = 'nl' | 'en';

/** One text in both languages: a string, or a function that builds one (`(n) => …`). */
export type Both<T = string> = { nl: T; en: T };

/** A tree of texts in one language: every `{ nl, en }` replaced by the text of that language. */
export type Localized<T> = T extends Both<infer U> ? U : { [K in keyof T]: Localized<T[K]> };

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

function isBoth(v: unknown): v is Both<unknown> {
  return typeof v === 'object' && v !== null && 'nl' in v && 'en' in v && Object.keys(v).length === 2;
}

/** A tree of texts in one language. */
export function inLang<T>(texts: T, l: Lang): Localized<T> {
  if (isBoth(texts)) return texts[l] as Localized<T>;
  if (typeof texts !== 'object' || texts === null) return texts as Localized<T>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(texts)) out[key] = inLang(value, l);
  return out as Localized<T>;
}

/** A store with a tree of texts in the active language (both languages are prepared once). */
export function localized<T extends object>(texts: T): Readable<Localized<T>> {
  const both: Record<Lang, Localized<T>> = { nl: inLang(texts, 'nl'), en: inLang(texts, 'en') };
  return derived(lang, (l) => both[l]);
}

/** The message of an error or field error in the given language. */
export function errorText(e: Pick<ApiError | FieldError, 'message' | 'message_en'>, l: Lang): string {
  return l === 'en' ? e.message_en || e.message : e.message;
}
