//! Enrolments: the volunteer installations a coordinator may receive files from (see
//! `migrations/0003_enrolment.sql`). Local to this store; not ops.
//!
//! Uses: `error`, `store`.

use keukentafel_domain::{Enrolment, ReplicaId, Role};
use rusqlite::{params, OptionalExtension, Row};

use crate::error::StoreError;
use crate::store::{Result, Store};

const COLUMNS: &str =
    "replica, name, role, organisation, age_key, signing_key, active, enrolled_by, enrolled_at, revoked_at";

/// One row, with the replica and role still as stored text (checked in [`finish`]).
fn read(row: &Row<'_>) -> rusqlite::Result<(String, String, Enrolment)> {
    Ok((
        row.get(0)?,
        row.get(2)?,
        Enrolment {
            replica: ReplicaId(uuid::Uuid::nil()),
            name: row.get(1)?,
            role: Role::Coordinator,
            organisation: row.get(3)?,
            age_key: row.get(4)?,
            signing_key: row.get(5)?,
            active: row.get(6)?,
            enrolled_by: row.get(7)?,
            enrolled_at: row.get(8)?,
            revoked_at: row.get(9)?,
        },
    ))
}

/// Parses the replica and role (a row that does not parse is damage, not a missing row).
fn finish((replica, role, mut e): (String, String, Enrolment)) -> Result<Enrolment> {
    e.replica = replica.parse().map_err(|_| StoreError::Data(format!("enrolment {replica}: not an id")))?;
    e.role = serde_json::from_value(serde_json::Value::String(role.clone()))
        .map_err(|_| StoreError::Data(format!("enrolment {replica}: unknown role {role}")))?;
    Ok(e)
}

impl Store {
    /// Enrols an installation, or enrols it again with the keys and name of a new pairing code
    /// (the only way its keys change); enrolling again makes a revoked installation active.
    pub fn enrol(&mut self, e: &Enrolment) -> Result<()> {
        self.conn.execute(
            &format!(
                "INSERT INTO enrolments ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (replica) DO UPDATE SET name = excluded.name, role = excluded.role,
                   organisation = excluded.organisation, age_key = excluded.age_key,
                   signing_key = excluded.signing_key, active = excluded.active,
                   enrolled_by = excluded.enrolled_by, enrolled_at = excluded.enrolled_at,
                   revoked_at = excluded.revoked_at"
            ),
            params![
                e.replica.to_string(),
                e.name,
                e.role.as_str(),
                e.organisation,
                e.age_key,
                e.signing_key,
                e.active,
                e.enrolled_by,
                e.enrolled_at,
                e.revoked_at,
            ],
        )?;
        Ok(())
    }

    /// Revokes an enrolled installation: its later files are refused; nothing it sent before
    /// is removed.
    pub fn revoke(&mut self, replica: ReplicaId, at: &str) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE enrolments SET active = 0, revoked_at = COALESCE(revoked_at, ?2) WHERE replica = ?1",
            params![replica.to_string(), at],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { entity: "enrolment", id: replica.to_string() });
        }
        Ok(())
    }

    pub fn enrolment(&self, replica: ReplicaId) -> Result<Option<Enrolment>> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM enrolments WHERE replica = ?1"), [replica.to_string()], read)
            .optional()?
            .map(finish)
            .transpose()
    }

    /// Every enrolment, active first, then by name.
    pub fn enrolments(&self) -> Result<Vec<Enrolment>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {COLUMNS} FROM enrolments ORDER BY active DESC, name, replica"))?;
        let rows = stmt.query_map([], read)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(finish).collect()
    }
}
