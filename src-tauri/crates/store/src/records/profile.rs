//! The local user: this installation's profile (name, organisation, role, phone). Its id is kept in
//! `meta.profile_user_id`; the user record itself is an entity like any other, so a change of
//! name travels to other laptops as ops.
//!
//! Uses: `super` (record helpers), `error`, `schema`, `store`.

use keukentafel_domain::{validate, UserId, UserProfile, UserProfileInput};

use super::{fields_of, not_found, read_record, NO_BASE};
use crate::error::StoreError;
use crate::schema;
use crate::store::{Result, Store};

impl Store {
    /// This installation's user, once a profile has been saved. A profile whose row cannot be
    /// read counts as none (and as an unreadable record): the app asks for it again, and saving
    /// it writes every field anew.
    pub fn profile(&self) -> Result<Option<UserProfile>> {
        let Some(id) = self.profile_id()? else { return Ok(None) };
        let input = match read_record::<UserProfileInput>(&self.conn, &schema::USER, id.0) {
            Ok(Some((input, _))) => input,
            Ok(None) => return Err(not_found("user", id)),
            Err(StoreError::Unreadable { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(Some(UserProfile { id, name: input.name, organisation: input.organisation, role: input.role, phone: input.phone }))
    }

    /// Every user this store knows (this installation's and those other laptops' files brought),
    /// in id order; a row that does not read is left out (and counted as unreadable elsewhere).
    pub fn users(&self) -> Result<Vec<UserProfile>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM users ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut users = Vec::new();
        for id in ids.iter().filter_map(|id| super::row_id(id)) {
            match read_record::<UserProfileInput>(&self.conn, &schema::USER, id) {
                Ok(Some((u, _))) => users.push(UserProfile {
                    id: UserId(id),
                    name: u.name,
                    organisation: u.organisation,
                    role: u.role,
                    phone: u.phone,
                }),
                Ok(None) | Err(StoreError::Unreadable { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(users)
    }

    /// Creates this installation's user on first use; later calls change it.
    pub fn save_profile(&mut self, input: UserProfileInput) -> Result<UserProfile> {
        let input = validate::profile(input)?;
        let existing = self.profile_id()?;
        let id = self.write(|w| {
            let id = match existing {
                Some(id) => id,
                None => {
                    let id = UserId(w.new_id());
                    w.tx.execute("INSERT INTO meta (key, value) VALUES ('profile_user_id', ?1)", [id.to_string()])?;
                    w.set_author(id);
                    id
                }
            };
            w.set(&schema::USER, id.0, &fields_of(&input)?, NO_BASE)?;
            Ok(id)
        })?;
        Ok(UserProfile { id, name: input.name, organisation: input.organisation, role: input.role, phone: input.phone })
    }
}
