import { describe, expect, it } from 'vitest';
import { formatDayMonth } from '../../shared/dates';
import { numberList } from './receipts';
import { texts } from './texts';

describe('receipts', () => {
  it('says a list of file numbers in words', () => {
    expect(numberList([], 'nl')).toBe('');
    expect(numberList([4], 'nl')).toBe('4');
    expect(numberList([1, 3], 'nl')).toBe('1 en 3');
    expect(numberList([1, 2, 4], 'en')).toBe('1, 2 and 4');
  });
  it('says the day a file was received, the year only when it is another year', () => {
    const now = new Date(2026, 10, 20);
    expect(formatDayMonth(new Date(2026, 10, 12, 15, 30).toISOString(), 'nl', now)).toBe('12 november');
    expect(formatDayMonth(new Date(2025, 0, 2).toISOString(), 'en', now)).toBe('2 January 2025');
    expect(formatDayMonth('nonsense', 'nl', now)).toBe('nonsense');
  });
  it('says which files the coordinator confirmed, one or several', () => {
    expect(texts.sync.confirmed.nl([2])).toBe('Je coördinator heeft bestand 2 ontvangen.');
    expect(texts.sync.confirmed.nl([1, 3])).toBe('Je coördinator heeft bestanden 1 en 3 ontvangen.');
    expect(texts.sync.confirmed.en([1, 3])).toBe('Your coordinator received files 1 and 3.');
  });
});
