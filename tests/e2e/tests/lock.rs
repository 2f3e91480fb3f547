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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_locks_itself_after_a_while_without_use() {
    // Three seconds instead of ten minutes, through the app's environment.
    let driver = TauriDriver::start(&[("KEUKENTAFEL_IDLE_LOCK_SECONDS", "3")]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");
    keukentafel_e2e::cli(&["init", "--db", db.to_str().unwrap(), "--name", "Anna de Vries", "--role", "energy_coach"]);

    let app = App::launch(&driver, &db).await;
    app.wait_for("#new-household", TIMEOUT).await;
    // Nobody touches the window: the start screen comes back, saying why.
    app.wait_for("#unlock[data-state=locked] #unlock-passphrase", TIMEOUT).await;
    app.wait_for_text("#unlock-idle", "op slot gegaan", TIMEOUT).await;
    assert_eq!(app.count("#new-household").await, 0, "no household screen stays visible behind the lock");
    shot(&app, "lock-idle").await;
    app.fill("#unlock-passphrase", &format!("{PASSPHRASE}\u{E007}")).await;
    app.wait_gone("#unlock", TIMEOUT).await;
    app.wait_for("#new-household", TIMEOUT).await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_passphrase_is_changed_on_the_profile_page_with_the_current_one_first() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");
    keukentafel_e2e::cli(&["init", "--db", db.to_str().unwrap(), "--name", "Anna de Vries", "--role", "energy_coach"]);
    let app = App::launch(&driver, &db).await;
    app.wait_for("#new-household", TIMEOUT).await;
    app.click("#nav-profile").await;
    app.fill("#current-passphrase", "niet het huidige").await;
    app.fill("#changed-passphrase", NEW).await;
    app.fill("#changed-repeat", NEW).await;
    app.click("#change-passphrase-submit").await;
    app.wait_for_text("#current-passphrase-error", "niet je huidige wachtwoord", TIMEOUT).await;
    app.fill("#current-passphrase", PASSPHRASE).await;
    app.click("#change-passphrase-submit").await;
    app.wait_for_text("#notice", "Je wachtwoord is gewijzigd", TIMEOUT).await;
    shot(&app, "lock-changed").await;
    app.close().await;

    let app = App::launch_locked(&driver, &db).await;
    app.wait_for("#unlock[data-state=locked] #unlock-passphrase", TIMEOUT).await;
    app.fill("#unlock-passphrase", &format!("{PASSPHRASE}\u{E007}")).await;
    app.wait_for_text("#unlock-error", "Dit wachtwoord klopt niet", TIMEOUT).await;
    app.unlock(NEW).await;
    app.wait_for("#new-household", TIMEOUT).await;
    app.close().await;
}

const NEW: &str = "een nieuw wachtwoord voor Anna";

/// A big store's weekly full check runs beside the open store, so the window opens at once;
/// when it finds a damaged page the store is closed and the window says so, in Dutch, with
/// what to do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_page_found_by_the_check_beside_the_open_store_closes_it_with_a_clear_message() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");
    keukentafel_e2e::cli(&["init", "--db", db.to_str().unwrap(), "--name", "Anna de Vries", "--role", "energy_coach"]);
    // Bigger than a store that is checked at every open, closed cleanly, never fully checked
    // (so the check is due), with a damaged page in a table no screen reads.
    {
        let key = keukentafel_store::StoreKey::for_file(&db, PASSPHRASE).unwrap();
        let c = keukentafel_store::raw_connection(&db, &key).unwrap();
        let bytes = keukentafel_store::CHECK_ALWAYS_BYTES + 8 * 1024 * 1024;
        c.execute_batch(&format!("CREATE TABLE zz_filler (b BLOB); INSERT INTO zz_filler VALUES (zeroblob({bytes}));")).unwrap();
        c.execute("DELETE FROM meta WHERE key = 'integrity_checked'", []).unwrap();
        c.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    let middle = (bytes.len() / 2 / 4096) * 4096;
    for b in &mut bytes[middle + 100..middle + 200] {
        *b ^= 0x5A;
    }
    std::fs::write(&db, &bytes).unwrap();

    let app = App::launch(&driver, &db).await;
    // The window opens on the households (the check has not read every page yet, or has just
    // found the damage), then says why the store was closed.
    app.wait_for("#fatal-error", TIMEOUT).await;
    app.wait_for_text("#fatal-message", "beschadigd", TIMEOUT).await;
    app.wait_for_text("#fatal-message", "reservekopie", TIMEOUT).await;
    app.wait_for_text("#fatal-error h1", "Keukentafel is gestopt", TIMEOUT).await;
    assert_eq!(app.count("#new-household").await, 0, "no household screen stays behind the message");
    shot(&app, "lock-damaged").await;
    app.close().await;
}
