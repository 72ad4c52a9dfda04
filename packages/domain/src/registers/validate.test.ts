import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.ts';
import { mapHeader, registerColumns, type RegisterKind } from './columns.ts';
import type { HouseRecord, OrganisationRecord, PersonRecord } from './records.ts';
import { createRowValidator, type RowValidatorOptions } from './validate.ts';

const today = new Date('2025-06-01T00:00:00Z');
const strict: RowValidatorOptions = { today, idCheck: 'strict' };

/** A validator over the given headers, fed rows as { header: cell }. */
function validatorFor(kind: RegisterKind, headers: string[], options = strict) {
  const validate = createRowValidator(kind, mapHeader(kind, headers).positions, options);
  return (row: Record<string, string>) => validate(headers.map((h) => row[h] ?? ''));
}

const personHeaders = ['人口类型', '姓名', '性别', '出生日期', '民族', '公民身份号码', '联系电话', '户籍地', '证件类型', '国籍（地区）', '外文姓', '流入原因', '人户一致'];
const id = makeIdNumber('150602', '1985-03-12', 1);

describe('population rows', () => {
  const validate = validatorFor('population', personHeaders);

  it('loads every template example as a valid row', () => {
    for (const kind of ['population', 'houses', 'organisations'] as const) {
      const headers = registerColumns[kind].map((c) => c.header);
      const row = registerColumns[kind].map((c) => c.example);
      if (kind === 'population') {
        // The examples describe a 户籍人口; the type-specific examples of other types stay empty.
        registerColumns.population.forEach((c, i) => {
          if (c.key.startsWith('details.')) row[i] = '';
        });
      }
      const result = createRowValidator(kind, mapHeader(kind, headers).positions, strict)(row);
      expect(result.problems, kind).toEqual([]);
    }
  });

  it('reads codes by name and derives birth date and gender from the ID number', () => {
    const r = validate({ 人口类型: '户籍', 姓名: '王建国', 民族: '蒙古', 公民身份号码: id, 户籍地: '内蒙古自治区鄂尔多斯市东胜区', 人户一致: '是' });
    expect(r.problems).toEqual([]);
    const p = r.record as PersonRecord;
    expect(p).toMatchObject({ personType: '01', ethnicity: '02', birthDate: '1985-03-12', gender: '1', idType: '111', registeredDivision: '150602', personHouseholdConsistent: true });
    expect(p.formerName).toBeNull();
    expect(r.flags).toContain('missing:phone');
    expect(r.flags).toContain('missing:householdNumber');
  });

  it('normalises full-width digits and a lower-case x', () => {
    const withX = makeIdNumber('110105', '1949-12-31', 2);
    const lowered = withX.slice(0, 17) + withX[17]!.toLowerCase();
    const fullWidth = [...lowered].map((ch) => (/\d/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
    const r = validate({ 人口类型: '01', 姓名: '李秀英', 公民身份号码: fullWidth });
    expect(r.problems).toEqual([]);
    expect((r.record as PersonRecord).idNumber).toBe(withX);
  });

  it('accepts the usual date forms and Excel serial numbers', () => {
    for (const cell of ['1985-03-12', '1985/3/12', '19850312', '1985年3月12日', '31118']) {
      const r = validate({ 人口类型: '01', 姓名: '王建国', 公民身份号码: id, 出生日期: cell });
      expect(r.problems, cell).toEqual([]);
      expect((r.record as PersonRecord).birthDate).toBe('1985-03-12');
    }
  });

  it('names each problem specifically', () => {
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const reasons = (row: Record<string, string>) => validate(row).problems.map((p) => `${p.column}: ${p.reason}`);
    expect(reasons({ 人口类型: '01', 姓名: '王建国', 公民身份号码: wrong })).toEqual([`公民身份号码: 校验位错误，应为 ${id[17]}`]);
    expect(reasons({ 人口类型: '01', 姓名: '王建国', 公民身份号码: id, 出生日期: '2023-02-30' })).toEqual(['出生日期: 出生日期 2023-02-30 不存在']);
    expect(reasons({ 人口类型: '01', 姓名: '王建国', 公民身份号码: id, 民族: '火星族' })).toEqual(['民族: 民族“火星族”不在 GB 3304 代码表中']);
    expect(reasons({ 人口类型: '01', 公民身份号码: id })).toEqual(['姓名: 必填']);
    expect(reasons({ 人口类型: '01', 姓名: '王建国', 公民身份号码: id, 联系电话: '12345' })).toEqual(['联系电话: 联系电话“12345”应为11位手机号码或带区号的固定电话']);
    expect(reasons({ 人口类型: '01', 姓名: '王建国', 公民身份号码: id, 户籍地: '150699' })).toHaveLength(1);
    expect(reasons({ 人口类型: '01', 姓名: '王建国', 公民身份号码: id, 出生日期: '1985-03-13' })).toEqual(['出生日期: 出生日期与公民身份号码不一致（号码中为 1985-03-12）']);
    expect(reasons({ 人口类型: '01', 姓名: '王建国', 公民身份号码: id, 性别: '女' })).toEqual(['性别: 性别与公民身份号码不一致（号码中为男）']);
    expect(reasons({ 人口类型: '02', 姓名: '王建国', 公民身份号码: id })).toEqual(['流入原因: 流动人口必填']);
    expect(reasons({ 人口类型: '01', 姓名: '王建国', 公民身份号码: id, 人户一致: '也许' })).toEqual(['人户一致: “也许”应为 是 或 否']);
  });

  it('requires document type, nationality and foreign name for 境外人员, without a GB 11643 check', () => {
    expect(validate({ 人口类型: '境外人员', 姓名: '谢尔盖', 公民身份号码: '75 1234567' }).problems.map((p) => p.column)).toEqual(['证件类型', '外文姓', '国籍（地区）']);
    const r = validate({ 人口类型: '境外人员', 姓名: '谢尔盖', 公民身份号码: '751234567', 证件类型: '护照', '国籍（地区）': 'RUS', 外文姓: 'IVANOV' });
    expect(r.problems).toEqual([]);
    expect(r.record).toMatchObject({ idType: '414', idNumber: '751234567', details: { nationality: 'RUS', foreignSurname: 'IVANOV' } });
  });

  it('strict rejects a bad checksum or birth date; warn loads the row with a flag', () => {
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const impossible = '150602198502300010';
    const warn = validatorFor('population', personHeaders, { today, idCheck: 'warn' });
    expect(validate({ 人口类型: '01', 姓名: '王建国', 公民身份号码: impossible }).problems[0]?.reason).toMatch(/出生日期 1985-02-30 不存在/);
    const a = warn({ 人口类型: '01', 姓名: '王建国', 公民身份号码: wrong });
    expect(a.problems).toEqual([]);
    expect(a.flags).toContain('id_checksum');
    const b = warn({ 人口类型: '01', 姓名: '王建国', 公民身份号码: impossible });
    expect(b.flags).toContain('id_birth_date');
    // A number of the wrong shape is refused in either mode.
    expect(warn({ 人口类型: '01', 姓名: '王建国', 公民身份号码: '1506021985' }).record).toBeNull();
  });
});

describe('houses and organisations', () => {
  it('asks for the rental use of a rented house and flags over-occupancy', () => {
    const validate = validatorFor('houses', ['房屋编号', '所属网格', '小区（街路巷）', '是否出租', '出租用途', '限住人数', '实住人数']);
    const base = { 房屋编号: 'H001', 所属网格: '150602006001001', '小区（街路巷）': '伊泰华府' };
    expect(validate({ ...base, 是否出租: '是' }).problems).toEqual([{ column: '出租用途', reason: '出租房屋必填', reasonEn: 'Required for a rented house' }]);
    const r = validate({ ...base, 是否出租: 'Y', 出租用途: '住房', 限住人数: '2', 实住人数: '5' });
    expect((r.record as HouseRecord).rental).toBe(true);
    expect(r.flags).toContain('over_occupancy');
    expect(validate({ ...base, 所属网格: '1506' }).problems[0]?.column).toBe('所属网格');
  });

  it('checks credit codes and reads the category by the organisation kind', () => {
    const validate = validatorFor('organisations', ['统一社会信用代码', '单位名称', '单位类型', '单位类别', '所属网格', '办学类型']);
    const base = { 单位名称: '华为技术有限公司', 单位类型: '非公有制经济组织', 所属网格: '150602006001001' };
    expect(validate({ ...base, 统一社会信用代码: '914403001922038217' }).problems[0]?.reason).toBe('统一社会信用代码校验位错误，应为 6');
    const r = validate({ ...base, 统一社会信用代码: '914403001922038216', 单位类别: '内资企业' });
    expect(r.problems).toEqual([]);
    expect((r.record as OrganisationRecord).category).toBe('01');
    expect(validate({ ...base, 统一社会信用代码: '914403001922038216', 单位类型: '学校' }).problems[0]?.reason).toBe('学校必填');
  });
});
