//! The TypeScript types of every command's input, output and error, generated from the Rust
//! types into `ui/src/lib/bindings.ts` (this crate's types) and one file per crate that adds
//! its own (`checklist.ts`, `sync.ts`). The files are committed; each crate's test fails when
//! its file is stale. Regenerate all: `UPDATE_BINDINGS=1 cargo test bindings`.

use std::path::Path;

use crate::error::*;
use crate::model::*;
use crate::task::*;
use crate::sync::*;

/// Renders `export type …` declarations (with their doc comments) for the listed types.
#[macro_export]
macro_rules! typescript_decls {
    ($($t:ty),* $(,)?) => {{
        let cfg = ::ts_rs::Config::default();
        let mut out = String::new();
        $(
            if let Some(doc) = <$t as ::ts_rs::TS>::docs() {
                out.push_str(doc.trim_end());
                out.push('\n');
            }
            out.push_str("export ");
            out.push_str(&<$t as ::ts_rs::TS>::decl(&cfg));
            out.push_str("\n\n");
        )*
        out
    }};
}

/// A whole generated file: a header saying where it comes from, imports, declarations.
pub fn typescript_file(generator: &str, imports: &str, decls: &str) -> String {
    let mut out = format!(
        "// Generated from the Rust types by {generator}. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test bindings\n\n"
    );
    if !imports.is_empty() {
        out.push_str(imports);
        out.push_str("\n\n");
    }
    out.push_str(decls.trim_end());
    out.push('\n');
    out
}

/// Test helper: fails when the committed file differs from `fresh`; rewrites it first when
/// `UPDATE_BINDINGS` is set.
pub fn assert_fresh(path: &Path, fresh: &str) {
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, fresh).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: the Rust types changed. Run `UPDATE_BINDINGS=1 cargo test bindings` and commit it.",
        path.display()
    );
}

/// Where the generated files live, relative to a crate under `src-tauri/crates/`.
pub const UI_LIB: &str = "../../../ui/src/generated";

/// This crate's file.
pub fn typescript() -> String {
    typescript_file(
        "keukentafel-domain (src/bindings.rs)",
        "",
        &typescript_decls!(
            crate::HouseholdId, crate::ConsentId, crate::VisitId, crate::UserId, crate::ReplicaId, crate::TaskId,
            crate::StockItemId, crate::StockMovementId,
            FieldErrorCode,
            Role, UserProfileInput, UserProfile,
            Tenure, ContractType, Heating, Language, HouseholdInput, Household, HouseholdSummary, HouseholdQuery,
            HouseholdPage, HouseholdUpdate,
            ConsentScope, ConsentInput, ConsentEvent, ConsentState, ConsentStatus,
            VisitKind, VisitStatus, VisitInput, Visit, VisitUpdate,
            HouseholdDetail, AgendaItem, AppInfo,
            ConflictKind, ConflictSide, ConflictView, ConflictResolution, Assignment,
            TaskKind, TaskStatus, TaskOwnerKind, TaskInput, Task, TaskUpdate, TaskRow, TaskQuery,
            crate::Settings, crate::MovementKind, crate::StockItemInput, crate::StockItem, crate::StockItemUpdate,
            crate::MovementInput, crate::StockMovementData, crate::StockMovement, crate::StockLevel,
            crate::HouseholdMaterials, crate::StockOverview, crate::StockOut,
            crate::FileKind, crate::ExportFile, crate::ReceivedFile, crate::FileReceipt, crate::FileGap,
            crate::ReceivedSummary,
            crate::Erasure, crate::ErasureLaptop, crate::RetentionRow,
        ),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(super::UI_LIB).join("bindings.ts");
        super::assert_fresh(&path, &super::typescript());
    }
}
