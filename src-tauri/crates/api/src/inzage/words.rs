//! The inzage's words: field labels, values (options, dates, yes/no, amounts), questions and
//! answers of a visit in the words of the visit's own template, names of users, volunteers and
//! materials. What has no words here is shown as it is stored (a field by its name), never
//! left out.

use std::collections::HashMap;

use chrono::{DateTime, Local, NaiveDate};
use keukentafel_checklist::{AnswerValue, Checklist, Input, Text};
use keukentafel_store::{Op, Store};
use serde_json::Value as Json;

use super::{checklist_of, same, str_of, t};
use crate::visits::Templates;
use crate::Reply;

/// What the words of one household's inzage are made from.
pub(super) struct Words<'a> {
    templates: &'a Templates,
    /// Every record of the dump by id: (entity, fields).
    records: HashMap<String, (&'static str, Json)>,
    /// User id → name.
    users: HashMap<String, String>,
    /// Installation → name (enrolled volunteers, and this installation).
    replicas: HashMap<String, String>,
    /// Stock item id → name.
    items: HashMap<String, String>,
    household_name: String,
}

/// A date `2026-12-03` as `03-12-2026`; anything else as it is.
pub(super) fn date(s: &str) -> String {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_else(|_| s.to_owned())
}

/// A moment (RFC 3339) as `03-12-2026 14:05` in the computer's time zone.
pub(super) fn when(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| d.with_timezone(&Local).format("%d-%m-%Y %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// A number with a decimal comma, no more decimals than needed.
fn number(v: f64) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 { format!("{v:.0}") } else { format!("{v:.2}").trim_end_matches('0').to_owned() };
    s.replace('.', ",")
}

/// Euro cents as `€ 12,34`.
fn euro(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}€ {},{:02}", c / 100, c % 100)
}

fn yes_no(b: bool) -> Text {
    if b {
        t("Ja", "Yes")
    } else {
        t("Nee", "No")
    }
}

fn empty() -> Text {
    t("(leeg)", "(empty)")
}

fn unit(u: &str) -> &str {
    match u {
        "count" => "",
        "percent" => "%",
        "eur" => "euro",
        "eur_per_year" => "euro per jaar",
        "eur_per_month" => "euro per maand",
        "kwh" => "kWh",
        "kwh_per_year" => "kWh per jaar",
        "m3" => "m³",
        "m3_per_year" => "m³ per jaar",
        "gj" => "GJ",
        "gj_per_year" => "GJ per jaar",
        "liter" => "liter",
        "minutes" => "minuten",
        "hours" => "uur",
        "days" => "dagen",
        "weeks" => "weken",
        "celsius" => "°C",
        "watt" => "watt",
        "meter" => "meter",
        "year" => "jaar",
        other => other,
    }
}

fn register(r: &str) -> &str {
    match r {
        "electricity_t1" => "stroom laag tarief",
        "electricity_t2" => "stroom normaal tarief",
        "feed_in_t1" => "teruglevering laag tarief",
        "feed_in_t2" => "teruglevering normaal tarief",
        "gas" => "gas",
        "water" => "water",
        other => other,
    }
}

