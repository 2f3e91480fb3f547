//! The follow-up template (`assets/checklist/follow-up.v1.toml`) in the engine: which steps a
//! household sees, the crisis from new problems, who acts on new referrals, and the next contact.

use chrono::NaiveDate;
use keukentafel_checklist::{
    Action, AnswerValue, Answers, Checklist, Evaluation, Profile, Template, Who,
    FOLLOW_UP_TEMPLATE_ID, FOLLOW_UP_TEMPLATE_TOML,
};
use keukentafel_domain::{Heating, Tenure};
use rstest::rstest;

fn follow_up() -> &'static Checklist {
    static C: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let t =
            Template::from_toml(FOLLOW_UP_TEMPLATE_TOML).expect("the follow-up template parses");
        Checklist::new(t, keukentafel_checklist::default_figures().clone())
            .expect("the follow-up template is valid")
    })
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
}

fn profile(heating: Option<Heating>, bewind: bool) -> Profile {
    Profile {
        tenure: Some(Tenure::HousingAssociation),
        heating,
        contract_type: None,
        under_bewind: bewind,
        adults: 1,
        children: 0,
    }
}

fn eval(p: &Profile, answers: &[(&str, AnswerValue)]) -> Evaluation {
    let a: Answers = answers
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    follow_up().evaluate(p, &a, day())
}

fn shows(e: &Evaluation, step: &str) -> bool {
    e.steps.iter().any(|s| s.step_id == step)
}

fn multi(v: &[&str]) -> AnswerValue {
    AnswerValue::MultiChoice(v.iter().map(|s| s.to_string()).collect())
}

#[test]
fn it_is_the_follow_up_template_and_is_shipped() {
    let t = follow_up().template();
    assert_eq!((t.id.as_str(), t.version), (FOLLOW_UP_TEMPLATE_ID, 1));
    let shipped = Checklist::builtin_versions().expect("every shipped template compiles");
    assert!(shipped
        .iter()
        .any(|c| c.template().id == FOLLOW_UP_TEMPLATE_ID));
    assert!(
        t.step("meter_readings").is_some(),
        "the measured change reads this step"
    );
}

#[rstest]
#[case::gas_boiler_no_heat_meter(Some(Heating::GasBoiler), false)]
#[case::unknown_heating_no_heat_meter(None, false)]
#[case::district_heating_reads_the_heat_meter(Some(Heating::DistrictHeating), true)]
#[case::block_connection_reads_the_heat_meter(Some(Heating::BlockConnection), true)]
#[case::heat_pump_no_heat_meter(Some(Heating::HeatPump), false)]
fn heat_meter_only_with_a_heat_network(#[case] heating: Option<Heating>, #[case] expected: bool) {
    let e = eval(&profile(heating, false), &[]);
    assert_eq!(shows(&e, "heat_meter"), expected);
    assert!(shows(&e, "meter_readings"));
}

#[rstest]
#[case::a_bailiff(&["bailiff"], true)]
#[case::no_heating(&["no_heating"], true)]
#[case::new_arrears_alone_is_no_crisis(&["new_arrears"], false)]
#[case::nothing_new(&["none"], false)]
fn new_problems_raise_the_crisis_where_urgent(#[case] problems: &[&str], #[case] crisis: bool) {
    let e = eval(
        &profile(Some(Heating::GasBoiler), false),
        &[("new_problems", multi(problems))],
    );
    assert_eq!(e.crisis.active, crisis);
}

fn referral_to(e: &Evaluation, nl: &str) -> Option<Who> {
    e.actions.iter().find_map(|a| match a {
        Action::Referral { to, who, .. } if to.nl == nl => Some(*who),
        _ => None,
    })
}

#[rstest]
#[case::debt_help_by_the_debt_help_volunteer(
    false,
    "debt_help",
    "Schuldhulp van de gemeente",
    Who::DebtHelpVolunteer
)]
#[case::debt_help_under_bewind_by_the_administrator(
    true,
    "debt_help",
    "Schuldhulp van de gemeente",
    Who::Administrator
)]
#[case::landlord_by_the_coach(
    false,
    "landlord",
    "Verhuurder of woningcorporatie",
    Who::EnergyCoach
)]
fn new_referrals_become_actions(
    #[case] bewind: bool,
    #[case] option: &str,
    #[case] to: &str,
    #[case] who: Who,
) {
    let e = eval(
        &profile(Some(Heating::GasBoiler), bewind),
        &[("new_referrals", multi(&[option]))],
    );
    assert_eq!(referral_to(&e, to), Some(who));
}

#[rstest]
#[case::another_visit("visit", true, 1)]
#[case::a_phone_call("call", false, 1)]
#[case::done("done", false, 0)]
fn next_contact(#[case] option: &str, #[case] next_visit: bool, #[case] follow_ups: usize) {
    let e = eval(
        &profile(Some(Heating::GasBoiler), false),
        &[("next_contact", AnswerValue::Choice(option.into()))],
    );
    assert_eq!(e.next_visit.is_some(), next_visit);
    let n = e
        .actions
        .iter()
        .filter(|a| matches!(a, Action::FollowUp { step_id, .. } if step_id == "next_contact"))
        .count();
    assert_eq!(n, follow_ups);
}
