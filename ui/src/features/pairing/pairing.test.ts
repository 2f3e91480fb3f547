import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/api';
import { fingerprintGroups, pairingErrorAt, spokenFingerprint } from './pairing';

describe('pairing', () => {
  it('shows the fingerprint in groups of four, however it is spaced', () => {
    expect(fingerprintGroups('1234 5678 9012 3456 7890')).toEqual(['1234', '5678', '9012', '3456', '7890']);
    expect(fingerprintGroups('12345678901234567890')).toEqual(['1234', '5678', '9012', '3456', '7890']);
    expect(fingerprintGroups(' 1234-5678 ')).toEqual(['1234', '5678']);
    expect(fingerprintGroups('')).toEqual([]);
  });

  it('lets a screen reader say the fingerprint digit by digit', () => {
    expect(spokenFingerprint('1234 5678')).toBe('1 2 3 4, 5 6 7 8');
  });

  it('puts a refused code at its field and leaves other errors alone', () => {
    const refused: ApiError = { code: 'invalid_pairing', message: 'Geen koppelcode.', message_en: 'No pairing code.', fields: [] };
    const atField = pairingErrorAt(refused, 'code');
    expect(atField.code).toBe('validation');
    expect(atField.fields).toEqual([{ field: 'code', code: 'invalid', message: 'Geen koppelcode.', message_en: 'No pairing code.' }]);
    const busy: ApiError = { code: 'store_busy', message: 'Bezet', message_en: 'Busy', fields: [] };
    expect(pairingErrorAt(busy, 'code')).toBe(busy);
  });
});
