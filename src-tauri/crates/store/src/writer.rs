//! Writing changes: every changed field becomes one op in the append-only change log and is
//! applied to its table in the same IMMEDIATE transaction. Nothing else writes entity tables
//! for local changes (merging applies ops from elsewhere through the same `tables::apply`).
//!
//! Invariants, per transaction: ops get consecutive sequence numbers for this replica (from 1,
//! no gaps), strictly increasing hybrid logical clocks, and `field_clocks` names the op whose
//! value each column holds. Every value passes the domain's field check
//! (`validate::field_value`), the same check an import applies to every op of a file, so what
//! this store writes, every other store accepts.
//!
//! The clock: a new op's clock is later than every op in the log, except ops dated more than
//! [`FUTURE_LIMIT_MILLIS`] ahead of this laptop's wall clock (an accepted op from a laptop with
//! a wrong clock): those are not followed, so the clock stays within a day of wall time. An
//! edit of a field whose value came from such an op still wins over it, as its successor: its
//! `base_hlc` names the op's clock (see `plan`). An edit whose base is not the field's current
//! op (the editor saw an older value) is concurrent with it: the field is planned again, so the
//! local result is the one every other store computes.
//!
//! Uses: `error`, `schema`, `log`, `tables`, `settle`.

use std::collections::BTreeMap;

use keukentafel_domain::{validate, FieldProblem, Hlc, ReplicaId, Sources, UserId, ValidationErrors};
use rusqlite::Transaction;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::error::StoreError;
use crate::log::{insert_op, last_hlc, ClockMarks, last_hlc_until, last_seq, Op, FUTURE_LIMIT_MILLIS};
use crate::schema::Entity;
use crate::settle::{plan_stored_field, settle_after_local_write};
use crate::tables::{apply, field_clocks, max_entity_clock, read_fields, stored_heads};

/// A write in progress: one IMMEDIATE transaction, the clock and sequence it continues from.
pub struct Writer<'a> {
    pub(crate) tx: Transaction<'a>,
    sources: &'a mut Sources,
    replica: ReplicaId,
    author: Option<UserId>,
    last_hlc: Option<Hlc>,
    /// Whether `last_hlc` was checked against the ceiling (wall time plus the allowed drift).
    clock_checked: bool,
    next_seq: i64,
    written: usize,
}

impl<'a> Writer<'a> {
    pub(crate) fn begin(
        tx: Transaction<'a>,
        sources: &'a mut Sources,
        replica: ReplicaId,
        author: Option<UserId>,
    ) -> Result<Self, StoreError> {
        // Read inside the transaction: another process may have written since we last looked.
        let last_hlc = last_hlc(&tx)?;
        let last_seq = last_seq(&tx, replica)?;
        Ok(Self { tx, sources, replica, author, last_hlc, clock_checked: false, next_seq: last_seq + 1, written: 0 })
    }

    /// The clock for the next op at wall time `now`: later than every op of the log up to the
    /// ceiling (`now` plus [`FUTURE_LIMIT_MILLIS`]), never beyond it.
    fn next_clock(&mut self, now: i64) -> Result<Hlc, StoreError> {
        if !self.clock_checked {
            self.clock_checked = true;
            let ceiling = now.saturating_add(FUTURE_LIMIT_MILLIS);
            if self.last_hlc.is_some_and(|l| l.millis > ceiling) {
                self.last_hlc = last_hlc_until(&self.tx, ceiling)?;
            }
        }
        let hlc = Hlc::tick(self.last_hlc, now, self.replica);
        self.last_hlc = Some(hlc);
        Ok(hlc)
    }

    pub fn author(&self) -> Result<UserId, StoreError> {
        self.author.ok_or(StoreError::NoProfile)
    }

    pub(crate) fn set_author(&mut self, author: UserId) {
        self.author = Some(author);
    }

    /// A new UUIDv7 for an entity, from the injected clock and randomness.
    pub fn new_id(&mut self) -> Uuid {
        let now = self.sources.now_millis();
        self.sources.new_uuid(now)
    }

