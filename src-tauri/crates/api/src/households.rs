//! Households: the list with search and filters, one household with its consent and visits,
//! adding, editing and archiving.

use chrono::NaiveDate;
use keukentafel_domain::{
    Household, HouseholdDetail, HouseholdId, HouseholdInput, HouseholdPage, HouseholdQuery, HouseholdSummary, HouseholdUpdate,
};
use keukentafel_store::Store;

use crate::Reply;

/// Every household that matches, in one list (the overview's names, the volunteers' picker).
pub fn list(store: &Store, query: &HouseholdQuery, today: NaiveDate) -> Reply<Vec<HouseholdSummary>> {
    Ok(store.list_households(query, today)?)
}

/// The most rows one page holds, whatever is asked: a page is read while the window waits.
pub const MAX_PAGE: u32 = 500;

/// The households list a page at a time: at most `limit` (up to [`MAX_PAGE`]) of the matches
/// from `offset` on, in name order, and how many match in all. Past the end: no rows.
pub fn page(store: &Store, query: &HouseholdQuery, offset: u32, limit: u32, today: NaiveDate) -> Reply<HouseholdPage> {
    Ok(store.household_page(query, today, offset, limit.min(MAX_PAGE))?)
}

/// The wijken (neighbourhoods) in use, for the filter.
pub fn wijken(store: &Store) -> Reply<Vec<String>> {
    Ok(store.wijken()?)
}

pub fn detail(store: &Store, id: HouseholdId) -> Reply<HouseholdDetail> {
    Ok(store.household_detail(id)?)
}

pub fn create(store: &mut Store, input: HouseholdInput) -> Reply<Household> {
    Ok(store.create_household(input)?)
}

pub fn update(store: &mut Store, update: HouseholdUpdate) -> Reply<Household> {
    Ok(store.update_household(update)?)
}

pub fn set_archived(store: &mut Store, id: HouseholdId, archived: bool) -> Reply<Household> {
    Ok(store.set_household_archived(id, archived)?)
}
