// Generated from the Rust types by keukentafel-domain (src/bindings.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test bindings

/**
 * A household the volunteers help.
 */
export type HouseholdId = string;

/**
 * One consent event (given or withdrawn) for one scope.
 */
export type ConsentId = string;

/**
 * A planned, done or cancelled home visit.
 */
export type VisitId = string;

/**
 * A person using an installation (volunteer or coordinator).
 */
export type UserId = string;

/**
 * One installation of Keukentafel (one store file). Random, made once when the store is created.
 */
export type ReplicaId = string;

/**
 * A task after a visit: a referral, an agreement or a follow-up contact.
 */
export type TaskId = string;

/**
 * A kind of material the organisation hands out (an energy-box item).
 */
export type StockItemId = string;

/**
 * One change of the stock: received, handed out, corrected or written off.
 */
export type StockMovementId = string;

/**
 * What kind of problem a field has; the UI may act on it (for example focus the field).
 */
export type FieldErrorCode = "required" | "too_long" | "invalid_postcode" | "out_of_range" | "invalid_date" | "invalid_time" | "date_in_future" | "invalid";

/**
 * What the person using this installation does.
 */
export type Role = "energy_coach" | "debt_help_volunteer" | "coordinator";

export type UserProfileInput = { name: string, organisation: string, role: Role, 
/**
 * A phone number households may call (printed on their sheet); may be empty.
 */
phone: string, };

/**
 * This installation's user.
 */
export type UserProfile = { id: UserId, name: string, organisation: string, role: Role, 
/**
 * May be empty.
 */
phone: string, };

export type Tenure = "housing_association" | "private_rent" | "owner";

export type ContractType = "fixed" | "variable" | "dynamic";

export type Heating = "gas_boiler" | "district_heating" | "block_connection" | "heat_pump" | "electric" | "other";

/**
 * The language a household reads its printed sheet in, whatever the app's language.
 */
export type Language = "nl" | "en";

/**
 * What a household form sends. Strings may be empty where a field is optional.
 */
export type HouseholdInput = { 
/**
 * Name or code (a code when the household prefers not to be named).
 */
name: string, 
/**
 * Street and house number.
 */
street_address: string, 
/**
 * Dutch postcode, stored as `1234 AB`; may be empty.
 */
postcode: string, city: string, 
/**
 * Neighbourhood (wijk).
 */
wijk: string, adults: number, children: number, tenure: Tenure | null, landlord: string, energy_supplier: string, contract_type: ContractType | null, heating: Heating | null, under_bewind: boolean, administrator_name: string, 
/**
 * Phone number or e-mail of the administrator (bewindvoerder).
 */
administrator_contact: string, notes: string, 
/**
 * The language of the household's printed sheet.
 */
language: Language, };

/**
 * A household as stored.
 */
export type Household = { id: HouseholdId, archived: boolean, 
/**
 * The clock of each field's current value; an edit form sends these back as its base.
 */
clocks: { [key in string]: string }, 
/**
 * Name or code (a code when the household prefers not to be named).
 */
name: string, 
/**
 * Street and house number.
 */
street_address: string, 
/**
 * Dutch postcode, stored as `1234 AB`; may be empty.
 */
postcode: string, city: string, 
/**
 * Neighbourhood (wijk).
 */
wijk: string, adults: number, children: number, tenure: Tenure | null, landlord: string, energy_supplier: string, contract_type: ContractType | null, heating: Heating | null, under_bewind: boolean, administrator_name: string, 
/**
 * Phone number or e-mail of the administrator (bewindvoerder).
 */
administrator_contact: string, notes: string, 
/**
 * The language of the household's printed sheet.
 */
language: Language, };

/**
 * One row of the households list.
 */
export type HouseholdSummary = { id: HouseholdId, name: string, street_address: string, postcode: string, city: string, wijk: string, under_bewind: boolean, archived: boolean, 
/**
 * Date of the first planned visit from today on, if any.
 */
next_visit: string | null, };

/**
 * Filter for the households list.
 */
export type HouseholdQuery = { 
/**
 * Matches name, address, postcode, city and wijk, case-insensitively.
 */
search: string, 
/**
 * Only this wijk, when set.
 */
wijk: string | null, include_archived: boolean, };

