// The household commands.
import type {
  Household,
  HouseholdDetail,
  HouseholdId,
  HouseholdInput,
  HouseholdQuery,
  HouseholdSummary,
  HouseholdUpdate,
} from '../../generated/bindings';
import { call } from '../../shared/api';

export const api = {
  listHouseholds: (query: HouseholdQuery) => call<HouseholdSummary[]>('list_households', { query }),
  listWijken: () => call<string[]>('list_wijken'),
  getHousehold: (id: HouseholdId) => call<HouseholdDetail>('get_household', { id }),
  createHousehold: (input: HouseholdInput) => call<Household>('create_household', { input }),
  updateHousehold: (update: HouseholdUpdate) => call<Household>('update_household', { update }),
  archiveHousehold: (id: HouseholdId, archived: boolean) =>
    call<Household>('archive_household', { id, archived }),
};
