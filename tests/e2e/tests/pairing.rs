//! Issue 8 in the real window: who may send files. The coordinator saves its pairing code as a
//! file; a volunteer links with that file after comparing the fingerprint; the coordinator
//! enrols the volunteer after comparing the fingerprint the volunteer's screen shows, and
//! imports the volunteer's file. A file from an installation that was never enrolled, and a
//! file of the volunteer imported after the coordinator revoked them, are refused in the report
//! with their Dutch message, and change nothing.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots of the pairing screens.

mod common;

use std::path::Path;

use common::*;
use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};

const HOUSEHOLD: &str = "Fam. Koppel";
const LATER: &str = "Fam. Later";

async fn add_household(app: &App<'_>, name: &str) {
    app.click("#nav-households").await;
    app.click("#new-household").await;
    fill(app, "#hh-name", name).await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", name, TIMEOUT).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_enrolled_volunteers_may_send_files() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let c_db = dir.path().join("coordinator.sqlite3");
    let v_db = dir.path().join("volunteer.sqlite3");
    let o_db = dir.path().join("outsider.sqlite3");
    let out = dir.path().join("usb stick");
    std::fs::create_dir_all(&out).unwrap();
    let out_str = out.to_str().unwrap();

    // 1. The coordinator saves their pairing code as a file for the volunteers.
    let app = App::launch(&driver, &c_db).await;
    fill_in_profile(&app, "Carla Bakker", "coordinator").await;
    open_volunteers(&app).await;
    let (_, c_fingerprint) = own_pairing(&app).await;
    app.click("#save-code").await;
    fill(&app, "#pairing-dir", out_str).await;
    app.click("#save-code-confirm").await;
    app.wait_for("#code-saved", TIMEOUT).await;
    let c_file = app.text("[data-testid=pairing-path]").await.trim().to_owned();
    assert!(c_file.ends_with("keukentafel-koppelcode.txt"), "the pairing file: {c_file}");
    assert!(Path::new(&c_file).is_file(), "the pairing file exists: {c_file}");
    shot(&app, "volunteers-empty").await;
    app.close().await;

    // 2. The volunteer links with the coordinator's file after comparing the fingerprint, and
    //    exports a household. Then adds one more household and exports again (the second file
    //    reaches the coordinator only after the revocation).
    let app = App::launch(&driver, &v_db).await;
    fill_in_profile(&app, "Bram Jansen", "debt_help_volunteer").await;
    add_household(&app, HOUSEHOLD).await;
    open_sync(&app).await;
    let (v_code, v_fingerprint) = own_pairing(&app).await;
    let seen = preview_code(&app, "coordinator-code", "coordinator", &c_file).await;
    assert_eq!(seen, c_fingerprint, "the file's fingerprint is the coordinator's screen's");
    let preview = app.text("#coordinator-preview").await;
    assert!(preview.contains("Carla Bakker") && preview.contains("Coördinator"), "whose code: {preview}");
    assert!(preview.contains("Vergelijk deze cijfers met je coördinator"), "what to do: {preview}");
    shot(&app, "sync-volunteer-preview").await;
    app.click("#link-coordinator").await;
    app.wait_for_text("#linked-coordinator", "Gekoppeld met Carla Bakker", TIMEOUT).await;
    app.wait_for("#step-link [data-testid=step-done]", TIMEOUT).await;
    let first = export(&app, &out).await;
    shot(&app, "sync-volunteer-linked").await;
    add_household(&app, LATER).await;
    open_sync(&app).await;
    let second = export(&app, &out).await;
    app.close().await;

    // 3. An installation the coordinator never enrolled: it has the coordinator's code (it is
    //    not secret), links with it and writes a file with households of its own.
    cli(&["demo", "--db", o_db.to_str().unwrap(), "--households", "2", "--seed", "7"]);
    cli(&["link", "--db", o_db.to_str().unwrap(), "--pairing", &c_file]);
    let outsider = cli(&["export", "--db", o_db.to_str().unwrap(), "--out", out_str]).trim().to_owned();
    let outsider_names = household_names(&o_db);

    // 4. The coordinator: a pasted text that is no pairing code is refused at the field; the
    //    volunteer's code shows the fingerprint the volunteer's screen shows; enrolled.
    let app = App::launch(&driver, &c_db).await;
    open_volunteers(&app).await;
    fill(&app, "#volunteer-code", "dit is geen code").await;
    app.click("#read-volunteer-code").await;
    app.wait_for("#volunteer-code-error", TIMEOUT).await;
    let seen = preview_code(&app, "volunteer-code", "volunteer", &v_code).await;
    assert_eq!(seen, v_fingerprint, "the coordinator sees the fingerprint the volunteer reads aloud");
    let preview = app.text("#volunteer-preview").await;
    for needle in ["Bram Jansen", "Schuldhulpmaatje", "Energie Actief Soest", "Kloppen ze allemaal? Dan pas toevoegen."] {
        assert!(preview.contains(needle), "the preview shows {needle:?}: {preview}");
    }
    shot(&app, "volunteers-preview").await;
    app.click("#enrol-volunteer").await;
    let row = app.wait_for_text("[data-testid=volunteer]", "Bram Jansen", TIMEOUT).await;
    assert!(row.contains("Actief") && row.contains(&v_fingerprint), "active, with the fingerprint: {row}");

    // The outsider's file is refused with its Dutch message; the volunteer's is read in.
    open_sync(&app).await;
    let rows = import(&app, &[&outsider, &first]).await;
    assert_eq!(rows[0]["code"], "export_unknown_sender", "the outsider is refused: {rows:?}");
    let refusal = rows[0]["refusal"].as_str().unwrap();
    assert!(refusal.contains("niet gekoppeld"), "in Dutch, saying why: {refusal}");
    assert_eq!(app.count("#import-report [data-testid=to-volunteers]").await, 1, "it points to the volunteers page");
    assert!(rows[1]["refusal"].is_null(), "the enrolled volunteer's file is read in: {rows:?}");
    assert!(rows[1]["new"].as_i64().unwrap() > 0, "with new changes: {rows:?}");
    shot(&app, "sync-coordinator-refused").await;

    // 5. The coordinator revokes the volunteer (after a question); the file they made before
    //    the revocation but that arrives after it is refused; what they sent before stays.
    open_volunteers(&app).await;
    let row = app.wait_for_text("[data-testid=volunteer]", "Bram Jansen", TIMEOUT).await;
    assert!(!row.contains("nog geen"), "the last file is shown: {row}");
    app.click("[data-testid=volunteer] [data-testid=revoke]").await;
    let question = app.text("#revoke-dialog").await;
    assert!(question.contains("blijft bewaard"), "the question says what stays: {question}");
    shot(&app, "volunteers-revoke").await;
    app.click("#revoke-dialog-confirm").await;
    app.wait_for_text("[data-testid=volunteer] [data-testid=volunteer-status]", "Ingetrokken", TIMEOUT).await;
    assert_eq!(app.count("[data-testid=volunteer] [data-testid=revoke]").await, 0, "revoked once");
    shot(&app, "volunteers-revoked").await;
    open_sync(&app).await;
    let rows = import(&app, &[&second]).await;
    assert_eq!(rows[0]["code"], "export_revoked_sender", "the revoked volunteer is refused: {rows:?}");
    let refusal = rows[0]["refusal"].as_str().unwrap();
    assert!(refusal.contains("ingetrokken") && refusal.contains("Bram Jansen"), "in Dutch, saying why: {refusal}");
    app.close().await;

    // The coordinator's store holds the volunteer's first household only: nothing of the
    // outsider, nothing of the file that came after the revocation.
    let names = household_names(&c_db);
    assert_eq!(names, vec![HOUSEHOLD.to_owned()], "only what the enrolled volunteer sent in time");
    for name in &outsider_names {
        assert!(!names.contains(name), "nothing of the outsider: {name}");
    }
}
