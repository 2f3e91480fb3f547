//! Inzage (AVG art. 15): a household asks what is kept about it, and gets a readable copy of
//! everything this store holds about it, in Dutch: its record, consent, visits with their
//! answers (the question's words, readable values), tasks and referrals, materials handed out,
//! the volunteers it is given to, open conflicts and held-back changes, records that cannot be
//! read, and the full history of changes (when, what, old → new, by whom).
//!
//! **One reader.** Everything kept comes from the store's household dump
//! ([`Store::dump_household`], the same data as `keukentafel-cli dump --household`): every
//! field of every record is shown (a field this version has no words for is shown by its name),
//! so nothing kept is left out. Conflicts and held-back changes come from their own readers
//! (`open_conflicts`, `held_ops`), filtered to the household. This module only puts the values
//! into words: option labels and questions from the visit's own template, measure labels from
//! its figures, names of users and volunteers.
//!
//! [`html`] renders the [`Inzage`] as one self-contained, print-ready HTML document (no
//! script); [`save`] writes it whole (temp file, rename, mode 0600), refusing to replace an
//! existing file unless asked.

pub mod html;
mod words;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use keukentafel_checklist::{Checklist, Text};
use keukentafel_domain::HouseholdId;
use keukentafel_store::{Op, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use ts_rs::TS;

use crate::visits::Templates;
use crate::Reply;

use self::words::Words;

/// What can go wrong with an inzage (the words are in `errors/`).
#[derive(Debug, thiserror::Error)]
pub enum InzageError {
    /// The household's data was erased: nothing about it is kept any more.
    #[error("household {0} was erased; nothing about it is kept")]
    Erased(HouseholdId),
    /// The file exists and replacing it was not asked for.
    #[error("{0} exists already (use --force to replace it)")]
    Exists(String),
    #[error("cannot write {path}: {detail}")]
    Write { path: String, detail: String },
}

/// Everything this store keeps about one household, in words.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Inzage {
    pub household_id: HouseholdId,
    pub household_name: String,
    /// The day the copy was made.
    #[ts(type = "string")]
    pub made_on: NaiveDate,
    /// Who made it (this installation's user) and for which organisation; may be empty.
    pub made_by: String,
    pub organisation: String,
    /// The name to save it under: `inzage-<name>-<date>.html` ([`file_name`]).
    pub file_name: String,
    /// The records, by kind, in the order printed.
    pub sections: Vec<InzageSection>,
    /// Every change ever made to these records, oldest first, grouped by moment, record and
    /// person.
    pub history: Vec<InzageChanges>,
}

/// One kind of record: its heading, a line saying what it is, and the records.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct InzageSection {
    /// `household`, `consent`, `visits`, `tasks`, `materials`, `assignments`, `conflicts`,
    /// `held`, `unreadable`.
    pub id: String,
    pub title: Text,
    pub intro: Text,
    pub records: Vec<InzageRecord>,
}

/// One record: a title and its fields; a visit also has its answers.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct InzageRecord {
    pub title: Text,
    pub fields: Vec<InzageField>,
    /// A visit's answers, in the order of its checklist.
    pub answers: Vec<InzageAnswer>,
}

/// One field: what it is, and its value in words.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct InzageField {
    pub label: Text,
    pub value: Text,
}

/// One answer of a visit: the question as asked, the answer in words, who gave it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct InzageAnswer {
    pub question: Text,
    pub value: Text,
    /// May be empty.
    pub answered_by: String,
}

/// Changes made together: one moment (to the minute), one record, one person.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct InzageChanges {
    /// When the first of them was made (RFC 3339, UTC).
    pub at: String,
    /// When, in words: `03-12-2026 14:05` (the computer's time zone).
    pub when: String,
    /// Which record: "Fam. Jansen", "Intakegesprek van 03-12-2026", "Antwoord bij …".
    pub record: Text,
    /// Who made them: the name when known, and the installation.
    pub by: String,
    pub changes: Vec<InzageChange>,
}

/// One change of one field.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct InzageChange {
    /// Which field (for an answer: the question).
    pub field: Text,
    /// The value before; `None` for the first value of the field.
    pub old: Option<Text>,
    pub new: Text,
}

/// What `save` wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedInzage {
    pub file: String,
}

fn t(nl: &str, en: &str) -> Text {
    Text { nl: nl.into(), en: en.into() }
}

fn same(s: &str) -> Text {
    Text { nl: s.into(), en: s.into() }
}

