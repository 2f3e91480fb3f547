import { describe, expect, it } from 'vitest';
import { nonEmpty, seriesColour, SERIES_COLOURS } from './palette';

describe('chart palette', () => {
  it('wraps around', () => {
    expect(seriesColour(0)).toBe(SERIES_COLOURS[0]);
    expect(seriesColour(SERIES_COLOURS.length)).toBe(SERIES_COLOURS[0]);
    expect(seriesColour(-1)).toBe(SERIES_COLOURS[SERIES_COLOURS.length - 1]);
  });
  it('leaves out series that are all zero', () => {
    expect(nonEmpty([{ label: 'a', data: [0, 0] }, { label: 'b', data: [0, 2] }]).map((s) => s.label)).toEqual(['b']);
  });
});
