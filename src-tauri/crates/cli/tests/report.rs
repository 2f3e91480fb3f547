//! `keukentafel-cli report` on a demo store: the numbers equal an independent count made here
//! from `keukentafel-cli dump`; every count under five households is hidden; the XLSX read
//! back by an independent reader (Python's openpyxl) holds the same numbers and its charts; the
//! CSV files read back hold them too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value as Json;

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");
const FROM: &str = "2026-01-01";
const TO: &str = "2026-11-23";

fn run(args: &[&str]) -> std::process::Output {
    Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", keukentafel_store::testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs")
}

fn json(args: &[&str]) -> Json {
    let o = run(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn demo(dir: &Path) -> String {
    let db = dir.join("demo.sqlite3").to_str().unwrap().to_owned();
    let o = run(&["demo", "--db", &db, "--households", "60", "--visits-per-household", "4", "--today", TO]);
    assert!(o.status.success(), "demo: {}", String::from_utf8_lossy(&o.stderr));
    db
}

fn table<'a>(report: &'a Json, id: &str) -> &'a Json {
    report["tables"].as_array().unwrap().iter().find(|t| t["id"] == id).unwrap_or_else(|| panic!("table {id}"))
}

/// The cell of the row labelled `label` (Dutch) in column `c`: `Some(value)`, or `None` when hidden.
fn cell(t: &Json, label: &str, c: usize) -> Option<f64> {
    let row = t["rows"].as_array().unwrap().iter().find(|r| r["label"]["nl"] == label).unwrap_or_else(|| panic!("row {label} in {}", t["id"]));
    let cell = &row["cells"][c];
    match cell["kind"].as_str().unwrap() {
        "value" => Some(cell["value"].as_f64().unwrap()),
        "suppressed" => None,
        other => panic!("unexpected cell {other}"),
    }
}

/// A count of `households` shown as `count`: equal when shown, hidden when under five.
fn check(what: &str, shown: Option<f64>, count: usize, households: usize) {
    // Hidden (`None`): small, or protecting a small one.
    if let Some(v) = shown {
        assert!(households >= 5, "{what}: {households} households shown");
        assert_eq!(v, count as f64, "{what}");
    }
    if households < 5 {
        assert!(shown.is_none(), "{what}: {households} households must be hidden");
    }
}

fn in_period(d: &Json) -> bool {
    let d = d.as_str().unwrap_or("");
    (FROM..=TO).contains(&d)
}

