//! Scoped return files on real stores and real encrypted files: a coordinator and 3 to 8
//! volunteers; volunteers create households and edit those they hold (notes, visits, consent),
//! the coordinator edits notes and gives households to volunteers, takes them off and moves
//! them, and files in both directions are lost, read twice or read in another order.
//!
//! Checked all along: a return file carries nothing of a household not on its list; whenever a
//! volunteer has read a return file it holds only the households on the newest list it read
//! (or ones with changes of its own the coordinator had not confirmed in that file), and its
//! store file and write-ahead log name no household it does not hold.
//!
//! After settling with reliable post (the coordinator accepts the changes it held back because
//! they reached it after the household was taken off: here all are honest): the coordinator
//! holds every household, visit and consent any volunteer made, and each household's notes are
//! the ones written last by clock (by a volunteer or the coordinator); each volunteer holds exactly the households given to it,
//! each whole (the same records and history as the coordinator's); no file in its folder
//! (store, log, backups) names another, and its return files carry nothing once it confirmed.
//!
//! The deterministic tests below are the sharp cases: a household taken off a volunteer with
//! unsent changes, an older return file read after a newer one, a household given back.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::*;
use keukentafel_domain::*;
use keukentafel_store::{HeldReason, Op, Received, Store};
use proptest::prelude::*;
use uuid::Uuid;

fn today() -> NaiveDate {
    now().date_naive()
}

/// The words that start every distinctive text in these tests; each is followed by 12 hex
/// digits, so no text is a prefix of another.
const WORDS: [&str; 3] = ["Fam-", "Notitie-", "Bezoek-"];
const HEX: usize = 12;

/// Every distinctive text in `bytes` (see [`WORDS`]).
fn texts_in(bytes: &[u8]) -> HashSet<String> {
    let mut out = HashSet::new();
    for (i, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'-') {
        let Some(digits) = bytes.get(i + 1..i + 1 + HEX) else { break };
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            continue;
        }
        for word in WORDS {
            if let Some(start) = (i + 1).checked_sub(word.len()).filter(|s| bytes[*s..=i] == *word.as_bytes()) {
                out.insert(String::from_utf8_lossy(&bytes[start..i + 1 + HEX]).into_owned());
            }
        }
    }
    out
}

/// The bytes of a store on disk, decrypted: the database file and its write-ahead log, if any
/// (`testing::plaintext_of`: free pages and old frames included).
fn raw_bytes(store_path: &Path) -> Vec<u8> {
    let mut bytes = keukentafel_store::testing::plaintext_of(store_path);
    let mut wal = store_path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(keukentafel_store::testing::plaintext_of(&PathBuf::from(wal)));
    bytes
}

/// The distinctive texts in every file under `dir` (the store, its log, its pre-import
/// backups, its keys), with the files they are in.
fn texts_under(dir: &Path) -> BTreeMap<String, BTreeSet<PathBuf>> {
    let mut out: BTreeMap<String, BTreeSet<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            for (text, files) in texts_under(&path) {
                out.entry(text).or_default().extend(files);
            }
        } else if path.exists() {
            let bytes = keukentafel_store::testing::plaintext_of(&path);
            for text in texts_in(&bytes) {
                out.entry(text).or_default().insert(path.clone());
            }
        }
    }
    out
}

/// Every household row, named or not (a nameless placeholder would be a leftover too).
fn household_rows(store: &Store) -> BTreeSet<HouseholdId> {
    let ids: Vec<String> =
        store.conn().prepare("SELECT id FROM households").unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    ids.iter().map(|id| id.parse().unwrap()).collect()
}

fn held(store: &Store) -> BTreeSet<HouseholdId> {
    let named: BTreeSet<HouseholdId> = store.household_names().unwrap().into_keys().collect();
    assert_eq!(household_rows(store), named, "no household row without a name (a leftover of a forgotten one)");
    named
}

fn edit_notes(store: &mut Store, id: HouseholdId, notes: &str) -> Hlc {
    let h = store.household(id).unwrap();
    let mut data = h.data.clone();
    data.notes = notes.to_owned();
    let after = store.update_household(HouseholdUpdate { id, data, base: h.clocks }).unwrap();
    after.clocks["notes"]
}

