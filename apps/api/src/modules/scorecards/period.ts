/** A run of China dates, both ends included (yyyy-mm-dd). */
export type DayRange = readonly [from: string, to: string];

/**
 * A period split for the rollups: the whole calendar months it covers (as the first day of the first
 * and of the last such month, read from the monthly rollup) and the days of a partial month at either
 * end (read from the daily rollup). A period inside one month, or without a whole month, is all days.
 */
export interface PeriodSplit {
  months: DayRange | null;
  days: DayRange[];
}

const day = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (s: string): Date => new Date(`${s}T00:00:00Z`);
const addDays = (s: string, n: number): string => day(new Date(utc(s).getTime() + n * 86_400_000));
const monthStart = (s: string): string => `${s.slice(0, 7)}-01`;
function nextMonthStart(s: string): string {
  const d = utc(monthStart(s));
  return day(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}
function previousMonthStart(s: string): string {
  const d = utc(monthStart(s));
  return day(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)));
}

export function splitPeriod(from: string, to: string): PeriodSplit {
  const firstWhole = from === monthStart(from) ? from : nextMonthStart(from);
  const endsOnMonthEnd = addDays(to, 1) === nextMonthStart(to);
  const lastWhole = endsOnMonthEnd ? monthStart(to) : previousMonthStart(to);
  if (firstWhole > lastWhole) return { months: null, days: [[from, to]] };
  const days: DayRange[] = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (!endsOnMonthEnd) days.push([monthStart(to), to]);
  return { months: [firstWhole, lastWhole], days };
}
