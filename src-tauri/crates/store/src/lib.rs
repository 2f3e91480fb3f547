//! Keukentafel's local store: one SQLite file, one writer.
//!
//! Reads take `&self`; every write goes through [`Store::write`]: one IMMEDIATE transaction in
//! which each changed field is recorded as an op in the change log and applied to its table
//! (see [`Writer`]). A write that fails leaves nothing behind. Validation (from the domain crate)
//! runs before a transaction starts. Ops from other installations come in through
//! [`Store::merge`]: plan each touched field from its op history (a pure function,
//! [`plan_field`]), then apply the plans in one transaction. This crate must never depend on
//! Tauri.
//!
//! # Modules
//!
//! | module | what it is for |
//! |---|---|
//! | `error` | [`StoreError`] |
//! | `schema` | entities, their tables and fields, JSON ↔ SQL per field |
//! | `key` | [`StoreKey`]: the store's key, derived once from the passphrase (SQLCipher 4's PBKDF2); what a file is from its first bytes |
//! | `open` | opening a file: refusals, the key, pragmas, migrations, re-encryption |
//! | `log` | the change log: [`Op`], reading and appending op rows, clock and sequence lookups |
//! | `tables` | entity rows and `field_clocks`: read a record, apply an op to its column |
//! | `plan` | pure merge planning: [`plan_field`], [`FieldOp`], [`FieldPlan`] (table-tested) |
//! | `settle` | applies a field's plan to the store: winner, heads, open conflicts, archive rule |
//! | `writer` | [`Writer`]: one local write; ticks the clock, records and applies one op per field |
//! | `store` | [`Store`]: the open file, [`Store::write`] |
//! | `records/*` | one file per entity (profile, app info, households, consent, visits, agenda, answers); `unreadable`: rows that cannot be read |
//! | `dump` | the canonical dump, with the records that cannot be read |
//! | `exchange` | what the file exchange needs: received ops, peers, settings, backup, conflicts |
//! | `merge` | [`Store::merge`], what is held back, [`MergeReport`] |
//! | `held` | held-back ops: [`Store::held_ops`] with author and household, accept, reject |
//! | `deliver` | pure plan of scoped return files and forgetting (table-tested; the scheme is in its doc) |
//! | `receipts` | export files this installation wrote, files it received, receipts ([`FileArrival`]) |
//! | `residue` | the statistical residue of an erased household (the report's counts of it; the decision is in its doc) |
//! | `erase` | forgetting a household (`forget_one`), erasure: [`Store::erase_household`], applying and confirming erasures, the retention list's dates |
//! | `scope` | [`Store::return_batch`], [`Store::acknowledge_return_file`], [`Store::merge_return_file`], [`Store::forget`] |
//! | `ops` | public path of [`Op`], [`Writer`], `read_fields`, `field_clocks`, `all_ops` (re-exports) |
//!
//! # Module graph
//!
//! Which module may use which (`use crate::…` / `super::`). Every arrow points to a module
//! listed above it, so there is no circle; keep it that way: a module that needs something
//! from a module below it means that something belongs lower down.
//!
//! ```text
//! error     → (nothing)
//! plan      → (nothing: pure)
//! deliver   → (nothing: pure)
//! schema    → error
//! key       → error
//! open      → error, key
//! log       → error, schema
//! tables    → error, schema, log
//! settle    → error, schema, log, tables, plan
//! writer    → error, schema, log, tables, settle
//! store     → error, key, open, writer
//! records   → error, schema, tables, writer, store   (records/mod.rs: shared row helpers)
//! residue   → error, store
//! records/* → super (records/mod.rs), error, schema, tables, store, residue (`report`)
//! dump      → error, schema, log, tables, store, records (`unreadable`)
//! exchange  → error, schema, log, tables, store
//! merge     → error, schema, log, tables, settle, store; re-exports plan
//! held      → error, log, store, merge, exchange
//! receipts  → error, store
//! erase     → error, residue, schema, log, tables, writer, store
//! scope     → error, schema, log, writer, store, merge, deliver, receipts, erase
//! ops       → log, tables, writer (re-exports only)
//! lib.rs    → declares the modules and re-exports the public API; nothing imports the crate root
//! ```
//!
//! The entity files in `records/` do not import one another; where one needs another entity
//! (a household's visits, the author's name) it calls that entity's `Store` method.

mod deliver;
pub mod erase;
mod error;
mod key;
mod log;
mod plan;
mod records;
mod settle;
mod store;
mod tables;
mod writer;

pub mod dump;
pub mod exchange;
pub mod held;
pub mod merge;
pub mod ops;
pub mod open;
pub mod receipts;
pub mod residue;
pub mod schema;
pub mod scope;

pub use error::StoreError;
pub use exchange::{Peer, Received};
pub use held::{HeldOp, HeldReason};
pub use merge::{plan_field, FieldOp, FieldPlan, MergeReport, FUTURE_LIMIT_MILLIS};
pub use key::{check_new_passphrase, testing, inspect, FileKind, Passphrase, StoreKey, KDF_ITERATIONS, MIN_PASSPHRASE_CHARS};
pub use open::{owner_only, raw_connection, reencrypt, FullCheck, WeeklyCheck, APPLICATION_ID, CHECK_ALWAYS_BYTES, CHECK_EVERY_DAYS, SCHEMA_VERSION};
pub use ops::{Op, Writer};
pub use records::answers::{answer_id, VisitAnswers};
pub use records::{Closed, VisitClosing};
pub use records::overview::{HouseholdCase, OpenTask, VisitEntry, VolunteerExport};
pub use records::report::{HouseholdReportInputs, ReportHousehold, ReportMaterial, ReportReferral, ReportVisit};
pub use records::unreadable::Unreadable;
pub use receipts::FileArrival;
pub use residue::{Residue, ResidueReferral, ResidueVisit, RESIDUE_TEMPLATE};
pub use erase::ContactDates;
pub use scope::{ReturnBatch, ScopeList, ScopedMerge};
pub use store::{Result, Store};
