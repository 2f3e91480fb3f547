//! The household's sheet: what we did, what we agreed and who does what, built from the
//! default template's tagged steps and the evaluation, so the printed page needs no step ids.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use keukentafel_checklist::{
    AnswerValue, Answers, Checklist, HouseholdSheet, InstalledItem, MeasureItem, MeterReading,
    Profile, SheetItem, SheetTag, SheetTask, TaskWhat, TaskWhen, Text, Who,
};
use keukentafel_domain::{Heating, Tenure};
use rstest::rstest;

fn checklist() -> &'static Checklist {
    static C: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
    C.get_or_init(|| Checklist::builtin().expect("the default template is valid"))
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn household(bewind: bool, heating: Heating) -> Profile {
    Profile {
        tenure: Some(Tenure::HousingAssociation),
        heating: Some(heating),
        contract_type: None,
        under_bewind: bewind,
        adults: 2,
        children: 1,
    }
}

const GAS: Heating = Heating::GasBoiler;

fn sheet_of(profile: &Profile, list: &[(&str, AnswerValue)]) -> HouseholdSheet {
    let answers: Answers = list
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let c = checklist();
    let evaluation = c.evaluate(profile, &answers, day());
    HouseholdSheet::build(c.template(), &evaluation, &answers, profile, day())
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
fn nl(texts: &[Text]) -> Vec<&str> {
    texts.iter().map(|t| t.nl.as_str()).collect()
}
fn kinds(items: &[SheetItem]) -> Vec<&'static str> {
    items
        .iter()
        .map(|i| match i {
            SheetItem::MeasuresInstalled { .. } => "measures_installed",
            SheetItem::HeatingSettingsChanged { .. } => "heating_settings_changed",
            SheetItem::MetersRead => "meters_read",
            SheetItem::BillDiscussed => "bill_discussed",
            SheetItem::MoneyDiscussed => "money_discussed",
            SheetItem::BenefitsDiscussed => "benefits_discussed",
            SheetItem::HouseholdAgrees { .. } => "household_agrees",
            SheetItem::ReferTo { .. } => "refer_to",
        })
        .collect()
}
fn administrator_task(s: &HouseholdSheet) -> Option<&SheetTask> {
    s.tasks
        .iter()
        .find(|t| matches!(t.what, TaskWhat::AdministratorArranges { .. }))
}

// ---------------------------------------------------------------- which step means what

#[rstest]
#[case::installed("installed", SheetTag::MeasuresInstalled)]
#[case::settings_changed("settings_changed", SheetTag::HeatingSettingsChanged)]
#[case::meter_readings("meter_readings", SheetTag::MetersRead)]
#[case::feed_in_readings("feed_in_readings", SheetTag::MetersRead)]
#[case::energy_cost("energy_cost", SheetTag::BillDiscussed)]
#[case::gas_use("gas_use", SheetTag::BillDiscussed)]
#[case::electricity_use("electricity_use", SheetTag::BillDiscussed)]
#[case::net_income("net_income", SheetTag::MoneyDiscussed)]
#[case::benefits("benefits", SheetTag::BenefitsDiscussed)]
#[case::behaviour("behaviour", SheetTag::HouseholdAgrees)]
fn the_default_template_tags_these_steps(#[case] step: &str, #[case] tag: SheetTag) {
    let s = checklist().template().step(step).expect("the step exists");
    assert_eq!(s.sheet, Some(tag));
}

#[test]
fn the_default_template_tags_no_other_step_and_uses_every_tag() {
    let tagged: Vec<_> = checklist()
        .template()
        .steps
        .iter()
        .filter(|s| s.sheet.is_some())
        .collect();
    assert_eq!(
        tagged.len(),
        10,
        "only the steps listed above are on the sheet"
    );
    for tag in SheetTag::ALL {
        assert!(
            tagged.iter().any(|s| s.sheet == Some(tag)),
            "{tag:?} is used"
        );
    }
}

#[test]
fn a_tag_is_named_in_the_file_as_serde_writes_it() {
    for tag in SheetTag::ALL {
        assert_eq!(
            serde_json::to_string(&tag).unwrap(),
            format!("\"{}\"", tag.name())
        );
    }
}

// ---------------------------------------------------------------- what we did and agreed

#[test]
fn nothing_done_gives_empty_lists() {
    let s = sheet_of(&household(false, GAS), &[]);
    assert_eq!(s.did, vec![], "the UI says 'we got to know each other'");
    assert_eq!(s.agreed, vec![], "the UI says 'nothing agreed yet'");
    assert_eq!(s.tasks, vec![]);
    assert_eq!(s.advance_by, Who::Household);
}

