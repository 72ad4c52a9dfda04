import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { ManualClock } from '../../platform/clock.ts';
import { handleFromPglite, openPglite, type DbHandle } from '../../platform/db/client.ts';
import { migrateDatabase } from '../../platform/db/migrate.ts';
import { verifyPassword } from '../auth/index.ts';
import { seedDistrict } from './seed.ts';

const clock = new ManualClock('2026-03-02T01:00:00.000Z');
const password = 'seed-test-password';
let handle: DbHandle | null = null;

async function freshDatabase(): Promise<DbHandle> {
  handle = handleFromPglite(await openPglite(null));
  await migrateDatabase(handle);
  return handle;
}

async function count(db: DbHandle, query: ReturnType<typeof sql>): Promise<number> {
  const result = await db.db.execute<{ n: number }>(query);
  return Number(result.rows[0]!.n);
}

afterEach(async () => {
  await handle?.close();
  handle = null;
});

describe('seedDistrict', () => {
  it('seeds the test corner in one go, with working passwords and one audit row, then skips', async () => {
    const db = await freshDatabase();
    const progress: number[] = [];
    const summary = await seedDistrict(db, { scale: 'test', password, clock, onProgress: (done) => progress.push(done) });
    expect(summary).toMatchObject({ skipped: false, county: '150602', townships: 2, villages: 4, grids: 8, workers: 10, departments: 24, centers: 7 });
    if (summary.skipped) throw new Error('unreachable');
    expect(progress.at(-1)).toBeGreaterThan(0);

    expect(await count(db, sql`select count(*)::int as n from org_unit where level = 'grid'`)).toBe(8);
    expect(await count(db, sql`select count(*)::int as n from org_unit`)).toBe(3 + 24 + 2 + 4 + 8);
    expect(await count(db, sql`select count(*)::int as n from grid_worker`)).toBe(10);
    expect(await count(db, sql`select count(*)::int as n from grid_post`)).toBe(16);
    expect(await count(db, sql`select count(*)::int as n from governance_center`)).toBe(7);
    expect(await count(db, sql`select count(*)::int as n from app_user`)).toBe(summary.users);
    // Paths are real ltree values: a subtree query finds the street's grids.
    const streetGrids = sql`select count(*)::int as n from org_unit where org_path <@ '15.1506.150602.150602001' and level = 'grid'`;
    expect(await count(db, streetGrids)).toBe(4);
    // Every worker's account exists and holds the grid_worker role at the grids they are posted to.
    expect(
      await count(
        db,
        sql`select count(*)::int as n from grid_post p join grid_worker w on w.id = p.worker_id
            left join role_assignment r on r.user_id = w.user_id and r.org_code = p.grid_code and r.role = 'grid_worker'
            where r.id is null`,
      ),
    ).toBe(0);

    const { rows } = await db.db.execute<{ password_hash: string }>(sql`select password_hash from app_user where username = 'g150602001001001'`);
    expect(await verifyPassword(rows[0]!.password_hash, password)).toBe(true);

    const audit = await db.db.execute<{ action: string; org_path: string; detail: { scale: string } }>(
      sql`select action, org_path::text, detail from audit_log`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ action: 'seed.district', org_path: '15.1506.150602', detail: { scale: 'test' } });
    expect((await verifyAuditChains(db.db)).every((r) => r.ok)).toBe(true);

    expect(await seedDistrict(db, { scale: 'seed', password, clock })).toEqual({ skipped: true, county: '150602' });
    expect(await count(db, sql`select count(*)::int as n from org_unit where level = 'grid'`)).toBe(8);
  });

  it('seeds the seed texts’ scale: 872 grids and 1,100 grid workers', async () => {
    const db = await freshDatabase();
    const started = performance.now();
    const summary = await seedDistrict(db, { scale: 'seed', password, clock });
    const { accounts: _accounts, ...counts } = summary.skipped ? { accounts: [] } : summary;
    console.log(`seed scale on in-memory PGlite: ${Math.round(performance.now() - started)} ms`, JSON.stringify(counts));
    expect(summary).toMatchObject({ skipped: false, townships: 16, villages: 109, grids: 872, workers: 1100 });
    expect(await count(db, sql`select count(*)::int as n from org_unit where level = 'grid'`)).toBe(872);
    expect(await count(db, sql`select count(*)::int as n from grid_worker`)).toBe(1100);
    expect(await count(db, sql`select count(distinct grid_code)::int as n from grid_post`)).toBe(872);
  });
});
