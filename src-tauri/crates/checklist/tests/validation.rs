//! Template validation: each broken template gives its own error variant, at its place; the
//! default template and figures are clean.

use keukentafel_checklist::{default_figures, default_template, validate, Template, TemplateError};
use rstest::rstest;

const HEAD: &str = r#"
id = "t"
version = 1
title = { nl = "Test", en = "Test" }

[[phases]]
id = "p"
order = 1
title = { nl = "Fase", en = "Phase" }

[[steps]]
id = "a"
phase = "p"
domain = "energy"
role = "both"
question = { nl = "A?", en = "A?" }
input = { type = "yes_no" }

[[steps]]
id = "n"
phase = "p"
domain = "finance"
role = "both"
question = { nl = "N?", en = "N?" }
input = { type = "number", unit = "count" }

[[steps]]
id = "m"
phase = "p"
domain = "finance"
role = "both"
question = { nl = "Geld?", en = "Money?" }
input = { type = "money" }
"#;

/// Step `b` as an administrator-tasks step whose follow-up is handed over with `OPTION`.
const TASKS_WITH_EFFECT: &str = r#"input = { type = "multi_choice", options = [{ id = "arrangement", nl = "Regeling", en = "Arrangement" }] }
[[steps.effects]]
kind = "follow_up"
due_in_days = 1
administrator_option = "OPTION"
what = { nl = "W", en = "W" }"#;

/// A template made of the valid head plus one extra step `b` with the given lines.
fn with_step(lines: &str) -> String {
    format!("{HEAD}\n[[steps]]\nid = \"b\"\nphase = \"p\"\ndomain = \"both\"\nrole = \"both\"\nquestion = {{ nl = \"B?\", en = \"B?\" }}\n{lines}\n")
}

fn errors(text: &str) -> Vec<TemplateError> {
    match Template::from_toml(text) {
        Ok(t) => validate(&t),
        Err(e) => vec![e],
    }
}

#[test]
fn the_head_alone_is_valid() {
    assert_eq!(
        errors(&with_step("input = { type = \"yes_no\" }")),
        vec![],
        "the base of every broken case must be clean"
    );
}

#[test]
fn an_administrator_option_of_the_tasks_step_is_valid() {
    let text = format!(
        "{}\n[calculation]\nadministrator_tasks = \"b\"\n",
        with_step(TASKS_WITH_EFFECT).replace("OPTION", "arrangement")
    );
    assert_eq!(errors(&text), vec![]);
}

#[test]
fn default_template_validates_with_zero_errors() {
    let t = default_template().expect("default template parses");
    assert_eq!(validate(&t), vec![]);
    assert!(
        t.steps.len() >= 35,
        "about 35 steps or more, got {}",
        t.steps.len()
    );
    assert_eq!(t.phases.len(), 5);
}

#[test]
fn every_shipped_template_version_validates_and_the_default_is_the_newest() {
    // A visit keeps the version it was carried out with, so every shipped version must still
    // validate; new visits get the newest.
    let versions: Vec<Template> = keukentafel_checklist::BUILTIN_TEMPLATES_TOML
        .iter()
        .map(|t| Template::from_toml(t).expect("a shipped template parses"))
        .collect();
    for t in &versions {
        assert_eq!(validate(t), vec![], "{} v{}", t.id, t.version);
    }
    // Two templates ship: the combined visit and the follow-up visit, each oldest first.
    let numbers: Vec<(&str, u32)> = versions.iter().map(|t| (t.id.as_str(), t.version)).collect();
    assert_eq!(
        numbers,
        vec![("combined-visit", 1), ("combined-visit", 2), ("combined-visit", 3), ("follow-up", 1)],
        "per template, oldest first, one file per version"
    );
    assert_eq!(default_template().unwrap().version, 3);
    assert_eq!(
        Template::from_toml(keukentafel_checklist::FOLLOW_UP_TEMPLATE_TOML).unwrap().id,
        keukentafel_checklist::FOLLOW_UP_TEMPLATE_ID
    );
}

#[test]
fn default_figures_have_no_problems() {
    assert_eq!(default_figures().problems(), Vec::<String>::new());
    assert!(default_figures().figures.len() > 20);
}

#[test]
fn parse_error_is_reported() {
    assert!(matches!(
        errors("id = [").as_slice(),
        [TemplateError::Parse { .. }]
    ));
}

