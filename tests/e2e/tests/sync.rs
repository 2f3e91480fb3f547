//! Issues 4 and 8 in the real window: the volunteer's app shows its pairing code, the coordinator
//! enrols it by pasting the code (seeing the same fingerprint), the volunteer links with the
//! coordinator's code and exports; the coordinator imports, both edit the same field, the
//! coordinator imports the second file, decides the conflict, writes a return file; the
//! volunteer imports it (twice in one batch: the second copy adds nothing) and both stores end
//! up holding the same household.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots of the sync and conflict screens.

mod common;

use std::path::Path;

use common::*;
use keukentafel_e2e::{App, TauriDriver, TIMEOUT};
use serde_json::json;

const HOUSEHOLD: &str = "Fam. Sync";

async fn open_household(app: &App<'_>) {
    app.click("#nav-households").await;
    app.wait_until("the household list", TIMEOUT, || async {
        app.eval("return location.hash === '#/' && document.querySelector('#household-count') !== null;", vec![]).await
            == json!(true)
    })
    .await;
    app.wait_for_text("[data-testid=household-row]", HOUSEHOLD, TIMEOUT).await;
    // Clicked from script: the list re-renders once its search has loaded, and a WebDriver
    // click on a row being replaced can get lost.
    app.eval(
        "Array.from(document.querySelectorAll('[data-testid=household-row]'))
           .find(r => r.innerText.includes(arguments[0])).click(); return null;",
        vec![json!(HOUSEHOLD)],
    )
    .await;
    app.wait_for_text("#household-name", HOUSEHOLD, TIMEOUT).await;
}

