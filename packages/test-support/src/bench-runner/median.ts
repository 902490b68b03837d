/**
 * Median of the values: the middle one, or the mean of the two middle ones for an even count, rounded
 * to one decimal more than the most precise value (2.1 and 2.4 give 2.25, never 2.2500000000000004).
 * undefined for no values.
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid];
  const mean = ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Number(mean.toFixed(Math.min(20, Math.max(...values.map(decimals)) + 1)));
}

/** Digits after the decimal point as the value prints; one printed with an exponent (1e-7) keeps them all. */
function decimals(value: number): number {
  const text = String(value);
  if (text.includes("e")) return 19;
  const point = text.indexOf(".");
  return point === -1 ? 0 : text.length - point - 1;
}
