//! Realistic Dutch demo data for newcomers and tests. Deterministic: the same seed and day give
//! the same records, ids and clocks (time and randomness are injected through `Sources`).
//! Refuses to write into a store that already holds households, so real data is never mixed
//! with invented data.

use std::path::Path;

use chrono::{Duration, NaiveDate};
use keukentafel_domain::*;
use keukentafel_store::{Passphrase, Store, StoreError};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use keukentafel_checklist::{AnswerInput, AnswerValue, MeasureItem, MeterReading};

struct Wijk {
    name: &'static str,
    city: &'static str,
    postcode: u32,
    streets: &'static [&'static str],
}

const WIJKEN: &[Wijk] = &[
    Wijk { name: "Smitsveen", city: "Soest", postcode: 3764, streets: &["Kolonel Jansenlaan", "Griftlaan", "Stoommachinestraat", "Ossendamweg"] },
    Wijk { name: "Soest-Zuid", city: "Soest", postcode: 3766, streets: &["Koningsweg", "Talmalaan", "Vondellaan", "Lange Brinkweg"] },
    Wijk { name: "Overhees", city: "Soest", postcode: 3762, streets: &["Ericalaan", "Beukenlaan", "Dalweg", "Lindenlaan"] },
    Wijk { name: "Klaarwater", city: "Soest", postcode: 3765, streets: &["Klaarwaterweg", "Wieksloterweg", "Braamakkers", "Jachthoornlaan"] },
    Wijk { name: "De Eng", city: "Soest", postcode: 3763, streets: &["Eng", "Kerkpad", "Molenstraat", "Steenhoffstraat"] },
    Wijk { name: "Soesterberg", city: "Soesterberg", postcode: 3769, streets: &["Rademakerstraat", "Kampweg", "Banningstraat", "Verlengde Paltzerweg"] },
];

const FAMILY_NAMES: &[&str] = &[
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yılmaz",
    "El Amrani", "Kaya", "Nguyen", "Boateng", "Sahin", "van Dijk", "Kok", "Jacobs", "Vermeulen", "Willems",
];
const LANDLORDS: &[&str] = &["Portaal", "Woningbouwvereniging Soest", "Vesteda", "Particuliere verhuurder"];
const SUPPLIERS: &[&str] = &["Vattenfall", "Eneco", "Essent", "Budget Energie", "Greenchoice", "Vandebron", "Energiedirect"];
const ADMINISTRATORS: &[(&str, &str)] = &[
    ("Bewindvoering Eemland", "035-6012345"),
    ("Budgetbeheer Soest", "info@budgetbeheer-soest.nl"),
    ("Stichting Beschermingsbewind Utrecht", "030-2345678"),
];
const COACHES: &[&str] = &["Anna de Vries", "Mohamed Bouzid", "Els Verhoef"];
const BUDDIES: &[&str] = &["Henk Bakker", "Fatma Demir", "Kees van Rijn"];
const NOTES: &[&str] = &[
    "Slaapkamer voelt koud en vochtig. Raam aan de noordkant sluit slecht.",
    "Jaarafrekening ligt er nog niet; komt volgende week.",
    "Wil graag minder betalen per maand. Is bang voor een naheffing.",
    "Post van de energieleverancier blijft vaak dicht. Bewindvoerder weet dat.",
    "Heeft een betalingsherinnering van het waterbedrijf.",
    "Douche duurt lang; tieners in huis.",
    "",
    "",
];
const OUTCOMES: &[&str] = &[
    "Aangemeld; eerste gesprek staat gepland.",
    "Geregeld. Het huishouden heeft een brief gekregen.",
    "Contact gehad; de aanvraag loopt.",
];
const SUMMARIES: &[&str] = &[
    "Kennismaking gedaan. Toestemming besproken en vastgelegd. Jaarafrekening samen bekeken.",
    "Radiatorfolie geplaatst achter 3 radiatoren en tochtstrips bij de voordeur. Termijnbedrag besproken.",
    "Betalingsregeling met de leverancier aangevraagd. Huurtoeslag gecontroleerd.",
    "Meterstanden genoteerd. Thermostaat 's nachts op 15 °C gezet.",
];