/**
 * One page of the households list: the rows at `offset..offset + rows.len()` of every
 * household that matches the query, in list order, and how many match in all (so a list can
 * be as tall as all of them while it holds only the rows in view).
 */
export type HouseholdPage = { 
/**
 * How many households match the query.
 */
total: number, 
/**
 * Where `rows` start in the whole list.
 */
offset: number, 
/**
 * `null` for a household whose row cannot be read: it keeps its place, so the count and the
 * pages stay right (`AppInfo.unreadable_records` says how many there are).
 */
rows: Array<HouseholdSummary | null>, };

/**
 * An edit of an existing household, with the clocks of the values the editor saw.
 */
export type HouseholdUpdate = { id: HouseholdId, data: HouseholdInput, 
/**
 * `Household::clocks` as loaded into the form; may be empty.
 */
base: { [key in string]: string }, };

/**
 * What consent is about.
 */
export type ConsentScope = "energy_advice" | "debt_help" | "share_organisations" | "share_municipality" | "share_landlord" | "share_administrator" | "share_supplier";

export type ConsentInput = { household_id: HouseholdId, scope: ConsentScope, 
/**
 * `true`: given; `false`: withdrawn.
 */
given: boolean, 
/**
 * The version of the consent text that was shown to the household.
 */
text_version: string, 
/**
 * The day consent was given or withdrawn (`YYYY-MM-DD`).
 */
date: string, };

/**
 * One consent event. Consent is append-only: a withdrawal is a new event.
 */
export type ConsentEvent = { id: ConsentId, household_id: HouseholdId, scope: ConsentScope, given: boolean, text_version: string, date: string, 
/**
 * Name of the user who recorded it.
 */
recorded_by: string, 
/**
 * When it was recorded (its clock).
 */
recorded_at: string, };

export type ConsentState = "given" | "withdrawn" | "refused" | "unknown";

/**
 * The current consent for one scope: the latest event wins.
 */
export type ConsentStatus = { scope: ConsentScope, state: ConsentState, since: string | null, text_version: string | null, };

export type VisitKind = "intake" | "combined" | "follow_up";

export type VisitStatus = "planned" | "done" | "cancelled";

export type VisitInput = { household_id: HouseholdId, planned_date: string, 
/**
 * `HH:MM`, or empty when no time is agreed yet.
 */
planned_time: string, kind: VisitKind, 
/**
 * Names of the volunteers present.
 */
volunteers: Array<string>, status: VisitStatus, summary: string, };

export type Visit = { id: VisitId, archived: boolean, clocks: { [key in string]: string }, household_id: HouseholdId, planned_date: string, 
/**
 * `HH:MM`, or empty when no time is agreed yet.
 */
planned_time: string, kind: VisitKind, 
/**
 * Names of the volunteers present.
 */
volunteers: Array<string>, status: VisitStatus, summary: string, };

export type VisitUpdate = { id: VisitId, data: VisitInput, base: { [key in string]: string }, };

/**
 * Everything the household screen shows.
 */
export type HouseholdDetail = { household: Household, 
/**
 * One entry per scope, in the order of [`ConsentScope::ALL`].
 */
consent: Array<ConsentStatus>, 
/**
 * Newest first.
 */
consent_events: Array<ConsentEvent>, 
/**
 * By planned date, newest first.
 */
visits: Array<Visit>, };

/**
 * A visit in the agenda, with the household it is for.
 */
export type AgendaItem = { visit: Visit, household_name: string, wijk: string, 
/**
 * Its day has passed and nobody closed or re-planned it.
 */
missed: boolean, 
/**
 * This installation's user is one of its volunteers.
 */
mine: boolean, };

/**
 * Facts about this installation, for the settings screen and the first start.
 */
export type AppInfo = { store_path: string, replica_id: ReplicaId, schema_version: number, profile: UserProfile | null, consent_text_version: string, 
/**
 * Today, as the app sees it (`YYYY-MM-DD`), so the UI and the validation agree.
 */
today: string, 
/**
 * Records the store holds but cannot read (written by a faulty older version, or changed
 * outside Keukentafel). Lists and the agenda leave them out; `dump` lists them.
 */
unreadable_records: number, };

