//! Scoped delivery, the store side of the plan in `deliver`: on a coordinator's store, which
//! ops a return file for one volunteer installation carries and what that volunteer confirmed;
//! on a volunteer's store, merging a return file and forgetting the households taken off it.
//!
//! Uses: `error`, `schema`, `log`, `writer`, `store`, `merge` (`merge_in`), `deliver`, `erase`
//! (`forget_in`, erasures).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use keukentafel_domain::{assignment_id, HouseholdId, ReplicaId};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::erase::{self, forget_in};
use crate::deliver::{self, Channel, ChannelState, Channels, FileNumber, Place, Position};
use crate::error::StoreError;
use crate::log::{insert_op, read_op, Op, OP_COLUMNS};
use crate::merge::{merge_in, Admission, MergeReport};
use crate::receipts::{record_arrival, FileArrival};
use crate::schema;
use crate::store::{Result, Store};
use crate::writer::Writer;

/// What a coordinator's return file for one volunteer carries.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnBatch {
    /// The file's number for this volunteer (from 1).
    pub number: FileNumber,
    /// Every household given to the volunteer now: its laptop keeps these and forgets others.
    pub households: Vec<HouseholdId>,
    /// Where the file's ops sit in the log (their positions, ascending): the ops themselves are
    /// read one at a time as the file is written ([`Store::each_op_at`]), so a return file
    /// after a million-op import does not hold its ops in memory.
    pub positions: Vec<Position>,
}

/// What a coordinator's return file says about scope, as a volunteer's store applies it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeList {
    pub number: FileNumber,
    pub households: BTreeSet<HouseholdId>,
    /// The highest sequence number of this installation's own ops the coordinator holds
    /// without a gap.
    pub own_received: i64,
}

/// What a volunteer's store did with a return file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScopedMerge {
    pub merge: MergeReport,
    /// Ops of forgotten households left out (an older file).
    pub forgotten_ops: usize,
    /// Households this laptop forgot.
    pub forgotten: usize,
    /// Households taken off this volunteer that stay until the coordinator has its changes.
    pub waiting: usize,
    /// Households erased with this file (on the coordinator's word; see `erase`).
    pub erased: usize,
}

fn data(e: impl std::fmt::Display) -> StoreError {
    StoreError::Data(e.to_string())
}

const NEWEST_RETURN_FILE: &str = "newest_return_file";
/// The households the newest return file listed (JSON), on a volunteer's store.
const NEWEST_LIST: &str = "newest_return_households";

/// Record id → household, for every record of a household this store holds (tables).
fn households_of_records(tx: &rusqlite::Connection) -> Result<HashMap<Uuid, HouseholdId>> {
    let mut out = HashMap::new();
    for sql in [
        "SELECT id, id FROM households",
        "SELECT id, household_id FROM consent_events WHERE household_id IS NOT NULL",
        "SELECT id, household_id FROM visits WHERE household_id IS NOT NULL",
        "SELECT id, household_id FROM assignments WHERE household_id IS NOT NULL",
        "SELECT id, household_id FROM tasks WHERE household_id IS NOT NULL",
        "SELECT id, household_id FROM stock_movements WHERE household_id IS NOT NULL",
        "SELECT a.id, v.household_id FROM answers a JOIN visits v ON v.id = a.visit_id WHERE v.household_id IS NOT NULL",
    ] {
        let mut stmt = tx.prepare_cached(sql)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (id, h) = row?;
            if let (Ok(id), Ok(h)) = (id.parse(), h.parse()) {
                out.insert(id, HouseholdId(h));
            }
        }
    }
    Ok(out)
}

