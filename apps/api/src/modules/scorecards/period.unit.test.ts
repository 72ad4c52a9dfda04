import { describe, expect, it } from 'vitest';
import { splitPeriod } from './period.ts';

describe('splitPeriod', () => {
  it('reads whole months from the monthly rollup and the partial ones at either end by day', () => {
    expect(splitPeriod('2025-06-15', '2026-06-14')).toEqual({
      months: ['2025-07-01', '2026-05-01'],
      days: [
        ['2025-06-15', '2025-06-30'],
        ['2026-06-01', '2026-06-14'],
      ],
    });
  });

  it('needs no days when the period is whole months, across a year end and a leap February', () => {
    expect(splitPeriod('2023-12-01', '2024-02-29')).toEqual({ months: ['2023-12-01', '2024-02-01'], days: [] });
    expect(splitPeriod('2026-06-01', '2026-06-30')).toEqual({ months: ['2026-06-01', '2026-06-01'], days: [] });
  });

  it('keeps one partial end as days', () => {
    expect(splitPeriod('2026-01-01', '2026-03-10')).toEqual({ months: ['2026-01-01', '2026-02-01'], days: [['2026-03-01', '2026-03-10']] });
    expect(splitPeriod('2026-01-20', '2026-02-28')).toEqual({ months: ['2026-02-01', '2026-02-01'], days: [['2026-01-20', '2026-01-31']] });
  });

  it('is all days without a whole month', () => {
    expect(splitPeriod('2026-06-02', '2026-06-30')).toEqual({ months: null, days: [['2026-06-02', '2026-06-30']] });
    expect(splitPeriod('2026-01-15', '2026-02-14')).toEqual({ months: null, days: [['2026-01-15', '2026-02-14']] });
    expect(splitPeriod('2026-03-05', '2026-03-05')).toEqual({ months: null, days: [['2026-03-05', '2026-03-05']] });
  });
});
