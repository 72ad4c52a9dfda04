import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeTemplate } from './template.ts';

describe('import template', () => {
  it('has starred required headers, an example row, 说明 and 代码表 sheets', async () => {
    const buffer = await writeTemplate({
      title: '实有人口',
      columns: [
        { header: '姓名', required: true, example: '张三', note: '与身份证一致' },
        { header: '公民身份号码', required: true, example: '150602199003071234', note: '18 位，末位可为 X' },
        { header: '性别', required: false, example: '1', note: '填代码或名称', codeTable: '性别' },
      ],
      codeTables: [{ name: '性别', source: 'GB/T 2261.1-2003', codes: [{ code: '1', name: '男' }, { code: '2', name: '女' }] }],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['实有人口', '说明', '代码表']);
    const data = workbook.getWorksheet('实有人口')!;
    expect(data.getRow(1).values).toEqual([undefined, '*姓名', '*公民身份号码', '性别']);
    expect(data.getRow(2).getCell(2).value).toBe('150602199003071234');
    expect(data.getColumn(2).numFmt).toBe('@');
    const notes = workbook.getWorksheet('说明')!;
    const noteRows = notes.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(noteRows).toContainEqual(['性别', '否', '性别', '填代码或名称']);
    const codes = workbook.getWorksheet('代码表')!;
    const codeRows = codes.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(codeRows).toContainEqual(['性别', 'GB/T 2261.1-2003']);
    expect(codeRows).toContainEqual(['', '2', '女']);
  });
});
