//! What the engine decides so the visit and summary screens only display it: who does each
//! action, the date of the next visit, the labels of the measures offered, options that mean
//! "none of the others", and which steps belong to the user's role.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use keukentafel_checklist::{
    default_figures, Action, AnswerProblem, AnswerValue, Answers, Checklist, Evaluation, Profile,
    StepRole, Template, Who,
};
use keukentafel_domain::{Heating, Role, Tenure};
use rstest::rstest;

fn checklist() -> &'static Checklist {
    static C: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
    C.get_or_init(|| Checklist::builtin().expect("the default template is valid"))
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn profile(tenure: Tenure, bewind: bool) -> Profile {
    Profile {
        tenure: Some(tenure),
        heating: Some(Heating::GasBoiler),
        contract_type: None,
        under_bewind: bewind,
        adults: 1,
        children: 0,
    }
}

fn answers(list: &[(&str, AnswerValue)]) -> Answers {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn eval(p: &Profile, list: &[(&str, AnswerValue)]) -> Evaluation {
    checklist().evaluate(p, &answers(list), day())
}

fn yes() -> AnswerValue {
    AnswerValue::YesNo(true)
}
fn multi(v: &[&str]) -> AnswerValue {
    AnswerValue::MultiChoice(v.iter().map(|s| s.to_string()).collect())
}
fn choice(s: &str) -> AnswerValue {
    AnswerValue::Choice(s.into())
}

fn kind(a: &Action) -> &'static str {
    match a {
        Action::Referral { .. } => "referral",
        Action::FollowUp { .. } => "follow_up",
    }
}

// ---------------------------------------------------------------- who does each action

const RENT: Tenure = Tenure::HousingAssociation;
const OWN: Tenure = Tenure::Owner;
use Who::{Administrator, Both, DebtHelpVolunteer, EnergyCoach, Household};

#[rstest]
// Under bewind, the administrator contacts creditors (`who_under_bewind`), whatever the
// administrator-tasks answer says.
#[case::bewind_supplier_arrears(RENT, true, &["advance"], &[("energy_arrears", yes())], "energy_arrears", "referral", Administrator)]
#[case::bewind_other_option_arrears(RENT, true, &["benefits"], &[("energy_arrears", yes())], "energy_arrears", "referral", Administrator)]
#[case::bewind_tasks_unanswered(RENT, true, &[], &[("energy_arrears", yes())], "energy_arrears", "referral", Administrator)]
#[case::no_bewind_hidden_tasks_do_not_count(RENT, false, &["advance"], &[("energy_arrears", yes())], "energy_arrears", "referral", DebtHelpVolunteer)]
#[case::bewind_arrangement_to_request(RENT, true, &[], &[("energy_arrears", yes()), ("payment_arrangement", choice("to_request"))], "payment_arrangement", "follow_up", Administrator)]
#[case::bewind_arrangement_refused(RENT, true, &[], &[("energy_arrears", yes()), ("payment_arrangement", choice("refused"))], "payment_arrangement", "referral", Administrator)]
// Under bewind, the administrator takes over what the administrator-tasks answer hands over.
#[case::no_bewind_arrangement_to_request(RENT, false, &[], &[("energy_arrears", yes()), ("payment_arrangement", choice("to_request"))], "payment_arrangement", "follow_up", DebtHelpVolunteer)]
#[case::bewind_benefits(RENT, true, &["benefits"], &[("benefits", multi(&["rent_benefit"]))], "benefits", "follow_up", Administrator)]
#[case::bewind_benefits_not_handed_over(RENT, true, &["exemption"], &[("benefits", multi(&["rent_benefit"]))], "benefits", "follow_up", DebtHelpVolunteer)]
#[case::bewind_exemption(RENT, true, &["exemption", "advance"], &[("tax_exemption", yes())], "tax_exemption", "follow_up", Administrator)]
#[case::no_bewind_exemption(RENT, false, &[], &[("tax_exemption", yes())], "tax_exemption", "follow_up", DebtHelpVolunteer)]
// The volunteers tell the administrator themselves.
#[case::passing_on_to_the_administrator(RENT, true, &["advance"], &[], "administrator_tasks", "referral", DebtHelpVolunteer)]
// Otherwise the step's role.
#[case::role_energy_coach(RENT, false, &[], &[("landlord_request", multi(&["damp"]))], "landlord_request", "referral", EnergyCoach)]
#[case::role_debt_help_volunteer(RENT, false, &[], &[("special_assistance", yes())], "special_assistance", "referral", DebtHelpVolunteer)]
#[case::role_both_referral(RENT, false, &[], &[("other_referrals", multi(&["wijkteam"]))], "other_referrals", "referral", Both)]
#[case::role_both_follow_up(RENT, true, &["advance"], &[("follow_up_visit", yes())], "follow_up_visit", "follow_up", Both)]
// The template says the household acts itself.
#[case::household_applies_to_warmtefonds(OWN, false, &[], &[("owner_funds", multi(&["warmtefonds"]))], "owner_funds", "referral", Household)]
fn who_does_each_action(
    #[case] tenure: Tenure,
    #[case] bewind: bool,
    #[case] administrator_tasks: &[&str],
    #[case] given: &[(&str, AnswerValue)],
    #[case] step: &str,
    #[case] action_kind: &str,
    #[case] who: Who,
) {
    let mut list = given.to_vec();
    list.push(("administrator_tasks", multi(administrator_tasks)));
    let e = eval(&profile(tenure, bewind), &list);
    let found: Vec<_> = e
        .actions
        .iter()
        .filter(|a| a.step_id() == step && kind(a) == action_kind)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {action_kind} of {step}: {:?}",
        e.actions
    );
    assert_eq!(found[0].who(), who, "{:?}", found[0]);
}

