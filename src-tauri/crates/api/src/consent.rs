//! Consent: recording that a household gave or withdrew consent for a scope.

use chrono::NaiveDate;
use keukentafel_domain::{ConsentEvent, ConsentInput};
use keukentafel_store::Store;

use crate::Reply;

pub fn record(store: &mut Store, input: ConsentInput, today: NaiveDate) -> Reply<ConsentEvent> {
    Ok(store.record_consent(input, today)?)
}

/// Several scopes in one go (the consent form): every event with the same text version and
/// date, recorded together or not at all.
pub fn record_many(store: &mut Store, inputs: Vec<ConsentInput>, today: NaiveDate) -> Reply<Vec<ConsentEvent>> {
    Ok(store.record_consents(inputs, today, None)?)
}
