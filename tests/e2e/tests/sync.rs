//! Issue 4 in the real window: a volunteer links to the coordinator and exports; the coordinator
//! imports, both edit the same field, the coordinator imports the second file, decides the
//! conflict, writes a return file; the volunteer imports it (twice in one batch: the second copy
//! adds nothing) and both stores end up holding the same household.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots of the sync and conflict screens.

use std::path::{Path, PathBuf};

use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};
use serde_json::{json, Value};

const HOUSEHOLD: &str = "Fam. Sync";

fn dump(db: &Path) -> Value {
    serde_json::from_str(&cli(&["dump", "--db", db.to_str().unwrap()])).expect("dump is JSON")
}

async fn shot(app: &App<'_>, name: &str) {
    if let Some(dir) = std::env::var_os("KEUKENTAFEL_E2E_SCREENSHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        app.screenshot(&dir.join(format!("{name}.png"))).await;
    }
}

/// The first start asks who uses this installation.
async fn fill_in_profile(app: &App<'_>, name: &str, role: &str) {
    app.wait_for("#profile-name", TIMEOUT).await;
    fill(app, "#profile-name", name).await;
    fill(app, "#profile-organisation", "Energie Actief Soest").await;
    app.select("#profile-role", role).await;
    app.click("#save-profile").await;
    // The list loads right after the welcome screen goes; wait until it has (checked from
    // script: WebKitWebDriver can report a stale node while the screen is being replaced).
    settle(app, "#household-count").await;
    app.wait_for("#new-household", TIMEOUT).await;
}

/// Types `text` into the field and waits until the field holds all of it (long values can
/// still be arriving when `send_keys` returns). Lines are set from script: typed newlines are
/// not reliable in WebKitWebDriver.
async fn fill(app: &App<'_>, css: &str, text: &str) {
    if text.contains('\n') {
        app.eval(
            "const el = document.querySelector(arguments[0]);
             Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set.call(el, arguments[1]);
             el.dispatchEvent(new Event('input', { bubbles: true }));
             return null;",
            vec![json!(css), json!(text)],
        )
        .await;
    } else {
        app.fill(css, text).await;
    }
    app.wait_until(&format!("`{css}` holds {text:?}"), TIMEOUT, || async { app.value(css).await == text }).await;
}

/// Waits until `css` is in the page, asking the page itself.
async fn settle(app: &App<'_>, css: &str) {
    app.wait_until(css, TIMEOUT, || async {
        app.eval("return document.querySelector(arguments[0]) !== null;", vec![json!(css)]).await == json!(true)
    })
    .await;
}

async fn open_sync(app: &App<'_>) {
    app.click("#nav-sync").await;
    app.wait_for("#own-key", TIMEOUT).await;
}

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

async fn export(app: &App<'_>, dir: &Path) -> String {
    fill(app, "#export-dir", dir.to_str().unwrap()).await;
    app.click("#export").await;
    app.wait_for("#export-result", TIMEOUT).await;
    let path = app.text("[data-testid=export-path]").await.trim().to_owned();
    assert!(Path::new(&path).is_file(), "the export file exists: {path}");
    assert!(path.starts_with(dir.to_str().unwrap()), "written to the chosen folder: {path}");
    assert!(!path.contains("Sync") && !path.contains("Anna"), "no personal data in the name: {path}");
    path
}

