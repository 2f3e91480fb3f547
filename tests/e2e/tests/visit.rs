//! Issue 3 in the real window: a combined visit for a renter under *bewind* with energy arrears.
//! The administrator and payment-arrangement steps appear, measures are installed, the summary
//! shows the saving and the energy quote, and the household summary is produced. Every answer
//! is in the store's change log afterwards.

use keukentafel_e2e::{cli, App, TauriDriver, TIMEOUT};

async fn saved(app: &App<'_>) {
    app.wait_for("[data-testid=save-status][data-state=saved]", TIMEOUT).await;
}

/// Parses "€ 322,54" / "14,5 %" into a number.
fn number(text: &str) -> f64 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == ',' || *c == '-').collect();
    digits.replace(',', ".").parse().unwrap_or_else(|_| panic!("no number in {text:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_combined_visit_for_a_renter_under_bewind_with_energy_arrears() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");
    let app = App::launch(&driver, &db).await;

    // Profile, then the household: private rent, gas boiler, under bewind.
    app.fill("#profile-name", "Anna de Vries").await;
    app.select("#profile-role", "energy_coach").await;
    app.click("#save-profile").await;
    app.click("#new-household").await;
    app.fill("#hh-name", "Fam. Bewind").await;
    app.fill("#hh-postcode", "3764 AB").await;
    app.select("#hh-tenure", "private_rent").await;
    app.fill("#hh-landlord", "Vesteda").await;
    app.select("#hh-heating", "gas_boiler").await;
    app.click("#hh-under_bewind").await;
    app.fill("#hh-administrator_name", "Bewindvoering Eemland").await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", "Fam. Bewind", TIMEOUT).await;

    // Plan a combined visit for today and open it.
    app.click("#plan-visit").await;
    app.select("#visit-kind", "combined").await;
    app.click("#save-visit").await;
    app.wait_for("[data-testid=visit-row]", TIMEOUT).await;
    app.click("[data-testid=open-visit]").await;

    // Intake: the administrator step is there because of bewind.
    app.wait_for("[data-testid=step-administrator_contact]", TIMEOUT).await;
    app.click("#step-roles_explained-yes").await;
    app.click("#step-crisis_screen-option-none").await;
    app.click("#step-dwelling_type-option-terraced").await; // the average gas use of a terraced house
    app.fill("#step-administrator_contact-input", "Bewindvoering Eemland, 035-6012345").await;
    app.click("#step-roles_explained-yes").await; // leave the text field: it saves
    saved(&app).await;
    assert_eq!(app.count("[data-testid=crisis-banner]").await, 0, "no crisis was signalled");

    // Finances: no payment arrangement until there are arrears.
    app.click("#phase-tab-finances").await;
    app.wait_for("[data-testid=step-administrator_tasks]", TIMEOUT).await;
    assert_eq!(app.count("[data-testid=step-payment_arrangement]").await, 0);
    app.fill("#step-net_income-input", "1450").await;
    app.click("#step-energy_arrears-yes").await;
    app.wait_for("[data-testid=step-payment_arrangement]", TIMEOUT).await;
    app.click("#step-payment_arrangement-option-to_request").await;
    app.click("#step-administrator_tasks-option-advance").await;
    app.click("#step-administrator_tasks-option-arrangement").await;
    saved(&app).await;

    // Measures: a water-saving shower head and four LED lamps installed.
    app.click("#phase-tab-measures").await;
    app.click("#step-installed-add").await;
    app.select("#step-installed-measure-0", "shower_head").await;
    app.fill("#step-installed-location-0", "badkamer").await;
    app.click("#step-installed-add").await;
    app.select("#step-installed-measure-1", "led").await;
    app.fill("#step-installed-quantity-1", "4").await;
    app.fill("#step-installed-location-1", "woonkamer").await;
    app.click("#step-saving_discussed-yes").await;
    saved(&app).await;

    // Agreements.
    app.click("#phase-tab-agreements").await;
    app.click("#step-agreements_written-yes").await;
    app.click("#step-follow_up_visit-yes").await;
    saved(&app).await;

    // The summary: saving, energy quote before and after, proposed advance, referrals.
    app.click("[data-testid=open-summary]").await;
    let saving = number(&app.wait_for_text("[data-testid=summary-saving-total-eur]", "€", TIMEOUT).await);
    assert!(saving > 0.0, "the installed measures save money: {saving}");
    let before = number(&app.text("[data-testid=summary-quote-before]").await);
    let after = number(&app.text("[data-testid=summary-quote-after]").await);
    assert!(before > after && after > 0.0, "energy quote goes down: {before} → {after}");
    assert!(app.text("[data-testid=summary-advance]").await.contains('€'));
    assert!(app.count("[data-testid=summary-source]").await > 0, "figures say where they come from");
    let summary = app.text("[data-testid=household-summary]").await;
    assert!(summary.contains("Wat we samen deden"), "plain Dutch household summary: {summary}");
    assert!(summary.contains("Bewindvoerder"), "the administrator's part is in the summary: {summary}");
    app.close().await;

    // Every answer is in the store's change log, with the template on the visit.
    let dump: serde_json::Value = serde_json::from_str(&cli(&["dump", "--db", db.to_str().unwrap()])).unwrap();
    let answers = dump["answers"].as_array().unwrap();
    let steps: Vec<&str> = answers.iter().filter_map(|a| a["step_id"].as_str()).collect();
    for step in ["administrator_contact", "energy_arrears", "payment_arrangement", "installed", "follow_up_visit"] {
        assert!(steps.contains(&step), "answer to {step} is stored: {steps:?}");
    }
    assert_eq!(dump["visits"][0]["template_id"], "combined-visit");
}