#[test]
fn report_numbers_equal_an_independent_count_from_the_dump() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let dump = json(&["dump", "--db", &db]);
    let report = json(&["report", "--db", &db, "--from", FROM, "--to", TO, "--today", TO]);

    // Households not archived, by id → wijk.
    let wijk: BTreeMap<String, String> = dump["households"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["archived"] != Json::Bool(true))
        .map(|h| (h["id"].as_str().unwrap().to_owned(), h["wijk"].as_str().unwrap().to_owned()))
        .collect();
    let visits: Vec<&Json> = dump["visits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["archived"] != Json::Bool(true) && wijk.contains_key(v["household_id"].as_str().unwrap()))
        .collect();
    let done: Vec<&&Json> = visits.iter().filter(|v| v["status"] == "done" && in_period(&v["planned_date"])).collect();

    // Households reached and new, per wijk.
    let t = table(&report, "households");
    let wijken: BTreeSet<&String> = wijk.values().collect();
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    for v in visits.iter().filter(|v| v["status"] == "done") {
        let h = v["household_id"].as_str().unwrap();
        let d = v["planned_date"].as_str().unwrap();
        let e = first.entry(h).or_insert(d);
        if d < *e {
            *e = d;
        }
    }
    for w in &wijken {
        let reached: BTreeSet<&str> =
            done.iter().map(|v| v["household_id"].as_str().unwrap()).filter(|h| &wijk[*h] == *w).collect();
        let new = reached.iter().filter(|h| first[**h] >= FROM && first[**h] <= TO).count();
        check(&format!("new in {w}"), cell(t, w, 0), new, new);
        check(&format!("reached in {w}"), cell(t, w, 1), reached.len(), reached.len());
    }
    let reached: BTreeSet<&str> = done.iter().map(|v| v["household_id"].as_str().unwrap()).collect();
    assert_eq!(cell(t, "Totaal", 1), Some(reached.len() as f64), "60 households: the total is shown");

    // Visits by kind.
    let t = table(&report, "visits");
    for (kind, label) in [("intake", "Kennismaking"), ("combined", "Gecombineerd bezoek"), ("follow_up", "Terugkombezoek")] {
        let these: Vec<_> = done.iter().filter(|v| v["kind"] == kind).collect();
        let households: BTreeSet<&str> = these.iter().map(|v| v["household_id"].as_str().unwrap()).collect();
        check(&format!("{kind} visits"), cell(t, label, 0), these.len(), households.len());
        check(&format!("{kind} households"), cell(t, label, 1), households.len(), households.len());
    }
    assert_eq!(cell(t, "Totaal", 0), Some(done.len() as f64));

    // Referrals made at the done visits of the period, by outcome.
    let done_ids: BTreeSet<&str> = done.iter().map(|v| v["id"].as_str().unwrap()).collect();
    let referrals: Vec<&Json> = dump["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "referral" && t["archived"] != Json::Bool(true))
        .filter(|t| t["visit_id"].as_str().is_some_and(|v| done_ids.contains(v)))
        .collect();
    let t = table(&report, "referrals");
    let households = |f: &dyn Fn(&Json) -> bool| referrals.iter().filter(|r| f(r)).map(|r| r["household_id"].as_str().unwrap()).collect::<BTreeSet<_>>().len();
    let count = |f: &dyn Fn(&Json) -> bool| referrals.iter().filter(|r| f(r)).count();
    check("referrals", cell(t, "Totaal", 0), count(&|_| true), households(&|_| true));
    check("referrals done", cell(t, "Totaal", 1), count(&|r| r["status"] == "done"), households(&|r| r["status"] == "done"));
    let open = |r: &Json| r["status"] == "open" || r["status"] == "in_progress";
    check("referrals open", cell(t, "Totaal", 2), count(&open), households(&open));
    assert!(cell(t, "Totaal", 0).is_some(), "60 households make enough referrals to show");

    // Follow-up visits dated in the period.
    let t = table(&report, "follow_ups");
    let planned: BTreeSet<&str> = visits
        .iter()
        .filter(|v| v["kind"] == "follow_up" && v["status"] != "cancelled" && in_period(&v["planned_date"]))
        .map(|v| v["household_id"].as_str().unwrap())
        .collect();
    let done_fu: BTreeSet<&str> = visits
        .iter()
        .filter(|v| v["kind"] == "follow_up" && v["status"] == "done" && in_period(&v["planned_date"]))
        .map(|v| v["household_id"].as_str().unwrap())
        .collect();
    check("follow-ups planned", cell(t, "Terugkombezoeken", 0), planned.len(), planned.len());
    check("follow-ups done", cell(t, "Terugkombezoeken", 1), done_fu.len(), done_fu.len());

    // Materials handed out in the period.
    let t = table(&report, "materials");
    let out: Vec<&Json> = dump["stock_movements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "handed_out" && in_period(&m["date"]))
        .filter(|m| m["household_id"].as_str().is_some_and(|h| wijk.contains_key(h)))
        .collect();
    let number: i64 = out.iter().map(|m| -m["delta"].as_i64().unwrap()).sum();
    let households: BTreeSet<&str> = out.iter().map(|m| m["household_id"].as_str().unwrap()).collect();
    check("materials handed out", cell(t, "Totaal", 1), number as usize, households.len());
    assert!(number > 0);

    // Anonymous: no household name, address or note is in the report.
    let text = report.to_string();
    for h in dump["households"].as_array().unwrap() {
        for field in ["name", "street_address", "notes", "postcode"] {
            let v = h[field].as_str().unwrap();
            if v.len() > 3 {
                assert!(!text.contains(v), "{field} {v:?} is in the report");
            }
        }
    }
}

/// Reads every sheet of an XLSX with openpyxl and lists the chart parts of the zip.
const READ_XLSX: &str = r#"
import json, sys, zipfile, openpyxl
path = sys.argv[1]
book = openpyxl.load_workbook(path, data_only=True)
sheets = {ws.title: [[c for c in row] for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
charts = sorted(n for n in zipfile.ZipFile(path).namelist() if n.startswith("xl/charts/chart") and n.endswith(".xml"))
print(json.dumps({"order": book.sheetnames, "sheets": sheets, "charts": charts}, default=str))
"#;

#[test]
fn the_xlsx_and_the_csv_files_hold_the_same_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let report = json(&["report", "--db", &db, "--from", FROM, "--to", TO, "--today", TO]);
    let xlsx = dir.path().join("rapport.xlsx");
    let saved = json(&["report", "--db", &db, "--from", FROM, "--to", TO, "--today", TO, "--out", xlsx.to_str().unwrap()]);
    assert_eq!(saved["files"][0], xlsx.to_str().unwrap());

    let o = Command::new("/usr/bin/python3").arg("-c").arg(READ_XLSX).arg(&xlsx).output().expect("python3 with openpyxl (apt: python3-openpyxl)");
    assert!(o.status.success(), "openpyxl: {}", String::from_utf8_lossy(&o.stderr));
    let read: Json = serde_json::from_slice(&o.stdout).unwrap();
    let order: Vec<&str> = read["order"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(order[0], "Voorblad");
    let tables = report["tables"].as_array().unwrap();
    assert_eq!(order.len(), tables.len() + 1, "a cover and one sheet per table");

    // The cover states the period, the figures version and the suppression rule.
    let cover = read["sheets"]["Voorblad"].to_string();
    assert!(cover.contains("01-01-2026 t/m 23-11-2026"), "{cover}");
    assert!(cover.contains("figures-2026 versie 1"), "{cover}");
    assert!(cover.contains("minder dan 5 huishoudens"), "{cover}");

    let mut charted = 0;
    for (i, t) in tables.iter().enumerate() {
        let rows = read["sheets"][order[i + 1]].as_array().unwrap();
        // Header on row 4 (index 3), data from index 4; column 0 is the label.
        for (r, row) in t["rows"].as_array().unwrap().iter().enumerate() {
            let got = rows[4 + r].as_array().unwrap();
            assert_eq!(got[0], row["label"]["nl"], "{} row {r}", t["id"]);
            for (c, want) in row["cells"].as_array().unwrap().iter().enumerate() {
                let g = &got[c + 1];
                match want["kind"].as_str().unwrap() {
                    "value" => {
                        let w = want["value"].as_f64().unwrap();
                        assert!((g.as_f64().unwrap_or(f64::NAN) - w).abs() < 1e-9, "{} row {r} col {c}: {g} ≠ {w}", t["id"]);
                    }
                    "suppressed" => assert_eq!(g, "<5", "{} row {r} col {c}", t["id"]),
                    _ => assert!(g.is_null() || g == "", "{} row {r} col {c}: {g}", t["id"]),
                }
            }
        }
        if !t["chart"].is_null() && t["rows"].as_array().unwrap().iter().any(|r| r["total"] == false) {
            charted += 1;
        }
    }
    assert!(charted >= 5);
    assert_eq!(read["charts"].as_array().unwrap().len(), charted, "one native chart per charted table: {}", read["charts"]);

    // CSV: one file per table, BOM, `;`, decimal comma, "<5".
    let csv_dir = dir.path().join("csv");
    let saved = json(&["report", "--db", &db, "--from", FROM, "--to", TO, "--today", TO, "--format", "csv", "--out", csv_dir.to_str().unwrap()]);
    let files = saved["files"].as_array().unwrap();
    assert_eq!(files.len(), tables.len());
    for (i, t) in tables.iter().enumerate() {
        let bytes = std::fs::read(files[i].as_str().unwrap()).unwrap();
        assert_eq!(&bytes[..3], b"\xef\xbb\xbf", "UTF-8 BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("# "), "{}", lines[0]);
        for (r, row) in t["rows"].as_array().unwrap().iter().enumerate() {
            let fields: Vec<&str> = lines[3 + r].split(';').collect();
            for (c, want) in row["cells"].as_array().unwrap().iter().enumerate() {
                let f = fields[c + 1];
                match want["kind"].as_str().unwrap() {
                    "value" => {
                        let v: f64 = f.replace(',', ".").parse().unwrap_or_else(|_| panic!("{} row {r}: {f:?}", t["id"]));
                        let w = want["value"].as_f64().unwrap();
                        assert!((v - w).abs() < 1e-9, "{} row {r} col {c}: {f} ≠ {w}", t["id"]);
                    }
                    "suppressed" => assert_eq!(f, "<5"),
                    _ => assert_eq!(f, ""),
                }
            }
        }
    }
}

#[test]
fn bad_input_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dir.path().join("r.xlsx");
    let o = run(&["report", "--db", &db, "--from", TO, "--to", FROM, "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("before the start date"));
    let o = run(&["report", "--db", &db, "--from", FROM, "--to", TO, "--wijk", "Atlantis", "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Atlantis"));
    assert!(!out.exists(), "nothing written for a refused report");
    let o = run(&["report", "--db", &db, "--from", FROM, "--to", TO, "--out", "/proc/rapport.xlsx"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot be saved"), "{}", String::from_utf8_lossy(&o.stderr));
}
