import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { TabularError } from './errors.ts';
import { openTabular, sniffTabular } from './open.ts';
import { tempFolder } from './test-fixtures.ts';
import { rowsOf, type TabularRow } from './types.ts';
import { numberText } from './xlsx.ts';

const dir = tempFolder('xlsx');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string): Promise<{ encoding: string; rows: TabularRow[] }> {
  const reader = await openTabular(file);
  const rows: TabularRow[] = [];
  for await (const row of rowsOf(reader)) rows.push(row);
  return { encoding: reader.encoding, rows };
}

describe('xlsx reader', () => {
  it('reads the first worksheet as text: dates, long numbers, rich text, formulas, gaps', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('实有人口');
    sheet.addRow(['姓名', '公民身份号码', '出生日期', '面积', '备注', '是否']);
    sheet.addRow(['张三', '150602199003071234', new Date(Date.UTC(1990, 2, 7)), 88.5, { richText: [{ text: '加粗' }, { text: '文字' }] }, true]);
    // An ID number typed into a number cell: Excel keeps 15 significant digits.
    sheet.addRow(['李四', Number('150602199003071234'), '1990-03-07', 1e21, { formula: '1+1', result: 2 }, false]);
    sheet.addRow([]);
    sheet.addRow(['王五', '', '', 0.0000001]);
    workbook.addWorksheet('其他').addRow(['不读这一页']);
    const file = path.join(dir, 'people.bin');
    await workbook.xlsx.writeFile(file);

    const { encoding, rows } = await readAll(file);
    expect(encoding).toBe('xlsx');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(rows[1]!.cells).toEqual(['张三', '150602199003071234', '1990-03-07', '88.5', '加粗文字', 'TRUE']);
    expect(rows[1]!.problems).toBeUndefined();
    // The 18-digit number has been rounded by Excel already: reported on its cell, written out without an exponent.
    expect(rows[2]!.cells).toEqual(['李四', '150602199003071230', '1990-03-07', '1000000000000000000000', '2', 'FALSE']);
    expect(rows[2]!.problems?.map((p) => p.cell)).toEqual([1, 3]);
    expect(rows[2]!.problems?.[0]!.reason).toContain('超过 15 位');
    expect(rows[3]!.cells).toEqual(['王五', '', '', '0.0000001']);
  });

  it('detects the type from the bytes, not the name, and refuses old .xls files', async () => {
    expect(sniffTabular(Buffer.from('PK\u0003\u0004'))).toBe('xlsx');
    expect(sniffTabular(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls');
    expect(sniffTabular(Buffer.from('姓名,性别'))).toBe('csv');
    const csvNamedXlsx = path.join(dir, 'really-a.xlsx');
    fs.writeFileSync(csvNamedXlsx, '姓名,性别\n张三,1\n');
    expect((await readAll(csvNamedXlsx)).rows).toHaveLength(2);
    const xls = path.join(dir, 'old.xls');
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(openTabular(xls)).rejects.toThrow(/\.xls/);
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    await expect(openTabular(empty)).rejects.toBeInstanceOf(TabularError);
  });

  it('refuses a broken zip with a clear error', async () => {
    const file = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    await expect(readAll(file)).rejects.toThrow(/Excel/);
  });

  it('writes numbers the way they were typed', () => {
    expect(numberText(Number('110101199003071234'))).toBe('110101199003071230');
    expect(numberText(1.5e-7)).toBe('0.00000015');
    expect(numberText(42)).toBe('42');
  });
});
