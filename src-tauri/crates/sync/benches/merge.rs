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

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use keukentafel_domain::{Hlc, ReplicaId, Sources, UserId};
use keukentafel_store::schema::{Kind, HOUSEHOLD};
use keukentafel_store::{Op, Store};
use keukentafel_sync::format::{self, Manifest, Version};
use keukentafel_sync::{envelope, import, KeyPair};
use rand::{Rng, SeedableRng};
use serde_json::{json, Value as Json};
use uuid::Uuid;

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

fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
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
