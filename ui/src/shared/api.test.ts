import { describe, expect, it } from 'vitest';
import { isApiError, toApiError } from './api';

describe('rejections', () => {
  it('keeps an ApiError as it is, filling in what an older backend left out', () => {
    const e = { code: 'not_found', message: 'Niet gevonden', message_en: 'Not found', fields: [] };
    expect(isApiError(e)).toBe(true);
    expect(toApiError(e)).toEqual(e);
    expect(toApiError({ code: 'store_busy', message: 'Bezet' })).toEqual({
      code: 'store_busy',
      message: 'Bezet',
      message_en: 'Bezet',
      fields: [],
    });
  });
  it('turns anything else into an internal error, in both languages', () => {
    expect(isApiError({ code: 'nonsense', message: 'x' })).toBe(false);
    expect(toApiError(new Error('missing field `update`'))).toEqual({
      code: 'internal',
      message: 'Er ging iets mis. Probeer het nog een keer.',
      message_en: 'Something went wrong. Try again. (missing field `update`)',
      fields: [],
    });
  });
});