fn str_of<'a>(record: &'a Json, field: &str) -> &'a str {
    record.get(field).and_then(Json::as_str).unwrap_or_default()
}

fn list(dump: &Json, key: &str) -> Vec<Json> {
    dump.get(key).and_then(Json::as_array).cloned().unwrap_or_default()
}

/// The fields of a record in the order of the entity's columns, then any others by name; the
/// record's own id and its household (this one) are left out.
fn ordered_fields<'a>(entity: &str, record: &'a Json) -> Vec<(&'a str, &'a Json)> {
    let Some(map) = record.as_object() else { return Vec::new() };
    let order: Vec<&str> =
        keukentafel_store::schema::Entity::by_name(entity).map(|e| e.fields.iter().map(|f| f.0).collect()).unwrap_or_default();
    let mut out: Vec<(&str, &Json)> = Vec::new();
    for name in &order {
        if let Some((k, v)) = map.get_key_value(*name) {
            out.push((k.as_str(), v));
        }
    }
    for (k, v) in map {
        if !order.contains(&k.as_str()) {
            out.push((k.as_str(), v));
        }
    }
    out.retain(|(k, _)| *k != "id" && *k != "household_id");
    out
}

/// The record's fields as words.
fn fields(words: &Words, entity: &str, record: &Json) -> Vec<InzageField> {
    ordered_fields(entity, record)
        .into_iter()
        .map(|(field, value)| InzageField { label: words.field_label(entity, field), value: words.value(entity, field, value, None) })
        .collect()
}