#[test]
fn answers_that_say_nothing_was_chosen_give_empty_lists() {
    // Only "none of the others" options and untagged steps.
    let s = sheet_of(
        &household(false, GAS),
        &[
            ("behaviour", multi(&["none"])),
            ("settings_changed", multi(&[])),
            ("roles_explained", yes()),
            ("debt_help_referral", choice("not_needed")),
        ],
    );
    assert_eq!((s.did, s.agreed, s.tasks), (vec![], vec![], vec![]));
}

#[test]
fn measures_installed_with_their_labels_quantity_and_place() {
    let items = vec![
        MeasureItem {
            measure: "led".into(),
            quantity: 3,
            location: "woonkamer".into(),
        },
        MeasureItem {
            measure: "shower_head".into(),
            quantity: 1,
            location: String::new(),
        },
    ];
    let s = sheet_of(
        &household(false, GAS),
        &[("installed", AnswerValue::MeasureInstalled(items))],
    );
    assert_eq!(
        s.did,
        vec![SheetItem::MeasuresInstalled {
            items: vec![
                InstalledItem {
                    measure: "led".into(),
                    label: Text::new(
                        "Ledlamp in plaats van lamp van 40 W",
                        "LED replacing a 40 W lamp"
                    ),
                    quantity: 3,
                    location: "woonkamer".into(),
                },
                InstalledItem {
                    measure: "shower_head".into(),
                    label: Text::new("Waterbesparende douchekop", "Water-saving shower head"),
                    quantity: 1,
                    location: String::new(),
                },
            ]
        }]
    );
    assert_eq!(s.tasks, vec![], "installing is done, not a task");
}

#[rstest]
#[case::gas_boiler(GAS, &["Thermostaat 1 graad lager", "Cv-ketel op 60 graden"])]
// The settings step does not apply with district heating: its answer is not on the sheet.
#[case::district_heating(Heating::DistrictHeating, &[])]
fn heating_settings_changed_while_the_step_applies(
    #[case] heating: Heating,
    #[case] labels: &[&str],
) {
    let s = sheet_of(
        &household(false, heating),
        &[("settings_changed", multi(&["flow_60", "thermostat_lower"]))],
    );
    let found: Vec<_> = s
        .did
        .iter()
        .filter_map(|i| match i {
            SheetItem::HeatingSettingsChanged { labels } => Some(nl(labels)),
            _ => None,
        })
        .collect();
    let want: Vec<Vec<&str>> = if labels.is_empty() {
        vec![]
    } else {
        vec![labels.to_vec()]
    };
    assert_eq!(found, want, "labels in option order");
}

fn reading() -> AnswerValue {
    AnswerValue::MeterReading(MeterReading {
        date: day(),
        readings: BTreeMap::from([("gas".to_string(), 1234.0)]),
    })
}

#[rstest]
#[case::meters(&[("meter_readings", reading())], &["meters_read"])]
#[case::bill_by_cost(&[("documents", multi(&["annual_bill"])), ("energy_cost", AnswerValue::Money(180_000))], &["bill_discussed"])]
#[case::bill_by_gas(&[("documents", multi(&["annual_bill"])), ("gas_use", AnswerValue::Number(1100.0))], &["bill_discussed"])]
#[case::bill_by_all_three_is_one_line(
    &[("documents", multi(&["annual_bill"])), ("gas_use", AnswerValue::Number(1100.0)), ("electricity_use", AnswerValue::Number(2500.0)), ("energy_cost", AnswerValue::Money(180_000))],
    &["bill_discussed"])]
// Without the annual bill the bill steps do not apply, so their answers do not count.
#[case::bill_steps_hidden(&[("gas_use", AnswerValue::Number(1100.0))], &[])]
#[case::money(&[("net_income", AnswerValue::Money(200_000))], &["money_discussed"])]
// Any answer to the benefits step, even "all claimed", means they were discussed.
#[case::benefits_all_claimed(&[("benefits", multi(&["all_claimed"]))], &["benefits_discussed"])]
// The sheet's order, not the order of the answers or the template.
#[case::all_in_the_sheet_order(
    &[("benefits", multi(&["all_claimed"])), ("net_income", AnswerValue::Money(200_000)), ("meter_readings", reading()),
      ("documents", multi(&["annual_bill"])), ("energy_cost", AnswerValue::Money(180_000)),
      ("settings_changed", multi(&["night_15"])),
      ("installed", AnswerValue::MeasureInstalled(vec![MeasureItem { measure: "led".into(), quantity: 1, location: String::new() }]))],
    &["measures_installed", "heating_settings_changed", "meters_read", "bill_discussed", "money_discussed", "benefits_discussed"])]