/// The words of a closed-list value (an enum stored as its snake_case name).
fn option(entity: &str, field: &str, v: &str) -> Option<Text> {
    let w = |nl: &str, en: &str| Some(t(nl, en));
    match (entity, field, v) {
        ("household", "tenure", "housing_association") => w("Huurwoning corporatie", "Housing association rental"),
        ("household", "tenure", "private_rent") => w("Particuliere huur", "Private rental"),
        ("household", "tenure", "owner") => w("Koopwoning", "Owner-occupied"),
        ("household", "contract_type", "fixed") => w("Vast", "Fixed"),
        ("household", "contract_type", "variable") => w("Variabel", "Variable"),
        ("household", "contract_type", "dynamic") => w("Dynamisch", "Dynamic"),
        ("household", "heating", "gas_boiler") => w("Cv-ketel op gas", "Gas boiler"),
        ("household", "heating", "district_heating") => w("Stadsverwarming", "District heating"),
        ("household", "heating", "block_connection") => w("Blokaansluiting", "Shared block heating"),
        ("household", "heating", "heat_pump") => w("Warmtepomp", "Heat pump"),
        ("household", "heating", "electric") => w("Elektrisch", "Electric"),
        ("household", "heating", "other") => w("Anders", "Other"),
        ("household", "language", "nl") => w("Nederlands", "Dutch"),
        ("household", "language", "en") => w("Engels", "English"),
        ("consent", "scope", s) | ("task", "consent_scope", s) => match s {
            "energy_advice" => w("Energieadvies", "Energy advice"),
            "debt_help" => w("Schuldhulp", "Debt help"),
            "share_organisations" => w("Delen tussen de organisaties", "Sharing between the organisations"),
            "share_municipality" => w("Delen met de gemeente", "Sharing with the municipality"),
            "share_landlord" => w("Delen met de verhuurder", "Sharing with the landlord"),
            "share_administrator" => w("Delen met de bewindvoerder", "Sharing with the administrator"),
            "share_supplier" => w("Delen met de energieleverancier", "Sharing with the energy supplier"),
            _ => None,
        },
        ("visit", "kind", "intake") => w("Intakegesprek", "Intake"),
        ("visit", "kind", "combined") => w("Gecombineerd bezoek", "Combined visit"),
        ("visit", "kind", "follow_up") => w("Vervolgbezoek", "Follow-up visit"),
        ("visit", "status", "planned") => w("Gepland", "Planned"),
        ("visit", "status", "done") => w("Gedaan", "Done"),
        ("visit", "status", "cancelled") => w("Geannuleerd", "Cancelled"),
        ("visit", "template_id", "combined-visit") => w("Vragenlijst gecombineerd bezoek", "Combined visit checklist"),
        ("visit", "template_id", "follow-up") => w("Vragenlijst vervolgbezoek", "Follow-up checklist"),
        ("task", "kind", "referral") => w("Doorverwijzing", "Referral"),
        ("task", "kind", "agreement") => w("Afspraak", "Agreement"),
        ("task", "kind", "follow_up_contact") => w("Vervolgcontact", "Follow-up contact"),
        ("task", "status", "open") => w("Open", "Open"),
        ("task", "status", "in_progress") => w("Bezig", "In progress"),
        ("task", "status", "done") => w("Klaar", "Done"),
        ("task", "status", "not_needed") => w("Niet nodig", "Not needed"),
        ("task", "status", "no_response") => w("Geen reactie", "No response"),
        ("task", "owner_kind", "volunteer") => w("Vrijwilliger", "Volunteer"),
        ("task", "owner_kind", "coordinator") => w("Coördinator", "Coordinator"),
        ("task", "owner_kind", "administrator") => w("Bewindvoerder", "Administrator"),
        ("task", "owner_kind", "household") => w("Het huishouden zelf", "The household itself"),
        ("stock_movement", "kind", "received") => w("Ontvangen", "Received"),
        ("stock_movement", "kind", "handed_out") => w("Bij u gebracht", "Brought to you"),
        ("stock_movement", "kind", "corrected") => w("Geteld", "Counted"),
        ("stock_movement", "kind", "written_off") => w("Afgeschreven", "Written off"),
        _ => None,
    }
}