/// Everything this store keeps about `household`, in words. An erased household gives
/// [`InzageError::Erased`]; one this store never had (or forgot) gives `not_found`.
pub fn inzage(store: &Store, templates: &Templates, household: HouseholdId, made_on: NaiveDate) -> Reply<Inzage> {
    if store.erased_households()?.contains(&household) {
        return Err(InzageError::Erased(household).into());
    }
    let dump = store.dump_household(household)?;
    let profile = store.profile()?;
    let words = Words::new(store, templates, &dump)?;

    let record = &dump["household"];
    let household_name = str_of(record, "name").to_owned();

    let mut sections = Vec::new();
    sections.push(InzageSection {
        id: "household".into(),
        title: t("Uw gegevens", "Your details"),
        intro: t(
            "Dit weten wij van uw huishouden: naam, adres, gezin, woning en energie.",
            "What we know about your household: name, address, family, home and energy.",
        ),
        records: vec![InzageRecord { title: same(&household_name), fields: fields(&words, "household", record), answers: vec![] }],
    });

    let mut consent = list(&dump, "consent_events");
    consent.sort_by(|a, b| str_of(a, "date").cmp(str_of(b, "date")));
    sections.push(InzageSection {
        id: "consent".into(),
        title: t("Toestemming", "Consent"),
        intro: t(
            "Waarvoor u toestemming gaf of weer introk, en wanneer.",
            "What you gave consent for or withdrew it from, and when.",
        ),
        records: consent
            .iter()
            .map(|c| InzageRecord { title: words.record_title("consent", c), fields: fields(&words, "consent", c), answers: vec![] })
            .collect(),
    });

    let mut visits = list(&dump, "visits");
    visits.sort_by(|a, b| (str_of(a, "planned_date"), str_of(a, "planned_time")).cmp(&(str_of(b, "planned_date"), str_of(b, "planned_time"))));
    let answers = list(&dump, "answers");
    sections.push(InzageSection {
        id: "visits".into(),
        title: t("Bezoeken", "Visits"),
        intro: t(
            "De bezoeken bij u thuis, met de antwoorden op de vragen die we samen doorliepen.",
            "The visits at your home, with the answers to the questions we went through together.",
        ),
        records: visits
            .iter()
            .map(|v| {
                let id = str_of(v, "id");
                let mut mine: Vec<&Json> = answers.iter().filter(|a| str_of(a, "visit_id") == id).collect();
                mine.sort_by_key(|a| words.step_position(id, str_of(a, "step_id")));
                InzageRecord {
                    title: words.record_title("visit", v),
                    fields: fields(&words, "visit", v),
                    answers: mine
                        .into_iter()
                        .map(|a| InzageAnswer {
                            question: words.question(id, str_of(a, "step_id")),
                            value: words.answer(id, str_of(a, "step_id"), &a["value"]),
                            answered_by: str_of(a, "answered_by").to_owned(),
                        })
                        .collect(),
                }
            })
            .collect(),
    });

    let mut tasks = list(&dump, "tasks");
    tasks.sort_by(|a, b| str_of(a, "due").cmp(str_of(b, "due")));
    sections.push(InzageSection {
        id: "tasks".into(),
        title: t("Afspraken en doorverwijzingen", "Agreements and referrals"),
        intro: t("Wat er is afgesproken, wie het doet en hoe het ging.", "What was agreed, who does it and how it went."),
        records: tasks
            .iter()
            .map(|x| InzageRecord { title: words.record_title("task", x), fields: fields(&words, "task", x), answers: vec![] })
            .collect(),
    });

    let mut materials = list(&dump, "materials");
    materials.sort_by(|a, b| str_of(a, "date").cmp(str_of(b, "date")));
    sections.push(InzageSection {
        id: "materials".into(),
        title: t("Materialen", "Materials"),
        intro: t("Wat wij bij u hebben gebracht of aangebracht.", "What we brought or installed at your home."),
        records: materials
            .iter()
            .map(|m| InzageRecord {
                title: words.record_title("stock_movement", m),
                fields: fields(&words, "stock_movement", m),
                answers: vec![],
            })
            .collect(),
    });

    sections.push(InzageSection {
        id: "assignments".into(),
        title: t("Wie uw gegevens heeft", "Who holds your details"),
        intro: t(
            "De vrijwilligers aan wie de coördinator uw huishouden gaf. Zij hebben uw gegevens op hun laptop.",
            "The volunteers the coordinator gave your household to. They hold your details on their laptop.",
        ),
        records: list(&dump, "assignments")
            .iter()
            .map(|a| InzageRecord {
                title: words.record_title("assignment", a),
                fields: fields(&words, "assignment", a),
                answers: vec![],
            })
            .collect(),
    });

    let conflicts: Vec<InzageRecord> = store
        .open_conflicts()?
        .into_iter()
        .filter(|c| c.household_id == Some(household))
        .map(|c| {
            let mut fields = vec![InzageField { label: t("Gegeven", "Field"), value: words.field_label(&c.entity, &c.field) }];
            for (i, side) in std::iter::once(&c.winner).chain(&c.others).enumerate() {
                let label = if i == 0 { t("Waarde die nu geldt", "Value that holds now") } else { t("Andere waarde", "Other value") };
                let mut value = words.op_value(&c.entity, &c.entity_id, &c.field, &side.value);
                let by = format!(" ({}, {})", if side.author_name.is_empty() { "?" } else { &side.author_name }, words::when(&side.at));
                value.nl.push_str(&by);
                value.en.push_str(&by);
                fields.push(InzageField { label, value });
            }
            InzageRecord { title: words.entity_title(&c.entity, &c.entity_id), fields, answers: vec![] }
        })
        .collect();
    sections.push(InzageSection {
        id: "conflicts".into(),
        title: t("Gegevens waarover nog besloten wordt", "Details still to be decided"),
        intro: t(
            "Twee mensen veranderden hetzelfde gegeven tegelijk. Beide waarden worden bewaard tot iemand kiest.",
            "Two people changed the same detail at the same time. Both values are kept until someone chooses.",
        ),
        records: conflicts,
    });

    let held: Vec<InzageRecord> = store
        .held_ops()?
        .into_iter()
        .filter(|h| h.household_id == Some(household))
        .map(|h| {
            let entity_id = h.op.entity_id.to_string();
            InzageRecord {
                title: words.entity_title(&h.op.entity, &entity_id),
                fields: vec![
                    InzageField { label: t("Gegeven", "Field"), value: words.field_label(&h.op.entity, &h.op.field) },
                    InzageField { label: t("Nieuwe waarde", "New value"), value: words.op_value(&h.op.entity, &entity_id, &h.op.field, &h.op.value) },
                    InzageField { label: t("Door", "By"), value: same(&words.by(&h.op)) },
                    InzageField { label: t("Datum", "Date"), value: same(&words::when(&h.op.hlc.to_rfc3339())) },
                ],
                answers: vec![],
            }
        })
        .collect();
    sections.push(InzageSection {
        id: "held".into(),
        title: t("Achtergehouden wijzigingen", "Changes held back"),
        intro: t(
            "Wijzigingen die de coördinator nog moet bekijken voordat ze gelden.",
            "Changes the coordinator still has to look at before they count.",
        ),
        records: held,
    });

    sections.push(InzageSection {
        id: "unreadable".into(),
        title: t("Gegevens die niet te lezen zijn", "Records that cannot be read"),
        intro: t(
            "Gegevens die beschadigd zijn. Ze worden bewaard, maar Keukentafel kan ze niet tonen.",
            "Records that are damaged. They are kept, but Keukentafel cannot show them.",
        ),
        records: list(&dump, "unreadable")
            .iter()
            .map(|u| InzageRecord {
                title: words.entity_kind(str_of(u, "entity")),
                fields: vec![InzageField { label: t("Reden", "Reason"), value: same(str_of(u, "reason")) }],
                answers: vec![],
            })
            .collect(),
    });

    let history = history(&words, &dump)?;
    Ok(Inzage {
        household_id: household,
        file_name: file_name(&household_name, made_on),
        household_name,
        made_on,
        made_by: profile.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        organisation: profile.map(|p| p.organisation).unwrap_or_default(),
        sections,
        history,
    })
}

