//! Expressions: CEL (crate `cel`) for conditions and formulas, plus our own static checker.
//!
//! CEL has no type checker in the Rust implementation, so [`check`] walks the parsed AST with
//! the types we know (household fields, each step's answer type, derived kinds, figures) and
//! reports unknown names, wrong types and unknown choice options with their place. It also
//! returns what an expression refers to ([`Refs`]) for the dependency graph and for showing
//! which reference figures a number came from.
//!
//! Runtime conventions: an unanswered (or not applicable) step is `null` in `answers`; money is
//! a double in euros; numbers are doubles; dates are `YYYY-MM-DD` strings.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use cel::common::ast::{Expr, IdedExpr, LiteralValue};
use cel::{Env, Program, Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::TemplateError;
use crate::profile::{FieldType, FIELDS};
use crate::template::{Input, ValueKind};

/// The CEL environment every expression is compiled and run with (the standard library).
pub(crate) fn env() -> Arc<Env> {
    static ENV: OnceLock<Arc<Env>> = OnceLock::new();
    ENV.get_or_init(|| Arc::new(Env::stdlib())).clone()
}

pub(crate) fn compile(source: &str) -> Result<Program, String> {
    env()
        .compile(source)
        .map_err(|e| e.to_string().replace('\n', " "))
}

/// A static type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ty {
    Bool,
    Int,
    Double,
    /// Text; `Some(options)` when only these values can occur (a choice, an enum field).
    Str(Option<Arc<[String]>>),
    List(Box<Ty>),
    /// A map with known fields.
    Obj(Arc<[(String, Ty)]>),
    Null,
    /// Unknown until run time; accepted everywhere.
    Dyn,
}

impl Ty {
    fn name(&self) -> String {
        match self {
            Ty::Bool => "yes/no (bool)".into(),
            Ty::Int => "whole number (int)".into(),
            Ty::Double => "number (double)".into(),
            Ty::Str(_) => "text (string)".into(),
            Ty::List(t) => format!("list of {}", t.name()),
            Ty::Obj(_) => "record (map)".into(),
            Ty::Null => "null".into(),
            Ty::Dyn => "any".into(),
        }
    }
    fn numeric(&self) -> bool {
        matches!(self, Ty::Int | Ty::Double)
    }
    fn loose(&self) -> bool {
        matches!(self, Ty::Dyn)
    }
    fn options(&self) -> Option<&Arc<[String]>> {
        match self {
            Ty::Str(Some(o)) => Some(o),
            _ => None,
        }
    }
}

fn strs<I: IntoIterator<Item = S>, S: Into<String>>(it: I) -> Arc<[String]> {
    it.into_iter().map(Into::into).collect()
}

/// The type of a step's answer in expressions.
pub(crate) fn answer_ty(input: &Input) -> Ty {
    match input {
        Input::YesNo => Ty::Bool,
        Input::Choice { options } => Ty::Str(Some(strs(options.iter().map(|o| o.id.clone())))),
        Input::MultiChoice { options } => Ty::List(Box::new(Ty::Str(Some(strs(
            options.iter().map(|o| o.id.clone()),
        ))))),
        Input::Number { .. } | Input::Money => Ty::Double,
        Input::Date | Input::Text => Ty::Str(None),
        Input::MeterReading { registers } => Ty::Obj(Arc::from(vec![
            ("date".to_string(), Ty::Str(None)),
            (
                "readings".to_string(),
                Ty::Obj(registers.iter().map(|r| (r.clone(), Ty::Double)).collect()),
            ),
        ])),
        Input::MeasureInstalled { measures } => Ty::List(Box::new(Ty::Obj(Arc::from(vec![
            (
                "measure".to_string(),
                Ty::Str(Some(strs(measures.iter().cloned()))),
            ),
            ("quantity".to_string(), Ty::Int),
            ("location".to_string(), Ty::Str(None)),
        ])))),
    }
}

