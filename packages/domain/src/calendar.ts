import { z } from 'zod';

/**
 * The deadline calendar for case handling. Government time limits count working days or working
 * hours on the official holiday calendar, where 调休 turns some weekends into working days, so the
 * calendar is built from a holiday table (the built-in `holidaysCn`, or an edited copy the API loads
 * from the database) rather than from the weekday alone.
 *
 * All arithmetic is in China time as a fixed UTC+8: the mainland has kept that offset without summer
 * time since 1991, so no time-zone database is needed and results do not depend on the server's zone.
 */


export const holidayKinds = ['holiday', 'workday'] as const;
export type HolidayKind = (typeof holidayKinds)[number];

/** One line of a holiday notice: a day off (`holiday`) or a weekend day worked instead (`workday`, 调休上班). */
export interface HolidayEntry<Name extends string = string> {
  date: string;
  kind: HolidayKind;
  name: Name;
}

/** Entries per year. A year present (even with no entries) counts as covered by the table. */
export type HolidayTable<Name extends string = string> = Readonly<Record<number, readonly HolidayEntry<Name>[]>>;

/** Shape check for an entry edited through the API; `WorkCalendar` itself checks the table as a whole. */
export const holidayEntrySchema = z
  .object({
    date: z.iso.date(),
    kind: z.enum(holidayKinds),
    name: z.string().trim().min(1).max(32),
  })
  .meta({ id: 'HolidayEntry' });

