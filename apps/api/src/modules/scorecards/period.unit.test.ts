import { describe, expect, it } from 'vitest';
import { splitPeriod } from './period.ts';

const add = (from: string, to: string) => ({ range: [from, to], sign: 1 });
const takeAway = (from: string, to: string) => ({ range: [from, to], sign: -1 });

describe('splitPeriod', () => {
  it('reads whole months by month and the days of a partial month inside the period when they are fewer', () => {
    expect(splitPeriod('2025-06-20', '2026-06-10')).toEqual({
      months: ['2025-07-01', '2026-05-01'],
      days: [add('2025-06-20', '2025-06-30'), add('2026-06-01', '2026-06-10')],
    });
  });

  it('reads a mostly covered month whole and takes away the days outside the period', () => {
    // The last 365 days: 23–30 November by day, the current November whole less its last eight days.
    expect(splitPeriod('2025-11-23', '2026-11-22')).toEqual({
      months: ['2025-12-01', '2026-11-01'],
      days: [add('2025-11-23', '2025-11-30'), takeAway('2026-11-23', '2026-11-30')],
    });
    expect(splitPeriod('2025-08-03', '2026-01-27')).toEqual({
      months: ['2025-08-01', '2026-01-01'],
      days: [takeAway('2025-08-01', '2025-08-02'), takeAway('2026-01-28', '2026-01-31')],
    });
  });

  it('needs no days when the period is whole months, across a year end and a leap February', () => {
    expect(splitPeriod('2023-12-01', '2024-02-29')).toEqual({ months: ['2023-12-01', '2024-02-01'], days: [] });
    expect(splitPeriod('2026-06-01', '2026-06-30')).toEqual({ months: ['2026-06-01', '2026-06-01'], days: [] });
  });

  it('splits a period inside one month the cheaper way', () => {
    expect(splitPeriod('2026-06-02', '2026-06-30')).toEqual({ months: ['2026-06-01', '2026-06-01'], days: [takeAway('2026-06-01', '2026-06-01')] });
    expect(splitPeriod('2025-10-03', '2025-10-27')).toEqual({
      months: ['2025-10-01', '2025-10-01'],
      days: [takeAway('2025-10-01', '2025-10-02'), takeAway('2025-10-28', '2025-10-31')],
    });
    expect(splitPeriod('2026-03-05', '2026-03-05')).toEqual({ months: null, days: [add('2026-03-05', '2026-03-05')] });
    expect(splitPeriod('2026-02-01', '2026-02-14')).toEqual({ months: null, days: [add('2026-02-01', '2026-02-14')] });
  });

  it('counts every day of the period exactly once', () => {
    const periods = [
      ['2024-02-10', '2024-03-20'],
      ['2025-01-31', '2025-03-01'],
      ['2025-12-31', '2026-01-01'],
      ['2023-03-02', '2026-03-01'],
    ] as const;
    for (const [from, to] of periods) {
      const counted = new Map<string, number>();
      const count = (a: string, b: string, sign: number) => {
        for (let d = new Date(`${a}T00:00:00Z`); d <= new Date(`${b}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
          const key = d.toISOString().slice(0, 10);
          counted.set(key, (counted.get(key) ?? 0) + sign);
        }
      };
      const split = splitPeriod(from, to);
      if (split.months) {
        const [first, last] = split.months;
        const end = new Date(`${last}T00:00:00Z`);
        count(first, new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).toISOString().slice(0, 10), 1);
      }
      for (const { range, sign } of split.days) count(range[0], range[1], sign);
      for (const [key, n] of counted) expect(n, `${from}…${to}: ${key}`).toBe(key >= from && key <= to ? 1 : 0);
    }
  });
});