#[test]
fn without_an_administrator_option_or_who_the_action_is_done_by_the_step_role() {
    // Every step with effects, answered eagerly, under bewind with every task handed over.
    let e = eval(
        &profile(RENT, true),
        &[
            ("crisis_screen", multi(&["eviction"])),
            ("energy_arrears", yes()),
            ("special_assistance", yes()),
            (
                "other_referrals",
                multi(&["wijkteam", "fixbrigade", "balancing"]),
            ),
            ("debt_help_referral", choice("municipality")),
            ("landlord_request", multi(&["damp"])),
            ("follow_up_visit", yes()),
            (
                "administrator_tasks",
                multi(&["advance", "benefits", "exemption"]),
            ),
        ],
    );
    let t = checklist().template();
    let taken_over = [
        "energy_arrears",
        "payment_arrangement",
        "benefits",
        "tax_exemption",
        "debt_help_referral",
    ];
    assert!(e.actions.len() >= 8, "{:?}", e.actions);
    for a in &e.actions {
        let step = t.step(a.step_id()).unwrap();
        let expected = if taken_over.contains(&a.step_id()) {
            Administrator
        } else if a.step_id() == "crisis_screen" {
            // The crisis step names who acts: the volunteer calls the administrator, who
            // contacts the creditor.
            if matches!(a, Action::FollowUp { what, .. } if what.nl.contains("contact opnemen")) {
                Administrator
            } else {
                step.role.into()
            }
        } else {
            step.role.into()
        };
        assert_eq!(a.who(), expected, "{a:?}");
    }
}

/// A small template: a tasks step `tasks` (options `a`, `b`) and a step `x` whose follow-up
/// says the household acts, unless the administrator takes it over with option `a`.
const TASKS: &str = r#"
id = "t"
version = 1
title = { nl = "T", en = "T" }

[calculation]
administrator_tasks = "tasks"

[[phases]]
id = "p"
order = 1
title = { nl = "P", en = "P" }

[[steps]]
id = "tasks"
phase = "p"
domain = "finance"
role = "debt_help_volunteer"
question = { nl = "Taken?", en = "Tasks?" }
input = { type = "multi_choice", options = [
  { id = "a", nl = "A", en = "A" },
  { id = "b", nl = "B", en = "B" },
  { id = "none", nl = "Geen", en = "None", exclusive = true },
] }