fn what_we_did(#[case] given: &[(&str, AnswerValue)], #[case] did: &[&str]) {
    let s = sheet_of(&household(false, GAS), given);
    assert_eq!(kinds(&s.did), did);
}

#[rstest]
#[case::two_agreements(&["curtains_doors", "shower_5min"], &["Korter douchen: 5 minuten", "Gordijnen en binnendeuren dicht"])]
// "Nothing yet" combined with an agreement (a contradictory answer, still used) is left out.
#[case::nothing_yet_left_out(&["none", "shower_5min"], &["Korter douchen: 5 minuten"])]
#[case::nothing_yet_only(&["none"], &[])]
fn behaviour_chosen_is_agreed_and_a_household_task(
    #[case] chosen: &[&str],
    #[case] labels: &[&str],
) {
    let s = sheet_of(&household(false, GAS), &[("behaviour", multi(chosen))]);
    if labels.is_empty() {
        assert_eq!((s.agreed, s.tasks), (vec![], vec![]));
        return;
    }
    let texts: Vec<Text> = checklist()
        .template()
        .step("behaviour")
        .unwrap()
        .input
        .options()
        .iter()
        .filter(|o| labels.contains(&o.nl.as_str()))
        .map(|o| Text::new(&o.nl, &o.en))
        .collect();
    assert_eq!(nl(&texts), labels, "labels in option order");
    assert_eq!(
        s.agreed,
        vec![SheetItem::HouseholdAgrees {
            labels: texts.clone()
        }]
    );
    assert_eq!(
        s.tasks,
        vec![SheetTask {
            who: Who::Household,
            what: TaskWhat::HouseholdAgrees { labels: texts },
            when: TaskWhen::FromNow,
        }]
    );
}

