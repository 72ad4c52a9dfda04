/** The period presets of the scorecard page, in China time (the API's days are Beijing days). */
export const periodPresets = ['month', 'lastMonth', 'quarter', 'year', 'threeYears'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export interface Period {
  /** YYYY-MM-DD, both ends included. */
  from: string;
  to: string;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string | null | undefined): value is string {
  if (!value || !isoDay.test(value)) return false;
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
}

/** Today's date in Beijing, whatever the browser's own time zone. */
export function chinaToday(now: Date = new Date()): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** Today in Beijing, 'YYYY-MM-DD'. */
export function chinaDate(now: Date = new Date()): string {
  const { year, month, day } = chinaToday(now);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function day(year: number, month: number, date: number): string {
  // Date.UTC rolls over: month 13 is January of the next year, day 0 the last day of the month before.
  return new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10);
}

/** 本月, 上月, 本季度, 本年, 近三年 (this and the two years before), whole calendar periods. */
export function presetPeriod(preset: PeriodPreset, now: Date = new Date()): Period {
  const { year, month } = chinaToday(now);
  switch (preset) {
    case 'month':
      return { from: day(year, month, 1), to: day(year, month + 1, 0) };
    case 'lastMonth':
      return { from: day(year, month - 1, 1), to: day(year, month, 0) };
    case 'quarter': {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return { from: day(year, first, 1), to: day(year, first + 3, 0) };
    }
    case 'year':
      return { from: day(year, 1, 1), to: day(year, 12, 31) };
    case 'threeYears':
      return { from: day(year - 2, 1, 1), to: day(year, 12, 31) };
  }
}