/// Imports `paths` (one per line) and returns, per report row, its counts or its refusal.
async fn import(app: &App<'_>, paths: &[&str]) -> Vec<Value> {
    fill(app, "#import-paths", &paths.join("\n")).await;
    app.click("#import").await;
    app.wait_until("the import report has a row per file", TIMEOUT, || async {
        app.count("#import-report [data-testid=import-file]").await == paths.len()
    })
    .await;
    app.eval(
        "return Array.from(document.querySelectorAll('#import-report [data-testid=import-file]'), row => {
           const n = (id) => { const e = row.querySelector(`[data-testid=${id}]`); return e ? Number(e.innerText) : null; };
           const refusal = row.querySelector('[data-testid=refusal]');
           return { new: n('count-new'), present: n('count-present'), conflicts: n('count-conflicts'),
                    held: n('count-held'), refusal: refusal ? refusal.innerText : null,
                    sender: row.querySelector('[data-testid=sender]').innerText };
         });",
        vec![],
    )
    .await
    .as_array()
    .cloned()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_export_import_resolve_a_conflict_and_return_the_file() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let c_db = dir.path().join("coordinator.sqlite3");
    let v_db = dir.path().join("volunteer.sqlite3");
    let out = dir.path().join("usb stick");
    std::fs::create_dir_all(&out).unwrap();

    // 1. The coordinator's first start: their key.
    let app = App::launch(&driver, &c_db).await;
    fill_in_profile(&app, "Carla Bakker", "coordinator").await;
    open_sync(&app).await;
    let c_key = app.text("#own-key").await.trim().to_owned();
    assert!(c_key.starts_with("age1"), "a public age key: {c_key}");
    assert_eq!(app.count("#coordinator-key").await, 0, "a coordinator links to nobody");
    shot(&app, "sync-coordinator-empty").await;
    app.close().await;

    // 2. The volunteer: a household, the link to the coordinator, the first export.
    let app = App::launch(&driver, &v_db).await;
    fill_in_profile(&app, "Anna de Vries", "energy_coach").await;
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
    fill(&app, "#coordinator-key", "age1nietgoed").await;
    app.click("#link-coordinator").await;
    app.wait_for("#coordinator-key-error", TIMEOUT).await;
    fill(&app, "#coordinator-key", &c_key).await;
    app.click("#link-coordinator").await;
    app.wait_for_text("#linked-coordinator", &c_key, TIMEOUT).await;
    let first = export(&app, &out).await;
    let result = app.text("#export-result").await;
    assert!(result.contains("wijziging"), "the result counts the changes: {result}");
    shot(&app, "sync-volunteer").await;
    app.close().await;

    // 3. The coordinator imports it and changes the supplier.
    let app = App::launch(&driver, &c_db).await;
    open_sync(&app).await;
    let rows = import(&app, &[&first]).await;
    assert!(rows[0]["refusal"].is_null(), "accepted: {rows:?}");
    assert!(rows[0]["new"].as_i64().unwrap() > 0, "new changes: {rows:?}");
    assert!(rows[0]["sender"].as_str().unwrap().contains("Anna de Vries"), "the sender: {rows:?}");
    edit_supplier(&app, "Eneco", "Essent").await;
    app.close().await;

    // 4. The volunteer, without having seen that, changes the same field and exports again.
    let app = App::launch(&driver, &v_db).await;
    edit_supplier(&app, "Eneco", "Vattenfall").await;
    open_sync(&app).await;
    let second = export(&app, &out).await;
    assert_ne!(first, second, "a new file");
    app.close().await;

    // 5. The coordinator imports it: one conflict, decided for the volunteer's value; then the
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

    // 6. The volunteer imports the return file, twice in one batch: the second copy adds nothing.
    let app = App::launch(&driver, &v_db).await;
    open_sync(&app).await;
    let rows = import(&app, &[&back, &back]).await;
    assert!(rows[0]["refusal"].is_null() && rows[1]["refusal"].is_null(), "both accepted: {rows:?}");
    assert!(rows[0]["new"].as_i64().unwrap() > 0, "the shared history is new: {rows:?}");
    assert!(rows[0]["sender"].as_str().unwrap().contains("Carla Bakker"), "the sender: {rows:?}");
    assert_eq!(rows[1]["new"], json!(0), "the same file again adds nothing: {rows:?}");
    assert!(rows[1]["present"].as_i64().unwrap() > 0, "all already there: {rows:?}");
    assert_eq!(rows[0]["conflicts"], json!(0), "{rows:?}");
    shot(&app, "sync-volunteer-return").await;
    open_household(&app).await;
    app.wait_for_text("#facts", "Vattenfall", TIMEOUT).await;
    app.eval("location.hash = '#/conflicts'; return null;", vec![]).await;
    app.wait_for("#conflicts-empty", TIMEOUT).await;
    assert_eq!(app.count("#conflicts-badge").await, 0);
    app.close().await;

    // 7. Both stores hold the same household.
    let (c, v) = (dump(&c_db), dump(&v_db));
    assert_eq!(c["households"], v["households"], "both stores hold the same households");
    assert_eq!(c["households"][0]["energy_supplier"], "Vattenfall");
}
