//! Keukentafel's use cases: one module per feature, one function per thing a volunteer or a
//! coordinator does, taking plain inputs and returning plain outputs or an [`ApiError`]. The
//! Tauri app and `keukentafel-cli` both call these functions and nothing below them, so every
//! job can be done with or without a window.
//!
//! Where a new use case goes: one function in the feature's module here, one line in
//! `src-tauri/src/commands/<feature>.rs`, one line in the CLI.
//!
//! - [`profile`]: opening/creating the store, the user's profile, app info.
//! - [`households`], [`consent`]: the household records.
//! - [`visits`]: planning visits, the agenda, and a visit's checklist (template fixed per
//!   visit, answers as ops, evaluation by the pure checklist engine).
//! - [`exchange`]: keys, pairing codes, linking to a coordinator, export and return files, import.
//! - [`tasks`]: closing a visit (its tasks, made once, and the follow-up visit), Mijn taken,
//!   a household's tasks, tasks by hand.
//! - [`follow_up`]: the follow-up visit's review: the earlier tasks and the measured change.
//! - [`overview`]: Overzicht, the caseload in numbers with the ids behind each.
//! - [`report`]: Rapportage voor de gemeente: ten anonymous tables for a period and wijken,
//!   small counts suppressed; XLSX with charts and CSV.
//! - [`inzage`]: a household's own copy (AVG art. 15): everything kept about it, in Dutch
//!   words, and the same as one print-ready HTML document.
//! - [`conflicts`]: conflicts, and held-back changes (listed, accepted, rejected).
//! - [`errors`]: the one place where errors become `{code, message, message_en, fields}`, with
//!   every Dutch and English error text.
//!
//! Time comes in as arguments (`today`, `now`), so every use case is testable on a real store
//! file without a clock. No Tauri here (checked by `.ci/check-core-deps`).

pub mod conflicts;
pub mod consent;
pub mod erasure;
pub mod errors;
pub mod exchange;
pub mod follow_up;
pub mod households;
pub mod inzage;
pub mod overview;
pub mod profile;
pub mod report;
pub mod stock;
pub mod tasks;
pub mod visits;

pub use conflicts::{HeldChange, HeldReason, HeldSelection};
pub use errors::{ApiError, ErrorCode, FieldError, Refusal};
pub use exchange::{AssignedHousehold, FileReport, PairingView, VolunteerFiles, VolunteerView};
pub use follow_up::{FollowUpReview, Measured};
pub use profile::LockState;
pub use tasks::{ClosedVisit, ClosingProposal, CloseVisit, MyTasks, ProposedTask};
pub use visits::{Templates, VisitError};

/// What every use case returns.
pub type Reply<T> = Result<T, ApiError>;

/// The generated `ui/src/generated/api.ts`: the error the UI receives, the import report and
/// the pairing view and the held-back changes.
pub fn typescript() -> String {
    let codes: Vec<String> =
        ErrorCode::ALL.iter().map(|c| serde_json::to_string(c).expect("a code serialises").replace('"', "'")).collect();
    let decls = keukentafel_domain::typescript_decls!(
        ErrorCode, FieldError, ApiError, Refusal, LockState, FileReport, PairingView, VolunteerView, AssignedHousehold, HeldReason,
        HeldChange, HeldSelection, ProposedTask, ClosingProposal, CloseVisit, ClosedVisit, MyTasks, FollowUpReview, Measured,
        keukentafel_domain::HouseholdStatus, overview::Overview, overview::OverviewHouseholds, overview::StatusCount,
        overview::WijkCases, overview::StatusCell, overview::OverviewVisits, overview::VisitPeriod, overview::VisitCounts,
        overview::KindCount, overview::OverviewTasks, overview::OwnerTasks, overview::VolunteerActivity, VolunteerFiles,
        report::ReportRequest, report::Report, report::ReportCover, report::ReportTable, report::ReportColumn,
        report::ReportRow, report::ReportCell, report::ReportChart, report::ChartKind, report::ReportFormat,
        report::SavedReport, erasure::EraseRequest, erasure::RetentionList, inzage::Inzage, inzage::InzageSection,
        inzage::InzageRecord, inzage::InzageField, inzage::InzageAnswer, inzage::InzageChanges, inzage::InzageChange, inzage::SavedInzage
    );
    keukentafel_domain::bindings::typescript_file(
        "keukentafel-api (src/lib.rs)",
        "import type { ConsentScope, FieldErrorCode, HouseholdId, RetentionRow, ReceivedFile, ReceivedSummary, ReplicaId, Role, StockOut, TaskId, TaskInput, TaskOwnerKind, TaskRow, Visit, VisitId, VisitKind } from './bindings';\n\
         import type { Fingerprint, MergeCounts, Pairing, Sender, SyncErrorCode } from './sync';\n\
         import type { MeasuredChange, NoMeasurement, Text } from './checklist';",
        &format!(
            "{decls}/**\n * Every `ErrorCode`, to tell our rejections from anything else.\n */\n\
             export const ERROR_CODES: readonly ErrorCode[] = [{}];\n",
            codes.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_fresh() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(keukentafel_domain::bindings::UI_LIB).join("api.ts");
        keukentafel_domain::bindings::assert_fresh(&path, &super::typescript());
    }
}