#[rstest]
#[case::duplicate_id(
    &with_step("input = { type = \"yes_no\" }").replace("id = \"b\"", "id = \"a\""),
    |e: &TemplateError| matches!(e, TemplateError::DuplicateId { id, .. } if id == "a"), "step a")]
#[case::bad_id(
    &with_step("input = { type = \"yes_no\" }").replace("id = \"b\"", "id = \"bad-id\""),
    |e: &TemplateError| matches!(e, TemplateError::BadId { .. }), "step bad-id")]
#[case::unknown_phase(
    &with_step("input = { type = \"yes_no\" }").replace("id = \"b\"\nphase = \"p\"", "id = \"b\"\nphase = \"nope\""),
    |e: &TemplateError| matches!(e, TemplateError::UnknownPhase { phase, .. } if phase == "nope"), "step b: phase")]
#[case::missing_translation(
    &with_step("input = { type = \"yes_no\" }").replace("question = { nl = \"B?\", en = \"B?\" }", "question = { nl = \"B?\", en = \"\" }"),
    |e: &TemplateError| matches!(e, TemplateError::MissingTranslation { lang, .. } if lang == "en"), "step b: question")]
#[case::unknown_unit(
    &with_step("input = { type = \"number\", unit = \"furlongs\" }"),
    |e: &TemplateError| matches!(e, TemplateError::UnknownUnit { unit, .. } if unit == "furlongs"), "step b: input.unit")]
#[case::unknown_register(
    &with_step("input = { type = \"meter_reading\", registers = [\"steam\"] }"),
    |e: &TemplateError| matches!(e, TemplateError::UnknownRegister { .. }), "step b: input.registers")]
#[case::no_options(
    &with_step("input = { type = \"choice\", options = [] }"),
    |e: &TemplateError| matches!(e, TemplateError::NoOptions { .. }), "step b: input")]
#[case::unknown_measure(
    &with_step("input = { type = \"measure_installed\", measures = [\"gold_tap\"] }"),
    |e: &TemplateError| matches!(e, TemplateError::UnknownMeasure { measure, .. } if measure == "gold_tap"), "step b: input.measures")]
#[case::syntax(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"answers.a ==\""),
    |e: &TemplateError| matches!(e, TemplateError::Syntax { .. }), "step b: when")]
#[case::unknown_step(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"answers.zzz == true\""),
    |e: &TemplateError| matches!(e, TemplateError::UnknownStep { step, .. } if step == "zzz"), "step b: when")]
#[case::unknown_derived(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"derived.nope > 1.0\""),
    |e: &TemplateError| matches!(e, TemplateError::UnknownDerived { name, .. } if name == "nope"), "step b: when")]
#[case::unknown_figure(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"figures.nope > 1.0\""),
    |e: &TemplateError| matches!(e, TemplateError::UnknownFigure { figure, .. } if figure == "nope"), "step b: when")]
#[case::unknown_field(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"household.pets > 1\""),
    |e: &TemplateError| matches!(e, TemplateError::UnknownField { field, .. } if field == "household.pets"), "step b: when")]
#[case::unknown_name(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"foo == 1\""),
    |e: &TemplateError| matches!(e, TemplateError::UnknownName { name, .. } if name == "foo"), "step b: when")]
#[case::unknown_option(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"household.tenure == 'castle'\""),
    |e: &TemplateError| matches!(e, TemplateError::UnknownOption { value, .. } if value == "castle"), "step b: when")]
#[case::type_yes_no_vs_number(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"answers.a == 1\""),
    |e: &TemplateError| matches!(e, TemplateError::Type { message, .. } if message.contains("yes/no")), "step b: when")]
#[case::type_int_double_mix(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"answers.n + 1 > 2.0\""),
    |e: &TemplateError| matches!(e, TemplateError::Type { message, .. } if message.contains("mixes")), "step b: when")]
#[case::type_condition_not_bool(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"answers.n\""),
    |e: &TemplateError| matches!(e, TemplateError::Type { message, .. } if message.contains("condition")), "step b: when")]
#[case::type_money_plus_text(
    &with_step("input = { type = \"text\" }\n[[steps.derived]]\nname = \"d\"\nkind = \"money\"\nlabel = { nl = \"D\", en = \"D\" }\nformula = \"answers.m + answers.b\""),
    |e: &TemplateError| matches!(e, TemplateError::Type { .. }), "step b: derived d.formula")]