pub(crate) fn kind_ty(kind: ValueKind) -> Ty {
    match kind {
        ValueKind::Bool => Ty::Bool,
        ValueKind::Number | ValueKind::Money => Ty::Double,
        ValueKind::Text => Ty::Str(None),
    }
}

fn field_ty(t: FieldType) -> Ty {
    match t {
        FieldType::Bool => Ty::Bool,
        FieldType::Int => Ty::Int,
        FieldType::Enum(v) => Ty::Str(Some(strs(v.iter().copied()))),
    }
}

/// What names exist, and their types.
pub(crate) struct Names {
    pub steps: BTreeMap<String, Ty>,
    pub derived: BTreeMap<String, Ty>,
    pub figures: BTreeSet<String>,
}

/// What one expression refers to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Refs {
    pub steps: BTreeSet<String>,
    pub derived: BTreeSet<String>,
    pub figures: BTreeSet<String>,
}

struct Checker<'a> {
    names: &'a Names,
    place: &'a str,
    errors: Vec<TemplateError>,
    refs: Refs,
    locals: Vec<String>,
}

/// Checks a parsed expression; returns its type, what it refers to, and the errors found.
pub(crate) fn check(
    program: &Program,
    names: &Names,
    place: &str,
) -> (Ty, Refs, Vec<TemplateError>) {
    let mut c = Checker {
        names,
        place,
        errors: Vec::new(),
        refs: Refs::default(),
        locals: Vec::new(),
    };
    let ty = c.expr(program.expression());
    (ty, c.refs, c.errors)
}

/// Whether a value of type `found` may stand where `want` is expected (a condition, a formula).
pub(crate) fn fits(found: &Ty, want: &Ty) -> bool {
    match (found, want) {
        (Ty::Dyn | Ty::Null, _) => true,
        (Ty::Int, Ty::Double) => true,
        (Ty::Str(_), Ty::Str(_)) => true,
        (a, b) => a == b,
    }
}

pub(crate) fn mismatch(place: &str, what: &str, found: &Ty, want: &Ty) -> TemplateError {
    TemplateError::Type {
        place: place.into(),
        message: format!("{what} must be {}, found {}", want.name(), found.name()),
    }
}

const ROOTS: [&str; 4] = ["household", "answers", "derived", "figures"];