impl<'a> Words<'a> {
    pub(super) fn new(store: &Store, templates: &'a Templates, dump: &Json) -> Reply<Words<'a>> {
        let mut records = HashMap::new();
        let household = dump["household"].clone();
        let household_name = str_of(&household, "name").to_owned();
        records.insert(str_of(&household, "id").to_owned(), ("household", household));
        for (key, entity) in [
            ("consent_events", "consent"),
            ("visits", "visit"),
            ("answers", "answer"),
            ("assignments", "assignment"),
            ("tasks", "task"),
            ("materials", "stock_movement"),
        ] {
            for r in super::list(dump, key) {
                records.insert(str_of(&r, "id").to_owned(), (entity, r));
            }
        }
        let users: HashMap<String, String> = store.users()?.into_iter().map(|u| (u.id.0.to_string(), u.name)).collect();
        let mut replicas: HashMap<String, String> =
            store.enrolments()?.into_iter().map(|e| (e.replica.to_string(), e.name)).collect();
        if let Some(p) = store.profile()? {
            replicas.insert(store.replica().to_string(), p.name);
        }
        let items = store.stock_items()?.into_iter().map(|i| (i.id.0.to_string(), i.data.name)).collect();
        Ok(Words { templates, records, users, replicas, items, household_name })
    }

    fn record(&self, id: &str) -> Option<&(&'static str, Json)> {
        self.records.get(id)
    }

    fn checklist(&self, visit_id: &str) -> Option<&'a Checklist> {
        self.record(visit_id).and_then(|(_, v)| checklist_of(self.templates, v))
    }

    /// What a field is called.
    pub(super) fn field_label(&self, entity: &str, field: &str) -> Text {
        let w = |nl: &str, en: &str| t(nl, en);
        match (entity, field) {
            ("household", "name") => w("Naam of code", "Name or code"),
            ("household", "street_address") => w("Straat en huisnummer", "Street and house number"),
            ("household", "postcode") => w("Postcode", "Postcode"),
            ("household", "city") => w("Woonplaats", "Town"),
            ("household", "wijk") => w("Wijk", "Neighbourhood"),
            ("household", "adults") => w("Volwassenen", "Adults"),
            ("household", "children") => w("Kinderen", "Children"),
            ("household", "tenure") => w("Woning", "Home"),
            ("household", "landlord") => w("Verhuurder", "Landlord"),
            ("household", "energy_supplier") => w("Energieleverancier", "Energy supplier"),
            ("household", "contract_type") => w("Soort energiecontract", "Type of energy contract"),
            ("household", "heating") => w("Verwarming", "Heating"),
            ("household", "under_bewind") => w("Onder bewind", "Under financial administration"),
            ("household", "administrator_name") => w("Bewindvoerder", "Administrator"),
            ("household", "administrator_contact") => w("Telefoon of e-mail bewindvoerder", "Phone or e-mail of the administrator"),
            ("household", "notes") => w("Notities", "Notes"),
            ("household", "language") => w("Taal van het overzicht", "Language of the overview"),
            (_, "archived") => w("Gearchiveerd", "Archived"),
            ("consent", "scope") => w("Waarvoor", "For"),
            ("consent", "given") => w("Toestemming gegeven", "Consent given"),
            ("consent", "text_version") => w("Versie van de toestemmingstekst", "Version of the consent text"),
            ("consent", "date") => w("Datum", "Date"),
            (_, "recorded_by") => w("Vastgelegd door", "Recorded by"),
            ("visit", "planned_date") => w("Datum", "Date"),
            ("visit", "planned_time") => w("Tijd", "Time"),
            ("visit", "kind") => w("Soort bezoek", "Kind of visit"),
            ("visit", "volunteers") => w("Vrijwilligers", "Volunteers"),
            ("visit", "status") => w("Stand", "Status"),
            ("visit", "summary") => w("Samenvatting", "Summary"),
            ("visit", "template_id") => w("Vragenlijst", "Checklist"),
            ("visit", "template_version") => w("Versie van de vragenlijst", "Version of the checklist"),
            (_, "visit_id") => w("Bezoek", "Visit"),
            ("answer", "step_id") | ("task", "step_id") => w("Vraag", "Question"),
            ("answer", "value") => w("Antwoord", "Answer"),
            ("answer", "answered_by") => w("Beantwoord door", "Answered by"),
            (_, "household_id") => w("Huishouden", "Household"),
            ("assignment", "volunteer") => w("Vrijwilliger", "Volunteer"),
            ("assignment", "since") => w("Sinds", "Since"),
            ("assignment", "until") => w("Tot", "Until"),
            ("task", "kind") => w("Soort", "Kind"),
            ("task", "what") => w("Wat", "What"),
            ("task", "party") => w("Organisatie", "Organisation"),
            ("task", "consent_scope") => w("Nodige toestemming", "Consent needed"),
            ("task", "owner_kind") => w("Wie doet het", "Who does it"),
            ("task", "owner_name") => w("Naam", "Name"),
            ("task", "due") => w("Uiterlijk", "Due"),
            ("task", "status") => w("Stand", "Status"),
            ("task", "outcome") => w("Uitkomst", "Outcome"),
            ("task", "closed_on") => w("Afgesloten op", "Closed on"),
            ("stock_movement", "item_id") => w("Materiaal", "Material"),
            ("stock_movement", "kind") => w("Soort", "Kind"),
            ("stock_movement", "delta") => w("Aantal", "Quantity"),
            ("stock_movement", "date") => w("Datum", "Date"),
            ("stock_movement", "note") => w("Notitie", "Note"),
            _ => same(field),
        }
    }

