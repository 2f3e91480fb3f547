//! How fast the municipal report and the overview are on a large store, measured against a
//! plain `SELECT count(*)` over the same tables in the same run (so the figures travel between
//! machines as ratios), and against reading every visit's report columns once (SQLite answers
//! a repeated count from pages it has cached, so that baseline alone is near zero). Run in
//! release:
//!
//! ```text
//! cargo bench -p keukentafel-cli --bench report
//! ```
//!
//! The store (10,000 households, 10 visits each: `keukentafel-cli demo --households 10000
//! --visits-per-household 10`) is built once and kept in `$KT_BENCH_DIR` (default: the system
//! temp folder), since building it takes minutes. `KT_BENCH_HOUSEHOLDS` and
//! `KT_BENCH_VISITS` change the size. The report is timed cold (the cache of visits' key
//! figures empty, so every visit is evaluated and cached) and warm (read from the cache); the
//! period is the whole demo year.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use keukentafel_api::report::{self, ReportRequest};
use keukentafel_api::Templates;
use keukentafel_domain::Sources;
use keukentafel_store::Store;

const RUNS: usize = 7;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    let runs: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    median(runs)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let households = env_usize("KT_BENCH_HOUSEHOLDS", 10_000);
    let visits = env_usize("KT_BENCH_VISITS", 10);
    let dir = std::env::var_os("KT_BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir).join("keukentafel-bench");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let db = dir.join(format!("report-{households}x{visits}.sqlite3"));
    let today = "2026-11-23";
    if !db.exists() {
        let part = dir.join(format!("report-{households}x{visits}.part.sqlite3"));
        let _ = std::fs::remove_file(&part);
        let t = Instant::now();
        let o = Command::new(env!("CARGO_BIN_EXE_keukentafel-cli"))
            .env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE)
            .args(["demo", "--db", part.to_str().expect("utf-8 path")])
            .args(["--households", &households.to_string(), "--visits-per-household", &visits.to_string(), "--today", today])
            .output()
            .expect("keukentafel-cli demo runs");
        assert!(o.status.success(), "demo: {}", String::from_utf8_lossy(&o.stderr));
        std::fs::rename(&part, &db).expect("rename the bench store");
        println!("built {} in {:.0} s: {}", db.display(), t.elapsed().as_secs_f64(), String::from_utf8_lossy(&o.stderr).trim());
    }
    let mut store = Store::unlock(&db, keukentafel_store::testing::PASSPHRASE, Sources::system()).expect("open the bench store");
    let templates = Templates::builtin().expect("templates");
    let today: NaiveDate = today.parse().expect("a date");
    let request = ReportRequest { from: NaiveDate::from_ymd_opt(2025, 11, 24).expect("a date"), to: today, wijken: Vec::new() };

    let rows: i64 = ["households", "visits", "tasks", "stock_movements"]
        .iter()
        .map(|t| store.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).expect("count"))
        .sum();
    let count = time(|| {
        ["households", "visits", "tasks", "stock_movements"]
            .iter()
            .map(|t| store.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).expect("count"))
            .sum::<i64>()
    });

    // A second baseline that does not come from SQLite's cached counts: every visit row's
    // report columns read once through rusqlite (the least a report over every visit reads).
    let scan_visits = || {
        let mut stmt = store
            .conn()
            .prepare_cached("SELECT id, household_id, kind, status, planned_date, template_id, template_version FROM visits")
            .expect("prepare");
        let mut rows = stmt.query([]).expect("query");
        let mut bytes = 0usize;
        while let Some(r) = rows.next().expect("row") {
            for i in 0..5 {
                bytes += r.get_ref(i).expect("column").as_str().map_or(0, str::len);
            }
        }
        bytes
    };
    let scan = time(scan_visits);

    // KT_BENCH_PROFILE=N: only the warm report, N times (for a profiler), and nothing else.
    if let Some(n) = std::env::var("KT_BENCH_PROFILE").ok().and_then(|v| v.parse::<usize>().ok()) {
        for _ in 0..n {
            std::hint::black_box(report::report(&mut store, &templates, &request, today).expect("report"));
        }
        return;
    }
    // Cold: no cached figures (every visit's checklist evaluated once, then cached).
    store.conn().execute("DELETE FROM visit_figures", []).expect("empty the cache");
    let t = Instant::now();
    let first = report::report(&mut store, &templates, &request, today).expect("report");
    let cold = t.elapsed();
    let warm = time(|| report::report(&mut store, &templates, &request, today).expect("report"));
    let overview = time(|| keukentafel_api::overview::overview(&store, today, 30).expect("overview"));
    let cached: i64 = store.conn().query_row("SELECT count(*) FROM visit_figures", [], |r| r.get(0)).expect("count");

    println!("store: {households} households, {visits} visits each ({rows} rows in households, visits, tasks, stock_movements); {cached} visits' figures cached; {} tables", first.tables.len());
    println!("| what | median of {RUNS} (ms) | × SELECT count(*) | × reading every visit |");
    println!("|---|---:|---:|---:|");
    println!("| SELECT count(*) over households, visits, tasks, stock_movements | {:.2} | 1 | |", ms(count));
    println!("| reading every visit's report columns (rusqlite) | {:.1} | {:.0} | 1 |", ms(scan), ms(scan) / ms(count));
    for (what, d) in [("overview", overview), ("report, figures cached", warm), ("report, cache empty (one run)", cold)] {
        println!("| {what} | {:.1} | {:.0} | {:.1} |", ms(d), ms(d) / ms(count), ms(d) / ms(scan));
    }
}
