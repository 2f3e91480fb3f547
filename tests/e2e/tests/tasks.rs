//! Issue 10 in the real window: closing a combined visit makes its tasks; they appear in Mijn
//! taken with owner and due date; one is marked done with what happened, and the
//! household page then lists it under the closed tasks, with the visit shown as done. And the
//! follow-up: a combined visit six weeks ago with the annual bill and meter readings (two
//! volunteers sharing the laptop) is closed with a follow-up today; a referral is marked done in
//! Mijn taken; the follow-up visit lists every task of that visit and, once today's readings
//! are in, the use per day beside the bill and the estimate.

mod common;

use common::{fill, fill_in_profile, saved, set_value, shot};
use keukentafel_e2e::{App, TauriDriver, TIMEOUT};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_visit_makes_tasks_that_are_tracked_until_done() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");
    let app = App::launch(&driver, &db).await;

    fill_in_profile(&app, "Anna de Vries", "energy_coach").await;
    app.click("#new-household").await;
    app.fill("#hh-name", "Fam. de Groot").await;
    app.fill("#hh-postcode", "3811 AB").await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", "Fam. de Groot", TIMEOUT).await;
    app.wait_for("#tasks-empty", TIMEOUT).await;

    // A combined visit today with arrears at the energy supplier: a referral.
    app.click("#plan-visit").await;
    app.select("#visit-kind", "combined").await;
    app.click("#save-visit").await;
    app.wait_for("[data-testid=visit-row]", TIMEOUT).await;
    app.click("[data-testid=open-visit]").await;
    app.wait_for("[data-testid=step-roles_explained]", TIMEOUT).await;
    app.click("#step-roles_explained-yes").await;
    app.click("#step-crisis_screen-option-none").await;
    saved(&app).await;
    app.click("#phase-tab-finances").await;
    app.wait_for("#step-energy_arrears-yes", TIMEOUT).await;
    app.click("#step-energy_arrears-yes").await;
    saved(&app).await;

    // Bezoek afronden: the dialog lists the tasks closing will make, owned by the volunteer.
    app.click("[data-testid=open-summary]").await;
    app.click("[data-testid=close-visit]").await;
    let proposed = app.wait_for_text("[data-testid=closing-tasks]", "Anna de Vries", TIMEOUT).await;
    assert!(app.count("[data-testid=closing-task][data-exists=false]").await >= 1, "tasks to make: {proposed}");
    shot(&app, "tasks-closing-dialog").await;
    app.click("#confirm-close-visit").await;
    let created = app.wait_for_text("[data-testid=closing-created]", "gemaakt", TIMEOUT).await;
    assert!(!created.contains("geen nieuwe"), "closing made tasks: {created}");
    app.wait_for("[data-testid=closing-follow-up]", TIMEOUT).await;
    app.click("[data-testid=closing-to-tasks]").await;

    // Mijn taken lists them, with the household and a due date.
    app.wait_for_text("#tasks-title", "Mijn taken", TIMEOUT).await;
    app.wait_for("[data-testid=task]", TIMEOUT).await;
    let open = app.count("[data-testid=task]").await;
    assert_eq!(open, app.count("[data-testid=task-due]").await, "every task has a due date");
    assert_eq!(app.text("[data-testid=task-household]").await, "Fam. de Groot");
    shot(&app, "tasks-mine").await;
    let household = app.attr("[data-testid=task-household]", "href").await.expect("a link to the household");

    // Mark the first task done, with what happened: it leaves Mijn taken.
    app.click("[data-testid=task][data-task] [data-testid=edit-task]").await;
    app.click("[data-testid=task-status-done]").await;
    app.fill("#task-outcome", "Regeling afgesproken: 45 euro per maand.").await;
    app.click("#save-task").await;
    app.wait_until("one task fewer in Mijn taken", TIMEOUT, || async { app.count("[data-testid=task]").await == open - 1 }).await;

    // The household page: the task under the closed ones with its outcome; the visit is done.
    app.eval("location.href = arguments[0]; return null;", vec![household.into()]).await;
    let closed = app.wait_for_text("[data-testid=household-closed-tasks]", "45 euro per maand", TIMEOUT).await;
    assert!(closed.contains("Klaar"), "{closed}");
    app.wait_for_text("[data-testid=visit-row]", "Gedaan", TIMEOUT).await;
    shot(&app, "tasks-household").await;
    app.close().await;
}

/// A day as the system (and so the app) sees it: `date -d <when> +%F`.
fn day(when: &str) -> String {
    let out = std::process::Command::new("date").args(["-d", when, "+%F"]).output().expect("date runs");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}


