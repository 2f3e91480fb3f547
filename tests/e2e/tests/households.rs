//! Issue 2 in the real window: a volunteer adds a household through the form, finds it in the
//! list, and finds it again after the app restarts; an invalid postcode gets a Dutch message and
//! nothing is saved.

use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};

/// The first start asks who uses this installation.
async fn fill_in_profile(app: &App<'_>) {
    app.wait_for("#profile-name", TIMEOUT).await;
    app.fill("#profile-name", "Anna de Vries").await;
    app.fill("#profile-organisation", "Energie Actief Soest").await;
    app.select("#profile-role", "energy_coach").await;
    app.click("#save-profile").await;
    app.wait_for("#new-household", TIMEOUT).await;
}

fn dump(db: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&cli(&["dump", "--db", db.to_str().unwrap()])).expect("dump is JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_household_added_through_the_form_is_listed_and_survives_a_restart() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");

    let app = App::launch(&driver, &db).await;
    fill_in_profile(&app).await;
    app.click("#new-household").await;
    app.fill("#hh-name", "Fam. Testhuis").await;
    app.fill("#hh-street_address", "Griftlaan 12").await;
    app.fill("#hh-postcode", "3764ab").await;
    app.fill("#hh-city", "Soest").await;
    app.fill("#hh-wijk", "Smitsveen").await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", "Fam. Testhuis", TIMEOUT).await;

    app.click("#nav-households").await;
    let row = app.wait_for_text("[data-testid=household-row]", "Fam. Testhuis", TIMEOUT).await;
    assert!(row.contains("3764 AB"), "the list shows the normalised postcode: {row}");
    app.fill("#search", "testh").await;
    app.wait_for_text("#household-count", "1", TIMEOUT).await;
    app.close().await;

    // A new process on the same store file.
    let app = App::launch(&driver, &db).await;
    app.wait_for_text("[data-testid=household-row]", "Fam. Testhuis", TIMEOUT).await;
    app.close().await;

    let dump = dump(&db);
    let households = dump["households"].as_array().unwrap();
    assert_eq!(households.len(), 1);
    assert_eq!(households[0]["postcode"], "3764 AB");
    assert_eq!(households[0]["wijk"], "Smitsveen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_postcode_shows_a_dutch_message_and_nothing_is_saved() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");

    let app = App::launch(&driver, &db).await;
    fill_in_profile(&app).await;
    let ops_before = dump(&db)["op_count"].as_i64().unwrap();
    app.click("#new-household").await;
    app.fill("#hh-name", "Fam. Fout").await;
    app.fill("#hh-postcode", "12345").await;
    app.click("#save-household").await;
    let message = app.wait_for_text("#hh-postcode-error", "postcode", TIMEOUT).await;
    assert!(message.contains("Deze postcode klopt niet") && message.contains("1234 AB"), "Dutch message: {message}");
    // The form keeps what was typed.
    assert_eq!(app.value("#hh-name").await, "Fam. Fout");

    app.click("#nav-households").await;
    app.wait_for("#households-empty", TIMEOUT).await;
    app.close().await;

    let dump = dump(&db);
    assert!(dump["households"].as_array().unwrap().is_empty(), "nothing was saved");
    assert_eq!(dump["op_count"].as_i64().unwrap(), ops_before, "not a single op was written");
}