/// Record id → household, for the records among `ids` this store holds: what
/// [`households_of_records`] says of them, read by id (a file touches a few hundred records;
/// the store may hold a hundred thousand).
fn households_of_ids(tx: &rusqlite::Connection, ids: impl IntoIterator<Item = Uuid>) -> Result<HashMap<Uuid, HouseholdId>> {
    // The tables in the reverse order of `households_of_records`, whose later rows win: the
    // first row found here is the one it keeps.
    let mut stmt = tx.prepare_cached(
        "SELECT v.household_id FROM answers a JOIN visits v ON v.id = a.visit_id WHERE a.id = ?1 AND v.household_id IS NOT NULL
         UNION ALL SELECT household_id FROM stock_movements WHERE id = ?1 AND household_id IS NOT NULL
         UNION ALL SELECT household_id FROM tasks WHERE id = ?1 AND household_id IS NOT NULL
         UNION ALL SELECT household_id FROM assignments WHERE id = ?1 AND household_id IS NOT NULL
         UNION ALL SELECT household_id FROM visits WHERE id = ?1 AND household_id IS NOT NULL
         UNION ALL SELECT household_id FROM consent_events WHERE id = ?1 AND household_id IS NOT NULL
         UNION ALL SELECT id FROM households WHERE id = ?1",
    )?;
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(&id) {
            continue;
        }
        let mut rows = stmt.query([id.to_string()])?;
        while let Some(row) = rows.next()? {
            if let Ok(h) = row.get::<_, String>(0)?.parse() {
                out.insert(id, HouseholdId(h));
                break;
            }
        }
    }
    Ok(out)
}

/// Where an op belongs on a coordinator's store.
fn place(op: &Op, records: &HashMap<Uuid, HouseholdId>) -> Place {
    match op.entity.as_str() {
        "user" => Place::Channel(None),
        "household" => Place::Channel(Some(HouseholdId(op.entity_id))),
        "consent" | "visit" | "answer" | "assignment" | "task" => {
            records.get(&op.entity_id).map_or(Place::Unplaced, |h| Place::Channel(Some(*h)))
        }
        // Materials handed out in a household travel with it; the organisation's own stock
        // (items, received, corrected, written off) stays with the coordinator.
        "stock_movement" => records.get(&op.entity_id).map_or(Place::Nowhere, |h| Place::Channel(Some(*h))),
        _ => Place::Nowhere,
    }
}