fn visit_input(household_id: HouseholdId, summary: &str) -> VisitInput {
    VisitInput {
        household_id,
        planned_date: today(),
        planned_time: "10:00".into(),
        kind: VisitKind::Intake,
        volunteers: vec!["Test".into()],
        status: VisitStatus::Planned,
        summary: summary.to_owned(),
    }
}

fn consent_input(household_id: HouseholdId, given: bool) -> ConsentInput {
    ConsentInput {
        household_id,
        scope: ConsentScope::EnergyAdvice,
        given,
        text_version: CONSENT_TEXT_VERSION.into(),
        date: today(),
    }
}

/// A volunteer's file for its coordinator, in a folder of its own (so no later file replaces it).
fn volunteer_file(v: &Node, dir: &Path) -> PathBuf {
    PathBuf::from(keukentafel_sync::export_to_coordinator(&v.store, &v.key, dir, now()).unwrap().path)
}

/// The coordinator's next return file for `v`, in a folder of its own.
fn return_file(c: &mut Node, v: &Node, dir: &Path) -> PathBuf {
    let out = keukentafel_sync::export_return_file(&mut c.store, &c.key, v.store.replica(), dir, now()).unwrap();
    PathBuf::from(out.path)
}

/// What the volunteers (and the coordinator's notes) made, to check the stores against.
#[derive(Default)]
struct Made {
    /// Every household a volunteer created, with its name.
    names: BTreeMap<HouseholdId, String>,
    /// Per household, every notes value written, with the clock it was written with.
    notes: BTreeMap<HouseholdId, Vec<(Hlc, String)>>,
    /// Every visit planned: its household and summary.
    visits: BTreeMap<Uuid, (HouseholdId, String)>,
    /// Every consent event recorded, with its household.
    consents: BTreeMap<Uuid, HouseholdId>,
    /// For fresh distinctive texts.
    counter: u64,
}

impl Made {
    fn text(&mut self, word: &str, salt: u32) -> String {
        self.counter += 1;
        format!("{word}{:04x}{salt:08x}", self.counter)
    }

    /// The household of a record made in this test (`None`: a profile).
    fn household_of(&self, op: &Op) -> Option<HouseholdId> {
        match op.entity.as_str() {
            "household" => Some(HouseholdId(op.entity_id)),
            "visit" => self.visits.get(&op.entity_id).map(|(h, _)| *h),
            "consent" => self.consents.get(&op.entity_id).copied(),
            _ => None,
        }
    }

    /// Every distinctive text of `h`: its name, every notes value, its visits' summaries.
    fn texts(&self, h: HouseholdId) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = self.names.get(&h).cloned().into_iter().collect();
        out.extend(self.notes.get(&h).into_iter().flatten().map(|(_, n)| n.clone()));
        out.extend(self.visits.values().filter(|(of, _)| *of == h).map(|(_, s)| s.clone()));
        out
    }

    /// The notes value last writer wins gives `h`: the one written with the highest clock.
    fn last_notes(&self, h: HouseholdId) -> String {
        self.notes.get(&h).and_then(|w| w.iter().max_by_key(|(hlc, _)| *hlc)).map(|(_, n)| n.clone()).unwrap_or_default()
    }
}

/// The newest return file a volunteer has read.
#[derive(Clone, Debug)]
struct Newest {
    number: i64,
    households: BTreeSet<HouseholdId>,
    /// What the coordinator held of the volunteer's own changes when it wrote the file.
    own_received: i64,
}

/// Where a file in the post goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum To {
    Coordinator,
    Volunteer(usize),
}

struct Exchange {
    root: tempfile::TempDir,
    coordinator: Node,
    volunteers: Vec<Node>,
    /// Files written and not delivered yet.
    post: Vec<(To, PathBuf)>,
    folders: usize,
    made: Made,
    newest: Vec<Option<Newest>>,
}

impl Exchange {
    fn new(volunteers: usize) -> Exchange {
        let root = tempfile::tempdir().unwrap();
        let mut coordinator = node(root.path(), "coordinator", 1, Role::Coordinator);
        let roles = [Role::EnergyCoach, Role::DebtHelpVolunteer];
        let mut vs: Vec<Node> =
            (0..volunteers).map(|i| node(root.path(), &format!("v{i}"), 10 + i as u64, roles[i % 2])).collect();
        for v in &mut vs {
            pair(&mut coordinator, v);
        }
        Exchange { root, coordinator, volunteers: vs, post: Vec::new(), folders: 0, made: Made::default(), newest: vec![None; volunteers] }
    }

