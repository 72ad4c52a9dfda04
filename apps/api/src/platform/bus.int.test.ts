import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/harness.ts';
import { MessageBus, relayThroughPostgres, type BusMessage } from './bus.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

const message = (n: number): BusMessage => ({ type: 'event.changed', orgPaths: ['15.1506.150602'], payload: { n } });

describe('live updates across processes', () => {
  it('delivers in the same process without any relay', () => {
    const bus = new MessageBus();
    const got: BusMessage[] = [];
    bus.subscribe((m) => got.push(m));
    bus.publish(message(1));
    expect(got).toEqual([message(1)]);
  });

  // LISTEN/NOTIFY joins API processes on PostgreSQL; the embedded database has one process only.
  it.skipIf(!process.env.DATABASE_URL)('reaches the other process once, never echoes, and survives a dropped connection', async () => {
    const pool = p.handle.pool!;
    const errors: unknown[] = [];
    const a = new MessageBus();
    const b = new MessageBus();
    const relayA = relayThroughPostgres(a, pool.options, pool, (e) => errors.push(e), 50);
    const relayB = relayThroughPostgres(b, pool.options, pool, (e) => errors.push(e), 50);
    try {
      await Promise.all([relayA.ready, relayB.ready]);
      const gotA: BusMessage[] = [];
      const gotB: BusMessage[] = [];
      a.subscribe((m) => gotA.push(m));
      b.subscribe((m) => gotB.push(m));

      a.publish(message(1));
      await vi.waitFor(() => expect(gotB).toEqual([message(1)]));
      b.publish(message(2));
      await vi.waitFor(() => expect(gotA).toEqual([message(1), message(2)]));
      // Each process heard its own message once (locally) and the other's once (relayed).
      expect(gotB).toEqual([message(1), message(2)]);

      // A burst travels in batches, complete and in order.
      const burst = Array.from({ length: 300 }, (_, i) => message(100 + i));
      for (const m of burst) a.publish(m);
      await vi.waitFor(() => expect(gotB.slice(2)).toEqual(burst));

      // The listening connections are cut (a restart of PostgreSQL, a proxy timeout): they come back.
      const cut = await pool.query(
        `select pg_terminate_backend(pid) as ok from pg_stat_activity
         where datname = current_database() and query = 'listen shizhi_bus' and pid <> pg_backend_pid()`,
      );
      expect(cut.rows).toEqual([{ ok: true }, { ok: true }]);
      await vi.waitFor(
        async () => {
          a.publish(message(3));
          expect(gotB.some((m) => m.payload.n === 3)).toBe(true);
        },
        { timeout: 10_000, interval: 200 },
      );
    } finally {
      await relayA.stop();
      await relayB.stop();
    }
  });
});
