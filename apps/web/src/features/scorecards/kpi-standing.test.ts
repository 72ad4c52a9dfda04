import { describe, expect, it } from 'vitest';
import { compareNullable, formatKpi, formatRate, standingOf } from './kpi-standing.ts';

describe('scorecard figures on the page', () => {
  it('show a rate to one decimal, and no cases as a dash rather than 0 %', () => {
    expect(formatRate(0.95436)).toBe('95.4%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
    expect(formatKpi('avgHandleHours', 12.345)).toBe('12.3');
  });

  it('colour a rate by its target, the rework rate the other way round', () => {
    expect(standingOf('onTimeCloseRate', 0.93)).toBe('good');
    expect(standingOf('onTimeCloseRate', 0.85)).toBe('fair');
    expect(standingOf('onTimeCloseRate', 0.6)).toBe('poor');
    expect(standingOf('reworkRate', 0.02)).toBe('good');
    expect(standingOf('reworkRate', 0.2)).toBe('poor');
    expect(standingOf('satisfactionRate', null)).toBe('none');
    expect(standingOf('avgHandleHours', 30)).toBe('none');
  });

  it('sort units without cases last in either direction', () => {
    const values = [0.5, null, 0.9, 0.7];
    expect([...values].sort((a, b) => compareNullable(a, b, 'ascend'))).toEqual([0.5, 0.7, 0.9, null]);
    // antd reverses the comparator for a descending sort.
    expect([...values].sort((a, b) => -compareNullable(a, b, 'descend'))).toEqual([0.9, 0.7, 0.5, null]);
  });
});
