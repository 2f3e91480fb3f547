//! `keukentafel-cli checklist …`: validate a template file, or evaluate a visit from JSON.

use std::path::Path;

use chrono::NaiveDate;
use keukentafel_checklist::{
    default_figures, validate_with, Answers, Checklist, Figures, Profile, Template,
};
use keukentafel_domain::HouseholdInput;
use serde::Deserialize;

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn figures(path: Option<&Path>) -> Result<Figures, String> {
    match path {
        None => Ok(default_figures().clone()),
        Some(p) => Figures::from_toml(&read(p)?).map_err(|e| format!("{}: {e}", p.display())),
    }
}

/// Prints every error with its place; `Err` (exit 1) when there is any.
pub fn validate(file: &Path, figures_file: Option<&Path>) -> Result<(), String> {
    let figures = figures(figures_file)?;
    let template =
        Template::from_toml(&read(file)?).map_err(|e| format!("{}: {e}", file.display()))?;
    let errors = validate_with(&template, &figures);
    if errors.is_empty() {
        println!(
            "template OK: {} steps in {} phases",
            template.steps.len(),
            template.phases.len()
        );
        return Ok(());
    }
    for e in &errors {
        println!("{e}");
    }
    Err(format!("{}: {} error(s)", file.display(), errors.len()))
}

/// The household as the input file gives it: the domain's household form (any subset of its
/// fields), so the same JSON the app stores can be used.
#[derive(Deserialize)]
struct EvaluateInput {
    #[serde(default)]
    household: serde_json::Value,
    #[serde(default)]
    answers: Answers,
    visit_date: NaiveDate,
}

fn household(value: serde_json::Value) -> Result<HouseholdInput, String> {
    // Start from the defaults and overlay what the file gives.
    let mut base = serde_json::to_value(HouseholdInput::default()).map_err(|e| e.to_string())?;
    if let (Some(b), serde_json::Value::Object(given)) = (base.as_object_mut(), value) {
        b.extend(given);
    }
    serde_json::from_value(base).map_err(|e| format!("household: {e}"))
}

pub fn evaluate(
    template_file: &Path,
    input_file: &Path,
    figures_file: Option<&Path>,
) -> Result<(), String> {
    let figures = figures(figures_file)?;
    let template = Template::from_toml(&read(template_file)?)
        .map_err(|e| format!("{}: {e}", template_file.display()))?;
    let checklist = Checklist::new(template, figures).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!(
            "{} is not valid:\n{}",
            template_file.display(),
            lines.join("\n")
        )
    })?;
    let input: EvaluateInput = serde_json::from_str(&read(input_file)?)
        .map_err(|e| format!("{}: {e}", input_file.display()))?;
    let profile = Profile::from(&household(input.household)?);
    let evaluation = checklist.evaluate(&profile, &input.answers, input.visit_date);
    let text = serde_json::to_string_pretty(&evaluation).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}
