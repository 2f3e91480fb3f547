// Household form helpers: empty input, input from a stored household, client-side checks.
import type { Household, HouseholdInput, Tenure } from '../../generated/bindings';
import { isValidPostcode } from '../../shared/postcode';
import { localMessage, type FieldErrors } from '../../shared/forms';
import { texts } from './texts';

export const HOUSEHOLD_FIELDS = [
  'name',
  'street_address',
  'postcode',
  'city',
  'wijk',
  'adults',
  'children',
  'tenure',
  'landlord',
  'energy_supplier',
  'contract_type',
  'heating',
  'under_bewind',
  'administrator_name',
  'administrator_contact',
  'notes',
  'language',
] as const satisfies readonly (keyof HouseholdInput)[];

export function emptyHousehold(): HouseholdInput {
  return {
    name: '',
    street_address: '',
    postcode: '',
    city: '',
    wijk: '',
    adults: 1,
    children: 0,
    tenure: null,
    landlord: '',
    energy_supplier: '',
    contract_type: null,
    heating: null,
    under_bewind: false,
    administrator_name: '',
    administrator_contact: '',
    notes: '',
    language: 'nl',
  };
}

export function inputOf(h: Household): HouseholdInput {
  const out = emptyHousehold();
  for (const f of HOUSEHOLD_FIELDS) {
    (out as Record<string, unknown>)[f] = h[f];
  }
  return out;
}

export function isRenter(t: Tenure | null): boolean {
  return t === 'housing_association' || t === 'private_rent';
}

function isCount(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 30;
}

/**
 * Light checks before sending (the server's field errors are the source of truth): a name, the
 * postcode format, and counts that the server could not even read (empty, negative, fractions).
 */
export function checkHousehold(h: HouseholdInput): FieldErrors {
  const errors: FieldErrors = {};
  if (h.name.trim() === '') errors.name = localMessage(texts.household.nameRequired);
  if (!isValidPostcode(h.postcode)) {
    errors.postcode = localMessage(texts.household.postcodeInvalid);
  }
  if (!isCount(h.adults)) errors.adults = localMessage(texts.household.numberInvalid);
  if (!isCount(h.children)) errors.children = localMessage(texts.household.numberInvalid);
  return errors;
}

/** What is sent: fields that are hidden in the form are sent empty. */
export function toSend(h: HouseholdInput): HouseholdInput {
  return {
    ...h,
    landlord: isRenter(h.tenure) ? h.landlord : '',
    administrator_name: h.under_bewind ? h.administrator_name : '',
    administrator_contact: h.under_bewind ? h.administrator_contact : '',
  };
}
