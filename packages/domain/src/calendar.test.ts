import { describe, expect, it } from 'vitest';
import { holidayEntrySchema, shanghaiDateOf, WorkCalendar, type HolidayTable } from './calendar.ts';
import { holidaysCn } from './holidays-cn.ts';
import { createRng } from './people.ts';

/** An instant written as China wall-clock time. */
const cst = (local: string) => new Date(`${local}+08:00`);
const hourMs = 3_600_000;

const calendar = new WorkCalendar(holidaysCn);

describe('the built-in holiday table', () => {
  it('only ever turns a Saturday or Sunday into a working day', () => {
    for (const entries of Object.values(holidaysCn)) {
      for (const entry of entries.filter((e) => e.kind === 'workday')) {
        expect([0, 6], entry.date).toContain(new Date(`${entry.date}T00:00:00Z`).getUTCDay());
      }
    }
  });

  it('has the 33 days off and 6 make-up days of the 2026 notice', () => {
    const year = holidaysCn[2026]!;
    expect(year.filter((e) => e.kind === 'holiday')).toHaveLength(33);
    expect(year.filter((e) => e.kind === 'workday').map((e) => e.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('passes the schema the API uses for edited entries', () => {
    for (const entries of Object.values(holidaysCn)) {
      for (const entry of entries) expect(holidayEntrySchema.safeParse(entry).success).toBe(true);
    }
  });
});

describe('isWorkingDay', () => {
  it('follows the notices, 调休 weekends included', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday worked before 国庆
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // Wednesday inside 国庆中秋
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday worked after
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday worked before 春节
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false); // Monday, 正月初七
    expect(calendar.isWorkingDay('2024-09-14')).toBe(true); // Saturday worked before 中秋
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true); // 除夕 was not a day off in 2024
  });

  it('falls back to Monday–Friday on ordinary days', () => {
    expect(calendar.isWorkingDay('2025-03-05')).toBe(true);
    expect(calendar.isWorkingDay('2025-03-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-03-09')).toBe(false);
  });
});

describe('addWorkingDays: the receipt day does not count, the deadline is 17:30', () => {
  it('counts the 调休 Sunday before National Day 2025 as a working day', () => {
    const friday = cst('2025-09-26T17:00:00');
    expect(calendar.addWorkingDays(friday, 1)).toEqual(cst('2025-09-28T17:30:00'));
    expect(calendar.addWorkingDays(friday, 2)).toEqual(cst('2025-09-29T17:30:00'));
  });

  it('skips the whole National Day week', () => {
    expect(calendar.addWorkingDays(cst('2025-09-30T09:00:00'), 1)).toEqual(cst('2025-10-09T17:30:00'));
    expect(calendar.addWorkingDays(cst('2025-09-30T09:00:00'), 3)).toEqual(cst('2025-10-11T17:30:00'));
  });

  it('skips 春节 2026 and counts the Saturdays worked either side', () => {
    expect(calendar.addWorkingDays(cst('2026-02-13T10:00:00'), 1)).toEqual(cst('2026-02-14T17:30:00'));
    expect(calendar.addWorkingDays(cst('2026-02-13T10:00:00'), 2)).toEqual(cst('2026-02-24T17:30:00'));
    expect(calendar.addWorkingDays(cst('2026-02-18T10:00:00'), 1)).toEqual(cst('2026-02-24T17:30:00'));
    expect(calendar.addWorkingDays(cst('2026-02-18T10:00:00'), 5)).toEqual(cst('2026-02-28T17:30:00'));
  });

  it('does not count the receipt day even when it arrives before office hours', () => {
    expect(calendar.addWorkingDays(cst('2025-03-03T07:00:00'), 1)).toEqual(cst('2025-03-04T17:30:00'));
  });

  it('counts from the first working day after a weekend receipt', () => {
    expect(calendar.addWorkingDays(cst('2025-03-08T10:00:00'), 1)).toEqual(cst('2025-03-10T17:30:00'));
  });

  it('reads the day in China time, not UTC', () => {
    // 16:30 UTC on the 3rd is 00:30 on the 4th in China: the 4th is the receipt day.
    expect(calendar.addWorkingDays(new Date('2025-03-03T16:30:00Z'), 1)).toEqual(cst('2025-03-05T17:30:00'));
  });
});

describe('addWorkingHours', () => {
  it('skips the lunch break', () => {
    expect(calendar.addWorkingHours(cst('2025-03-03T11:00:00'), 2)).toEqual(cst('2025-03-03T14:30:00'));
    expect(calendar.addWorkingHours(cst('2025-03-03T12:30:00'), 1)).toEqual(cst('2025-03-03T14:30:00'));
  });

  it('carries over the night and the weekend', () => {
    expect(calendar.addWorkingHours(cst('2025-03-03T16:30:00'), 2)).toEqual(cst('2025-03-04T09:30:00'));
    expect(calendar.addWorkingHours(cst('2025-03-07T16:30:00'), 2)).toEqual(cst('2025-03-10T09:30:00'));
    expect(calendar.addWorkingHours(cst('2025-03-08T10:00:00'), 1)).toEqual(cst('2025-03-10T09:30:00'));
  });

  it('falls due at the end of a period, not at the start of the next', () => {
    expect(calendar.addWorkingHours(cst('2025-03-03T08:30:00'), 3.5)).toEqual(cst('2025-03-03T12:00:00'));
    expect(calendar.addWorkingHours(cst('2025-03-03T08:30:00'), 7.5)).toEqual(cst('2025-03-03T17:30:00'));
  });

  it('keeps fractions of an hour', () => {
    expect(calendar.addWorkingHours(cst('2025-03-03T11:45:00'), 0.5)).toEqual(cst('2025-03-03T13:45:00'));
    expect(calendar.addWorkingHours(cst('2025-03-03T09:00:00'), 0.25)).toEqual(cst('2025-03-03T09:15:00'));
    expect(calendar.addWorkingHours(cst('2025-03-03T09:00:00'), 1 / 3)).toEqual(cst('2025-03-03T09:20:00'));
  });

  it('puts a 4-hour report made late on the eve of National Day in the morning after the holiday', () => {
    expect(calendar.addWorkingHours(cst('2025-09-30T17:00:00'), 4)).toEqual(cst('2025-10-09T12:00:00'));
    // The Friday before it is followed by a 调休 Sunday.
    expect(calendar.addWorkingHours(cst('2025-09-26T17:00:00'), 4)).toEqual(cst('2025-09-28T12:00:00'));
  });

  it('runs from the Friday before 春节 2026 into the 调休 Saturday and past the holiday', () => {
    expect(calendar.addWorkingHours(cst('2026-02-13T16:00:00'), 4)).toEqual(cst('2026-02-14T11:00:00'));
    expect(calendar.addWorkingHours(cst('2026-02-14T17:00:00'), 1)).toEqual(cst('2026-02-24T09:00:00'));
  });

  it('returns the start itself for zero hours', () => {
    expect(calendar.addWorkingHours(cst('2025-03-08T10:00:00'), 0)).toEqual(cst('2025-03-08T10:00:00'));
  });
});

describe('workingMsBetween', () => {
  it('counts only working periods of working days', () => {
    expect(calendar.workingMsBetween(cst('2025-03-03T00:00:00'), cst('2025-03-04T00:00:00'))).toBe(7.5 * hourMs);
    expect(calendar.workingMsBetween(cst('2025-03-07T17:00:00'), cst('2025-03-10T09:00:00'))).toBe(hourMs);
    expect(calendar.workingMsBetween(cst('2025-10-01T00:00:00'), cst('2025-10-09T00:00:00'))).toBe(0);
    expect(calendar.workingMsBetween(cst('2025-09-27T00:00:00'), cst('2025-09-29T00:00:00'))).toBe(7.5 * hourMs);
  });

  it('is negative when the end is before the start', () => {
    expect(calendar.workingMsBetween(cst('2025-03-03T10:00:00'), cst('2025-03-03T09:00:00'))).toBe(-hourMs);
  });

  it('undoes addWorkingHours from any start, holidays and uncovered years included', () => {
    const rng = createRng('work-calendar');
    const from = cst('2023-06-01T00:00:00').getTime();
    const to = cst('2027-06-01T00:00:00').getTime();
    for (let i = 0; i < 2_000; i++) {
      const start = new Date(Math.floor(rng.real(from, to)));
      const hours = rng.chance(0.2) ? rng.int(0, 40) / 4 : rng.real(0, 200);
      const due = calendar.addWorkingHours(start, hours);
      expect(calendar.workingMsBetween(start, due)).toBe(Math.round(hours * hourMs));
      expect(calendar.workingMsBetween(due, start) + calendar.workingMsBetween(start, due)).toBe(0);

      // The other way round: the working time between two instants, added back, lands on the first
      // working moment that used all of it, never after the second instant.
      const later = new Date(start.getTime() + Math.floor(rng.real(0, 20 * 24 * hourMs)));
      const used = calendar.workingMsBetween(start, later);
      const reached = calendar.addWorkingHours(start, used / hourMs);
      expect(reached.getTime()).toBeLessThanOrEqual(later.getTime());
      expect(calendar.workingMsBetween(reached, later)).toBe(0);
    }
  });
});

describe('dueWithin', () => {
  const start = cst('2025-09-26T17:00:00');

  it('adds natural hours through holidays', () => {
    expect(calendar.dueWithin(cst('2025-10-01T10:00:00'), { unit: 'hours', value: 24 })).toEqual(
      cst('2025-10-02T10:00:00'),
    );
  });

  it('hands working hours and working days to the calendar', () => {
    expect(calendar.dueWithin(start, { unit: 'workingHours', value: 4 })).toEqual(cst('2025-09-28T12:00:00'));
    expect(calendar.dueWithin(start, { unit: 'workingDays', value: 2 })).toEqual(cst('2025-09-29T17:30:00'));
  });

  it('moves a natural-day deadline that lands on a day off to the next working day', () => {
    expect(calendar.dueWithin(start, { unit: 'naturalDays', value: 3 })).toEqual(cst('2025-09-29T17:30:00'));
    expect(calendar.dueWithin(cst('2025-09-27T10:00:00'), { unit: 'naturalDays', value: 5 })).toEqual(
      cst('2025-10-09T17:30:00'),
    );
  });
});

describe('warningTimes', () => {
  it('turns yellow when three quarters of the working time is used and red at the deadline', () => {
    const start = cst('2025-03-03T08:30:00');
    const due = calendar.addWorkingDays(start, 2); // Wed 17:30: 22.5 working hours from Monday 08:30
    expect(calendar.warningTimes(start, due, { yellow: 0.75, red: 1 })).toEqual({
      yellow: cst('2025-03-05T10:22:30'),
      red: due,
    });
  });

  it('keeps red at a deadline that falls after hours, and counts on from it above 1', () => {
    const start = cst('2025-03-07T16:00:00');
    const due = calendar.dueWithin(start, { unit: 'hours', value: 4 }); // Friday 20:00
    expect(calendar.warningTimes(start, due, { yellow: 0.5, red: 1 })).toEqual({
      yellow: cst('2025-03-07T16:45:00'),
      red: cst('2025-03-07T20:00:00'),
    });
    expect(calendar.warningTimes(start, due, { yellow: 1, red: 1.5 }).red).toEqual(cst('2025-03-10T09:15:00'));
  });

  it('splits a limit with no working time in it by natural time', () => {
    const start = cst('2025-03-09T10:00:00');
    const due = calendar.dueWithin(start, { unit: 'hours', value: 2 });
    expect(calendar.warningTimes(start, due, { yellow: 0.75, red: 1 })).toEqual({
      yellow: cst('2025-03-09T11:30:00'),
      red: due,
    });
  });
});

describe('years the table does not cover', () => {
  it('reports its coverage', () => {
    expect(calendar.coverage()).toEqual({ from: 2024, to: 2026 });
    expect(calendar.covers(cst('2026-12-31T23:59:00'))).toBe(true);
    expect(calendar.covers(cst('2027-01-01T00:00:00'))).toBe(false);
    expect(calendar.covers(cst('2023-12-31T12:00:00'))).toBe(false);
  });

  it('counts Monday to Friday, holidays unknown', () => {
    expect(calendar.isWorkingDay('2027-10-01')).toBe(true); // a Friday; its 国庆 is not in the table
    expect(calendar.isWorkingDay('2023-10-02')).toBe(true);
    expect(calendar.addWorkingDays(cst('2026-12-31T10:00:00'), 2)).toEqual(cst('2027-01-04T17:30:00'));
  });
});

describe('a table and hours other than the defaults', () => {
  it('uses an edited table, e.g. a local day off added by the city', () => {
    const edited: HolidayTable = {
      ...holidaysCn,
      2025: [...holidaysCn[2025]!, { date: '2025-03-03', kind: 'holiday', name: '台风停工' }],
    };
    const local = new WorkCalendar(edited);
    expect(local.isWorkingDay('2025-03-03')).toBe(false);
    expect(local.addWorkingDays(cst('2025-02-28T10:00:00'), 1)).toEqual(cst('2025-03-04T17:30:00'));
    expect(calendar.addWorkingDays(cst('2025-02-28T10:00:00'), 1)).toEqual(cst('2025-03-03T17:30:00'));
  });

  it('uses configured working hours', () => {
    const nineToFive = new WorkCalendar(holidaysCn, { workingHours: [{ start: '09:00', end: '17:00' }] });
    expect(nineToFive.addWorkingDays(cst('2025-03-03T10:00:00'), 1)).toEqual(cst('2025-03-04T17:00:00'));
    expect(nineToFive.addWorkingHours(cst('2025-03-03T16:00:00'), 2)).toEqual(cst('2025-03-04T10:00:00'));
    expect(nineToFive.workingMsBetween(cst('2025-03-03T00:00:00'), cst('2025-03-04T00:00:00'))).toBe(8 * hourMs);
  });
});

describe('China dates', () => {
  it('gives the China-time date of an instant', () => {
    expect(shanghaiDateOf(new Date('2025-09-30T16:30:00Z'))).toBe('2025-10-01');
    expect(shanghaiDateOf(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
  });
});

describe('invalid input', () => {
  const start = cst('2025-03-03T10:00:00');

  it('refuses negative, fractional or zero day counts and negative hours', () => {
    expect(() => calendar.addWorkingDays(start, -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(start, 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(start, 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(start, -0.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(start, Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => calendar.dueWithin(start, { unit: 'hours', value: -1 })).toThrow(RangeError);
    expect(() => calendar.dueWithin(start, { unit: 'naturalDays', value: -2 })).toThrow(RangeError);
  });

  it('refuses invalid dates', () => {
    expect(() => calendar.addWorkingHours(new Date('not a date'), 1)).toThrow(RangeError);
    expect(() => calendar.workingMsBetween(start, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025/03/03')).toThrow(RangeError);
  });

  it('refuses warning thresholds that make no sense', () => {
    const due = calendar.addWorkingDays(start, 1);
    expect(() => calendar.warningTimes(due, start, { yellow: 0.5, red: 1 })).toThrow(RangeError);
    expect(() => calendar.warningTimes(start, due, { yellow: 1, red: 0.5 })).toThrow(RangeError);
    expect(() => calendar.warningTimes(start, due, { yellow: -0.1, red: 1 })).toThrow(RangeError);
  });

  it('refuses a table or working hours it cannot trust', () => {
    const entry = { date: '2025-03-03', kind: 'holiday', name: 'x' } as const;
    expect(() => new WorkCalendar({})).toThrow(RangeError);
    expect(() => new WorkCalendar({ 2024: [], 2026: [] })).toThrow(/skips 2025/);
    expect(() => new WorkCalendar({ 2024: [entry] })).toThrow(/listed under 2024/);
    expect(() => new WorkCalendar({ 2025: [entry, { ...entry, kind: 'workday' }] })).toThrow(RangeError);
    expect(() => new WorkCalendar({ 2025: [{ ...entry, date: '2025-02-30' }] })).toThrow(RangeError);
    const withHours = (workingHours: { start: string; end: string }[]) => () =>
      new WorkCalendar(holidaysCn, { workingHours });
    expect(withHours([])).toThrow(RangeError);
    expect(withHours([{ start: '12:00', end: '08:30' }])).toThrow(RangeError);
    expect(withHours([{ start: '08:30', end: '25:00' }])).toThrow(RangeError);
    expect(
      withHours([
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '17:30' },
      ]),
    ).toThrow(RangeError);
  });
});
