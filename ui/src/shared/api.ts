// The one door to the Tauri commands. Every command rejects with an `ApiError`; anything else
// that reaches the UI (for example a Tauri argument error) is turned into one with code
// `internal` here, so screens only ever decide on `ApiError.code`. Each feature wraps its own
// commands with `call` (features/<feature>/api.ts).
//
// The error types are imported from the generated types here and nowhere else; the rest of the
// UI imports them from this file.
import { invoke } from '@tauri-apps/api/core';
import { ERROR_CODES, type ApiError, type ErrorCode, type FieldError } from '../generated/api';
import type { AppInfo, FieldErrorCode } from '../generated/bindings';
import { texts } from './texts';

export type { ApiError, ErrorCode, FieldError, FieldErrorCode };


export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ApiError).code === 'string' &&
    ERROR_CODES.includes((e as ApiError).code) &&
    typeof (e as ApiError).message === 'string'
  );
}

/** Any rejection as an `ApiError`. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) {
    return { ...e, message_en: e.message_en ?? e.message, fields: e.fields ?? [] };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: 'internal',
    message: texts.errors.internal.nl,
    message_en: `${texts.errors.internal.en} (${detail})`,
    fields: [],
  };
}

/** Invokes a Tauri command; rejects only with an `ApiError`. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/** The commands of the app as a whole. */
export const api = {
  /** The installation's facts and the user's profile, read at start. */
  appInfo: () => call<AppInfo>('app_info'),
};
