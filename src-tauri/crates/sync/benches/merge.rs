//! Benchmark: merge 200 volunteers' export files holding 1,000,000 ops in total into an empty
//! coordinator's store, by the import path (read file, decrypt, verify, merge in one
//! transaction per file as a coordinator merges a volunteer's file, remember the sender), then
//! the same files again (re-import), against baselines measured in the same run: plain statements inserting the same rows into a table like `ops` (same columns, keys
//! and indexes) in a store opened like the import's (encrypted, same pragmas and page cache),
//! with one commit per file as the import does, and with one commit for all. Prints ops, wall
//! times, the ratios, bytes per op of the files and of the store, and peak memory (VmHWM).
//!
//! `cargo bench -p keukentafel-sync` (release). Smaller runs: BENCH_FILES=20 BENCH_OPS=2000.
//!
//! The files are made untimed, from synthetic ops like a volunteer's: per replica, households
//! created (one op per field) and then edited field by field (each edit based on the previous
//! value, so there are no conflicts), in clock order.
//!
//! The same job is also done with the CRDT library Automerge, as a comparison (BENCH_AUTOMERGE=0
//! skips it): untimed, each replica's ops become one Automerge document (one change per op) saved
//! as bytes, Automerge's "files"; timed, in a child process of its own (so that its peak memory
//! is its own), an empty document loads each of them, merges it in and is saved to disk at the
//! end. Prints its wall time, its peak memory, the bytes of its files and the ratio of the import
//! to it. Automerge's files are neither encrypted nor signed, so its job has nothing like our
//! decrypt and verify; its peak memory is measured in a process that did nothing else, our
//! import's in the bench process, which made the files before.

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT};
use keukentafel_domain::{Hlc, ReplicaId, Sources, UserId};
use keukentafel_store::schema::{Kind, HOUSEHOLD};
use keukentafel_store::{Op, Store};
use keukentafel_sync::format::{self, Manifest, Version};
use keukentafel_sync::{envelope, import, KeyPair};
use rand::{Rng, SeedableRng};
use serde_json::{json, Value as Json};
use uuid::Uuid;

mod common;
use common::peak_memory_mb;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One replica's ops: households created, then edited.
fn replica_ops(r: usize, count: usize, start_millis: i64) -> Vec<Op> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(r as u64);
    let replica = ReplicaId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0000 + r as u128));
    let author = UserId(Uuid::from_u128(0x2000_0000_0000_4000_8000_0000_0000_0000 + r as u128));
    let fields = HOUSEHOLD.fields;
    let creations = (count * 2 / 3) / fields.len();
    let mut ops = Vec::with_capacity(count);
    let mut millis = start_millis;
    let mut clocks: Vec<BTreeMap<&str, Hlc>> = Vec::new();
    let mut ids = Vec::new();
    let next = |millis: &mut i64| {
        *millis += 1;
        Hlc { millis: *millis, counter: 0, replica }
    };
    // Values a form would store: import checks each one against the domain.
    let value = |kind: Kind, field: &str, n: u64| match kind {
        Kind::Text if field == "postcode" => json!(format!("{} AB", 3700 + n % 100)),
        Kind::Text if field == "language" => json!(if n.is_multiple_of(2) { "nl" } else { "en" }),
        Kind::Text => json!(format!("{field} {n}")),
        Kind::OptText => Json::Null,
        Kind::Int => json!(n % 5),
        Kind::Bool => json!(false),
        Kind::Json => json!([]),
    };
    while ops.len() < count {
        let creating = ids.len() < creations;
        let (h, chosen): (usize, Vec<(&str, Kind)>) = if creating {
            ids.push(Uuid::from_u128(((r as u128) << 64) | ids.len() as u128));
            clocks.push(BTreeMap::new());
            (ids.len() - 1, fields.to_vec())
        } else {
            (rng.random_range(0..ids.len()), vec![fields[rng.random_range(0..fields.len() - 1)]])
        };
        let entity_base = clocks[h].values().max().copied();
        for (field, kind) in chosen {
            if ops.len() == count {
                break;
            }
            let hlc = next(&mut millis);
            let seq = ops.len() as i64 + 1;
            ops.push(Op {
                op_id: Uuid::from_u128(((r as u128) << 96) | seq as u128),
                replica,
                seq,
                hlc,
                entity: "household".into(),
                entity_id: ids[h],
                field: field.into(),
                value: value(kind, field, rng.random()),
                base_hlc: clocks[h].get(field).copied(),
                author,
                entity_base_hlc: entity_base,
                resolves: Vec::new(),
                extra: BTreeMap::new(),
            });
            clocks[h].insert(field, hlc);
        }
    }
    ops
}