fn channels_of(tx: &Transaction<'_>, peer: ReplicaId) -> Result<Channels> {
    let mut stmt =
        tx.prepare_cached("SELECT household, since_file, acked, carry_own FROM delivery_scope WHERE peer = ?1")?;
    let rows = stmt.query_map([peer.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let mut out = Channels::new();
    for row in rows {
        let (h, since_file, acked, carry_own) = row?;
        let channel: Channel = if h.is_empty() { None } else { Some(HouseholdId(h.parse().map_err(data)?)) };
        out.insert(channel, ChannelState { since_file, acked, carry_own });
    }
    Ok(out)
}

fn save_channels(tx: &Transaction<'_>, peer: ReplicaId, channels: &Channels) -> Result<()> {
    tx.execute("DELETE FROM delivery_scope WHERE peer = ?1", [peer.to_string()])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO delivery_scope (peer, household, since_file, acked, carry_own) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (c, s) in channels {
        let h = c.map(|h| h.to_string()).unwrap_or_default();
        insert.execute(params![peer.to_string(), h, s.since_file, s.acked, s.carry_own])?;
    }
    Ok(())
}

impl Store {
    /// The ops of a coordinator's next return file for `peer`, and the list of its households
    /// (see `deliver`). Records the file (its number and coverage) and the channels as they are
    /// now, in one transaction: a file that is then not delivered costs nothing, since only the
    /// volunteer's confirmation moves what it is known to hold.
    pub fn return_batch(&mut self, peer: ReplicaId, written_at: &str) -> Result<ReturnBatch> {
        let given = self.assigned_households(peer)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let number: FileNumber = tx.query_row(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM return_files WHERE peer = ?1",
            [peer.to_string()],
            |r| r.get(0),
        )?;
        let channels = deliver::rescope(&channels_of(&tx, peer)?, &given, number);
        save_channels(&tx, peer, &channels)?;
        let records = households_of_records(&tx)?;
        let from = channels.values().filter(|s| s.is_carried()).map(|s| s.acked).min().unwrap_or(0);
        let newest: Position = tx.query_row("SELECT COALESCE(MAX(rowid), 0) FROM ops", [], |r| r.get(0))?;
        let mut positions = Vec::new();
        let mut first_unplaced = None;
        {
            // The op columns first (as `read_op` reads them), the position last.
            let mut stmt = tx.prepare(&format!("SELECT {OP_COLUMNS}, rowid FROM ops WHERE rowid > ?1 ORDER BY rowid"))?;
            let mut rows = stmt.query([from])?;
            while let Some(row) = rows.next()? {
                let position: Position = row.get(13)?;
                let op = read_op(row)??;
                let at = place(&op, &records);
                if at == Place::Unplaced && first_unplaced.is_none() {
                    first_unplaced = Some(position);
                }
                if deliver::carries(&channels, at, position, op.replica == peer) {
                    positions.push(position);
                }
            }
        }
        let upto = deliver::coverage(newest, first_unplaced);
        tx.execute(
            "INSERT INTO return_files (peer, number, upto, written_at) VALUES (?1, ?2, ?3, ?4)",
            params![peer.to_string(), number, upto, written_at],
        )?;
        tx.commit()?;
        Ok(ReturnBatch { number, households: given.into_iter().collect(), positions })
    }

    /// The ops at `positions` (ascending, as [`ReturnBatch::positions`]), in that order, handed
    /// to `each` one at a time. An op forgotten since is skipped. Stops at the first error
    /// `each` returns.
    pub fn each_op_at<E: From<StoreError>>(
        &self,
        positions: &[Position],
        mut each: impl FnMut(Op) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let (Some(&first), Some(&last)) = (positions.first(), positions.last()) else { return Ok(()) };
        // One pass over the range in log order, reading only the rows asked for: cheaper than
        // a lookup per position, and the positions come in that order.
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {OP_COLUMNS}, rowid FROM ops WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid"))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([first, last]).map_err(StoreError::from)?;
        let mut wanted = positions.iter().copied().peekable();
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            // The op columns first (as `read_op` reads them), the position last.
            let position: Position = row.get(13).map_err(StoreError::from)?;
            while wanted.next_if(|&p| p < position).is_some() {}
            if wanted.next_if_eq(&position).is_some() {
                each(read_op(row).map_err(StoreError::from)??)?;
            }
        }
        Ok(())
    }

    /// Merges a volunteer's file into the coordinator's store (see [`Store::merge`]) and, in the
    /// same transaction, gives the volunteer each household it created: a household no one was
    /// ever given and whose own record only `volunteer` wrote. A household someone else wrote
    /// to (the coordinator, another volunteer) is never claimed this way: only the coordinator
    /// gives it. The volunteer's changes to a household that is not given to it (any more) are
    /// held back for the coordinator (`not_assigned`): a change made before it heard the
    /// household was taken off is accepted by a person, a change to someone else's household
    /// is rejected; so is a change to a profile that is not the volunteer's own.
    /// `arrival` (the file itself) is recorded in the same transaction (`receipts`).
    pub fn merge_from_volunteer(
        &mut self,
        incoming: &[Op],
        volunteer: ReplicaId,
        today: NaiveDate,
        arrival: Option<&FileArrival>,
    ) -> Result<MergeReport> {
        let now = self.sources.now_millis();
        let author = self.profile_id()?;
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        let result: Result<MergeReport> = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Households erased here (the only ones a coordinator forgets): an older file of a
            // volunteer brings nothing of them back.
            let (incoming, _erased_ops) = without_forgotten(&tx, incoming)?;
            let (allowed, outside) = within_assignments(&tx, &incoming, volunteer)?;
            let (held, already) = hold_not_assigned(&tx, &outside)?;
            let mut report = merge_in(&tx, &allowed, Admission::Import { now, judge: None })?;
            report.held_back += held;
            report.already_present += already;
            if let Some(a) = arrival {
                record_arrival(&tx, self.replica, a)?;
            }
            // The writer starts after the merge: its clock continues above the merged ops.
            let mut w = Writer::begin(tx, &mut self.sources, self.replica, author)?;
            claim_households(&mut w, volunteer, today)?;
            w.tx.commit()?;
            Ok(report)
        })();
        self.conn.pragma_update(None, "cache_size", -crate::open::CACHE_KIB)?;
        result
    }

    /// `peer` says it imported our return file `number`: it holds what that file carried.
    /// A number never written (a forged or foreign file would be refused before) changes nothing.
    pub fn acknowledge_return_file(&mut self, peer: ReplicaId, number: FileNumber) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let upto: Option<Position> = tx
            .query_row("SELECT upto FROM return_files WHERE peer = ?1 AND number = ?2", params![peer.to_string(), number], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(upto) = upto {
            let channels = deliver::acknowledge(&channels_of(&tx, peer)?, number, upto);
            save_channels(&tx, peer, &channels)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest return file of the coordinator this (volunteer's) store imported, to name in
    /// its next export (0: none yet).
    pub fn newest_return_file(&self) -> Result<FileNumber> {
        let v: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [NEWEST_RETURN_FILE], |r| r.get(0)).optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Merges a return file from this store's coordinator (see `merge_from_coordinator`) and,
    /// when it is the newest one imported, applies its list of households: forgotten ones on
    /// the list are taken back first, ops of households still forgotten are left out, and after
    /// the merge the households not on the list are forgotten (see [`Store::forget`]), except
    /// those with own changes the coordinator does not hold yet. One transaction.
    /// A file without a list (an older version's, or a file this installation wrote itself) is
    /// merged with the same care: ops of forgotten households are left out. `arrival` (the
    /// file, and its receipts for this installation's files) is recorded in the same
    /// transaction (`receipts`). `erasures` (the households the coordinator erased, from its
    /// verified file) are erased first, whatever the list says and however old the file is
    /// (`erase::erase_in`): an erased household is never taken back.
    pub fn merge_return_file(
        &mut self,
        incoming: &[Op],
        coordinator: ReplicaId,
        list: Option<&ScopeList>,
        erasures: &BTreeSet<HouseholdId>,
        arrival: Option<&FileArrival>,
    ) -> Result<ScopedMerge> {
        self.merge_keeping_forgotten(incoming, Some(coordinator), list, erasures, arrival)
    }

    /// Merges a file this installation wrote itself (imported again), leaving out the ops of
    /// households it forgot since.
    pub fn merge_own_file(&mut self, incoming: &[Op]) -> Result<MergeReport> {
        Ok(self.merge_keeping_forgotten(incoming, None, None, &BTreeSet::new(), None)?.merge)
    }

    fn merge_keeping_forgotten(
        &mut self,
        incoming: &[Op],
        judge: Option<ReplicaId>,
        list: Option<&ScopeList>,
        erasures: &BTreeSet<HouseholdId>,
        arrival: Option<&FileArrival>,
    ) -> Result<ScopedMerge> {
        let now = self.sources.now_millis();
        let erased_at = chrono::DateTime::from_timestamp_millis(now)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_default();
        let own = self.replica;
        let list = match list {
            Some(l) if l.number > self.newest_return_file()? => Some(l),
            _ => None,
        };
        self.conn.pragma_update(None, "cache_size", -65_536)?;
        let result: Result<ScopedMerge> = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Erasures first: only from the coordinator's file, and before anything is merged.
            let erased_now = if judge.is_some() { erase::erase_in(&tx, own, erasures, &erased_at)? } else { 0 };
            if let Some(list) = list {
                let forgotten = forgotten_households(&tx)?;
                let erased = erase::erased_in(&tx)?;
                for h in deliver::to_take_back(&forgotten, &list.households).difference(&erased) {
                    tx.execute("DELETE FROM forgotten WHERE household = ?1", [h.to_string()])?;
                }
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![NEWEST_LIST, serde_json::to_string(&list.households)?],
                )?;
            }
            let (kept, left_out) = without_forgotten(&tx, incoming)?;
            let mut merge = merge_in(&tx, &kept, Admission::Import { now, judge })?;
            if let Some(a) = arrival {
                merge.confirmed_files = record_arrival(&tx, own, a)?;
            }
            let mut out = ScopedMerge { merge, forgotten_ops: left_out, erased: erased_now, ..ScopedMerge::default() };
            if let Some(list) = list {
                let held = held_households(&tx)?;
                let unconfirmed = unconfirmed_households(&tx, own, list.own_received)?;
                let forget = deliver::to_forget(&held, &list.households, &unconfirmed);
                out.waiting = held.iter().filter(|h| !list.households.contains(h) && unconfirmed.contains(h)).count();
                out.forgotten = forget.len();
                forget_in(&tx, own, &forget)?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![NEWEST_RETURN_FILE, list.number.to_string()],
                )?;
            }
            tx.commit()?;
            Ok(out)
        })();
        self.conn.pragma_update(None, "cache_size", -crate::open::CACHE_KIB)?;
        let out = result?;
        if out.forgotten > 0 || out.erased > 0 {
            // The deleted pages were overwritten (secure_delete); copy them into the file now,
            // so no old page stays behind in the write-ahead log.
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(out)
    }

    /// Forgets `households` on this store: their records (the household, its consent, visits,
    /// answers and assignments), the ops of those records, their conflicts and held-back ops
    /// are removed; only the ids stay (table `forgotten`), so an older file cannot bring them
    /// back, and the slots of this installation's own removed ops stay settled so its sequence
    /// numbers never repeat.
    pub fn forget(&mut self, households: &BTreeSet<HouseholdId>) -> Result<()> {
        let own = self.replica;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        forget_in(&tx, own, households)?;
        tx.commit()?;
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// The households this store forgot.
    pub fn forgotten_households(&self) -> Result<BTreeSet<HouseholdId>> {
        forgotten_households(&self.conn)
    }

}