export type ConflictKind = "field" | "edit_vs_archive";

/**
 * One side of a conflict: a value, who entered it and when.
 */
export type ConflictSide = { op_id: string, value: unknown, author_name: string, 
/**
 * When it was entered (RFC 3339, UTC).
 */
at: string, replica: ReplicaId, };

/**
 * An open conflict on one field of one record.
 */
export type ConflictView = { kind: ConflictKind, 
/**
 * `household`, `visit`, `consent`, `user`.
 */
entity: string, entity_id: string, field: string, 
/**
 * The household the record belongs to, for context.
 */
household_id: HouseholdId | null, household_name: string, 
/**
 * The value the record holds for now (newest clock).
 */
winner: ConflictSide, 
/**
 * The other values, kept until a person decides.
 */
others: Array<ConflictSide>, };

/**
 * A person's decision on a conflict: the value to keep (one of the sides, or a new one).
 */
export type ConflictResolution = { kind: ConflictKind, entity: string, entity_id: string, field: string, value: unknown, };

/**
 * A household given to a volunteer installation by the coordinator: the volunteer's laptop
 * receives that household (its visits, answers and consent) and nothing else. Synced like any
 * record, written only by the coordinator (a volunteer's file that carries one is refused).
 * One record per (household, volunteer): its id is [`assignment_id`]. A household a volunteer
 * creates is assigned to that volunteer when the coordinator first imports it.
 */
export type Assignment = { household_id: HouseholdId, 
/**
 * The volunteer installation (replica id).
 */
volunteer: ReplicaId, 
/**
 * The date it was (last) given, `YYYY-MM-DD`.
 */
since: string, 
/**
 * The date it was taken off, `YYYY-MM-DD`; empty while it holds.
 */
until: string, };

export type TaskKind = "referral" | "agreement" | "follow_up_contact";

export type TaskStatus = "open" | "in_progress" | "done" | "not_needed" | "no_response";

/**
 * Who carries a task out.
 */
export type TaskOwnerKind = "volunteer" | "coordinator" | "administrator" | "household";

/**
 * What a task form (or closing a visit) sends.
 */
export type TaskInput = { household_id: HouseholdId, 
/**
 * The visit it came from, if any.
 */
visit_id: VisitId | null, 
/**
 * The checklist step it came from; empty for a task made by hand.
 */
step_id: string, kind: TaskKind, 
/**
 * What is to be done.
 */
what: string, 
/**
 * For whom: the organisation or party referred to (empty when none).
 */
party: string, 
/**
 * The consent the household must have given before data goes to `party`; `None` when the
 * task shares nothing with a party.
 */
consent_scope: ConsentScope | null, owner_kind: TaskOwnerKind, 
/**
 * The person (a volunteer's or coordinator's name; the administrator's name); may be empty.
 */
owner_name: string, due: string, status: TaskStatus, 
/**
 * What came of it.
 */
outcome: string, 
/**
 * The day it was closed (done, not needed, no response); `None` while open.
 */
closed_on: string | null, };

/**
 * A task as stored.
 */
export type Task = { id: TaskId, archived: boolean, clocks: { [key in string]: string }, household_id: HouseholdId, 
/**
 * The visit it came from, if any.
 */
visit_id: VisitId | null, 
/**
 * The checklist step it came from; empty for a task made by hand.
 */
step_id: string, kind: TaskKind, 
/**
 * What is to be done.
 */
what: string, 
/**
 * For whom: the organisation or party referred to (empty when none).
 */
party: string, 
/**
 * The consent the household must have given before data goes to `party`; `None` when the
 * task shares nothing with a party.
 */
consent_scope: ConsentScope | null, owner_kind: TaskOwnerKind, 
/**
 * The person (a volunteer's or coordinator's name; the administrator's name); may be empty.
 */
owner_name: string, due: string, status: TaskStatus, 
/**
 * What came of it.
 */
outcome: string, 
/**
 * The day it was closed (done, not needed, no response); `None` while open.
 */
closed_on: string | null, };

/**
 * An edit of a task, with the clocks of the values the editor saw.
 */
