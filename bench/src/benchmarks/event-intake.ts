import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AutocannonResult } from 'autocannon';
import type { DbHandle } from '../../../apps/api/src/platform/db/client.ts';
import type { RunningPlatform } from '../../../apps/api/src/start.ts';
import { profileCpu } from '../lib/cpu-profile.ts';
import { figure, type Benchmark, type Figure } from '../lib/figures.ts';
import { assertLoopback, runLoadGenerator } from '../lib/load.ts';
import { delay } from '../lib/net.ts';
import { cpuSecondsOf, machineCpuSeconds, sampleActivity, type ActivityProfile } from '../lib/pg-activity.ts';
import { loopbackBase, startMeasuredPlatform, type Engine } from '../lib/platform.ts';
import { acquirePostgres, createDatabase, type PostgresServer } from '../lib/postgres.ts';
import { removeDir, tempDir } from '../lib/paths.ts';
import { prepareReporting, type ReportFixture } from '../lib/report-fixture.ts';
import type { ReportLoadPlan } from '../lib/report-load-generator.ts';
import { timeStatements, type StatementTiming } from '../lib/statement-timer.ts';
import { median } from '../lib/stats.ts';

const name = 'event-intake';
const connections = 10;
const rounds = 5;
const roundSeconds = 3;
const warmupSeconds = 2;
const settleMs = 1_000;
const baselineTable = 'intake_baseline';

type LoadRun = AutocannonResult & { cpuSeconds: number };

interface Measured {
  /** Rows the database gained, per second of load. */
  createdPerSecond: number;
  created: number;
  requests: number;
  seconds: number;
  /** Median of the rounds' p99s. */
  p99Ms: number;
  p99MaxMs: number;
  meanMs: number;
  statusCounts: Record<string, number>;
  errors: number;
}

async function runReports(plan: ReportLoadPlan): Promise<LoadRun> {
  assertLoopback(plan.url);
  const dir = tempDir('intake-plan');
  try {
    const file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, JSON.stringify(plan));
    return await runLoadGenerator<LoadRun>(path.join('bench', 'src', 'lib', 'report-load-generator.ts'), file, plan.duration);
  } finally {
    removeDir(dir);
  }
}

async function countRows(handle: DbHandle, table: string): Promise<number> {
  const { rows } = await handle.query<{ n: string | number }>(`select count(*) as n from ${table}`);
  return Number(rows[0]?.n ?? 0);
}


/** Accumulates rounds of one target: rows created (counted in the database) and the client's view. */
class Rounds {
  private runs: { run: LoadRun; created: number }[] = [];

  add(run: LoadRun, created: number): void {
    this.runs.push({ run, created });
  }

  result(): Measured {
    const seconds = this.runs.reduce((s, r) => s + r.run.duration, 0);
    const created = this.runs.reduce((s, r) => s + r.created, 0);
    const requests = this.runs.reduce((s, r) => s + r.run.requests.total, 0);
    const statusCounts: Record<string, number> = {};
    for (const { run } of this.runs) {
      for (const [code, { count }] of Object.entries(run.statusCodeStats ?? {})) statusCounts[code] = (statusCounts[code] ?? 0) + count;
    }
    return {
      createdPerSecond: seconds ? created / seconds : 0,
      created,
      requests,
      seconds,
      p99Ms: median(this.runs.map((r) => r.run.latency.p99)),
      p99MaxMs: Math.max(...this.runs.map((r) => r.run.latency.p99)),
      meanMs: this.runs.reduce((s, r) => s + r.run.latency.average * r.run.requests.total, 0) / Math.max(1, requests),
      statusCounts,
      errors: this.runs.reduce((s, r) => s + r.run.errors + r.run.timeouts, 0),
    };
  }
}

/**
 * The baseline: a bare Fastify route in the same process, on the platform's own connection pool, that
 * inserts the same row into a table of the same shape (columns, defaults, unique and gist indexes; no
 * triggers, no row-level security) in one statement: no session, validation, grid lookup, numbering
 * sequence, timeline, clock or audit.
 */
