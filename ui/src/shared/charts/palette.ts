// Colours of the charts: the app's own, distinguishable for common colour blindness (blue,
// orange, green-teal, purple, grey) and never the only carrier of meaning (every chart has its
// table with the same numbers, and a legend with the names).
export const SERIES_COLOURS = ['#1f5fbf', '#d9822b', '#1c6b58', '#7b4fa0', '#8a949a', '#b3261e'] as const;

/** The colour of the n-th series (wraps around). */
export function seriesColour(n: number): string {
  return SERIES_COLOURS[((n % SERIES_COLOURS.length) + SERIES_COLOURS.length) % SERIES_COLOURS.length];
}

export type Series = { label: string; data: number[] };

/** Series without any value above zero are left out (an empty legend entry helps nobody). */
export function nonEmpty(series: Series[]): Series[] {
  return series.filter((s) => s.data.some((v) => v > 0));
}