export type TaskUpdate = { id: TaskId, data: TaskInput, base: { [key in string]: string }, };

/**
 * A task in a list (Mijn taken, the household page), with what the list shows beside it.
 */
export type TaskRow = { task: Task, household_name: string, 
/**
 * Open and its due date has passed.
 */
overdue: boolean, 
/**
 * The task shares data with a party the household has not (or no longer) given consent
 * for: the consent scope that is missing.
 */
missing_consent: ConsentScope | null, };

/**
 * Which tasks a list shows.
 */
export type TaskQuery = { 
/**
 * Only tasks of this owner (a person's name), when set.
 */
owner: string | null, household_id: HouseholdId | null, 
/**
 * Only tasks due on or before this day, when set.
 */
due_before: string | null, 
/**
 * Also tasks that are closed (done, not needed, no response).
 */
include_closed: boolean, };

export type Settings = { 
/**
 * A volunteer without a file for longer than this stands out (days, 1–366).
 */
stale_after_days: number, 
/**
 * The budget for materials per household in euro cents; `None`: no budget set.
 */
budget_per_household_cents: number | null, 
/**
 * How long a household's data is kept after the last contact, in months (1–240); `None`:
 * no period set, nothing is listed to erase.
 */
retention_months: number | null, };

/**
 * What changed the stock.
 */
export type MovementKind = "received" | "handed_out" | "corrected" | "written_off";

/**
 * What the item form sends.
 */
export type StockItemInput = { name: string, 
/**
 * The measure (reference figures) this item is, or empty for an item the coordinator added.
 */
measure: string, 
/**
 * Cost per unit in euro cents.
 */
unit_cost_cents: number, 
/**
 * The stock is low at or below this number (0: no warning).
 */
low_at: number, };

/**
 * An item as stored.
 */
export type StockItem = { id: StockItemId, archived: boolean, clocks: { [key in string]: string }, name: string, 
/**
 * The measure (reference figures) this item is, or empty for an item the coordinator added.
 */
measure: string, 
/**
 * Cost per unit in euro cents.
 */
unit_cost_cents: number, 
/**
 * The stock is low at or below this number (0: no warning).
 */
low_at: number, };

/**
 * An edit of an item, with the clocks of the values the editor saw. Saving a measure's item
 * that has no record yet makes it (with the id [`stock_item_for_measure`]).
 */
export type StockItemUpdate = { id: StockItemId, data: StockItemInput, base: { [key in string]: string }, };

/**
 * What the movement form sends: received, corrected (after a count) or written off.
 */
export type MovementInput = { item_id: StockItemId, kind: MovementKind, 
/**
 * How many items were received or written off; for a correction the number counted.
 */
quantity: number, date: string, note: string, };

/**
 * A movement as stored: the change it makes (`delta`) and where it came from.
 */
export type StockMovementData = { item_id: StockItemId, kind: MovementKind, 
/**
 * The change of the stock (+ in, − out).
 */
delta: number, date: string, 
/**
 * The household it was handed out to (handed out only).
 */
household_id: HouseholdId | null, 
/**
 * The visit that booked it (handed out only).
 */
visit_id: VisitId | null, note: string, 
/**
 * Who recorded it (the user's name).
 */
recorded_by: string, };

export type StockMovement = { id: StockMovementId, item_id: StockItemId, kind: MovementKind, 
/**
 * The change of the stock (+ in, − out).
 */
delta: number, date: string, 
/**
 * The household it was handed out to (handed out only).
 */
household_id: HouseholdId | null, 
/**
 * The visit that booked it (handed out only).
 */
visit_id: VisitId | null, note: string, 
/**
 * Who recorded it (the user's name).
 */
recorded_by: string, };

/**
 * One item in the stock list.
 */
export type StockLevel = { item: StockItem, 
/**
 * The item has a record (the coordinator saved it, or it was added); a measure's item
 * without one is listed with cost 0 until the coordinator fills it in.
 */
saved: boolean, 
/**
 * The sum of its movements.
 */
on_hand: number, 
/**
 * At or below the low level (when one is set).
 */
low: boolean, 
/**
 * Handed out in households, all time.
 */
handed_out: number, };

/**
 * The materials one household received, and their cost.
 */
