//! Issue 12 (screens that stay instant) in the real window: on a store of a few thousand
//! households the list shows its first rows at once, holds far fewer rows in the page than it
//! counts, shows the last household when scrolled to the end, moves between rows with the
//! keyboard, and a search narrows it. The agenda with a thousand visits draws only the visits
//! in view too.
//!
//! Set `KEUKENTAFEL_E2E_SCREENSHOTS=/some/dir` to keep screenshots.

mod common;

use std::path::Path;
use std::time::Instant;

use common::*;
use keukentafel_e2e::{App, TauriDriver, TIMEOUT};
use serde_json::json;

const HOUSEHOLDS: usize = 3_000;

/// The rows drawn in the page, and the total the list says it has.
async fn drawn(app: &App<'_>) -> (usize, usize) {
    let v = app
        .eval(
            "const lis = document.querySelectorAll('ul.rows > li');
             return [lis.length, Number(lis[0]?.getAttribute('aria-setsize') ?? -1)];",
            vec![],
        )
        .await;
    (v[0].as_u64().unwrap() as usize, v[1].as_i64().unwrap().max(0) as usize)
}

/// Whether a household row links to `id`.
async fn row_shown(app: &App<'_>, id: &str) -> bool {
    app.eval(
        "return Array.from(document.querySelectorAll('[data-testid=household-row]')).some(a => a.getAttribute('href').endsWith(arguments[0]));",
        vec![json!(id)],
    )
    .await
        == json!(true)
}

const FAMILIES: &[&str] = &[
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yılmaz",
    "El Amrani", "Kaya", "Nguyen", "Boateng", "Sahin", "van Dijk", "Kok", "Jacobs", "Vermeulen", "Willems",
];
const WIJKEN: &[&str] = &["Smitsveen", "Soest-Zuid", "Overhees", "Klaarwater", "De Eng", "Soesterberg"];

