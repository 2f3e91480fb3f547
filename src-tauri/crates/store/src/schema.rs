//! Which entities exist, which table holds them, and how each field is stored. One place maps
//! a field's JSON value (as it travels in an op) to its SQL column and back, so local writes
//! and merged ops set the tables the same way.
//!
//! Uses: `error`.

use rusqlite::types::{Value as Sql, ValueRef};
use serde_json::Value as Json;

use crate::error::StoreError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// JSON string ↔ TEXT.
    Text,
    /// JSON string or null ↔ TEXT or NULL (enum fields that may be unknown).
    OptText,
    /// JSON number ↔ INTEGER.
    Int,
    /// JSON bool ↔ INTEGER 0/1.
    Bool,
    /// Any JSON (lists) ↔ TEXT holding JSON.
    Json,
}

#[derive(Debug)]
pub struct Entity {
    /// The name in the change log (`ops.entity`).
    pub name: &'static str,
    pub table: &'static str,
    /// Fields in column order; the column has the field's name.
    pub fields: &'static [(&'static str, Kind)],
}

impl Entity {
    pub fn kind(&self, field: &str) -> Option<Kind> {
        self.fields.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
    }

    pub fn by_name(name: &str) -> Option<&'static Entity> {
        ALL.iter().copied().find(|e| e.name == name)
    }
}

pub static USER: Entity = Entity {
    name: "user",
    table: "users",
    fields: &[("name", Kind::Text), ("organisation", Kind::Text), ("role", Kind::Text), ("phone", Kind::Text)],
};

pub static HOUSEHOLD: Entity = Entity {
    name: "household",
    table: "households",
    fields: &[
        ("name", Kind::Text),
        ("street_address", Kind::Text),
        ("postcode", Kind::Text),
        ("city", Kind::Text),
        ("wijk", Kind::Text),
        ("adults", Kind::Int),
        ("children", Kind::Int),
        ("tenure", Kind::OptText),
        ("landlord", Kind::Text),
        ("energy_supplier", Kind::Text),
        ("contract_type", Kind::OptText),
        ("heating", Kind::OptText),
        ("under_bewind", Kind::Bool),
        ("administrator_name", Kind::Text),
        ("administrator_contact", Kind::Text),
        ("notes", Kind::Text),
        ("archived", Kind::Bool),
        ("language", Kind::Text),
    ],
};

pub static CONSENT: Entity = Entity {
    name: "consent",
    table: "consent_events",
    fields: &[
        ("household_id", Kind::OptText),
        ("scope", Kind::Text),
        ("given", Kind::Bool),
        ("text_version", Kind::Text),
        ("date", Kind::Text),
        ("recorded_by", Kind::Text),
    ],
};

pub static VISIT: Entity = Entity {
    name: "visit",
    table: "visits",
    fields: &[
        ("household_id", Kind::OptText),
        ("planned_date", Kind::Text),
        ("planned_time", Kind::Text),
        ("kind", Kind::Text),
        ("volunteers", Kind::Json),
        ("status", Kind::Text),
        ("summary", Kind::Text),
        ("archived", Kind::Bool),
        ("template_id", Kind::Text),
        ("template_version", Kind::Int),
    ],
};

pub static ANSWER: Entity = Entity {
    name: "answer",
    table: "answers",
    fields: &[("visit_id", Kind::OptText), ("step_id", Kind::Text), ("value", Kind::Json), ("answered_by", Kind::Text)],
};

pub static ASSIGNMENT: Entity = Entity {
    name: "assignment",
    table: "assignments",
    fields: &[("household_id", Kind::OptText), ("volunteer", Kind::Text), ("since", Kind::Text), ("until", Kind::Text)],
};

pub static TASK: Entity = Entity {
    name: "task",
    table: "tasks",
    fields: &[
        ("household_id", Kind::OptText),
        ("visit_id", Kind::OptText),
        ("step_id", Kind::Text),
        ("kind", Kind::Text),
        ("what", Kind::Text),
        ("party", Kind::Text),
        ("consent_scope", Kind::OptText),
        ("owner_kind", Kind::Text),
        ("owner_name", Kind::Text),
        ("due", Kind::Text),
        ("status", Kind::Text),
        ("outcome", Kind::Text),
        ("closed_on", Kind::OptText),
        ("archived", Kind::Bool),
    ],
};

