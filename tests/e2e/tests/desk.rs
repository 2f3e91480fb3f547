//! The coordinator's desk in the real window. Four volunteers' laptops are prepared with the
//! CLI (demo data, linked and enrolled); one of them sent its only file 40 days ago. In the
//! window the coordinator reads in the other three volunteers' files, and:
//! - Overzicht shows as many households as the store holds (counted from `dump`), the visits
//!   the CLI's overview counts, a chart above each table, and the volunteer who sent nothing
//!   for a month stands out while the three others do not;
//! - Voorraad shows what the volunteers' closed visits handed out (counted from `dump`); the
//!   coordinator sets a price and a low level, books stock received, and sees the low warning;
//! - Rapportage shows the report's tables for the period (as many as the CLI's report has) and
//!   saves it as an Excel file into the chosen folder.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};
use serde_json::Value;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// A volunteer's laptop with demo data, enrolled with the coordinator; returns its export file
/// for the coordinator and its installation id.
fn volunteer(dir: &Path, name: &str, seed: &str, households: &str, coordinator: &Path, key: &str) -> (PathBuf, String) {
    let db = dir.join(name).join("keukentafel.sqlite3");
    cli(&["demo", "--db", s(&db), "--households", households, "--seed", seed, "--today", &today()]);
    let code = cli(&["pairing", "--db", s(&db)]).lines().next().unwrap().to_owned();
    let shown: Value = serde_json::from_str(&cli(&["pairing-show", "--code", &code])).unwrap();
    let replica = shown["pairing"]["replica"].as_str().unwrap().to_owned();
    cli(&["enroll", "--db", s(coordinator), "--pairing", &code]);
    let usb = dir.join(format!("usb-{name}"));
    let file = PathBuf::from(cli(&["export", "--db", s(&db), "--out", s(&usb), "--recipient", key]).trim());
    (file, replica)
}

