//! The household's sheet: what we did, what we agreed and who does what, built from the
//! default template's tagged steps and the evaluation, so the printed page needs no step ids.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use keukentafel_checklist::{
    AnswerValue, Answers, Checklist, HouseholdSheet, InstalledItem, MeasureItem, MeterReading,
    Profile, SheetContact, SheetItem, SheetTag, SheetTask, TaskWhat, TaskWhen, Text, Who,
};
use keukentafel_domain::{Heating, HouseholdInput, Language, Role, Tenure, UserId, UserProfile};
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
#[case::heat_meter("heat_meter", SheetTag::MetersRead)]
#[case::energy_cost("energy_cost", SheetTag::BillDiscussed)]
#[case::gas_use("gas_use", SheetTag::BillDiscussed)]
#[case::heat_use("heat_use", SheetTag::BillDiscussed)]
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
        12,
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
// With district heating the boiler setting is not offered: it is not on the sheet.
#[case::district_heating(Heating::DistrictHeating, &["Thermostaat 1 graad lager"])]
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
        // The supplier refused an arrangement: no referral to the supplier (template v3), and
        // the municipal debt help, referred to by two steps, is named once.
        vec![vec!["Schuldhulp van de gemeente", "FIXbrigade"]]
    );
    // One row per person who gets in touch, at the place of that person's first referral, each
    // organisation once (two steps refer to the municipal debt help): the page stays one page.
    let contacts: Vec<_> = s
        .tasks
        .iter()
        .filter_map(|t| match &t.what {
            TaskWhat::ContactWith { to } => Some((t.who, nl(to), t.when.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        contacts,
        vec![
            (
                Who::DebtHelpVolunteer,
                vec!["Schuldhulp van de gemeente"],
                TaskWhen::Soon
            ),
            (Who::Both, vec!["FIXbrigade"], TaskWhen::Soon),
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
                TaskWhat::ContactWith { to } => format!("contact {}", nl(to).join(", ")),
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

// ---------------------------------------------------------------- language and contacts

fn user(n: u8, name: &str, role: Role, phone: &str) -> UserProfile {
    UserProfile {
        id: format!("00000000-0000-7000-8000-{n:012}").parse::<UserId>().unwrap(),
        name: name.into(),
        organisation: match role {
            Role::EnergyCoach => "Energie Actief Soest".into(),
            _ => "SchuldHulpMaatje Soest".into(),
        },
        role,
        phone: phone.into(),
    }
}

fn contact(name: &str, who: Option<Who>, organisation: &str, phone: &str) -> SheetContact {
    SheetContact { name: name.into(), who, organisation: organisation.into(), phone: phone.into() }
}

#[rstest]
#[case::dutch(Language::Nl)]
#[case::english(Language::En)]
fn the_sheet_is_in_the_households_language(#[case] language: Language) {
    let h = HouseholdInput { name: "Fam. Smith".into(), language, ..Default::default() };
    let s = sheet_of(&household(false, GAS), &[]).for_household(&h, &[], &[], None);
    assert_eq!(s.language, language);
}

#[test]
fn a_new_household_reads_its_sheet_in_dutch() {
    assert_eq!(HouseholdInput::default().language, Language::Nl);
    assert_eq!(sheet_of(&household(false, GAS), &[]).language, Language::Nl);
}

#[rstest]
// The volunteers on the visit, in that order, with what their profiles say.
#[case::both_known(
    &["Bram", "Anna de Vries"], false,
    &[contact("Bram", Some(Who::DebtHelpVolunteer), "SchuldHulpMaatje Soest", "035-6012345"),
      contact("Anna de Vries", Some(Who::EnergyCoach), "Energie Actief Soest", "06 12345678")])]
// A name written differently on the visit still finds its profile.
#[case::case_and_spaces(&[" anna de vries "], false, &[contact("Anna de Vries", Some(Who::EnergyCoach), "Energie Actief Soest", "06 12345678")])]
// A name nobody has is printed alone.
#[case::unknown_name(&["Henk"], false, &[contact("Henk", None, "", "")])]
// No names on the visit: the user of this laptop.
#[case::no_names(&[], false, &[contact("Anna de Vries", Some(Who::EnergyCoach), "Energie Actief Soest", "06 12345678")])]
// Under bewind the administrator from the household record comes last.
#[case::bewind(
    &["Anna de Vries"], true,
    &[contact("Anna de Vries", Some(Who::EnergyCoach), "Energie Actief Soest", "06 12345678"),
      contact("Bewindvoering Eemland", Some(Who::Administrator), "", "035-1234567")])]
fn the_sheet_names_whom_to_call(#[case] names: &[&str], #[case] bewind: bool, #[case] expected: &[SheetContact]) {
    let anna = user(1, "Anna de Vries", Role::EnergyCoach, "06 12345678");
    let users = [user(2, "Bram", Role::DebtHelpVolunteer, "035-6012345"), user(3, "Carla", Role::Coordinator, ""), anna.clone()];
    let h = HouseholdInput {
        name: "Fam. Jansen".into(),
        under_bewind: bewind,
        administrator_name: "Bewindvoering Eemland".into(),
        administrator_contact: "035-1234567".into(),
        ..Default::default()
    };
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let s = sheet_of(&household(bewind, GAS), &[]).for_household(&h, &names, &users, Some(&anna));
    assert_eq!(s.contacts, expected);
}

#[test]
fn this_laptops_user_wins_when_two_share_a_name() {
    let own = user(1, "Anna", Role::EnergyCoach, "06 11111111");
    let other = user(2, "Anna", Role::DebtHelpVolunteer, "06 22222222");
    let s = sheet_of(&household(false, GAS), &[]).for_household(
        &HouseholdInput::default(),
        &["Anna".into()],
        &[other, own.clone()],
        Some(&own),
    );
    assert_eq!(s.contacts[0].phone, "06 11111111");
}

#[test]
fn an_administrator_with_nothing_filled_in_is_not_printed() {
    let h = HouseholdInput { under_bewind: true, ..Default::default() };
    let s = sheet_of(&household(true, GAS), &[]).for_household(&h, &[], &[], None);
    assert_eq!(s.contacts, vec![]);
}

#[test]
fn the_fullest_visit_keeps_the_sheet_to_one_page() {
    // Every step answered "yes / everything" under bewind, in a crisis: the sheet must still
    // fit one A4 page. The print CSS holds about 14 table rows and 8 list lines beside the fixed
    // blocks; these are the content rules that keep it there.
    let c = checklist();
    let mut answers: Vec<(&str, AnswerValue)> = c
        .template()
        .steps
        .iter()
        .filter_map(|s| {
            let a = match &s.input {
                keukentafel_checklist::Input::YesNo => yes(),
                keukentafel_checklist::Input::MultiChoice { options } => AnswerValue::MultiChoice(
                    options.iter().filter(|o| !o.exclusive).map(|o| o.id.clone()).collect(),
                ),
                keukentafel_checklist::Input::Choice { options } => choice(&options[0].id),
                _ => return None,
            };
            Some((s.id.as_str(), a))
        })
        .collect();
    answers.push(("payment_arrangement", choice("refused")));
    let s = sheet_of(&household(true, GAS), &answers);
    assert!(s.tasks.len() <= 14, "{} task rows: {:#?}", s.tasks.len(), s.tasks);
    assert!(s.did.len() + s.agreed.len() <= 9, "{:?} {:?}", s.did, s.agreed);
    let contact_rows: Vec<Who> = s
        .tasks
        .iter()
        .filter(|t| matches!(t.what, TaskWhat::ContactWith { .. }))
        .map(|t| t.who)
        .collect();
    let mut unique = contact_rows.clone();
    unique.dedup();
    assert_eq!(contact_rows.len(), unique.len(), "one contact row per person: {contact_rows:?}");
}
