//! The municipal report on a real store file: the selection of wijken and the period, small
//! cells suppressed (also where a total would give them away), and bad input refused with
//! its Dutch message and nothing written.

use chrono::NaiveDate;
use keukentafel_api::report::{self, Report, ReportCell, ReportFormat, ReportRequest, ReportTable};
use keukentafel_api::{ErrorCode, Templates};
use keukentafel_domain::*;
use keukentafel_store::Store;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(11, 23)
}

fn household(store: &mut Store, wijk: &str) -> HouseholdId {
    store.create_household(HouseholdInput { name: "Fam. Test".into(), wijk: wijk.into(), adults: 1, ..Default::default() }).unwrap().id
}

fn visit(store: &mut Store, h: HouseholdId, date: NaiveDate, kind: VisitKind) {
    let input = VisitInput {
        household_id: h,
        planned_date: date,
        planned_time: "10:00".into(),
        kind,
        volunteers: vec!["Anna".into()],
        status: VisitStatus::Done,
        summary: String::new(),
    };
    store.plan_visit(input, today()).unwrap();
}

/// Wijk A: 12 households with an intake in October (3 of them had one in March already);
/// wijk B: 3 households with an intake in October; wijk C: 8 households, intake in March only.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.sqlite3"), keukentafel_store::testing::key(), Sources::deterministic(1, 1_795_000_000_000, 1)).unwrap();
    store
        .save_profile(UserProfileInput { name: "Cora".into(), organisation: String::new(), phone: String::new(), role: Role::Coordinator })
        .unwrap();
    for i in 0..12 {
        let h = household(&mut store, "A");
        if i < 3 {
            visit(&mut store, h, day(3, 10), VisitKind::Intake);
        }
        visit(&mut store, h, day(10, 5), VisitKind::Intake);
    }
    for _ in 0..3 {
        let h = household(&mut store, "B");
        visit(&mut store, h, day(10, 6), VisitKind::Intake);
    }
    for _ in 0..8 {
        let h = household(&mut store, "C");
        visit(&mut store, h, day(3, 7), VisitKind::Intake);
    }
    (dir, store)
}

fn request(wijken: &[&str]) -> ReportRequest {
    ReportRequest { from: day(10, 1), to: day(10, 31), wijken: wijken.iter().map(|w| (*w).to_owned()).collect() }
}

fn table<'a>(r: &'a Report, id: &str) -> &'a ReportTable {
    r.tables.iter().find(|t| t.id == id).unwrap()
}

fn cells(t: &ReportTable, label: &str) -> Vec<ReportCell> {
    t.rows.iter().find(|r| r.label.nl == label).unwrap_or_else(|| panic!("row {label}")).cells.clone()
}

fn v(x: f64) -> ReportCell {
    ReportCell::Value { value: x }
}

#[test]
fn reached_households_by_wijk_with_small_cells_suppressed() {
    let (_dir, mut store) = store();
    let templates = Templates::builtin().unwrap();
    let r = report::report(&mut store, &templates, &request(&[]), today()).unwrap();
    assert_eq!(r.tables.len(), 10);
    assert!(r.cover.all_wijken);
    assert_eq!(r.cover.wijken, vec!["A", "B", "C"]);
    let t = table(&r, "households");
    // A: 12 reached, 9 new (3 had their first visit in March).
    assert_eq!(cells(t, "A"), vec![v(9.0), v(12.0)]);
    // B: 3 households: below five, so hidden in both columns.
    assert_eq!(cells(t, "B"), vec![ReportCell::Suppressed, ReportCell::Suppressed]);
    // C: nobody reached in October: 0 is below five as well; it protects B in the total.
    assert_eq!(cells(t, "C"), vec![ReportCell::Suppressed, ReportCell::Suppressed]);
    assert_eq!(cells(t, "Totaal"), vec![v(12.0), v(15.0)]);
}

#[test]
fn a_small_cell_cannot_be_worked_out_from_the_total() {
    let (_dir, mut store) = store();
    let templates = Templates::builtin().unwrap();
    // Only A and B: B (3) is hidden; total − A would give it away, so A goes too.
    let r = report::report(&mut store, &templates, &request(&["A", "B"]), today()).unwrap();
    assert!(!r.cover.all_wijken);
    let t = table(&r, "households");
    assert_eq!(t.rows.len(), 3, "A, B and the total");
    assert_eq!(cells(t, "B"), vec![ReportCell::Suppressed, ReportCell::Suppressed]);
    assert_eq!(cells(t, "A"), vec![ReportCell::Suppressed, ReportCell::Suppressed]);
    assert_eq!(cells(t, "Totaal"), vec![v(12.0), v(15.0)]);
    // Visits: 15 intakes by 15 households; the other kinds are empty (0 → hidden), and the
    // intakes are hidden with them so the total does not show them.
    let visits = table(&r, "visits");
    assert_eq!(cells(visits, "Totaal")[0], v(15.0));
    assert_eq!(cells(visits, "Kennismaking")[0], ReportCell::Suppressed);
}