[[steps]]
id = "x"
phase = "p"
domain = "energy"
role = "energy_coach"
question = { nl = "X?", en = "X?" }
input = { type = "yes_no" }

[[steps.effects]]
kind = "follow_up"
due_in_days = 1
who = "household"
administrator_option = "a"
what = { nl = "Doe X", en = "Do X" }

[[steps.effects]]
kind = "follow_up"
due_in_days = 30
next_visit = true
what = { nl = "Kom terug", en = "Come back" }

[[steps.effects]]
kind = "follow_up"
when = "answers.tasks != null && 'b' in answers.tasks"
due_in_days = 10
next_visit = true
what = { nl = "Kom eerder terug", en = "Come back sooner" }
"#;

fn tasks_checklist() -> Checklist {
    let t = Template::from_toml(TASKS).expect("parses");
    Checklist::new(t, default_figures().clone()).expect("valid")
}

#[rstest]
#[case::handed_over_under_bewind(true, &["a"], Administrator)]
#[case::other_option_under_bewind(true, &["b"], Household)]
#[case::not_under_bewind(false, &["a"], Household)]
#[case::nothing_handed_over(true, &[], Household)]
fn the_administrator_option_wins_over_who(
    #[case] bewind: bool,
    #[case] tasks: &[&str],
    #[case] who: Who,
) {
    let c = tasks_checklist();
    let e = c.evaluate(
        &profile(RENT, bewind),
        &answers(&[("x", yes()), ("tasks", multi(tasks))]),
        day(),
    );
    let first = e.actions.first().expect("x fires");
    assert!(matches!(first, Action::FollowUp { what, .. } if what.en == "Do X"));
    assert_eq!(first.who(), who);
}

// ---------------------------------------------------------------- the next visit

#[rstest]
#[case::coming_back(Some(true), NaiveDate::from_ymd_opt(2027, 1, 4))]
#[case::not_coming_back(Some(false), None)]
#[case::not_answered(None, None)]
fn next_visit_is_the_follow_up_visit(
    #[case] answer: Option<bool>,
    #[case] expected: Option<NaiveDate>,
) {
    // 2026-11-23 + 42 days (figure follow_up_days) = 2027-01-04.
    let mut list = vec![
        ("crisis_screen", multi(&["eviction"])),
        ("benefits", multi(&["rent_benefit"])),
    ];
    if let Some(b) = answer {
        list.push(("follow_up_visit", AnswerValue::YesNo(b)));
    }
    let e = eval(&profile(RENT, false), &list);
    assert_eq!(e.next_visit, expected);
    // Only the follow-up visit's action is marked, so a summary can leave it out of the tasks.
    let marked: Vec<_> = e
        .actions
        .iter()
        .filter(|a| {
            matches!(
                a,
                Action::FollowUp {
                    next_visit: true,
                    ..
                }
            )
        })
        .collect();
    match expected {
        Some(d) => {
            assert_eq!(marked.len(), 1, "{:?}", e.actions);
            assert!(
                matches!(marked[0], Action::FollowUp { step_id, due, .. } if step_id == "follow_up_visit" && *due == d)
            );
        }
        None => assert!(marked.is_empty(), "{:?}", e.actions),
    }
    assert!(
        e.actions.iter().any(|a| a.step_id() == "benefits"),
        "other follow-ups are still there"
    );
}

#[rstest]
#[case::one_fires(&["a"], NaiveDate::from_ymd_opt(2026, 12, 23))]
#[case::earliest_of_two(&["b"], NaiveDate::from_ymd_opt(2026, 12, 3))]
fn next_visit_is_the_earliest_marked_follow_up(
    #[case] tasks: &[&str],
    #[case] expected: Option<NaiveDate>,
) {
    let e = tasks_checklist().evaluate(
        &profile(RENT, false),
        &answers(&[("x", yes()), ("tasks", multi(tasks))]),
        day(),
    );
    assert_eq!(e.next_visit, expected);
}

// ---------------------------------------------------------------- measure labels

