//! Benchmark: peak memory and file size of exporting and importing one large file, format 3.0
//! (streamed: zstd inside age) against the in-memory 2.3 path of the version before, measured
//! in the same run on the same store. Each measurement runs in a child process of its own, so
//! its peak resident memory (VmHWM from /proc/self/status) is its own.
//!
//! `cargo bench -p keukentafel-sync --bench files` (release). `BENCH_HOUSEHOLDS=10000` (default)
//! sets the size; `BENCH_SIZES=2500,10000` runs several (to see whether memory grows with the
//! file). Besides export and import it measures reading and verifying alone (`verify_file`, no
//! store): the import's peak is the merge's (the ops as one list, the merge's own maps and its
//! 64 MB page cache), the same for both formats.
//!
//! The store: a coordinator's store holding, from one volunteer installation, households
//! created (one op per field) and then edited field by field: `households × fields × 1.5` ops
//! (30 per household), merged untimed. It exports everything for a volunteer linked to it
//! (`export_for`); the volunteer's empty store imports the file (`import_files`: verify, backup,
//! merge of a return file from its coordinator). The 2.3 path is the one the version before ran:
//! all ops in a list, the plaintext in memory, encrypted in memory, written; read whole, decrypted
//! whole, verified whole, merged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use keukentafel_domain::{Hlc, ReplicaId, Role, Sources, UserId, UserProfileInput};
use keukentafel_store::schema::{Kind, HOUSEHOLD};
use keukentafel_store::{Op, Received, Store};
use keukentafel_sync::format::{self, Version};
use keukentafel_sync::{envelope, KeyPair, Limits};
use serde_json::{json, Value as Json};
use uuid::Uuid;

mod common;
use common::peak_memory_mb;