    /// What a kind of record is called.
    pub(super) fn entity_kind(&self, entity: &str) -> Text {
        match entity {
            "household" => t("Uw gegevens", "Your details"),
            "consent" => t("Toestemming", "Consent"),
            "visit" => t("Bezoek", "Visit"),
            "answer" => t("Antwoord", "Answer"),
            "assignment" => t("Vrijwilliger", "Volunteer"),
            "task" => t("Afspraak", "Agreement"),
            "stock_movement" => t("Materiaal", "Material"),
            other => same(other),
        }
    }

    fn visit_title(&self, visit: &Json) -> Text {
        let kind = option("visit", "kind", str_of(visit, "kind")).unwrap_or_else(|| t("Bezoek", "Visit"));
        let d = date(str_of(visit, "planned_date"));
        Text { nl: format!("{} van {d}", kind.nl), en: format!("{} of {d}", kind.en) }
    }

    /// The heading of one record.
    pub(super) fn record_title(&self, entity: &str, r: &Json) -> Text {
        match entity {
            "household" => same(str_of(r, "name")),
            "visit" => self.visit_title(r),
            "consent" => {
                let scope = option("consent", "scope", str_of(r, "scope")).unwrap_or_else(|| same(str_of(r, "scope")));
                let d = date(str_of(r, "date"));
                let (nl, en) = if r["given"].as_bool() == Some(true) { ("gegeven", "given") } else { ("niet gegeven", "not given") };
                Text { nl: format!("{}: {nl} op {d}", scope.nl), en: format!("{}: {en} on {d}", scope.en) }
            }
            "task" => {
                let kind = option("task", "kind", str_of(r, "kind")).unwrap_or_else(|| self.entity_kind("task"));
                Text { nl: format!("{}: {}", kind.nl, str_of(r, "what")), en: format!("{}: {}", kind.en, str_of(r, "what")) }
            }
            "stock_movement" => {
                let item = self.value("stock_movement", "item_id", &r["item_id"], Some(r));
                let d = date(str_of(r, "date"));
                Text { nl: format!("{} op {d}", item.nl), en: format!("{} on {d}", item.en) }
            }
            "assignment" => self.value("assignment", "volunteer", &r["volunteer"], Some(r)),
            "answer" => {
                let visit = self.record(str_of(r, "visit_id")).map(|(_, v)| self.visit_title(v));
                match visit {
                    Some(v) => Text { nl: format!("Antwoord bij {}", lower_first(&v.nl)), en: format!("Answer at {}", lower_first(&v.en)) },
                    None => self.entity_kind("answer"),
                }
            }
            other => self.entity_kind(other),
        }
    }

    /// The group a change of this record is shown in, and its heading: an answer's changes go
    /// with the other answers of its visit.
    pub(super) fn change_group(&self, entity: &str, id: &str) -> (String, Text) {
        if let Some(("answer", r)) = self.record(id) {
            let visit = str_of(r, "visit_id");
            if let Some((_, v)) = self.record(visit) {
                let title = self.visit_title(v);
                let text = Text {
                    nl: format!("Antwoorden bij {}", lower_first(&title.nl)),
                    en: format!("Answers at {}", lower_first(&title.en)),
                };
                return (visit.to_owned(), text);
            }
        }
        (id.to_owned(), self.entity_title(entity, id))
    }

