// What the pairing screens show of a code: the fingerprint in groups (and digit by digit for a
// screen reader), and a refused code as an error at the field where it was pasted.
import type { ApiError } from '../../shared/api';

/** The fingerprint's groups of 4 digits (`1234 5678 …` → `['1234', '5678', …]`), whatever spacing it came with. */
export function fingerprintGroups(fingerprint: string): string[] {
  const digits = fingerprint.replace(/\D/g, '');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 4) groups.push(digits.slice(i, i + 4));
  return groups;
}

/** The fingerprint as a screen reader should say it: digit by digit, a pause after each group. */
export function spokenFingerprint(fingerprint: string): string {
  return fingerprintGroups(fingerprint)
    .map((g) => g.split('').join(' '))
    .join(', ');
}

/**
 * A refused pairing code (`invalid_pairing`) as a validation error of the input `field`, so the
 * form shows the refusal under the field where the code was pasted; any other error unchanged.
 */
export function pairingErrorAt(err: ApiError, field: string): ApiError {
  if (err.code !== 'invalid_pairing') return err;
  return {
    ...err,
    code: 'validation',
    fields: [{ field, code: 'invalid', message: err.message, message_en: err.message_en }],
  };
}
