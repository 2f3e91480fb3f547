//! Consent: recording that a household gave or withdrew consent for a scope.

use chrono::NaiveDate;
use keukentafel_domain::{ConsentEvent, ConsentInput};
use keukentafel_store::Store;

use crate::Reply;

pub fn record(store: &mut Store, input: ConsentInput, today: NaiveDate) -> Reply<ConsentEvent> {
    Ok(store.record_consent(input, today)?)
}