    fn folder(&mut self) -> PathBuf {
        self.folders += 1;
        self.root.path().join(format!("post-{}", self.folders))
    }

    /// The `pick`-th household `v` holds, if any.
    fn holding(&self, v: usize, pick: usize) -> Option<HouseholdId> {
        let held: Vec<HouseholdId> = held(&self.volunteers[v].store).into_iter().collect();
        (!held.is_empty()).then(|| held[pick % held.len()])
    }

    fn create(&mut self, v: usize, salt: u32) -> HouseholdId {
        let name = self.made.text("Fam-", salt);
        let id = self.volunteers[v].store.create_household(household(&name)).unwrap().id;
        self.made.names.insert(id, name);
        id
    }

    fn edit(&mut self, v: usize, h: HouseholdId, salt: u32) {
        let notes = self.made.text("Notitie-", salt);
        let hlc = edit_notes(&mut self.volunteers[v].store, h, &notes);
        self.made.notes.entry(h).or_default().push((hlc, notes));
    }

    /// The coordinator writes new notes on the `pick`-th household it holds.
    fn coordinator_edit(&mut self, pick: usize, salt: u32) {
        let known: Vec<HouseholdId> = held(&self.coordinator.store).into_iter().collect();
        if let Some(h) = known.get(pick % known.len().max(1)).copied() {
            let notes = self.made.text("Notitie-", salt);
            let hlc = edit_notes(&mut self.coordinator.store, h, &notes);
            self.made.notes.entry(h).or_default().push((hlc, notes));
        }
    }

    fn visit(&mut self, v: usize, h: HouseholdId, salt: u32) {
        let summary = self.made.text("Bezoek-", salt);
        let visit = self.volunteers[v].store.plan_visit(visit_input(h, &summary), today()).unwrap();
        self.made.visits.insert(visit.id.0, (h, summary));
    }

    fn consent(&mut self, v: usize, h: HouseholdId, given: bool) {
        let event = self.volunteers[v].store.record_consent(consent_input(h, given), today()).unwrap();
        self.made.consents.insert(event.id.0, h);
    }

    fn export(&mut self, v: usize) {
        let dir = self.folder();
        let file = volunteer_file(&self.volunteers[v], &dir);
        self.post.push((To::Coordinator, file));
    }

    fn return_file(&mut self, v: usize) {
        let file = self.write_return_file(v);
        self.post.push((To::Volunteer(v), file));
    }

    /// The coordinator's next return file for `v`, checked: it carries nothing of a household
    /// not on its list.
    fn write_return_file(&mut self, v: usize) -> PathBuf {
        let dir = self.folder();
        let file = return_file(&mut self.coordinator, &self.volunteers[v], &dir);
        let contents = keukentafel_sync::read_export(&self.volunteers[v].key, &file).unwrap();
        let listed: BTreeSet<HouseholdId> = contents.manifest.households.clone().unwrap().into_iter().collect();
        let replicas: Vec<ReplicaId> = self.volunteers.iter().map(|n| n.store.replica()).collect();
        let assignments: BTreeMap<Uuid, HouseholdId> =
            self.made.names.keys().flat_map(|h| replicas.iter().map(|r| (assignment_id(*h, *r), *h))).collect();
        for op in &contents.ops {
            let of = match op.entity.as_str() {
                "user" => continue,
                "assignment" => assignments.get(&op.entity_id).copied(),
                _ => self.made.household_of(op),
            };
            assert!(
                of.is_some_and(|h| listed.contains(&h)),
                "return file {:?} for volunteer {v} carries only its households {listed:?}: {op:?}",
                contents.manifest.return_file
            );
        }
        file
    }

    fn assign(&mut self, pick: usize, v: usize) {
        let known: Vec<HouseholdId> = held(&self.coordinator.store).into_iter().collect();
        if !known.is_empty() {
            let replica = self.volunteers[v].store.replica();
            self.coordinator.store.assign(known[pick % known.len()], replica, today()).unwrap();
        }
    }

