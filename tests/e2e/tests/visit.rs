//! Issue 3 in the real window: a combined visit for a renter under *bewind* with energy arrears.
//! The administrator and payment-arrangement steps appear, measures are installed, the summary
//! shows the saving and the energy quote, and the household summary is produced. Every answer
//! is in the store's change log afterwards. Issue 9: the sheet names the volunteer with her
//! phone number, the administrator contacts the supplier, the sheet is printed in the
//! household's language whatever the app's, and it prints on one A4 page.

use std::path::Path;
use std::process::Command;

use keukentafel_e2e::{cli, workspace_root, App, TauriDriver, TIMEOUT};

async fn saved(app: &App<'_>) {
    app.wait_for("[data-testid=save-status][data-state=saved]", TIMEOUT).await;
}

/// Parses "€ 322,54" / "14,5 %" into a number.
fn number(text: &str) -> f64 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == ',' || *c == '-').collect();
    digits.replace(',', ".").parse().unwrap_or_else(|_| panic!("no number in {text:?}"))
}

/// The page as it is now, as one HTML file with its style sheets inline (for printing).
async fn page_html(app: &App<'_>) -> String {
    let script = r#"
        const css = Array.from(document.styleSheets).map((s) => {
            try { return Array.from(s.cssRules).map((r) => r.cssText).join('\n'); } catch (e) { return ''; }
        }).join('\n');
        return '<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>' + css +
            '</style></head><body>' + document.body.innerHTML + '</body></html>';
    "#;
    app.eval(script, vec![]).await.as_str().expect("the page as text").to_owned()
}

/// How many pages `html` takes when WebKitGTK prints it (`tests/print/print-to-pdf.py`), or
/// `None` when this machine cannot print (no python3-gi with WebKit2 4.1).
fn printed_pages(html: &Path) -> Option<usize> {
    let tool = workspace_root().join("tests/print/print-to-pdf.py");
    let usable = Command::new("/usr/bin/python3")
        .args(["-c", "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !usable {
        eprintln!("skipping the print check: /usr/bin/python3 has no WebKit2 4.1 (python3-gi, gir1.2-webkit2-4.1)");
        return None;
    }
    let pdf = html.with_extension("pdf");
    let out = Command::new("/usr/bin/python3").arg(tool).arg(html).arg(&pdf).output().expect("run the print tool");
    assert!(out.status.success(), "printing failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).trim().parse().expect("a page count"))
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
    app.fill("#profile-phone", "06 12345678").await;
    app.click("#save-profile").await;
    app.click("#new-household").await;
    app.fill("#hh-name", "Fam. Bewind").await;
    app.fill("#hh-postcode", "3764 AB").await;
    app.select("#hh-tenure", "private_rent").await;
    app.fill("#hh-landlord", "Vesteda").await;
    app.select("#hh-heating", "gas_boiler").await;
    app.click("#hh-under_bewind").await;
    app.fill("#hh-administrator_name", "Bewindvoering Eemland").await;
    app.fill("#hh-administrator_contact", "035-6012345").await;
    app.click("#save-household").await;
    app.wait_for_text("#household-name", "Fam. Bewind", TIMEOUT).await;

    // Plan a combined visit for today and open it.
    app.click("#plan-visit").await;
    app.select("#visit-kind", "combined").await;
    app.click("#save-visit").await;
    app.wait_for("[data-testid=visit-row]", TIMEOUT).await;
    app.click("[data-testid=open-visit]").await;

    // Intake: the administrator step is there because of bewind; its contact is not asked again.
    app.wait_for("[data-testid=step-administrator_told]", TIMEOUT).await;
    assert_eq!(app.count("[data-testid=step-administrator_contact]").await, 0, "the household record has it");
    app.click("#step-roles_explained-yes").await;
    app.click("#step-crisis_screen-option-none").await;
    app.click("#step-dwelling_type-option-terraced").await; // the average gas use of a terraced house
    app.click("#step-administrator_told-yes").await;
    saved(&app).await;
    assert_eq!(app.count("[data-testid=crisis-banner]").await, 0, "no crisis was signalled");

    // Finances: no payment arrangement until there are arrears.
    app.click("#phase-tab-finances").await;
    app.wait_for("[data-testid=step-administrator_tasks]", TIMEOUT).await;
    assert_eq!(app.count("[data-testid=step-payment_arrangement]").await, 0);
    app.fill("#step-net_income-input", "1450").await;
    app.click("#step-energy_arrears-yes").await;
    app.wait_for("[data-testid=step-payment_arrangement]", TIMEOUT).await;
    app.fill("#step-energy_arrears_amount-input", "412,50").await;
    app.click("#step-payment_arrangement-option-to_request").await; // leave the amount: it saves
    app.click("#step-administrator_tasks-option-advance").await;
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
    let supplier = app.texts("[data-testid=print-who] tr[data-who=administrator]").await.join("\n");
    // (Template v3: the payment arrangement asked for is the administrator's follow-up with the supplier.)
    assert!(supplier.to_lowercase().contains("energieleverancier"), "under bewind the administrator contacts the supplier: {supplier}");
    let contact = app.text("[data-testid=print-contact]").await;
    assert!(
        contact.contains("Anna de Vries") && contact.contains("06 12345678") && contact.contains("035-6012345"),
        "the volunteer and the administrator with their numbers: {contact}"
    );

    // One A4 page on paper.
    // KEUKENTAFEL_SHEET_HTML=<path> keeps a copy to look at (its PDF lands beside it).
    let html = std::env::var_os("KEUKENTAFEL_SHEET_HTML").map_or_else(|| dir.path().join("sheet.html"), Into::into);
    std::fs::write(&html, page_html(&app).await).unwrap();
    if let Some(pages) = printed_pages(&html) {
        assert_eq!(pages, 1, "the household's sheet prints on one A4 page ({})", html.display());
    }

    // The household reads English: the sheet follows, the app stays Dutch.
    app.click("[data-testid=print-language] a").await;
    app.select("#hh-language", "en").await;
    app.click("#save-household").await;
    app.wait_for_text("[data-testid=household-language]", "Engels", TIMEOUT).await;
    app.click("[data-testid=open-visit]").await;
    app.click("[data-testid=open-summary]").await;
    let english = app.wait_for_text("[data-testid=household-summary]", "What we did together", TIMEOUT).await;
    assert!(english.contains("Questions? Call us") && !english.contains("Wat we samen deden"), "{english}");
    let title = app.text("h1").await;
    assert!(title.contains("Samenvatting van het bezoek"), "the app itself stays Dutch: {title}");
    app.close().await;

    // Every answer is in the store's change log, with the template on the visit.
    let dump: serde_json::Value = serde_json::from_str(&cli(&["dump", "--db", db.to_str().unwrap()])).unwrap();
    let answers = dump["answers"].as_array().unwrap();
    let steps: Vec<&str> = answers.iter().filter_map(|a| a["step_id"].as_str()).collect();
    for step in ["administrator_told", "energy_arrears", "energy_arrears_amount", "payment_arrangement", "installed", "follow_up_visit"] {
        assert!(steps.contains(&step), "answer to {step} is stored: {steps:?}");
    }
    assert_eq!(dump["visits"][0]["template_id"], "combined-visit");
}
