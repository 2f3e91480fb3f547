//! Engine behaviour on the default template: conditions, derived values, effects, crisis order,
//! reachability of every step, and robustness against any answers.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use keukentafel_checklist::{
    Action, AnswerProblem, AnswerValue, Answers, Checklist, Evaluation, ExprValue, Input,
    MeasureItem, MeterReading, Profile, Who,
};
use keukentafel_domain::{ContractType, Heating, Tenure};
use proptest::prelude::*;
use rstest::rstest;

fn checklist() -> &'static Checklist {
    static C: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
    C.get_or_init(|| Checklist::builtin().expect("the default template is valid"))
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn profile(tenure: Option<Tenure>, heating: Option<Heating>, bewind: bool) -> Profile {
    Profile {
        tenure,
        heating,
        contract_type: None,
        under_bewind: bewind,
        adults: 2,
        children: 1,
    }
}

fn eval(p: &Profile, answers: &[(&str, AnswerValue)]) -> Evaluation {
    let a: Answers = answers
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    checklist().evaluate(p, &a, day())
}

fn shows(e: &Evaluation, step: &str) -> bool {
    e.steps.iter().any(|s| s.step_id == step)
}

fn yes(b: bool) -> AnswerValue {
    AnswerValue::YesNo(b)
}
fn multi(v: &[&str]) -> AnswerValue {
    AnswerValue::MultiChoice(v.iter().map(|s| s.to_string()).collect())
}
fn choice(s: &str) -> AnswerValue {
    AnswerValue::Choice(s.into())
}

const RENT: Option<Tenure> = Some(Tenure::HousingAssociation);
const PRIVATE: Option<Tenure> = Some(Tenure::PrivateRent);
const OWN: Option<Tenure> = Some(Tenure::Owner);
const GAS: Option<Heating> = Some(Heating::GasBoiler);
const DISTRICT: Option<Heating> = Some(Heating::DistrictHeating);
const BLOCK: Option<Heating> = Some(Heating::BlockConnection);

#[rstest]
#[case::district_heating_hides_boiler(RENT, DISTRICT, false, "boiler_check", false)]
#[case::block_connection_hides_boiler(RENT, BLOCK, false, "boiler_check", false)]
#[case::own_boiler_shows_boiler(RENT, GAS, false, "boiler_check", true)]
#[case::district_heating_hides_thermostat(RENT, DISTRICT, false, "thermostat", false)]
#[case::gas_boiler_shows_thermostat(OWN, GAS, false, "thermostat", true)]
#[case::bewind_asks_whether_the_administrator_knows(RENT, GAS, true, "administrator_told", true)]
#[case::no_bewind_no_administrator_question(RENT, GAS, false, "administrator_told", false)]
#[case::bewind_shows_administrator_tasks(RENT, GAS, true, "administrator_tasks", true)]
#[case::no_bewind_hides_administrator(RENT, GAS, false, "administrator_tasks", false)]
#[case::bewind_hides_own_advance(RENT, GAS, true, "advance", false)]
#[case::association_renter_sees_landlord_request(RENT, GAS, false, "landlord_request", true)]
#[case::private_renter_sees_landlord_request(PRIVATE, GAS, false, "landlord_request", true)]
#[case::owner_has_no_landlord_request(OWN, GAS, false, "landlord_request", false)]
#[case::owner_sees_warmtefonds(OWN, GAS, false, "owner_funds", true)]
#[case::renter_has_no_warmtefonds(RENT, GAS, false, "owner_funds", false)]
#[case::unknown_tenure_has_neither(None, None, false, "landlord_request", false)]
fn conditions_on_the_household(
    #[case] tenure: Option<Tenure>,
    #[case] heating: Option<Heating>,
    #[case] bewind: bool,
    #[case] step: &str,
    #[case] shown: bool,
) {
    let e = eval(&profile(tenure, heating, bewind), &[]);
    assert_eq!(
        shows(&e, step),
        shown,
        "{step} applicable? {:?}",
        e.steps.iter().map(|s| &s.step_id).collect::<Vec<_>>()
    );
}

