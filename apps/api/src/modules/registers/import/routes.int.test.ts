import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MessageBus } from '../../../platform/bus.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { loadConfig } from '../../../platform/config.ts';
import type { DbHandle } from '../../../platform/db/client.ts';
import { FileStore } from '../../../platform/files.ts';
import { personalDataCipherFor } from '../../../platform/personal-data.ts';
import { buildApp } from '../../../server.ts';
import { cloneTemplate, testClockStart, testPassword } from '../../../testing/template.ts';
import { samplePopulationRows } from './sample-files.ts';

let app: FastifyInstance;
let handle: DbHandle;
let dataDir: string;

beforeAll(async () => {
  handle = await cloneTemplate(inject('dbTemplate'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-import-http-'));
  const config = loadConfig({ SHIZHI_SEED_SCALE: 'none', SHIZHI_JOBS: 'off', SHIZHI_LOGIN_RATE_LIMIT: '1000', SHIZHI_DATA_DIR: dataDir, SHIZHI_DATA_KEY: randomBytes(32).toString('base64') });
  const deps = { config, handle, db: handle.db, clock: new ManualClock(testClockStart), bus: new MessageBus(), files: new FileStore(path.join(dataDir, 'files')), cipher: personalDataCipherFor(config) };
  app = await buildApp(deps, { serveWeb: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function login(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: testPassword } });
  expect(res.statusCode).toBe(200);
  const session = res.cookies.find((c) => c.name === 'shizhi_session')!;
  const csrf = res.cookies.find((c) => c.name === 'shizhi_csrf')!;
  const headers = { cookie: `shizhi_session=${session.value}; shizhi_csrf=${csrf.value}`, 'x-csrf-token': csrf.value };
  return (options: InjectOptions) => app.inject({ ...options, headers: { ...headers, ...options.headers } });
}

function csv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.join(',')).join('\n')}\n`;
}

const grids = ['150602001001001', '150602001002001'];

describe('register import over HTTP', () => {
  it('needs a session (401) and the import capability (403)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/registers/imports' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/registers/imports/population', payload: 'x', headers: { 'content-type': 'text/csv' } })).statusCode).toBe(401);
    const worker = await login('g150602001001001');
    expect((await worker({ method: 'POST', url: '/api/registers/imports/population', payload: 'a,b\n', headers: { 'content-type': 'text/csv' } })).statusCode).toBe(403);
    expect((await worker({ method: 'GET', url: '/api/registers/imports' })).statusCode).toBe(403);
    // A grid worker may view registers, so may download the template.
    expect((await worker({ method: 'GET', url: '/api/registers/templates/population.xlsx' })).statusCode).toBe(200);
  });

  it('serves the template with starred headers, notes and code tables', async () => {
    const staff = await login('u150602');
    const res = await staff({ method: 'GET', url: '/api/registers/templates/houses.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['实有房屋', '说明', '代码表']);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('*房屋编号');
    expect((await staff({ method: 'GET', url: '/api/registers/templates/pets.xlsx' })).statusCode).toBe(404);
  });

  it('imports its own template once filled in: the starred headers map, the example row is replaced', async () => {
    const staff = await login('u150602');
    const template = await staff({ method: 'GET', url: '/api/registers/templates/population.xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers[0]).toMatch(/^\*/);
    const [sampleHeader, ...sample] = [...samplePopulationRows({ rows: 3, grids, seed: 'template' })];
    sheet.spliceRows(2, 1);
    for (const row of sample) {
      sheet.addRow(headers.map((h) => {
        const at = sampleHeader!.indexOf(h.replace(/^\*/, ''));
        return at < 0 ? null : row[at] ?? null;
      }));
    }
    const res = await staff({
      method: 'POST',
      url: '/api/registers/imports/population?fileName=filled.xlsx&mode=all_or_nothing',
      payload: Buffer.from(await workbook.xlsx.writeBuffer()),
      headers: { 'content-type': 'application/octet-stream' },
    });
    const done = JSON.parse(res.body.trim().split('\n').at(-1)!);
    expect(done).toMatchObject({ type: 'done', summary: { status: 'done', totalRows: 3, created: 3, bad: 0 } });
  });

  it('refuses an empty body and an old .xls with 400 naming the file', async () => {
    const staff = await login('u150602');
    const empty = await staff({ method: 'POST', url: '/api/registers/imports/population', payload: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'file' });
    expect(empty.json().message).toContain('空');
    const xls = await staff({ method: 'POST', url: '/api/registers/imports/population', payload: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), headers: { 'content-type': 'application/vnd.ms-excel' } });
    expect(xls.statusCode).toBe(400);
    expect(xls.json().message).toContain('.xls');
    const bad = await staff({ method: 'POST', url: '/api/registers/imports/population?mode=maybe', payload: 'a', headers: { 'content-type': 'text/csv' } });
    expect(bad.statusCode).toBe(400);
  });

  it('streams progress and a summary as NDJSON; the import and its error report are listed in scope', async () => {
    const staff = await login('u150602');
    const rows = [...samplePopulationRows({ rows: 40, grids, seed: 'http' })];
    rows[5]![3] = '1990-13-01';
    const boundary = 'shizhiBoundary42';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="人口.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(csv(rows)),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await staff({ method: 'POST', url: '/api/registers/imports/population?mode=good_rows', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as { type: string; summary?: Record<string, unknown>; phase?: string });
    expect(lines.some((l) => l.type === 'progress')).toBe(true);
    const done = lines.at(-1)!;
    expect(done.type).toBe('done');
    expect(done.summary).toMatchObject({ status: 'done', totalRows: 40, created: 39, bad: 1, hasErrorFile: true, hasErrorCsv: true });
    expect(JSON.stringify(done.summary)).not.toContain(dataDir);
    // The upload itself is gone once imported.
    expect(fs.readdirSync(path.join(dataDir, 'imports', 'uploads'))).toEqual([]);

    const id = done.summary!.importId as string;
    const list = await staff({ method: 'GET', url: '/api/registers/imports' });
    expect(list.json().items[0]).toMatchObject({ id, fileName: '人口.csv', status: 'done', createdRows: 39, badRows: 1, hasErrorFile: true });
    const one = await staff({ method: 'GET', url: `/api/registers/imports/${id}` });
    expect(one.json()).toMatchObject({ id, kind: 'population', mode: 'good_rows' });
    const xlsx = await staff({ method: 'GET', url: `/api/registers/imports/${id}/errors.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe(6);
    const errorsCsv = await staff({ method: 'GET', url: `/api/registers/imports/${id}/errors.csv` });
    expect(errorsCsv.body).toContain('行号,列,原因');

    // Another community's staff does not see it.
    const other = await login('u150602002001');
    expect((await other({ method: 'GET', url: `/api/registers/imports/${id}` })).statusCode).toBe(404);
    expect((await other({ method: 'GET', url: `/api/registers/imports/${id}/errors.xlsx` })).statusCode).toBe(404);
    expect((await other({ method: 'GET', url: '/api/registers/imports' })).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('takes a raw .xlsx body and reports a refused file in the stream', async () => {
    const staff = await login('u150602');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人口');
    sheet.addRow(['姓名', '爱好']);
    sheet.addRow(['张三', '下棋']);
    const res = await staff({
      method: 'POST',
      url: '/api/registers/imports/population?fileName=wrong.xlsx',
      payload: Buffer.from(await workbook.xlsx.writeBuffer()),
      headers: { 'content-type': 'application/octet-stream' },
    });
    const done = JSON.parse(res.body.trim().split('\n').at(-1)!);
    expect(done).toMatchObject({ type: 'done', summary: { status: 'refused', encoding: 'xlsx' } });
    expect(done.summary.message).toContain('爱好');
  });
});
