//! What the app shows about itself: where the store is, which installation this is, the schema
//! and consent-text versions, the local user, and how many records cannot be read.
//!
//! Uses: `store`.

use chrono::NaiveDate;
use keukentafel_domain::{AppInfo, CONSENT_TEXT_VERSION};

use crate::store::{Result, Store};

impl Store {
    pub fn app_info(&self, today: NaiveDate) -> Result<AppInfo> {
        Ok(AppInfo {
            store_path: self.path.display().to_string(),
            replica_id: self.replica,
            schema_version: self.schema_version()? as u32,
            profile: self.profile()?,
            consent_text_version: CONSENT_TEXT_VERSION.to_owned(),
            today,
            unreadable_records: u32::try_from(self.unreadable_records()?.len()).unwrap_or(u32::MAX),
        })
    }
}