/// The `data-task` of the first element matching `css` whose text holds `needle`.
async fn task_with(app: &App<'_>, css: &str, needle: &str) -> String {
    let id = app
        .eval(
            "const el = [...document.querySelectorAll(arguments[0])].find(e => e.innerText.includes(arguments[1]));
             return el ? el.dataset.task : null;",
            vec![json!(css), json!(needle)],
        )
        .await;
    id.as_str().unwrap_or_else(|| panic!("a task with {needle:?} in {css}")).to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_follow_up_visit_reviews_the_tasks_and_measures_the_change() {
    let (first_day, today) = (day("42 days ago"), day("today"));
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&driver, &dir.path().join("keukentafel.sqlite3")).await;

    fill_in_profile(&app, "Anna de Vries", "energy_coach").await;
    app.click("#new-household").await;
    app.fill("#hh-name", "Fam. de Groot").await;
    app.fill("#hh-postcode", "3811 AB").await;
    app.select("#hh-tenure", "private_rent").await;
    app.select("#hh-heating", "gas_boiler").await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", "Fam. de Groot", TIMEOUT).await;

    // The consent form: two scopes in one go, with the text version that was read out.
    app.wait_for_text("[data-testid=consent-text-version]", "Gelezen tekst: versie", TIMEOUT).await;
    app.click("[data-testid=consent-share_landlord-given]").await;
    app.click("[data-testid=consent-share_supplier-withdrawn]").await;
    app.click("#record-consent").await;
    app.wait_for("[data-testid=consent-share_landlord][data-state=given]", TIMEOUT).await;
    app.wait_for("[data-testid=consent-share_supplier][data-state=refused]", TIMEOUT).await;
    assert_eq!(app.count("[data-testid=consent-event]").await, 2, "one event per changed scope");
    shot(&app, "follow-up-consent").await;

    // The combined visit, six weeks ago, with two volunteers at one laptop.
    app.click("#plan-visit").await;
    app.select("#visit-kind", "combined").await;
    set_value(&app, "#visit-planned_date", &first_day).await;
    fill(&app, "#visit-volunteers", "Anna de Vries, Henk Jansen").await;
    app.click("#save-visit").await;
    app.wait_for("[data-testid=visit-row]", TIMEOUT).await;
    app.click("[data-testid=open-visit]").await;
    app.wait_for("[data-testid=step-roles_explained]", TIMEOUT).await;
    app.wait_for("[data-testid=consent-step-note]", TIMEOUT).await;
    assert_eq!(app.value("#answered-by-0").await, "Anna de Vries");
    // Henk answers which papers are there; the step says so.
    app.click("#answered-by-1").await;
    app.click("#step-documents-option-annual_bill").await;
    saved(&app).await;
    app.wait_for_text("[data-testid=step-documents]", "Ingevuld door Henk Jansen", TIMEOUT).await;
    app.click("#answered-by-0").await;
    app.click("#step-roles_explained-yes").await;
    app.click("#step-crisis_screen-option-none").await;
    saved(&app).await;
    shot(&app, "follow-up-first-visit").await;

    app.click("#phase-tab-walkthrough").await;
    set_value(&app, "#step-meter_readings-date", &first_day).await;
    fill(&app, "#step-meter_readings-gas", "5000").await;
    fill(&app, "#step-meter_readings-electricity_t1", "10000").await;
    fill(&app, "#step-meter_readings-electricity_t2", "8000").await;
    fill(&app, "#step-gas_use-input", "1200").await;
    fill(&app, "#step-electricity_use-input", "2500").await;
    app.click("#phase-title").await; // leaving the field saves it
    saved(&app).await;
    app.wait_for_text("[data-testid=step-meter_readings]", "Ingevuld door Anna de Vries", TIMEOUT).await;
    // Arrears at the supplier: a referral for the debt-help volunteer, Henk.
    app.click("#phase-tab-finances").await;
    app.click("#step-energy_arrears-yes").await;
    saved(&app).await;
    // The thermostat a degree lower: the saving the follow-up compares with.
    app.click("#phase-tab-measures").await;
    app.click("#step-settings_changed-option-thermostat_lower").await;
    saved(&app).await;
    app.click("#phase-tab-agreements").await;
    app.click("#step-landlord_request-option-draughts").await;
    app.click("#step-follow_up_visit-yes").await;
    saved(&app).await;

    // Bezoek afronden, with the follow-up today.
    app.click("[data-testid=open-summary]").await;
    app.click("[data-testid=close-visit]").await;
    app.wait_for("[data-testid=closing-tasks]", TIMEOUT).await;
    set_value(&app, "#closing-date", &today).await;
    app.click("#confirm-close-visit").await;
    let created = app.wait_for_text("[data-testid=closing-created]", "gemaakt", TIMEOUT).await;
    let made: usize = created.split_whitespace().find_map(|w| w.parse().ok()).unwrap_or_else(|| panic!("a number of tasks: {created}"));
    app.click("[data-testid=closing-to-tasks]").await;

    // Mijn taken: Anna's tasks with due dates; the landlord referral is marked done.
    app.wait_for("[data-testid=task]", TIMEOUT).await;
    assert_eq!(app.count("[data-testid=task]").await, app.count("[data-testid=task-due]").await);
    let household = app.attr("[data-testid=task-household]", "href").await.expect("a link to the household");
    let referral = task_with(&app, "[data-testid=task]", "Verhuurder").await;
    app.click(&format!("[data-testid=task][data-task='{referral}'] [data-testid=edit-task]")).await;
    app.click("[data-testid=task-status-done]").await;
    app.fill("#task-outcome", "Verhuurder komt 3 juni de tocht bekijken.").await;
    app.click("#save-task").await;
    app.wait_gone(&format!("[data-testid=task][data-task='{referral}']"), TIMEOUT).await;

    // The follow-up visit (newest first on the household page): one item per task of the visit.
    app.eval("location.href = arguments[0]; return null;", vec![household.into()]).await;
    app.wait_for_text("[data-testid=visit-row]", "Vervolgbezoek", TIMEOUT).await;
    app.click("[data-testid=open-visit]").await;
    app.wait_for("[data-testid=follow-up-tasks]", TIMEOUT).await;
    assert_eq!(app.count("[data-testid=follow-up-task]").await, made, "every task of the first visit, the done one too");
    app.wait_for(&format!("[data-testid=follow-up-task][data-task='{referral}'][data-status=done]"), TIMEOUT).await;
    let owners = app.texts("[data-testid=follow-up-task-owner]").await;
    assert!(owners.iter().any(|o| o == "Anna de Vries") && owners.iter().any(|o| o == "Henk Jansen"), "{owners:?}");
    app.wait_for_text("[data-testid=measured-none]", "meterstanden van vandaag", TIMEOUT).await;

    // What happened with another task, answered at the table.
    let other = app.attr("[data-testid=follow-up-task][data-status=open]", "data-task").await.expect("an open task");
    let item = format!("[data-testid=follow-up-task][data-task='{other}']");
    app.click(&format!("{item} [data-testid=follow-up-status-in_progress]")).await;
    app.fill(&format!("{item} [data-testid=follow-up-outcome]"), "Aangemeld, wacht op antwoord.").await;
    app.click(&format!("{item} [data-testid=follow-up-save]")).await;
    app.wait_for(&format!("{item}[data-status=in_progress]"), TIMEOUT).await;

    // Today's readings: 84 m³ gas and 210 kWh in 42 days, beside the bill and the estimate.
    fill(&app, "#step-meter_readings-gas", "5084").await;
    fill(&app, "#step-meter_readings-electricity_t1", "10150").await;
    fill(&app, "#step-meter_readings-electricity_t2", "8060").await;
    app.click("#phase-title").await;
    saved(&app).await;
    let gas = app.wait_for_text("[data-testid=measured-gas] [data-testid=measured-now]", "2,0 m³", TIMEOUT).await;
    assert_eq!(gas, "2,0 m³");
    assert_eq!(app.text("[data-testid=measured-gas] [data-testid=measured-before]").await, "3,3 m³");
    assert_eq!(app.text("[data-testid=measured-gas] [data-testid=measured-change]").await, "−1,3 m³ (−39 %)");
    let estimate = app.text("[data-testid=measured-gas] [data-testid=measured-estimate]").await;
    assert!(estimate.starts_with('−') && estimate.contains("m³"), "the first visit's estimate: {estimate}");
    assert_eq!(app.text("[data-testid=measured-electricity] [data-testid=measured-now]").await, "5,0 kWh");
    assert_eq!(app.text("[data-testid=measured-electricity] [data-testid=measured-before]").await, "6,8 kWh");
    app.wait_for_text("[data-testid=measured-period]", "42 dagen", TIMEOUT).await;
    app.wait_for_text("[data-testid=measured-weather]", "Niet gecorrigeerd voor het weer", TIMEOUT).await;
    shot(&app, "follow-up-measured").await;
    app.close().await;
}