    /// Takes the `pick`-th active assignment off its volunteer; returns its household.
    fn unassign(&mut self, pick: usize) -> Option<HouseholdId> {
        let active: Vec<Assignment> = self.coordinator.store.assignments().unwrap().into_iter().filter(Assignment::is_active).collect();
        let a = active.get(pick % active.len().max(1))?;
        self.coordinator.store.unassign(a.household_id, a.volunteer, today()).unwrap();
        Some(a.household_id)
    }

    fn move_to(&mut self, pick: usize, v: usize) {
        if let Some(h) = self.unassign(pick) {
            self.coordinator.store.assign(h, self.volunteers[v].store.replica(), today()).unwrap();
        }
    }

    fn deliver(&mut self, to: To, file: &Path) {
        match to {
            To::Coordinator => {
                import_ok(&mut self.coordinator, file);
            }
            To::Volunteer(v) => {
                let contents = keukentafel_sync::read_export(&self.volunteers[v].key, file).unwrap();
                import_ok(&mut self.volunteers[v], file);
                let m = contents.manifest;
                let number = m.return_file.expect("a return file has a number");
                if self.newest[v].as_ref().is_none_or(|n| n.number < number) {
                    self.newest[v] = Some(Newest {
                        number,
                        households: m.households.expect("a return file lists households").into_iter().collect(),
                        own_received: m.received.get(&self.volunteers[v].store.replica()).copied().unwrap_or(0),
                    });
                }
                self.check_volunteer(v, file);
            }
        }
    }

    /// The coordinator accepts every change held back: here every change is honest (a change
    /// to a household taken off the volunteer, made before it heard, or while its laptop still
    /// kept it for its unsent changes).
    fn accept_held(&mut self) {
        let held = self.coordinator.store.held_ops().unwrap();
        assert!(held.iter().all(|o| o.reason == HeldReason::NotAssigned), "held back only for scope: {held:?}");
        let ids: Vec<Uuid> = held.into_iter().map(|o| o.op.op_id).collect();
        self.coordinator.store.accept_held(&ids).unwrap();
    }

    /// The households with changes of `v`'s own above `own_received`.
    fn unconfirmed(&self, v: usize, own_received: i64) -> BTreeSet<HouseholdId> {
        let store = &self.volunteers[v].store;
        let own = store.replica();
        let ops = store.ops_missing_from(&Received::from([(own, own_received)])).unwrap();
        ops.iter().filter(|o| o.replica == own).filter_map(|o| self.made.household_of(o)).collect()
    }

    /// After `v` read a return file: it holds only households on the newest list it read, or
    /// with unconfirmed changes of its own, and its bytes name no household it does not hold.
    fn check_volunteer(&self, v: usize, file: &Path) {
        let newest = self.newest[v].as_ref().expect("a return file was read");
        let store = &self.volunteers[v].store;
        assert_eq!(store.newest_return_file().unwrap(), newest.number, "the store knows the newest return file it read");
        let holds = held(store);
        let unconfirmed = self.unconfirmed(v, newest.own_received);
        let stray: Vec<_> =
            holds.iter().filter(|h| !newest.households.contains(h) && !unconfirmed.contains(h)).map(|h| &self.made.names[h]).collect();
        assert!(
            stray.is_empty(),
            "volunteer {v} read {} and holds households not on the newest list (file {}) without changes of its own to \
             send: {stray:?}",
            file.display(),
            newest.number
        );
        self.check_bytes(v, &holds);
    }

    /// The bytes of `v`'s store (file and log) name no household but those in `holds`.
    fn check_bytes(&self, v: usize, holds: &BTreeSet<HouseholdId>) {
        let present = texts_in(&raw_bytes(&self.volunteers[v].path));
        let allowed: BTreeSet<String> = holds.iter().flat_map(|h| self.made.texts(*h)).collect();
        let leaked: BTreeSet<&String> = present.iter().filter(|t| !allowed.contains(*t)).collect();
        assert!(leaked.is_empty(), "volunteer {v}'s store file holds texts of households it does not hold: {leaked:?}");
    }

