import { describe, expect, it } from 'vitest';
import { isFiltered, registerParamsFrom, searchOfRegister } from './list-params.ts';

describe('register list parameters in the address bar', () => {
  it('keeps the people filters the API takes and drops the rest', () => {
    const params = registerParamsFrom(
      'people',
      new URLSearchParams('q=%20张%20&address=a&unit=150602001001&status=gone&personType=02&kind=01&page=3&size=7'),
    );
    expect(params).toEqual({ q: '张', unit: '150602001001', personType: '02', page: 3, pageSize: 20 });
  });

  it('takes each register its own filters', () => {
    expect(registerParamsFrom('houses', new URLSearchParams('rental=true&hazardGrade=01&personType=01'))).toEqual({
      rental: 'true',
      hazardGrade: '01',
      page: 1,
      pageSize: 20,
    });
    expect(registerParamsFrom('organisations', new URLSearchParams('kind=04&attentionLevel=99&status=all'))).toEqual({
      kind: '04',
      status: 'all',
      page: 1,
      pageSize: 20,
    });
  });

  it('writes the filters back as they were read, defaults left out', () => {
    const search = new URLSearchParams('q=139&address=%E9%91%AB%E5%9F%8E&unit=150602&status=moved_out&personType=03&page=2&size=50');
    expect(searchOfRegister(registerParamsFrom('people', search)).toString()).toBe(search.toString());
    expect(searchOfRegister({ page: 1, pageSize: 20 }).toString()).toBe('');
  });

  it('says whether a filter is set', () => {
    expect(isFiltered({ page: 4, pageSize: 50 })).toBe(false);
    expect(isFiltered({ page: 1, pageSize: 20, status: 'all' })).toBe(true);
  });
});
