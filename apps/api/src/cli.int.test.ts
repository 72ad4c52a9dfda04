import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleFromPglite, openPglite } from './platform/db/client.ts';

const run = promisify(execFile);
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/shizhi.js');
let dataDir: string;

// The CLI as an operator uses it: separate processes on one embedded data directory.
async function shizhi(...args: string[]): Promise<{ code: number; out: string }> {
  const env = { ...process.env, SHIZHI_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
  try {
    const { stdout } = await run(process.execPath, [bin, ...args], { env, timeout: 120_000 });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('shizhi CLI', () => {
  it('migrates, seeds, administers users and verifies the audit log', async () => {
    expect((await shizhi('migrate')).out).toContain('migrated (pglite)');
    // The org tree and accounts are what these commands need; the three-year event history is tested elsewhere.
    const seeded = await shizhi('seed', '--scale', 'demo', '--no-history');
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain('"grids"');
    expect((await shizhi('seed')).out).toContain('nothing seeded');

    const listed = await shizhi('users', 'list', '--org', '150602001001');
    expect(listed.out).toContain('u150602001001');
    expect(listed.out).not.toContain('u150602002');

    const added = await shizhi('users', 'add', 'zhangwei', '--name', '张伟', '--role', 'center_staff', '--org', '150602001', '--password', 'secret-123');
    expect(added.code).toBe(0);
    const duplicate = await shizhi('users', 'add', 'zhangwei', '--name', '张伟', '--role', 'center_staff', '--org', '150602001', '--password', 'secret-123');
    expect(duplicate.code).toBe(1);
    expect(duplicate.out).toContain('USER.EXISTS');
    const badRole = await shizhi('users', 'add', 'li', '--name', '李', '--role', 'boss', '--org', '150602', '--password', 'secret-123');
    expect(badRole.code).not.toBe(0);
    expect(badRole.out).toContain('boss');

    const intact = await shizhi('audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/chain 150602:\d: \d+ rows, intact/);
  }, 180_000);

  it('names the first broken link and exits 1 after tampering', async () => {
    const pglite = await openPglite(path.join(dataDir, 'pglite'));
    const handle = handleFromPglite(pglite);
    const { rows } = await handle.query<{ id: number; seq: number; chain: string }>(
      `select id, seq, chain from audit_log where chain like '150602:%' order by id limit 1`,
    );
    await handle.query(`alter table audit_log disable trigger audit_log_no_update;
      update audit_log set actor_name = 'mallory' where id = ${Number(rows[0]!.id)};
      alter table audit_log enable trigger audit_log_no_update;`);
    await handle.close();
    const broken = await shizhi('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`chain ${rows[0]!.chain}: BROKEN at seq ${rows[0]!.seq} (row id ${rows[0]!.id}): content_changed`);
  });
});