#[rstest]
#[case::arrears_show_payment_arrangement(&[("energy_arrears", yes(true))], "payment_arrangement", true)]
#[case::no_arrears_no_payment_arrangement(&[("energy_arrears", yes(false))], "payment_arrangement", false)]
#[case::unanswered_arrears_no_payment_arrangement(&[], "payment_arrangement", false)]
#[case::arrears_ask_the_amount(&[("energy_arrears", yes(true))], "energy_arrears_amount", true)]
#[case::no_arrears_no_amount(&[("energy_arrears", yes(false))], "energy_arrears_amount", false)]
#[case::other_arrears_ask_the_amount(&[("other_arrears", multi(&["rent"]))], "other_arrears_amount", true)]
#[case::no_other_arrears_no_amount(&[("other_arrears", multi(&["none"]))], "other_arrears_amount", false)]
#[case::solar_panels_ask_feed_in(&[("solar_panels", yes(true))], "feed_in_readings", true)]
#[case::no_solar_panels_no_feed_in(&[("solar_panels", yes(false))], "feed_in_readings", false)]
#[case::unknown_solar_panels_no_feed_in(&[], "feed_in_readings", false)]
#[case::annual_bill_asks_use(&[("documents", multi(&["annual_bill"]))], "gas_use", true)]
#[case::no_annual_bill_no_use(&[("documents", multi(&["reminders"]))], "gas_use", false)]
fn conditions_on_earlier_answers(
    #[case] answers: &[(&str, AnswerValue)],
    #[case] step: &str,
    #[case] shown: bool,
) {
    let e = eval(&profile(RENT, GAS, false), answers);
    assert_eq!(shows(&e, step), shown);
}

/// Inputs used for the energy-quote cases: 1,000 m³ gas, 2,000 kWh, €1,500 net per month.
#[rstest]
#[case::fixed(Some(ContractType::Fixed), true)]
#[case::variable(Some(ContractType::Variable), false)]
#[case::dynamic(Some(ContractType::Dynamic), false)]
#[case::unknown(None, false)]
fn the_contract_type_comes_from_the_household_and_is_not_asked(#[case] contract: Option<ContractType>, #[case] end_date: bool) {
    let p = Profile { contract_type: contract, ..profile(RENT, GAS, false) };
    let e = eval(&p, &[]);
    assert_eq!(shows(&e, "contract_end"), end_date, "the end date is asked for a fixed contract only");
    let t = checklist().template();
    assert!(t.step("contract").is_none(), "the contract type is on the household, not a step");
    assert!(t.step("administrator_contact").is_none(), "the administrator's contact is on the household, not a step");
}

#[test]
fn the_meter_readings_ask_feed_in_only_in_its_own_step() {
    let t = checklist().template();
    let registers = |id: &str| match &t.step(id).unwrap().input {
        Input::MeterReading { registers } => registers.clone(),
        other => panic!("{id}: {other:?}"),
    };
    assert!(registers("meter_readings").iter().all(|r| !r.starts_with("feed_in")));
    assert_eq!(registers("feed_in_readings"), vec!["feed_in_t1", "feed_in_t2"]);
}

/// The follow-ups of the crisis step, as (who, Dutch text).
fn crisis_follow_ups(e: &Evaluation) -> Vec<(Who, String)> {
    e.actions
        .iter()
        .filter_map(|a| match a {
            Action::FollowUp { step_id, who, what, due, .. } if step_id == "crisis_screen" => {
                assert_eq!(*due, day(), "a crisis follow-up is for today");
                Some((*who, what.nl.clone()))
            }
            _ => None,
        })
        .collect()
}

