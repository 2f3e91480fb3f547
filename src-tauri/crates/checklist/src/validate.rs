//! Template validation and compilation. [`validate`] reports every problem of a template with
//! its place; the same pass compiles the expressions and orders steps and derived values so
//! that everything an expression reads is computed before it ([`Compiled`], used by the engine).
//!
//! Invariant: a template that validates without errors compiles, and has no dependency cycle.

use std::collections::{BTreeMap, BTreeSet};

use cel::Program;

use crate::error::TemplateError;
use crate::expr::{self, answer_ty, kind_ty, Names, Refs, Ty};
use crate::figures::Figures;
use crate::template::{EffectAction, Input, Template, Text};
use crate::units::{is_unit, REGISTERS};

/// Validates a template against the default reference figures.
pub fn validate(template: &Template) -> Vec<TemplateError> {
    validate_with(template, crate::default_figures())
}

/// Validates a template against the given reference figures (for `figures.*` and measure ids).
pub fn validate_with(template: &Template, figures: &Figures) -> Vec<TemplateError> {
    compile(template, figures).1
}

/// A node of the dependency graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Node {
    Step(usize),
    Derived(usize),
}

pub(crate) struct CompiledDerived {
    pub step: usize,
    pub program: Option<Program>,
    pub refs: Refs,
}

/// Compiled expressions and the evaluation order.
pub(crate) struct Compiled {
    pub when: Vec<Option<Program>>,
    pub when_refs: Vec<Refs>,
    /// In template order (step by step, then each step's list).
    pub derived: Vec<CompiledDerived>,
    /// Per step, per effect: the compiled condition (None = the default condition).
    pub effects: Vec<Vec<Option<Program>>>,
    /// Dependencies first.
    pub order: Vec<Node>,
}

fn is_id(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(ch) if ch.is_ascii_alphabetic() || ch == '_')
        && c.all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
}

struct Collector(Vec<TemplateError>);

impl Collector {
    fn text(&mut self, place: &str, t: &Text) {
        for (lang, v) in [("nl", &t.nl), ("en", &t.en)] {
            if v.trim().is_empty() {
                self.0.push(TemplateError::MissingTranslation {
                    place: place.into(),
                    lang: lang.into(),
                });
            }
        }
    }
    fn id(&mut self, place: &str, id: &str, seen: &mut BTreeSet<String>) {
        if !is_id(id) {
            self.0.push(TemplateError::BadId {
                place: place.into(),
                id: id.into(),
            });
        }
        if !seen.insert(id.to_string()) {
            self.0.push(TemplateError::DuplicateId {
                place: place.into(),
                id: id.into(),
            });
        }
    }
    fn unit(&mut self, place: &str, unit: &str) {
        if !is_unit(unit) {
            self.0.push(TemplateError::UnknownUnit {
                place: place.into(),
                unit: unit.into(),
            });
        }
    }
    fn measure(&mut self, place: &str, id: &str, figures: &Figures) {
        if figures.measure(id).is_none() {
            self.0.push(TemplateError::UnknownMeasure {
                place: place.into(),
                measure: id.into(),
            });
        }
    }
    /// Parses and checks one expression that must have type `want`.
    fn expr(
        &mut self,
        place: &str,
        source: &str,
        names: &Names,
        want: &Ty,
        what: &str,
    ) -> (Option<Program>, Refs) {
        match expr::compile(source) {
            Err(message) => {
                self.0.push(TemplateError::Syntax {
                    place: place.into(),
                    message,
                });
                (None, Refs::default())
            }
            Ok(p) => {
                let (ty, refs, errors) = expr::check(&p, names, place);
                let clean = errors.is_empty();
                self.0.extend(errors);
                if clean && !expr::fits(&ty, want) {
                    self.0.push(expr::mismatch(place, what, &ty, want));
                }
                (Some(p), refs)
            }
        }
    }
}

