/** A run of China dates, both ends included (yyyy-mm-dd). */
export type DayRange = readonly [from: string, to: string];

/**
 * A period as the rollups read it: a run of calendar months from the monthly rollup (`months`, the
 * first day of the first and of the last month) plus runs of days from the daily rollup, each added
 * (sign 1) or taken away (sign -1). A month the period covers only in part is read by day — the days
 * inside the period added, or, when fewer, the whole month added and the days outside taken away — so
 * a year never reads more than about half a month of days at either end. A partial month at the end of
 * the period usually lies partly in the future, whose days have no rows: "last 365 days" reads one
 * partial month by day and the current month by month.
 */
export interface PeriodSplit {
  months: DayRange | null;
  days: { range: DayRange; sign: 1 | -1 }[];
}

const day = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (s: string): Date => new Date(`${s}T00:00:00Z`);
const addDays = (s: string, n: number): string => day(new Date(utc(s).getTime() + n * 86_400_000));
const daysIn = ([from, to]: DayRange): number => Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000) + 1;
const monthStart = (s: string): string => `${s.slice(0, 7)}-01`;
function nextMonthStart(s: string): string {
  const d = utc(monthStart(s));
  return day(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}
const monthEnd = (s: string): string => addDays(nextMonthStart(s), -1);

export function splitPeriod(from: string, to: string): PeriodSplit {
  const months: string[] = [];
  const days: PeriodSplit['days'] = [];
  for (let m = monthStart(from); m <= to; m = nextMonthStart(m)) {
    const inside: DayRange = [from > m ? from : m, to < monthEnd(m) ? to : monthEnd(m)];
    const outside: DayRange[] = [];
    if (inside[0] > m) outside.push([m, addDays(inside[0], -1)]);
    if (inside[1] < monthEnd(m)) outside.push([addDays(inside[1], 1), monthEnd(m)]);
    const outsideDays = outside.reduce((n, r) => n + daysIn(r), 0);
    if (outsideDays < daysIn(inside)) {
      months.push(m);
      for (const range of outside) days.push({ range, sign: -1 });
    } else {
      days.push({ range: inside, sign: 1 });
    }
  }
  // The months read whole are consecutive: every month but the first and the last is whole.
  return { months: months.length ? [months[0]!, months[months.length - 1]!] : null, days };
}
