//! The local user: this installation's profile (name, organisation, role). Its id is kept in
//! `meta.profile_user_id`; the user record itself is an entity like any other, so a change of
//! name travels to other laptops as ops.
//!
//! Uses: `super` (record helpers), `schema`, `tables`, `store`.

use keukentafel_domain::{validate, UserId, UserProfile, UserProfileInput};
use serde_json::Value as Json;

use super::{fields_of, not_found, NO_BASE};
use crate::schema;
use crate::store::{Result, Store};
use crate::tables::read_fields;

impl Store {
    pub fn profile(&self) -> Result<Option<UserProfile>> {
        let Some(id) = self.profile_id()? else { return Ok(None) };
        let fields = read_fields(&self.conn, &schema::USER, id.0)?.ok_or_else(|| not_found("user", id))?;
        let input: UserProfileInput = serde_json::from_value(Json::Object(fields))?;
        Ok(Some(UserProfile { id, name: input.name, organisation: input.organisation, role: input.role }))
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
        Ok(UserProfile { id, name: input.name, organisation: input.organisation, role: input.role })
    }
}