fn write_file(dir: &Path, r: usize, ops: &[Op], to: &KeyPair) -> std::path::PathBuf {
    let manifest = Manifest {
        format: format::FORMAT.into(),
        major: format::MAJOR,
        minor: format::MINOR,
        min_reader: Version { major: 1, minor: 0 },
        schema_version: keukentafel_store::SCHEMA_VERSION,
        replica: ops[0].replica,
        author: format!("Vrijwilliger {r}"),
        role: "energy_coach".into(),
        recipient: to.public_key(),
        ranges: format::ranges_of(ops),
        received: [(ops[0].replica, ops.len() as i64)].into_iter().collect(),
        created_at: "2026-11-23T10:00:00.000Z".into(),
        op_count: Some(ops.len() as u64),
        return_file: None,
        households: None,
        acknowledged: None,
        file_number: None,
        receipts: None,
        erase: None,
        erased: None,
        extra: BTreeMap::new(),
    };
    let plain = format::write_plaintext(&manifest, ops, &keukentafel_sync::SigningKey::generate()).unwrap();
    // Compressed, as format 3.0 files are written.
    let compressed =
        keukentafel_sync::content::compress(|w| w.write_all(&plain).map_err(|e| keukentafel_sync::SyncError::io("", e))).unwrap();
    let path = dir.join(format!("file-{r:03}.kt"));
    std::fs::write(&path, envelope::encrypt(&compressed, &[to.recipient()]).unwrap()).unwrap();
    path
}

/// A table like `ops` (same columns, keys and indexes).
const OPS_TABLE: &str = "CREATE TABLE bench_ops (
    op_id TEXT PRIMARY KEY, replica TEXT NOT NULL, seq INTEGER NOT NULL, hlc TEXT NOT NULL,
    entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
    base_hlc TEXT, author TEXT NOT NULL, entity_base_hlc TEXT, resolves TEXT, extra TEXT,
    UNIQUE (replica, seq)) STRICT;
  CREATE INDEX bench_ops_field ON bench_ops (entity, entity_id, field);";

/// How a baseline commits: one transaction for everything (the old baseline), or one per file
/// as the import does.
#[derive(Clone, Copy, PartialEq)]
enum Commits {
    One,
    PerFile,
}

/// The op log alone, inserted with plain statements into a table like `ops`, in a store opened
/// exactly as the import's (SQLCipher with the same key, WAL, synchronous FULL, the merge's 64 MB
/// page cache), so the ratio compares the same job under the same settings.
fn baseline(path: &Path, files: usize, per_file: usize, start: i64, commits: Commits) -> Duration {
    let store = Store::open(path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    let conn = store.conn();
    conn.pragma_update(None, "cache_size", -65_536).unwrap();
    conn.execute_batch(OPS_TABLE).unwrap();
    let mut spent = Duration::ZERO;
    let insert_file = |tx: &rusqlite::Transaction<'_>, ops: &[Op]| {
        let mut insert = tx.prepare_cached("INSERT INTO bench_ops VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)").unwrap();
        for op in ops {
            insert
                .execute(rusqlite::params![
                    op.op_id.to_string(),
                    op.replica.to_string(),
                    op.seq,
                    op.hlc.to_string(),
                    op.entity,
                    op.entity_id.to_string(),
                    op.field,
                    op.value.to_string(),
                    op.base_hlc.map(|h| h.to_string()),
                    op.author.to_string(),
                    op.entity_base_hlc.map(|h| h.to_string()),
                    None::<String>,
                    None::<String>,
                ])
                .unwrap();
        }
    };
    match commits {
        Commits::One => {
            let tx = conn.unchecked_transaction().unwrap();
            for r in 0..files {
                let ops = replica_ops(r, per_file, start); // untimed, like the files for the merge
                let t = Instant::now();
                insert_file(&tx, &ops);
                spent += t.elapsed();
            }
            let t = Instant::now();
            tx.commit().unwrap();
            spent += t.elapsed();
        }
        Commits::PerFile => {
            for r in 0..files {
                let ops = replica_ops(r, per_file, start);
                let t = Instant::now();
                let tx = conn.unchecked_transaction().unwrap();
                insert_file(&tx, &ops);
                tx.commit().unwrap();
                spent += t.elapsed();
            }
        }
    }
    spent
}

