import { describe, expect, it } from 'vitest';
import { estimateFraction, formatAmount, formatChange, formatChangePercent, formatFeedIn, unitSymbol } from './followUp';
import { texts } from './texts';

describe('measured change as the follow-up screen writes it', () => {
  it('writes use per day in its unit, gas and electricity in tenths, heat in hundredths', () => {
    expect(formatAmount(2, 'm3', 'nl')).toBe('2,0 m³');
    expect(formatAmount(1200 / 365, 'm3', 'nl')).toBe('3,3 m³');
    expect(formatAmount(0.1234, 'gj', 'nl')).toBe('0,12 GJ');
    expect(formatAmount(6.849, 'kwh', 'en')).toBe('6.8 kWh');
    expect(unitSymbol('other')).toBe('other');
  });

  it('gives a change its sign, and none when it rounds to zero', () => {
    expect(formatChange(2 - 1200 / 365, 'm3', 'nl')).toBe('−1,3 m³');
    expect(formatChange(0.44, 'kwh', 'nl')).toBe('+0,4 kWh');
    expect(formatChange(-0.01, 'm3', 'nl')).toBe('0,0 m³');
    expect(formatChange(-1234.5, 'kwh', 'nl')).toBe('−1.234,5 kWh');
  });

  it('writes a change as a whole percentage, Dutch with a space', () => {
    expect(formatChangePercent(-0.3917, 'nl')).toBe('−39 %');
    expect(formatChangePercent(0.05, 'en')).toBe('+5%');
    expect(formatChangePercent(0.001, 'nl')).toBe('0 %');
  });

  it('gives the estimate as a share of the use before, none without a bill', () => {
    expect(estimateFraction({ estimated_change_per_day: -0.33, per_day_before: 3.3 })).toBeCloseTo(-0.1);
    expect(estimateFraction({ estimated_change_per_day: -0.33, per_day_before: null })).toBeNull();
    expect(estimateFraction({ estimated_change_per_day: -0.33, per_day_before: 0 })).toBeNull();
  });

  it('writes the feed-in in kWh', () => {
    expect(formatFeedIn(4.16, 'nl')).toBe('4,2 kWh');
  });
});

describe('why nothing can be measured, in words', () => {
  const f = texts.followUp;
  it('asks about a new meter or a typo when a register went down', () => {
    expect(f.wentDown.nl('gas')).toContain('Is er een nieuwe meter, of een tikfout?');
    expect(f.wentDown.en('gas')).toContain('new meter');
  });
  it('names the minimum number of days', () => {
    expect(f.tooShort.nl(3, 7)).toContain('minstens 7 dagen');
    expect(f.tooShort.en(1, 7)).toContain('at least 7 days');
  });
});