    /// The heading of the record with this id (its kind when the record is not in the dump).
    pub(super) fn entity_title(&self, entity: &str, id: &str) -> Text {
        match self.record(id) {
            Some((e, r)) => self.record_title(e, r),
            None => self.entity_kind(entity),
        }
    }

    /// A field's value in words; `record` is the record it belongs to (for a value that needs
    /// another field, such as a task's question, which needs its visit).
    pub(super) fn value(&self, entity: &str, field: &str, v: &Json, record: Option<&Json>) -> Text {
        match v {
            Json::Null => return empty(),
            Json::String(s) if s.is_empty() => return empty(),
            Json::Bool(b) => return yes_no(*b),
            _ => {}
        }
        let s = v.as_str().unwrap_or_default();
        if let Some(words) = option(entity, field, s) {
            return words;
        }
        match (entity, field) {
            (_, "date" | "planned_date" | "due" | "closed_on" | "since" | "until") => same(&date(s)),
            (_, "household_id") => same(&self.household_name),
            (_, "visit_id") => match self.record(s) {
                Some((_, visit)) => self.visit_title(visit),
                None => t("Een bezoek dat hier niet meer is", "A visit no longer here"),
            },
            ("stock_movement", "item_id") => match self.items.get(s) {
                Some(name) => same(name),
                None => t("Materiaal", "Material"),
            },
            ("assignment", "volunteer") => match self.replicas.get(s) {
                Some(name) => same(name),
                None => t("Een vrijwilliger", "A volunteer"),
            },
            ("task" | "answer", "step_id") => {
                let visit = record.map(|r| str_of(r, "visit_id")).unwrap_or_default();
                self.question(visit, s)
            }
            ("visit", "template_version") if v.as_i64() == Some(0) => empty(),
            ("stock_movement", "delta") => same(&v.as_i64().map(|n| n.abs().to_string()).unwrap_or_else(|| v.to_string())),
            ("visit", "volunteers") => match v.as_array() {
                Some(a) if a.is_empty() => empty(),
                Some(a) => same(&a.iter().map(|x| x.as_str().map(str::to_owned).unwrap_or_else(|| x.to_string())).collect::<Vec<_>>().join(", ")),
                None => same(&v.to_string()),
            },
            _ => match v {
                Json::String(s) => same(s),
                Json::Number(n) => same(&n.as_f64().map(number).unwrap_or_else(|| n.to_string())),
                other => same(&other.to_string()),
            },
        }
    }

    /// The value an op carries, in words (an answer's value as its step reads it).
    pub(super) fn op_value(&self, entity: &str, entity_id: &str, field: &str, v: &Json) -> Text {
        let record = self.record(entity_id).map(|(_, r)| r);
        if entity == "answer" && field == "value" {
            if let Some(r) = record {
                return self.answer(str_of(r, "visit_id"), str_of(r, "step_id"), v);
            }
        }
        self.value(entity, field, v, record)
    }

    /// Which field an op changed: for an answer's value, the question.
    pub(super) fn op_field(&self, entity: &str, entity_id: &str, field: &str) -> Text {
        if entity == "answer" && field == "value" {
            if let Some((_, r)) = self.record(entity_id) {
                return self.question(str_of(r, "visit_id"), str_of(r, "step_id"));
            }
        }
        self.field_label(entity, field)
    }

    /// Who made an op: the name when known, and the installation.
    pub(super) fn by(&self, op: &Op) -> String {
        let name = self
            .users
            .get(&op.author.0.to_string())
            .filter(|n| !n.is_empty())
            .cloned()
            .or_else(|| self.replicas.get(&op.replica.to_string()).cloned())
            .unwrap_or_else(|| "Onbekend".into());
        let replica = op.replica.to_string();
        format!("{name} (laptop {})", &replica[..replica.len().min(8)])
    }