#[test]
fn every_measure_offered_has_its_label_from_the_figures() {
    let e = eval(&profile(RENT, false), &[]);
    let offered: BTreeSet<&str> = checklist()
        .template()
        .steps
        .iter()
        .flat_map(|s| s.input.measures())
        .collect();
    // The measure input of `installed` and the options of `settings_changed` and `behaviour`.
    assert!(offered.len() >= 14, "{offered:?}");
    for id in [
        "shower_head",
        "radiator_fan",
        "thermostat_minus_1",
        "shower_5min",
    ] {
        assert!(offered.contains(id), "{id} is offered");
    }
    let labelled: BTreeSet<&str> = e.measure_labels.keys().map(String::as_str).collect();
    assert_eq!(
        labelled, offered,
        "a label for every measure offered, no more"
    );
    for (id, label) in &e.measure_labels {
        let m = default_figures().measure(id).unwrap();
        assert_eq!(label, &m.label, "{id}: the figures' label");
        assert!(!label.nl.is_empty() && !label.en.is_empty());
    }
    assert_eq!(
        e.measure_labels["shower_head"].nl, "Waterbesparende douchekop",
        "as in figures-2026.toml"
    );
}

#[test]
fn measure_labels_do_not_depend_on_the_answers() {
    let a = eval(&profile(RENT, false), &[]);
    let b = eval(
        &profile(OWN, true),
        &[("behaviour", multi(&["shower_5min"]))],
    );
    assert_eq!(a.measure_labels, b.measure_labels);
}

// ---------------------------------------------------------------- exclusive options

#[test]
fn the_exclusive_options_of_the_default_template_are_the_none_of_the_others_ones() {
    let exclusive: BTreeSet<&str> = checklist()
        .template()
        .steps
        .iter()
        .flat_map(|s| s.input.options())
        .filter(|o| o.exclusive)
        .map(|o| o.id.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "none",
        "nobody",
        "nowhere",
        "all_fine",
        "all_claimed",
        "not_needed",
    ]
    .into();
    assert_eq!(exclusive, expected);
    // And no option with such an id was forgotten.
    for s in &checklist().template().steps {
        for o in s.input.options() {
            assert_eq!(
                o.exclusive,
                expected.contains(o.id.as_str()),
                "{}.{}",
                s.id,
                o.id
            );
        }
    }
}

#[rstest]
#[case::nowhere_with_doors("draughts", multi(&["nowhere", "doors"]), Some("nowhere"))]
#[case::doors_with_nowhere("draughts", multi(&["doors", "nowhere"]), Some("nowhere"))]
#[case::nowhere_alone("draughts", multi(&["nowhere"]), None)]
#[case::without_exclusive("draughts", multi(&["doors", "windows"]), None)]
#[case::nobody_with_municipality("consent", multi(&["nobody", "municipality"]), Some("nobody"))]
#[case::all_fine_with_pressure("boiler_check", multi(&["pressure_low", "all_fine"]), Some("all_fine"))]
#[case::all_claimed_with_rent_benefit("benefits", multi(&["all_claimed", "rent_benefit"]), Some("all_claimed"))]
#[case::empty("defects", multi(&[]), None)]
#[case::single_choice_is_always_alone("debt_help_referral", choice("not_needed"), None)]
fn an_exclusive_option_combined_with_others_is_reported(
    #[case] step: &str,
    #[case] answer: AnswerValue,
    #[case] option: Option<&str>,
) {
    let e = eval(&profile(RENT, false), &[(step, answer)]);
    let expected: Vec<AnswerProblem> = option
        .map(|o| AnswerProblem::ExclusiveOption {
            step_id: step.into(),
            option: o.into(),
        })
        .into_iter()
        .collect();
    assert_eq!(e.answer_problems, expected);
    assert!(
        e.steps.iter().any(|s| s.step_id == step && s.answered),
        "a contradictory answer still counts as answered"
    );
}

#[test]
fn a_contradictory_answer_is_still_used() {
    // "Nothing urgent" ticked together with an eviction: the eviction must not be lost.
    let e = eval(
        &profile(RENT, false),
        &[("crisis_screen", multi(&["none", "eviction"]))],
    );
    assert!(e.crisis.active);
    assert_eq!(e.answer_problems.len(), 1);
    // A behaviour agreement next to "nothing yet" still counts in the saving.
    let e = eval(
        &profile(RENT, false),
        &[("behaviour", multi(&["none", "shower_5min"]))],
    );
    assert!(e.figures.savings.iter().any(|s| s.measure == "shower_5min"));
}

