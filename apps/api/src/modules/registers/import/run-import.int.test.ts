import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock.ts';
import type { DbHandle } from '../../../platform/db/client.ts';
import { PersonalDataCipher } from '../../../platform/personal-data.ts';
import { cloneTemplate, testClockStart } from '../../../testing/template.ts';
import ExcelJS from 'exceljs';
import { encodeGbk } from '../../../platform/tabular/test-fixtures.ts';
import { markInterruptedImports, runImport, type RunImportOptions } from './run-import.ts';
import { samplePopulationRows, writeSamplePopulationCsv } from './sample-files.ts';

let handle: DbHandle;
let dir: string;
const clock = new ManualClock(testClockStart);
const cipher = new PersonalDataCipher(randomBytes(32));
const district = { userId: null, displayName: '测试导入', scopePaths: ['15.1506.150602'] };
const grids = ['150602001001001', '150602001001002', '150602001002001', '150602002001001'];

beforeAll(async () => {
  handle = await cloneTemplate(inject('dbTemplate'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-import-'));
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

function options(filePath: string, extra: Partial<RunImportOptions> = {}): RunImportOptions {
  return {
    handle,
    clock,
    cipher,
    kind: 'population',
    filePath,
    fileName: path.basename(filePath),
    mode: 'all_or_nothing',
    idCheck: 'strict',
    actor: district,
    errorReportPath: path.join(dir, `${path.basename(filePath)}.errors.xlsx`),
    ...extra,
  };
}

async function count(table: string): Promise<number> {
  const { rows } = await handle.query<{ n: number | string }>(`select count(*)::int as n from ${table}`);
  return Number(rows[0]!.n);
}

describe('population import', () => {
  it('loads a good file', async () => {
    const target = path.join(dir, 'good.csv');
    await writeSamplePopulationCsv(target, { rows: 1200, grids, seed: 1 });
    const summary = await runImport(options(target, { batchSize: 500 }));
    expect(summary).toMatchObject({ status: 'done', totalRows: 1200, created: 1200, updated: 0, unchanged: 0, bad: 0, encoding: 'UTF-8', errorFile: null });
    expect(await count('person')).toBe(1200);
    const again = await runImport(options(target, { batchSize: 500 }));
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 1200, bad: 0 });
    expect(await count('person')).toBe(1200);
    const { rows } = await handle.query<{ status: string; created_rows: number; unchanged_rows: number; file_sha256: string }>(
      `select status, created_rows, unchanged_rows, file_sha256 from register_import order by started_at, id`,
    );
    expect(rows.slice(-2).map((r) => [r.status, r.created_rows, r.unchanged_rows])).toEqual([['done', 1200, 0], ['done', 0, 1200]]);
    expect(rows.at(-1)!.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await handle.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'register.import'`);
    expect(Number(audit.rows[0]!.n)).toBeGreaterThanOrEqual(2);
    // Households were found or created from 户号, the head's relation kept.
    const heads = await handle.query<{ n: number }>(`select count(*)::int as n from person where household_id is not null and relation_to_head = '02'`);
    expect(Number(heads.rows[0]!.n)).toBeGreaterThan(100);
  });

  it('updates a changed row and writes its history; personal fields only as changed', async () => {
    const rows = [...samplePopulationRows({ rows: 3, grids, seed: 'changed' })];
    const first = file('changed-1.csv', csv(rows));
    expect((await runImport(options(first))).created).toBe(3);
    const edited = rows.map((r) => [...r]);
    edited[2]![1] = '改名字';
    edited[2]![6] = '13912345678';
    const second = file('changed-2.csv', csv(edited));
    clock.advance(5 * 60_000);
    const summary = await runImport(options(second));
    expect(summary).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 2 });
    const idBidx = cipher.blindIndex('id', rows[2]![5]!);
    const person = await handle.query<{ id: string; name: string; version: number; phone_enc: Buffer; phone_bidx: Buffer }>(
      `select id::text, name, version, phone_enc, phone_bidx from person where id_bidx = $1`,
      [idBidx],
    );
    expect(person.rows[0]).toMatchObject({ name: '改名字', version: 2 });
    expect(cipher.open('phone', person.rows[0]!.phone_enc, person.rows[0]!.phone_bidx)).toBe('13912345678');
    const history = await handle.query<{ action: string; version: number; changes: Record<string, unknown>; import_id: string }>(
      `select action, version, changes, import_id::text from register_history where entity_id = $1`,
      [person.rows[0]!.id],
    );
    expect(history.rows).toHaveLength(1);
    expect(history.rows[0]).toMatchObject({ action: 'update', version: 2, import_id: summary.importId });
    expect(history.rows[0]!.changes).toEqual({ name: { from: rows[2]![1], to: '改名字' }, phone: { changed: true } });
  });

  it('refuses a file with wrong columns, naming them, and writes nothing', async () => {
    const before = await count('person');
    const target = file('wrong.csv', csv([['姓名', '身份证号', '爱好'], ['张三', '150602199003071234', '下棋']]));
    const summary = await runImport(options(target));
    expect(summary.status).toBe('refused');
    expect(summary.message).toContain('缺少必填列：人口类型');
    expect(summary.message).toContain('无法识别的列：爱好');
    expect(summary.errorFile).toBeNull();
    expect(await count('person')).toBe(before);
    const { rows } = await handle.query<{ status: string; message: string }>(`select status, message from register_import where id = $1`, [summary.importId]);
    expect(rows[0]).toMatchObject({ status: 'refused' });
    expect(rows[0]!.message).toContain('爱好');
  });

  it('reads a GBK file', async () => {
    const rows = [...samplePopulationRows({ rows: 20, grids, seed: 'gbk' })];
    const target = file('gbk.csv', encodeGbk(csv(rows).replace(/\n/g, '\r\n')));
    const summary = await runImport(options(target));
    expect(summary).toMatchObject({ status: 'done', encoding: 'GB18030', created: 20, bad: 0 });
    const names = await handle.query<{ name: string }>(`select name from person where import_id = $1 order by import_row limit 1`, [summary.importId]);
    expect(names.rows[0]!.name).toBe(rows[1]![1]);
  });

  it('refuses a file in a broken encoding, naming the line', async () => {
    const bytes = Buffer.concat([Buffer.from(csv([...samplePopulationRows({ rows: 2, grids, seed: 'broken' })])), Buffer.from([0xff, 0xfe, 0xfd])]);
    const summary = await runImport(options(file('broken.csv', bytes)));
    expect(summary.status).toBe('refused');
    expect(summary.message).toContain('第 4 行');
  });

  it('reports duplicated ID numbers, impossible dates and unknown codes with row, column and reason', async () => {
    const rows = [...samplePopulationRows({ rows: 8, grids, seed: 'dups' })];
    rows.push([...rows[2]!]); // row 10 repeats row 3 (same batch)
    rows.push([...rows[7]!]); // row 11 repeats row 8 (another batch with batchSize 4)
    rows[4]![3] = '1990-02-30';
    rows[5]![4] = '火星族';
    const target = file('dups.csv', csv(rows));
    const before = await count('person');
    const summary = await runImport(options(target, { batchSize: 4 }));
    expect(summary).toMatchObject({ status: 'refused', totalRows: 10, bad: 4, created: 0 });
    expect(await count('person')).toBe(before);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(summary.errorFile!);
    const report = workbook.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1, 4));
    expect(report[0]).toEqual(['行号', '列', '原因']);
    expect(report).toContainEqual([5, '出生日期', '出生日期：出生日期 1990-02-30 不存在']);
    expect(report.find((r) => r[0] === 6)?.[2]).toContain('火星族');
    expect(report).toContainEqual([10, '公民身份号码', '公民身份号码：与第 3 行重复']);
    expect(report).toContainEqual([11, '公民身份号码', '公民身份号码：与第 8 行重复']);
    expect(fs.existsSync(summary.errorCsv!)).toBe(true);
  });

  it('with 10 % garbage: all-or-nothing loads nothing, good rows loads the rest', async () => {
    const target = path.join(dir, 'garbage.csv');
    await writeSamplePopulationCsv(target, { rows: 600, grids, seed: 'garbage', garbageShare: 0.1 });
    const before = await count('person');
    const refused = await runImport(options(target, { batchSize: 100 }));
    expect(refused.status).toBe('refused');
    expect(refused.bad).toBeGreaterThan(30);
    expect(refused.bad).toBeLessThan(100);
    expect(await count('person')).toBe(before);
    const loaded = await runImport(options(target, { batchSize: 100, mode: 'good_rows' }));
    expect(loaded).toMatchObject({ status: 'done', bad: refused.bad });
    // A few sample ID numbers coincide with earlier tests' people: those rows update them.
    expect(loaded.created + loaded.updated + loaded.unchanged).toBe(600 - refused.bad);
    expect(await count('person')).toBe(before + loaded.created);
  });

  it('refuses rows in grids outside the importer’s scope', async () => {
    const community = { userId: null, displayName: '社区', scopePaths: ['15.1506.150602.150602001.150602001001'] };
    const rows = [...samplePopulationRows({ rows: 4, grids: ['150602001001001'], seed: 'scope' })];
    rows[2]![9] = '150602002001001';
    const summary = await runImport(options(file('scope.csv', csv(rows)), { actor: community, mode: 'good_rows' }));
    expect(summary).toMatchObject({ status: 'done', created: 3, bad: 1 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(summary.errorFile!);
    expect(workbook.worksheets[0]!.getRow(2).getCell(3).value).toBe('所属网格：网格不在您的管辖范围');
  });

  it('imports houses with their address tree, people in them, and organisations', async () => {
    const houses = [
      ['房屋编号', '所属网格', '小区（街路巷）', '楼栋', '单元', '户室', '是否出租', '出租用途', '建筑面积', '房主证件号码'],
      ['H-001', '150602001001001', '伊泰华府', '3号楼', '2单元', '101', '否', '', '89.5', ''],
      ['H-002', '150602001001001', '伊泰华府', '3号楼', '2单元', '102', '是', '住房', '90', '150602198503120018'],
      ['H-003', '150602001001002', '伊泰华府', '5号楼', '', '', '否', '', '', ''],
    ];
    const first = await runImport(options(file('houses.csv', csv(houses)), { kind: 'houses' }));
    expect(first).toMatchObject({ status: 'done', created: 3, bad: 0 });
    const tree = await handle.query<{ code: string; level: string; full_name: string }>(`select code, level, full_name from address order by code`);
    expect(tree.rows.map((r) => [r.code, r.level])).toEqual([
      ['150602001001001', 'compound'],
      ['150602001001001001', 'building'],
      ['15060200100100100101', 'unit'],
      ['150602001001001001010001', 'room'],
      ['150602001001001001010002', 'room'],
      ['150602001001001002', 'building'],
    ]);
    expect(tree.rows[3]!.full_name).toContain('伊泰华府3号楼2单元101');
    expect((await runImport(options(file('houses.csv', csv(houses)), { kind: 'houses' }))).unchanged).toBe(3);

    const people = [...samplePopulationRows({ rows: 2, grids, seed: 'housed' })];
    people[0]!.push('房屋编号');
    people[1]!.push('H-002');
    people[2]!.push('H-404');
    const housed = await runImport(options(file('housed.csv', csv(people)), { mode: 'good_rows' }));
    expect(housed).toMatchObject({ created: 1, bad: 1 });
    const linked = await handle.query<{ n: number }>(`select count(*)::int as n from person p join house h on h.id = p.house_id where h.code = 'H-002' and p.address_id = h.address_id`);
    expect(Number(linked.rows[0]!.n)).toBe(1);

    const organisations = [
      ['统一社会信用代码', '单位名称', '单位类型', '所属网格', '法定代表人证件号码', '办学类型'],
      ['91150602MA0N4XKQ22', '草原物流有限公司', '非公有制经济组织', '150602001001001', '150602197604230019', ''],
      ['DJ-2024-001', '东胜区第一小学', '学校', '150602001001001', '', ''],
    ];
    const orgs = await runImport(options(file('orgs.csv', csv(organisations)), { kind: 'organisations', mode: 'good_rows' }));
    expect(orgs).toMatchObject({ status: 'done', created: 1, bad: 1 });
  });

  it('marks imports left running by a killed process as interrupted', async () => {
    await handle.query(
      `insert into register_import (kind, file_name, mode, status, actor_name, org_path, county_code, started_at) values ('population', 'killed.csv', 'good_rows', 'running', 'x', '15.1506.150602', '150602', now())`,
    );
    expect(await markInterruptedImports(handle, clock)).toBe(1);
    const { rows } = await handle.query<{ status: string }>(`select status from register_import where file_name = 'killed.csv'`);
    expect(rows[0]!.status).toBe('interrupted');
  });
});