#[test]
fn one_wijk_selected_counts_only_its_households() {
    let (_dir, mut store) = store();
    let templates = Templates::builtin().unwrap();
    let r = report::report(&mut store, &templates, &request(&[" A "]), today()).unwrap();
    assert_eq!(r.cover.wijken, vec!["A"]);
    let t = table(&r, "households");
    assert_eq!(cells(t, "A"), vec![v(9.0), v(12.0)]);
    assert_eq!(cells(t, "Totaal"), vec![v(9.0), v(12.0)]);
}

#[test]
fn bad_requests_are_refused_in_dutch() {
    let (dir, mut store) = store();
    let templates = Templates::builtin().unwrap();
    let backwards = ReportRequest { from: day(10, 31), to: day(10, 1), wijken: vec![] };
    let e = report::report(&mut store, &templates, &backwards, today()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(e.message.contains("De einddatum (01-10-2026) ligt voor de begindatum (31-10-2026)"), "{}", e.message);

    let e = report::report(&mut store, &templates, &request(&["Atlantis"]), today()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(e.message.contains("geen huishouden in de wijk \u{201c}Atlantis\u{201d}"), "{}", e.message);

    // A folder that does not exist (and cannot be made: its parent is a file).
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"x").unwrap();
    let path = blocker.join("rapport.xlsx");
    let e = report::save_report(&mut store, &templates, &request(&[]), ReportFormat::Xlsx, &path, today()).unwrap_err();
    assert_eq!(e.code, ErrorCode::StoreIo);
    assert!(e.message.contains("Het rapport kan niet worden opgeslagen"), "{}", e.message);
    let e = report::save_report(&mut store, &templates, &request(&[]), ReportFormat::Csv, &path, today()).unwrap_err();
    assert_eq!(e.code, ErrorCode::StoreIo);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().contains("part")), "nothing half-written: {left:?}");
}

#[test]
fn the_report_holds_no_names_or_free_text() {
    let (_dir, mut store) = store();
    let h = store
        .create_household(HouseholdInput {
            name: "Geheime Naam".into(),
            street_address: "Verstopte Straat 1".into(),
            wijk: "A".into(),
            notes: "Notitie die niet mag lekken".into(),
            adults: 1,
            ..Default::default()
        })
        .unwrap()
        .id;
    visit(&mut store, h, day(10, 7), VisitKind::Intake);
    let templates = Templates::builtin().unwrap();
    let r = report::report(&mut store, &templates, &request(&[]), today()).unwrap();
    let text = serde_json::to_string(&r).unwrap();
    for secret in ["Geheime", "Verstopte", "Notitie die", "Anna", "Cora", &h.to_string()] {
        assert!(!text.contains(secret), "{secret} is in the report");
    }
}

#[test]
fn cached_figures_follow_a_changed_answer() {
    use keukentafel_api::visits;
    use keukentafel_checklist::{AnswerInput, AnswerValue};
    let (_dir, mut store) = store();
    let templates = Templates::builtin().unwrap();
    let mut combined = Vec::new();
    for _ in 0..6 {
        let h = household(&mut store, "D");
        let input = VisitInput {
            household_id: h,
            planned_date: day(10, 9),
            planned_time: "10:00".into(),
            kind: VisitKind::Combined,
            volunteers: vec!["Anna".into()],
            status: VisitStatus::Planned,
            summary: String::new(),
        };
        let v = store.plan_visit(input, today()).unwrap().id;
        let answers = [
            ("documents", AnswerValue::MultiChoice(vec!["annual_bill".into()])),
            ("net_income", AnswerValue::Money(150_000)),
            ("energy_cost", AnswerValue::Money(240_000)),
        ];
        for (step, value) in answers {
            let input = AnswerInput { visit_id: v, step_id: step.into(), value: Some(value), answered_by: None };
            visits::answer_step(&mut store, &templates, input, today()).unwrap();
        }
        let mut visit = store.visit(v).unwrap();
        visit.data.status = VisitStatus::Done;
        store.update_visit(VisitUpdate { id: v, data: visit.data, base: visit.clocks }, today()).unwrap();
        combined.push(v);
    }
    let quote = |store: &mut Store| {
        let r = report::report(store, &templates, &request(&["D"]), today()).unwrap();
        match cells(table(&r, "energy_quote"), "Voor de maatregelen")[3] {
            ReportCell::Value { value } => value,
            ref other => panic!("{other:?}"),
        }
    };
    let before = quote(&mut store);
    assert_eq!(store.cached_visit_figures().unwrap().len(), 6, "each evaluated visit is cached");
    assert_eq!(quote(&mut store), before, "the same figures from the cache");

    // One household's energy cost doubles: its cached row is dropped with the change.
    let input = AnswerInput { visit_id: combined[0], step_id: "energy_cost".into(), value: Some(AnswerValue::Money(480_000)), answered_by: None };
    visits::answer_step(&mut store, &templates, input, today()).unwrap();
    assert_eq!(store.cached_visit_figures().unwrap().len(), 5);
    let after = quote(&mut store);
    assert!(after > before, "{after} > {before}: the changed answer counts");
    assert_eq!(store.cached_visit_figures().unwrap().len(), 6);
}
