import { describe, expect, it } from 'vitest';
import { listParamsFrom, searchOf } from './list-params.ts';

describe('dispute list parameters in the address bar', () => {
  it('keeps the filters the API takes and drops the rest', () => {
    const params = listParamsFrom(
      new URLSearchParams('state=mediating&typeCode=labour&riskGrade=extreme&orgCode=150602001&mediatorId=nope&from=2026-01-01&to=2025-12-31&q=%20邻里%20&page=3&size=7'),
    );
    expect(params).toEqual({ state: 'mediating', typeCode: 'labour', orgCode: '150602001', from: '2026-01-01', q: '邻里', page: 3, pageSize: 20 });
  });

  it('writes a figure drill-down back as it was read', () => {
    const search = new URLSearchParams('measure=resolved&mediationOrgId=0b0e7a52-5b1c-4b7e-9d0c-0a3f6b1d2e4f&from=2026-01-01&to=2026-12-31');
    expect(searchOf(listParamsFrom(search)).toString()).toBe(
      'mediationOrgId=0b0e7a52-5b1c-4b7e-9d0c-0a3f6b1d2e4f&from=2026-01-01&to=2026-12-31&measure=resolved',
    );
  });

  it('leaves page 1 and the default size out', () => {
    expect(searchOf({ page: 1, pageSize: 20 }).toString()).toBe('');
    expect(searchOf({ page: 2, pageSize: 50, state: 'settled' }).toString()).toBe('state=settled&page=2&size=50');
  });
});
