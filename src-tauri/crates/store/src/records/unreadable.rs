//! Records that cannot be read: rows written by a buggy older version or changed outside
//! Keukentafel (imports refuse such values, so they should never arrive by file). Lists, the
//! agenda and the dump skip them; this scan says which they are, for the dump's `unreadable`
//! section and the count in `AppInfo`.
//!
//! A row counts when its id is not an id, when its stored values do not read (a JSON column
//! that is not JSON), or, for a record that has ops, when it does not read as its entity (an
//! unknown visit kind, a negative number of people). A row without any op is a placeholder
//! kept for a record whose own ops have not arrived yet (see `tables::ensure_parent`): it waits,
//! and is not counted.
//!
//! Uses: `super` (row helpers), `error`, `schema`, `tables`, `store`.

use serde_json::Value as Json;

use super::{row_check, row_id};
use crate::error::StoreError;
use crate::schema::{self, Entity};
use crate::store::{Result, Store};
use crate::tables::read_fields;

/// One record that cannot be read, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Unreadable {
    /// The entity name, as in the change log (`household`, `visit`, …).
    pub entity: String,
    /// The row's id as stored.
    pub id: String,
    pub reason: String,
}

impl Store {
    /// Every record that cannot be read, by entity (in `schema::ALL` order) and id.
    pub fn unreadable_records(&self) -> Result<Vec<Unreadable>> {
        let mut out = Vec::new();
        for entity in schema::ALL {
            let sql = format!(
                "SELECT t.id, EXISTS (SELECT 1 FROM field_clocks f WHERE f.entity = ?1 AND f.entity_id = t.id)
                   FROM {} t ORDER BY t.id",
                entity.table
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map([entity.name], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?;
            for row in rows {
                let (id, has_ops) = row?;
                if let Some(reason) = self.why_unreadable(entity, &id, has_ops)? {
                    out.push(Unreadable { entity: entity.name.to_owned(), id, reason });
                }
            }
        }
        Ok(out)
    }

    fn why_unreadable(&self, entity: &Entity, id: &str, has_ops: bool) -> Result<Option<String>> {
        let Some(uuid) = row_id(id) else { return Ok(Some("the id is not an id".into())) };
        let fields = match read_fields(&self.conn, entity, uuid) {
            Ok(fields) => fields.unwrap_or_default(),
            Err(StoreError::Data(reason)) => return Ok(Some(reason)),
            Err(e) => return Err(e),
        };
        if !has_ops {
            return Ok(None);
        }
        Ok(row_check(entity)(&Json::Object(fields)).err().map(|e| e.to_string()))
    }
}
