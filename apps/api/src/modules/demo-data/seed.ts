import { sql } from 'drizzle-orm';
import { appendAudit, systemActor } from '../../platform/audit/write.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DbHandle, Executor, Tx } from '../../platform/db/client.ts';
import { appUser, hashPassword, roleAssignment } from '../auth/index.ts';
import { governanceCenter, gridPost, gridWorker, orgUnit } from '../org/schema.ts';
import { loadDivisions } from './divisions.ts';
import { seedMediationBodies } from './mediation-bodies.ts';
import { demoAccounts, planDistrict, type DemoAccount, type DemoScale, type DistrictCounts } from './plan.ts';

export interface SeedOptions {
  scale: DemoScale;
  /** The one password every demo account gets (SHIZHI_DEMO_PASSWORD). */
  password: string;
  clock: Clock;
  /** GB/T 2260 code of a county with a committed division extract; default 东胜区. */
  county?: string;
  seed?: string;
  onProgress?: (done: number, total: number, label: string) => void;
}

export type SeedSummary =
  | { skipped: true; county: string }
  | (DistrictCounts & { skipped: false; county: string; scale: DemoScale; ms: number; accounts: DemoAccount[] });

export const defaultDemoCounty = '150602';
const batchSize = 1000;

interface InsertStep {
  label: string;
  rows: number;
  /** Inserts the batch starting at `from`; returns how many rows it held. */
  insert(tx: Tx, from: number): Promise<number>;
}

/** Batches of ≤ 1,000 rows keep each statement well under PostgreSQL's 65,535 bind parameters. */
function batches<T>(label: string, rows: readonly T[], insert: (tx: Tx, rows: T[]) => Promise<unknown>): InsertStep {
  return {
    label,
    rows: rows.length,
    async insert(tx, from) {
      const batch = rows.slice(from, from + batchSize);
      await insert(tx, batch);
      return batch.length;
    },
  };
}

async function hasOrgUnits(db: Executor): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(sql`select exists (select 1 from org_unit) as found`);
  return result.rows[0]?.found === true;
}

/**
 * Fills an empty database with a demo district: org tree, 综治中心, grids with AB posts, grid workers
 * and one account per role and unit. Everything goes in one transaction, so a failed or interrupted
 * seed leaves the database empty and the next start simply tries again.
 */
export async function seedDistrict(handle: DbHandle, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const county = options.county ?? defaultDemoCounty;
  // Cheap check first, so every later start skips without planning or hashing; re-checked under a lock below.
  if (await hasOrgUnits(handle.db)) return { skipped: true, county };
  const plan = planDistrict(loadDivisions(county), { scale: options.scale, ...(options.seed ? { seed: options.seed } : {}) });

  // Demo accounts share one password, so it is hashed once: argon2id is deliberately slow (tens of
  // milliseconds and many MiB a hash), and hashing for each of the ~1,300 'seed' users would take a minute.
  // The auth module's hashPassword keeps its parameters, so a demo login costs what any login costs and
  // its unknown-user timing equaliser still matches.
  const passwordHash = await hashPassword(options.password);

  const users = plan.users.map((u) => ({ ...u, passwordHash }));
  const steps = [
    batches('org_unit', plan.orgUnits, (tx, rows) => tx.insert(orgUnit).values(rows)),
    batches('governance_center', plan.centers, (tx, rows) => tx.insert(governanceCenter).values(rows)),
    batches('app_user', users, (tx, rows) => tx.insert(appUser).values(rows)),
    batches('role_assignment', plan.roleAssignments, (tx, rows) => tx.insert(roleAssignment).values(rows)),
    batches('grid_worker', plan.workers, (tx, rows) => tx.insert(gridWorker).values(rows)),
    batches('grid_post', plan.posts, (tx, rows) => tx.insert(gridPost).values(rows)),
  ];
  const total = steps.reduce((s, step) => s + step.rows, 0);

  const seeded = await handle.db.transaction(async (tx) => {
    // Two processes starting on one empty database must not both seed: the second waits, then sees rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('shizhi:seed-district', 0))`);
    if (await hasOrgUnits(tx)) return false;

    let done = 0;
    for (const step of steps) {
      for (let from = 0; from < step.rows; from += batchSize) {
        const inserted = await step.insert(tx, from);
        done += inserted;
        options.onProgress?.(done, total, step.label);
      }
    }
    const mediation = await seedMediationBodies(tx, county, options.clock, plan.seed);
    options.onProgress?.(total, total, 'mediation_org');
    const countyPath = plan.orgUnits.find((u) => u.code === county)!.orgPath;
    // One summary row rather than one per inserted row: the seed is a single act, and the rows are
    // reproducible from (county, scale, seed).
    await appendAudit(tx, options.clock, systemActor, [
      {
        action: 'seed.district',
        entityType: 'org_unit',
        entityId: county,
        orgPath: countyPath,
        countyCode: county,
        detail: { scale: plan.scale, seed: plan.seed, source: plan.source, counts: plan.counts, mediation },
      },
    ]);
    return true;
  });

  if (!seeded) return { skipped: true, county };
  return {
    skipped: false,
    county,
    scale: plan.scale,
    ...plan.counts,
    ms: Math.round(performance.now() - started),
    accounts: demoAccounts(plan),
  };
}
