import { describe, expect, it } from 'vitest';
import counties from './county-codes.json' with { type: 'json' };
import { countyName, isCountyCode, resolveDivision } from './divisions.ts';

describe('GB/T 2260 counties', () => {
  it('holds the 2,978 county-level units with unique full names', () => {
    const names = Object.values(counties);
    expect(names).toHaveLength(2978);
    expect(new Set(names).size).toBe(names.length);
  });

  it('names a county and reads a division cell', () => {
    expect(countyName('150602')).toBe('内蒙古自治区鄂尔多斯市东胜区');
    expect(countyName('110101')).toBe('北京市东城区');
    expect(isCountyCode('150600')).toBe(false);
    expect(resolveDivision('150602')).toBe('150602');
    expect(resolveDivision('150602001')).toBe('150602');
    expect(resolveDivision('150602001001')).toBe('150602');
    expect(resolveDivision(' 内蒙古自治区鄂尔多斯市东胜区 ')).toBe('150602');
    expect(resolveDivision('999999')).toBeUndefined();
    expect(resolveDivision('东胜区')).toBeUndefined();
  });
});
