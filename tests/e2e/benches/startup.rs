//! The app's start-up in the real window (issue 12: "first rows of the household list within
//! 1 s of launch at 10,000 households and 2 s at 100,000; each keystroke in search shows
//! results within 100 ms"), on stores of several sizes, against the smallest store measured in
//! the same run. Run by `make bench` with the release app under Xvfb:
//!
//! ```text
//! KEUKENTAFEL_E2E_PROFILE=release xvfb-run -a cargo bench --workspace --bench startup
//! ```
//!
//! `KT_STARTUP_SIZES` (default `40,10000,100000`) sets the stores; each is made once into
//! `$KT_BENCH_DIR/keukentafel-bench/startup-<n>.sqlite3` through the store itself (households
//! only: the list is what is measured; the demo's visits and answers would take hours at
//! 100,000). Per store, medians of `KT_STARTUP_RUNS` (default 3) launches:
//! - **window**: launch until the start screen shows (the window and its page);
//! - **first rows**: the passphrase submitted until the first household row shows (the key is
//!   derived on purpose slowly, about the same at every size: also shown alone), on a store
//!   closed cleanly and checked this week (the usual start; see `run`);
//! - **search**: a name typed into the search field until the list shows only its matches;
//! - **memory**: the memory of the app and its WebKit processes with the list shown (the sum of
//!   their PSS, and the sum of their VmRSS, which counts shared libraries once per process).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use keukentafel_domain::{HouseholdInput, Role, Sources, UserProfileInput};
use keukentafel_e2e::{App, TauriDriver, PASSPHRASE, TIMEOUT};

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name).unwrap_or_else(|_| default.into()).split(',').filter_map(|s| s.trim().parse().ok()).collect()
}

const FAMILIES: &[&str] = &["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Yılmaz", "El Amrani", "Nguyen", "Boateng"];
const WIJKEN: &[&str] = &["Smitsveen", "Soest-Zuid", "Overhees", "Klaarwater", "De Eng", "Soesterberg"];

/// A store of `n` households (made once, kept for the next run), one of them named "Fam.
/// Zoekmij" for the search.
fn store(dir: &Path, n: usize) -> PathBuf {
    let db = dir.join(format!("startup-{n}.sqlite3"));
    if db.exists() {
        return db;
    }
    let part = dir.join(format!("startup-{n}.part.sqlite3"));
    let _ = std::fs::remove_file(&part);
    let t = Instant::now();
    let mut store = keukentafel_store::Store::unlock(&part, PASSPHRASE, Sources::system()).expect("a new store");
    store
        .save_profile(UserProfileInput { name: "Anna de Vries".into(), organisation: "EAS".into(), phone: String::new(), role: Role::Coordinator })
        .expect("profile");
    for i in 0..n {
        let name = if i == n / 2 { "Fam. Zoekmij".to_owned() } else { format!("Fam. {} {}", FAMILIES[i % FAMILIES.len()], i + 1) };
        let input = HouseholdInput {
            name,
            street_address: format!("Griftlaan {}", i + 1),
            postcode: format!("37{:02} AB", 60 + i % 10),
            city: "Soest".into(),
            wijk: WIJKEN[i % WIJKEN.len()].into(),
            adults: 1,
            ..Default::default()
        };
        store.create_household(input).expect("a household");
    }
    drop(store);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", part.display()));
    }
    std::fs::rename(&part, &db).expect("rename the store");
    eprintln!("made {} in {:.0} s", db.display(), t.elapsed().as_secs_f64());
    db
}

/// Memory of these processes together, in MB: the sum of their proportional set sizes (PSS:
/// a shared page counts for each process by its share, so the WebKit processes' shared
/// libraries are not counted three times, as a sum of VmRSS would), and that sum of VmRSS.
fn memory_mb(pids: &[i32]) -> (f64, f64) {
    let field = |file: &str, name: &str| -> f64 {
        pids.iter()
            .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok())
            .filter_map(|s| s.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok()))
            .sum::<f64>()
            / 1024.0
    };
    (field("smaps_rollup", "Pss:"), field("status", "VmRSS:"))
}