/// Writes the demo data. Returns a one-line summary for the terminal.
/// With `visits_per_household` above the two or three visits a household gets, done contact
/// visits (follow-up kind, no checklist) fill up to that number, spread over the past year.
pub fn write(db: &Path, passphrase: &Passphrase, households: usize, visits_per_household: usize, seed: u64, today: NaiveDate) -> Result<String, String> {
    let start = (today - Duration::days(120)).and_hms_opt(9, 0, 0).unwrap_or_default().and_utc().timestamp_millis();
    let store = keukentafel_api::profile::open_store(db, passphrase.as_str(), Sources::deterministic(seed, start, 1_000))
        .map_err(crate::en)?;
    fill(store, db, households, visits_per_household, seed, today).map_err(|e| e.to_string())?
}

fn fill(mut store: Store, db: &Path, households: usize, visits_per_household: usize, seed: u64, today: NaiveDate) -> Result<Result<String, String>, StoreError> {
    if !store.list_households(&HouseholdQuery { include_archived: true, ..Default::default() }, today)?.is_empty() {
        return Ok(Err(format!(
            "{} already holds households; demo data only goes into a new or empty store",
            db.display()
        )));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6b65_756b_656e);
    let coach = *COACHES.choose(&mut rng).unwrap_or(&COACHES[0]);
    store.save_profile(UserProfileInput {
        name: coach.to_owned(),
        organisation: "Energie Actief Soest".into(),
        role: Role::EnergyCoach,
        // A made-up number, printed on the households' sheets.
        phone: "06 12345678".into(),
    })?;
    let (mut consents, mut visits, mut answered, mut tasks) = (0, 0, 0, 0);
    let templates = keukentafel_api::visits::Templates::builtin().map_err(|e| StoreError::Data(e.to_string()))?;
    for i in 0..households {
        let wijk = &WIJKEN[rng.random_range(0..WIJKEN.len())];
        let family = FAMILY_NAMES[rng.random_range(0..FAMILY_NAMES.len())];
        let tenure = match rng.random_range(0..100) {
            0..70 => Tenure::HousingAssociation,
            70..85 => Tenure::PrivateRent,
            _ => Tenure::Owner,
        };
        let under_bewind = rng.random_bool(0.18);
        let (administrator_name, administrator_contact) = if under_bewind {
            let (n, c) = ADMINISTRATORS[rng.random_range(0..ADMINISTRATORS.len())];
            (n.to_owned(), c.to_owned())
        } else {
            (String::new(), String::new())
        };
        let adults = rng.random_range(1..=2);
        let input = HouseholdInput {
            // Some households prefer a code to their name.
            name: if rng.random_bool(0.2) {
                format!("{}-{:03}", &wijk.name[..2].to_uppercase(), i + 1)
            } else {
                format!("Fam. {family}")
            },
            street_address: format!("{} {}", wijk.streets[rng.random_range(0..wijk.streets.len())], rng.random_range(1..180)),
            postcode: format!("{} {}", wijk.postcode, random_letters(&mut rng)),
            city: wijk.city.into(),
            wijk: wijk.name.into(),
            adults,
            children: if rng.random_bool(0.5) { rng.random_range(1..=4) } else { 0 },
            tenure: Some(tenure),
            landlord: match tenure {
                Tenure::HousingAssociation => LANDLORDS[rng.random_range(0..2)].into(),
                Tenure::PrivateRent => LANDLORDS[rng.random_range(2..4)].into(),
                Tenure::Owner => String::new(),
            },
            energy_supplier: SUPPLIERS[rng.random_range(0..SUPPLIERS.len())].into(),
            contract_type: [Some(ContractType::Fixed), Some(ContractType::Variable), Some(ContractType::Dynamic), None]
                [rng.random_range(0..4)],
            heating: match rng.random_range(0..100) {
                0..75 => Some(Heating::GasBoiler),
                75..85 => Some(Heating::BlockConnection),
                85..92 => Some(Heating::DistrictHeating),
                92..97 => Some(Heating::HeatPump),
                _ => None,
            },
            under_bewind,
            administrator_name,
            administrator_contact,
            notes: NOTES[rng.random_range(0..NOTES.len())].into(),
            language: Language::Nl,
        };
        let h = store.create_household(input)?;
        let buddy = BUDDIES[rng.random_range(0..BUDDIES.len())];

        // Intake some weeks ago: consent recorded that day.
        let intake = today - Duration::days(rng.random_range(10..100));
        for (scope, p) in [
            (ConsentScope::EnergyAdvice, 1.0),
            (ConsentScope::DebtHelp, 0.75),
            (ConsentScope::ShareOrganisations, 0.7),
            (ConsentScope::ShareMunicipality, 0.4),
            (ConsentScope::ShareLandlord, if tenure == Tenure::Owner { 0.0 } else { 0.4 }),
            (ConsentScope::ShareAdministrator, if under_bewind { 0.9 } else { 0.0 }),
            (ConsentScope::ShareSupplier, 0.5),
        ] {
            if rng.random_bool(p) {
                store.record_consent(
                    ConsentInput { household_id: h.id, scope, given: true, text_version: CONSENT_TEXT_VERSION.into(), date: intake },
                    today,
                )?;
                consents += 1;
            }
        }
        if rng.random_bool(0.05) {
            let later = intake + Duration::days(rng.random_range(1..10)).min(today - intake);
            store.record_consent(
                ConsentInput {
                    household_id: h.id,
                    scope: ConsentScope::ShareMunicipality,
                    given: false,
                    text_version: CONSENT_TEXT_VERSION.into(),
                    date: later,
                },
                today,
            )?;
            consents += 1;
        }
        let mut plan = |date: NaiveDate, kind: VisitKind, status: VisitStatus, summary: &str, rng: &mut ChaCha8Rng| {
            let time = ["09:30", "10:00", "13:30", "14:00", "15:30", "19:00"][rng.random_range(0..6)];
            store.plan_visit(
                VisitInput {
                    household_id: h.id,
                    planned_date: date,
                    planned_time: time.into(),
                    kind,
                    volunteers: vec![coach.to_owned(), buddy.to_owned()],
                    status,
                    summary: summary.to_owned(),
                },
                today,
            )
        };
        plan(intake, VisitKind::Intake, VisitStatus::Done, SUMMARIES[0], &mut rng)?;
        visits += 1;
        let combined = intake + Duration::days(rng.random_range(7..30));
        let mut done = None;
        if combined <= today {
            let summary = SUMMARIES[rng.random_range(1..SUMMARIES.len())];
            // Planned, then closed below ("Bezoek afronden") once its answers are in.
            done = Some(plan(combined, VisitKind::Combined, VisitStatus::Planned, summary, &mut rng)?.id);
            visits += 1;
        } else {
            plan(combined, VisitKind::Combined, VisitStatus::Planned, "", &mut rng)?;
            visits += 1;
        }
        if let Some(visit) = done {
            // Its own random stream, so the rest of the demo stays as it was.
            let mut arng = ChaCha8Rng::seed_from_u64(seed ^ (i as u64).wrapping_mul(0x9e37_79b9));
            let answers = combined_visit_answers(&h, combined, &mut arng);
            let answers_of_first = answers.clone();
            for (step_id, value) in answers {
                keukentafel_api::visits::answer_step(&mut store, &templates, AnswerInput { visit_id: visit, step_id: step_id.into(), value: Some(value), answered_by: None }, today)
                    .map_err(|e| StoreError::Data(format!("demo answer {step_id}: {}", e.message_en)))?;
                answered += 1;
            }
            // Closing makes the tasks and plans the follow-up: mostly ahead, sometimes already
            // missed (its day passed and nobody came back yet).
            let follow_up = combined + Duration::days(arng.random_range(35..50));
            let closed = keukentafel_api::tasks::close_visit(
                &mut store,
                &templates,
                keukentafel_api::CloseVisit {
                    visit_id: visit,
                    follow_up_date: Some(follow_up),
                    follow_up_time: "10:00".into(),
                },
                today,
            )
            .map_err(|e| StoreError::Data(format!("demo closing: {}", e.message_en)))?;
            visits += usize::from(closed.follow_up.is_some());
            // Some follow-ups already took place: new meter readings, how things are, closed.
            if let Some(f) = closed.follow_up.as_ref().filter(|f| f.data.planned_date < today && arng.random_bool(0.75)) {
                let first = answers_of_first.iter().find_map(|(step, a)| match (step, a) {
                    (&"meter_readings", AnswerValue::MeterReading(r)) => Some(r.clone()),
                    _ => None,
                });
                if let Some(first) = first {
                    let days = (f.data.planned_date - first.date).num_days().max(1) as f64;
                    // Use per day: a winter day above the yearly average, less what was saved.
                    let per_day = |step: &str| {
                        answers_of_first.iter().find_map(|(s, a)| match a {
                            AnswerValue::Number(n) if *s == step => Some(n / 365.0),
                            _ => None,
                        })
                    };
                    let mut readings = first.readings.clone();
                    let factor = arng.random_range(0.85..1.25);
                    if let (Some(g), Some(d)) = (readings.get_mut("gas"), per_day("gas_use")) {
                        *g = (*g + d * days * factor * 1.3).round();
                    }
                    let el = per_day("electricity_use").unwrap_or(8.0) * days * arng.random_range(0.85..1.05) / 2.0;
                    for r in ["electricity_t1", "electricity_t2"] {
                        if let Some(v) = readings.get_mut(r) {
                            *v = (*v + el).round();
                        }
                    }
                    let doing = ["better", "same", "better", "worse"][arng.random_range(0..4)];
                    let follow_answers = [
                        ("meter_readings", AnswerValue::MeterReading(MeterReading { date: f.data.planned_date, readings })),
                        ("doing_energy", AnswerValue::Choice(doing.into())),
                        ("doing_money", AnswerValue::Choice(["better", "same"][arng.random_range(0..2)].into())),
                        ("new_problems", AnswerValue::MultiChoice(vec!["none".into()])),
                        ("next_contact", AnswerValue::Choice("done".into())),
                    ];
                    for (step_id, value) in follow_answers {
                        let input = AnswerInput { visit_id: f.id, step_id: step_id.into(), value: Some(value), answered_by: None };
                        keukentafel_api::visits::answer_step(&mut store, &templates, input, today)
                            .map_err(|e| StoreError::Data(format!("demo follow-up {step_id}: {}", e.message_en)))?;
                        answered += 1;
                    }
                    // What was agreed at the first visit is settled by the follow-up.
                    for row in keukentafel_api::tasks::of_household(&store, h.id, today).map_err(|e| StoreError::Data(e.message_en))? {
                        let t = row.task;
                        if !t.data.status.is_open() {
                            continue;
                        }
                        let (status, outcome) = match arng.random_range(0..10) {
                            0..7 => (TaskStatus::Done, "Besproken bij het terugkombezoek: gedaan."),
                            7..9 => (TaskStatus::NotNeeded, "Niet meer nodig."),
                            _ => (TaskStatus::NoResponse, "Geen reactie gekregen."),
                        };
                        let data = TaskInput { status, outcome: outcome.into(), closed_on: Some(f.data.planned_date), ..t.data.clone() };
                        store.update_task(TaskUpdate { id: t.id, data, base: t.clocks }, today)?;
                    }
                    let input = keukentafel_api::CloseVisit { visit_id: f.id, follow_up_date: None, follow_up_time: String::new() };
                    keukentafel_api::tasks::close_visit(&mut store, &templates, input, today)
                        .map_err(|e| StoreError::Data(format!("demo follow-up closing: {}", e.message_en)))?;
                }
            }
            tasks += closed.tasks.len();
            // Some referrals are done by now, some under way; the rest is open (some overdue).
            for row in closed.tasks {
                // As it is now (the follow-up above may have settled it): never a stale base.
                let t = store.task(row.task.id)?;
                if !t.data.status.is_open() {
                    continue;
                }
                // What was due weeks ago is mostly settled by now.
                let settled = if t.data.due < today { 8 } else { 3 };
                let (status, outcome) = match arng.random_range(0..10) {
                    n if n < settled => (TaskStatus::Done, OUTCOMES[arng.random_range(0..OUTCOMES.len())]),
                    n if n < settled + 2 => (TaskStatus::InProgress, "Gebeld, wacht op antwoord."),
                    _ => continue,
                };
                let closed_on = (status == TaskStatus::Done).then(|| (t.data.due - Duration::days(arng.random_range(0..10))).min(today));
                let data = TaskInput { status, outcome: outcome.into(), closed_on, ..t.data.clone() };
                store.update_task(TaskUpdate { id: t.id, data, base: t.clocks }, today)?;
            }
        }
        // Contact visits up to the number asked for (their own stream: the rest stays as it was).
        let made = store.household_detail(h.id)?.visits.len();
        let mut crng = ChaCha8Rng::seed_from_u64(seed ^ (i as u64).wrapping_mul(0x51_7cc1_b727));
        for _ in made..visits_per_household {
            let date = today - Duration::days(crng.random_range(1..365));
            let input = VisitInput {
                household_id: h.id,
                planned_date: date,
                planned_time: "11:00".into(),
                kind: VisitKind::FollowUp,
                volunteers: vec![coach.to_owned()],
                status: VisitStatus::Done,
                summary: String::new(),
            };
            store.plan_visit(input, today)?;
            visits += 1;
        }
        if rng.random_bool(0.04) {
            store.set_household_archived(h.id, true)?;
        }
    }
    Ok(Ok(format!(
        "demo: {households} households, {consents} consent events, {visits} visits, {answered} checklist answers, {tasks} tasks, {} ops in {}",
        store.op_count()?,
        db.display()
    )))
}