pub static STOCK_ITEM: Entity = Entity {
    name: "stock_item",
    table: "stock_items",
    fields: &[
        ("name", Kind::Text),
        ("measure", Kind::Text),
        ("unit_cost_cents", Kind::Int),
        ("low_at", Kind::Int),
        ("archived", Kind::Bool),
    ],
};

pub static STOCK_MOVEMENT: Entity = Entity {
    name: "stock_movement",
    table: "stock_movements",
    fields: &[
        ("item_id", Kind::Text),
        ("kind", Kind::Text),
        ("delta", Kind::Int),
        ("date", Kind::Text),
        ("household_id", Kind::OptText),
        ("visit_id", Kind::OptText),
        ("note", Kind::Text),
        ("recorded_by", Kind::Text),
    ],
};

pub static ALL: [&Entity; 9] =
    [&USER, &HOUSEHOLD, &CONSENT, &VISIT, &ANSWER, &ASSIGNMENT, &TASK, &STOCK_ITEM, &STOCK_MOVEMENT];

fn bad(entity: &Entity, field: &str, v: &Json) -> StoreError {
    StoreError::Data(format!("{}.{field}: unexpected value {v}", entity.name))
}

/// The SQL value for a field's JSON value.
pub fn to_sql(entity: &Entity, field: &str, v: &Json) -> Result<Sql, StoreError> {
    let kind = entity.kind(field).ok_or_else(|| StoreError::Data(format!("{}.{field}: unknown field", entity.name)))?;
    Ok(match (kind, v) {
        (Kind::Text | Kind::OptText, Json::String(s)) => Sql::Text(s.clone()),
        (Kind::OptText, Json::Null) => Sql::Null,
        (Kind::Int, Json::Number(n)) => Sql::Integer(n.as_i64().ok_or_else(|| bad(entity, field, v))?),
        (Kind::Bool, Json::Bool(b)) => Sql::Integer(i64::from(*b)),
        (Kind::Json, v) => Sql::Text(v.to_string()),
        _ => return Err(bad(entity, field, v)),
    })
}

/// The JSON value of a column.
pub fn to_json(entity: &Entity, field: &str, v: ValueRef<'_>) -> Result<Json, StoreError> {
    let kind = entity.kind(field).ok_or_else(|| StoreError::Data(format!("{}.{field}: unknown field", entity.name)))?;
    let text = |v: ValueRef<'_>| v.as_str().map(str::to_owned).map_err(|e| StoreError::Data(e.to_string()));
    Ok(match (kind, v) {
        (Kind::OptText, ValueRef::Null) => Json::Null,
        (Kind::Text | Kind::OptText, v) => Json::String(text(v)?),
        (Kind::Int, ValueRef::Integer(i)) => Json::from(i),
        (Kind::Bool, ValueRef::Integer(i)) => Json::Bool(i != 0),
        (Kind::Json, v) => serde_json::from_str(&text(v)?)?,
        (_, other) => return Err(StoreError::Data(format!("{}.{field}: unexpected column value {other:?}", entity.name))),
    })
}

#[cfg(test)]
mod tests {
    use keukentafel_domain::validate;
    use serde_json::json;

    use super::*;

    #[test]
    fn the_domain_checks_exactly_the_fields_the_tables_hold() {
        for e in ALL {
            for (field, _) in e.fields {
                assert!(validate::is_known_field(e.name, field), "{}.{field} has no rule in validate::field_value", e.name);
            }
        }
        for (entity, field) in validate::KNOWN_FIELDS {
            assert!(Entity::by_name(entity).and_then(|e| e.kind(field)).is_some(), "{entity}.{field} has no column");
        }
    }

    #[test]
    fn the_domain_never_accepts_a_value_its_column_cannot_hold() {
        for e in ALL {
            for (field, kind) in e.fields {
                let wrong = match kind {
                    Kind::Text => vec![json!(null), json!(1), json!(["x"])],
                    Kind::OptText => vec![json!(1), json!(true), json!({})],
                    Kind::Int => vec![json!("1"), json!(1.5), json!(i64::MAX as u64 + 1), json!(null)],
                    Kind::Bool => vec![json!("true"), json!(1), json!(null)],
                    Kind::Json => vec![],
                };
                for v in wrong {
                    assert!(to_sql(e, field, &v).is_err(), "{}.{field}: the column refuses {v} too", e.name);
                    assert!(validate::field_value(e.name, field, &v).is_err(), "{}.{field} accepts {v}", e.name);
                }
            }
        }
    }
}