/// A store file's bytes on disk, with its WAL.
fn store_bytes(path: &Path) -> u64 {
    let wal = path.with_extension("sqlite3-wal");
    [path.to_path_buf(), wal].iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum()
}

fn main() {
    if std::env::var_os(AUTOMERGE_CHILD).is_some() {
        return automerge_child();
    }
    let files = env("BENCH_FILES", 200);
    let per_file = env("BENCH_OPS", 5000);
    let dir = tempfile::tempdir().unwrap();
    let key = KeyPair::generate();
    let start = chrono::Utc::now().timestamp_millis() - 30 * 24 * 3600 * 1000;

    eprintln!("making {files} files of {per_file} ops (untimed)…");
    let paths: Vec<_> = (0..files).map(|r| write_file(dir.path(), r, &replica_ops(r, per_file, start), &key)).collect();
    let bytes: u64 = paths.iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();

    let now = chrono::Utc::now();
    let mut store = coordinator_store(&dir.path().join("merge.sqlite3"));
    // Experiment for the store (BENCH_STMT_CACHE=128): rusqlite caches 16 prepared statements by
    // default, fewer than the merge uses, so prepare_cached re-prepares all the time.
    if let Some(n) = std::env::var("BENCH_STMT_CACHE").ok().and_then(|v| v.parse().ok()) {
        store.conn().set_prepared_statement_cache_capacity(n);
    }
    let written = disk_writes();
    let started = Instant::now();
    let (verify, merge) = import_all(&mut store, &paths, &key, now, per_file);
    let import_wall = started.elapsed();
    let import_written = disk_writes() - written;
    // The files' ops; the store holds more (the coordinator's profile, and the assignments
    // that give each new household to the volunteer who made it).
    let ops = (files * per_file) as u64;
    assert!(store.op_count().unwrap() as u64 > ops);

    // The same content again, read and merged (nothing is new): what a file costs whose content
    // was imported before under other bytes. The very same file (same bytes) is skipped
    // unread by `import_files` (its SHA-256 is noted), which this loop does not go through.
    let sender = bench_sender();
    let started = Instant::now();
    for path in &paths {
        let contents = keukentafel_sync::read_export(&key, path).unwrap();
        let counts = import::apply(&mut store, &contents, &sender, now).unwrap();
        assert_eq!(counts.new, 0);
    }
    let reimport = started.elapsed();
    drop(store);
    let memory = peak_memory_mb();
    let stored = store_bytes(&dir.path().join("merge.sqlite3"));

    let base_one = baseline(&dir.path().join("baseline-one.sqlite3"), files, per_file, start, Commits::One);
    let base_files = baseline(&dir.path().join("baseline-files.sqlite3"), files, per_file, start, Commits::PerFile);
    let base_stored = store_bytes(&dir.path().join("baseline-files.sqlite3"));
    // The layout before migration 0018: the same import into a store with the text-clock index
    // `ops_hlc` put back (BENCH_OLD_LAYOUT=0 skips it).
    let old_layout = (env("BENCH_OLD_LAYOUT", 1) == 1).then(|| {
        let path = dir.path().join("old-layout.sqlite3");
        let mut old = coordinator_store(&path);
        old.conn().execute_batch("CREATE INDEX ops_hlc ON ops (hlc)").unwrap();
        let written = disk_writes();
        let started = Instant::now();
        import_all(&mut old, &paths, &key, now, per_file);
        let wall = started.elapsed();
        let written = disk_writes() - written;
        drop(old);
        (wall, written, store_bytes(&path))
    });
    // After the import's peak memory was read, so that the documents built here do not count.
    let automerge = (env("BENCH_AUTOMERGE", 1) == 1).then(|| automerge_job(&dir.path().join("automerge"), files, per_file, start));
    let secs = |d: Duration| d.as_secs_f64();
    println!("merge benchmark: {files} files, {ops} ops, {:.0} MB of export files", bytes as f64 / 1e6);
    println!("  import (read + decrypt + verify + merge): {:>8.2} s", secs(import_wall));
    println!("    of which read + decrypt + verify:      {:>8.2} s", secs(verify));
    println!("    of which merge (Store::merge + peer):  {:>8.2} s", secs(merge));
    println!("  the same content read and merged again:   {:>8.2} s ({:.1} % of the import; aim < 10 %)", secs(reimport), 100.0 * secs(reimport) / secs(import_wall));
    println!("  baseline: the op log alone, one commit per file (as the import): {:>6.2} s", secs(base_files));
    println!("  baseline: the op log alone, one commit for all files:            {:>6.2} s", secs(base_one));
    println!("  ratio import / baseline per file:         {:>8.2}x (aim <= 2x)", secs(import_wall) / secs(base_files));
    println!("  ratio import / baseline one commit:       {:>8.2}x", secs(import_wall) / secs(base_one));
    println!("  ratio merge / baseline per file:          {:>8.2}x", secs(merge) / secs(base_files));
    println!("  export files:                             {:>8.0} bytes per op (aim < 80)", bytes as f64 / ops as f64);
    println!("  store on disk:                            {:>8.0} bytes per op (aim < 300; the op log alone: {:.0})", stored as f64 / ops as f64, base_stored as f64 / ops as f64);
    println!("  written to disk by the import:            {:>8.0} MB ({:.1} times the store)", import_written as f64 / 1e6, import_written as f64 / stored as f64);
    if let Some((wall, written, old_stored)) = old_layout {
        println!("  the layout before 0018 (with ops_hlc):    {:>8.2} s, {:.0} MB written, {:.0} bytes per op stored", secs(wall), written as f64 / 1e6, old_stored as f64 / ops as f64);
        println!("  ratio import / layout before 0018:        {:>8.2}x", secs(import_wall) / secs(wall));
    }
    println!("  time per op:                              {:>8.1} µs", secs(import_wall) * 1e6 / ops as f64);
    println!("  peak memory (VmHWM) during the imports:   {:>8.1} MB (aim < 64 MB)", memory);
    if let Some(am) = automerge {
        // Its peak is the VmHWM of a process that only did this job; the import's above is the
        // bench process's, which had made the files before.
        println!(
            "  automerge: same job (load + merge {files} documents + save): {:.2} s, peak {:.1} MB; its input files: {:.1} MB ({:.0} bytes per op)",
            am.wall,
            am.peak_mb,
            am.files_bytes as f64 / 1e6,
            am.files_bytes as f64 / ops as f64
        );
        println!("    of which read + load / merge / save:     {:.2} / {:.2} / {:.2} s", am.load, am.merge, am.save);
        println!("  automerge: the merged document saved:     {:>8.0} bytes per op", am.saved_bytes as f64 / ops as f64);
        println!("  ratio import / automerge:                 {:>8.2}x (aim <= 1x)", secs(import_wall) / am.wall);
    }
}