/// A store of `n` households written through the store itself (the demo's visits and answers
/// take minutes for thousands of households in a debug build; the list needs households only):
/// family names that repeat, codes, every 25th archived. Returns the households the list shows
/// as (name folded as SQLite's NOCASE folds it, id, name), in the list's order.
fn long_store(db: &Path, n: usize) -> Vec<(String, String, String)> {
    use keukentafel_domain::{HouseholdInput, Role, Sources, UserProfileInput};
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let mut store = keukentafel_store::Store::unlock(db, keukentafel_e2e::PASSPHRASE, Sources::system()).unwrap();
    store
        .save_profile(UserProfileInput { name: "Anna de Vries".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach })
        .unwrap();
    let mut shown = Vec::new();
    for i in 0..n {
        let wijk = WIJKEN[i % WIJKEN.len()];
        let name = if i % 5 == 2 { format!("{}-{:04}", &wijk[..2].to_uppercase(), i + 1) } else { format!("Fam. {}", FAMILIES[(i * 7) % FAMILIES.len()]) };
        let input = HouseholdInput {
            name: name.clone(),
            street_address: format!("Griftlaan {}", i + 1),
            postcode: format!("37{:02} AB", 60 + i % 10),
            city: "Soest".into(),
            wijk: wijk.into(),
            adults: 1,
            ..Default::default()
        };
        let id = store.create_household(input).unwrap().id;
        if i % 25 == 3 {
            store.set_household_archived(id, true).unwrap();
        } else {
            shown.push((name.to_ascii_lowercase(), id.to_string(), name));
        }
    }
    shown.sort();
    // What the screen asks for, timed here (a debug build, like the app under test).
    let today = chrono::Local::now().date_naive();
    let query = keukentafel_domain::HouseholdQuery::default();
    let t = Instant::now();
    let page = store.household_page(&query, today, 0, 100).unwrap();
    let first_page = t.elapsed();
    let t = Instant::now();
    store.household_page(&query, today, page.total - 50, 100).unwrap();
    let last_page = t.elapsed();
    let t = Instant::now();
    let searched = store.household_page(&keukentafel_domain::HouseholdQuery { search: "jansen".into(), ..query.clone() }, today, 0, 100).unwrap();
    let search = t.elapsed();
    let t = Instant::now();
    store.list_households(&query, today).unwrap();
    eprintln!(
        "{n} households: first page {first_page:?}, last page {last_page:?}, search ({} matches) {search:?}, whole list {:?}",
        searched.total,
        t.elapsed()
    );
    shown
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_list_draws_only_the_rows_in_view_and_reads_the_rest_as_it_scrolls() {
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("laptop").join("keukentafel.sqlite3");
    let made = Instant::now();
    // KEUKENTAFEL_E2E_LONG_LIST=10000 measures a bigger store (the figures are printed).
    let n = std::env::var("KEUKENTAFEL_E2E_LONG_LIST").ok().and_then(|v| v.parse().ok()).unwrap_or(HOUSEHOLDS);
    let shown = long_store(&db, n);
    eprintln!("a store of {n} households in {:?}", made.elapsed());
    let total = shown.len();
    let (first, last) = (shown[0].clone(), shown[total - 1].clone());

    let app = App::launch(&driver, &db).await;
    let unlocked = Instant::now();
    app.wait_for_text("[data-testid=household-row]", &first.2, TIMEOUT).await;
    eprintln!("first rows {:?} after the start screen was left", unlocked.elapsed());
    // Opening the screen again (from the agenda): how long until the first rows show.
    app.click("#nav-agenda").await;
    app.wait_gone("[data-testid=household-row]", TIMEOUT).await;
    let opened = Instant::now();
    app.click("#nav-households").await;
    app.wait_for_text("[data-testid=household-row]", &first.2, TIMEOUT).await;
    eprintln!("first rows {:?} after Huishoudens was clicked", opened.elapsed());
    assert!(row_shown(&app, &first.1).await, "the first row is the first household by name");
    let count = app.wait_for_text("#household-count", "huishoudens", TIMEOUT).await;
    let dutch_total = total.to_string();
    let dutch_total = format!("{}.{}", &dutch_total[..dutch_total.len() - 3], &dutch_total[dutch_total.len() - 3..]);
    assert_eq!(count, format!("{dutch_total} huishoudens"), "the count says how many, with a thousands dot");
    let (rows, setsize) = drawn(&app).await;
    eprintln!("{rows} rows in the DOM for {total} households");
    assert_eq!(setsize, total, "each row says how many there are in all");
    assert!(rows < 80, "only the rows in view and a few around them are drawn: {rows} of {total}");
    let page_height = app.eval("return document.documentElement.scrollHeight / window.innerHeight;", vec![]).await;
    assert!(page_height.as_f64().unwrap() > 50.0, "the page is as tall as every row: {page_height}");
    shot(&app, "long-list-top").await;

    // The keyboard goes from row to row (the next row is drawn before it is needed).
    app.wait_until("the first row is drawn again", TIMEOUT, || async {
        app.eval("const a = document.querySelector('[data-index=\"0\"] a'); a?.focus(); return !!a;", vec![]).await == json!(true)
    })
    .await;
    let active = app.client.active_element().await.unwrap();
    active.send_keys("\u{E015}").await.unwrap(); // arrow down
    app.wait_until("the second row has the focus", TIMEOUT, || async {
        app.eval("return document.activeElement?.closest('li')?.dataset.index ?? null;", vec![]).await == json!("1")
    })
    .await;
    let active = app.client.active_element().await.unwrap();
    active.send_keys("\u{E004}").await.unwrap(); // tab
    app.wait_until("tab reaches the third row", TIMEOUT, || async {
        app.eval("return document.activeElement?.closest('li')?.dataset.index ?? null;", vec![]).await == json!("2")
    })
    .await;

    // To the end: the last household shows, read when it came into view.
    app.eval("window.scrollTo(0, document.documentElement.scrollHeight); return null;", vec![]).await;
    app.wait_until("the last household is shown", TIMEOUT, || async { row_shown(&app, &last.1).await }).await;
    let (rows, _) = drawn(&app).await;
    assert!(rows < 80, "at the end too, only the rows in view: {rows}");
    shot(&app, "long-list-end").await;

    // Halfway: the rows there are read and shown in their place.
    app.eval("window.scrollTo(0, document.documentElement.scrollHeight / 2); return null;", vec![]).await;
    // (The window follows the scroll when the page is next drawn: wait for rows of the middle
    // half, all of them read.)
    app.wait_until("the middle rows are read", TIMEOUT, || async {
        app.count("[data-testid=household-row-loading]").await == 0
            && app
                .eval(
                    "return Array.from(document.querySelectorAll('ul.rows > li')).some(li => Number(li.dataset.index) > arguments[0] && Number(li.dataset.index) < arguments[1]);",
                    vec![json!(total / 4), json!(total * 3 / 4)],
                )
                .await
                == json!(true)
    })
    .await;
    let middle = app
        .eval(
            // The focused row (the third) stays drawn wherever the list is; the others are here.
            "const a = Array.from(document.querySelectorAll('[data-testid=household-row]')).find(a => Number(a.closest('li').dataset.index) > arguments[0]);
             return [Number(a.closest('li').dataset.index), a.getAttribute('href')];",
            vec![json!(total / 4)],
        )
        .await;
    let index = middle[0].as_u64().unwrap() as usize;
    assert!(index > total / 4 && index < total * 3 / 4, "{index} of {total}");
    let focused = app.eval("return document.activeElement?.closest('li')?.dataset.index ?? null;", vec![]).await;
    assert_eq!(focused, json!("2"), "the focused row kept the focus while the list scrolled away from it");
    assert!(middle[1].as_str().unwrap().ends_with(&shown[index].1), "row {index} is the household in that place");

    // A search narrows the list and starts it from the top.
    app.eval("window.scrollTo(0, 0); return null;", vec![]).await;
    let search = last.2.clone();
    let matching = shown.iter().filter(|h| h.0.contains(&search.to_lowercase())).count();
    fill(&app, "#search", &search).await;
    let expected = if matching == 1 { "1 huishouden".to_owned() } else { format!("{matching} huishoudens") };
    app.wait_for_text("#household-count", &expected, TIMEOUT).await;
    app.wait_until("the search is done", TIMEOUT, || async { app.count("#household-searching").await == 0 }).await;
    app.wait_for_text("[data-testid=household-row]", &search, TIMEOUT).await;
    let texts = app.texts("[data-testid=household-row]").await;
    assert!(!texts.is_empty() && texts.len() <= matching, "{} rows for {matching} matches", texts.len());
    assert!(texts.iter().all(|t| t.to_lowercase().contains(&search.to_lowercase())), "{texts:?}");
    shot(&app, "long-list-search").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_agenda_draws_only_the_visits_in_view() {
    use keukentafel_domain::{HouseholdInput, Role, Sources, UserProfileInput, VisitInput, VisitKind, VisitStatus};
    // KEUKENTAFEL_E2E_LONG_AGENDA=10000 measures a bigger agenda (the figures are printed).
    let visits: usize = std::env::var("KEUKENTAFEL_E2E_LONG_AGENDA").ok().and_then(|v| v.parse().ok()).unwrap_or(1_200);
    const TIMES: [&str; 5] = ["09:00", "10:30", "12:00", "14:00", "15:30"];
    let driver = TauriDriver::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("laptop").join("keukentafel.sqlite3");
    let today = chrono::Local::now().date_naive();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    {
        let mut store = keukentafel_store::Store::unlock(&db, keukentafel_e2e::PASSPHRASE, Sources::system()).unwrap();
        store
            .save_profile(UserProfileInput { name: "Anna de Vries".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach })
            .unwrap();
        // Five visits a day for 240 days, each at its own household.
        for i in 0..visits {
            let name = format!("Fam. Agenda-{:04}", i + 1);
            let h = store.create_household(HouseholdInput { name, wijk: "Smitsveen".into(), adults: 1, ..Default::default() }).unwrap().id;
            let visit = VisitInput {
                household_id: h,
                planned_date: today + chrono::Days::new((i / TIMES.len()) as u64),
                planned_time: TIMES[i % TIMES.len()].into(),
                kind: VisitKind::Combined,
                volunteers: vec!["Anna de Vries".into()],
                status: VisitStatus::Planned,
                summary: String::new(),
            };
            store.plan_visit(visit, today).unwrap();
        }
        let t = Instant::now();
        store.agenda(today).unwrap();
        eprintln!("{visits} planned visits: the agenda read in {:?}", t.elapsed());
    }

    let app = App::launch(&driver, &db).await;
    let opened = Instant::now();
    app.click("#nav-agenda").await;
    app.wait_for_text("[data-testid=agenda-item]", "Fam. Agenda-0001", TIMEOUT).await;
    eprintln!("first visits {:?} after Agenda was clicked", opened.elapsed());
    let shown = format!("{visits}");
    let shown = if visits >= 1000 { format!("{}.{}", &shown[..shown.len() - 3], &shown[shown.len() - 3..]) } else { shown };
    app.wait_for_text(".page-head .sub", &format!("{shown} bezoeken"), TIMEOUT).await;
    let drawn = app.count("[data-testid=agenda-item]").await;
    eprintln!("{drawn} visits in the DOM of {visits}");
    assert!(drawn < 60, "only the visits in view are drawn: {drawn} of {visits}");
    shot(&app, "long-agenda-top").await;

    app.eval("window.scrollTo(0, document.documentElement.scrollHeight); return null;", vec![]).await;
    app.wait_until("the last visit is shown", TIMEOUT, || async {
        app.texts("[data-testid=agenda-item]").await.iter().any(|t| t.contains(&format!("Fam. Agenda-{visits:04}")))
    })
    .await;
    // Rows are measured as they are drawn: scrolling to the very end again lands on the last one.
    app.eval("window.scrollTo(0, document.documentElement.scrollHeight); return null;", vec![]).await;
    let drawn = app.count("[data-testid=agenda-item]").await;
    assert!(drawn < 60, "at the end too: {drawn}");
    shot(&app, "long-agenda-end").await;
    app.close().await;
}