// ---------------------------------------------------------------- whose steps

#[rstest]
#[case::no_role_energy(StepRole::EnergyCoach, None, true)]
#[case::no_role_debt(StepRole::DebtHelpVolunteer, None, true)]
#[case::no_role_both(StepRole::Both, None, true)]
#[case::coach_energy(StepRole::EnergyCoach, Some(Role::EnergyCoach), true)]
#[case::coach_debt(StepRole::DebtHelpVolunteer, Some(Role::EnergyCoach), false)]
#[case::coach_both(StepRole::Both, Some(Role::EnergyCoach), true)]
#[case::volunteer_energy(StepRole::EnergyCoach, Some(Role::DebtHelpVolunteer), false)]
#[case::volunteer_debt(StepRole::DebtHelpVolunteer, Some(Role::DebtHelpVolunteer), true)]
#[case::volunteer_both(StepRole::Both, Some(Role::DebtHelpVolunteer), true)]
#[case::coordinator_energy(StepRole::EnergyCoach, Some(Role::Coordinator), true)]
#[case::coordinator_debt(StepRole::DebtHelpVolunteer, Some(Role::Coordinator), true)]
#[case::coordinator_both(StepRole::Both, Some(Role::Coordinator), true)]
fn a_step_is_for(#[case] step: StepRole, #[case] user: Option<Role>, #[case] mine: bool) {
    assert_eq!(step.is_for(user), mine);
}

#[rstest]
#[case::none(None)]
#[case::coach(Some(Role::EnergyCoach))]
#[case::volunteer(Some(Role::DebtHelpVolunteer))]
#[case::coordinator(Some(Role::Coordinator))]
fn mark_mine_marks_the_steps_of_the_role(#[case] role: Option<Role>) {
    let mut e = eval(&profile(RENT, true), &[]);
    assert!(
        e.steps.iter().all(|s| s.mine),
        "every step is the user's until marked"
    );
    let before = e.clone();
    e.mark_mine(role);
    for s in &e.steps {
        assert_eq!(s.mine, s.role.is_for(role), "{}", s.step_id);
    }
    let mine = |r: StepRole| e.steps.iter().filter(|s| s.role == r && s.mine).count();
    let all = |r: StepRole| e.steps.iter().filter(|s| s.role == r).count();
    assert_eq!(
        mine(StepRole::Both),
        all(StepRole::Both),
        "steps for both are everyone's"
    );
    match role {
        Some(Role::EnergyCoach) => {
            assert_eq!(mine(StepRole::DebtHelpVolunteer), 0);
            assert_eq!(mine(StepRole::EnergyCoach), all(StepRole::EnergyCoach));
        }
        Some(Role::DebtHelpVolunteer) => {
            assert_eq!(mine(StepRole::EnergyCoach), 0);
            assert_eq!(
                mine(StepRole::DebtHelpVolunteer),
                all(StepRole::DebtHelpVolunteer)
            );
        }
        None | Some(Role::Coordinator) => assert!(e.steps.iter().all(|s| s.mine)),
    }
    // Nothing else changes.
    let mut unmarked = e.clone();
    unmarked.mark_mine(None);
    assert_eq!(unmarked, before);
}

// ---------------------------------------------------------------- the template as sent

#[test]
fn the_template_round_trips_through_json_with_the_new_fields() {
    // The window receives the template as JSON; the new fields must survive the trip.
    let t = checklist().template();
    let json = serde_json::to_string(t).unwrap();
    let back: Template = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, t);
    assert!(json.contains(r#""exclusive":true"#));
    assert!(json.contains(r#""next_visit":true"#));
    assert!(json.contains(r#""administrator_option":"benefits""#));
    assert!(json.contains(r#""who_under_bewind":"administrator""#));
    assert!(json.contains(r#""who":"household""#));
}