/// Reads, decrypts, verifies and merges every file into `store` as the import does, one
/// transaction per file. Returns the time spent reading and merging.
fn import_all(store: &mut Store, paths: &[std::path::PathBuf], key: &KeyPair, now: chrono::DateTime<chrono::Utc>, per_file: usize) -> (Duration, Duration) {
    let sender = bench_sender();
    let (mut verify, mut merge) = (Duration::ZERO, Duration::ZERO);
    for path in paths {
        let t = Instant::now();
        let contents = keukentafel_sync::read_export(key, path).unwrap();
        verify += t.elapsed();
        let t = Instant::now();
        let counts = import::apply(store, &contents, &sender, now).unwrap();
        merge += t.elapsed();
        assert_eq!((counts.new, counts.conflicts, counts.held_back), (per_file, 0, 0));
    }
    (verify, merge)
}

/// The bench measures reading and merging; who may send is decided before and not timed. A
/// volunteer (who does not relay): the coordinator's own path (`merge_from_volunteer`: erased
/// households left out, assignments checked, new households given to their maker).
fn bench_sender() -> keukentafel_sync::TrustedSender {
    keukentafel_sync::TrustedSender {
        name: "Vrijwilliger".into(),
        role: keukentafel_domain::Role::EnergyCoach,
        age_key: String::new(),
        relays: false,
    }
}

