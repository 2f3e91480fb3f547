//! Inzage (AVG art. 15) on a real store file: a household with consent, two visits with
//! answers, a task and an edit history. Every value and every change is in the structure and
//! in the HTML, read back by an independent reader (Python's `html.parser`); another
//! household's planted texts never appear; markup in a name or an answer comes out as text; an
//! erased household gives the typed not-found error; saving refuses to replace a file unless
//! asked, and writes it readable by its owner only.

use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use keukentafel_api::inzage::{self, Inzage};
use keukentafel_api::{consent, erasure, households, tasks, visits, ErrorCode, Templates};
use keukentafel_checklist::{AnswerInput, AnswerValue};
use keukentafel_domain::*;
use keukentafel_store::Store;
use serde_json::Value as Json;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

const ATTACK: &str = "<script>alert(1)</script></style>\"quote\" & <b>vet</b>";

struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    templates: Templates,
    household: HouseholdId,
    other: HouseholdId,
}

fn visit(store: &mut Store, h: HouseholdId, date: NaiveDate, kind: VisitKind) -> VisitId {
    let input = VisitInput {
        household_id: h,
        planned_date: date,
        planned_time: "10:00".into(),
        kind,
        volunteers: vec!["Anna".into(), "Henk".into()],
        status: VisitStatus::Planned,
        summary: String::new(),
    };
    visits::plan(store, input, date).unwrap().id
}

fn answer(s: &mut Store, t: &Templates, visit: VisitId, step: &str, value: AnswerValue) {
    let input = AnswerInput { visit_id: visit, step_id: step.into(), value: Some(value), answered_by: None };
    visits::answer_step(s, t, input, day(12, 1)).unwrap();
}

fn task(store: &mut Store, h: HouseholdId, what: &str) {
    let input = TaskInput {
        household_id: h,
        visit_id: None,
        step_id: String::new(),
        kind: TaskKind::Agreement,
        what: what.into(),
        party: "Woningcorporatie De Sleutel".into(),
        consent_scope: None,
        owner_kind: TaskOwnerKind::Household,
        owner_name: String::new(),
        due: day(12, 15),
        status: TaskStatus::Open,
        outcome: String::new(),
        closed_on: None,
    };
    tasks::add(store, input, day(12, 1)).unwrap();
}

