//! What the sync screens show. Also generates `ui/src/generated/sync.ts`.

use keukentafel_domain::ReplicaId;
use keukentafel_store::Store;
use serde::Serialize;
use ts_rs::TS;

use crate::error::SyncError;
use crate::trust::coordinator_link;
use crate::keys::KeyPair;

/// An installation this one received a file from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PeerView {
    pub replica: ReplicaId,
    pub author: String,
    pub role: String,
    /// Whether its public key is known (needed to write a return file to it).
    pub can_receive: bool,
    /// When its last file was imported (RFC 3339), if ever.
    pub last_import: Option<String>,
}

/// The coordinator a volunteer's installation is linked to, as its pairing code said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct CoordinatorLink {
    pub name: String,
    pub organisation: String,
    pub replica: ReplicaId,
    /// To compare with the coordinator's screen.
    pub fingerprint: String,
}

/// The sync screen's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SyncOverview {
    /// This installation's public key, to give to the coordinator (or to volunteers).
    pub own_key: String,
    /// The linked coordinator (volunteers).
    pub coordinator: Option<CoordinatorLink>,
    pub peers: Vec<PeerView>,
    pub open_conflicts: usize,
    /// Ops waiting for a coordinator (a laptop clock far ahead, or a copied installation).
    pub held_back: usize,
}

pub fn overview(store: &Store, key: &KeyPair) -> Result<SyncOverview, SyncError> {
    Ok(SyncOverview {
        own_key: key.public_key(),
        coordinator: coordinator_link(store)?.map(|c| CoordinatorLink {
            name: c.name().to_owned(),
            organisation: c.organisation().to_owned(),
            replica: c.replica(),
            fingerprint: c.fingerprint().to_string(),
        }),
        peers: store
            .peers()?
            .into_iter()
            .map(|p| PeerView {
                replica: p.replica,
                author: p.author,
                role: p.role,
                can_receive: !p.recipient.is_empty(),
                last_import: p.last_import,
            })
            .collect(),
        open_conflicts: store.open_conflicts()?.len(),
        held_back: store.held_count()?,
    })
}

/// The generated `ui/src/generated/sync.ts`.
pub fn typescript() -> String {
    use crate::error::{PairingProblem, SyncErrorCode};
    use crate::export::ExportOutcome;
    use crate::import::{MergeCounts, Progress, Sender, Stage};
    use crate::pairing::{Fingerprint, Pairing};
    keukentafel_domain::bindings::typescript_file(
        "keukentafel-sync (src/view.rs)",
        "import type { ReplicaId, Role } from './bindings';",
        &keukentafel_domain::typescript_decls!(
            SyncOverview, PeerView, CoordinatorLink, ExportOutcome, Stage, Progress, Sender, MergeCounts,
            SyncErrorCode, Pairing, Fingerprint, PairingProblem,
        ),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_fresh() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(keukentafel_domain::bindings::UI_LIB).join("sync.ts");
        keukentafel_domain::bindings::assert_fresh(&path, &super::typescript());
    }
}