/// Splits a volunteer's ops into those it may write and those to hold back (see
/// [`Store::merge_from_volunteer`]). Ops of other installations (ones this store holds already)
/// pass. A record whose household cannot be told yet (an answer whose visit is unknown here)
/// passes too: it touches no household anyone holds, and its visit's own ops are checked.
fn within_assignments<'a>(
    tx: &Transaction<'_>,
    incoming: &'a [Op],
    volunteer: ReplicaId,
) -> Result<(Cow<'a, [Op]>, Vec<Op>)> {
    // Per record in the volunteer's file: every household its `household_id` ops name (a file
    // may name several, or move a record), and the visit an answer names. A task's or anything
    // else's `visit_id` is never taken for a household.
    let mut named: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
    let mut answer_visit: HashMap<Uuid, Uuid> = HashMap::new();
    for op in incoming.iter().filter(|o| o.replica == volunteer) {
        let Some(p) = op.value.as_str().and_then(|s| s.parse().ok()) else { continue };
        match (op.entity.as_str(), op.field.as_str()) {
            (_, "household_id") => {
                named.entry(op.entity_id).or_default().insert(p);
            }
            ("answer", "visit_id") => {
                answer_visit.insert(op.entity_id, p);
            }
            _ => {}
        }
    }
    // Where the records the file's ops name belong here (the households themselves aside).
    let records = households_of_ids(
        tx,
        incoming
            .iter()
            .filter(|o| o.replica == volunteer && o.entity != "household")
            .map(|o| o.entity_id)
            .chain(answer_visit.values().copied()),
    )?;
    // The households an op touches: the one its record belongs to here, and every one the file
    // names for it. The op may be written only when it may write into all of them (so a record
    // cannot be moved onto, or created in, a household not given to its writer).
    let households_of = |op: &Op| -> BTreeSet<HouseholdId> {
        let of_record = |id: &Uuid| -> BTreeSet<HouseholdId> {
            let mut out: BTreeSet<HouseholdId> = records.get(id).copied().into_iter().collect();
            out.extend(named.get(id).into_iter().flatten().map(|h| HouseholdId(*h)));
            out
        };
        match op.entity.as_str() {
            "household" => [HouseholdId(op.entity_id)].into(),
            "answer" => match records.get(&op.entity_id) {
                Some(h) => [*h].into(),
                None => answer_visit.get(&op.entity_id).map(of_record).unwrap_or_default(),
            },
            _ => of_record(&op.entity_id),
        }
    };
    let active: BTreeSet<HouseholdId> = {
        let mut stmt = tx.prepare_cached("SELECT household_id FROM assignments WHERE volunteer = ?1 AND until = '' AND since <> ''")?;
        let rows = stmt.query_map([volunteer.to_string()], |r| r.get::<_, Option<String>>(0))?;
        rows.filter_map(|r| r.ok().flatten()).filter_map(|h| h.parse().ok()).map(HouseholdId).collect()
    };
    let mut given_to_anyone = tx.prepare_cached("SELECT 1 FROM assignments WHERE household_id = ?1")?;
    let mut written_by_others =
        tx.prepare_cached("SELECT 1 FROM ops WHERE entity = ?1 AND entity_id = ?2 AND replica <> ?3 LIMIT 1")?;
    let mut verdicts: HashMap<(bool, Uuid), bool> = HashMap::new();
    let mut within = Vec::with_capacity(incoming.len());
    for op in incoming {
        let ok = if op.replica != volunteer {
            true
        } else if op.entity == "stock_item" {
            // The organisation's list of materials is the coordinator's.
            false
        } else if op.entity == "stock_movement" && households_of(op).is_empty() {
            // A volunteer books stock only by handing it out in a household given to it.
            false
        } else if op.entity == "user" {
            // Its own profile: a user record no other installation wrote.
            match verdicts.get(&(false, op.entity_id)) {
                Some(v) => *v,
                None => {
                    let v = !written_by_others.exists(params!["user", op.entity_id.to_string(), volunteer.to_string()])?;
                    verdicts.insert((false, op.entity_id), v);
                    v
                }
            }
        } else {
            let mut ok = true;
            for h in households_of(op) {
                let v = match verdicts.get(&(true, h.0)) {
                    Some(v) => *v,
                    None => {
                        // Given to it now, or new: never given to anyone and written by it alone.
                        let v = active.contains(&h)
                            || (!given_to_anyone.exists([h.to_string()])?
                                && !written_by_others.exists(params!["household", h.to_string(), volunteer.to_string()])?);
                        verdicts.insert((true, h.0), v);
                        v
                    }
                };
                ok &= v;
            }
            ok
        };
        within.push(ok);
    }
    // The usual file lies wholly within: no copy of its ops.
    if within.iter().all(|&ok| ok) {
        return Ok((Cow::Borrowed(incoming), Vec::new()));
    }
    let (mut allowed, mut outside) = (Vec::new(), Vec::new());
    for (op, ok) in incoming.iter().zip(within) {
        if ok { allowed.push(op.clone()) } else { outside.push(op.clone()) }
    }
    Ok((Cow::Owned(allowed), outside))
}