/// A volunteer's ops on `households` households: each created (every field), then edited.
fn volunteer_ops(households: usize, start_millis: i64) -> Vec<Op> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let replica = ReplicaId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0001));
    let author = UserId(Uuid::from_u128(0x2000_0000_0000_4000_8000_0000_0000_0001));
    let fields = HOUSEHOLD.fields;
    let count = households * fields.len() * 3 / 2;
    let mut ops = Vec::with_capacity(count);
    let mut millis = start_millis;
    let mut clocks: Vec<BTreeMap<&str, Hlc>> = Vec::new();
    let mut ids = Vec::new();
    let value = |kind: Kind, field: &str, n: u64| match kind {
        Kind::Text if field == "postcode" => json!(format!("{} AB", 3700 + n % 100)),
        Kind::Text if field == "language" => json!(if n.is_multiple_of(2) { "nl" } else { "en" }),
        Kind::Text if field == "name" => json!(format!("Huishouden {}", n % 100_000)),
        Kind::Text => json!(format!("{field} {}", n % 1000)),
        Kind::OptText => Json::Null,
        Kind::Int => json!(n % 5),
        Kind::Bool => json!(false),
        Kind::Json => json!([]),
    };
    while ops.len() < count {
        let creating = ids.len() < households;
        let (h, chosen): (usize, Vec<(&str, Kind)>) = if creating {
            ids.push(Uuid::now_v7());
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
            millis += 1 + rng.random_range(0..2000);
            let hlc = Hlc { millis, counter: 0, replica };
            let seq = ops.len() as i64 + 1;
            ops.push(Op {
                op_id: Uuid::now_v7(),
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

fn open(path: &Path) -> Store {
    Store::open(path, keukentafel_store::testing::key(), Sources::system()).expect("open the bench store")
}

fn profile(store: &mut Store, name: &str, role: Role) {
    store.save_profile(UserProfileInput { name: name.into(), organisation: "Bench".into(), phone: String::new(), role }).unwrap();
}

/// The export, in a child: 3.0 (streamed) or 2.3 (in memory, as before).
fn child_export(legacy: bool, dir: &Path) {
    let store = open(&dir.join("coordinator.sqlite3"));
    let key = keukentafel_sync::load_or_create_identity(&store).unwrap();
    let to = KeyPair::read(&dir.join("volunteer-identity.txt")).unwrap();
    let out = dir.join(if legacy { "out-2.3" } else { "out-3.0" });
    let started = Instant::now();
    let path = if legacy {
        let ops = store.ops_missing_from(&Received::new()).unwrap();
        let manifest = format::Manifest {
            format: format::FORMAT.into(),
            major: 2,
            minor: format::V2_MINOR,
            min_reader: Version { major: 2, minor: 0 },
            schema_version: store.schema_version().unwrap(),
            replica: store.replica(),
            author: "Coördinator".into(),
            role: "coordinator".into(),
            recipient: key.public_key(),
            ranges: format::ranges_of(&ops),
            received: store.received().unwrap(),
            created_at: "2026-12-03T12:00:00.000Z".into(),
            op_count: Some(ops.len() as u64),
            return_file: None,
            households: None,
            acknowledged: None,
            file_number: Some(1),
            receipts: None,
            erase: None,
            erased: None,
            extra: BTreeMap::new(),
        };
        let signing = keukentafel_sync::load_or_create_signing_key(&store).unwrap();
        let plaintext = format::write_plaintext(&manifest, &ops, &signing).unwrap();
        let bytes = envelope::encrypt(&plaintext, &[to.recipient(), key.recipient()]).unwrap();
        let path = out.join("legacy.kt");
        std::fs::create_dir_all(&out).unwrap();
        keukentafel_sync::file::write_atomically(&path, &bytes).unwrap();
        path
    } else {
        PathBuf::from(keukentafel_sync::export_for(&store, &key, &[to.recipient()], &out, chrono::Utc::now()).unwrap().path)
    };
    let took = started.elapsed();
    println!("{} {} {:.2}", path.display(), peak_memory_mb(), took.as_secs_f64());
}

/// A return file, in a child: the coordinator's next file for the volunteer it gave every
/// household (`export_return_file`: the delivery plan picks the ops' positions, the ops stream
/// from the store).
fn child_return(dir: &Path, volunteer: &str) {
    let mut store = open(&dir.join("coordinator.sqlite3"));
    let key = keukentafel_sync::load_or_create_identity(&store).unwrap();
    let out = dir.join("out-return");
    let started = Instant::now();
    let replica: ReplicaId = volunteer.parse().unwrap();
    let path = keukentafel_sync::export_return_file(&mut store, &key, replica, &out, chrono::Utc::now()).unwrap().path;
    println!("{path} {} {:.2}", peak_memory_mb(), started.elapsed().as_secs_f64());
}

/// The coordinator enrols the volunteer and gives it every household (one transaction, untimed).
fn give_everything(dir: &Path, households: &[Uuid]) -> ReplicaId {
    let volunteer = open(&dir.join("volunteer-empty.sqlite3"));
    let key = KeyPair::read(&dir.join("volunteer-identity.txt")).unwrap();
    let pairing = keukentafel_sync::Pairing::for_installation(
        &volunteer.profile().unwrap().unwrap(),
        volunteer.replica(),
        &key,
        &keukentafel_sync::load_or_create_signing_key(&volunteer).unwrap(),
        chrono::Utc::now().date_naive(),
    )
    .unwrap();
    let mut coordinator = open(&dir.join("coordinator.sqlite3"));
    coordinator.enrol(&pairing.enrolment("Coördinator".into(), "2026-12-03T12:00:00Z".into())).unwrap();
    let today = chrono::Utc::now().date_naive().to_string();
    coordinator
        .write(|w| {
            for &h in households {
                let mut f = serde_json::Map::new();
                f.insert("household_id".into(), json!(h.to_string()));
                f.insert("volunteer".into(), json!(pairing.replica().to_string()));
                f.insert("since".into(), json!(today));
                f.insert("until".into(), json!(""));
                let id = keukentafel_domain::assignment_id(keukentafel_domain::HouseholdId(h), pairing.replica());
                w.set(&keukentafel_store::schema::ASSIGNMENT, id, &f, &BTreeMap::new())?;
            }
            Ok(())
        })
        .unwrap();
    pairing.replica()
}

/// The import, in a child: 3.0 through `import_files` (streamed), or 2.3 as before.
fn child_import(legacy: bool, db: &Path, file: &Path, dir: &Path) {
    let mut store = open(db);
    let key = KeyPair::read(&dir.join("volunteer-identity.txt")).unwrap();
    let started = Instant::now();
    let now = chrono::Utc::now();
    let new = if legacy {
        let limits = Limits::DEFAULT;
        let bytes = keukentafel_sync::import::read_file_within(file, &limits).unwrap();
        let plaintext = envelope::decrypt_with(&bytes, &key, limits.max_file_bytes, |line| {
            format::check_first_line(line, limits.max_ops).map(|_| ())
        })
        .unwrap();
        drop(bytes);
        let (claimed, signer) = format::claimed_sender(&plaintext).unwrap();
        let trusted = keukentafel_sync::check_sender(&store, &claimed, &signer).unwrap();
        let contents = format::read_plaintext_with(&plaintext, limits.max_ops).unwrap();
        drop(plaintext);
        keukentafel_sync::import::backup_before_import(&store, now).unwrap();
        keukentafel_sync::import::apply(&mut store, &contents, &trusted, now).unwrap().new
    } else {
        let mut reports = keukentafel_sync::import_files(&mut store, &key, &[file.to_owned()], now, |_| {});
        reports.remove(0).outcome.unwrap().new
    };
    let took = started.elapsed();
    println!("{new} {} {:.2}", peak_memory_mb(), took.as_secs_f64());
}

/// One row of the table: the file, and each child's peak memory and time (`[_, MB, s]`).
fn row(households: usize, ops: usize, what: &str, size: u64, export: &[String], verify: &[String], import: &[String]) {
    let mb = |x: &[String]| x[1].parse::<f64>().unwrap();
    println!(
        "| {households} | {ops} | {what} | {:.1} | {:.0} | {:.0} | {} | {:.0} | {} | {:.0} | {} |",
        size as f64 / 1e6,
        size as f64 / ops as f64,
        mb(export),
        export[2],
        mb(verify),
        verify[2],
        mb(import),
        import[2]
    );
}

fn run_child(args: &[&str]) -> Vec<String> {
    let o = Command::new(std::env::current_exe().unwrap()).arg("child").args(args).output().unwrap();
    assert!(o.status.success(), "child {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().split_whitespace().map(str::to_owned).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("child") {
        let dir = Path::new(&args[3]);
        match args[2].as_str() {
            "export-3.0" => child_export(false, dir),
            "export-2.3" => child_export(true, dir),
            "import-3.0" => child_import(false, Path::new(&args[4]), Path::new(&args[5]), dir),
            "return-3.0" => child_return(dir, &args[4]),
            "import-2.3" => child_import(true, Path::new(&args[4]), Path::new(&args[5]), dir),
            "verify-3.0" | "verify-2.3" => {
                // Reading alone (decrypt, decompress, verify; no store): what the file costs.
                let key = KeyPair::read(&dir.join("volunteer-identity.txt")).unwrap();
                let file = Path::new(&args[4]);
                let started = Instant::now();
                let ops = if args[2] == "verify-3.0" {
                    keukentafel_sync::verify_file(&key, file).unwrap().op_count
                } else {
                    let limits = Limits::DEFAULT;
                    let bytes = keukentafel_sync::import::read_file_within(file, &limits).unwrap();
                    let plaintext = envelope::decrypt(&bytes, &key).unwrap();
                    drop(bytes);
                    format::read_plaintext_with(&plaintext, limits.max_ops).unwrap().ops.len()
                };
                println!("{ops} {} {:.2}", peak_memory_mb(), started.elapsed().as_secs_f64());
            }
            "open" => {
                let store = open(Path::new(&args[4]));
                println!("{} {}", store.op_count().unwrap(), peak_memory_mb());
            }
            other => panic!("unknown child {other}"),
        }
        return;
    }
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .or_else(|_| std::env::var("BENCH_HOUSEHOLDS"))
        .unwrap_or_else(|_| "10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!("| households | ops | format | file (MB) | bytes per op | export peak (MB) | export (s) | read + verify peak (MB) | read + verify (s) | import peak (MB) | import (s) |");
    println!("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for households in sizes {
        let root = tempfile::tempdir_in(std::env::var_os("KT_BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir)).unwrap();
        let dir = root.path();
        // The coordinator's store, holding the volunteer's ops; the volunteer's empty store,
        // linked to the coordinator.
        let start = chrono::Utc::now().timestamp_millis() - 400 * 24 * 3600 * 1000;
        let ops = volunteer_ops(households, start);
        let household_ids: Vec<Uuid> = ops.iter().filter(|o| o.field == "name" && o.base_hlc.is_none()).map(|o| o.entity_id).collect();
        let mut coordinator = open(&dir.join("coordinator.sqlite3"));
        profile(&mut coordinator, "Coördinator", Role::Coordinator);
        coordinator.merge(&ops).unwrap();
        drop(ops);
        // The volunteer's ops and the coordinator's own (its profile).
        let op_count = coordinator.op_count().unwrap() as usize;
        let coordinator_key = keukentafel_sync::load_or_create_identity(&coordinator).unwrap();
        let signing = keukentafel_sync::load_or_create_signing_key(&coordinator).unwrap();
        let pairing = keukentafel_sync::Pairing::for_installation(
            &coordinator.profile().unwrap().unwrap(),
            coordinator.replica(),
            &coordinator_key,
            &signing,
            chrono::Utc::now().date_naive(),
        )
        .unwrap();
        drop(coordinator);
        let empty = dir.join("volunteer-empty.sqlite3");
        let mut volunteer = open(&empty);
        profile(&mut volunteer, "Vrijwilliger", Role::EnergyCoach);
        keukentafel_sync::link_coordinator(&mut volunteer, &pairing.to_line()).unwrap();
        keukentafel_sync::write_identity_file(&volunteer, &dir.join("volunteer-identity.txt")).unwrap();
        drop(volunteer);
        let d = dir.to_str().unwrap();
        let opened = run_child(&["open", d, empty.to_str().unwrap()]);
        eprintln!("an empty store opened: {} MB", opened[1]);
        for format in ["2.3", "3.0"] {
            let e = run_child(&[&format!("export-{format}"), d]);
            let file = PathBuf::from(&e[0]);
            let size = std::fs::metadata(&file).unwrap().len();
            let db = dir.join(format!("volunteer-{format}.sqlite3"));
            std::fs::copy(&empty, &db).unwrap();
            let v = run_child(&[&format!("verify-{format}"), d, file.to_str().unwrap()]);
            assert_eq!(v[0].parse::<usize>().unwrap(), op_count, "every op verified");
            let i = run_child(&[&format!("import-{format}"), d, db.to_str().unwrap(), file.to_str().unwrap()]);
            assert_eq!(i[0].parse::<usize>().unwrap(), op_count, "every op imported");
            row(households, op_count, format, size, &e, &v, &i);
        }
        // The coordinator gives the volunteer every household; its return file then carries
        // them all (and the assignments). Before format 3.0's return files streamed, the
        // delivery plan handed over every op as one list (issue 12: 1.2 GB after 1M ops).
        let replica = give_everything(dir, &household_ids);
        let r = run_child(&["return-3.0", d, &replica.to_string()]);
        let file = PathBuf::from(&r[0]);
        let size = std::fs::metadata(&file).unwrap().len();
        let db = dir.join("volunteer-return.sqlite3");
        std::fs::copy(&empty, &db).unwrap();
        let v = run_child(&["verify-3.0", d, file.to_str().unwrap()]);
        let sent: usize = v[0].parse().unwrap();
        let i = run_child(&["import-3.0", d, db.to_str().unwrap(), file.to_str().unwrap()]);
        row(households, sent, "3.0 return file", size, &r, &v, &i);
    }
}