    /// Reliable post: every volunteer sends a file, the coordinator reads them all (and accepts
    /// what it held back), writes each volunteer a return file, and each reads it. `settled`:
    /// the round before was one too and nothing new was made since, so each volunteer has
    /// confirmed holding everything of its households and its return file carries no op.
    fn settle_round(&mut self, settled: bool) {
        for v in 0..self.volunteers.len() {
            let dir = self.folder();
            let file = volunteer_file(&self.volunteers[v], &dir);
            self.deliver(To::Coordinator, &file);
        }
        self.accept_held();
        for v in 0..self.volunteers.len() {
            let file = self.write_return_file(v);
            if settled {
                let ops = keukentafel_sync::read_export(&self.volunteers[v].key, &file).unwrap().ops;
                assert!(ops.is_empty(), "volunteer {v} confirmed holding everything: its return file carries nothing, not {ops:?}");
            }
            self.deliver(To::Volunteer(v), &file);
        }
    }

    /// The checks after settling (see the module doc).
    fn check_settled(&self) {
        let c = &self.coordinator.store;
        assert!(c.held_ops().unwrap().is_empty(), "every held change was judged");
        let names = c.household_names().unwrap();
        for (h, name) in &self.made.names {
            assert_eq!(names.get(h), Some(name), "the coordinator holds every household a volunteer created");
            assert_eq!(c.household(*h).unwrap().data.notes, self.made.last_notes(*h), "the notes written last (by clock) win on the coordinator");
        }
        for (id, (h, summary)) in &self.made.visits {
            let visit = c.visit(VisitId(*id)).unwrap();
            assert_eq!((visit.data.household_id, &visit.data.summary), (*h, summary), "the coordinator holds every visit");
        }
        for (id, h) in &self.made.consents {
            let events = c.household_detail(*h).unwrap().consent_events;
            assert!(events.iter().any(|e| e.id.0 == *id), "the coordinator holds every consent event");
        }
        for (v, vol) in self.volunteers.iter().enumerate() {
            let given = c.assigned_households(vol.store.replica()).unwrap();
            assert_eq!(held(&vol.store), given, "volunteer {v} holds exactly the households given to it");
            for h in &given {
                assert_eq!(vol.store.dump_household(*h).unwrap(), c.dump_household(*h).unwrap(), "volunteer {v} holds household {h} whole");
            }
            assert!(vol.store.held_ops().unwrap().is_empty(), "nothing held back on volunteer {v}");
            // The store file and its log; and every file in the store's folder (its backups too).
            let present = texts_in(&raw_bytes(&vol.path));
            let anywhere = texts_under(vol.path.parent().unwrap());
            for h in self.made.names.keys() {
                let texts = self.made.texts(*h);
                if given.contains(h) {
                    assert!(present.contains(&self.made.names[h]), "volunteer {v}'s store file names its household {h} (the search works)");
                    let missing: Vec<_> = texts.iter().filter(|t| !present.contains(*t)).collect();
                    assert!(missing.is_empty(), "volunteer {v}'s store holds every text of its household {h}: {missing:?}");
                } else {
                    let leaked: Vec<_> = texts.iter().filter(|t| present.contains(*t)).collect();
                    assert!(leaked.is_empty(), "volunteer {v}'s store file names household {h}, not given to it: {leaked:?}");
                    let elsewhere: Vec<_> = texts.iter().filter_map(|t| anywhere.get(t).map(|files| (t, files))).collect();
                    assert!(elsewhere.is_empty(), "no file of volunteer {v} (backups included) names household {h}: {elsewhere:?}");
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
enum Step {
    /// Volunteer `v` creates a household (its name salted with `salt`).
    Create { v: usize, salt: u32 },
    /// Volunteer `v` writes new notes on the `pick`-th household it holds.
    Edit { v: usize, pick: usize, salt: u32 },
    Visit { v: usize, pick: usize, salt: u32 },
    Consent { v: usize, pick: usize, given: bool },
    /// The coordinator writes new notes on the `pick`-th household it holds.
    CoordinatorEdit { pick: usize, salt: u32 },
    /// Volunteer `v` writes a file for the coordinator; it goes into the post.
    Export { v: usize },
    /// The coordinator gives the `pick`-th household it holds to volunteer `v`.
    Assign { pick: usize, v: usize },
    /// The coordinator takes the `pick`-th active assignment off its volunteer.
    Unassign { pick: usize },
    /// The coordinator takes the `pick`-th active assignment off its volunteer and gives the
    /// household to volunteer `v`.
    Move { pick: usize, v: usize },
    /// The coordinator writes volunteer `v` a return file; it goes into the post.
    ReturnFile { v: usize },
    /// The `pick`-th file in the post is read; `again`: it stays in the post (read twice).
    Deliver { pick: usize, again: bool },
    /// The `pick`-th file in the post is lost.
    Lose { pick: usize },
}

fn step(n: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..n, any::<u32>()).prop_map(|(v, salt)| Step::Create { v, salt }),
        4 => (0..n, any::<usize>(), any::<u32>()).prop_map(|(v, pick, salt)| Step::Edit { v, pick, salt }),
        1 => (0..n, any::<usize>(), any::<u32>()).prop_map(|(v, pick, salt)| Step::Visit { v, pick, salt }),
        1 => (0..n, any::<usize>(), any::<bool>()).prop_map(|(v, pick, given)| Step::Consent { v, pick, given }),
        1 => (any::<usize>(), any::<u32>()).prop_map(|(pick, salt)| Step::CoordinatorEdit { pick, salt }),
        3 => (0..n).prop_map(|v| Step::Export { v }),
        3 => (any::<usize>(), 0..n).prop_map(|(pick, v)| Step::Assign { pick, v }),
        2 => any::<usize>().prop_map(|pick| Step::Unassign { pick }),
        2 => (any::<usize>(), 0..n).prop_map(|(pick, v)| Step::Move { pick, v }),
        3 => (0..n).prop_map(|v| Step::ReturnFile { v }),
        4 => (any::<usize>(), prop::bool::weighted(0.2)).prop_map(|(pick, again)| Step::Deliver { pick, again }),
        1 => any::<usize>().prop_map(|pick| Step::Lose { pick }),
    ]
}

/// 3 to 8 volunteers (more often few: every volunteer costs files in each settling round).
fn scenario() -> impl Strategy<Value = (usize, Vec<Step>)> {
    prop_oneof![3 => 3usize..=4, 1 => 5usize..=8].prop_flat_map(|n| (Just(n), prop::collection::vec(step(n), 10..40)))
}

fn run(n: usize, steps: &[Step]) {
    let mut x = Exchange::new(n);
    // To start with, each volunteer created a household and the post worked once: the
    // coordinator has households to give and to take off from the first step on.
    for v in 0..n {
        x.create(v, 0x5eed_0000 + v as u32);
    }
    x.settle_round(false);
    for s in steps {
        match *s {
            Step::Create { v, salt } => {
                x.create(v, salt);
            }
            Step::Edit { v, pick, salt } => {
                if let Some(h) = x.holding(v, pick) {
                    x.edit(v, h, salt);
                }
            }
            Step::Visit { v, pick, salt } => {
                if let Some(h) = x.holding(v, pick) {
                    x.visit(v, h, salt);
                }
            }
            Step::Consent { v, pick, given } => {
                if let Some(h) = x.holding(v, pick) {
                    x.consent(v, h, given);
                }
            }
            Step::CoordinatorEdit { pick, salt } => x.coordinator_edit(pick, salt),
            Step::Export { v } => x.export(v),
            Step::Assign { pick, v } => x.assign(pick, v),
            Step::Unassign { pick } => {
                x.unassign(pick);
            }
            Step::Move { pick, v } => x.move_to(pick, v),
            Step::ReturnFile { v } => x.return_file(v),
            Step::Deliver { pick, again } => {
                if !x.post.is_empty() {
                    let i = pick % x.post.len();
                    let (to, file) = if again { x.post[i].clone() } else { x.post.remove(i) };
                    x.deliver(to, &file);
                }
            }
            Step::Lose { pick } => {
                if !x.post.is_empty() {
                    let i = pick % x.post.len();
                    x.post.remove(i);
                }
            }
        }
    }
    // Settle with reliable post: after one round the coordinator has every change and each
    // volunteer read a list written after that. Then the files still in the post turn up late,
    // after newer ones (checked like any other), and a second round sets right whatever they
    // may have changed.
    x.settle_round(false);
    for (to, file) in std::mem::take(&mut x.post).into_iter().rev() {
        x.deliver(to, &file);
    }
    x.settle_round(true);
    x.check_settled();
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(16),
        failure_persistence: None,
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn each_volunteer_holds_its_households_and_nothing_is_lost((n, steps) in scenario()) {
        run(n, &steps);
    }
}

/// A coordinator and one volunteer, paired.
fn two(root: &Path) -> (Node, Node) {
    let mut c = node(root, "coordinator", 1, Role::Coordinator);
    let mut v = node(root, "vrijwilliger", 2, Role::EnergyCoach);
    pair(&mut c, &mut v);
    (c, v)
}

/// The coordinator writes `v` a return file and `v` reads it.
fn read_return(c: &mut Node, v: &mut Node, dir: &Path) -> keukentafel_sync::MergeCounts {
    let file = return_file(c, v, dir);
    import_ok(v, &file)
}

fn set(ids: &[HouseholdId]) -> BTreeSet<HouseholdId> {
    ids.iter().copied().collect()
}

#[test]
fn a_household_taken_off_with_unsent_changes_stays_until_the_coordinator_has_them() {
    let root = tempfile::tempdir().unwrap();
    let dir = |n: &str| root.path().join(n);
    let (mut c, mut v) = two(root.path());
    let name = "Fam-00000000a001";
    let h = v.store.create_household(household(name)).unwrap().id;
    import_ok(&mut c, &volunteer_file(&v, &dir("1")));
    assert_eq!(c.store.assigned_households(v.store.replica()).unwrap(), set(&[h]), "what a volunteer creates is theirs");
    read_return(&mut c, &mut v, &dir("2"));

    // The volunteer writes notes and sends them; before the file arrives, the household is
    // taken off, and the volunteer reads that first.
    edit_notes(&mut v.store, h, "Notitie-00000000b001");
    let sent = volunteer_file(&v, &dir("3"));
    c.store.unassign(h, v.store.replica(), today()).unwrap();
    let taken_off = read_return(&mut c, &mut v, &dir("4"));
    assert_eq!(taken_off.forgotten_households, 0, "the coordinator does not have the notes yet: nothing forgotten");
    assert_eq!(held(&v.store), set(&[h]));

    // The notes arrive after the household was taken off: held back for a person to judge,
    // so not yet held by the coordinator, and the laptop still keeps the household.
    assert_eq!(import_ok(&mut c, &sent).held_back, 1);
    assert_eq!(c.store.household(h).unwrap().data.notes, "");
    let later = read_return(&mut c, &mut v, &dir("5"));
    assert_eq!(later.forgotten_households, 0, "the notes are held back at the coordinator: still kept");
    assert_eq!(v.store.household(h).unwrap().data.notes, "Notitie-00000000b001");

    // The coordinator accepts them (made before the volunteer heard); the next file forgets.
    let held_ops: Vec<Uuid> = c.store.held_ops().unwrap().into_iter().map(|o| o.op.op_id).collect();
    c.store.accept_held(&held_ops).unwrap();
    assert_eq!(c.store.household(h).unwrap().data.notes, "Notitie-00000000b001", "every change reached the coordinator");
    let last = read_return(&mut c, &mut v, &dir("6"));
    assert_eq!(last.forgotten_households, 1, "now that the coordinator has everything, the laptop forgets it");
    assert!(held(&v.store).is_empty());
    assert_eq!(v.store.forgotten_households().unwrap(), set(&[h]));
    let present = texts_under(v.path.parent().unwrap());
    for text in [name, "Notitie-00000000b001"] {
        assert!(!present.contains_key(text), "{text} is gone from the volunteer's files, backups included: {present:?}");
    }
}

#[test]
fn an_older_return_file_read_after_a_newer_one_brings_nothing_back() {
    let root = tempfile::tempdir().unwrap();
    let dir = |n: &str| root.path().join(n);
    let (mut c, mut v) = two(root.path());
    let theirs = v.store.replica();
    let name = "Fam-00000000c001";
    let h = c.store.create_household(household(name)).unwrap().id;
    c.store.assign(h, theirs, today()).unwrap();
    let first = return_file(&mut c, &v, &dir("1"));
    import_ok(&mut v, &first);
    assert_eq!(held(&v.store), set(&[h]));
    import_ok(&mut c, &volunteer_file(&v, &dir("2")));
    // File 2 carries new notes; file 3 takes the household off. They arrive the other way round.
    edit_notes(&mut c.store, h, "Notitie-00000000c002");
    let second = return_file(&mut c, &v, &dir("3"));
    c.store.unassign(h, theirs, today()).unwrap();
    let third = return_file(&mut c, &v, &dir("4"));
    assert_eq!(import_ok(&mut v, &third).forgotten_households, 1);
    let after_third = state(&v.store);
    for older in [&second, &first, &second] {
        let m = import_ok(&mut v, older);
        assert_eq!((m.new, m.forgotten_households), (0, 0), "an older file brings nothing back");
    }
    assert!(held(&v.store).is_empty());
    assert_eq!(state(&v.store), after_third, "the store is as the newest file left it");

    // A household the volunteer never held: given in file 5, taken off in file 6, read 6 then 5.
    let name2 = "Fam-00000000c003";
    let h2 = c.store.create_household(household(name2)).unwrap().id;
    c.store.assign(h2, theirs, today()).unwrap();
    let fifth = return_file(&mut c, &v, &dir("5"));
    c.store.unassign(h2, theirs, today()).unwrap();
    let sixth = return_file(&mut c, &v, &dir("6"));
    import_ok(&mut v, &sixth);
    import_ok(&mut v, &fifth);
    assert!(held(&v.store).is_empty(), "a household not on the newest list does not come in from an older file");

    let present = texts_under(v.path.parent().unwrap());
    for text in [name, "Notitie-00000000c002", name2] {
        assert!(!present.contains_key(text), "{text} is in none of the volunteer's files, backups included: {present:?}");
    }
}

#[test]
fn a_household_given_back_comes_back_whole_with_the_volunteers_own_changes() {
    let root = tempfile::tempdir().unwrap();
    let dir = |n: &str| root.path().join(n);
    let (mut c, mut v) = two(root.path());
    let theirs = v.store.replica();
    let name = "Fam-00000000d001";
    let h = v.store.create_household(household(name)).unwrap().id;
    edit_notes(&mut v.store, h, "Notitie-00000000d002");
    v.store.plan_visit(visit_input(h, "Bezoek-00000000d003"), today()).unwrap();
    v.store.record_consent(consent_input(h, true), today()).unwrap();
    import_ok(&mut c, &volunteer_file(&v, &dir("1")));
    read_return(&mut c, &mut v, &dir("2"));

    // Taken off and forgotten; meanwhile the coordinator plans a visit of its own.
    c.store.unassign(h, theirs, today()).unwrap();
    assert_eq!(read_return(&mut c, &mut v, &dir("3")).forgotten_households, 1);
    assert!(texts_under(v.path.parent().unwrap()).is_empty(), "nothing of the household is left in the laptop's files");
    c.store.plan_visit(visit_input(h, "Bezoek-00000000d004"), today()).unwrap();

    // Given back: everything comes back, the volunteer's own changes too.
    c.store.assign(h, theirs, today()).unwrap();
    let back = read_return(&mut c, &mut v, &dir("4"));
    assert_eq!(back.forgotten_households, 0);
    assert_eq!(held(&v.store), set(&[h]));
    assert_eq!(v.store.household(h).unwrap().data.notes, "Notitie-00000000d002", "its own notes are back");
    assert_eq!(v.store.dump_household(h).unwrap(), c.store.dump_household(h).unwrap(), "the household is back whole");
    assert!(v.store.forgotten_households().unwrap().is_empty());
    let present = texts_in(&raw_bytes(&v.path));
    for text in [name, "Notitie-00000000d002", "Bezoek-00000000d003", "Bezoek-00000000d004"] {
        assert!(present.contains(text), "{text} is in the volunteer's store file again");
    }

    // The laptop's clock goes on above what it forgot: a new edit wins everywhere.
    edit_notes(&mut v.store, h, "Notitie-00000000d005");
    import_ok(&mut c, &volunteer_file(&v, &dir("5")));
    assert_eq!(c.store.household(h).unwrap().data.notes, "Notitie-00000000d005");
    read_return(&mut c, &mut v, &dir("6"));
    assert_eq!(v.store.dump_household(h).unwrap(), c.store.dump_household(h).unwrap());
    assert_eq!(state(&v.store).0, state(&c.store).0, "the volunteer holds everything the coordinator holds");
}


