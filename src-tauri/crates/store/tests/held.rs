//! Held-back ops on real store files: listed with what a coordinator needs to judge them,
//! accepted or rejected one by one; accepting an op dated 2099 leaves the local clock at wall
//! time, and afterwards every store computes the same values; an accepted copy of an installation
//! travels on in the accepting store's stream; a rejected op never comes back.

use std::path::PathBuf;

use keukentafel_domain::*;
use keukentafel_store::ops::all_ops;
use keukentafel_store::{HeldReason, MergeReport, Op, Received, Store, StoreError, FUTURE_LIMIT_MILLIS};

const START: i64 = 1_795_000_000_000;
/// 2099-01-01: a laptop whose clock is badly wrong.
const Y2099: i64 = 4_070_908_800_000;

struct Site {
    dir: tempfile::TempDir,
    store: Store,
}

impl Site {
    fn path(&self) -> PathBuf {
        self.dir.path().join("k.sqlite3")
    }

    /// The same installation opened again with its clock at `start` (a clock set wrong).
    fn with_clock(mut self, seed: u64, start: i64) -> Site {
        self.store = Store::open(&self.path(), keukentafel_store::testing::key(), Sources::deterministic(seed, start, 7)).unwrap();
        self
    }
}

fn site(seed: u64, name: &str, start: i64) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.sqlite3"), keukentafel_store::testing::key(), Sources::deterministic(seed, start, 7)).unwrap();
    store.save_profile(UserProfileInput { name: name.into(), organisation: String::new(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    Site { dir, store }
}

/// Everything `from` holds that `to` lacks, as a plain merge (a volunteer's file).
fn send(from: &Store, to: &mut Store) -> MergeReport {
    to.merge(&from.ops_missing_from(&to.received().unwrap()).unwrap()).unwrap()
}

/// Everything the coordinator `from` holds that `to` lacks, as `to` merges its coordinator's file.
fn relay(from: &Store, to: &mut Store) -> MergeReport {
    to.merge_from_coordinator(&from.ops_missing_from(&to.received().unwrap()).unwrap(), from.replica()).unwrap()
}

fn edit(s: &mut Store, id: HouseholdId, f: impl FnOnce(&mut HouseholdInput)) {
    let h = s.household(id).unwrap();
    let mut data = h.data.clone();
    f(&mut data);
    s.update_household(HouseholdUpdate { id, data, base: h.clocks }).unwrap();
}

fn held_ids(s: &Store) -> Vec<uuid::Uuid> {
    s.held_ops().unwrap().into_iter().map(|h| h.op.op_id).collect()
}

/// The newest op this store made itself.
fn last_own(s: &Store) -> Op {
    all_ops(s.conn()).unwrap().into_iter().filter(|o| o.replica == s.replica()).max_by_key(|o| o.seq).unwrap()
}

fn conflicts(s: &Store) -> Vec<(String, String, String)> {
    let mut out: Vec<_> =
        s.open_conflicts().unwrap().into_iter().map(|c| (c.entity_id, c.field, c.winner.op_id)).collect();
    out.sort();
    out
}

#[test]
fn accepting_an_op_dated_2099_decides_with_its_clock_but_leaves_the_local_clock_at_wall_time() {
    let mut c = site(1, "Carla", START); // the coordinator
    let a = site(2, "Anna", START + 11);
    let mut v = site(3, "Vera", START + 23);
    let h = c.store.create_household(HouseholdInput { name: "Fam. Jansen".into(), ..Default::default() }).unwrap();
    let mut a = a;
    relay(&c.store, &mut a.store);
    relay(&c.store, &mut v.store);
    send(&a.store, &mut c.store); // Anna's profile

    // Anna's laptop clock jumps to 2099; she corrects the name.
    a = a.with_clock(12, Y2099);
    edit(&mut a.store, h.id, |d| d.name = "Fam. Jansen-de Boer".into());
    let r = send(&a.store, &mut c.store);
    assert_eq!((r.new, r.held_back), (0, 1));
    assert_eq!(c.store.household(h.id).unwrap().data.name, "Fam. Jansen", "a held op is not applied");

    // What the coordinator sees to judge it.
    let held = c.store.held_ops().unwrap();
    assert_eq!(held.len(), 1);
    let x = &held[0];
    assert_eq!(x.reason, HeldReason::FutureClock);
    assert_eq!((x.author_name.as_str(), x.household_name.as_str()), ("Anna", "Fam. Jansen"));
    assert_eq!(x.household_id, Some(h.id));
    assert_eq!((x.op.entity.as_str(), x.op.field.as_str()), ("household", "name"));
    assert_eq!(x.op.value, serde_json::json!("Fam. Jansen-de Boer"));
    assert!(x.op.hlc.to_rfc3339().starts_with("2099-01-01"), "{}", x.op.hlc.to_rfc3339());

    let accepted = c.store.accept_held(&held_ids(&c.store)).unwrap();
    assert_eq!(accepted.new, 1);
    assert!(c.store.held_ops().unwrap().is_empty());
    assert_eq!(c.store.household(h.id).unwrap().data.name, "Fam. Jansen-de Boer", "decided with the op's own clock");

    // The coordinator's next edits are dated by its own clock, not 2099; the edit of the same
    // field wins over the 2099 op as its successor.
    edit(&mut c.store, h.id, |d| {
        d.name = "Fam. Jansen-Bakker".into();
        d.notes = "Gebeld.".into();
    });
    let own = last_own(&c.store);
    assert!(own.hlc.millis < START + FUTURE_LIMIT_MILLIS, "the local clock stayed near wall time: {}", own.hlc);
    assert_eq!(c.store.household(h.id).unwrap().data.name, "Fam. Jansen-Bakker");

    // Vera's laptop merges the coordinator's file: the 2099 op was judged by the coordinator and
    // is not held again; the coordinator's own later ops are not held either.
    let r = relay(&c.store, &mut v.store);
    assert_eq!(r.held_back, 0);
    // Anna's laptop (clock still in 2099) merges it too.
    relay(&c.store, &mut a.store);
    // Vera, at wall time, edits the name after seeing all that: her edit wins everywhere.
    edit(&mut v.store, h.id, |d| d.name = "Fam. Bakker".into());
    assert!(last_own(&v.store).hlc.millis < START + FUTURE_LIMIT_MILLIS);
    send(&v.store, &mut c.store);
    relay(&c.store, &mut a.store);
    send(&a.store, &mut c.store);
    relay(&c.store, &mut v.store);

    for s in [&a.store, &v.store] {
        assert_eq!(s.dump().unwrap()["households"], c.store.dump().unwrap()["households"], "the same values everywhere");
        assert_eq!(conflicts(s), conflicts(&c.store));
    }
    assert_eq!(c.store.household(h.id).unwrap().data.name, "Fam. Bakker");
    assert!(conflicts(&c.store).is_empty(), "every edit built on the one before");
}

#[test]
fn an_edit_made_on_the_value_before_an_accepted_2099_op_is_a_conflict_on_every_store() {
    let mut c = site(1, "Carla", START);
    let mut a = site(2, "Anna", START + 11);
    let mut v = site(3, "Vera", START + 23);
    let h = c.store.create_household(HouseholdInput { name: "Fam. Jansen".into(), ..Default::default() }).unwrap();
    relay(&c.store, &mut a.store);
    relay(&c.store, &mut v.store);
    // A form opened before the 2099 op arrived (it holds the older clocks).
    let stale = c.store.household(h.id).unwrap();
    a = a.with_clock(12, Y2099);
    edit(&mut a.store, h.id, |d| d.name = "Fam. Jansen 2099".into());
    send(&a.store, &mut c.store);
    c.store.accept_held(&held_ids(&c.store)).unwrap();
    let mut data = stale.data.clone();
    data.name = "Fam. Jansen-Bakker".into();
    c.store.update_household(HouseholdUpdate { id: h.id, data, base: stale.clocks }).unwrap();
    // The edit did not see the 2099 op: the two are concurrent, the 2099 op is newer by clock and
    // wins for now, and the conflict is shown here exactly as every other store computes it.
    assert_eq!(c.store.household(h.id).unwrap().data.name, "Fam. Jansen 2099");
    assert_eq!(conflicts(&c.store).len(), 1);
    relay(&c.store, &mut v.store);
    relay(&c.store, &mut a.store);
    for s in [&a.store, &v.store] {
        assert_eq!(s.dump().unwrap()["households"], c.store.dump().unwrap()["households"]);
        assert_eq!(conflicts(s), conflicts(&c.store));
    }
}

#[test]
fn a_rejected_op_is_dropped_and_does_not_come_back_when_merged_again() {
    let mut a = site(1, "Anna", START + 3 * 24 * 3600 * 1000); // three days ahead
    let mut c = site(2, "Carla", START);
    let h = a.store.create_household(HouseholdInput { name: "Fam. Jansen".into(), ..Default::default() }).unwrap();
    let ops = a.store.ops_missing_from(&Received::new()).unwrap();
    let before = c.store.op_count().unwrap();
    assert_eq!(c.store.merge(&ops).unwrap().held_back, ops.len());
    let ids = held_ids(&c.store);
    // One at a time, then the rest.
    assert_eq!(c.store.reject_held(&ids[..1]).unwrap(), 1);
    assert_eq!(c.store.held_ops().unwrap().len(), ids.len() - 1);
    assert_eq!(c.store.reject_held(&ids[1..]).unwrap(), ids.len() - 1);
    assert!(c.store.held_ops().unwrap().is_empty());

    let again = c.store.merge(&ops).unwrap();
    assert_eq!((again.new, again.held_back, again.already_present), (0, 0, ops.len()), "rejected ops stay out");
    assert!(c.store.held_ops().unwrap().is_empty());
    assert_eq!(c.store.op_count().unwrap(), before);
    assert!(c.store.household(h.id).is_err());
    // Their slots count as received, so the sender stops sending them.
    let max = ops.iter().map(|o| o.seq).max().unwrap();
    assert_eq!(c.store.received().unwrap().get(&a.store.replica()), Some(&max));
    assert!(a.store.ops_missing_from(&c.store.received().unwrap()).unwrap().is_empty());
}

#[test]
fn an_accepted_copy_travels_on_in_the_accepting_store_s_stream() {
    let mut c = site(1, "Carla", START); // the coordinator
    let mut a = site(2, "Anna", START + 11);
    let mut v = site(3, "Vera", START + 23);
    let h = a.store.create_household(HouseholdInput { name: "Fam. Jansen".into(), ..Default::default() }).unwrap();
    send(&a.store, &mut c.store);
    relay(&c.store, &mut v.store);
    // Anna's store file is copied to a second laptop: same installation id, same sequence.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copy.sqlite3");
    a.store.backup_to(&copy).unwrap();
    let mut b = Store::open(&copy, keukentafel_store::testing::key(), Sources::deterministic(9, START + 100, 7)).unwrap();
    edit(&mut a.store, h.id, |d| d.notes = "op laptop A".into());
    edit(&mut b, h.id, |d| d.landlord = "Woonstad".into());
    send(&a.store, &mut c.store);
    let r = c.store.merge(&b.ops_missing_from(&Received::new()).unwrap()).unwrap();
    assert_eq!((r.new, r.held_back), (0, 1), "the copy's op has a sequence number Anna used");
    let held = c.store.held_ops().unwrap();
    assert_eq!(held[0].reason, HeldReason::DuplicateSequence);
    assert_eq!(held[0].author_name, "Anna", "the copy carries Anna's profile");
    let (x, arrived) = (held[0].op.op_id, (held[0].op.replica, held[0].op.seq));

    let next = last_own(&c.store).seq + 1;
    assert_eq!(c.store.accept_held(&[x]).unwrap().new, 1);
    let stored = all_ops(c.store.conn()).unwrap().into_iter().find(|o| o.op_id == x).unwrap();
    assert_eq!((stored.replica, stored.seq), (c.store.replica(), next), "carried in the coordinator's own stream");
    assert_eq!(stored.hlc.replica, arrived.0, "with its own clock");
    let (replica, seq): (String, i64) = c
        .store
        .conn()
        .query_row("SELECT replica, seq FROM held_decisions WHERE op_id = ?1 AND decision = 'accepted'", [x.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((replica, seq), (arrived.0.to_string(), arrived.1), "the slot it arrived with is noted");
    let h_c = c.store.household(h.id).unwrap().data;
    assert_eq!((h_c.notes.as_str(), h_c.landlord.as_str()), ("op laptop A", "Woonstad"));
    // The copy's file again: nothing new, nothing held.
    let again = c.store.merge(&b.ops_missing_from(&Received::new()).unwrap()).unwrap();
    assert_eq!((again.new, again.held_back), (0, 0));

    // It travels on: Vera and Anna get it with the coordinator's ops, and all agree.
    relay(&c.store, &mut v.store);
    relay(&c.store, &mut a.store);
    for s in [&a.store, &v.store] {
        assert_eq!(s.dump().unwrap()["households"], c.store.dump().unwrap()["households"]);
        assert!(s.held_ops().unwrap().is_empty());
    }
    // The coordinator's stream has no gap, and nobody is sent the copy again.
    assert_eq!(c.store.received().unwrap().get(&c.store.replica()), Some(&last_own(&c.store).seq));
    assert!(c.store.ops_missing_from(&a.store.received().unwrap()).unwrap().is_empty());
}

#[test]
fn accepting_or_rejecting_an_op_that_is_not_held_changes_nothing() {
    let mut a = site(1, "Anna", START + 3 * 24 * 3600 * 1000);
    let mut c = site(2, "Carla", START);
    a.store.create_household(HouseholdInput { name: "Fam. Jansen".into(), ..Default::default() }).unwrap();
    send(&a.store, &mut c.store);
    let ids = held_ids(&c.store);
    let unknown = uuid::Uuid::from_u128(7);
    let with_unknown: Vec<uuid::Uuid> = ids.iter().copied().chain([unknown]).collect();
    assert!(matches!(c.store.accept_held(&with_unknown), Err(StoreError::NotFound { entity: "held op", .. })));
    assert!(matches!(c.store.reject_held(&with_unknown), Err(StoreError::NotFound { entity: "held op", .. })));
    assert_eq!(held_ids(&c.store), ids, "all or nothing");
    assert_eq!(c.store.accept_held(&[ids[0], ids[0]]).unwrap().new, 1, "an id given twice counts once");
}

/// The highest clock among `s`'s ops dated at most `ceiling`, read from the whole log.
fn highest_until(s: &Store, ceiling: i64) -> Hlc {
    all_ops(s.conn()).unwrap().into_iter().map(|o| o.hlc).filter(|h| h.millis <= ceiling).max().unwrap()
}

/// The log keeps no index on its clocks (migration 0018): where a writer continues comes from
/// the clock marks, which must say what the whole log says, with a laptop 20 hours ahead
/// (accepted as is), an accepted 2099 op (left out), after a reopen, and after migrating a
/// store of version 17 that already held both.
#[test]
fn a_local_edit_continues_above_every_op_within_a_day_whatever_the_clock_marks_went_through() {
    let mut c = site(1, "Carla", START);
    let mut p = site(2, "Piet", START + 20 * 3600 * 1000); // 20 hours ahead: within the limit
    let mut a = site(3, "Anna", START + 7);
    let h = c.store.create_household(HouseholdInput { name: "Fam. Jansen".into(), ..Default::default() }).unwrap();
    relay(&c.store, &mut p.store);
    relay(&c.store, &mut a.store);
    edit(&mut p.store, h.id, |d| d.notes = "Piet was er.".into());
    assert_eq!(send(&p.store, &mut c.store).held_back, 0);
    a = a.with_clock(12, Y2099);
    edit(&mut a.store, h.id, |d| d.city = "Zwolle".into());
    send(&a.store, &mut c.store);
    c.store.accept_held(&held_ids(&c.store)).unwrap();

    let ceiling = START + FUTURE_LIMIT_MILLIS;
    let check = |c: &mut Site, round: &str| {
        let before = highest_until(&c.store, ceiling);
        edit(&mut c.store, h.id, |d| d.notes = format!("{round}: gebeld."));
        let own = last_own(&c.store).hlc;
        assert!(own > before && own.millis <= ceiling, "{round}: {own} after {before}");
    };
    check(&mut c, "eerst");
    c = c.with_clock(21, START + 60_000);
    check(&mut c, "na het opnieuw openen");

    // Back to version 17: the index back, the marks gone; opening migrates again.
    c.store
        .conn()
        .execute_batch(
            "CREATE INDEX ops_hlc ON ops (hlc); DROP TABLE clocks_ahead;
             DELETE FROM meta WHERE key = 'clock_high'; PRAGMA user_version = 17;",
        )
        .unwrap();
    c = c.with_clock(22, START + 120_000);
    let indexes: Vec<String> = c
        .store
        .conn()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ops'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!indexes.iter().any(|i| i == "ops_hlc"), "{indexes:?}");
    check(&mut c, "na de migratie");
    assert_eq!(c.store.household(h.id).unwrap().data.city, "Zwolle", "the 2099 op still decides its field");
}
