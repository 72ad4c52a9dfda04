import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv } from './csv.ts';
import { ErrorReport } from './error-report.ts';
import { tempFolder } from './test-fixtures.ts';
import { rowsOf } from './types.ts';

const dir = tempFolder('errors');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('error report', () => {
  it('writes 行号, 列, 原因 and the original cells to .xlsx and CSV', async () => {
    const report = new ErrorReport({ xlsxPath: path.join(dir, 'e.xlsx'), csvPath: path.join(dir, 'e.csv') });
    report.setHeader(['姓名', '公民身份号码', '备注']);
    report.add({ line: 3, problems: [{ column: '公民身份号码', reason: '校验码错误' }], cells: ['张三', '150602199003071235', '含,逗号'] });
    report.add({
      line: 7,
      problems: [
        { column: '姓名', reason: '必填' },
        { column: '公民身份号码', reason: '与第 2 行重复' },
      ],
      cells: ['', '150602199003071234', '多行\n"引号"'],
    });
    await report.flush();
    const files = await report.close();
    expect(files.rows).toBe(2);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files.xlsxPath!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '原因', '姓名', '公民身份号码', '备注']);
    expect(sheet.getRow(2).values).toEqual([undefined, 3, '公民身份号码', '公民身份号码：校验码错误', '张三', '150602199003071235', '含,逗号']);
    expect(sheet.getRow(3).getCell(2).value).toBe('姓名；公民身份号码');
    expect(sheet.getRow(3).getCell(3).value).toBe('姓名：必填；公民身份号码：与第 2 行重复');
    expect(sheet.getRow(3).getCell(5).value).toBe('150602199003071234');

    const csv = await openCsv(files.csvPath!);
    expect(csv.encoding).toBe('UTF-8 (BOM)');
    const rows = [];
    for await (const row of rowsOf(csv)) rows.push(row.cells);
    expect(rows).toEqual([
      ['行号', '列', '原因', '姓名', '公民身份号码', '备注'],
      ['3', '公民身份号码', '公民身份号码：校验码错误', '张三', '150602199003071235', '含,逗号'],
      ['7', '姓名；公民身份号码', '姓名：必填；公民身份号码：与第 2 行重复', '', '150602199003071234', '多行\n"引号"'],
    ]);
  });

  it('creates no file when no row is bad', async () => {
    const report = new ErrorReport({ xlsxPath: path.join(dir, 'none.xlsx') });
    report.setHeader(['姓名']);
    expect(await report.close()).toEqual({ rows: 0, xlsxPath: null, csvPath: null });
    expect(fs.existsSync(path.join(dir, 'none.xlsx'))).toBe(false);
  });
});
