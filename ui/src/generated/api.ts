// Generated from the Rust types by keukentafel-api (src/lib.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test bindings

import type { FieldErrorCode, ReplicaId, Role } from './bindings';
import type { Fingerprint, MergeCounts, Pairing, Sender, SyncErrorCode } from './sync';

/**
 * Every kind of error the UI acts on.
 */
export type ErrorCode = "validation" | "not_found" | "store_unusable" | "store_busy" | "store_io" | "no_profile" | "template_unavailable" | "export_refused" | "invalid_key" | "invalid_pairing" | "no_coordinator" | "internal";

/**
 * One field's error, with messages in Dutch (first) and English.
 */
export type FieldError = { 
/**
 * The input field's name, as in the input type (`postcode`, `adults`, ...).
 */
field: string, code: FieldErrorCode, message: string, message_en: string, };

/**
 * The error every command returns to the UI.
 */
export type ApiError = { code: ErrorCode, 
/**
 * Plain Dutch, for the volunteer.
 */
message: string, message_en: string, 
/**
 * Per-field errors (only for `validation`).
 */
fields: Array<FieldError>, };

/**
 * Why one file of an import was refused: the exact reason for the UI, and both messages.
 */
export type Refusal = { code: SyncErrorCode, message: string, message_en: string, };

/**
 * The outcome for one imported file: `merged` when it was applied, `refusal` when not.
 */
export type FileReport = { path: string, sender: Sender | null, op_count: number, merged: MergeCounts | null, refusal: Refusal | null, };

/**
 * A pairing code as a screen shows it: who, the fingerprint to read aloud, and the line.
 */
export type PairingView = { pairing: Pairing, 
/**
 * 20 digits in groups of 4; both people read it from their own screen and compare.
 */
fingerprint: Fingerprint, 
/**
 * The single line to paste (`KTKOPPEL1-…`).
 */
code: string, };

/**
 * A volunteer installation as the coordinator's volunteers page shows it.
 */
export type VolunteerView = { replica: ReplicaId, name: string, role: Role, organisation: string, 
/**
 * Of the enrolled keys: what the volunteer's screen showed when enrolling.
 */
fingerprint: string, active: boolean, enrolled_by: string, enrolled_at: string, revoked_at: string | null, 
/**
 * When its last file was imported (RFC 3339), if ever.
 */
last_import: string | null, };

/**
 * Every `ErrorCode`, to tell our rejections from anything else.
 */
export const ERROR_CODES: readonly ErrorCode[] = ['validation', 'not_found', 'store_unusable', 'store_busy', 'store_io', 'no_profile', 'template_unavailable', 'export_refused', 'invalid_key', 'invalid_pairing', 'no_coordinator', 'internal'];