impl Checker<'_> {
    fn err_type(&mut self, message: String) {
        self.errors.push(TemplateError::Type {
            place: self.place.into(),
            message,
        });
    }

    fn expr(&mut self, e: &IdedExpr) -> Ty {
        match &e.expr {
            Expr::Ident(name) => {
                if self.locals.iter().any(|l| l == name) || ROOTS.contains(&name.as_str()) {
                    Ty::Dyn
                } else {
                    self.errors.push(TemplateError::UnknownName {
                        place: self.place.into(),
                        name: name.clone(),
                    });
                    Ty::Dyn
                }
            }
            Expr::Select(sel) => {
                let root = match &sel.operand.expr {
                    Expr::Ident(n) if !self.locals.iter().any(|l| l == n) => Some(n.as_str()),
                    _ => None,
                };
                let ty = match root {
                    Some(r) if ROOTS.contains(&r) => self.root_field(r, &sel.field),
                    _ => {
                        let t = self.expr(&sel.operand);
                        match t {
                            Ty::Obj(fields) => match fields.iter().find(|(n, _)| *n == sel.field) {
                                Some((_, t)) => t.clone(),
                                None => {
                                    self.errors.push(TemplateError::UnknownField {
                                        place: self.place.into(),
                                        field: sel.field.clone(),
                                    });
                                    Ty::Dyn
                                }
                            },
                            Ty::Dyn => Ty::Dyn,
                            other => {
                                self.err_type(format!(
                                    "cannot take field `{}` of {}",
                                    sel.field,
                                    other.name()
                                ));
                                Ty::Dyn
                            }
                        }
                    }
                };
                if sel.test {
                    Ty::Bool
                } else {
                    ty
                }
            }
            Expr::Literal(l) => match l {
                LiteralValue::Boolean(_) => Ty::Bool,
                LiteralValue::Int(_) | LiteralValue::UInt(_) => Ty::Int,
                LiteralValue::Double(_) => Ty::Double,
                LiteralValue::String(_) | LiteralValue::Bytes(_) => Ty::Str(None),
                LiteralValue::Null => Ty::Null,
            },
            Expr::List(list) => {
                let mut t: Option<Ty> = None;
                for el in &list.elements {
                    let et = self.expr(el);
                    t = Some(match t {
                        None => et,
                        Some(prev) => join(&prev, &et),
                    });
                }
                Ty::List(Box::new(t.unwrap_or(Ty::Dyn)))
            }
            Expr::Map(map) => {
                for entry in &map.entries {
                    if let cel::common::ast::EntryExpr::MapEntry(me) = &entry.expr {
                        self.expr(&me.key);
                        self.expr(&me.value);
                    }
                }
                Ty::Dyn
            }
            Expr::Struct(_) | Expr::Unspecified => Ty::Dyn,
            Expr::Comprehension(c) => {
                self.expr(&c.iter_range);
                let pushed = 2 + usize::from(c.iter_var2.is_some());
                self.locals.push(c.iter_var.clone());
                self.locals.push(c.accu_var.clone());
                if let Some(v) = &c.iter_var2 {
                    self.locals.push(v.clone());
                }
                self.expr(&c.accu_init);
                self.expr(&c.loop_cond);
                self.expr(&c.loop_step);
                self.expr(&c.result);
                self.locals.truncate(self.locals.len() - pushed);
                Ty::Dyn
            }
            Expr::Call(call) => self.call(&call.func_name, call.target.as_deref(), &call.args),
        }
    }

    fn root_field(&mut self, root: &str, field: &str) -> Ty {
        let place = self.place.to_string();
        match root {
            "household" => match FIELDS.iter().find(|(n, _)| *n == field) {
                Some((_, t)) => field_ty(*t),
                None => {
                    self.errors.push(TemplateError::UnknownField {
                        place,
                        field: format!("household.{field}"),
                    });
                    Ty::Dyn
                }
            },
            "answers" => match self.names.steps.get(field) {
                Some(t) => {
                    self.refs.steps.insert(field.into());
                    t.clone()
                }
                None => {
                    self.errors.push(TemplateError::UnknownStep {
                        place,
                        step: field.into(),
                    });
                    Ty::Dyn
                }
            },
            "derived" => match self.names.derived.get(field) {
                Some(t) => {
                    self.refs.derived.insert(field.into());
                    t.clone()
                }
                None => {
                    self.errors.push(TemplateError::UnknownDerived {
                        place,
                        name: field.into(),
                    });
                    Ty::Dyn
                }
            },
            _ => {
                if self.names.figures.contains(field) {
                    self.refs.figures.insert(field.into());
                } else {
                    self.errors.push(TemplateError::UnknownFigure {
                        place,
                        figure: field.into(),
                    });
                }
                Ty::Double
            }
        }
    }

    /// A string literal's value, if `e` is one.
    fn literal_str(e: &IdedExpr) -> Option<String> {
        match &e.expr {
            Expr::Literal(LiteralValue::String(s)) => Some(s.inner().to_string()),
            _ => None,
        }
    }

    fn check_option(&mut self, options: &Arc<[String]>, literal: &IdedExpr, subject: &IdedExpr) {
        let values: Vec<String> = match &literal.expr {
            Expr::List(l) => l.elements.iter().filter_map(Self::literal_str).collect(),
            _ => Self::literal_str(literal).into_iter().collect(),
        };
        for v in values {
            if !options.contains(&v) {
                self.errors.push(TemplateError::UnknownOption {
                    place: self.place.into(),
                    subject: describe(subject),
                    value: v,
                });
            }
        }
    }

    fn call(&mut self, name: &str, target: Option<&IdedExpr>, args: &[IdedExpr]) -> Ty {
        let target_ty = target.map(|t| self.expr(t));
        let tys: Vec<Ty> = args.iter().map(|a| self.expr(a)).collect();
        let arg = |i: usize| tys.get(i).cloned().unwrap_or(Ty::Dyn);
        match name {
            "_&&_" | "_||_" | "!_" | "@not_strictly_false" => {
                for t in &tys {
                    if !fits(t, &Ty::Bool) {
                        self.err_type(format!(
                            "`{}` needs yes/no (bool) operands, found {}",
                            op_name(name),
                            t.name()
                        ));
                    }
                }
                Ty::Bool
            }
            "-_" => {
                let t = arg(0);
                if !(t.numeric() || t.loose()) {
                    self.err_type(format!("cannot negate {}", t.name()));
                }
                t
            }
            "_+_" | "_-_" | "_*_" | "_/_" | "_%_" => {
                let (a, b) = (arg(0), arg(1));
                match (&a, &b) {
                    (Ty::Dyn, t) | (t, Ty::Dyn) => t.clone(),
                    (Ty::Int, Ty::Int) => Ty::Int,
                    (Ty::Double, Ty::Double) if name != "_%_" => Ty::Double,
                    (Ty::Str(_), Ty::Str(_)) if name == "_+_" => Ty::Str(None),
                    (Ty::List(x), Ty::List(_)) if name == "_+_" => Ty::List(x.clone()),
                    (Ty::Int, Ty::Double) | (Ty::Double, Ty::Int) => {
                        self.err_type(format!(
                            "`{}` mixes a whole number (int) and a number (double); write `1.0` instead of `1` or use double()",
                            op_name(name)
                        ));
                        Ty::Double
                    }
                    _ => {
                        self.err_type(format!(
                            "cannot apply `{}` to {} and {}",
                            op_name(name),
                            a.name(),
                            b.name()
                        ));
                        Ty::Dyn
                    }
                }
            }
            "_<_" | "_<=_" | "_>_" | "_>=_" => {
                let (a, b) = (arg(0), arg(1));
                let ok = a.loose()
                    || b.loose()
                    || (a.numeric() && b.numeric())
                    || matches!((&a, &b), (Ty::Str(_), Ty::Str(_)));
                if !ok {
                    self.err_type(format!(
                        "cannot compare {} with {} using `{}`",
                        a.name(),
                        b.name(),
                        op_name(name)
                    ));
                }
                Ty::Bool
            }
            "_==_" | "_!=_" => {
                let (a, b) = (arg(0), arg(1));
                let ok = matches!(a, Ty::Dyn | Ty::Null)
                    || matches!(b, Ty::Dyn | Ty::Null)
                    || (a.numeric() && b.numeric())
                    || matches!(
                        (&a, &b),
                        (Ty::Str(_), Ty::Str(_)) | (Ty::List(_), Ty::List(_))
                    )
                    || a == b;
                if !ok {
                    self.err_type(format!(
                        "comparing {} with {} is always false",
                        a.name(),
                        b.name()
                    ));
                }
                if let Some(o) = a.options() {
                    self.check_option(o, &args[1], &args[0]);
                }
                if let Some(o) = b.options() {
                    self.check_option(o, &args[0], &args[1]);
                }
                Ty::Bool
            }
            "@in" => {
                let (a, b) = (arg(0), arg(1));
                match &b {
                    Ty::List(el) => {
                        if !(fits(&a, el) || fits(el, &a)) {
                            self.err_type(format!(
                                "looking for {} in a list of {}",
                                a.name(),
                                el.name()
                            ));
                        }
                        if let Some(o) = el.options() {
                            self.check_option(o, &args[0], &args[1]);
                        }
                        if let Some(o) = a.options() {
                            self.check_option(o, &args[1], &args[0]);
                        }
                    }
                    Ty::Dyn | Ty::Obj(_) => {}
                    other => self.err_type(format!(
                        "`in` needs a list or map on the right, found {}",
                        other.name()
                    )),
                }
                Ty::Bool
            }
            "_?_:_" => {
                if !fits(&arg(0), &Ty::Bool) {
                    self.err_type(format!(
                        "the condition of `? :` must be yes/no (bool), found {}",
                        arg(0).name()
                    ));
                }
                let (a, b) = (arg(1), arg(2));
                if !(fits(&a, &b) || fits(&b, &a)) {
                    self.err_type(format!(
                        "the two branches of `? :` differ: {} and {}",
                        a.name(),
                        b.name()
                    ));
                }
                join(&a, &b)
            }
            "_[_]" => match arg(0) {
                Ty::List(el) => *el,
                _ => Ty::Dyn,
            },
            "size" => Ty::Int,
            "int" => Ty::Int,
            "double" => Ty::Double,
            "string" => Ty::Str(None),
            "contains" | "startsWith" | "endsWith" => {
                if let Some(t) = &target_ty {
                    if !matches!(t, Ty::Str(_) | Ty::Dyn) {
                        self.err_type(format!("`{name}` works on text, found {}", t.name()));
                    }
                }
                Ty::Bool
            }
            other => {
                self.errors.push(TemplateError::UnknownName {
                    place: self.place.into(),
                    name: format!("{other}()"),
                });
                Ty::Dyn
            }
        }
    }
}

