//! Inzage voor het huishouden (AVG art. 15) in the real window: on a demo household's page the
//! button opens the printable copy, which shows the household's address, a visit's answers and
//! the history; "Opslaan als bestand" writes the HTML into the chosen folder, and saving again
//! asks before it replaces the file.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots.

mod common;

use std::path::Path;

use common::*;
use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inzage_shows_the_households_copy_and_saves_it() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("laptop").join("keukentafel.sqlite3");
    let today = chrono::Local::now().date_naive().to_string();
    cli(&["demo", "--db", s(&db), "--households", "2", "--seed", "5", "--today", &today]);
    let households = dump(&db)["households"].as_array().unwrap().clone();
    let mut names: Vec<(String, String)> =
        households.iter().map(|h| (h["name"].as_str().unwrap().to_owned(), h["street_address"].as_str().unwrap().to_owned())).collect();
    names.sort();
    let (name, street) = names[0].clone();
    let (other, _) = names[1].clone();

    let app = App::launch(&driver, &db).await;
    app.click("#nav-households").await;
    let rows = app.find_all("[data-testid=household-row]").await;
    assert_eq!(rows.len(), 2);
    app.wait_for_text("[data-testid=household-row]", &name, TIMEOUT).await;
    app.eval(
        "for (const r of document.querySelectorAll('[data-testid=household-row]')) { if (r.textContent.includes(arguments[0])) { (r.querySelector('a') || r).click(); return true; } } return false;",
        vec![serde_json::json!(name)],
    )
    .await;
    app.wait_for_text("#household-name", &name, TIMEOUT).await;

    app.click("#inzage-household").await;
    let doc = app.wait_for_text("#inzage-doc", "Wat Keukentafel over u bewaart", TIMEOUT).await;
    assert!(doc.contains("AVG artikel 15"), "{doc}");
    assert!(doc.contains(&name) && doc.contains(&street), "the copy shows the household's name and address");
    assert!(doc.contains("Antwoorden"), "a visit's answers are shown");
    assert!(doc.contains("Geschiedenis: alle wijzigingen"));
    assert!(!doc.contains(&other), "nothing of the other household");
    let counts = app.text("#inzage-counts").await;
    assert!(counts.contains("wijzigingen"), "{counts}");
    shot(&app, "inzage").await;

    // Saved as a file in the chosen folder; again: asked before the file is replaced.
    let out = dir.path().join("usb");
    std::fs::create_dir_all(&out).unwrap();
    app.fill("#inzage-folder", s(&out)).await;
    app.click("#save-inzage").await;
    let saved = app.wait_for_text("#inzage-saved", "inzage-", TIMEOUT).await;
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{saved}");
    let html = std::fs::read_to_string(&files[0]).unwrap();
    assert!(html.contains("<h1>Wat Keukentafel over u bewaart</h1>") && html.contains(&street));
    app.click("#save-inzage").await;
    app.wait_for_text("#inzage-save-error", "Er staat al een bestand", TIMEOUT).await;
    shot(&app, "inzage-exists").await;
    app.click("#replace-inzage").await;
    app.wait_for("#inzage-saved", TIMEOUT).await;
    app.wait_gone("#inzage-save-error", TIMEOUT).await;
    app.close().await;
}
