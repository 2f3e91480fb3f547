//! Issue 10 in the real window: closing a combined visit makes its tasks; they appear in Mijn
//! taken with owner and due date; one is marked done with what happened, and the
//! household page then lists it under the closed tasks, with the visit shown as done.

mod common;

use common::shot;
use keukentafel_e2e::{App, TauriDriver, TIMEOUT};

async fn saved(app: &App<'_>) {
    app.wait_for("[data-testid=save-status][data-state=saved]", TIMEOUT).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_visit_makes_tasks_that_are_tracked_until_done() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keukentafel.sqlite3");
    let app = App::launch(&driver, &db).await;

    app.fill("#profile-name", "Anna de Vries").await;
    app.select("#profile-role", "energy_coach").await;
    app.click("#save-profile").await;
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
