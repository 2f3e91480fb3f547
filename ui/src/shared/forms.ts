// Field errors of a form, kept in both languages so a language switch also switches them.
// Submitting a form and showing its errors is in submit.svelte.ts.
import type { ApiError } from './api';
import type { Both } from './i18n';

export type Message = { message: string; message_en: string };
export type FieldErrors = Record<string, Message>;

/** A client-side message from a text in both languages. */
export function localMessage(text: Both): Message {
  return { message: text.nl, message_en: text.en };
}

/** The first error of each field of a `validation` error (other errors give none). */
export function fieldErrorsOf(err: ApiError): FieldErrors {
  const out: FieldErrors = {};
  if (err.code !== 'validation') return out;
  for (const f of err.fields) {
    if (!out[f.field]) out[f.field] = { message: f.message, message_en: f.message_en };
  }
  return out;
}

/**
 * Field errors that belong to none of the form's inputs; shown in the form's banner so that no
 * server message gets lost.
 */
export function unplacedErrors(errors: FieldErrors, known: readonly string[]): Message[] {
  return Object.entries(errors)
    .filter(([field]) => !known.includes(field))
    .map(([, m]) => m);
}

/** Moves focus to the first input that has an error, after the DOM shows the errors. */
export function focusFirstError(form: HTMLFormElement | undefined): void {
  requestAnimationFrame(() => {
    const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  });
}

/** The `aria-describedby` of an input with the given id. */
export function describedBy(id: string, hasError: boolean, hasHint = false): string | undefined {
  const ids = [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