/// Checks everything and compiles what can be compiled. The errors are complete; the
/// [`Compiled`] is only meaningful when there are none.
pub(crate) fn compile(t: &Template, figures: &Figures) -> (Compiled, Vec<TemplateError>) {
    let mut c = Collector(Vec::new());
    c.text("template: title", &t.title);

    let mut phase_ids = BTreeSet::new();
    for p in &t.phases {
        let place = format!("phase {}", p.id);
        c.id(&place, &p.id, &mut phase_ids);
        c.text(&format!("{place}: title"), &p.title);
    }

    // Names first, so expressions may refer to any step or derived value.
    let mut step_ids = BTreeSet::new();
    let mut derived_names = BTreeSet::new();
    let mut names = Names {
        steps: BTreeMap::new(),
        derived: BTreeMap::new(),
        figures: figures.figures.iter().map(|f| f.id.clone()).collect(),
    };
    // The options effects may name in `administrator_option` (None: no usable binding, which
    // is reported with the other bindings below).
    let administrator_options: Option<(&str, Vec<&str>)> = t
        .calculation
        .administrator_tasks
        .as_deref()
        .and_then(|id| t.step(id))
        .filter(|s| matches!(s.input, Input::MultiChoice { .. }))
        .map(|s| {
            (
                s.id.as_str(),
                s.input.options().iter().map(|o| o.id.as_str()).collect(),
            )
        });
    for s in &t.steps {
        c.id(&format!("step {}", s.id), &s.id, &mut step_ids);
        names.steps.insert(s.id.clone(), answer_ty(&s.input));
        for d in &s.derived {
            c.id(
                &format!("step {}: derived {}", s.id, d.name),
                &d.name,
                &mut derived_names,
            );
            names.derived.insert(d.name.clone(), kind_ty(d.kind));
        }
    }

    let mut compiled = Compiled {
        when: Vec::new(),
        when_refs: Vec::new(),
        derived: Vec::new(),
        effects: Vec::new(),
        order: Vec::new(),
    };
    for (i, s) in t.steps.iter().enumerate() {
        let at = |field: &str| format!("step {}: {field}", s.id);
        if !phase_ids.contains(&s.phase) {
            c.0.push(TemplateError::UnknownPhase {
                place: at("phase"),
                phase: s.phase.clone(),
            });
        }
        c.text(&at("question"), &s.question);
        if let Some(h) = &s.help {
            c.text(&at("help"), h);
        }
        match &s.input {
            Input::Choice { options } | Input::MultiChoice { options } => {
                if options.is_empty() {
                    c.0.push(TemplateError::NoOptions { place: at("input") });
                }
                let mut seen = BTreeSet::new();
                for (k, o) in options.iter().enumerate() {
                    let place = at(&format!("input.options[{k}]"));
                    c.id(&place, &o.id, &mut seen);
                    c.text(
                        &place,
                        &Text {
                            nl: o.nl.clone(),
                            en: o.en.clone(),
                        },
                    );
                    if let Some(m) = &o.measure {
                        c.measure(&format!("{place}.measure"), m, figures);
                    }
                }
                // A consent step: only in a multiple choice, each scope once, the other options
                // exclusive ("nobody"), no measures.
                if options.iter().any(|o| o.consent.is_some()) {
                    let scopes: Vec<_> = options.iter().filter_map(|o| o.consent).collect();
                    let unique: BTreeSet<_> = scopes.iter().collect();
                    let fits = matches!(s.input, Input::MultiChoice { .. })
                        && unique.len() == scopes.len()
                        && options.iter().all(|o| (o.consent.is_some() != o.exclusive) && o.measure.is_none());
                    if !fits {
                        c.0.push(TemplateError::BadConsentOption { place: at("input.options") });
                    }
                }
            }
            Input::Number { unit } => c.unit(&at("input.unit"), unit),
            Input::MeterReading { registers } => {
                for r in registers {
                    if !REGISTERS.contains(&r.as_str()) {
                        c.0.push(TemplateError::UnknownRegister {
                            place: at("input.registers"),
                            register: r.clone(),
                        });
                    }
                }
            }
            Input::MeasureInstalled { measures } => {
                for m in measures {
                    c.measure(&at("input.measures"), m, figures);
                }
            }
            Input::YesNo | Input::Money | Input::Date | Input::Text => {}
        }

        if let Some(tag) = s.sheet {
            match tag.inputs() {
                Some(kinds) if !kinds.contains(&s.input.kind()) => {
                    c.0.push(TemplateError::SheetInput {
                        place: at("sheet"),
                        sheet: tag.name().into(),
                        expected: kinds
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        found: s.input.kind().into(),
                    })
                }
                _ => {}
            }
        }

        let (when, refs) = match &s.when {
            Some(src) => c.expr(&at("when"), src, &names, &Ty::Bool, "a condition"),
            None => (None, Refs::default()),
        };
        compiled.when.push(when);
        compiled.when_refs.push(refs);

        for d in &s.derived {
            let place = at(&format!("derived {}", d.name));
            c.text(&format!("{place}.label"), &d.label);
            if let Some(u) = &d.unit {
                c.unit(&format!("{place}.unit"), u);
            }
            let (program, refs) = c.expr(
                &format!("{place}.formula"),
                &d.formula,
                &names,
                &kind_ty(d.kind),
                "the formula",
            );
            compiled.derived.push(CompiledDerived {
                step: i,
                program,
                refs,
            });
        }

        let mut effects = Vec::new();
        for (k, e) in s.effects.iter().enumerate() {
            let place = at(&format!("effects[{k}]"));
            if let Some(option) = e.action.administrator_option() {
                let place = format!("{place}.administrator_option");
                match (&t.calculation.administrator_tasks, &administrator_options) {
                    (None, _) => c.0.push(TemplateError::NoAdministratorTasks { place }),
                    (Some(_), Some((step, options))) if !options.contains(&option) => {
                        c.0.push(TemplateError::UnknownAdministratorOption {
                            place,
                            step: step.to_string(),
                            option: option.into(),
                        })
                    }
                    // Fine, or the binding itself is broken (reported below).
                    (Some(_), _) => {}
                }
            }
            match &e.action {
                EffectAction::Referral(r) => {
                    c.text(&format!("{place}.to"), &r.to);
                    c.text(&format!("{place}.reason"), &r.reason);
                }
                EffectAction::FollowUp(f) => {
                    c.text(&format!("{place}.what"), &f.what);
                    match (f.due_in_days, &f.due_figure) {
                        (None, None) => c.0.push(TemplateError::MissingDue {
                            place: place.clone(),
                        }),
                        (_, Some(f)) if figures.figure(f).is_none() => {
                            c.0.push(TemplateError::UnknownFigure {
                                place: format!("{place}.due_figure"),
                                figure: f.clone(),
                            })
                        }
                        _ => {}
                    }
                }
                EffectAction::Crisis(cr) => c.text(&format!("{place}.reason"), &cr.reason),
            }
            effects.push(match &e.when {
                Some(src) => {
                    c.expr(
                        &format!("{place}.when"),
                        src,
                        &names,
                        &Ty::Bool,
                        "a condition",
                    )
                    .0
                }
                None => None,
            });
        }
        compiled.effects.push(effects);
    }

    for (field, step, expected) in t.calculation.bindings() {
        let place = format!("calculation.{field}");
        match t.step(step) {
            None => c.0.push(TemplateError::UnknownStep {
                place,
                step: step.into(),
            }),
            Some(s) if s.input.kind() != expected => c.0.push(TemplateError::BindingType {
                place,
                step: step.into(),
                expected: expected.into(),
                found: s.input.kind().into(),
            }),
            Some(_) => {}
        }
    }

    order(t, &mut compiled, &mut c.0);
    (compiled, c.0)
}