fn setup(name: &str, own_question: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::open(&dir.path().join("k.sqlite3"), keukentafel_store::testing::key(), Sources::deterministic(3, 1_795_000_000_000, 5)).unwrap();
    store
        .save_profile(UserProfileInput { name: "Carla Coördinator".into(), organisation: "Energiehulp Amersfoort".into(), phone: String::new(), role: Role::Coordinator })
        .unwrap();
    let templates = Templates::builtin().unwrap();
    let h = households::create(
        &mut store,
        HouseholdInput {
            name: name.into(),
            street_address: "Tulpstraat 17".into(),
            postcode: "3811 AB".into(),
            city: "Amersfoort".into(),
            wijk: "Kruiskamp".into(),
            adults: 2,
            children: 3,
            tenure: Some(Tenure::HousingAssociation),
            landlord: "Woningcorporatie De Sleutel".into(),
            energy_supplier: "Stroomwijs".into(),
            heating: Some(Heating::GasBoiler),
            notes: "Eerste notitie PLANT-NOTE-1".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // An edit history: the notes changed, then the number of children.
    let mut data = households::detail(&store, h.id).unwrap().household;
    data.data.notes = "Tweede notitie PLANT-NOTE-2".into();
    let edited = households::update(&mut store, HouseholdUpdate { id: h.id, data: data.data.clone(), base: data.clocks.clone() }).unwrap();
    let mut again = edited.data.clone();
    again.children = 4;
    households::update(&mut store, HouseholdUpdate { id: h.id, data: again, base: edited.clocks.clone() }).unwrap();

    consent::record(
        &mut store,
        ConsentInput { household_id: h.id, scope: ConsentScope::EnergyAdvice, given: true, text_version: "2026-1".into(), date: day(11, 2) },
        day(11, 2),
    )
    .unwrap();

    let v1 = visit(&mut store, h.id, day(11, 2), VisitKind::Intake);
    answer(&mut store, &templates, v1, "own_question", AnswerValue::Text(own_question.into()));
    answer(&mut store, &templates, v1, "dwelling_type", AnswerValue::Choice("terraced".into()));
    answer(&mut store, &templates, v1, "documents", AnswerValue::MultiChoice(vec!["annual_bill".into(), "reminders".into()]));
    let v2 = visit(&mut store, h.id, day(11, 20), VisitKind::Combined);
    answer(&mut store, &templates, v2, "gas_use", AnswerValue::Number(1234.5));
    answer(&mut store, &templates, v2, "own_question", AnswerValue::Text("Het tocht bij de voordeur PLANT-ANSWER-2".into()));
    task(&mut store, h.id, "Brief naar de verhuurder over tocht PLANT-TASK");

    // Another household with texts of its own, which must never show up.
    let other = households::create(
        &mut store,
        HouseholdInput { name: "Fam. GEHEIM-ANDER".into(), notes: "GEHEIM-NOTITIE-99".into(), adults: 1, ..Default::default() },
    )
    .unwrap();
    let ov = visit(&mut store, other.id, day(11, 3), VisitKind::Combined);
    answer(&mut store, &templates, ov, "own_question", AnswerValue::Text("GEHEIM-ANTWOORD-77".into()));
    task(&mut store, other.id, "GEHEIM-TAAK-55");

    Setup { _dir: dir, store, templates, household: h.id, other: other.id }
}

/// The text of an HTML document as an independent parser reads it: the text outside `<style>`,
/// the start tags seen, and the text inside `<script>` elements (none expected).
const READ_HTML: &str = r#"
import json, sys
from html.parser import HTMLParser
class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.tags, self.cells = [], [], [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ("meta", "br"):
            self.stack.append(tag)
    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop() == tag:
                break
    def handle_data(self, data):
        if "style" in self.stack or "title" in self.stack:
            return
        self.text.append(data)
        if self.stack and self.stack[-1] in ("td", "th", "dd", "h3", "span"):
            self.cells.append(data)
r = Reader()
r.feed(open(sys.argv[1], encoding="utf-8").read())
r.close()
print(json.dumps({"text": "".join(r.text), "tags": r.tags, "cells": r.cells}))
"#;

struct Parsed {
    text: String,
    tags: Vec<String>,
    cells: Vec<String>,
}

fn parse(dir: &Path, html: &str) -> Parsed {
    let path = dir.join("read.html");
    std::fs::write(&path, html).unwrap();
    let o = Command::new("/usr/bin/python3").arg("-c").arg(READ_HTML).arg(&path).output().expect("python3");
    assert!(o.status.success(), "html.parser: {}", String::from_utf8_lossy(&o.stderr));
    let v: Json = serde_json::from_slice(&o.stdout).unwrap();
    let strings = |k: &str| v[k].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect::<Vec<_>>();
    Parsed { text: v["text"].as_str().unwrap().to_owned(), tags: strings("tags"), cells: strings("cells") }
}

fn all_text(i: &Inzage) -> String {
    serde_json::to_string(i).unwrap()
}

#[test]
fn inzage_shows_every_value_and_every_change_and_nothing_of_another_household() {
    let s = setup("Fam. Plantinga", "Het is koud in de slaapkamer PLANT-ANSWER-1");
    let made = day(12, 3);
    let i = inzage::inzage(&s.store, &s.templates, s.household, made).unwrap();
    assert_eq!(i.household_name, "Fam. Plantinga");
    assert_eq!(i.organisation, "Energiehulp Amersfoort");

    // The record: every field of the dump is a field of the inzage, in words.
    let dump = s.store.dump_household(s.household).unwrap();
    let record = &i.sections.iter().find(|x| x.id == "household").unwrap().records[0];
    let stored = dump["household"].as_object().unwrap().keys().filter(|k| *k != "id").count();
    assert_eq!(record.fields.len(), stored, "every stored field is shown: {:?}", record.fields);
    let value = |label: &str| record.fields.iter().find(|f| f.label.nl == label).map(|f| f.value.nl.clone()).unwrap();
    assert_eq!(value("Straat en huisnummer"), "Tulpstraat 17");
    assert_eq!(value("Woning"), "Huurwoning corporatie");
    assert_eq!(value("Verwarming"), "Cv-ketel op gas");
    assert_eq!(value("Kinderen"), "4");
    assert_eq!(value("Onder bewind"), "Nee");
    assert_eq!(value("Notities"), "Tweede notitie PLANT-NOTE-2");

    // Visits with their answers: the question and the option's words, not ids.
    let visits = &i.sections.iter().find(|x| x.id == "visits").unwrap().records;
    assert_eq!(visits.len(), 2);
    assert_eq!(visits[0].title.nl, "Intakegesprek van 02-11-2026");
    let answers: Vec<(&str, &str)> = visits[0].answers.iter().map(|a| (a.question.nl.as_str(), a.value.nl.as_str())).collect();
    assert!(answers.iter().any(|(q, v)| q.starts_with("Wat is de vraag van het huishouden zelf?") && v.contains("PLANT-ANSWER-1")), "{answers:?}");
    assert!(answers.iter().any(|(_, v)| *v == "Tussenwoning"), "{answers:?}");
    assert!(answers.iter().any(|(_, v)| *v == "Jaarafrekening, Aanmaningen"), "{answers:?}");
    assert!(visits[1].answers.iter().any(|a| a.value.nl == "1234,5 m³ per jaar"), "{:?}", visits[1].answers);
    let consent = &i.sections.iter().find(|x| x.id == "consent").unwrap().records;
    assert_eq!(consent[0].title.nl, "Energieadvies: gegeven op 02-11-2026");
    let tasks = &i.sections.iter().find(|x| x.id == "tasks").unwrap().records;
    assert!(tasks[0].title.nl.contains("PLANT-TASK"));

    // The history: one change per op, old → new.
    let ops = dump["history"].as_array().unwrap();
    let changes: Vec<_> = i.history.iter().flat_map(|g| g.changes.iter().map(move |c| (g, c))).collect();
    assert_eq!(changes.len(), ops.len(), "every op is a change in the history");
    let notes: Vec<_> = changes.iter().filter(|(_, c)| c.field.nl == "Notities").collect();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].1.old, None);
    assert_eq!(notes[1].1.old.as_ref().unwrap().nl, "Eerste notitie PLANT-NOTE-1");
    assert_eq!(notes[1].1.new.nl, "Tweede notitie PLANT-NOTE-2");
    assert!(notes[1].0.by.starts_with("Carla Coördinator (laptop "), "{}", notes[1].0.by);
    assert_eq!(notes[1].0.record.nl, "Fam. Plantinga");
    let children: Vec<_> = changes.iter().filter(|(_, c)| c.field.nl == "Kinderen").collect();
    assert_eq!((children[1].1.old.as_ref().unwrap().nl.as_str(), children[1].1.new.nl.as_str()), ("3", "4"));
    assert!(changes.iter().any(|(_, c)| c.field.nl.starts_with("Wat is de vraag") && c.new.nl.contains("PLANT-ANSWER-2")));

    // Nothing of the other household, in the structure or the HTML.
    let text = all_text(&i);
    let html = inzage::html::render(&i);
    for secret in ["GEHEIM-ANDER", "GEHEIM-NOTITIE-99", "GEHEIM-ANTWOORD-77", "GEHEIM-TAAK-55", &s.other.to_string()] {
        assert!(!text.contains(secret), "{secret} leaked into the structure");
        assert!(!html.contains(secret), "{secret} leaked into the HTML");
    }

    // The HTML read by an independent parser: every field value, answer and change is there.
    let dir = tempfile::tempdir().unwrap();
    let read = parse(dir.path(), &html);
    assert!(!read.tags.iter().any(|t| t == "script"), "no script in the document");
    assert_eq!(read.tags.iter().filter(|t| *t == "style").count(), 1);
    assert!(read.text.contains("Wat Keukentafel over u bewaart"));
    assert!(read.text.contains("Dit overzicht is gemaakt op verzoek van het huishouden (AVG artikel 15"));
    assert!(read.text.contains("03-12-2026"));
    for section in &i.sections {
        assert!(read.text.contains(&section.title.nl), "{}", section.title.nl);
        for r in &section.records {
            for f in &r.fields {
                assert!(read.cells.contains(&f.label.nl) && read.cells.contains(&f.value.nl), "{} = {} is in the HTML", f.label.nl, f.value.nl);
            }
            for a in &r.answers {
                assert!(read.cells.contains(&a.question.nl) && read.cells.contains(&a.value.nl), "{a:?}");
            }
        }
    }
    for g in &i.history {
        for cell in [&g.when, &g.record.nl, &format!("door {}", g.by)] {
            assert!(read.cells.contains(cell), "history cell {cell:?} is in the HTML");
        }
        for c in &g.changes {
            assert!(read.cells.contains(&c.field.nl) && read.cells.contains(&c.new.nl), "{c:?} is in the HTML");
            if let Some(old) = &c.old {
                assert!(read.cells.contains(&old.nl));
            }
        }
    }
    for planted in ["PLANT-NOTE-1", "PLANT-NOTE-2", "PLANT-ANSWER-1", "PLANT-ANSWER-2", "PLANT-TASK", "Tulpstraat 17", "3811 AB"] {
        assert!(read.text.contains(planted), "{planted} is in the HTML's text");
    }
}

#[test]
fn inzage_escapes_markup_in_names_and_answers() {
    let name = format!("Fam. {ATTACK}");
    let s = setup(&name, ATTACK);
    let i = inzage::inzage(&s.store, &s.templates, s.household, day(12, 3)).unwrap();
    let html = inzage::html::render(&i);
    assert!(!html.to_lowercase().contains("<script"), "no script tag in the raw HTML");
    assert_eq!(html.matches("</style>").count(), 1, "only the document's own style ends");
    assert!(!html.contains("<b>vet"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/style&gt;&quot;quote&quot; &amp; &lt;b&gt;vet&lt;/b&gt;"));
    let dir = tempfile::tempdir().unwrap();
    let read = parse(dir.path(), &html);
    assert!(!read.tags.iter().any(|t| t == "script" || t == "b"), "{:?}", read.tags);
    assert!(read.cells.contains(&name), "the name reads back as text");
    assert!(read.cells.iter().any(|c| c == ATTACK), "the answer reads back as text");
}

#[test]
fn inzage_of_an_erased_or_unknown_household_is_not_found() {
    let mut s = setup("Fam. Wis", "vraag");
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
    erasure::erase(&mut s.store, &s.templates, s.household, "verzoek van het huishouden", day(12, 3), now).unwrap();
    let e = inzage::inzage(&s.store, &s.templates, s.household, day(12, 3)).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(e.message.contains("zijn gewist"), "{}", e.message);
    let e = inzage::inzage(&s.store, &s.templates, HouseholdId(uuid::Uuid::from_u128(42)), day(12, 3)).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(inzage::inzage(&s.store, &s.templates, s.other, day(12, 3)).is_ok(), "the other household is still there");
}

#[test]
fn inzage_is_saved_whole_for_its_owner_and_replaces_a_file_only_when_asked() {
    let s = setup("Fam. Bewaar", "vraag");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inzage.html");
    let saved = inzage::save(&s.store, &s.templates, s.household, day(12, 3), &path, false).unwrap();
    assert_eq!(saved.file, path.display().to_string());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Fam. Bewaar"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    std::fs::write(&path, "old").unwrap();
    let e = inzage::save(&s.store, &s.templates, s.household, day(12, 3), &path, false).unwrap_err();
    assert_eq!(e.code, ErrorCode::FileExists);
    assert!(e.message.contains("Er staat al een bestand"), "{}", e.message);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old", "the old file is untouched");
    inzage::save(&s.store, &s.templates, s.household, day(12, 3), &path, true).unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().contains("Fam. Bewaar"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind: {leftovers:?}");
    let i = inzage::inzage(&s.store, &s.templates, s.household, day(12, 3)).unwrap();
    assert_eq!(i.file_name, "inzage-fam-bewaar-2026-12-03.html");
    assert_eq!(inzage::file_name("  Fam. <Ünal> / 'x' ", day(1, 2)), "inzage-fam-ünal-x-2026-01-02.html");
}