    /// The step's question in the visit's template (the newest template that has it when the
    /// visit's is not known; the step id when none has it).
    pub(super) fn question(&self, visit_id: &str, step: &str) -> Text {
        match self.checklist(visit_id).and_then(|c| c.template().step(step)) {
            Some(s) => s.question.clone(),
            None => self.templates.step_question(step),
        }
    }

    /// Where a step comes in its visit's checklist (unknown steps last).
    pub(super) fn step_position(&self, visit_id: &str, step: &str) -> usize {
        self.checklist(visit_id)
            .and_then(|c| c.template().steps.iter().position(|s| s.id == step))
            .unwrap_or(usize::MAX)
    }

    /// An answer in words, read with its step's input (option labels, units, measure labels).
    pub(super) fn answer(&self, visit_id: &str, step_id: &str, v: &Json) -> Text {
        if v.is_null() {
            return t("(gewist)", "(cleared)");
        }
        let Ok(answer) = serde_json::from_value::<AnswerValue>(v.clone()) else {
            return same(&v.to_string());
        };
        let checklist = self.checklist(visit_id);
        let step = checklist.and_then(|c| c.template().step(step_id));
        let input = step.map(|s| &s.input);
        let label = |id: &str| -> Text {
            input
                .and_then(|i| i.options().iter().find(|o| o.id == id))
                .map(|o| t(&o.nl, &o.en))
                .unwrap_or_else(|| same(id))
        };
        let join = |parts: Vec<Text>| Text {
            nl: parts.iter().map(|p| p.nl.as_str()).collect::<Vec<_>>().join(", "),
            en: parts.iter().map(|p| p.en.as_str()).collect::<Vec<_>>().join(", "),
        };
        match answer {
            AnswerValue::YesNo(b) => yes_no(b),
            AnswerValue::Choice(id) => label(&id),
            AnswerValue::MultiChoice(ids) if ids.is_empty() => t("(niets gekozen)", "(nothing chosen)"),
            AnswerValue::MultiChoice(ids) => join(ids.iter().map(|id| label(id)).collect()),
            AnswerValue::Number(n) => {
                let u = match input {
                    Some(Input::Number { unit: u }) => unit(u),
                    _ => "",
                };
                same(format!("{} {u}", number(n)).trim())
            }
            AnswerValue::Money(cents) => same(&euro(cents)),
            AnswerValue::Date(d) => same(&d.format("%d-%m-%Y").to_string()),
            AnswerValue::Text(s) if s.is_empty() => empty(),
            AnswerValue::Text(s) => same(&s),
            AnswerValue::MeterReading(m) => {
                let readings: Vec<String> = m.readings.iter().map(|(r, v)| format!("{} {}", register(r), number(*v))).collect();
                same(&format!("{}: {}", m.date.format("%d-%m-%Y"), readings.join(", ")))
            }
            AnswerValue::MeasureInstalled(items) if items.is_empty() => t("(niets)", "(nothing)"),
            AnswerValue::MeasureInstalled(items) => join(
                items
                    .iter()
                    .map(|i| {
                        let name = checklist
                            .and_then(|c| c.figures().measure(&i.measure))
                            .map(|m| m.label.clone())
                            .unwrap_or_else(|| same(&i.measure));
                        let place = if i.location.is_empty() { String::new() } else { format!(" ({})", i.location) };
                        Text { nl: format!("{} × {}{place}", i.quantity, name.nl), en: format!("{} × {}{place}", i.quantity, name.en) }
                    })
                    .collect(),
            ),
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_amounts_read_the_dutch_way() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(12.5), "12,5");
        assert_eq!(euro(123456), "€ 1234,56");
        assert_eq!(euro(-5), "-€ 0,05");
        assert_eq!(date("2026-12-03"), "03-12-2026");
        assert_eq!(date("not a date"), "not a date");
    }
}