async function startBaseline(platform: RunningPlatform): Promise<{ app: FastifyInstance; url: string }> {
  const { handle } = platform;
  await handle.query(`drop table if exists ${baselineTable}`);
  await handle.query(`create table ${baselineTable} (like event including all)`);
  const { rows } = await handle.query<{ org_path: string; code: string; village: string; rules: unknown }>(
    `select g.org_path::text, g.code, subpath(g.org_path, 0, 5)::text as village,
       (select rules from event_category where parent_code is not null order by code limit 1) as rules
     from org_unit g where g.level = 'grid' order by g.code limit 1`,
  );
  const place = rows[0]!;
  const rulesJson = JSON.stringify(place.rules);
  let sequence = 0;
  const app = Fastify({ logger: false });
  app.post('/baseline/events', async (request, reply) => {
    const body = request.body as { categoryCode: string; description: string; location: { lng: number; lat: number } };
    const id = randomUUID();
    const number = `SJ150602B${String((sequence += 1)).padStart(9, '0')}${randomBytes(2).toString('hex')}`;
    const trackingCode = randomBytes(8).toString('hex').toUpperCase();
    const key = request.headers['idempotency-key'];
    await handle.query(
      `insert into ${baselineTable} (id, number, source, category_code, category_version, rules, title, description, lng, lat,
         grid_code, owner_org_code, owner_org_path, state, reporter_name, tracking_code, idempotency_key, reported_at, org_path, county_code)
       values ($1, $2, 'grid_worker', $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, 'reported', 'bench', $12, $13, $14, $15, '150602')`,
      [
        id,
        number,
        body.categoryCode,
        rulesJson,
        body.description.slice(0, 30),
        body.description,
        body.location.lng,
        body.location.lat,
        place.code,
        place.village.split('.').at(-1),
        place.village,
        trackingCode,
        typeof key === 'string' ? `bench:${key}` : null,
        new Date().toISOString(),
        place.org_path,
      ],
    );
    return reply.status(201).send({ id, number, trackingCode, replayed: false });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `${loopbackBase(address)}/baseline/events` };
}

function planFor(url: string, fixture: ReportFixture, duration: number, clients = connections): ReportLoadPlan {
  return { url, connections: clients, duration, sessions: fixture.sessions, categories: fixture.categories, descriptions: fixture.descriptions };
}

/** One round against a target, with the rows it created counted in the database. */
async function round(plan: ReportLoadPlan, handle: DbHandle, table: string): Promise<{ run: LoadRun; created: number }> {
  const before = await countRows(handle, table);
  const run = await runReports(plan);
  await delay(settleMs);
  const created = (await countRows(handle, table)) - before;
  return { run, created };
}

function describe(label: string, m: Measured): string {
  const codes = Object.entries(m.statusCounts)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  return (
    `  ${label}: ${m.createdPerSecond.toFixed(0)} created/s, p99 ${m.p99Ms.toFixed(0)} ms (max round ${m.p99MaxMs.toFixed(0)} ms), ` +
    `mean ${m.meanMs.toFixed(1)} ms — ${m.created} rows for ${m.requests} requests in ${m.seconds.toFixed(1)} s [${codes}${m.errors ? `, ${m.errors} errors/timeouts` : ''}]`
  );
}

/** Serial reports on one connection, every statement timed: the cost of one report without contention. */
async function profileSerial(url: string, fixture: ReportFixture, say: (line: string) => void): Promise<{ perReportMs: number; statements: StatementTiming[]; reports: number }> {
  const timer = timeStatements();
  let statements: StatementTiming[] = [];
  let run: LoadRun;
  try {
    run = await runReports(planFor(url, fixture, 4, 1));
  } finally {
    statements = timer.stop();
  }
  const reports = run.requests.total;
  const dbMs = statements.reduce((s, t) => s + t.totalMs, 0) / Math.max(1, reports);
  const roundTrips = statements.reduce((s, t) => s + t.calls, 0) / Math.max(1, reports);
  say(
    `  one connection: ${reports} reports, mean ${run.latency.average.toFixed(2)} ms each (p99 ${run.latency.p99} ms); ` +
      `${roundTrips.toFixed(1)} statements per report taking ${dbMs.toFixed(2)} ms at the client`,
  );
  for (const s of statements.slice(0, 18)) {
    say(`    ${(s.totalMs / reports).toFixed(3).padStart(6)} ms/report  ${(s.calls / reports).toFixed(2).padStart(5)}×  ${s.statement}`);
  }
  return { perReportMs: run.latency.average, statements, reports };
}

/** Under the measured load: where the pool's connections spend their time, and CPU per process. */
async function profileConcurrent(
  url: string,
  fixture: ReportFixture,
  platform: RunningPlatform,
  databaseName: string,
  databaseUrl: string,
  say: (line: string) => void,
): Promise<{ activity: ActivityProfile; statements: StatementTiming[]; reports: number; cpu: Record<string, number> }> {
  const { rows } = await platform.handle.query<{ pid: number }>(`select pid from pg_stat_activity where datname = $1`, [databaseName]);
  const backendPids = rows.map((r) => r.pid);
  const sampler = await sampleActivity(databaseUrl, databaseName);
  const timer = timeStatements();
  const machine0 = machineCpuSeconds();
  const node0 = process.cpuUsage();
  const pg0 = cpuSecondsOf(backendPids);
  const started = performance.now();
  let statements: StatementTiming[] = [];
  let run: LoadRun;
  try {
    run = await runReports(planFor(url, fixture, 4));
  } finally {
    statements = timer.stop();
  }
  const wall = (performance.now() - started) / 1000;
  const nodeUsage = process.cpuUsage(node0);
  const machine1 = machineCpuSeconds();
  const activity = await sampler.stop();
  const cpu = {
    wallSeconds: wall,
    machineBusy: machine1.busy - machine0.busy,
    platformProcess: (nodeUsage.user + nodeUsage.system) / 1e6,
    postgresBackends: cpuSecondsOf(backendPids) - pg0,
    loadGenerator: run.cpuSeconds,
  };
  const reports = run.requests.total;
  say(`  ${connections} connections: ${(reports / run.duration).toFixed(0)} reports/s, p99 ${run.latency.p99} ms while profiled`);
  say(
    `  CPU over ${wall.toFixed(1)} s (cores busy): machine ${(cpu.machineBusy / wall).toFixed(2)}, platform process ${(cpu.platformProcess / wall).toFixed(2)}, ` +
      `PostgreSQL backends ${(cpu.postgresBackends / wall).toFixed(2)}, load generator ${(cpu.loadGenerator / wall).toFixed(2)}`,
  );
  say(`  pool connections' time (${activity.samples} samples of pg_stat_activity):`);
  for (const s of activity.states) say(`    ${(s.share * 100).toFixed(1).padStart(5)} %  ${s.state}`);
  for (const w of activity.lockWaits.slice(0, 6)) say(`    ${(w.share * 100).toFixed(1).padStart(5)} %    of which ${w.statement}`);
  say(`  statement time at the client per report under load:`);
  for (const s of statements.filter((t) => !t.statement.includes('pg_stat_activity')).slice(0, 10)) {
    say(`    ${(s.totalMs / reports).toFixed(3).padStart(6)} ms/report  mean ${s.meanMs.toFixed(2).padStart(6)} ms  max ${s.maxMs.toFixed(0).padStart(4)} ms  ${s.statement}`);
  }
  return { activity, statements, reports, cpu };
}

/** The platform process's own CPU under the measured load, by package and module. */
async function profileNode(url: string, fixture: ReportFixture, say: (line: string) => void): Promise<void> {
  const cpu0 = process.cpuUsage();
  const { result: run, shares } = await profileCpu(() => runReports(planFor(url, fixture, 4)));
  const used = process.cpuUsage(cpu0);
  const perReport = (used.user + used.system) / 1000 / Math.max(1, run.requests.total);
  say(`  platform process CPU: ${perReport.toFixed(2)} ms per report (${run.requests.total} reports), by where the code lives:`);
  for (const s of shares.slice(0, 12)) say(`    ${(s.share * 100).toFixed(1).padStart(5)} %  ${s.where}`);
}

/**
 * What-if rounds: the same load against a second platform process on the same database, started
 * with one setting changed, each just after a reference round against the measured platform.
 */
const whatIfs: { label: string; env: Record<string, string> }[] = [
  { label: 'one report per statement (SHIZHI_INTAKE_BATCH=1, SHIZHI_INTAKE_WRITERS=10: no batching)', env: { SHIZHI_INTAKE_BATCH: '1', SHIZHI_INTAKE_WRITERS: '10' } },
  { label: 'second writer once 2 wait (SHIZHI_INTAKE_BUSY_BATCH=2)', env: { SHIZHI_INTAKE_BUSY_BATCH: '2' } },
];

async function whatIf(url: string, fixture: ReportFixture, handle: DbHandle, databaseUrl: string, say: (line: string) => void): Promise<void> {
  for (const w of whatIfs) {
    const reference = new Rounds();
    const before = await round(planFor(url, fixture, roundSeconds), handle, 'event');
    reference.add(before.run, before.created);
    const dataDir = tempDir('intake-what-if');
    const other = await startMeasuredPlatform({ engine: 'postgres', databaseUrl, dataDir }, w.env);
    const changed = new Rounds();
    try {
      const otherUrl = `${loopbackBase(other.url)}/api/events`;
      await runReports(planFor(otherUrl, fixture, warmupSeconds));
      const after = await round(planFor(otherUrl, fixture, roundSeconds), handle, 'event');
      changed.add(after.run, after.created);
    } finally {
      await other.stop();
      removeDir(dataDir);
    }
    const r = reference.result();
    const c = changed.result();
    say(`  ${w.label}: ${c.createdPerSecond.toFixed(0)} created/s, p99 ${c.p99Ms} ms (as configured, just before: ${r.createdPerSecond.toFixed(0)}/s, p99 ${r.p99Ms} ms)`);
  }
}

async function measureEngine(engine: Engine, server: PostgresServer | null, say: (line: string) => void, options: { profile: boolean }): Promise<Figure[]> {
  const dataDir = tempDir(`intake-${engine}`);
  const database = server ? await createDatabase(server, 'intake') : null;
  say(`  starting the platform on ${engine === 'postgres' ? `PostgreSQL (${server!.origin}, database ${database!.name})` : 'PGlite'}, demo scale…`);
  const platform = await startMeasuredPlatform(
    database ? { engine: 'postgres', databaseUrl: database.url, dataDir } : { engine: 'pglite', dataDir },
  );
  let baseline: Awaited<ReturnType<typeof startBaseline>> | null = null;
  try {
    const base = loopbackBase(platform.url);
    const fixture = await prepareReporting(base, { gridWorkers: 8, hotline: 2 });
    say(
      `  ${fixture.sessions.length} sessions (8 grid workers in their own grids, 2 hotline operators anywhere), ` +
        `${fixture.categories.length} subcategories, ${connections} connections`,
    );
    baseline = await startBaseline(platform);
    const appUrl = `${base}/api/events`;

    await runReports(planFor(appUrl, fixture, warmupSeconds));
    await runReports(planFor(baseline.url, fixture, warmupSeconds));
    const eventsAtStart = await countRows(platform.handle, 'event');
    const app = new Rounds();
    const bare = new Rounds();
    for (let i = 0; i < rounds; i++) {
      const a = await round(planFor(appUrl, fixture, roundSeconds), platform.handle, 'event');
      app.add(a.run, a.created);
      const b = await round(planFor(baseline.url, fixture, roundSeconds), platform.handle, baselineTable);
      bare.add(b.run, b.created);
    }
    const appResult = app.result();
    const bareResult = bare.result();
    say(describe(`POST /api/events [${engine}]`, appResult));
    say(describe(`bare INSERT route [${engine}]`, bareResult));
    say(`  events in the table: ${eventsAtStart} when measuring started, ${await countRows(platform.handle, 'event')} after`);

    const unexpected = Object.entries(appResult.statusCounts).filter(([code]) => code !== '201');
    const note = unexpected.length || appResult.errors ? `responses other than 201: ${unexpected.map(([c, n]) => `${c}×${n}`).join(' ')}${appResult.errors ? ` errors ${appResult.errors}` : ''}` : undefined;
    const figures: Figure[] = [
      figure(name, `POST /api/events [${engine}] created/s`, 'rps', appResult.createdPerSecond, 'bare INSERT route', bareResult.createdPerSecond, note),
      figure(name, `POST /api/events [${engine}] p99`, 'ms', appResult.p99Ms, 'bare INSERT route', bareResult.p99Ms, note),
    ];

    if (options.profile && engine === 'postgres') {
      say('  where the time goes, one report at a time:');
      await profileSerial(appUrl, fixture, say);
      say('  where the time goes under load:');
      await profileConcurrent(appUrl, fixture, platform, database!.name, database!.url, say);
      await profileNode(appUrl, fixture, say);
      say('  what if (same load, one setting changed, on this benchmark’s own database):');
      await whatIf(appUrl, fixture, platform.handle, database!.url, say);
    }
    return figures;
  } finally {
    await baseline?.app.close();
    await platform.stop();
    await database?.drop();
    removeDir(dataDir);
  }
}

export const eventIntake: Benchmark = {
  name,
  description:
    'created events/s and p99 of POST /api/events (autocannon, 10 connections, grid workers and hotline sessions, unique Idempotency-Keys, points in real grids) on PostgreSQL; baseline: a bare Fastify route on the same pool inserting the same row into a table of the same shape',
  async run(say) {
    const server = await acquirePostgres(say);
    try {
      if (!server) {
        say('  PostgreSQL is not available: measuring on PGlite only');
        return await measureEngine('pglite', null, say, { profile: false });
      }
      return await measureEngine('postgres', server, say, { profile: !process.argv.includes('--no-profile') });
    } finally {
      await server?.stop();
    }
  },
};
