import { describe, expect, it } from 'vitest';
import { isCode } from './codes.ts';
import { mapHeader, registerColumns, registerKinds } from './columns.ts';

describe('register columns', () => {
  it('have unique keys and headers, and code columns name a table', () => {
    for (const kind of registerKinds) {
      const columns = registerColumns[kind];
      expect(new Set(columns.map((c) => c.key)).size).toBe(columns.length);
      expect(new Set(columns.map((c) => c.header)).size).toBe(columns.length);
      for (const c of columns) if (c.kind === 'code') expect(c.table, c.key).toBeDefined();
    }
    expect(registerColumns.population).toHaveLength(40);
    expect(isCode('personType', '01')).toBe(true);
  });

  it('maps zh, en and alias headers, ignoring spaces and the required marker', () => {
    const m = mapHeader('population', ['人口类型*', ' Name ', '身份证号', '手机号', '联系方式', '火星', '', '姓名']);
    expect(m.positions.map((c) => c?.key ?? null)).toEqual(['personType', 'name', 'idNumber', 'phone', null, null, null, null]);
    expect(m.duplicated).toEqual(['联系方式', '姓名']);
    expect(m.unknown).toEqual(['火星']);
    expect(m.missing).toEqual([]);
    // The template marks required columns with a leading star, full- or half-width.
    expect(mapHeader('population', ['*人口类型', '＊姓名', '*公民身份号码']).positions.map((c) => c?.key)).toEqual(['personType', 'name', 'idNumber']);
  });

  it('reports the required columns a file lacks', () => {
    const m = mapHeader('population', ['姓名', '民族']);
    expect(m.missing.map((c) => c.header)).toEqual(['人口类型', '公民身份号码']);
    expect(mapHeader('houses', ['房屋编码']).missing.map((c) => c.key)).toEqual(['gridCode', 'compound']);
  });
});