#[rstest]
#[case::no_heating_renter_repair_by_landlord(RENT, false, &["no_heating"], &[(Who::EnergyCoach, "verhuurder")])]
#[case::no_heating_owner_engineer_or_emergency_help(OWN, false, &["no_heating"], &[(Who::EnergyCoach, "installateur")])]
#[case::no_heating_under_bewind_is_still_a_repair(RENT, true, &["no_heating"], &[(Who::EnergyCoach, "verwarming te repareren")])]
#[case::health_risk_doctor(RENT, false, &["health_risk"], &[(Who::Both, "huisarts")])]
#[case::disconnection_debt_help(RENT, false, &["disconnection_notice"], &[(Who::DebtHelpVolunteer, "schuldhulp")])]
#[case::end_of_supply_debt_help(OWN, false, &["end_of_supply_notice"], &[(Who::DebtHelpVolunteer, "schuldhulp")])]
#[case::eviction_debt_help(RENT, false, &["eviction"], &[(Who::DebtHelpVolunteer, "schuldhulp")])]
#[case::bailiff_under_bewind_the_administrator(RENT, true, &["bailiff"], &[(Who::DebtHelpVolunteer, "bewindvoerder bellen"), (Who::Administrator, "deurwaarder")])]
#[case::no_heating_and_bailiff_both(OWN, false, &["no_heating", "bailiff"], &[(Who::DebtHelpVolunteer, "schuldhulp"), (Who::EnergyCoach, "installateur")])]
#[case::nothing_urgent(RENT, false, &["none"], &[])]
fn the_crisis_follow_up_fits_the_signal(
    #[case] tenure: Option<Tenure>,
    #[case] bewind: bool,
    #[case] signals: &[&str],
    #[case] expected: &[(Who, &str)],
) {
    let e = eval(&profile(tenure, GAS, bewind), &[("crisis_screen", multi(signals))]);
    let got = crisis_follow_ups(&e);
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((who, text), (want_who, want)) in got.iter().zip(expected) {
        assert_eq!(who, want_who, "{text}");
        assert!(text.contains(want), "{text:?} should mention {want:?}");
    }
    if signals.iter().all(|s| matches!(*s, "no_heating" | "health_risk")) {
        assert!(
            got.iter().all(|(_, t)| !t.contains("schuldhulp")),
            "no heating or a health risk is not a debt problem: {got:?}"
        );
    }
}

#[test]
fn no_crisis_cannot_be_ticked_with_a_crisis() {
    let e = eval(&profile(RENT, GAS, false), &[("crisis_screen", multi(&["none", "no_heating"]))]);
    assert!(
        e.answer_problems.iter().any(|p| matches!(p, AnswerProblem::ExclusiveOption { step_id, .. } if step_id == "crisis_screen")),
        "{:?}",
        e.answer_problems
    );
    let t = checklist().template();
    let none = t.step("crisis_screen").unwrap().input.options().iter().find(|o| o.id == "none").unwrap();
    assert!(none.exclusive, "the UI unticks the others when 'none' is ticked, and 'none' when another is");
}

/// Who does each action of a step, in order.
fn who_of(e: &Evaluation, step: &str) -> Vec<Who> {
    e.actions.iter().filter(|a| a.step_id() == step).map(|a| a.who()).collect()
}

#[rstest]
// Contacting a creditor follows the household: under bewind the administrator, whatever was
// ticked in the administrator's tasks.
#[case::supplier_without_bewind(false, &[("energy_arrears", yes(true))], "energy_arrears", &[Who::DebtHelpVolunteer])]
#[case::supplier_under_bewind(true, &[("energy_arrears", yes(true))], "energy_arrears", &[Who::Administrator])]
#[case::arrangement_without_bewind(false, &[("energy_arrears", yes(true)), ("payment_arrangement", choice("to_request"))], "payment_arrangement", &[Who::DebtHelpVolunteer])]
#[case::arrangement_under_bewind(true, &[("energy_arrears", yes(true)), ("payment_arrangement", choice("to_request"))], "payment_arrangement", &[Who::Administrator])]
#[case::refused_arrangement_under_bewind(true, &[("energy_arrears", yes(true)), ("payment_arrangement", choice("refused"))], "payment_arrangement", &[Who::Administrator])]
#[case::debt_help_without_bewind(false, &[("debt_help_referral", choice("municipality"))], "debt_help_referral", &[Who::DebtHelpVolunteer])]
#[case::debt_help_under_bewind(true, &[("debt_help_referral", choice("geldfit"))], "debt_help_referral", &[Who::Administrator])]
// Not a creditor: the administrator only when the volunteers handed it over.
#[case::benefits_under_bewind_not_handed_over(true, &[("benefits", multi(&["rent_benefit"]))], "benefits", &[Who::DebtHelpVolunteer])]
#[case::benefits_under_bewind_handed_over(true, &[("benefits", multi(&["rent_benefit"])), ("administrator_tasks", multi(&["benefits"]))], "benefits", &[Who::Administrator])]
#[case::landlord_repair_stays_with_the_coach(true, &[("landlord_request", multi(&["damp"]))], "landlord_request", &[Who::EnergyCoach])]
fn who_acts_follows_the_household(
    #[case] bewind: bool,
    #[case] answers: &[(&str, AnswerValue)],
    #[case] step: &str,
    #[case] expected: &[Who],
) {
    let e = eval(&profile(RENT, GAS, bewind), answers);
    assert_eq!(who_of(&e, step), expected);
}

