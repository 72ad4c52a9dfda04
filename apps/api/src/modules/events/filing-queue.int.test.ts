import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { auditPayload } from '../../platform/audit/write.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { FilingQueue, type Filing } from './filing-queue.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

const community = '15.1506.150602.150602001.150602001001';

function filing(orgPath: string, scope: string | null, key: string | null = null): Filing & { id: string } {
  const now = p.clock.now().toISOString();
  const id = randomUUID();
  return {
    id,
    row: {
      id, idempotencyKey: key, source: 'hotline', categoryCode: '0102', categoryVersion: 1, rules: {}, title: 't', description: 'd',
      address: null, lng: null, lat: null, gridCode: null, ownerOrgCode: '150602001001', ownerOrgPath: community,
      reporterUserId: null, reporterName: 'x', reporterPhone: null, trackingCode: `T${id.slice(0, 8)}`, reportedAt: now, orgPath,
      countyCode: '150602', timelineId: randomUUID(), timelineActor: 'x', timelineData: {}, photos: [], acceptDueAt: now, acceptYellowAt: now,
      duplicateMetres: 100, duplicateHours: 72,
    },
    scope,
    audit: auditPayload(p.clock.now(), { id: null, name: 'test' }, [{ action: 'event.reported', entityType: 'event', entityId: id, orgPath }]),
  };
}

describe('the filing queue', () => {
  it('writes reports that arrive while a batch is being written together, and gives each its own answer', async () => {
    const sizes: number[] = [];
    const queue = new FilingQueue(p.handle.db, { concurrency: 1, onBatch: (n) => sizes.push(n) });
    const filings = Array.from({ length: 6 }, () => filing(`${community}.150602001001001`, community));
    const rows = await Promise.all(filings.map((f) => queue.file(f)));
    expect(rows.map((r) => r.id)).toEqual(filings.map((f) => f.id));
    expect(rows.every((r) => !r.replayed && r.number.startsWith('SJ150602'))).toBe(true);
    // The first goes alone at once; the five that arrived meanwhile go in one statement.
    expect(sizes).toEqual([1, 5]);
  });

  it('starts a second batch while one is being written only once enough reports wait', async () => {
    const sizes: number[] = [];
    const queue = new FilingQueue(p.handle.db, { concurrency: 2, busyBatch: 3, onBatch: (n) => sizes.push(n) });
    const filings = Array.from({ length: 6 }, () => filing(`${community}.150602001001001`, community));
    await Promise.all(filings.map((f) => queue.file(f)));
    // One alone at once; the second writer starts when three wait; the last two wait for a writer to be free.
    expect(sizes).toEqual([1, 3, 2]);
  });

  it('keeps filers with and without a scope apart', async () => {
    const sizes: number[] = [];
    const queue = new FilingQueue(p.handle.db, { concurrency: 1, onBatch: (n) => sizes.push(n) });
    const scoped = [1, 2, 3].map(() => filing(`${community}.150602001001001`, community));
    const citizens = [1, 2].map(() => filing(`${community}.150602001001001`, null));
    const all = [scoped[0]!, citizens[0]!, scoped[1]!, citizens[1]!, scoped[2]!];
    await Promise.all(all.map((f) => queue.file(f)));
    expect(sizes).toEqual([1, 2, 2]);
  });

  it('writes a failed batch again one by one: the bad filing gets its error, the others are filed', async () => {
    const sizes: number[] = [];
    const queue = new FilingQueue(p.handle.db, { concurrency: 1, onBatch: (n) => sizes.push(n) });
    const good = [1, 2, 3].map(() => filing(`${community}.150602001001001`, community));
    const stray = filing('15.1506.150602.150602002.150602002001', community);
    const results = await Promise.allSettled([good[0]!, good[1]!, stray, good[2]!].map((f) => queue.file(f)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason?.cause ?? (results[2] as PromiseRejectedResult).reason)).toMatch(/outside its filer's scope/);
    const { rows } = await p.handle.query<{ n: number }>(`select count(*)::int as n from event where id = any($1::uuid[])`, [
      [...good, stray].map((f) => f.id),
    ]);
    expect(rows[0]!.n).toBe(3);
    expect(sizes).toEqual([1, 3, 1, 1, 1]);
  });

  it('answers the same key twice in one batch with one event', async () => {
    const queue = new FilingQueue(p.handle.db, { concurrency: 1 });
    const key = `q-${randomUUID()}`;
    const [a, b, c] = [filing(`${community}.150602001001001`, community), filing(`${community}.150602001001001`, community, key), filing(`${community}.150602001001001`, community, key)];
    const rows = await Promise.all([a!, b!, c!].map((f) => queue.file(f)));
    expect(rows[1]).toMatchObject({ id: b!.id, replayed: false });
    expect(rows[2]).toMatchObject({ id: b!.id, number: rows[1]!.number, replayed: true });
  });
});
