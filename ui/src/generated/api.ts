// Generated from the Rust types by keukentafel-api (src/lib.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test bindings

import type { FieldErrorCode, HouseholdId, ReplicaId, Role } from './bindings';
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
last_import: string | null, 
/**
 * The households given to it now, by name.
 */
households: Array<AssignedHousehold>, };

/**
 * A household given to a volunteer, as the volunteers page lists it.
 */
export type AssignedHousehold = { id: HouseholdId, name: string, 
/**
 * Since when (`YYYY-MM-DD`).
 */
since: string, };

/**
 * Why a change was held back.
 */
export type HeldReason = "future_clock" | "duplicate_sequence" | "not_assigned";

/**
 * One change held back for the coordinator, with what is needed to judge it.
 */
export type HeldChange = { op_id: string, reason: HeldReason, 
/**
 * Who made it: the author's name when this installation knows it ("" otherwise).
 */
author_name: string, 
/**
 * The installation it came from.
 */
replica: ReplicaId, 
/**
 * `household`, `visit`, `consent`, `answer`, `user`.
 */
entity: string, entity_id: string, field: string, value: unknown, 
/**
 * The household the record belongs to, when known.
 */
household_id: HouseholdId | null, household_name: string, 
/**
 * The date the change carries (its clock, RFC 3339, UTC): far ahead for `future_clock`.
 */
at: string, };

/**
 * Which held changes a decision is about: all of them, or the listed ones (by `op_id`).
 */
export type HeldSelection = "all" | { "ops": Array<string> };

/**
 * Every `ErrorCode`, to tell our rejections from anything else.
 */
export const ERROR_CODES: readonly ErrorCode[] = ['validation', 'not_found', 'store_unusable', 'store_busy', 'store_io', 'no_profile', 'template_unavailable', 'export_refused', 'invalid_key', 'invalid_pairing', 'no_coordinator', 'internal'];