#[case::type_formula_kind(
    &with_step("input = { type = \"text\" }\n[[steps.derived]]\nname = \"d\"\nkind = \"money\"\nlabel = { nl = \"D\", en = \"D\" }\nformula = \"answers.b\""),
    |e: &TemplateError| matches!(e, TemplateError::Type { message, .. } if message.contains("formula")), "step b: derived d.formula")]
#[case::self_cycle(
    &with_step("input = { type = \"yes_no\" }\nwhen = \"answers.b == true\""),
    |e: &TemplateError| matches!(e, TemplateError::Cycle { .. }), "step b")]
#[case::derived_cycle(
    &with_step("input = { type = \"number\", unit = \"count\" }\n[[steps.derived]]\nname = \"x\"\nkind = \"number\"\nlabel = { nl = \"X\", en = \"X\" }\nformula = \"derived.y\"\n[[steps.derived]]\nname = \"y\"\nkind = \"number\"\nlabel = { nl = \"Y\", en = \"Y\" }\nformula = \"derived.x\""),
    |e: &TemplateError| matches!(e, TemplateError::Cycle { path, .. } if path.len() == 3), "derived x")]
#[case::binding_type(
    &format!("{}\n[calculation]\nnet_income_month = \"a\"\n", with_step("input = { type = \"yes_no\" }")),
    |e: &TemplateError| matches!(e, TemplateError::BindingType { expected, .. } if expected == "money"), "calculation.net_income_month")]
#[case::missing_due(
    &with_step("input = { type = \"yes_no\" }\n[[steps.effects]]\nkind = \"follow_up\"\nwhat = { nl = \"W\", en = \"W\" }"),
    |e: &TemplateError| matches!(e, TemplateError::MissingDue { .. }), "step b: effects[0]")]
#[case::unknown_administrator_option(
    &format!("{}\n[calculation]\nadministrator_tasks = \"b\"\n", with_step(TASKS_WITH_EFFECT).replace("OPTION", "nope")),
    |e: &TemplateError| matches!(e, TemplateError::UnknownAdministratorOption { step, option, .. } if step == "b" && option == "nope"), "step b: effects[0].administrator_option")]
#[case::no_administrator_tasks(
    &with_step(TASKS_WITH_EFFECT).replace("OPTION", "arrangement"),
    |e: &TemplateError| matches!(e, TemplateError::NoAdministratorTasks { .. }), "step b: effects[0].administrator_option")]
#[case::administrator_tasks_binding_type(
    &format!("{}\n[calculation]\nadministrator_tasks = \"a\"\n", with_step("input = { type = \"yes_no\" }")),
    |e: &TemplateError| matches!(e, TemplateError::BindingType { expected, .. } if expected == "multi_choice"), "calculation.administrator_tasks")]
#[case::misspelt_effect_field(
    &with_step("input = { type = \"yes_no\" }\n[[steps.effects]]\nkind = \"follow_up\"\ndue_in_days = 1\nnext_vist = true\nwhat = { nl = \"W\", en = \"W\" }"),
    |e: &TemplateError| matches!(e, TemplateError::Parse { message } if message.contains("next_vist")), "")]
#[case::who_on_a_crisis(
    &with_step("input = { type = \"yes_no\" }\n[[steps.effects]]\nkind = \"crisis\"\nwho = \"household\"\nreason = { nl = \"R\", en = \"R\" }"),
    |e: &TemplateError| matches!(e, TemplateError::Parse { message } if message.contains("who")), "")]
#[case::unknown_who(
    &with_step("input = { type = \"yes_no\" }\n[[steps.effects]]\nkind = \"referral\"\nwho = \"neighbour\"\nto = { nl = \"T\", en = \"T\" }\nreason = { nl = \"R\", en = \"R\" }"),
    |e: &TemplateError| matches!(e, TemplateError::Parse { message } if message.contains("neighbour")), "")]
// A sheet tag that reads the answer needs the input that holds it.
#[case::sheet_measures_on_a_yes_no(
    &with_step("input = { type = \"yes_no\" }\nsheet = \"measures_installed\""),
    |e: &TemplateError| matches!(e, TemplateError::SheetInput { sheet, found, expected, .. } if sheet == "measures_installed" && found == "yes_no" && expected == "`measure_installed`"), "step b: sheet")]
#[case::sheet_labels_on_a_number(
    &with_step("input = { type = \"number\", unit = \"count\" }\nsheet = \"household_agrees\""),
    |e: &TemplateError| matches!(e, TemplateError::SheetInput { sheet, found, .. } if sheet == "household_agrees" && found == "number"), "step b: sheet")]
