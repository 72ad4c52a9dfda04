import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { WorkCalendar } from '@shizhi/domain';
import { appendAudit, systemActor } from '../../platform/audit/write.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DbHandle, Executor, Tx } from '../../platform/db/client.ts';
import { appUser, roleAssignment } from '../auth/index.ts';
import {
  currentCategories,
  ensureDefaultCatalogue,
  event,
  eventClock,
  eventTask,
  eventTimeline,
  eventWarning,
  GridLocator,
  supervisionOrder,
} from '../events/index.ts';
import { gridPost, gridWorker, orgUnit } from '../org/index.ts';
import { insertByColumns } from './bulk-insert.ts';
import { buildHistoryDistrict, type HistoryDistrict } from './event-history/district.ts';
import { eventHistoryVolumes, numberEvents, planEventHistory } from './event-history/plan-history.ts';
import type { HistoryStats } from './event-history/stats.ts';
import type { DemoScale } from './plan.ts';
import { defaultDemoCounty } from './seed.ts';

export interface EventHistoryOptions {
  scale: DemoScale;
  clock: Clock;
  calendar: WorkCalendar;
  /** GB/T 2260 code of the seeded county; default 东胜区. */
  county?: string;
  seed?: string;
  /** How many events, instead of the scale's volume (tests ask for a few hundred). */
  count?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export type EventHistorySummary =
  | { skipped: true; county: string; reason: 'events_exist' | 'not_a_demo_district' | 'no_volume' }
  | {
      skipped: false;
      county: string;
      scale: DemoScale;
      from: string;
      to: string;
      rows: Record<string, number>;
      stats: HistoryStats;
      /** Planning (the walks through the workflow) and the whole seeding, in milliseconds. */
      planMs: number;
      ms: number;
    };

const batchSize = 1000;
const defaultSeed = 'shizhi';

/**
 * Only a demo district gets a made-up past: one that `seedDistrict` wrote (its audit row says so) and
 * that has no events yet. A real deployment that imported its own org tree never gets any.
 */
async function reasonToSkip(db: Executor, county: string): Promise<'events_exist' | 'not_a_demo_district' | null> {
  const result = await db.execute<{ has_events: boolean; demo: boolean }>(sql`
    select exists (select 1 from event) as has_events,
           exists (select 1 from audit_log where action = 'seed.district' and entity_id = ${county}) as demo`);
  const row = result.rows[0];
  if (row?.has_events) return 'events_exist';
  return row?.demo ? null : 'not_a_demo_district';
}

/** The seeded district with its staff, grids and categories, as the histories need it. */
export async function loadDistrict(db: Executor, county: string): Promise<HistoryDistrict> {
  await ensureDefaultCatalogue(db);
  const [orgUnits, users, roleAssignments, posts, categories] = await Promise.all([
    db
      .select({
        code: orgUnit.code,
        name: orgUnit.name,
        level: orgUnit.level,
        orgPath: orgUnit.orgPath,
        urban: orgUnit.urban,
        households: orgUnit.households,
        geometry: orgUnit.geometry,
      })
      .from(orgUnit)
      .where(eq(orgUnit.countyCode, county)),
    db
      .selectDistinct({ id: appUser.id, username: appUser.username, displayName: appUser.displayName })
      .from(appUser)
      .innerJoin(roleAssignment, eq(roleAssignment.userId, appUser.id))
      .where(and(eq(roleAssignment.countyCode, county), eq(appUser.status, 'active'))),
    db
      .select({ userId: roleAssignment.userId, orgCode: roleAssignment.orgCode, role: roleAssignment.role, orgPath: roleAssignment.orgPath })
      .from(roleAssignment)
      .where(eq(roleAssignment.countyCode, county)),
    db
      .select({ gridCode: gridPost.gridCode, post: gridPost.post, userId: gridWorker.userId })
      .from(gridPost)
      .innerJoin(gridWorker, eq(gridWorker.id, gridPost.workerId))
      .where(and(eq(gridPost.countyCode, county), isNotNull(gridWorker.userId))),
    currentCategories(db),
  ]);
  return buildHistoryDistrict({
    countyCode: county,
    orgUnits,
    users,
    roleAssignments,
    posts: posts.map((p) => ({ ...p, userId: p.userId! })),
    categories,
  });
}

interface InsertStep {
  label: string;
  rows: number;
  insert(tx: Tx, from: number): Promise<void>;
}

function batches<T>(label: string, rows: readonly T[], insert: (tx: Tx, rows: T[]) => Promise<unknown>): InsertStep {
  return {
    label,
    rows: rows.length,
    async insert(tx, from) {
      await insert(tx, rows.slice(from, from + batchSize));
    },
  };
}

/**
 * Three years of events for the demo district, lived through the workflow (event-history/) and
 * written as the live path writes them: events, tasks, timelines, clocks, warnings and supervision
 * orders. Event numbers come from the live sequence, which then continues after them. One
 * transaction and one summary audit row, like `seedDistrict`: the history is one act, reproducible
 * from (county, seed, volume, clock).
 */
export async function seedEventHistory(handle: DbHandle, options: EventHistoryOptions): Promise<EventHistorySummary> {
  const started = performance.now();
  const county = options.county ?? defaultDemoCounty;
  const count = options.count ?? eventHistoryVolumes[options.scale];
  const early = await reasonToSkip(handle.db, county);
  if (early) return { skipped: true, county, reason: early };
  if (count <= 0) return { skipped: true, county, reason: 'no_volume' };

  const seed = options.seed ?? defaultSeed;
  const district = await loadDistrict(handle.db, county);
  const locator = new GridLocator(handle.db);
  options.onProgress?.(0, count, 'planning');
  const plan = await planEventHistory(district, {
    count,
    now: options.clock.now(),
    calendar: options.calendar,
    seed,
    locate: (lng, lat) => locator.locate(lng, lat),
  });
  const planMs = Math.round(performance.now() - started);

  const steps = [
    batches('event', plan.events, (tx, rows) => insertByColumns(tx, event, rows)),
    batches('event_task', plan.tasks, (tx, rows) => insertByColumns(tx, eventTask, rows)),
    batches('event_timeline', plan.timeline, (tx, rows) => insertByColumns(tx, eventTimeline, rows)),
    batches('event_clock', plan.clocks, (tx, rows) => insertByColumns(tx, eventClock, rows)),
    batches('event_warning', plan.warnings, (tx, rows) => insertByColumns(tx, eventWarning, rows)),
    batches('supervision_order', plan.orders, (tx, rows) => insertByColumns(tx, supervisionOrder, rows)),
  ];
  const rows = Object.fromEntries(steps.map((s) => [s.label, s.rows]));
  const total = steps.reduce((s, step) => s + step.rows, 0);

  const seeded = await handle.db.transaction(async (tx) => {
    // Two processes starting together must not both write a past: the second waits, then sees events.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('shizhi:seed-event-history', 0))`);
    if (await reasonToSkip(tx, county)) return false;
    const first = await tx.execute<{ n: string | number }>(sql`select nextval('event_number_seq') as n`);
    const firstSequence = Number(first.rows[0]!.n);
    numberEvents(plan.events, firstSequence);
    // Live numbering carries on after the history.
    await tx.execute(sql`select setval('event_number_seq', ${firstSequence + plan.events.length - 1})`);

    // The scorecard rollups' triggers stand aside for a bulk load (the transaction-local flag), and
    // the rollups are rebuilt once at the end instead: the contract of the rollup migration.
    await tx.execute(sql`select set_config('shizhi.bulk', 'on', true)`);

    let done = 0;
    for (const step of steps) {
      for (let from = 0; from < step.rows; from += batchSize) {
        await step.insert(tx, from);
        done += Math.min(batchSize, step.rows - from);
        options.onProgress?.(done, total, step.label);
      }
    }
    await tx.execute(sql`select rebuild_event_stats()`);
    const countyPath = district.county.path;
    await appendAudit(tx, options.clock, systemActor, [
      {
        action: 'seed.event_history',
        entityType: 'event',
        entityId: county,
        orgPath: countyPath,
        countyCode: county,
        detail: {
          scale: options.scale,
          seed,
          count,
          from: plan.from.toISOString(),
          to: plan.to.toISOString(),
          numbers: [plan.events[0]?.number, plan.events.at(-1)?.number],
          rows,
          stats: plan.stats,
        },
      },
    ]);
    return true;
  });

  if (!seeded) return { skipped: true, county, reason: 'events_exist' };
  return {
    skipped: false,
    county,
    scale: options.scale,
    from: plan.from.toISOString(),
    to: plan.to.toISOString(),
    rows,
    stats: plan.stats,
    planMs,
    ms: Math.round(performance.now() - started),
  };
}
