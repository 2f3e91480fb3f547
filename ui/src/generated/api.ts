// Generated from the Rust types by keukentafel-api (src/lib.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test bindings

import type { ConsentScope, FieldErrorCode, HouseholdId, RetentionRow, ReceivedFile, ReceivedSummary, ReplicaId, Role, StockOut, TaskId, TaskInput, TaskOwnerKind, TaskRow, Visit, VisitId, VisitKind } from './bindings';
import type { Fingerprint, MergeCounts, Pairing, Sender, SyncErrorCode } from './sync';
import type { MeasuredChange, NoMeasurement, Text } from './checklist';

/**
 * Every kind of error the UI acts on.
 */
export type ErrorCode = "validation" | "not_found" | "store_unusable" | "store_busy" | "file_exists" | "store_io" | "no_profile" | "template_unavailable" | "export_refused" | "invalid_key" | "invalid_pairing" | "no_coordinator" | "coordinator_only" | "wrong_passphrase" | "locked" | "internal";

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
 * What the start screen asks for the store at `path` (the unlock screen's three forms).
 */
export type LockState = "new" | "unencrypted" | "locked";

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
 * One task closing a visit would make.
 */
export type ProposedTask = { id: TaskId, task: TaskInput, 
/**
 * Closing made it before: it is not made again.
 */
exists: boolean, 
/**
 * The consent the household has not given for the party this task shares data with.
 */
missing_consent: ConsentScope | null, };

/**
 * What "Bezoek afronden" shows before the volunteers confirm.
 */
export type ClosingProposal = { visit: Visit, household_name: string, tasks: Array<ProposedTask>, 
/**
 * The follow-up date the checklist proposes (`None`: the checklist plans no visit).
 */
follow_up_date: string | null, 
/**
 * The follow-up visit closing planned before, if any (closing again plans no second one).
 */
follow_up: Visit | null, 
/**
 * The visit is planned for a day still to come: it cannot be closed yet.
 */
in_future: boolean, 
/**
 * What the visit installed, booked out of stock when it is closed.
 */
stock_out: Array<StockOut>, 
/**
 * The name of each measure in `stock_out`, in both languages.
 */
stock_out_labels: { [key in string]: Text }, };

/**
 * What the volunteers confirm.
 */
export type CloseVisit = { visit_id: VisitId, 
/**
 * The follow-up visit's day; `None`: no follow-up visit.
 */
follow_up_date: string | null, 
/**
 * `HH:MM` or empty.
 */
follow_up_time: string, };

/**
 * What closing did.
 */
export type ClosedVisit = { visit: Visit, 
/**
 * How many tasks were made now (0 when the visit was closed before).
 */
created: number, 
/**
 * The visit's tasks, as Mijn taken lists them.
 */
tasks: Array<TaskRow>, follow_up: Visit | null, };

/**
 * Mijn taken: the user's open tasks, and for a coordinator every open task.
 */
export type MyTasks = { rows: Array<TaskRow>, overdue: number, 
/**
 * Due today or overdue: the number in the header.
 */
due: number, 
/**
 * The list holds every volunteer's tasks (the user is a coordinator).
 */
everyone: boolean, };

/**
 * What the follow-up screen shows beside the checklist.
 */
export type FollowUpReview = { 
/**
 * The visit the measurement starts from, if there is one.
 */
first_visit: Visit | null, 
/**
 * The tasks to go through: every open task of the household, and those closed since this
 * visit's day (so a task marked done at the table stays in view), not this visit's own.
 */
tasks: Array<TaskRow>, measured: Measured, };

/**
 * The measured change, or why there is none yet.
 */
export type Measured = { "kind": "change", change: MeasuredChange, } | { "kind": "no_first_reading" } | { "kind": "no_reading_yet" } | { "kind": "not_comparable", reason: NoMeasurement, };

/**
 * Where a household stands. Only households that are not archived have one; archived visits
 * and tasks do not count, and a cancelled visit counts as neither done nor planned. "Open
 * task": status `open` or `in_progress`. "Overdue": an open task whose due date is before
 * today. The statuses are tried in this order and the first that holds is the household's,
 * so each household has exactly one:
 *
 * 1. [`Waiting`](HouseholdStatus::Waiting): no visit done yet (whatever is planned or open).
 * 2. [`FollowUpDue`](HouseholdStatus::FollowUpDue): a visit done, and a planned follow-up
 *    visit (kind `follow_up`) whose day is before today, or an overdue task.
 * 3. [`InProgress`](HouseholdStatus::InProgress): a visit done, nothing due as above, and an
 *    open task or a planned visit (of any kind, any day).
 * 4. [`Closed`](HouseholdStatus::Closed): a visit done, no open task and no planned visit.
 */
export type HouseholdStatus = "waiting" | "in_progress" | "follow_up_due" | "closed";

/**
 * The overview on `today`.
 */
export type Overview = { today: string, 
/**
 * A volunteer's last file older than this many days stands out.
 */
stale_after_days: number, households: OverviewHouseholds, visits: OverviewVisits, tasks: OverviewTasks, 
/**
 * The active enrolments (a coordinator's store; empty elsewhere), by name.
 */
volunteers: Array<VolunteerActivity>, 
/**
 * Open conflicts, one per record field (as `conflicts::list` lists them).
 */
open_conflicts: number, 
/**
 * Changes held back for a person's judgement (as `conflicts::held` lists them).
 */
held_changes: number, };

/**
 * The households that are not archived, by [`HouseholdStatus`] and wijk.
 */
export type OverviewHouseholds = { 
/**
 * Every household that is not archived: the sum of `by_status`.
 */
total: number, 
/**
 * Each status, in the order of `HouseholdStatus` (zero counts included).
 */
by_status: Array<StatusCount>, 
/**
 * Each wijk that has a household, by name (`""`: no wijk given).
 */
by_wijk: Array<WijkCases>, };

/**
 * How many households have a status (the sum of that status's cells over the wijken).
 */
export type StatusCount = { status: HouseholdStatus, count: number, };

/**
 * One wijk's households by status.
 */
export type WijkCases = { wijk: string, total: number, 
/**
 * Each status, in the order of `HouseholdStatus` (empty cells included).
 */
cells: Array<StatusCell>, };

/**
 * The households of one wijk with one status: `count` is the length of `households`.
 */
export type StatusCell = { status: HouseholdStatus, count: number, 
/**
 * By id.
 */
households: Array<HouseholdId>, };

/**
 * Visits of households that are not archived (archived visits left out; the date of a visit
 * is its `planned_date`, the day it took place once done).
 */
export type OverviewVisits = { 
/**
 * Done in the calendar month of today.
 */
done_this_month: VisitPeriod, 
/**
 * Done in the calendar quarter of today.
 */
done_this_quarter: VisitPeriod, 
/**
 * Planned for today or later.
 */
planned_ahead: VisitCounts, 
/**
 * Still planned, dated before today (missed, or not closed yet).
 */
planned_overdue: VisitCounts, };

export type VisitPeriod = { 
/**
 * First day (`YYYY-MM-DD`).
 */
from: string, 
/**
 * Last day, included.
 */
to: string, visits: VisitCounts, };

export type VisitCounts = { total: number, 
/**
 * Each kind (intake, combined, follow-up), zero counts included.
 */
by_kind: Array<KindCount>, };

/**
 * The visits of one kind: `count` is the length of `visits`.
 */
export type KindCount = { kind: VisitKind, count: number, 
/**
 * By date.
 */
visits: Array<VisitId>, };

/**
 * Open tasks (`open` or `in_progress`; archived tasks and those of archived households left
 * out). Overdue: due before today.
 */
export type OverviewTasks = { open: number, overdue: number, 
/**
 * By owner kind, then owner name.
 */
by_owner: Array<OwnerTasks>, };

/**
 * One owner's open tasks. Names are matched as Mijn taken matches them: case and surrounding
 * spaces do not matter (the name shown is the first as stored).
 */
export type OwnerTasks = { owner_kind: TaskOwnerKind, owner_name: string, 
/**
 * The length of `tasks`.
 */
open: number, 
/**
 * The length of `overdue_tasks`.
 */
overdue: number, 
/**
 * Every open task of this owner, overdue ones included, soonest due first.
 */
tasks: Array<TaskId>, 
/**
 * Those of `tasks` that are overdue.
 */
overdue_tasks: Array<TaskId>, };

/**
 * An enrolled volunteer and the last file received from it.
 */
export type VolunteerActivity = { replica: ReplicaId, name: string, role: Role, 
/**
 * When this store last imported a file from it (RFC 3339), or `null`: never.
 */
last_import: string | null, 
/**
 * Days from the day of that import to today.
 */
days_since: bigint | null, 
/**
 * Never sent a file, or the last one is more than `stale_after_days` old.
 */
stands_out: boolean, 
/**
 * The files received from it: how many, the last one's number and date, and the numbers
 * missing below the highest (files lost on the way).
 */
files: ReceivedSummary, };

/**
 * The files received from one enrolled volunteer installation.
 */
export type VolunteerFiles = { replica: ReplicaId, name: string, active: boolean, 
/**
 * Count, the last one's number and date, the missing numbers.
 */
summary: ReceivedSummary, 
/**
 * Every file received from it, newest number first (files without a number last).
 */
files: Array<ReceivedFile>, };

/**
 * Which report: a period (both days included) and wijken (none: every wijk).
 */
export type ReportRequest = { from: string, to: string, 
/**
 * Wijk names as the households have them; empty: all wijken.
 */
wijken: Array<string>, };

/**
 * The report: a cover and its tables, in order.
 */
export type Report = { cover: ReportCover, tables: Array<ReportTable>, };

export type ReportCover = { title: Text, from: string, to: string, 
/**
 * The wijken in the report, by name (`""`: households without a wijk).
 */
wijken: Array<string>, 
/**
 * No wijk was chosen: every wijk is in the report.
 */
all_wijken: boolean, 
/**
 * The reference figures the estimates use.
 */
figures_id: string, figures_version: number, 
/**
 * The suppression rule, as CBS states it under its tables.
 */
suppression_rule: Text, 
/**
 * What the report leaves out (names, addresses, free text).
 */
anonymity: Text, made_on: string, };

export type ReportTable = { 
/**
 * Stable id (`households`, `visits`, …): the CSV file name and the sheet order.
 */
id: string, title: Text, columns: Array<ReportColumn>, rows: Array<ReportRow>, 
/**
 * A chart that helps read the table, if any.
 */
chart: ReportChart | null, 
/**
 * How the numbers were made, and their sources.
 */
note: Text, };

export type ReportColumn = { header: Text, 
/**
 * `households`, `count`, `eur`, `percent`, `days`, `kwh`, `m3`, `gj`, `kg`.
 */
unit: string, 
/**
 * Decimals shown.
 */
decimals: number, };

export type ReportRow = { label: Text, 
/**
 * A total row (shown bold; the sum of the rows above where the column adds up).
 */
total: boolean, cells: Array<ReportCell>, };

export type ReportCell = { "kind": "value", value: number, } | { "kind": "suppressed" } | { "kind": "empty" };

/**
 * A native chart of one column over the rows that are not totals.
 */
export type ReportChart = { kind: ChartKind, 
/**
 * The column charted (its header names the series).
 */
column: number, };

export type ChartKind = "column" | "bar";

/**
 * XLSX (one file) or CSV (a folder with one file per table).
 */
export type ReportFormat = "xlsx" | "csv";

/**
 * What `save_report` wrote.
 */
export type SavedReport = { 
/**
 * The files written: one XLSX, or one CSV per table.
 */
files: Array<string>, };

/**
 * What the coordinator fills in to erase households.
 */
export type EraseRequest = { households: Array<HouseholdId>, reason: string, 
/**
 * The day the household asked (or the retention period ended).
 */
requested: string, };

/**
 * The "te wissen" list.
 */
export type RetentionList = { 
/**
 * The retention period in months (`None`: not set, the list is empty).
 */
months: number | null, households: Array<RetentionRow>, };

/**
 * Everything this store keeps about one household, in words.
 */
export type Inzage = { household_id: HouseholdId, household_name: string, 
/**
 * The day the copy was made.
 */
made_on: string, 
/**
 * Who made it (this installation's user) and for which organisation; may be empty.
 */
made_by: string, organisation: string, 
/**
 * The name to save it under: `inzage-<name>-<date>.html` ([`file_name`]).
 */
file_name: string, 
/**
 * The records, by kind, in the order printed.
 */
sections: Array<InzageSection>, 
/**
 * Every change ever made to these records, oldest first, grouped by moment, record and
 * person.
 */
history: Array<InzageChanges>, };

/**
 * One kind of record: its heading, a line saying what it is, and the records.
 */
export type InzageSection = { 
/**
 * `household`, `consent`, `visits`, `tasks`, `materials`, `assignments`, `conflicts`,
 * `held`, `unreadable`.
 */
id: string, title: Text, intro: Text, records: Array<InzageRecord>, };

/**
 * One record: a title and its fields; a visit also has its answers.
 */
export type InzageRecord = { title: Text, fields: Array<InzageField>, 
/**
 * A visit's answers, in the order of its checklist.
 */
answers: Array<InzageAnswer>, };

/**
 * One field: what it is, and its value in words.
 */
export type InzageField = { label: Text, value: Text, };

/**
 * One answer of a visit: the question as asked, the answer in words, who gave it.
 */
export type InzageAnswer = { question: Text, value: Text, 
/**
 * May be empty.
 */
answered_by: string, };

/**
 * Changes made together: one moment (to the minute), one record, one person.
 */
export type InzageChanges = { 
/**
 * When the first of them was made (RFC 3339, UTC).
 */
at: string, 
/**
 * When, in words: `03-12-2026 14:05` (the computer's time zone).
 */
when: string, 
/**
 * Which record: "Fam. Jansen", "Intakegesprek van 03-12-2026", "Antwoord bij …".
 */
record: Text, 
/**
 * Who made them: the name when known, and the installation.
 */
by: string, changes: Array<InzageChange>, };

/**
 * One change of one field.
 */
export type InzageChange = { 
/**
 * Which field (for an answer: the question).
 */
field: Text, 
/**
 * The value before; `None` for the first value of the field.
 */
old: Text | null, new: Text, };

/**
 * What `save` wrote.
 */
export type SavedInzage = { file: string, };

/**
 * Every `ErrorCode`, to tell our rejections from anything else.
 */
export const ERROR_CODES: readonly ErrorCode[] = ['validation', 'not_found', 'store_unusable', 'store_busy', 'file_exists', 'store_io', 'no_profile', 'template_unavailable', 'export_refused', 'invalid_key', 'invalid_pairing', 'no_coordinator', 'coordinator_only', 'wrong_passphrase', 'locked', 'internal'];