#[case::consent_in_a_single_choice(
    &with_step("input = { type = \"choice\", options = [{ id = \"m\", nl = \"M\", en = \"M\", consent = \"share_municipality\" }] }"),
    |e: &TemplateError| matches!(e, TemplateError::BadConsentOption { .. }), "step b: input.options")]
#[case::consent_scope_twice(
    &with_step("input = { type = \"multi_choice\", options = [{ id = \"m\", nl = \"M\", en = \"M\", consent = \"share_municipality\" }, { id = \"n\", nl = \"N\", en = \"N\", consent = \"share_municipality\" }] }"),
    |e: &TemplateError| matches!(e, TemplateError::BadConsentOption { .. }), "step b: input.options")]
#[case::consent_beside_a_plain_option(
    &with_step("input = { type = \"multi_choice\", options = [{ id = \"m\", nl = \"M\", en = \"M\", consent = \"share_municipality\" }, { id = \"x\", nl = \"X\", en = \"X\" }] }"),
    |e: &TemplateError| matches!(e, TemplateError::BadConsentOption { .. }), "step b: input.options")]
#[case::sheet_unknown_tag(
    &with_step("input = { type = \"yes_no\" }\nsheet = \"bill\""),
    |e: &TemplateError| matches!(e, TemplateError::Parse { message } if message.contains("bill")), "")]
fn each_broken_template_gives_its_own_error(
    #[case] text: &str,
    #[case] is: fn(&TemplateError) -> bool,
    #[case] place: &str,
) {
    let errs = errors(text);
    assert!(!errs.is_empty(), "a broken template must not validate");
    let hit = errs.iter().find(|e| is(e));
    let hit = hit.unwrap_or_else(|| panic!("expected error variant not found in {errs:#?}"));
    assert_eq!(hit.place(), place, "the error names its place: {hit}");
    assert!(!hit.to_string().is_empty());
}

#[rstest]
#[case::measures(
    "input = { type = \"measure_installed\", measures = [\"led\"] }",
    "measures_installed"
)]
#[case::settings_multi(
    "input = { type = \"multi_choice\", options = [{ id = \"o\", nl = \"O\", en = \"O\" }] }",
    "heating_settings_changed"
)]
#[case::agrees_single(
    "input = { type = \"choice\", options = [{ id = \"o\", nl = \"O\", en = \"O\" }] }",
    "household_agrees"
)]
// Tags that only ask whether the step is answered take any input.
#[case::meters_on_a_reading(
    "input = { type = \"meter_reading\", registers = [\"gas\"] }",
    "meters_read"
)]
#[case::bill_on_a_number("input = { type = \"number\", unit = \"count\" }", "bill_discussed")]
#[case::money_on_money("input = { type = \"money\" }", "money_discussed")]
#[case::benefits_on_a_yes_no("input = { type = \"yes_no\" }", "benefits_discussed")]
fn a_sheet_tag_on_a_fitting_input_is_valid(#[case] input: &str, #[case] tag: &str) {
    assert_eq!(
        errors(&with_step(&format!("{input}\nsheet = \"{tag}\""))),
        vec![]
    );
}

#[test]
fn a_cycle_across_two_steps_is_found() {
    let text = format!(
        "{}\n[[steps]]\nid = \"c\"\nphase = \"p\"\ndomain = \"both\"\nrole = \"both\"\nquestion = {{ nl = \"C?\", en = \"C?\" }}\ninput = {{ type = \"yes_no\" }}\nwhen = \"answers.b == true\"\n",
        with_step("input = { type = \"yes_no\" }\nwhen = \"answers.c == true\"")
    );
    let errs = errors(&text);
    assert!(
        errs.iter().any(|e| matches!(e, TemplateError::Cycle { path, .. } if path.contains(&"step b".to_string()) && path.contains(&"step c".to_string()))),
        "{errs:#?}"
    );
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let text = with_step("input = { type = \"number\", unit = \"furlongs\" }\nwhen = \"answers.zzz == true && household.pets\"")
        .replace("question = { nl = \"B?\", en = \"B?\" }", "question = { nl = \"\", en = \"B?\" }");
    let errs = errors(&text);
    for want in [
        "UnknownUnit",
        "UnknownStep",
        "UnknownField",
        "MissingTranslation",
    ] {
        assert!(
            errs.iter().any(|e| format!("{e:?}").starts_with(want)),
            "{want} missing from {errs:#?}"
        );
    }
}