/// Orders steps and derived values dependencies-first, reporting every cycle.
fn order(t: &Template, compiled: &mut Compiled, errors: &mut Vec<TemplateError>) {
    let step_index: BTreeMap<&str, usize> = t
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut derived_index = BTreeMap::new();
    let mut derived_names = Vec::new();
    for s in &t.steps {
        for d in &s.derived {
            derived_index.insert(d.name.as_str(), derived_names.len());
            derived_names.push(d.name.as_str());
        }
    }
    let targets = |refs: &Refs| -> Vec<Node> {
        let mut out: Vec<Node> = refs
            .steps
            .iter()
            .filter_map(|s| step_index.get(s.as_str()).map(|&i| Node::Step(i)))
            .collect();
        out.extend(
            refs.derived
                .iter()
                .filter_map(|d| derived_index.get(d.as_str()).map(|&i| Node::Derived(i))),
        );
        out
    };
    let edges = |n: Node| -> Vec<Node> {
        match n {
            Node::Step(i) => targets(&compiled.when_refs[i]),
            Node::Derived(j) => {
                let d = &compiled.derived[j];
                let mut out = vec![Node::Step(d.step)];
                out.extend(targets(&d.refs));
                out
            }
        }
    };
    let name = |n: Node| match n {
        Node::Step(i) => format!("step {}", t.steps[i].id),
        Node::Derived(j) => format!("derived {}", derived_names[j]),
    };

    // Iterative-enough DFS: templates are small, recursion depth is bounded by their size.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut mark: BTreeMap<Node, Mark> = BTreeMap::new();
    let mut stack: Vec<Node> = Vec::new();
    let mut out = Vec::new();
    fn visit(
        n: Node,
        edges: &dyn Fn(Node) -> Vec<Node>,
        name: &dyn Fn(Node) -> String,
        mark: &mut BTreeMap<Node, Mark>,
        stack: &mut Vec<Node>,
        out: &mut Vec<Node>,
        errors: &mut Vec<TemplateError>,
    ) {
        mark.insert(n, Mark::Active);
        stack.push(n);
        for m in edges(n) {
            match mark.get(&m).copied().unwrap_or(Mark::New) {
                Mark::New => visit(m, edges, name, mark, stack, out, errors),
                Mark::Active => {
                    let from = stack.iter().position(|&x| x == m).unwrap_or(0);
                    let mut path: Vec<String> = stack[from..].iter().map(|&x| name(x)).collect();
                    path.push(name(m));
                    errors.push(TemplateError::Cycle {
                        place: name(m),
                        path,
                    });
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        mark.insert(n, Mark::Done);
        out.push(n);
    }
    let mut all = Vec::new();
    let mut j = 0;
    for (i, s) in t.steps.iter().enumerate() {
        all.push(Node::Step(i));
        for _ in &s.derived {
            all.push(Node::Derived(j));
            j += 1;
        }
    }
    for n in all {
        if mark.get(&n).copied().unwrap_or(Mark::New) == Mark::New {
            visit(n, &edges, &name, &mut mark, &mut stack, &mut out, errors);
        }
    }
    compiled.order = out;
}