#[test]
fn a_visit_started_with_version_1_is_still_evaluated_with_version_1() {
    let all = Checklist::builtin_versions().expect("every shipped version compiles");
    // Two template ids ship (the combined visit and the follow-up); this is about the first.
    let all: Vec<_> = all.iter().filter(|c| c.template().id == "combined-visit").collect();
    let v1 = all.iter().find(|c| c.template().version == 1).expect("version 1 ships");
    let e = v1.evaluate(&profile(RENT, GAS, true), &Answers::new(), day());
    assert_eq!(e.template_version, 1);
    assert!(shows(&e, "administrator_contact"), "version 1 still asks for the administrator's contact");
    assert!(!shows(&e, "administrator_told"));
    assert_eq!(all.last().unwrap().template().version, checklist().template().version, "the newest is the default");
}

fn use_and_income() -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("documents", multi(&["annual_bill"])),
        ("gas_use", AnswerValue::Number(1000.0)),
        ("electricity_use", AnswerValue::Number(2000.0)),
        ("net_income", AnswerValue::Money(150_000)),
        ("advance", AnswerValue::Money(15_000)),
    ]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn energy_quote_before_and_after_match_the_hand_calculation() {
    // Cost before = 1000 × 1.35 + 2000 × 0.265 + 910 (fixed) − 628.96 (tax reduction)
    //             = 1350 + 530 + 910 − 628.96 = 2161.04 per year.
    // Income = 1500 × 12 × 1.08 (holiday pay) = 19440. EQ before = 2161.04 / 19440 = 0.11116
    // (> 8 %: HEQ).
    // Measures (3 persons): shower head 44 × 3 / 2.2 = 60 m³ (warm water); thermostat −1 °C
    // = 6.5 % of space heating (1000 − 210 × 3 / 2.2 = 713.64 m³) = 46.39 m³; 4 LEDs × 19 kWh
    // = 76 kWh. Saving = 60 × 1.35 + 46.386 × 1.35 + 76 × 0.265 = 81 + 62.62 + 20.14 = 163.76.
    // Cost after = 2161.04 − 163.76 = 1997.28; EQ after = 1997.28 / 19440 = 0.10274.
    // Advance = ceil(1997.28 / 12 = 166.44) = 167.
    let mut answers = use_and_income();
    answers.push((
        "installed",
        AnswerValue::MeasureInstalled(vec![
            MeasureItem {
                measure: "shower_head".into(),
                quantity: 1,
                location: "badkamer".into(),
            },
            MeasureItem {
                measure: "led".into(),
                quantity: 4,
                location: "woonkamer".into(),
            },
        ]),
    ));
    answers.push(("settings_changed", multi(&["thermostat_lower"])));
    let e = eval(&profile(RENT, GAS, false), &answers);
    let f = &e.figures;
    assert!(close(f.yearly_cost_before.as_ref().unwrap().value, 2161.04));
    assert!(close(
        f.energy_quote_before.as_ref().unwrap().value,
        2161.04 / 19440.0
    ));
    assert_eq!(f.high_energy_quote_before, Some(true));
    assert!(close(f.total_saving.gas_m3, 106.4));
    assert!(close(f.total_saving.electricity_kwh, 76.0));
    assert!(close(f.total_saving.eur, 163.76));
    assert!(close(f.yearly_cost_after.as_ref().unwrap().value, 1997.28));
    assert!(close(
        f.energy_quote_after.as_ref().unwrap().value,
        1997.28 / 19440.0
    ));
    assert_eq!(f.high_energy_quote_after, Some(true));
    assert!(close(
        f.proposed_advance_month.as_ref().unwrap().value,
        167.0
    ));
    assert!(close(
        f.current_advance_month.as_ref().unwrap().value,
        150.0
    ));
    // Where the numbers come from is shown.
    let used = &f.yearly_cost_before.as_ref().unwrap().figures_used;
    for id in [
        "price_gas_marginal",
        "price_electricity_marginal",
        "fixed_costs_year",
        "tax_reduction_incl_vat",
    ] {
        assert!(used.iter().any(|u| u == id), "{id} missing in {used:?}");
        assert!(
            e.sources.iter().any(|s| s.id == id),
            "{id} has a source entry"
        );
    }
    assert!(e.sources.iter().any(|s| s.id == "heq_threshold"));
    assert!(
        f.yearly_cost_before.as_ref().unwrap().estimate,
        "marginal prices are estimates"
    );
}

