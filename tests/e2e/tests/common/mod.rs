//! Steps the exchange scenarios share (`sync.rs`, `pairing.rs`): the profile, the exchange and
//! volunteers screens, pairing by fingerprint, export and import.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots of the screens ([`shot`]).

#![allow(dead_code)] // each test file uses its own share of these

use std::path::{Path, PathBuf};

use keukentafel_e2e::{cli, App, TIMEOUT};
use serde_json::{json, Value};

pub fn dump(db: &Path) -> Value {
    serde_json::from_str(&cli(&["dump", "--db", db.to_str().unwrap()])).expect("dump is JSON")
}

/// The names of the households in a store, sorted.
pub fn household_names(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = dump(db)["households"]
        .as_array()
        .expect("a households list")
        .iter()
        .map(|h| h["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    names.sort();
    names
}

/// With `KEUKENTAFEL_E2E_SCREENSHOTS=DIR`, saves the window as `DIR/<name>.png`; a page taller
/// than the window also, from its top, as `<name>-2.png`, `<name>-3.png`, … a window at a time
/// (then scrolled back).
pub async fn shot(app: &App<'_>, name: &str) {
    let Some(dir) = std::env::var_os("KEUKENTAFEL_E2E_SCREENSHOTS") else { return };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = |suffix: &str| dir.join(format!("{name}{suffix}.png"));
    fresh_screenshot(app, &file("")).await;
    let sizes = app
        .eval("return [window.scrollY, window.innerHeight, document.documentElement.scrollHeight];", vec![])
        .await;
    let [start, window, page] = [0, 1, 2].map(|i| sizes[i].as_f64().unwrap_or(0.0));
    let mut top = 0.0;
    let mut n = 2;
    while window > 0.0 && page > window && top < page && n <= 6 {
        app.eval("window.scrollTo(0, arguments[0]); return null;", vec![json!(top)]).await;
        fresh_screenshot(app, &file(&format!("-{n}"))).await;
        top += window;
        n += 1;
    }
    app.eval("window.scrollTo(0, arguments[0]); return null;", vec![json!(start)]).await;
}

/// Under Xvfb a screenshot shows the window as it was painted before the previous one was
/// taken, so one is thrown away first.
async fn fresh_screenshot(app: &App<'_>, path: &Path) {
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    let _ = app.client.screenshot().await;
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    app.screenshot(path).await;
}

/// Waits until the visit screen says every answer is saved.
pub async fn saved(app: &App<'_>) {
    app.wait_for("[data-testid=save-status][data-state=saved]", TIMEOUT).await;
}

/// The first start asks who uses this installation.
pub async fn fill_in_profile(app: &App<'_>, name: &str, role: &str) {
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
/// still be arriving when `send_keys` returns). Lines and long codes are set from script: typed
/// newlines are not reliable in WebKitWebDriver, and typing a pairing code key by key is slow.
pub async fn fill(app: &App<'_>, css: &str, text: &str) {
    if text.contains('\n') || text.len() > 120 {
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
pub async fn settle(app: &App<'_>, css: &str) {
    app.wait_until(css, TIMEOUT, || async {
        app.eval("return document.querySelector(arguments[0]) !== null;", vec![json!(css)]).await == json!(true)
    })
    .await;
}

/// Opens Uitwisselen (both roles have a step that reads files in).
pub async fn open_sync(app: &App<'_>) {
    app.click("#nav-sync").await;
    app.wait_for("#step-import", TIMEOUT).await;
}

/// Opens the coordinator's Vrijwilligers page and waits until its list has loaded.
pub async fn open_volunteers(app: &App<'_>) {
    app.click("#nav-volunteers").await;
    app.wait_for("#volunteers", TIMEOUT).await;
    app.wait_for("#own-fingerprint", TIMEOUT).await;
}

/// The digits a fingerprint element shows, as on the screen (`1234 5678 …`).
pub async fn fingerprint(app: &App<'_>, css: &str) -> String {
    let text = app.text(&format!("{css} .digits")).await.trim().to_owned();
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    assert_eq!(digits.len(), 20, "a fingerprint of 20 digits: {text:?}");
    assert_eq!(text.split_whitespace().count(), 5, "in 5 groups: {text:?}");
    text
}

/// This installation's own pairing code and fingerprint, as its screen shows them.
pub async fn own_pairing(app: &App<'_>) -> (String, String) {
    app.wait_until("the own pairing code", TIMEOUT, || async { app.value("#own-code").await.starts_with("KTKOPPEL1-") })
        .await;
    (app.value("#own-code").await, fingerprint(app, "#own-fingerprint").await)
}

/// Pastes a pairing code (or a pairing file's path) into the field `field` (`volunteer-code`,
/// `coordinator-code`), shows it, and returns the fingerprint the preview shows.
pub async fn preview_code(app: &App<'_>, field: &str, kind: &str, code: &str) -> String {
    fill(app, &format!("#{field}"), code).await;
    app.click(&format!("#read-{field}")).await;
    app.wait_for(&format!("#{kind}-preview"), TIMEOUT).await;
    fingerprint(app, &format!("#{kind}-preview-fingerprint")).await
}

/// Writes an export file for the coordinator into `dir`; returns its path.
pub async fn export(app: &App<'_>, dir: &Path) -> String {
    fill(app, "#export-dir", dir.to_str().unwrap()).await;
    app.click("#export").await;
    app.wait_for("#export-result", TIMEOUT).await;
    let path = app.text("[data-testid=export-path]").await.trim().to_owned();
    assert!(Path::new(&path).is_file(), "the export file exists: {path}");
    assert!(path.starts_with(dir.to_str().unwrap()), "written to the chosen folder: {path}");
    path
}

/// Imports `paths` (one per line) and returns, per report row, its counts or its refusal.
pub async fn import(app: &App<'_>, paths: &[&str]) -> Vec<Value> {
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
                    already: row.querySelector('[data-testid=already-imported]')?.innerText ?? null,
                    code: refusal ? refusal.dataset.code : null,
                    sender: row.querySelector('[data-testid=sender]').innerText };
         });",
        vec![],
    )
    .await
    .as_array()
    .cloned()
    .unwrap()
}

/// Sets an input's value from script (a date input does not take typed keys reliably).
pub async fn set_value(app: &App<'_>, css: &str, value: &str) {
    app.wait_for(css, TIMEOUT).await;
    app.eval(
        "const el = document.querySelector(arguments[0]);
         Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set.call(el, arguments[1]);
         el.dispatchEvent(new Event('input', { bubbles: true }));
         el.dispatchEvent(new Event('change', { bubbles: true }));
         el.dispatchEvent(new Event('blur'));
         return null;",
        vec![json!(css), json!(value)],
    )
    .await;
}
