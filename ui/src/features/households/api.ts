// The household commands.
import type {
  Household,
  HouseholdDetail,
  HouseholdId,
  HouseholdInput,
  HouseholdPage,
  HouseholdQuery,
  HouseholdSummary,
  HouseholdUpdate,
} from '../../generated/bindings';
import { call } from '../../shared/api';

export const api = {
  /** Every household that matches, at once (the overview's names, the volunteers' picker). */
  listHouseholds: (query: HouseholdQuery) => call<HouseholdSummary[]>('list_households', { query }),
  /** The households list a page at a time: `limit` rows from `offset` on, and the total. */
  householdPage: (query: HouseholdQuery, offset: number, limit: number) =>
    call<HouseholdPage>('household_page', { query, offset, limit }),
  listWijken: () => call<string[]>('list_wijken'),
  getHousehold: (id: HouseholdId) => call<HouseholdDetail>('get_household', { id }),
  createHousehold: (input: HouseholdInput) => call<Household>('create_household', { input }),
  updateHousehold: (update: HouseholdUpdate) => call<Household>('update_household', { update }),
  archiveHousehold: (id: HouseholdId, archived: boolean) =>
    call<Household>('archive_household', { id, archived }),
};
