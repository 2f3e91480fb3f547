//! Conflicts (two laptops changed the same field) and changes held back for the coordinator.

use keukentafel_domain::{ConflictResolution, ConflictView};
use keukentafel_store::Store;

use crate::Reply;

pub fn list(store: &Store) -> Reply<Vec<ConflictView>> {
    Ok(store.open_conflicts()?)
}

/// Keeps the chosen value; returns the conflicts still open.
pub fn resolve(store: &mut Store, resolution: ConflictResolution) -> Reply<Vec<ConflictView>> {
    store.resolve_conflict(resolution)?;
    list(store)
}

/// Accepts every op held back for the coordinator (a laptop whose clock ran ahead, a copied
/// installation); returns how many were added.
pub fn accept_held(store: &mut Store) -> Reply<usize> {
    let ids: Vec<_> = store.held_ops()?.into_iter().map(|(op, _)| op.op_id).collect();
    Ok(store.accept_held(&ids)?.new)
}
