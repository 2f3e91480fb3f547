//! Issue 9 in the real window: a household on district heating. The bill is asked in GJ, not m³;
//! the boiler advice is not offered; the summary shows the heat saving in GJ and euros and no
//! gas, an energy quote, and the energy-poverty indicators.

mod common;

use common::{fill_in_profile, saved, shot};
use keukentafel_e2e::{App, TauriDriver, TIMEOUT};

/// Parses "€ 322,54" / "14,5 %" / "1,1 GJ" into a number.
fn number(text: &str) -> f64 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == ',' || *c == '-').collect();
    digits.replace(',', ".").parse().unwrap_or_else(|_| panic!("no number in {text:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_district_heating_household_saves_heat_in_gj_and_no_gas() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");
    let app = App::launch(&driver, &db).await;

    fill_in_profile(&app, "Anna de Vries", "energy_coach").await;
    app.click("#new-household").await;
    app.fill("#hh-name", "Fam. Stadswarmte").await;
    app.fill("#hh-postcode", "1102 AB").await;
    app.select("#hh-tenure", "housing_association").await;
    app.select("#hh-heating", "district_heating").await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", "Fam. Stadswarmte", TIMEOUT).await;

    app.click("#plan-visit").await;
    app.select("#visit-kind", "combined").await;
    app.click("#save-visit").await;
    app.wait_for("[data-testid=visit-row]", TIMEOUT).await;
    app.click("[data-testid=open-visit]").await;

    // Intake, with the annual bill at hand.
    app.wait_for("[data-testid=step-roles_explained]", TIMEOUT).await;
    app.click("#step-roles_explained-yes").await;
    app.click("#step-crisis_screen-option-none").await;
    app.click("#step-dwelling_type-option-flat").await;
    app.click("#step-documents-option-annual_bill").await;
    saved(&app).await;

    // The bill: heat in GJ, no gas question.
    app.click("#phase-tab-walkthrough").await;
    app.wait_for("[data-testid=step-heat_use]", TIMEOUT).await;
    assert_eq!(app.count("[data-testid=step-gas_use]").await, 0, "no gas in a district-heating home");
    app.fill("#step-heat_use-input", "25").await;
    app.fill("#step-electricity_use-input", "2000").await;
    app.click("#step-damp-no").await; // leave the number field: it saves
    saved(&app).await;

    app.click("#phase-tab-finances").await;
    app.fill("#step-net_income-input", "1500").await;
    app.click("#step-energy_arrears-no").await;
    saved(&app).await;

    // Measures: 1 °C lower is offered, the boiler at 60 °C is not; draught strips installed.
    app.click("#phase-tab-measures").await;
    app.wait_for("#step-settings_changed-option-thermostat_lower", TIMEOUT).await;
    assert_eq!(app.count("#step-settings_changed-option-flow_60").await, 0, "no boiler advice");
    app.click("#step-settings_changed-option-thermostat_lower").await;
    app.click("#step-installed-add").await;
    app.select("#step-installed-measure-0", "draught_strips").await;
    app.fill("#step-installed-location-0", "voordeur").await;
    app.click("#step-saving_discussed-yes").await;
    saved(&app).await;

    // The summary: heat in GJ and euros, no gas; a quote; the indicators.
    app.click("[data-testid=open-summary]").await;
    let heat = app.wait_for_text("[data-testid=summary-saving-total-heat]", "GJ", TIMEOUT).await;
    assert!(number(&heat) > 0.0, "heat saved in GJ: {heat}");
    assert_eq!(app.count("[data-testid=summary-saving-total-gas]").await, 0, "no gas column");
    let eur = number(&app.text("[data-testid=summary-saving-total-eur]").await);
    assert!(eur > 0.0, "the heat saving is priced: {eur}");
    let before = number(&app.text("[data-testid=summary-quote-before]").await);
    assert!(before > 0.0, "a district-heating home gets an energy quote");
    assert!(app.count("[data-testid=summary-indicator]").await >= 4, "indicators are shown");
    assert!(app.count("[data-source=price_heat_gj]").await > 0, "the heat tariff is a source");
    let household = app.text("[data-testid=household-summary]").await;
    assert!(!household.contains("m³ gas"), "the household sheet has no gas: {household}");
    shot(&app, "summary-district-heating").await;
    app.close().await;
}
