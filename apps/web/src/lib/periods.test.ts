import { describe, expect, it } from 'vitest';
import { chinaToday, isIsoDay, presetPeriod } from './periods.ts';

// 2026-01-01 01:30 in Beijing is still 2025-12-31 in UTC: presets follow the Beijing date.
const newYearMorning = new Date('2025-12-31T17:30:00Z');
const midMay = new Date('2026-05-20T04:00:00Z');

describe('scorecard period presets', () => {
  it('read the date in Beijing', () => {
    expect(chinaToday(newYearMorning)).toEqual({ year: 2026, month: 1, day: 1 });
  });

  it('give whole calendar periods', () => {
    expect(presetPeriod('month', midMay)).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(presetPeriod('quarter', midMay)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('year', midMay)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('threeYears', midMay)).toEqual({ from: '2024-01-01', to: '2026-12-31' });
  });

  it('take last month across the new year', () => {
    expect(presetPeriod('lastMonth', newYearMorning)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('lastMonth', new Date('2024-03-10T04:00:00Z'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('accept only real YYYY-MM-DD days', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-2-28')).toBe(false);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay(null)).toBe(false);
  });
});