    /// How many ops this write has recorded so far.
    pub fn ops_written(&self) -> usize {
        self.written
    }

    /// Sets `fields` of one entity: for each field whose value differs from the stored one,
    /// records an op (with the editor's base clock, if given) and applies it. Creates the row
    /// when it does not exist. Returns how many ops were written.
    pub fn set(
        &mut self,
        entity: &'static Entity,
        id: Uuid,
        fields: &Map<String, Json>,
        base: &BTreeMap<String, Hlc>,
    ) -> Result<usize, StoreError> {
        self.set_resolving(entity, id, fields, base, &[])
    }

    /// Like [`Writer::set`], for a person's decision on a conflict: the ops record that they have
    /// seen every op in `resolves`, so the conflict closes on every store that merges them.
    pub fn set_resolving(
        &mut self,
        entity: &'static Entity,
        id: Uuid,
        fields: &Map<String, Json>,
        base: &BTreeMap<String, Hlc>,
        resolves: &[Uuid],
    ) -> Result<usize, StoreError> {
        let author = self.author()?;
        let problems: Vec<FieldProblem> = entity
            .fields
            .iter()
            .filter_map(|(field, _)| Some((*field, fields.get(*field)?)))
            .filter_map(|(field, value)| validate::field_value(entity.name, field, value).err())
            .map(|e| FieldProblem::new(&e.field, e.problem.rule()))
            .collect();
        if !problems.is_empty() {
            return Err(StoreError::Validation(ValidationErrors(problems)));
        }
        let current = read_fields(&self.tx, entity, id)?;
        let clocks = field_clocks(&self.tx, entity, id)?;
        let entity_base = max_entity_clock(&self.tx, entity, id)?;
        let mut count = 0;
        for (field, _) in entity.fields {
            let Some(value) = fields.get(*field) else { continue };
            if resolves.is_empty() && current.as_ref().and_then(|c| c.get(*field)) == Some(value) && clocks.contains_key(*field) {
                continue; // unchanged: no op
            }
            // The writer saw the field's current value. When several laptops' ops hold that same
            // value (several heads), the new op has seen them all; a head with another value is
            // an open conflict, which only a resolution (`resolves`) settles.
            // `field_clocks.heads` says whether there is more than one; only then is the
            // field's history planned.
            let mut seen = resolves.to_vec();
            let heads = if clocks.contains_key(*field) { stored_heads(&self.tx, entity, id, field)? } else { 0 };
            if heads > 1 {
                if let Some((history, plan)) = plan_stored_field(&self.tx, entity, id, field)? {
                    let winner_value = &history[plan.winner].value;
                    for &h in &plan.heads {
                        if h != plan.winner && &history[h].value == winner_value && !seen.contains(&history[h].op_id) {
                            seen.push(history[h].op_id);
                        }
                    }
                }
            }
            let now = self.sources.now_millis();
            let hlc = self.next_clock(now)?;
            let base_hlc = base.get(*field).copied().or_else(|| clocks.get(*field).copied());
            // Made on an older value than the field holds: concurrent with the field's op.
            let concurrent = clocks.get(*field).is_some_and(|c| base_hlc != Some(*c));
            let op = Op {
                op_id: self.sources.new_uuid(now),
                replica: self.replica,
                seq: self.next_seq,
                hlc,
                entity: entity.name.to_owned(),
                entity_id: id,
                field: (*field).to_owned(),
                value: value.clone(),
                base_hlc,
                author,
                entity_base_hlc: entity_base,
                resolves: seen,
                extra: BTreeMap::new(),
            };
            self.next_seq += 1;
            insert_op(&self.tx, "ops", &op, None)?;
            let mut marks = ClockMarks::new(now);
            marks.note(&self.tx, hlc)?;
            marks.save(&self.tx)?;
            apply(&self.tx, entity, &op)?;
            settle_after_local_write(&self.tx, entity, id, field, heads > 1 || concurrent)?;
            count += 1;
        }
        self.written += count;
        Ok(count)
    }
}