/// A coordinator's store, as the import's.
fn coordinator_store(path: &Path) -> Store {
    let mut store = Store::open(path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    store
        .save_profile(keukentafel_domain::UserProfileInput {
            name: "Coördinator".into(),
            organisation: "Bench".into(),
            phone: String::new(),
            role: keukentafel_domain::Role::Coordinator,
        })
        .unwrap();
    store
}

/// Bytes this process has caused to be written to disk so far (`/proc/self/io`).
fn disk_writes() -> u64 {
    std::fs::read_to_string("/proc/self/io")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("write_bytes:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

// --- The same job with Automerge ------------------------------------------------------------

/// Set in the child process that does the timed Automerge job; the other parameters are passed
/// as BENCH_FILES, BENCH_OPS, BENCH_AUTOMERGE_DIR and BENCH_AUTOMERGE_START.
const AUTOMERGE_CHILD: &str = "BENCH_AUTOMERGE_CHILD";

/// What the child reports.
struct AutomergeRun {
    wall: f64,
    /// Of the wall time: reading and loading the files, merging them, saving the result.
    load: f64,
    merge: f64,
    save: f64,
    peak_mb: f64,
    files_bytes: u64,
    saved_bytes: u64,
}

/// An op's value as an Automerge scalar. Automerge has no JSON array or object scalar: those are
/// stored as a string of their JSON text (the bench's only such field holds `[]`), as our ops
/// log stores every value as JSON text.
fn scalar(value: &Json) -> ScalarValue {
    match value {
        Json::Null => ScalarValue::Null,
        Json::Bool(b) => ScalarValue::Boolean(*b),
        Json::Number(n) => {
            n.as_i64().map(ScalarValue::Int).or_else(|| n.as_u64().map(ScalarValue::Uint)).unwrap_or_else(|| ScalarValue::F64(n.as_f64().unwrap_or(f64::NAN)))
        }
        Json::String(s) => ScalarValue::Str(s.as_str().into()),
        other => ScalarValue::Str(other.to_string().into()),
    }
}

/// The change every replica's document starts from: it makes the root map `households`. Were it
/// made by each replica, the 200 maps would be concurrent puts of one key, of which a merge keeps
/// one visible and the others as conflicts; Automerge applications share such a first change,
/// and it is the same bytes for all (fixed actor, fixed time), so it is merged once.
fn automerge_genesis() -> Vec<u8> {
    let mut doc = AutoCommit::new().with_actor(ActorId::from([0u8; 16]));
    doc.put_object(ROOT, "households", ObjType::Map).unwrap();
    doc.commit_with(CommitOptions::default().with_time(0));
    doc.save()
}

/// The map `households` of a document that holds the genesis change.
fn households_map(doc: &AutoCommit) -> ObjId {
    match doc.get(ROOT, "households").unwrap() {
        Some((Value::Object(ObjType::Map), id)) => id,
        other => panic!("no map households: {other:?}"),
    }
}

/// One replica's ops as an Automerge document with the replica's own actor id, saved as bytes:
/// households → household id → field → value. One change per op, as each of our ops is its own
/// change with its own clock (the change's time, which Automerge keeps in seconds and only as
/// information, is the op's); a household's map is made in the change of its first field.
fn automerge_doc(genesis: &[u8], ops: &[Op]) -> Vec<u8> {
    let mut doc = AutoCommit::load(genesis).unwrap().with_actor(ActorId::from(ops[0].replica.0.as_bytes()));
    let households = households_map(&doc);
    let mut maps: HashMap<Uuid, ObjId> = HashMap::new();
    for op in ops {
        let map = match maps.get(&op.entity_id) {
            Some(map) => map.clone(),
            None => {
                let map = doc.put_object(&households, op.entity_id.to_string(), ObjType::Map).unwrap();
                maps.insert(op.entity_id, map.clone());
                map
            }
        };
        doc.put(&map, op.field.as_str(), scalar(&op.value)).unwrap();
        doc.commit_with(CommitOptions::default().with_time(op.hlc.millis / 1000));
    }
    doc.save()
}

/// Builds the replicas' documents into `dir` (untimed), then runs the timed job in a child
/// process (this bench's executable again) and reads its report line.
fn automerge_job(dir: &Path, files: usize, per_file: usize, start: i64) -> AutomergeRun {
    eprintln!("making {files} Automerge documents of {per_file} changes (untimed)…");
    std::fs::create_dir_all(dir).unwrap();
    let genesis = automerge_genesis();
    let mut files_bytes = 0;
    for r in 0..files {
        let bytes = automerge_doc(&genesis, &replica_ops(r, per_file, start));
        files_bytes += bytes.len() as u64;
        std::fs::write(dir.join(format!("replica-{r:03}.automerge")), bytes).unwrap();
    }
    eprintln!("merging them with Automerge in a child process…");
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .env(AUTOMERGE_CHILD, "1")
        .env("BENCH_AUTOMERGE_DIR", dir)
        .env("BENCH_FILES", files.to_string())
        .env("BENCH_OPS", per_file.to_string())
        .env("BENCH_AUTOMERGE_START", start.to_string())
        .stderr(std::process::Stdio::inherit())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the Automerge child failed ({}): {stdout}", output.status);
    // One line of `key=value` words.
    let report: HashMap<&str, f64> = stdout
        .lines()
        .find_map(|l| l.strip_prefix("automerge-child "))
        .unwrap_or_else(|| panic!("no report from the Automerge child: {stdout}"))
        .split_whitespace()
        .filter_map(|w| w.split_once('='))
        .map(|(k, v)| (k, v.parse().unwrap()))
        .collect();
    AutomergeRun {
        wall: report["wall"],
        load: report["load"],
        merge: report["merge"],
        save: report["save"],
        peak_mb: report["vmhwm_kb"] / 1024.0,
        files_bytes,
        saved_bytes: report["saved"] as u64,
    }
}

/// The child: loads each replica's document, merges it into one that starts empty and saves that
/// to disk (written and synced, as the store commits with synchronous FULL), all timed; then
/// reports its wall time and peak memory, and checks the merged document against the ops.
fn automerge_child() {
    let dir = std::path::PathBuf::from(std::env::var_os("BENCH_AUTOMERGE_DIR").unwrap());
    let files = env("BENCH_FILES", 0);
    let per_file = env("BENCH_OPS", 0);
    let start: i64 = std::env::var("BENCH_AUTOMERGE_START").unwrap().parse().unwrap();
    let saved = dir.join("merged.automerge");

    let started = Instant::now();
    let (mut load, mut merge) = (Duration::ZERO, Duration::ZERO);
    let mut merged = AutoCommit::new();
    for r in 0..files {
        let t = Instant::now();
        let bytes = std::fs::read(dir.join(format!("replica-{r:03}.automerge"))).unwrap();
        let mut doc = AutoCommit::load(&bytes).unwrap();
        load += t.elapsed();
        let t = Instant::now();
        merged.merge(&mut doc).unwrap();
        merge += t.elapsed();
    }
    let t = Instant::now();
    let bytes = merged.save();
    let mut file = std::fs::File::create(&saved).unwrap();
    file.write_all(&bytes).unwrap();
    file.sync_all().unwrap();
    drop(file);
    let save = t.elapsed();
    let wall = started.elapsed();
    let peak_kb = peak_memory_mb() * 1024.0;

    // Untimed: every household is there with the last value of each field.
    let households = households_map(&merged);
    let mut count = 0;
    for r in 0..files {
        let mut last: BTreeMap<(Uuid, String), Json> = BTreeMap::new();
        for op in replica_ops(r, per_file, start) {
            last.insert((op.entity_id, op.field), op.value);
        }
        let mut seen = std::collections::BTreeSet::new();
        for ((id, field), value) in last {
            seen.insert(id);
            let Some((Value::Object(ObjType::Map), map)) = merged.get(&households, id.to_string()).unwrap() else { panic!("household {id} missing") };
            let Some((Value::Scalar(got), _)) = merged.get(&map, field.as_str()).unwrap() else { panic!("{id}.{field} missing") };
            assert_eq!(got.as_ref(), &scalar(&value), "{id}.{field}");
        }
        count += seen.len();
    }
    assert_eq!(merged.length(&households), count);

    let s = |d: Duration| d.as_secs_f64();
    println!("automerge-child wall={} load={} merge={} save={} vmhwm_kb={peak_kb} saved={}", s(wall), s(load), s(merge), s(save), bytes.len());
}