/// Items handed out per item id, counted from the movements in `dump`.
fn handed_out(db: &Path) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for m in dump(db)["stock_movements"].as_array().unwrap() {
        if m["kind"] == "handed_out" {
            *out.entry(m["item_id"].as_str().unwrap().to_owned()).or_default() += -m["delta"].as_i64().unwrap();
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_coordinator_sees_the_caseload_the_late_volunteer_and_the_stock() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let c_db = dir.path().join("coordinator").join("keukentafel.sqlite3");
    cli(&["init", "--db", s(&c_db), "--name", "Carla Bakker", "--role", "coordinator", "--organisation", "Energie Actief Soest"]);
    let key = cli(&["key", "--db", s(&c_db)]).trim().to_owned();

    let files: Vec<PathBuf> = [("anna", "31", "4"), ("bram", "32", "3"), ("chris", "33", "5")]
        .into_iter()
        .map(|(name, seed, n)| volunteer(dir.path(), name, seed, n, &c_db, &key).0)
        .collect();
    // Dirk sent one file, 40 days ago: read in then, and not heard from since.
    let (dirk_file, dirk) = volunteer(dir.path(), "dirk", "34", "2", &c_db, &key);
    cli(&["import", "--db", s(&c_db), s(&dirk_file)]);
    {
        let db = rusqlite::Connection::open(&c_db).unwrap();
        // SQLCipher's own key derivation from the passphrase: the store is a standard SQLCipher file.
        db.pragma_update(None, "key", keukentafel_e2e::PASSPHRASE).unwrap();
        let then = (chrono::Utc::now() - chrono::Duration::days(40)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let n = db.execute("UPDATE peers SET last_import = ?1 WHERE replica = ?2", rusqlite::params![then, dirk]).unwrap();
        assert_eq!(n, 1, "Dirk's file was read in");
    }

    let app = App::launch(&driver, &c_db).await;
    app.wait_for("#new-household", TIMEOUT).await;

    // 1. The three volunteers' files, read in in the window.
    open_sync(&app).await;
    let paths: Vec<&str> = files.iter().map(|f| s(f)).collect();
    let report = import(&app, &paths).await;
    for row in &report {
        assert_eq!(row["refusal"], Value::Null, "{row}");
        assert!(row["new"].as_u64().unwrap() > 0, "{row}");
    }

    // 2. Overzicht: the counts, the charts, the late volunteer.
    app.click("#nav-overview").await;
    app.wait_for("#overview-households table", TIMEOUT).await;
    let d = dump(&c_db);
    let households = d["households"].as_array().unwrap().iter().filter(|h| h["archived"] != Value::Bool(true)).count();
    assert!(households >= 10, "four volunteers' households: {households}");
    assert_eq!(app.text("[data-testid=count-total-total]").await.trim(), households.to_string());
    let overview: Value = serde_json::from_str(&cli(&["overview", "--db", s(&c_db)])).unwrap();
    let quarter = overview["visits"]["done_this_quarter"]["visits"]["total"].as_u64().unwrap();
    assert_eq!(app.text("[data-testid=visits-quarter]").await.trim(), quarter.to_string());
    for chart in ["#chart-households canvas", "#chart-visits canvas", "#chart-tasks canvas"] {
        app.wait_for(chart, TIMEOUT).await;
    }
    assert_eq!(app.count("[data-testid=volunteer-row]").await, 4);
    let standing_out = app
        .eval(
            "return Array.from(document.querySelectorAll('[data-testid=volunteer-row]'))
               .filter(r => r.querySelector('[data-testid=stands-out]'))
               .map(r => r.querySelector('th').innerText);",
            vec![],
        )
        .await;
    let dirk_name = overview["volunteers"].as_array().unwrap().iter().find(|v| v["replica"] == dirk.as_str()).unwrap()["name"].clone();
    assert_eq!(standing_out, Value::Array(vec![dirk_name]), "only the volunteer not heard from for 40 days stands out");
    shot(&app, "desk-overview").await;

    // 3. Voorraad: what the visits handed out, a price and low level, stock received.
    app.click("#to-stock").await;
    app.wait_for("[data-testid=stock-row]", TIMEOUT).await;
    let out = handed_out(&c_db);
    let (item, given) = out.iter().next().map(|(k, v)| (k.clone(), *v)).expect("the demo visits handed out materials");
    let row = format!("[data-testid=stock-row][data-item='{item}']");
    assert_eq!(app.text(&format!("{row} [data-testid=on-hand]")).await.trim(), (-given).to_string());
    // A click that lands while WebKit is still laying out the new screen can be lost (seen once
    // in a clean-clone run): click again until the dialog is open, never once it is.
    let edit = format!("{row} button:first-of-type");
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        app.click(&edit).await;
        if app.try_wait_for("#item-cost", std::time::Duration::from_secs(3)).await.is_some() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the item dialog did not open");
    }
    fill(&app, "#item-cost", "2,50").await;
    fill(&app, "#item-low", "20").await;
    app.click("#save-item").await;
    app.wait_gone("#item-cost", TIMEOUT).await;
    app.select("#move-item", &item).await;
    fill(&app, "#move-quantity", "24").await;
    app.click("#book").await;
    app.wait_for_text(&format!("{row} [data-testid=on-hand]"), &(24 - given).to_string(), TIMEOUT).await;
    if 24 - given <= 20 {
        app.wait_for("#low-banner", TIMEOUT).await;
        app.wait_for(&format!("{row} [data-testid=low]"), TIMEOUT).await;
    }
    app.wait_for("[data-testid=movement-row]", TIMEOUT).await;
    shot(&app, "desk-stock").await;
    let stock: Value = serde_json::from_str(&cli(&["stock", "--db", s(&c_db)])).unwrap();
    let level = stock["items"].as_array().unwrap().iter().find(|l| l["item"]["id"] == item.as_str()).unwrap();
    assert_eq!(level["on_hand"], 24 - given);
    assert_eq!(level["item"]["unit_cost_cents"], 250);

    // 4. Rapportage: the whole year up to today, shown and saved as Excel.
    app.click("#nav-overview").await;
    app.wait_for("#to-report", TIMEOUT).await;
    app.click("#to-report").await;
    app.wait_for("#report-from", TIMEOUT).await;
    let from = format!("{}-01-01", &today()[..4]);
    set_value(&app, "#report-from", &from).await;
    set_value(&app, "#report-to", &today()).await;
    app.click("#make-report").await;
    app.wait_for("[data-testid=report-table]", TIMEOUT).await;
    let report: Value = serde_json::from_str(&cli(&["report", "--db", s(&c_db), "--from", &from, "--to", &today()])).unwrap();
    let tables = report["tables"].as_array().unwrap().len();
    assert!(tables >= 9, "{tables} tables");
    assert_eq!(app.count("[data-testid=report-table]").await, tables);
    let reports = dir.path().join("rapporten");
    fill(&app, "#report-folder", s(&reports)).await;
    app.click("#save-xlsx").await;
    app.wait_for("#report-saved", TIMEOUT).await;
    let saved = app.text("[data-testid=saved-file]").await.trim().to_owned();
    assert!(saved.ends_with(".xlsx") && saved.starts_with(s(&reports)), "{saved}");
    let bytes = std::fs::read(&saved).expect("the Excel file was written");
    assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip file");
    shot(&app, "desk-report").await;

    app.close().await;
}
