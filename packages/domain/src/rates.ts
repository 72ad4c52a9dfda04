/**
 * A rate as the scorecards define it: numerator over denominator, null when there is nothing to
 * count (not 0 and not 100 %), rounded only for display. Every KPI of every module uses this one.
 */
export function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}
