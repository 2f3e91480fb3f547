//! The TypeScript types of every command's input, output and error, generated from the Rust
//! types into `ui/src/lib/bindings.ts`. The file is committed; the test below fails when it is
//! stale. Regenerate with `UPDATE_BINDINGS=1 cargo test -p keukentafel-domain bindings`.

use ts_rs::{Config, TS};

use crate::error::*;
use crate::model::*;
use crate::sync::*;

/// Where the generated file lives, relative to this crate.
pub const BINDINGS_PATH: &str = "../../../ui/src/lib/bindings.ts";

macro_rules! render {
    ($cfg:expr, $out:expr; $($t:ty),* $(,)?) => {
        $(
            if let Some(doc) = <$t as TS>::docs() {
                $out.push_str(doc.trim_end());
                $out.push('\n');
            }
            $out.push_str("export ");
            $out.push_str(&<$t as TS>::decl($cfg));
            $out.push_str("\n\n");
        )*
    };
}

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::default();
    let mut out = String::from(
        "// Generated from the Rust types by keukentafel-domain (src/bindings.rs). Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p keukentafel-domain bindings\n\n",
    );
    render!(&cfg, out;
        crate::HouseholdId, crate::ConsentId, crate::VisitId, crate::UserId, crate::ReplicaId,
        ErrorCode, FieldErrorCode, FieldError, ApiError,
        Role, UserProfileInput, UserProfile,
        Tenure, ContractType, Heating, HouseholdInput, Household, HouseholdSummary, HouseholdQuery,
        HouseholdUpdate,
        ConsentScope, ConsentInput, ConsentEvent, ConsentState, ConsentStatus,
        VisitKind, VisitStatus, VisitInput, Visit, VisitUpdate,
        HouseholdDetail, AgendaItem, AppInfo,
        ConflictKind, ConflictSide, ConflictView, ConflictResolution,
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
        let fresh = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/bindings.ts is stale: the Rust types changed. \
             Run `UPDATE_BINDINGS=1 cargo test -p keukentafel-domain bindings` and commit the file."
        );
    }
}
