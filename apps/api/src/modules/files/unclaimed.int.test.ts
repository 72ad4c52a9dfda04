import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { removeUnclaimedUploads } from './unclaimed.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

const jpeg = (label: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`JFIF-unclaimed-${label}`)]);

async function uploadAnonymously(bytes: Buffer): Promise<string> {
  const res = await p.app.inject({ method: 'POST', url: '/api/public/files', payload: bytes, headers: { 'content-type': 'image/jpeg' }, remoteAddress: '10.9.0.1' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const stored = async (sha256: string) =>
  (await p.handle.query(`select 1 from file_object where sha256 = $1`, [sha256])).rows.length === 1 && fs.existsSync(p.files.pathOf(sha256));

describe('photos nobody claimed', () => {
  it('are removed a day after an anonymous upload, bytes and row, with an audit row; reports’ and staff’s photos stay', async () => {
    const claimed = await uploadAnonymously(jpeg('claimed'));
    const unclaimed = await uploadAnonymously(jpeg('unclaimed'));
    const worker = await p.login('g150602001001001');
    const staff = await worker.request({ method: 'POST', url: '/api/files', payload: jpeg('staff'), headers: { 'content-type': 'image/jpeg' } });
    expect(staff.statusCode, staff.body).toBe(201);
    const filed = await p.app.inject({
      method: 'POST',
      url: '/api/public/events',
      payload: { categoryCode: '0603', description: '小区北门垃圾堆放三天无人清运', location: { orgCode: '150602001001' }, photos: [claimed], anonymous: true },
      remoteAddress: '10.9.0.1',
    });
    expect(filed.statusCode, filed.body).toBeLessThan(300);

    // Within the day nothing goes.
    p.clock.advance(23 * 3_600_000);
    expect(await removeUnclaimedUploads({ db: p.handle.db, files: p.files, clock: p.clock })).toBe(0);
    expect(await stored(unclaimed)).toBe(true);

    p.clock.advance(2 * 3_600_000);
    expect(await removeUnclaimedUploads({ db: p.handle.db, files: p.files, clock: p.clock })).toBe(1);
    expect(await stored(unclaimed)).toBe(false);
    expect(await stored(claimed)).toBe(true);
    expect(await stored(staff.json().id)).toBe(true);
    const { rows } = await p.handle.query<{ detail: { count: number } }>(`select detail from audit_log where action = 'files.unclaimed_removed'`);
    expect(rows.map((r) => r.detail.count)).toEqual([1]);

    // Nothing left to do: no second audit row.
    expect(await removeUnclaimedUploads({ db: p.handle.db, files: p.files, clock: p.clock })).toBe(0);
    expect((await p.handle.query(`select 1 from audit_log where action = 'files.unclaimed_removed'`)).rows).toHaveLength(1);
  });
});