#[test]
fn the_annual_bill_total_wins_over_the_estimate() {
    // 2400 / 19440 = 0.1235 (income × 12 × 1.08 holiday pay)
    let mut answers = use_and_income();
    answers.push(("energy_cost", AnswerValue::Money(240_000)));
    let e = eval(&profile(RENT, GAS, false), &answers);
    assert!(close(
        e.figures.energy_quote_before.as_ref().unwrap().value,
        2400.0 / 19440.0
    ));
    assert!(
        e.figures
            .yearly_cost_before
            .as_ref()
            .unwrap()
            .figures_used
            .is_empty(),
        "from answers only"
    );
    // No measures: advance = ceil(2400 / 12) = 200.
    assert!(close(
        e.figures.proposed_advance_month.as_ref().unwrap().value,
        200.0
    ));
}

#[test]
fn reference_use_fills_in_when_the_bill_is_missing() {
    // Terraced, 3 persons: 1120 m³ and 3000 kWh from the reference tables.
    let e = eval(
        &profile(RENT, GAS, false),
        &[
            ("dwelling_type", choice("terraced")),
            ("net_income", AnswerValue::Money(200_000)),
        ],
    );
    let gas = e.figures.gas_m3_year.as_ref().unwrap();
    assert!(close(gas.value, 1120.0));
    assert_eq!(gas.figures_used, vec!["avg_gas_m3_terraced".to_string()]);
    assert!(close(
        e.figures.electricity_kwh_year.as_ref().unwrap().value,
        3000.0
    ));
    // 1120 × 1.35 + 3000 × 0.265 + 910 − 628.96 = 1512 + 795 + 281.04 = 2588.04
    assert!(close(
        e.figures.yearly_cost_before.as_ref().unwrap().value,
        2588.04
    ));
}

#[rstest]
// 3 persons, 1000 m³, 2000 kWh: warm water 286.36 m³, space heating 713.64 m³.
#[case::nothing(vec![], &[], 0.0, 0.0, 0.0)]
// Per person: 44 m³ × 3 / 2.2 = 60 m³, whatever the quantity.
#[case::shower_head_counts_per_person(vec![("shower_head", 3)], &[], 60.0, 0.0, 81.0)]
#[case::foil_per_radiator(vec![("radiator_foil", 4)], &[], 40.0, 0.0, 54.0)]
// 200 + 190 kWh on 2000 kWh combined: 2000 × (1 − 0.9 × 0.905) = 371 kWh.
#[case::strips_and_leds_combined(vec![("standby_strip", 2), ("led", 10)], &[], 0.0, 371.0, 98.32)]
// Different uses add up: 81.82 m³ warm water + 20 m³ space heating.
#[case::behaviour_counts(vec![], &["shower_5min", "curtains_doors"], 101.8, 0.0, 137.45)]
// Shower head 60 and shorter showers 81.82 on 286.36 m³ warm water combine to 124.68 m³.
#[case::everything(vec![("shower_head", 1), ("led", 2)], &["shower_5min"], 124.7, 38.0, 178.38)]
fn saving_sums(
    #[case] installed: Vec<(&str, u32)>,
    #[case] behaviour: &[&str],
    #[case] gas: f64,
    #[case] kwh: f64,
    #[case] eur: f64,
) {
    // € = m³ × 1.35 + kWh × 0.265, e.g. 124.675 × 1.35 + 38 × 0.265 = 168.31 + 10.07 = 178.38.
    let mut answers = use_and_income();
    if !installed.is_empty() {
        answers.push((
            "installed",
            AnswerValue::MeasureInstalled(
                installed
                    .iter()
                    .map(|(m, q)| MeasureItem {
                        measure: m.to_string(),
                        quantity: *q,
                        location: String::new(),
                    })
                    .collect(),
            ),
        ));
    }
    if !behaviour.is_empty() {
        answers.push(("behaviour", multi(behaviour)));
    }
    let s = eval(&profile(RENT, GAS, false), &answers)
        .figures
        .total_saving;
    assert!(
        (s.gas_m3 - gas).abs() < 0.06
            && (s.electricity_kwh - kwh).abs() < 0.06
            && (s.eur - eur).abs() < 0.015,
        "{s:?}"
    );
}