/** A span of the working day in China time, 'HH:MM'; `end` may be '24:00'. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/** 08:30–12:00 and 13:30–17:30: 7.5 hours, the usual office day of county and township organs. */
export const defaultWorkingHours: readonly WorkingPeriod[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

export const deadlineUnits = ['hours', 'workingHours', 'workingDays', 'naturalDays'] as const;
export type DeadlineUnit = (typeof deadlineUnits)[number];

/**
 * A time limit as a workflow states it: `hours` are natural hours, the day units whole days. Same shape
 * as the event catalogue's `TimeLimit`, so its limits can be passed straight in.
 */
export interface DeadlineLimit {
  unit: DeadlineUnit;
  value: number;
}

/** Fractions of the working time allowed at which a case turns yellow and red (1 = at the deadline). */
export interface WarningThresholds {
  yellow: number;
  red: number;
}

export interface WarningTimes {
  yellow: Date;
  red: Date;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
const chinaOffsetMs = 8 * hourMs;

/** The calendar date in China time of an instant, 'YYYY-MM-DD'. */
/** Whole days from one 'YYYY-MM-DD' to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function shanghaiDateOf(instant: Date): string {
  return isoDateOfDay(dayOf(instantMs(instant, 'instant')));
}

export class WorkCalendar {
  readonly workingHours: readonly WorkingPeriod[];
  /** Working periods as [start, end) offsets from China midnight, sorted. */
  readonly #periods: readonly (readonly [number, number])[];
  /** Day number (days since 1970-01-01 in China time) → whether the table makes it a working day. */
  readonly #overrides = new Map<number, boolean>();
  readonly #fromYear: number;
  readonly #toYear: number;

  constructor(table: HolidayTable, options: { workingHours?: readonly WorkingPeriod[] } = {}) {
    this.workingHours = options.workingHours ?? defaultWorkingHours;
    this.#periods = parseWorkingHours(this.workingHours);

    const years = Object.keys(table)
      .map(Number)
      .sort((a, b) => a - b);
    if (years.length === 0) throw new RangeError('the holiday table has no years');
    // A gap would make coverage() claim a year the table knows nothing about.
    years.forEach((year, i) => {
      if (!Number.isInteger(year)) throw new RangeError(`holiday table key ${year} is not a year`);
      if (i > 0 && year !== years[i - 1]! + 1) throw new RangeError(`the holiday table skips ${years[i - 1]! + 1}`);
    });
    this.#fromYear = years[0]!;
    this.#toYear = years[years.length - 1]!;

    for (const year of years) {
      for (const entry of table[year] ?? []) {
        const day = parseIsoDate(entry.date);
        if (!entry.date.startsWith(`${year}-`)) throw new RangeError(`${entry.date} is listed under ${year}`);
        const working = entry.kind === 'workday';
        if (this.#overrides.get(day) === !working) {
          throw new RangeError(`${entry.date} is both a holiday and a workday`);
        }
        this.#overrides.set(day, working);
      }
    }
  }

  /** The years the table covers. Outside them every Monday–Friday counts as a working day. */
  coverage(): { from: number; to: number } {
    return { from: this.#fromYear, to: this.#toYear };
  }

  /** Whether the table covers the China-time year of `instant`, so callers can warn when it does not. */
  covers(instant: Date): boolean {
    const year = Number(shanghaiDateOf(instant).slice(0, 4));
    return year >= this.#fromYear && year <= this.#toYear;
  }

  /** `date` is 'YYYY-MM-DD' in China time. */
  isWorkingDay(date: string): boolean {
    return this.#isWorkingDay(parseIsoDate(date));
  }

  /**
   * The deadline for "within `days` working days" (N个工作日内). As in 民法典 art. 201 the day of
   * receipt is not counted, whatever the hour and whether or not it is a working day: day 1 is the
   * first working day after it. As in art. 203, where there are office hours the period ends when
   * they do, so the deadline is the close of the Nth such day (17:30 by default).
   */
  addWorkingDays(start: Date, days: number): Date {
    let day = dayOf(instantMs(start, 'start'));
    assertWholeDays(days, 'days');
    for (let counted = 0; counted < days; ) {
      day += 1;
      if (this.#isWorkingDay(day)) counted += 1;
    }
    return new Date(this.#closeOf(day));
  }

  /**
   * The moment `hours` of working time have passed since `start`, counting only the working periods
   * of working days. A limit that runs out exactly at a period's end falls due then (12:00, not
   * 13:30). Fractions of an hour are kept to the millisecond.
   */
  addWorkingHours(start: Date, hours: number): Date {
    assertNonNegative(hours, 'hours');
    return new Date(this.#addWorkingMs(instantMs(start, 'start'), Math.round(hours * hourMs)));
  }

  /**
   * Working time between two instants in milliseconds, the inverse of `addWorkingHours`. Negative
   * when `to` is before `from`. A suspended case (挂起) pauses its clock: the caller subtracts the
   * working time of each suspended span.
   */
  workingMsBetween(from: Date, to: Date): number {
    const a = instantMs(from, 'from');
    const b = instantMs(to, 'to');
    return a <= b ? this.#workingMs(a, b) : -this.#workingMs(b, a);
  }

  /**
   * One entry point for a workflow's time limit. `naturalDays` counts calendar days from the day
   * after receipt; a last day that is not a working day moves to the close of the next working day
   * (民法典 art. 203).
   */
  dueWithin(start: Date, limit: DeadlineLimit): Date {
    const startMs = instantMs(start, 'start');
    switch (limit.unit) {
      case 'hours':
        assertNonNegative(limit.value, 'value');
        return new Date(startMs + Math.round(limit.value * hourMs));
      case 'workingHours':
        return this.addWorkingHours(start, limit.value);
      case 'workingDays':
        return this.addWorkingDays(start, limit.value);
      case 'naturalDays': {
        assertWholeDays(limit.value, 'value');
        let day = dayOf(startMs) + limit.value;
        while (!this.#isWorkingDay(day)) day += 1;
        return new Date(this.#closeOf(day));
      }
    }
  }

  /**
   * When a case turns yellow and red: the moment the given fraction of the working time between
   * `start` and `due` has been used. Below 1 that is the earliest such moment; 1 is `due` itself even
   * when `due` lies after hours (a natural-hours limit), and above 1 counts on from `due`. A limit
   * with no working time in it at all (two natural hours on a Sunday) is split by natural time.
   */
  warningTimes(start: Date, due: Date, thresholds: WarningThresholds): WarningTimes {
    const startMs = instantMs(start, 'start');
    const dueMs = instantMs(due, 'due');
    if (dueMs < startMs) throw new RangeError('due is before start');
    const { yellow, red } = thresholds;
    assertNonNegative(yellow, 'yellow');
    assertNonNegative(red, 'red');
    if (yellow > red) throw new RangeError('the yellow threshold is after the red one');

    const allowed = this.#workingMs(startMs, dueMs);
    const at = (fraction: number): Date => {
      if (allowed === 0) return new Date(startMs + Math.round(fraction * (dueMs - startMs)));
      if (fraction >= 1) return new Date(this.#addWorkingMs(dueMs, Math.round((fraction - 1) * allowed)));
      return new Date(this.#addWorkingMs(startMs, Math.round(fraction * allowed)));
    };
    return { yellow: at(yellow), red: at(red) };
  }

  #isWorkingDay(day: number): boolean {
    const override = this.#overrides.get(day);
    if (override !== undefined) return override;
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  }

  #closeOf(day: number): number {
    return midnightOf(day) + this.#periods[this.#periods.length - 1]![1];
  }

  #addWorkingMs(startMs: number, amount: number): number {
    if (amount === 0) return startMs;
    let remaining = amount;
    for (let day = dayOf(startMs); ; day += 1) {
      if (!this.#isWorkingDay(day)) continue;
      const midnight = midnightOf(day);
      for (const [periodStart, periodEnd] of this.#periods) {
        const end = midnight + periodEnd;
        if (end <= startMs) continue;
        const from = Math.max(startMs, midnight + periodStart);
        if (remaining <= end - from) return from + remaining;
        remaining -= end - from;
      }
    }
  }

  #workingMs(fromMs: number, toMs: number): number {
    let total = 0;
    for (let day = dayOf(fromMs); day <= dayOf(toMs); day += 1) {
      if (!this.#isWorkingDay(day)) continue;
      const midnight = midnightOf(day);
      for (const [periodStart, periodEnd] of this.#periods) {
        total += Math.max(0, Math.min(toMs, midnight + periodEnd) - Math.max(fromMs, midnight + periodStart));
      }
    }
    return total;
  }
}

function dayOf(ms: number): number {
  return Math.floor((ms + chinaOffsetMs) / dayMs);
}

function midnightOf(day: number): number {
  return day * dayMs - chinaOffsetMs;
}

function isoDateOfDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

function parseIsoDate(date: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 02-30 over to 03-02; the round trip catches it.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  }
  return ms / dayMs;
}

function instantMs(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

function assertNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
}

/** Zero days has no meaning under the "receipt day not counted" rule; same-day limits are hours. */
function assertWholeDays(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got ${value}`);
}

function parseWorkingHours(periods: readonly WorkingPeriod[]): [number, number][] {
  if (periods.length === 0) throw new RangeError('working hours need at least one period');
  const parsed = periods.map(({ start, end }): [number, number] => {
    const from = parseClock(start);
    const to = parseClock(end);
    if (to <= from) throw new RangeError(`working period ${start}–${end} ends before it starts`);
    return [from, to];
  });
  parsed.forEach(([from], i) => {
    if (i > 0 && from < parsed[i - 1]![1]) throw new RangeError('working periods must be in order and not overlap');
  });
  return parsed;
}

function parseClock(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (match) return (Number(match[1]) * 60 + Number(match[2])) * minuteMs;
  if (clock === '24:00') return dayMs;
  throw new RangeError(`${clock} is not an HH:MM time`);
}