/// Holds back ops outside the sender's households (`not_assigned`), as a merge holds back a
/// future op: an op already in the log, held or rejected before is not held again. Returns
/// (held now, already present).
fn hold_not_assigned(tx: &Transaction<'_>, ops: &[Op]) -> Result<(usize, usize)> {
    let (mut held, mut already) = (0, 0);
    let mut known = tx.prepare_cached(
        "SELECT 1 FROM ops WHERE op_id = ?1 UNION ALL SELECT 1 FROM held_ops WHERE op_id = ?1
         UNION ALL SELECT 1 FROM held_decisions WHERE op_id = ?1 AND decision = 'rejected'",
    )?;
    for op in ops {
        if known.exists([op.op_id.to_string()])? {
            already += 1;
        } else {
            insert_op(tx, "held_ops", op, Some("not_assigned"))?;
            held += 1;
        }
    }
    Ok((held, already))
}

/// See [`Store::merge_from_volunteer`].
fn claim_households(w: &mut Writer<'_>, volunteer: ReplicaId, today: NaiveDate) -> Result<()> {
    let ids: Vec<String> = w
        .tx
        .prepare_cached(
            "SELECT h.id FROM households h
              WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.household_id = h.id)
                AND EXISTS (SELECT 1 FROM ops o WHERE o.entity = 'household' AND o.entity_id = h.id AND o.replica = ?1)
                AND NOT EXISTS (SELECT 1 FROM ops o WHERE o.entity = 'household' AND o.entity_id = h.id AND o.replica <> ?1)
              ORDER BY h.id",
        )?
        .query_map(params![volunteer.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let Ok(household) = id.parse::<Uuid>() else { continue };
        let mut f = Map::new();
        f.insert("household_id".into(), Json::String(id));
        f.insert("volunteer".into(), Json::String(volunteer.to_string()));
        f.insert("since".into(), Json::String(today.format("%Y-%m-%d").to_string()));
        f.insert("until".into(), Json::String(String::new()));
        w.set(&schema::ASSIGNMENT, assignment_id(HouseholdId(household), volunteer), &f, &BTreeMap::new())?;
    }
    Ok(())
}

