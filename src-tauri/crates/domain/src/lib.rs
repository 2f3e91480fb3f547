//! Keukentafel's domain: the records a volunteer keeps (households, consent events, visits, the
//! local user), how their input is validated and normalised, ids and hybrid logical clocks, and
//! the typed validation problems (the use-case crate turns them into the UI's `{code, message}`).
//!
//! Invariants: nothing here does I/O or reads the system clock; time and randomness come in
//! through [`clock::Sources`], so every caller (store, CLI demo data, tests) is deterministic
//! when it wants to be. This crate must never depend on Tauri.

pub mod bindings;
pub mod caseload;
pub mod clock;
pub mod consent;
pub mod erasure;
pub mod error;
pub mod ids;
pub mod model;
pub mod receipts;
pub mod settings;
pub mod stock;
pub mod suppress;
pub mod sync;
pub mod task;
pub mod validate;

pub use caseload::HouseholdStatus;
pub use clock::{Clock, Hlc, Sources, MAX_AHEAD_MILLIS};
pub use erasure::{erasure_request, last_contact, past_retention, retention_ends, Erasure, ErasedHousehold, ErasureLaptop, RetentionRow};
pub use error::{FieldErrorCode, FieldProblem, FieldValueError, Rule, ValidationErrors, ValueProblem};
pub use ids::*;
pub use model::*;
pub use receipts::{file_gaps, summarize_received, ExportFile, FileGap, FileKind, FileReceipt, ReceivedFile, ReceivedSummary};
pub use settings::Settings;
pub use stock::*;
pub use sync::*;
pub use task::*;