#[test]
fn derived_values_are_computed_with_their_sources() {
    // income_year = 1500 × 12 × 1.08 = 19440; advance_share = 150 / 1500 = 0.1; gas_vs_reference = 1000 / 928.
    let e = eval(&profile(RENT, GAS, false), &use_and_income());
    let get = |n: &str| e.derived.iter().find(|d| d.name == n).unwrap();
    assert!(matches!(get("income_year").value, ExprValue::Number(n) if (n - 19440.0).abs() < 1e-6));
    assert_eq!(get("advance_share").value, ExprValue::Number(0.1));
    assert_eq!(
        get("gas_vs_reference").value,
        ExprValue::Number(1000.0 / 928.0)
    );
    assert_eq!(
        get("gas_vs_reference").figures_used,
        vec!["avg_gas_m3_all".to_string()]
    );
    assert!(e.sources.iter().any(|s| s.id == "avg_gas_m3_all"));
    // Under bewind the advance step is hidden, so its derived value is null.
    let e = eval(&profile(RENT, GAS, true), &use_and_income());
    assert_eq!(
        e.derived
            .iter()
            .find(|d| d.name == "advance_share")
            .unwrap()
            .value,
        ExprValue::Null
    );
}

#[rstest]
#[case::disconnection_notice(&["disconnection_notice"], true)]
#[case::end_of_supply(&["end_of_supply_notice"], true)]
#[case::eviction(&["eviction"], true)]
#[case::no_heating(&["no_heating"], true)]
#[case::bailiff(&["bailiff"], true)]
#[case::nothing_urgent(&["none"], false)]
#[case::empty(&[], false)]
fn crisis_is_raised_by_crisis_signals(#[case] signals: &[&str], #[case] crisis: bool) {
    let e = eval(
        &profile(RENT, GAS, true),
        &[
            ("crisis_screen", multi(signals)),
            ("energy_arrears", yes(true)),
        ],
    );
    assert_eq!(e.crisis.active, crisis);
    if crisis {
        assert_eq!(e.crisis.reasons[0].step_id, "crisis_screen");
        // Urgent steps come first: all urgent ones before any other.
        let first_normal = e.steps.iter().position(|s| !s.urgent).unwrap();
        assert!(e.steps[..first_normal].iter().all(|s| s.urgent));
        let urgent: Vec<_> = e.steps[..first_normal]
            .iter()
            .map(|s| s.step_id.as_str())
            .collect();
        for id in [
            "crisis_screen",
            "energy_arrears",
            "payment_arrangement",
            "administrator_tasks",
            "debt_help_referral",
        ] {
            assert!(urgent.contains(&id), "{id} must be urgent, got {urgent:?}");
        }
        assert!(e.actions.iter().any(|a| matches!(a, Action::FollowUp { step_id, due, .. } if step_id == "crisis_screen" && *due == day())));
    } else {
        assert!(e.steps.iter().all(|s| !s.urgent));
        assert_eq!(
            e.steps[0].step_id, "documents",
            "template order without a crisis"
        );
    }
}

#[test]
fn arrears_answered_yes_create_a_referral() {
    let e = eval(&profile(RENT, GAS, false), &[("energy_arrears", yes(true))]);
    assert!(e.actions.iter().any(|a| matches!(a, Action::Referral { step_id, to, .. } if step_id == "energy_arrears" && to.nl == "Energieleverancier")));
    let e = eval(
        &profile(RENT, GAS, false),
        &[("energy_arrears", yes(false))],
    );
    assert!(!e
        .actions
        .iter()
        .any(|a| matches!(a, Action::Referral { step_id, .. } if step_id == "energy_arrears")));
}

