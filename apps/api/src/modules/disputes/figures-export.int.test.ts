import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

const neighbours = (title: string) => ({
  title,
  typeCode: 'neighbour',
  occurredOn: '2026-02-27',
  placeCode: '150602001001',
  summary: '楼上卫生间漏水，楼下天花板受损，双方就赔偿发生争执',
  peopleInvolved: 2,
  parties: [
    { role: 'applicant', name: '张伟', phone: '13912345678' },
    { role: 'respondent', name: '李娜', phone: '13812345678' },
  ],
});

describe('GET /api/disputes/figures/export.xlsx', () => {
  it('gives the figures page as a spreadsheet: the same rows and counts, rates as percentages, the formulas', async () => {
    const centre = await p.login('u150602001001');
    for (const title of ['楼上漏水损坏楼下装修', '邻居占用楼道堆放杂物']) {
      const res = await centre.post('/api/disputes', neighbours(title));
      expect(res.statusCode, res.body).toBe(201);
    }
    const today = p.clock.now().toISOString().slice(0, 10);
    const query = `by=type&from=2026-01-01&to=${today}`;
    const figures = (await centre.get(`/api/disputes/figures?${query}`)).json();
    const res = await centre.get(`/api/disputes/figures/export.xlsx?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('矛盾纠纷化解统计')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('纠纷类别');
    expect(sheet.getRow(2).getCell(2).value).toBe('受理数');
    const rows = figures.rows as { name: string; counts: { accepted: number } }[];
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      expect(sheet.getRow(3 + i).getCell(1).value).toBe(row.name);
      expect(sheet.getRow(3 + i).getCell(2).value).toBe(row.counts.accepted);
    });
    const total = sheet.getRow(3 + rows.length);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(2).value).toBe(figures.total.counts.accepted);
    expect(book.getWorksheet('指标口径')!.getRow(2).getCell(1).value).toBe('化解成功率');
  });

  it('is 401 without a session and 400 naming the field for a period that ends before it starts', async () => {
    expect((await p.anonymous.get('/api/disputes/figures/export.xlsx?from=2026-01-01&to=2026-02-01')).statusCode).toBe(401);
    const centre = await p.login('u150602001001');
    const bad = await centre.get('/api/disputes/figures/export.xlsx?from=2026-02-01&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('to');
  });
});
