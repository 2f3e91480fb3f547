//! A visit's checklist through the use cases, on a real store file: the template is fixed on the visit, answers are
//! ops that survive reopening, and a visit made with an unknown template version is refused.

use chrono::NaiveDate;
use keukentafel_api::{visits, ErrorCode, Templates};
use keukentafel_checklist::{AnswerInput, AnswerValue};
use keukentafel_domain::*;
use keukentafel_store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn setup(path: &std::path::Path) -> (Store, VisitId) {
    let mut s = Store::open(path, keukentafel_store::testing::key(), Sources::deterministic(3, 1_795_000_000_000, 5)).unwrap();
    s.save_profile(UserProfileInput { name: "Anna".into(), organisation: "EAS".into(), phone: String::new(), role: Role::EnergyCoach }).unwrap();
    let h = s
        .create_household(HouseholdInput {
            name: "Fam. Jansen".into(),
            tenure: Some(Tenure::PrivateRent),
            under_bewind: true,
            heating: Some(Heating::GasBoiler),
            ..Default::default()
        })
        .unwrap();
    let v = s
        .plan_visit(
            VisitInput {
                household_id: h.id,
                planned_date: today(),
                planned_time: "10:00".into(),
                kind: VisitKind::Combined,
                volunteers: vec!["Anna".into(), "Henk".into()],
                status: VisitStatus::Planned,
                summary: String::new(),
            },
            today(),
        )
        .unwrap();
    (s, v.id)
}

#[test]
fn answers_are_saved_at_once_and_read_back_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let templates = Templates::builtin().unwrap();
    let (mut store, visit) = setup(&path);
    let first = visits::open_checklist(&mut store, &templates, visit).unwrap();
    assert_eq!(first.template.id, templates.current().template().id);
    assert_eq!(first.template.version, 3, "a new visit gets the newest template");
    assert!(first.evaluation.steps.iter().any(|s| s.step_id == "administrator_told"), "bewind shows the administrator steps");
    assert!(!first.evaluation.steps.iter().any(|s| s.step_id == "payment_arrangement"), "no arrears yet");
    // Anna is an energy coach: energy steps and shared steps are hers, debt-help steps are not.
    let mine = |id: &str| first.evaluation.steps.iter().find(|s| s.step_id == id).map(|s| s.mine);
    assert!(first.evaluation.steps.iter().any(|s| s.mine) && first.evaluation.steps.iter().any(|s| !s.mine));
    assert_eq!(mine("administrator_told"), Some(false), "a debt-help step is not the energy coach's");

    let after = visits::answer_step(&mut store, &templates, AnswerInput { visit_id: visit, step_id: "energy_arrears".into(), value: Some(AnswerValue::YesNo(true)), answered_by: None }, today())
        .unwrap();
    assert_eq!(after.answered_by["energy_arrears"], "Anna");
    assert!(after.evaluation.steps.iter().any(|s| s.step_id == "payment_arrangement"), "arrears bring the payment-arrangement step");

    drop(store);
    let mut store = Store::open(&path, keukentafel_store::testing::key(), Sources::system()).unwrap();
    let again = visits::open_checklist(&mut store, &templates, visit).unwrap();
    assert_eq!(again.answers.get("energy_arrears"), Some(&AnswerValue::YesNo(true)));
    assert_eq!(again.evaluation.steps.len(), after.evaluation.steps.len());

    let cleared = visits::answer_step(&mut store, &templates, AnswerInput { visit_id: visit, step_id: "energy_arrears".into(), value: None, answered_by: None }, today()).unwrap();
    assert!(!cleared.answers.contains_key("energy_arrears"));
}

#[test]
fn a_visit_started_with_version_1_keeps_version_1() {
    let dir = tempfile::tempdir().unwrap();
    let templates = Templates::builtin().unwrap();
    let (mut store, visit) = setup(&dir.path().join("k.sqlite3"));
    // As a program with only version 1 left it: the template fixed on the visit.
    store.set_visit_template(visit, "combined-visit", 1).unwrap();
    let input = AnswerInput {
        visit_id: visit,
        step_id: "administrator_contact".into(),
        value: Some(AnswerValue::Text("Bewindvoering Eemland".into())),
        answered_by: None,
    };
    let v1 = visits::answer_step(&mut store, &templates, input, today()).unwrap();
    assert_eq!((v1.template.version, v1.evaluation.template_version), (1, 1));
    assert!(v1.evaluation.steps.iter().any(|s| s.step_id == "administrator_contact" && s.answered));
    assert!(!v1.evaluation.steps.iter().any(|s| s.step_id == "administrator_told"));
}

#[test]
fn an_unknown_step_or_template_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let templates = Templates::builtin().unwrap();
    let (mut store, visit) = setup(&dir.path().join("k.sqlite3"));
    let err = visits::answer_step(&mut store, &templates, AnswerInput { visit_id: visit, step_id: "no_such_step".into(), value: Some(AnswerValue::YesNo(true)), answered_by: None }, today())
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("hoort niet bij dit bezoek"), "{}", err.message);
    store.set_visit_template(visit, "combined-visit", 99).unwrap();
    let err = visits::open_checklist(&mut store, &templates, visit).unwrap_err();
    assert_eq!(err.code, ErrorCode::TemplateUnavailable);
    assert!(err.message_en.contains("version 99"), "{}", err.message_en);
}
