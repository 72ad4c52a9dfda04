import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './platform/config.ts';
import { openAndMigrate } from './platform/open.ts';
import { startPlatform } from './start.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('shizhi serve on the embedded database', () => {
  it('marks an import left running by a killed process as interrupted when it starts', async () => {
    const config = loadConfig({ SHIZHI_DATA_DIR: dataDir, SHIZHI_SEED_SCALE: 'none', SHIZHI_JOBS: 'off', PORT: '0', HOST: '127.0.0.1' });
    const before = await openAndMigrate(config);
    await before.query(
      `insert into register_import (kind, file_name, mode, status, actor_name, org_path, county_code, started_at)
       values ('population', 'killed.csv', 'good_rows', 'running', 'x', '15.1506.150602', '150602', now())`,
    );
    await before.close();

    const platform = await startPlatform(config, { quiet: true });
    try {
      const { rows } = await platform.handle.query<{ status: string; message: string }>(`select status, message from register_import where file_name = 'killed.csv'`);
      expect(rows[0]).toMatchObject({ status: 'interrupted' });
      expect(rows[0]!.message).toContain('中断');
    } finally {
      await platform.stop();
    }
  });
});
