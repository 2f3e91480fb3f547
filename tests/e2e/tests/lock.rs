//! The start screen: the first start chooses a passphrase (typed twice), a later start unlocks
//! with it, a wrong one is refused with a clear Dutch message and the store left untouched.

mod common;

use common::shot;
use keukentafel_e2e::{App, TauriDriver, PASSPHRASE, TIMEOUT};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_passphrase_is_typed_twice_a_wrong_one_is_refused_and_the_right_one_unlocks() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");

    // First start: no store yet, so a new passphrase, typed twice.
    let app = App::launch_locked(&driver, &db).await;
    app.wait_for("#unlock[data-state=new] #new-passphrase", TIMEOUT).await;
    app.wait_for_text("#unlock", "Kies een wachtwoord", TIMEOUT).await;
    app.wait_for_text("#unlock", "terugbestand", TIMEOUT).await;
    let focused = app.eval("return document.activeElement && document.activeElement.id;", vec![]).await;
    assert_eq!(focused, "new-passphrase", "the field has the focus");
    shot(&app, "lock-new").await;
    app.fill("#new-passphrase", PASSPHRASE).await;
    app.fill("#repeat-passphrase", "iets anders dan het eerste").await;
    app.click("#unlock-submit").await;
    app.wait_for_text("#repeat-passphrase-error", "niet hetzelfde", TIMEOUT).await;
    assert!(!db.exists(), "no store is made before the passphrase is typed the same twice");
    app.fill("#repeat-passphrase", PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.wait_gone("#unlock", TIMEOUT).await;
    app.wait_for("#profile-name", TIMEOUT).await;
    app.close().await;

    // A later start: the passphrase once. A wrong one changes nothing.
    let before = std::fs::read(&db).unwrap();
    let app = App::launch_locked(&driver, &db).await;
    app.wait_for("#unlock[data-state=locked] #unlock-passphrase", TIMEOUT).await;
    app.wait_for_text("h1", "Ontgrendel Keukentafel", TIMEOUT).await;
    let focused = app.eval("return document.activeElement && document.activeElement.id;", vec![]).await;
    assert_eq!(focused, "unlock-passphrase", "the field has the focus");
    shot(&app, "lock-unlock").await;
    // Enter (WebDriver key U+E007) submits.
    app.fill("#unlock-passphrase", "niet mijn wachtwoord\u{E007}").await;
    app.wait_for_text("#unlock-error", "Dit wachtwoord klopt niet", TIMEOUT).await;
    shot(&app, "lock-wrong").await;
    assert_eq!(std::fs::read(&db).unwrap(), before, "a wrong passphrase leaves the store untouched");
    assert_eq!(app.value("#unlock-passphrase").await, "", "the field is emptied for another try");
    app.fill("#unlock-passphrase", &format!("{PASSPHRASE}\u{E007}")).await;
    app.wait_gone("#unlock", TIMEOUT).await;
    app.wait_for("#profile-name", TIMEOUT).await;
    app.close().await;
}
