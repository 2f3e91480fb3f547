// Dutch postcode check, the same rule as the Rust side (domain/src/validate.rs):
// four digits not starting with 0, an optional space, two letters, never SA, SD or SS.

/** `1234 AB` for a valid postcode (any spacing or case), otherwise `null`. */
export function normalizePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '');
  const m = /^([1-9][0-9]{3})([A-Za-z]{2})$/.exec(compact);
  if (!m) return null;
  const letters = m[2].toUpperCase();
  if (letters === 'SA' || letters === 'SD' || letters === 'SS') return null;
  return `${m[1]} ${letters}`;
}

/** Empty is allowed (the postcode is optional). */
export function isValidPostcode(input: string): boolean {
  return input.trim() === '' || normalizePostcode(input) !== null;
}