#[test]
fn follow_up_is_due_six_weeks_after_the_visit() {
    let e = eval(
        &profile(RENT, GAS, false),
        &[("follow_up_visit", yes(true))],
    );
    let due = e.actions.iter().find_map(|a| match a {
        Action::FollowUp { step_id, due, .. } if step_id == "follow_up_visit" => Some(*due),
        _ => None,
    });
    assert_eq!(
        due,
        NaiveDate::from_ymd_opt(2027, 1, 4),
        "2026-11-23 + 42 days"
    );
}

#[test]
fn progress_and_missing_required() {
    let e = eval(
        &profile(RENT, GAS, false),
        &[("roles_explained", yes(true))],
    );
    let intake = &e.phases[0];
    assert_eq!((intake.phase_id.as_str(), intake.answered), ("intake", 1));
    assert!(!e.missing_required.contains(&"roles_explained".to_string()));
    assert!(e.missing_required.contains(&"consent".to_string()));
    assert!(
        !e.missing_required
            .contains(&"feed_in_readings".to_string()),
        "not applicable, so not missing"
    );
}

#[test]
fn a_wrong_answer_type_is_reported_per_step_and_ignored() {
    let e = eval(
        &profile(RENT, GAS, false),
        &[
            ("net_income", AnswerValue::Text("veel".into())),
            ("nope", yes(true)),
        ],
    );
    assert_eq!(e.answer_problems.len(), 2, "{:?}", e.answer_problems);
    assert!(e.missing_required.contains(&"net_income".to_string()));
}

/// An answer that satisfies "yes / first option / everything" for a step.
fn eager_answer(input: &Input) -> AnswerValue {
    match input {
        Input::YesNo => yes(true),
        Input::Choice { options } => choice(&options[0].id),
        // Every option but "none of the others", which cannot be combined.
        Input::MultiChoice { options } => AnswerValue::MultiChoice(
            options
                .iter()
                .filter(|o| !o.exclusive)
                .map(|o| o.id.clone())
                .collect(),
        ),
        Input::Number { .. } => AnswerValue::Number(1.0),
        Input::Money => AnswerValue::Money(10_000),
        Input::MeterReading { registers } => AnswerValue::MeterReading(MeterReading {
            date: day(),
            readings: registers.iter().map(|r| (r.clone(), 1.0)).collect(),
        }),
        Input::Date => AnswerValue::Date(day()),
        Input::Text => AnswerValue::Text("x".into()),
        Input::MeasureInstalled { measures } => AnswerValue::MeasureInstalled(vec![MeasureItem {
            measure: measures[0].clone(),
            quantity: 1,
            location: String::new(),
        }]),
    }
}

#[test]
fn every_step_of_the_default_template_is_reachable() {
    let t = checklist().template();
    let tenures = [None, RENT, PRIVATE, OWN];
    let heatings = [
        None,
        GAS,
        DISTRICT,
        BLOCK,
        Some(Heating::HeatPump),
        Some(Heating::Electric),
        Some(Heating::Other),
    ];
    let eager: Answers = t
        .steps
        .iter()
        .map(|s| (s.id.clone(), eager_answer(&s.input)))
        .collect();
    let mut reached = BTreeSet::new();
    for tenure in tenures {
        for heating in heatings {
            for (bewind, contract) in [(false, None), (true, Some(ContractType::Fixed))] {
                for crisis in [false, true] {
                    let mut answers = eager.clone();
                    answers.insert(
                        "crisis_screen".into(),
                        multi(if crisis { &["eviction"] } else { &["none"] }),
                    );
                    let p = Profile { contract_type: contract, ..profile(tenure, heating, bewind) };
                    let e = checklist().evaluate(&p, &answers, day());
                    assert!(e.answer_problems.is_empty(), "{:?}", e.answer_problems);
                    reached.extend(e.steps.into_iter().map(|s| s.step_id));
                }
            }
        }
    }
    let all: BTreeSet<String> = t.steps.iter().map(|s| s.id.clone()).collect();
    let unreached: Vec<_> = all.difference(&reached).collect();
    assert!(unreached.is_empty(), "never applicable: {unreached:?}");
}

