//! The public path of the change log and the writer, kept for other crates
//! (`keukentafel_store::ops::Op`, `ops::all_ops`, `ops::read_fields`, …). The code lives in
//! `log` (ops as stored), `tables` (entity rows and field clocks) and `writer` (local writes).
//!
//! Uses: `log`, `tables`, `writer` (re-exports only). Nothing in this crate uses this module.

pub use crate::log::{all_ops, Op};
pub use crate::tables::{field_clocks, read_fields};
pub use crate::writer::Writer;