#[test]
fn each_organisation_referred_to_is_named_once() {
    let s = sheet_of(
        &household(false, GAS),
        &[
            ("energy_arrears", yes()),
            ("payment_arrangement", choice("refused")),
            ("debt_help_referral", choice("municipality")),
            ("other_referrals", multi(&["fixbrigade"])),
        ],
    );
    let to: Vec<_> = s
        .agreed
        .iter()
        .filter_map(|i| match i {
            SheetItem::ReferTo { to } => Some(nl(to)),
            _ => None,
        })
        .collect();
    assert_eq!(
        to,
        vec![vec![
            "Energieleverancier",
            "Schuldhulp van de gemeente",
            "FIXbrigade"
        ]]
    );
    // But each referral is its own task, in the order of the actions (template order).
    let contacts: Vec<_> = s
        .tasks
        .iter()
        .filter_map(|t| match &t.what {
            TaskWhat::ContactWith { to } => Some((t.who, to.nl.as_str(), t.when.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        contacts,
        vec![
            (Who::DebtHelpVolunteer, "Energieleverancier", TaskWhen::Soon),
            (
                Who::DebtHelpVolunteer,
                "Schuldhulp van de gemeente",
                TaskWhen::Soon
            ),
            (Who::Both, "FIXbrigade", TaskWhen::Soon),
            (
                Who::DebtHelpVolunteer,
                "Schuldhulp van de gemeente",
                TaskWhen::Soon
            ),
        ]
    );
}

// ---------------------------------------------------------------- bewind

#[rstest]
#[case::with_tasks(true, Some(&["benefits", "exemption"][..]), Some(&["Toeslagen aanvragen", "Kwijtschelding aanvragen"][..]))]
#[case::tasks_in_option_order(true, Some(&["exemption", "advance"][..]), Some(&["Termijnbedrag aanpassen", "Kwijtschelding aanvragen"][..]))]
#[case::nothing_handed_over(true, Some(&[][..]), None)]
#[case::tasks_not_answered(true, None, None)]
// Not under bewind the tasks step does not apply; a stray answer is not used.
#[case::no_bewind(false, Some(&["advance"][..]), None)]
fn the_administrator_arranges_what_was_handed_over(
    #[case] bewind: bool,
    #[case] handed_over: Option<&[&str]>,
    #[case] arranges: Option<&[&str]>,
) {
    let mut given = vec![];
    if let Some(options) = handed_over {
        given.push(("administrator_tasks", multi(options)));
    }
    let s = sheet_of(&household(bewind, GAS), &given);
    let task = administrator_task(&s);
    match arranges {
        None => assert_eq!(task, None, "{:?}", s.tasks),
        Some(labels) => {
            let task = task.expect("an administrator task");
            assert_eq!(task.who, Who::Administrator);
            assert_eq!(task.when, TaskWhen::Soon);
            match &task.what {
                TaskWhat::AdministratorArranges { labels: l } => assert_eq!(nl(l), labels),
                other => panic!("{other:?}"),
            }
            assert_eq!(
                s.tasks[0], *task,
                "first, when the household agreed nothing"
            );
        }
    }
    assert_eq!(
        s.advance_by,
        if bewind {
            Who::Administrator
        } else {
            Who::Household
        },
        "under bewind the administrator arranges the new advance"
    );
}

#[test]
fn under_bewind_the_handed_over_follow_ups_are_the_administrators() {
    let s = sheet_of(
        &household(true, GAS),
        &[
            ("behaviour", multi(&["shower_5min"])),
            ("administrator_tasks", multi(&["benefits"])),
            ("benefits", multi(&["rent_benefit"])),
            ("tax_exemption", yes()),
        ],
    );
    let rows: Vec<_> = s
        .tasks
        .iter()
        .map(|t| {
            let what = match &t.what {
                TaskWhat::HouseholdAgrees { .. } => "household agrees".to_string(),
                TaskWhat::AdministratorArranges { labels } => format!("arranges {:?}", nl(labels)),
                TaskWhat::ContactWith { to } => format!("contact {}", to.nl),
                TaskWhat::FollowUp { what } => what.nl.chars().take(24).collect(),
            };
            (t.who, what, t.when.clone())
        })
        .collect();
    let in_14 = TaskWhen::Date {
        date: day().checked_add_days(Days::new(14)).unwrap(),
    };
    assert_eq!(
        rows,
        vec![
            (Who::Household, "household agrees".into(), TaskWhen::FromNow),
            (
                Who::Administrator,
                "arranges [\"Toeslagen aanvragen\"]".into(),
                TaskWhen::Soon
            ),
            (
                Who::Administrator,
                "Vraag de ontbrekende toe".into(),
                in_14.clone()
            ),
            (
                Who::DebtHelpVolunteer,
                "Vraag kwijtschelding aan".into(),
                in_14
            ),
            (
                Who::DebtHelpVolunteer,
                "contact Bewindvoerder".into(),
                TaskWhen::Soon
            ),
        ]
    );
    assert!(
        matches!(&s.agreed[..], [SheetItem::HouseholdAgrees { .. }, SheetItem::ReferTo { to }] if nl(to) == ["Bewindvoerder"]),
        "{:?}",
        s.agreed
    );
}

// ---------------------------------------------------------------- when

#[test]
fn a_follow_up_due_on_the_visit_day_is_today_and_the_next_visit_is_not_a_task() {
    let s = sheet_of(
        &household(false, GAS),
        &[
            ("crisis_screen", multi(&["bailiff"])),
            ("follow_up_visit", yes()),
        ],
    );
    assert_eq!(s.tasks.len(), 1, "{:?}", s.tasks);
    assert_eq!(s.tasks[0].when, TaskWhen::Today);
    assert_eq!(s.tasks[0].who, Who::DebtHelpVolunteer);
    assert!(
        matches!(&s.tasks[0].what, TaskWhat::FollowUp { what } if what.nl.starts_with("Vandaag bellen met de schuldhulp")),
        "{:?}",
        s.tasks[0]
    );
}

#[test]
fn the_sheet_reaches_the_ui_as_tagged_json() {
    let s = sheet_of(
        &household(false, GAS),
        &[
            ("meter_readings", reading()),
            ("tax_exemption", yes()),
            ("behaviour", multi(&["shower_5min"])),
        ],
    );
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["did"][0], serde_json::json!({ "kind": "meters_read" }));
    assert_eq!(json["agreed"][0]["kind"], "household_agrees");
    assert_eq!(
        json["tasks"][0]["when"],
        serde_json::json!({ "kind": "from_now" })
    );
    assert_eq!(
        json["tasks"][1]["when"],
        serde_json::json!({ "kind": "date", "date": "2026-12-07" })
    );
    assert_eq!(json["tasks"][1]["what"]["kind"], "follow_up");
    assert_eq!(json["advance_by"], "household");
    let back: HouseholdSheet = serde_json::from_value(json).unwrap();
    assert_eq!(back, s);
}