fn random_letters(rng: &mut ChaCha8Rng) -> String {
    loop {
        let a = rng.random_range(b'A'..=b'Z') as char;
        let b = rng.random_range(b'A'..=b'Z') as char;
        let pair: String = [a, b].iter().collect();
        if !matches!(pair.as_str(), "SA" | "SD" | "SS") {
            return pair;
        }
    }
}

/// The answers of a combined visit that was carried out: the bill and the meters, income and
/// arrears, what was installed and changed, referrals and agreements — so the summary shows
/// savings, the energy quote and the indicators. Plausible values for the household's heating.
fn combined_visit_answers(h: &Household, date: NaiveDate, rng: &mut ChaCha8Rng) -> Vec<(&'static str, AnswerValue)> {
    use AnswerValue as A;
    let list = |ids: &[&str]| A::MultiChoice(ids.iter().map(|s| (*s).to_owned()).collect());
    let euros = |from: i64, to: i64, rng: &mut ChaCha8Rng| A::Money(rng.random_range(from..to) * 100);
    let heating = h.data.heating;
    let arrears = rng.random_bool(0.35);
    let persons = f64::from(h.data.adults + h.data.children);
    let mut out: Vec<(&'static str, AnswerValue)> = vec![
        ("documents", list(&["annual_bill", "advance"])),
        ("roles_explained", A::YesNo(true)),
        ("consent", list(&["municipality", "supplier"])),
        ("dwelling_type", A::Choice(["flat", "terraced", "end_terrace", "semi_detached"][rng.random_range(0..4)].into())),
        ("energy_label", A::Choice(["a_or_better", "b_c_d", "e_f_g", "unknown"][rng.random_range(0..4)].into())),
        ("solar_panels", A::YesNo(false)),
        ("crisis_screen", list(&["none"])),
    ];
    let mut readings = std::collections::BTreeMap::new();
    readings.insert("electricity_t1".to_owned(), f64::from(rng.random_range(10_000..40_000)));
    readings.insert("electricity_t2".to_owned(), f64::from(rng.random_range(10_000..40_000)));
    if heating == Some(Heating::GasBoiler) || heating.is_none() {
        readings.insert("gas".to_owned(), f64::from(rng.random_range(5_000..20_000)));
        out.push(("gas_use", A::Number(f64::from(rng.random_range(700..1_500)))));
    }
    if matches!(heating, Some(Heating::DistrictHeating | Heating::BlockConnection)) {
        out.push(("heat_use", A::Number(f64::from(rng.random_range(18..38)))));
    }
    out.push(("meter_readings", A::MeterReading(MeterReading { date, readings })));
    out.push(("electricity_use", A::Number((1_500.0 + persons * 400.0 + f64::from(rng.random_range(0..600))).round())));
    out.push(("energy_cost", euros(1_500, 2_900, rng)));
    if heating == Some(Heating::GasBoiler) {
        out.push(("thermostat", A::Number(f64::from(rng.random_range(19..23)))));
    }
    out.push(("radiators", A::Number(f64::from(rng.random_range(3..8)))));
    out.push(("draughts", list(&["doors", "letterbox"])));
    out.push(("shower_minutes", A::Number(f64::from(rng.random_range(7..15)))));
    out.push(("old_lamps", A::Number(f64::from(rng.random_range(2..9)))));
    out.push(("net_income", euros(1_300, 2_800, rng)));
    out.push(("energy_arrears", A::YesNo(arrears)));
    if arrears {
        out.push(("energy_arrears_amount", euros(150, 950, rng)));
        out.push(("payment_arrangement", A::Choice("to_request".into())));
    }
    if !h.data.under_bewind {
        out.push(("advance", euros(110, 230, rng)));
    } else {
        out.push(("administrator_tasks", list(&["advance", "benefits"])));
    }
    out.push(("benefits", list(&["all_claimed"])));
    let item = |measure: &str, quantity: u32| MeasureItem { measure: measure.into(), quantity, location: String::new() };
    let mut installed = vec![item("led", rng.random_range(3..9)), item("draught_strips", 1), item("shower_head", 1)];
    if heating != Some(Heating::HeatPump) {
        installed.push(item("radiator_foil", rng.random_range(2..5)));
    }
    out.push(("installed", A::MeasureInstalled(installed)));
    if heating == Some(Heating::GasBoiler) {
        out.push(("settings_changed", list(&["thermostat_lower"])));
    }
    out.push(("behaviour", list(&["shower_5min", "curtains_doors"])));
    out.push(("saving_discussed", A::YesNo(true)));
    out.push(("debt_help_referral", A::Choice(if arrears { "municipality" } else { "not_needed" }.into())));
    // The energy coach's own referrals: repairs asked of the landlord, small jobs, balancing.
    if h.data.tenure != Some(Tenure::Owner) && rng.random_bool(0.5) {
        out.push(("landlord_request", list(&["draughts", "damp"][..rng.random_range(1..3)])));
    }
    if rng.random_bool(0.4) {
        out.push(("other_referrals", list(&[["fixbrigade", "balancing", "wijkteam"][rng.random_range(0..3)]])));
    }
    out.push(("agreements_written", A::YesNo(true)));
    out.push(("follow_up_visit", A::YesNo(true)));
    out
}