fn any_answer(options: Vec<String>) -> impl Strategy<Value = AnswerValue> {
    let opt = proptest::sample::select(options);
    prop_oneof![
        any::<bool>().prop_map(AnswerValue::YesNo),
        prop_oneof![opt.clone(), "[a-z_]{0,8}"].prop_map(AnswerValue::Choice),
        proptest::collection::vec(prop_oneof![opt.clone(), "[a-z_]{0,8}"], 0..4)
            .prop_map(AnswerValue::MultiChoice),
        prop_oneof![any::<f64>(), Just(f64::NAN), Just(-1.0), Just(1e308)]
            .prop_map(AnswerValue::Number),
        any::<i64>().prop_map(AnswerValue::Money),
        (
            0i64..40000,
            proptest::collection::btree_map("[a-z_0-9]{1,14}", any::<f64>(), 0..3)
        )
            .prop_map(|(d, readings)| {
                AnswerValue::MeterReading(MeterReading {
                    date: NaiveDate::from_num_days_from_ce_opt(700_000 + d as i32).unwrap(),
                    readings,
                })
            }),
        (0i32..3_000_000).prop_map(|d| AnswerValue::Date(
            NaiveDate::from_num_days_from_ce_opt(d).unwrap_or_default()
        )),
        ".{0,12}".prop_map(AnswerValue::Text),
        proptest::collection::vec((opt, any::<u32>(), ".{0,5}"), 0..3).prop_map(|v| {
            AnswerValue::MeasureInstalled(
                v.into_iter()
                    .map(|(measure, quantity, location)| MeasureItem {
                        measure,
                        quantity,
                        location,
                    })
                    .collect(),
            )
        }),
    ]
}

fn any_profile() -> impl Strategy<Value = Profile> {
    let tenure = proptest::option::of(proptest::sample::select(vec![
        Tenure::HousingAssociation,
        Tenure::PrivateRent,
        Tenure::Owner,
    ]));
    let heating = proptest::option::of(proptest::sample::select(vec![
        Heating::GasBoiler,
        Heating::DistrictHeating,
        Heating::BlockConnection,
        Heating::HeatPump,
        Heating::Electric,
        Heating::Other,
    ]));
    (tenure, heating, any::<bool>(), any::<u32>(), any::<u32>()).prop_map(
        |(tenure, heating, under_bewind, adults, children)| Profile {
            tenure,
            heating,
            contract_type: None,
            under_bewind,
            adults: adults % 1000,
            children: children % 1000,
        },
    )
}

fn any_answers() -> impl Strategy<Value = Answers> {
    let t = checklist().template();
    let mut ids: Vec<String> = t.steps.iter().map(|s| s.id.clone()).collect();
    ids.push("no_such_step".into());
    let mut options: Vec<String> = t
        .steps
        .iter()
        .flat_map(|s| s.input.options().iter().map(|o| o.id.clone()))
        .collect();
    options.extend(["led", "shower_head", "gold_tap", "gas", "steam"].map(String::from));
    proptest::collection::btree_map(proptest::sample::select(ids), any_answer(options), 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn no_answers_make_evaluation_fail(profile in any_profile(), answers in any_answers()) {
        let e = checklist().evaluate(&profile, &answers, day());
        let shown: BTreeSet<_> = e.steps.iter().map(|s| s.step_id.clone()).collect();
        prop_assert_eq!(shown.len(), e.steps.len(), "no step twice");
        for m in &e.missing_required {
            prop_assert!(shown.contains(m), "missing only among applicable steps");
        }
        let total: u32 = e.phases.iter().map(|p| p.applicable).sum();
        prop_assert_eq!(total as usize, e.steps.len());
        for p in &e.phases {
            prop_assert!(p.answered <= p.applicable);
        }
        prop_assert!(serde_json::to_string(&e).is_ok());
        if let Some(a) = &e.figures.proposed_advance_month {
            prop_assert!(a.value.is_finite() && a.value >= 0.0);
        }
    }
}
