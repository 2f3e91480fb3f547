//! `keukentafel-cli inzage` on a demo store: the household's copy is written as HTML (mode
//! 0600) holding what `dump --household` holds, in words; an existing file is refused without
//! `--force` and left as it was; an unknown household is refused with a message.

use std::path::Path;
use std::process::{Command, Output};

use keukentafel_store::testing;
use serde_json::Value as Json;

const CLI: &str = env!("CARGO_BIN_EXE_keukentafel-cli");

fn cli(args: &[&str]) -> Output {
    Command::new(CLI).env("KEUKENTAFEL_PASSPHRASE", testing::PASSPHRASE).args(args).output().expect("keukentafel-cli runs")
}

fn ok(args: &[&str]) -> String {
    let o = cli(args);
    assert!(o.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn inzage_writes_the_households_copy_and_replaces_a_file_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite3");
    ok(&["demo", "--db", s(&db), "--households", "3"]);
    let dump: Json = serde_json::from_str(&ok(&["dump", "--db", s(&db)])).unwrap();
    let households = dump["households"].as_array().unwrap();
    let (h, other) = (&households[0], &households[1]);
    let id = h["id"].as_str().unwrap();
    let mine: Json = serde_json::from_str(&ok(&["dump", "--db", s(&db), "--household", id])).unwrap();

    let out = dir.path().join("uit").join("inzage.html");
    let saved: Json = serde_json::from_str(&ok(&["inzage", "--db", s(&db), "--household", id, "--out", s(&out), "--today", "2026-12-03"])).unwrap();
    assert_eq!(saved["file"], s(&out));
    let html = std::fs::read_to_string(&out).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(html.contains("<h1>Wat Keukentafel over u bewaart</h1>"));
    assert!(html.contains("Gemaakt op</dt><dd>03-12-2026"));
    assert!(!html.to_lowercase().contains("<script"));
    // The texts the dump holds about the household are in the copy; the other's name is not.
    let escape = keukentafel_api::inzage::html::escape;
    for field in ["name", "street_address", "postcode", "city", "notes"] {
        let v = mine["household"][field].as_str().unwrap();
        if !v.is_empty() {
            assert!(html.contains(&escape(v)), "{field} = {v:?} is in the copy");
        }
    }
    for v in mine["visits"].as_array().unwrap() {
        let summary = v["summary"].as_str().unwrap();
        if !summary.is_empty() {
            assert!(html.contains(&escape(summary)), "the visit's summary {summary:?} is in the copy");
        }
    }
    let changes = html.matches("<tr><td>").count();
    assert!(changes >= mine["history"].as_array().unwrap().len(), "a row for every change");
    assert!(!html.contains(&escape(other["name"].as_str().unwrap())));

    // An existing file: refused, untouched; replaced with --force.
    std::fs::write(&out, "old").unwrap();
    let o = cli(&["inzage", "--db", s(&db), "--household", id, "--out", s(&out)]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("There is already a file"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    ok(&["inzage", "--db", s(&db), "--household", id, "--out", s(&out), "--force"]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Wat Keukentafel over u bewaart"));

    // An unknown household: refused, no file.
    let none = dir.path().join("geen.html");
    let o = cli(&["inzage", "--db", s(&db), "--household", "00000000-0000-0000-0000-00000000002a", "--out", s(&none)]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not found"), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!none.exists());
}