/// Opens the household's form, waits until it shows `before`, types `after` and saves.
async fn edit_supplier(app: &App<'_>, before: &str, after: &str) {
    open_household(app).await;
    app.click("#edit-household").await;
    app.wait_until("the form shows the current supplier", TIMEOUT, || async {
        app.value("#hh-energy_supplier").await == before
    })
    .await;
    fill(app, "#hh-energy_supplier", after).await;
    app.click("#save-household").await;

    app.wait_for_text("#facts", after, TIMEOUT).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_export_import_resolve_a_conflict_and_return_the_file() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let c_db = dir.path().join("coordinator.sqlite3");
    let v_db = dir.path().join("volunteer.sqlite3");
    let out = dir.path().join("usb stick");
    std::fs::create_dir_all(&out).unwrap();

    // 1. The coordinator's first start: their pairing code, on the volunteers page.
    let app = App::launch(&driver, &c_db).await;
    fill_in_profile(&app, "Carla Bakker", "coordinator").await;
    open_volunteers(&app).await;
    let (c_code, c_fingerprint) = own_pairing(&app).await;
    app.wait_for("#no-volunteers", TIMEOUT).await;
    open_sync(&app).await;
    assert_eq!(app.count("#coordinator-code").await, 0, "a coordinator links to nobody");
    app.wait_for("#step-return #no-peers", TIMEOUT).await;
    shot(&app, "sync-coordinator-empty").await;
    app.close().await;

    // 2. The volunteer: a household, and the pairing code the coordinator needs. Not linked
    //    yet: no export.
    let app = App::launch(&driver, &v_db).await;
    fill_in_profile(&app, "Anna de Vries", "energy_coach").await;
    assert_eq!(app.count("#nav-volunteers").await, 0, "only a coordinator enrols volunteers");
    app.click("#nav-profile").await;
    let v_replica = app.text("#about-replica-id").await.trim().to_owned();
    app.click("#nav-households").await;
    app.click("#new-household").await;
    fill(&app, "#hh-name", HOUSEHOLD).await;
    fill(&app, "#hh-energy_supplier", "Eneco").await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", HOUSEHOLD, TIMEOUT).await;
    open_sync(&app).await;
    app.wait_for("#not-linked", TIMEOUT).await;
    app.wait_for("#needs-link", TIMEOUT).await;
    let (v_code, v_fingerprint) = own_pairing(&app).await;
    shot(&app, "sync-volunteer-not-linked").await;
    app.close().await;

    // 3. The coordinator enrols the volunteer from that code: the preview shows the fingerprint
    //    the volunteer's screen shows.
    let app = App::launch(&driver, &c_db).await;
    open_volunteers(&app).await;
    let seen = preview_code(&app, "volunteer-code", "volunteer", &v_code).await;
    assert_eq!(seen, v_fingerprint, "the coordinator sees the fingerprint the volunteer reads aloud");
    app.click("#enrol-volunteer").await;
    let row = app.wait_for_text("[data-testid=volunteer]", "Anna de Vries", TIMEOUT).await;
    assert!(row.contains("Actief"), "enrolled and active: {row}");
    app.close().await;

    // 4. The volunteer links with the coordinator's code (a code that is no code first), then
    //    exports.
    let app = App::launch(&driver, &v_db).await;
    open_sync(&app).await;
    fill(&app, "#coordinator-code", "KTKOPPEL1-nietgoed").await;
    app.click("#read-coordinator-code").await;
    app.wait_for("#coordinator-code-error", TIMEOUT).await;
    let seen = preview_code(&app, "coordinator-code", "coordinator", &c_code).await;
    assert_eq!(seen, c_fingerprint, "the volunteer sees the coordinator's fingerprint");
    app.click("#link-coordinator").await;
    app.wait_for_text("#linked-coordinator", "Gekoppeld met Carla Bakker (Energie Actief Soest)", TIMEOUT).await;
    assert_eq!(fingerprint(&app, "#linked-fingerprint").await, c_fingerprint);
    let first = export(&app, &out).await;
    assert!(!first.contains("Sync") && !first.contains("Anna"), "no personal data in the name: {first}");
    let result = app.text("#export-result").await;
    assert!(result.contains("wijziging"), "the result counts the changes: {result}");
    app.wait_for_text("#last-export", "Laatste export: ", TIMEOUT).await;
    shot(&app, "sync-volunteer").await;
    app.close().await;

    // 5. The coordinator imports it and changes the supplier.
    let app = App::launch(&driver, &c_db).await;
    open_sync(&app).await;
    let rows = import(&app, &[&first]).await;
    assert!(rows[0]["refusal"].is_null(), "accepted: {rows:?}");
    assert!(rows[0]["new"].as_i64().unwrap() > 0, "new changes: {rows:?}");
    assert!(rows[0]["sender"].as_str().unwrap().contains("Anna de Vries"), "the sender: {rows:?}");
    edit_supplier(&app, "Eneco", "Essent").await;
    app.close().await;

    // 6. The volunteer, without having seen that, changes the same field and exports again.
    let app = App::launch(&driver, &v_db).await;
    edit_supplier(&app, "Eneco", "Vattenfall").await;
    open_sync(&app).await;
    let second = export(&app, &out).await;
    assert_ne!(first, second, "a new file");
    app.close().await;

    // 7. The coordinator imports it: one conflict, decided for the volunteer's value; then the
    //    return file for the volunteer.
    let app = App::launch(&driver, &c_db).await;
    open_sync(&app).await;
    let rows = import(&app, &[&second]).await;
    assert_eq!(rows[0]["conflicts"], json!(1), "one conflict: {rows:?}");
    app.wait_for_text("#conflicts-badge", "1", TIMEOUT).await;
    shot(&app, "sync-coordinator-report").await;
    app.click("#open-conflicts").await;
    let card = app.wait_for_text("[data-testid=conflict]", HOUSEHOLD, TIMEOUT).await;
    for needle in ["Essent", "Vattenfall", "Carla Bakker", "Anna de Vries", "Energieleverancier", "Staat nu in Keukentafel"] {
        assert!(card.contains(needle), "the conflict shows {needle:?}: {card}");
    }
    assert_eq!(app.count("[data-testid=conflict]").await, 1);
    shot(&app, "conflicts").await;
    let index = app
        .eval(
            "return Array.from(document.querySelectorAll('[data-testid=conflict-side]'))
               .findIndex(s => s.querySelector('[data-testid=conflict-value]').innerText.trim() === 'Vattenfall');",
            vec![],
        )
        .await
        .as_i64()
        .unwrap();
    assert!(index >= 0, "a side holds Vattenfall");
    app.click(&format!("[data-testid=conflict-side]:nth-of-type({}) [data-testid=choose-value]", index + 1)).await;
    app.wait_for_text("#conflicts-empty", "Geen conflicten", TIMEOUT).await;
    app.wait_gone("#conflicts-badge", TIMEOUT).await;
    shot(&app, "conflicts-empty").await;
    open_household(&app).await;
    app.wait_for_text("#facts", "Vattenfall", TIMEOUT).await;
    open_sync(&app).await;
    fill(&app, "#export-dir", out.to_str().unwrap()).await;
    let peer = format!("[data-testid=return-file][data-replica=\"{v_replica}\"]");
    app.wait_for(&peer, TIMEOUT).await;
    app.click(&peer).await;
    app.wait_for_text("#return-result", "Anna de Vries", TIMEOUT).await;
    let back = app.text("[data-testid=return-path]").await.trim().to_owned();
    assert!(Path::new(&back).is_file(), "the return file exists: {back}");
    shot(&app, "sync-coordinator-return").await;
    app.close().await;

    // 8. The volunteer imports the return file, twice in one batch: the second copy is the same
    //    file, skipped unread.
    let app = App::launch(&driver, &v_db).await;
    open_sync(&app).await;
    app.wait_for_text("#last-received", "nog geen bestand", TIMEOUT).await;
    let rows = import(&app, &[&back, &back]).await;
    assert!(rows[0]["refusal"].is_null() && rows[1]["refusal"].is_null(), "both accepted: {rows:?}");
    assert!(rows[0]["new"].as_i64().unwrap() > 0, "the shared history is new: {rows:?}");
    assert!(rows[0]["sender"].as_str().unwrap().contains("Carla Bakker"), "the sender: {rows:?}");
    assert!(rows[1]["new"].is_null(), "the same file again is not read: {rows:?}");
    assert!(rows[1]["already"].as_str().unwrap_or_default().contains("al eerder ingelezen"), "said so: {rows:?}");
    assert!(rows[1]["sender"].as_str().unwrap().contains("Carla Bakker"), "with its sender: {rows:?}");
    assert_eq!(rows[0]["conflicts"], json!(0), "{rows:?}");
    let received = app.wait_for_text("#last-received", "Laatst ontvangen: ", TIMEOUT).await;
    assert!(!received.contains("nog geen"), "the coordinator's file was received: {received}");
    shot(&app, "sync-volunteer-return").await;
    open_household(&app).await;
    app.wait_for_text("#facts", "Vattenfall", TIMEOUT).await;
    app.eval("location.hash = '#/conflicts'; return null;", vec![]).await;
    app.wait_for("#conflicts-empty", TIMEOUT).await;
    assert_eq!(app.count("#conflicts-badge").await, 0);
    app.close().await;

    // 9. Both stores hold the same household.
    let (c, v) = (dump(&c_db), dump(&v_db));
    assert_eq!(c["households"], v["households"], "both stores hold the same households");
    assert_eq!(c["households"][0]["energy_supplier"], "Vattenfall");
}