fn join(a: &Ty, b: &Ty) -> Ty {
    match (a, b) {
        _ if a == b => a.clone(),
        (Ty::Null, t) | (t, Ty::Null) => t.clone(),
        (Ty::Str(_), Ty::Str(_)) => Ty::Str(None),
        _ => Ty::Dyn,
    }
}

fn op_name(f: &str) -> &str {
    match f {
        "@in" => "in",
        "@not_strictly_false" => "!",
        _ => f.trim_matches('_'),
    }
}

/// A short readable name for an expression node (for messages): `answers.x`, `household.y`.
fn describe(e: &IdedExpr) -> String {
    match &e.expr {
        Expr::Ident(n) => n.clone(),
        Expr::Select(s) => format!("{}.{}", describe(&s.operand), s.field),
        _ => "expression".into(),
    }
}

/// A computed value as the app shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum ExprValue {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<ExprValue>),
}

impl ExprValue {
    pub(crate) fn from_cel(v: &Value) -> ExprValue {
        match v {
            Value::Bool(b) => ExprValue::Bool(*b),
            Value::Int(i) => ExprValue::Number(*i as f64),
            Value::UInt(u) => ExprValue::Number(*u as f64),
            Value::Float(f) if f.is_finite() => ExprValue::Number(*f),
            Value::String(s) => ExprValue::Text(s.to_string()),
            Value::List(l) => ExprValue::List(l.iter().map(ExprValue::from_cel).collect()),
            _ => ExprValue::Null,
        }
    }

    pub(crate) fn to_cel(&self) -> Value {
        match self {
            ExprValue::Null => Value::Null,
            ExprValue::Bool(b) => Value::Bool(*b),
            ExprValue::Number(n) => Value::Float(*n),
            ExprValue::Text(t) => Value::from(t.clone()),
            ExprValue::List(l) => Value::List(Arc::new(l.iter().map(ExprValue::to_cel).collect())),
        }
    }

    /// Whether the value has the kind a derived value declares.
    pub(crate) fn is(&self, kind: ValueKind) -> bool {
        matches!(
            (self, kind),
            (ExprValue::Bool(_), ValueKind::Bool)
                | (ExprValue::Number(_), ValueKind::Number | ValueKind::Money)
                | (ExprValue::Text(_), ValueKind::Text)
        )
    }
}
