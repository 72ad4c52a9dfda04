import { describe, expect, it } from 'vitest';
import { codeLabel, isCode, registerCodeTableIds, registerCodeTables, resolveCode } from './codes.ts';

describe('register code tables', () => {
  it('every table names its source and has unique codes', () => {
    for (const id of registerCodeTableIds) {
      const t = registerCodeTables[id];
      expect(t.id).toBe(id);
      expect(t.source.length).toBeGreaterThan(10);
      const codes = t.entries.map((e) => e.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('no spelling resolves to two different codes of one table', () => {
    for (const id of registerCodeTableIds) {
      for (const e of registerCodeTables[id].entries) {
        expect(resolveCode(id, e.code), `${id} ${e.code}`).toBe(e.code);
        expect(resolveCode(id, e.zh), `${id} ${e.zh}`).toBe(e.code);
      }
    }
  });

  it('reads ethnicities by code, unpadded code, full, short and legacy name', () => {
    expect(resolveCode('ethnicity', '02')).toBe('02');
    expect(resolveCode('ethnicity', '2')).toBe('02');
    expect(resolveCode('ethnicity', ' 蒙古族 ')).toBe('02');
    expect(resolveCode('ethnicity', '蒙古')).toBe('02');
    expect(resolveCode('ethnicity', '毛难族')).toBe('36');
    expect(resolveCode('ethnicity', '崩龙族')).toBe('46');
    expect(resolveCode('ethnicity', 'mongol')).toBe('02');
    expect(resolveCode('ethnicity', '火星族')).toBeUndefined();
    expect(resolveCode('ethnicity', '')).toBeUndefined();
  });

  it('reads the other national tables the way spreadsheets write them', () => {
    expect(resolveCode('gender', '男')).toBe('1');
    expect(resolveCode('gender', '女性')).toBe('2');
    expect(resolveCode('relationToHead', '户主')).toBe('02');
    expect(resolveCode('relationToHead', '2')).toBe('02');
    expect(resolveCode('politicalStatus', '中共党员')).toBe('01');
    expect(resolveCode('politicalStatus', '群众')).toBe('13');
    expect(resolveCode('education', '本科')).toBe('20');
    expect(resolveCode('education', '大专')).toBe('30');
    expect(resolveCode('idType', '身份证')).toBe('111');
    expect(resolveCode('nationality', 'rus')).toBe('RUS');
    expect(resolveCode('nationality', '蒙古国')).toBe('MNG');
    expect(resolveCode('nationality', 'US')).toBe('USA');
    expect(resolveCode('occupationCategory', 'X')).toBe('7');
    expect(resolveCode('personType', '流动人口')).toBe('02');
  });

  it('labels codes in either language and leaves unknown codes as they are', () => {
    expect(codeLabel('ethnicity', '01')).toBe('汉族');
    expect(codeLabel('ethnicity', '01', 'en')).toBe('Han');
    expect(codeLabel('hazardGrade', '01')).toBe('严重');
    expect(codeLabel('gender', '7')).toBe('7');
    expect(isCode('maritalStatus', '21')).toBe(true);
    expect(isCode('maritalStatus', '2')).toBe(false);
  });
});