fn forgotten_households(conn: &rusqlite::Connection) -> Result<BTreeSet<HouseholdId>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT household FROM forgotten")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = BTreeSet::new();
    for row in rows {
        out.insert(HouseholdId(row?.parse().map_err(data)?));
    }
    Ok(out)
}

/// The households this store holds a record of (with or without ops).
fn held_households(tx: &Transaction<'_>) -> Result<BTreeSet<HouseholdId>> {
    let mut stmt = tx.prepare_cached("SELECT id FROM households")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.filter_map(|r| r.ok()).filter_map(|id| id.parse().ok()).map(HouseholdId).collect())
}

/// The households with ops of this installation above `own_received` (the coordinator does not
/// hold them yet).
fn unconfirmed_households(tx: &Transaction<'_>, own: ReplicaId, own_received: i64) -> Result<BTreeSet<HouseholdId>> {
    let records = households_of_records(tx)?;
    let mut stmt = tx.prepare_cached("SELECT DISTINCT entity_id FROM ops WHERE replica = ?1 AND seq > ?2")?;
    let rows = stmt.query_map(params![own.to_string(), own_received], |r| r.get::<_, String>(0))?;
    let mut out = BTreeSet::new();
    for row in rows {
        if let Some(h) = row?.parse().ok().and_then(|id: Uuid| records.get(&id)) {
            out.insert(*h);
        }
    }
    Ok(out)
}

