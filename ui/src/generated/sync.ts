// Generated from the Rust types by keukentafel-sync (src/view.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test bindings

import type { ReplicaId, Role } from './bindings';

/**
 * The sync screen's state.
 */
export type SyncOverview = { 
/**
 * This installation's public key, to give to the coordinator (or to volunteers).
 */
own_key: string, 
/**
 * The linked coordinator (volunteers).
 */
coordinator: CoordinatorLink | null, peers: Array<PeerView>, open_conflicts: number, 
/**
 * Ops waiting for a coordinator (a laptop clock far ahead, or a copied installation).
 */
held_back: number, };

/**
 * An installation this one received a file from.
 */
export type PeerView = { replica: ReplicaId, author: string, role: string, 
/**
 * Whether its public key is known (needed to write a return file to it).
 */
can_receive: boolean, 
/**
 * When its last file was imported (RFC 3339), if ever.
 */
last_import: string | null, };

/**
 * The coordinator a volunteer's installation is linked to, as its pairing code said.
 */
export type CoordinatorLink = { name: string, organisation: string, replica: ReplicaId, 
/**
 * To compare with the coordinator's screen.
 */
fingerprint: string, };

/**
 * What an export wrote.
 */
export type ExportOutcome = { path: string, 
/**
 * Ops in the file (0: the file only carries the acknowledgement).
 */
op_count: number, recipients: Array<string>, 
/**
 * The file's number (per installation, from 1; the same content written again keeps it).
 */
file_number: bigint, };

export type Stage = "reading" | "verifying" | "backing_up" | "merging" | "done";

/**
 * Where a batch import is, for a progress bar: file `index` (from 0) of `count`, and its stage.
 */
export type Progress = { index: number, count: number, path: string, stage: Stage, };

/**
 * Who sent a file (from its manifest).
 */
export type Sender = { replica: ReplicaId, author: string, role: string, 
/**
 * The sender's public key (to write a return file to).
 */
recipient: string, created_at: string, };

/**
 * What a merge did with one file's ops.
 */
export type MergeCounts = { new: number, already_present: number, conflicts: number, held_back: number, 
/**
 * Changes of other installations that this sender may not pass on and this store did
 * not already hold: left out.
 */
not_from_sender: number, 
/**
 * Households taken off this volunteer that this laptop forgot with this file.
 */
forgotten_households: number, 
/**
 * Households this laptop erased on its coordinator's word with this file.
 */
erased_households: number, 
/**
 * The coordinator: erasures this volunteer's file confirmed for the first time.
 */
confirmed_erasures: number, 
/**
 * This installation's export files that the file (a return file from its coordinator)
 * confirmed received for the first time, by number.
 */
confirmed_files: Array<bigint>, 
/**
 * The very same file (the same bytes) was imported here before: skipped before it was
 * decrypted; its changes are all counted as already present.
 */
already_imported: boolean, };

/**
 * What the UI decides on. Serialized snake_case; exported to TypeScript.
 */
export type SyncErrorCode = "export_empty" | "export_not_an_export_file" | "export_wrong_key" | "export_truncated" | "export_altered" | "export_newer_version" | "export_malformed" | "export_invalid_op" | "export_assigns_households" | "export_too_large" | "export_too_many_ops" | "invalid_recipient" | "invalid_identity" | "invalid_signing_key" | "invalid_signing_public_key" | "bad_signature" | "invalid_pairing" | "export_unsigned" | "export_unknown_sender" | "export_forged_sender" | "export_revoked_sender" | "not_a_coordinator" | "not_enrolled" | "already_exists" | "no_coordinator" | "unknown_peer" | "io" | "store";

/**
 * Who an installation is, with its public keys. Always valid: made by [`Pairing::new`] (or
 * [`Pairing::for_installation`]) or by parsing, so its line always parses back to it.
 */
export type Pairing = { name: string, role: Role, organisation: string, 
/**
 * The installation id.
 */
replica: ReplicaId, 
/**
 * The age public key (`age1…`): files for this installation are encrypted to it.
 */
age_key: string, 
/**
 * The signing public key (`ktsig1:…`): this installation's files are signed with it.
 */
signing_key: string, 
/**
 * The day the code was made (`YYYY-MM-DD`).
 */
created: string, };

/**
 * The short code two people read aloud and compare: 20 digits in 5 groups of 4.
 */
export type Fingerprint = string;

/**
 * Why a pairing code (text or file) was refused; each reason has its own Dutch and English
 * words (`keukentafel-api`). Serialized snake_case; exported to TypeScript.
 */
export type PairingProblem = "too_large" | "no_code" | "more_than_one_code" | "wrong_prefix" | "newer_version" | "bad_encoding" | "bad_json" | "unknown_role" | "bad_replica" | "bad_age_key" | "bad_signing_key" | "name_empty" | "name_too_long" | "organisation_too_long" | "control_characters" | "bad_date";