/// Every op on the household's records, oldest first, with the value it replaced (the field's
/// previous value in the log's order); ops in a row on one record by one person in the same
/// minute make one group.
fn history(words: &Words, dump: &Json) -> Reply<Vec<InzageChanges>> {
    let ops: Vec<Op> = serde_json::from_value(dump.get("history").cloned().unwrap_or(Json::Array(vec![]))).map_err(StoreError::from)?;
    let mut last: HashMap<(String, String), Text> = HashMap::new();
    let mut out: Vec<InzageChanges> = Vec::new();
    let mut group_of: Option<(String, String)> = None;
    for op in &ops {
        let entity_id = op.entity_id.to_string();
        let new = words.op_value(&op.entity, &entity_id, &op.field, &op.value);
        let old = last.insert((entity_id.clone(), op.field.clone()), new.clone());
        let change = InzageChange { field: words.op_field(&op.entity, &entity_id, &op.field), old, new };
        let at = op.hlc.to_rfc3339();
        let when = words::when(&at);
        let by = words.by(op);
        let (group, record) = words.change_group(&op.entity, &entity_id);
        let key = (group, format!("{when}\n{by}"));
        match out.last_mut() {
            Some(g) if group_of.as_ref() == Some(&key) => g.changes.push(change),
            _ => {
                out.push(InzageChanges { at, when, record, by, changes: vec![change] });
                group_of = Some(key);
            }
        }
    }
    Ok(out)
}

/// A visit's checklist template, when this program has it.
pub(crate) fn checklist_of<'a>(templates: &'a Templates, visit: &Json) -> Option<&'a Checklist> {
    let id = str_of(visit, "template_id");
    let version = visit.get("template_version").and_then(Json::as_i64)?;
    templates.find(id, version)
}

/// The inzage as one HTML document (see [`html`]).
pub fn inzage_html(store: &Store, templates: &Templates, household: HouseholdId, made_on: NaiveDate) -> Reply<String> {
    Ok(html::render(&inzage(store, templates, household, made_on)?))
}

/// Makes the inzage and saves it as HTML at `path`: written whole (a temporary file, synced,
/// renamed) and readable by its owner only. An existing file is replaced only when `replace`.
pub fn save(
    store: &Store,
    templates: &Templates,
    household: HouseholdId,
    made_on: NaiveDate,
    path: &Path,
    replace: bool,
) -> Reply<SavedInzage> {
    let text = inzage_html(store, templates, household, made_on)?;
    let shown = path.display().to_string();
    let written = if replace {
        keukentafel_sync::file::write_atomically(path, text.as_bytes())
    } else {
        // Refuses an existing name atomically (a hard link never replaces a file).
        keukentafel_sync::file::create_private(path, text.as_bytes())
    };
    written.map_err(|e| match e {
        keukentafel_sync::SyncError::AlreadyExists(_) => InzageError::Exists(shown.clone()),
        other => InzageError::Write { path: shown.clone(), detail: other.to_string() },
    })?;
    Ok(SavedInzage { file: shown })
}

/// A file name for the inzage: `inzage-<name>-<date>.html`, only letters, digits and `-`.
pub fn file_name(household_name: &str, made_on: NaiveDate) -> String {
    let name: String = household_name
        .chars()
        .flat_map(|c| if c.is_alphanumeric() { c.to_lowercase().collect::<Vec<_>>() } else { vec!['-'] })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let name: String = name.chars().take(40).collect();
    let name = if name.is_empty() { "huishouden".to_owned() } else { name };
    format!("inzage-{name}-{}.html", made_on.format("%Y-%m-%d"))
}
