import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite } from '../../../platform/db/client.ts';
import { writeSamplePopulationCsv } from './sample-files.ts';

const run = promisify(execFile);
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/shizhi.js');
let dataDir: string;

async function shizhi(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env, SHIZHI_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: 120_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

// The CLI imports into the embedded database only (it holds the data directory): start from the seeded template.
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-import-cli-'));
  const template = inject('dbTemplate').pgliteFile;
  if (template) {
    const pglite = await openPglite(path.join(dataDir, 'pglite'), { loadDataDir: new Blob([fs.readFileSync(template)]) });
    await pglite.close();
  }
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('shizhi import', () => {
  it.skipIf(!inject('dbTemplate').pgliteFile)('imports with a progress report and a summary; exit codes say what happened', async () => {
    const file = path.join(dataDir, '人口.csv');
    await writeSamplePopulationCsv(file, { rows: 300, grids: ['150602001001001', '150602002001001'], seed: 'cli', garbageShare: 0.05 });

    const refused = await shizhi('import', 'population', file);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('未导入 refused');
    expect(refused.out).toContain('错误报告 error report');
    expect(fs.existsSync(path.join(dataDir, '人口.errors.xlsx'))).toBe(true);
    expect(refused.err).toContain('100.0%');

    const loaded = await shizhi('import', 'population', file, '--mode', 'good', '--errors', path.join(dataDir, 'bad.xlsx'));
    expect(loaded.code).toBe(0);
    expect(loaded.out).toMatch(/导入完成 done: 实有人口 人口\.csv \(UTF-8\)/);
    expect(loaded.out).toMatch(/新增 created \d+/);
    expect(fs.existsSync(path.join(dataDir, 'bad.xlsx'))).toBe(true);

    const again = await shizhi('import', 'population', file, '--mode', 'good');
    expect(again.out).toMatch(/新增 created 0 .*未变 unchanged \d+/);

    expect((await shizhi('import', 'people', file)).code).toBe(2);
    expect((await shizhi('import', 'population', path.join(dataDir, 'missing.csv'))).code).toBe(2);
    expect((await shizhi('import', 'population', file, '--mode', 'some')).code).toBe(2);
  }, 120_000);

  it.skipIf(!inject('dbTemplate').pgliteFile)('says the server must be stopped when it holds the data directory', async () => {
    fs.writeFileSync(path.join(dataDir, 'shizhi.pid'), String(process.pid));
    try {
      const locked = await shizhi('import', 'population', path.join(dataDir, '人口.csv'));
      expect(locked.code).toBe(1);
      expect(locked.err).toContain('请先停止 shizhi 服务器');
    } finally {
      fs.rmSync(path.join(dataDir, 'shizhi.pid'), { force: true });
    }
  });
});
