import { describe, expect, it } from 'vitest';
import { checkHousehold, emptyHousehold, toSend } from './household';

describe('household form', () => {
  it('flags counts the server could not read', () => {
    const h = { ...emptyHousehold(), name: 'A', adults: -1, children: 1.5, postcode: '0000 AA' };
    expect(Object.keys(checkHousehold(h)).sort()).toEqual(['adults', 'children', 'postcode']);
    expect(Object.keys(checkHousehold({ ...emptyHousehold(), name: '  ' }))).toEqual(['name']);
  });
  it('says what is wrong in both languages', () => {
    const errors = checkHousehold({ ...emptyHousehold(), name: 'A', postcode: '12 AB' });
    expect(errors.postcode).toEqual({
      message: 'Deze postcode klopt niet. Schrijf hem als 1234 AB: vier cijfers en twee letters.',
      message_en: 'This postcode is not valid. Write it as 1234 AB: four digits and two letters.',
    });
  });
  it('sends hidden fields empty', () => {
    const h = { ...emptyHousehold(), tenure: 'owner' as const, landlord: 'X', administrator_name: 'Y' };
    const sent = toSend(h);
    expect(sent.landlord).toBe('');
    expect(sent.administrator_name).toBe('');
  });
});