export type HouseholdMaterials = { household_id: HouseholdId, household_name: string, items: number, cost_cents: number, 
/**
 * More than the budget per household (when one is set).
 */
over_budget: boolean, };

/**
 * The stock screen: every item with its stock, the households' materials against the budget.
 */
export type StockOverview = { items: Array<StockLevel>, 
/**
 * Items at or below their low level.
 */
low: number, budget_per_household_cents: number | null, 
/**
 * Households that received materials, most expensive first.
 */
households: Array<HouseholdMaterials>, 
/**
 * The average cost per household that received materials (cents, rounded).
 */
average_cost_cents: number, over_budget: number, };

/**
 * One measure's count, as a visit installed it.
 */
export type StockOut = { measure: string, quantity: number, };

/**
 * Which kind of file this installation wrote.
 */
export type FileKind = "export" | "return";

/**
 * A file this installation wrote, with its receipt once the coordinator confirmed it.
 */
export type ExportFile = { 
/**
 * From 1, per installation.
 */
number: bigint, kind: FileKind, 
/**
 * The volunteer a return file is for (`null` for an export).
 */
peer: ReplicaId | null, 
/**
 * The file's name in its folder.
 */
name: string, 
/**
 * When it was written (RFC 3339, UTC).
 */
created_at: string, op_count: bigint, 
/**
 * When the coordinator imported it (RFC 3339), as its return file says; `null`: not
 * confirmed yet.
 */
received_at: string | null, };

/**
 * A file imported here from another installation.
 */
export type ReceivedFile = { sender: ReplicaId, 
/**
 * The number its sender gave it (`null`: a file of format 2.1 or older, without one).
 */
file_number: bigint | null, 
/**
 * When the sender wrote it (RFC 3339, as its manifest says).
 */
created_at: string, 
/**
 * When it was imported here (RFC 3339).
 */
imported_at: string, op_count: bigint, };

/**
 * A receipt, carried in a coordinator's return file (format 2.2): the coordinator imported the
 * file `file_number` of installation `replica`, written at `created`, at `received_at`.
 */
export type FileReceipt = { replica: ReplicaId, file_number: bigint, created: string, received_at: string, };

/**
 * Numbers missing from a sender's files: `from` to `to`, both included (one missing file:
 * `from == to`).
 */
export type FileGap = { from: bigint, to: bigint, };

/**
 * What one sender's received files come to, for the coordinator's overview.
 */
export type ReceivedSummary = { 
/**
 * How many files were received (each once).
 */
count: number, 
/**
 * The highest number received (`null`: none, or only files without a number).
 */
last_number: bigint | null, 
/**
 * When the last file was written (RFC 3339): the one with the highest number, else the
 * newest without one.
 */
last_created: string | null, 
/**
 * Numbers missing below the highest received (files lost on the way).
 */
gaps: Array<FileGap>, };

/**
 * One erasure, as the coordinator accounts for it.
 */
export type Erasure = { household: HouseholdId, 
/**
 * Why (the coordinator's words, e.g. "verzoek van het huishouden").
 */
reason: string, 
/**
 * When the household asked for it.
 */
requested: string, 
/**
 * When the coordinator's store erased it (RFC 3339, UTC).
 */
erased_at: string, 
/**
 * Every other installation that held the household: each must confirm.
 */
laptops: Array<ErasureLaptop>, };

/**
 * One installation that must confirm an erasure.
 */
export type ErasureLaptop = { replica: ReplicaId, 
/**
 * Its name as enrolled ('' when it is not, or no longer, enrolled).
 */
name: string, 
/**
 * When its confirmation arrived (`None`: not yet).
 */
confirmed_at: string | null, 
/**
 * The coordinator confirmed it by hand (a revoked laptop, wiped or handed in), not a file.
 */
by_hand: boolean, 
/**
 * Its enrolment is revoked: it gets no more return files, so it cannot confirm in a file.
 */
revoked: boolean, };

/**
 * A household in the coordinator's "te wissen" list.
 */
export type RetentionRow = { household: HouseholdId, name: string, wijk: string, last_contact: string, 
/**
 * From this day on it is past the retention period.
 */
due_since: string, archived: boolean, };