struct Run {
    window: Duration,
    rows: Duration,
    search: Duration,
    memory: (f64, f64),
}

async fn run(driver: &TauriDriver, db: &Path) -> Run {
    // The usual start: the store was closed cleanly and had its full check this week. (The
    // harness ends the app by killing it, which leaves a write-ahead log: the next open would
    // check every page first, as after a crash; and a store never checked runs its weekly check
    // beside the window while the first rows are read.) Opening it once here, untimed, folds
    // the log in and notes the check.
    drop(keukentafel_store::Store::unlock(db, PASSPHRASE, Sources::system()).expect("the store opens"));
    let launched = Instant::now();
    let app = App::launch_locked(driver, db).await;
    app.wait_for("#unlock-passphrase", TIMEOUT).await;
    let window = launched.elapsed();
    app.fill("#unlock-passphrase", PASSPHRASE).await;
    let submitted = Instant::now();
    app.click("#unlock-submit").await;
    app.wait_for("[data-testid=household-row]", TIMEOUT).await;
    let rows = submitted.elapsed();
    let memory = memory_mb(&app.pids());
    let typed = Instant::now();
    app.fill("#search", "zoekmij").await;
    app.wait_until("the search shows only its match", TIMEOUT, || async {
        app.texts("[data-testid=household-row]").await.iter().all(|t| t.contains("Zoekmij"))
            && app.count("[data-testid=household-row]").await == 1
    })
    .await;
    let search = typed.elapsed();
    app.close().await;
    Run { window, rows, search, memory }
}

fn median<T: Copy + PartialOrd>(mut xs: Vec<T>) -> T {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    xs[xs.len() / 2]
}

fn main() {
    let sizes = env_list("KT_STARTUP_SIZES", "40,10000,100000");
    let runs = env_list("KT_STARTUP_RUNS", "3").first().copied().unwrap_or(3).max(1);
    let dir = std::env::var_os("KT_BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir).join("keukentafel-bench");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let stores: Vec<(usize, PathBuf)> = sizes.iter().map(|&n| (n, store(&dir, n))).collect();
    // The key is derived on purpose slowly; that part of "first rows" is the same at every size.
    let t = Instant::now();
    keukentafel_store::StoreKey::for_file(&stores[0].1, PASSPHRASE).expect("the key");
    let key = t.elapsed();

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let mut rows = Vec::new();
    for (n, db) in &stores {
        let driver = TauriDriver::start(&[]);
        let results: Vec<Run> = (0..runs).map(|_| rt.block_on(run(&driver, db))).collect();
        let ms = |f: &dyn Fn(&Run) -> Duration| median(results.iter().map(|r| f(r).as_secs_f64() * 1000.0).collect());
        let pss = median(results.iter().map(|r| r.memory.0).collect());
        let rss = median(results.iter().map(|r| r.memory.1).collect());
        rows.push((*n, ms(&|r| r.window), ms(&|r| r.rows), ms(&|r| r.search), pss, rss));
    }
    println!("start-up of the {} app in the real window; medians of {runs} launches; key derivation alone {:.0} ms", keukentafel_e2e::profile(), key.as_secs_f64() * 1000.0);
    println!("| households | window (ms) | unlock → first rows (ms) | × smallest | search → one match (ms) | × smallest | app + WebKit, PSS (MB) | × smallest | sum of VmRSS (MB) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let (_, _, rows0, search0, pss0, _) = rows[0];
    for (n, window, first, search, pss, rss) in &rows {
        println!("| {n} | {window:.0} | {first:.0} | {:.2} | {search:.0} | {:.2} | {pss:.0} | {:.2} | {rss:.0} |", first / rows0, search / search0, pss / pss0);
    }
}
