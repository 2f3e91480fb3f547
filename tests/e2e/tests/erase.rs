//! Erasure in the real window (issue 11): the coordinator adds two households, erases one
//! through "Gegevens wissen" (reason, date of the request, the warning), and it is gone from
//! the household list and from the search, while the other stays; the "Te wissen" screen lists
//! the erasure. The store file's raw bytes no longer hold its name or address.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots.

mod common;

use std::path::Path;

use common::*;
use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

async fn add_household(app: &App<'_>, name: &str, street: &str) {
    app.click("#nav-households").await;
    app.click("#new-household").await;
    app.fill("#hh-name", name).await;
    app.fill("#hh-street_address", street).await;
    app.fill("#hh-city", "Soest").await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", name, TIMEOUT).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_household_is_gone_from_the_list_and_the_search() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("coordinator").join("keukentafel.sqlite3");
    cli(&["init", "--db", s(&db), "--name", "Carla Bakker", "--role", "coordinator", "--organisation", "Energie Actief Soest"]);

    let app = App::launch(&driver, &db).await;
    app.wait_for("#new-household", TIMEOUT).await;
    add_household(&app, "Fam. Blijft", "Blijfstraat 1").await;
    add_household(&app, "Fam. Wisselink", "Wisstraat 12").await;

    // On the household's page: Gegevens wissen, with the warning; a reason is needed.
    app.click("#erase-household").await;
    let warning = app.wait_for_text("#erase-warning", "niet ongedaan maken", TIMEOUT).await;
    assert!(warning.contains("reservekopieën"), "the warning says the backups go too: {warning}");
    app.fill("#erase-reason", "").await;
    app.click("#erase-confirm").await;
    app.wait_for_text("#erase-reason-error", "waarom", TIMEOUT).await;
    shot(&app, "erase-dialog").await;
    app.fill("#erase-reason", "Verzoek van het huishouden").await;
    app.click("#erase-confirm").await;

    // Back on the list: the household is gone, and the search does not find it.
    app.wait_for("#search", TIMEOUT).await;
    app.wait_until("the erased household has left the list", TIMEOUT, || async {
        let rows = app.texts("[data-testid=household-row]").await;
        rows.iter().any(|r| r.contains("Fam. Blijft")) && !rows.iter().any(|r| r.contains("Wisselink"))
    })
    .await;
    app.fill("#search", "wissel").await;
    app.wait_for("#households-empty", TIMEOUT).await;
    app.fill("#search", "blijf").await;
    app.wait_for_text("[data-testid=household-row]", "Fam. Blijft", TIMEOUT).await;

    // Te wissen lists the erasure (no laptop held it).
    app.click("#nav-overview").await;
    app.click("#to-erase").await;
    let row = app.wait_for_text("[data-testid=erasure-row]", "Verzoek van het huishouden", TIMEOUT).await;
    assert!(!row.contains("Wisselink"), "the account of the erasure names no one: {row}");
    shot(&app, "erase-list").await;
    app.close().await;

    assert_eq!(household_names(&db), ["Fam. Blijft"]);
    // The file is encrypted: search what it holds decrypted, page by page, free pages included.
    let key = keukentafel_store::StoreKey::for_file(&db, keukentafel_e2e::PASSPHRASE).unwrap();
    let mut bytes = keukentafel_store::testing::plaintext_with(&db, &key);
    let mut wal = db.clone().into_os_string();
    wal.push("-wal");
    bytes.extend(keukentafel_store::testing::plaintext_with(std::path::Path::new(&wal), &key));
    for text in ["Wisselink", "Wisstraat"] {
        assert!(!bytes.windows(text.len()).any(|w| w == text.as_bytes()), "{text} is gone from the store file and its log");
    }
}

/// 2023-03-01 09:00 UTC: the day the old households were helped.
const MARCH_2023_MS: i64 = 1_677_661_200_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn households_past_the_retention_period_are_listed_and_erased_in_one_go() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("coordinator").join("keukentafel.sqlite3");
    // Three households last seen in March 2023, one from today.
    {
        use keukentafel_domain::{HouseholdInput, Role, Sources, UserProfileInput};
        let old = Sources::deterministic(7, MARCH_2023_MS, 1);
        let mut store = keukentafel_store::Store::unlock(&db, keukentafel_e2e::PASSPHRASE, old).unwrap();
        store
            .save_profile(UserProfileInput { name: "Carla Bakker".into(), organisation: "EAS".into(), phone: String::new(), role: Role::Coordinator })
            .unwrap();
        for name in ["Fam. Oudeweg", "Fam. Oudshoorn", "Fam. Oudkerk"] {
            store.create_household(HouseholdInput { name: name.into(), wijk: "Centrum".into(), adults: 1, ..Default::default() }).unwrap();
        }
        drop(store);
        let mut store = keukentafel_store::Store::unlock(&db, keukentafel_e2e::PASSPHRASE, Sources::system()).unwrap();
        store.create_household(HouseholdInput { name: "Fam. Nieuwland".into(), wijk: "Centrum".into(), adults: 1, ..Default::default() }).unwrap();
    }

    let app = App::launch(&driver, &db).await;
    app.wait_for("#new-household", TIMEOUT).await;
    app.click("#nav-overview").await;
    app.click("#to-erase").await;
    app.wait_for("#no-retention", TIMEOUT).await;
    app.fill("#retention-months", "24").await;
    app.click("#save-retention").await;
    app.wait_until("the three old households are listed", TIMEOUT, || async {
        let rows = app.texts("[data-testid=retention-row]").await;
        rows.len() == 3 && rows.iter().all(|r| r.contains("Fam. Oud")) && rows.iter().all(|r| r.contains("2023"))
    })
    .await;
    shot(&app, "retention-list").await;

    app.click("#select-all").await;
    app.wait_for_text("#erase-selected", "3 huishoudens wissen", TIMEOUT).await;
    app.click("#erase-selected").await;
    app.wait_for_text("#erase-warning", "niet ongedaan maken", TIMEOUT).await;
    assert_eq!(app.value("#erase-reason").await, "Bewaartermijn voorbij", "the reason is filled in");
    app.click("#erase-confirm").await;
    app.wait_for("#nothing-to-erase", TIMEOUT).await;
    app.wait_until("three erasures are listed", TIMEOUT, || async {
        app.texts("[data-testid=erasure-row]").await.iter().filter(|r| r.contains("Bewaartermijn voorbij")).count() == 3
    })
    .await;
    shot(&app, "retention-erased").await;

    app.click("#nav-households").await;
    app.wait_until("only the new household is left", TIMEOUT, || async {
        let rows = app.texts("[data-testid=household-row]").await;
        rows.len() == 1 && rows[0].contains("Fam. Nieuwland")
    })
    .await;
    app.fill("#search", "oud").await;
    app.wait_for("#households-empty", TIMEOUT).await;
    app.close().await;
    assert_eq!(household_names(&db), ["Fam. Nieuwland"]);
}