/// Leaves out the incoming ops of households this laptop may not hold: those it forgot (their
/// records, and new records of them, told by the ops of the same file or by the tables), and,
/// once a return file listed this volunteer's households, any household neither on the newest
/// list nor held here (a file that carries more than it should, such as a coordinator's file
/// written without a list, adds nothing beyond this volunteer's households).
fn without_forgotten<'a>(tx: &Transaction<'_>, incoming: &'a [Op]) -> Result<(Cow<'a, [Op]>, usize)> {
    let forgotten_hs = forgotten_households(tx)?;
    let listed: Option<BTreeSet<HouseholdId>> = tx
        .query_row("SELECT value FROM meta WHERE key = ?1", [NEWEST_LIST], |r| r.get::<_, String>(0))
        .optional()?
        .map(|v| serde_json::from_str(&v))
        .transpose()?;
    if forgotten_hs.is_empty() && listed.is_none() {
        // Nothing forgotten: the ops as they are, not a copy (a large file's ops are many).
        return Ok((Cow::Borrowed(incoming), 0));
    }
    let held = held_households(tx)?;
    let may_hold = |h: &HouseholdId| {
        !forgotten_hs.contains(h) && (held.contains(h) || listed.as_ref().is_none_or(|l| l.contains(h)))
    };
    // Parents named in the file itself: a record's household, an answer's visit.
    let mut parent: HashMap<Uuid, Uuid> = HashMap::new();
    for op in incoming {
        if matches!(op.field.as_str(), "household_id" | "visit_id") {
            if let Some(p) = op.value.as_str().and_then(|s| s.parse().ok()) {
                parent.insert(op.entity_id, p);
            }
        }
    }
    // Where the file's records (and the visits its answers name) belong here; read by id, not
    // every record of the store for every file.
    let mut of: HashMap<Uuid, HouseholdId> = households_of_ids(
        tx,
        incoming
            .iter()
            .filter(|o| o.entity != "household")
            .map(|o| o.entity_id)
            .chain(incoming.iter().filter(|o| o.entity == "answer").filter_map(|o| parent.get(&o.entity_id).copied())),
    )?;
    {
        let mut stmt = tx.prepare_cached("SELECT entity_id, household FROM forgotten")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (id, h) = row?;
            if let (Ok(id), Ok(h)) = (id.parse(), h.parse()) {
                of.insert(id, HouseholdId(h));
            }
        }
    }
    let household_of = |op: &Op| -> Option<HouseholdId> {
        if op.entity == "household" {
            return Some(HouseholdId(op.entity_id));
        }
        if let Some(h) = of.get(&op.entity_id) {
            return Some(*h);
        }
        let p = parent.get(&op.entity_id)?;
        if op.entity == "answer" {
            of.get(p).copied().or_else(|| parent.get(p).map(|h| HouseholdId(*h)))
        } else {
            Some(HouseholdId(*p))
        }
    };
    let keep: Vec<bool> = incoming.iter().map(|op| household_of(op).is_none_or(|h| may_hold(&h))).collect();
    let left_out = keep.iter().filter(|&&k| !k).count();
    if left_out == 0 {
        return Ok((Cow::Borrowed(incoming), 0));
    }
    let kept: Vec<Op> = incoming.iter().zip(keep).filter(|(_, k)| *k).map(|(op, _)| op.clone()).collect();
    Ok((Cow::Owned(kept), left_out))
}
