import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { defaultCalendar, sweepDeadlines } from '../../../apps/api/src/modules/events/index.ts';
import { MessageBus } from '../../../apps/api/src/platform/bus.ts';
import { systemClock } from '../../../apps/api/src/platform/clock.ts';
import { handleFromUrl } from '../../../apps/api/src/platform/db/client.ts';
import { figure, type Benchmark } from '../lib/figures.ts';
import { delay } from '../lib/net.ts';
import { removeDir, repoRoot, tempDir } from '../lib/paths.ts';
import { startMeasuredPlatform } from '../lib/platform.ts';
import { acquirePostgres, createDatabase } from '../lib/postgres.ts';
import { timeStatements, type StatementTiming } from '../lib/statement-timer.ts';
import { percentile } from '../lib/stats.ts';

const name = 'deadline-warnings';
const clockCount = Number(process.env.BENCH_CLOCKS ?? 100_000);
const intervalMs = Number(process.env.BENCH_SWEEP_INTERVAL_MS ?? 1000);
/** Yellow cards come due over this span, each red card this long after its yellow. */
const spreadMs = 60_000;
const yellowToRedMs = 10_000;
/** Time from the end of the load to the first yellow card. */
const leadMs = 15_000;
/** The first sweeper is killed this long into the window and the second started after the pause. */
const killAfterMs = 25_000;
const downMs = 3_000;
/** Give up waiting this long after the last red card came due. */
const graceMs = 600_000;
const countyCode = '150602';
/** The benchmark's events, told apart from anything the demo seed holds by their numbers. */
const benchEvents = `select id from event where number like 'SJ${countyCode}D%'`;

interface Sweep {
  count: number;
  publishedAt: number;
  sample: { eventId: string; level: string };
  process: 'first' | 'second';
}


function stats(values: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = values.sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Inserts `count` reported events spread over the district's grids and categories, each with a
 * running 受理 (accept) clock, in one transaction with shizhi.bulk on (the rollup triggers stand aside),
 * then rebuilds the rollups. Yellow cards come due from `windowStart` over `spread` ms, each red
 * card `gap` ms after its yellow one.
 */
async function loadClocks(
  client: pg.Client,
  { count, prefix, windowStart, spread, gap }: { count: number; prefix: string; windowStart: number; spread: number; gap: number },
): Promise<void> {
  const grids = Number((await client.query<{ n: string }>(`select count(*) as n from org_unit where level = 'grid'`)).rows[0]!.n);
  await client.query('begin');
  await client.query(`select set_config('shizhi.bulk', 'on', true)`);
  await client.query(
    `with cats as (
       select code, version, rules, name, row_number() over (order by code) - 1 as i, count(*) over () as n
       from (select distinct on (code) code, version, rules, name, parent_code, active from event_category order by code, version desc) c
       where parent_code is not null and active),
     grid as (select code, org_path, row_number() over (order by code) - 1 as i from org_unit where level = 'grid')
     insert into event (id, number, source, category_code, category_version, rules, title, description, grid_code,
       owner_org_code, owner_org_path, state, reporter_name, tracking_code, reported_at, org_path, county_code)
     select gen_random_uuid(), 'SJ${countyCode}${prefix}' || lpad(s::text, 9, '0'), 'grid_worker', c.code, c.version, c.rules,
       c.name || '：期限压测', '期限压测事件', g.code, subpath(g.org_path, d.depth - 1, 1)::text, subpath(g.org_path, 0, d.depth),
       'reported', 'bench', '${prefix}' || lpad(s::text, 11, '0'), now(), g.org_path, '${countyCode}'
     from generate_series(0, $1::int - 1) s
     join grid g on g.i = s % $2::int
     join cats c on c.i = (s / 7) % c.n
     cross join lateral (select case c.rules->>'handlingLevel' when 'county' then 3 when 'township' then 4 else 5 end as depth) d`,
    [count, grids],
  );
  // Due times in an order unrelated to grid and category, so every sweep touches the whole district.
  await client.query(
    `insert into event_clock (event_id, kind, round, started_at, due_at, yellow_at, org_path, county_code)
     select id, 'accept', 1, now(),
       to_timestamp(($1::bigint + $3::bigint + (k * $2::bigint) / $4::bigint) / 1000.0),
       to_timestamp(($1::bigint + (k * $2::bigint) / $4::bigint) / 1000.0),
       org_path, county_code
     from (select id, org_path, county_code, row_number() over (order by md5(id::text)) - 1 as k
           from event where number like 'SJ${countyCode}${prefix}%') e`,
    [windowStart, spread, gap, count],
  );
  await client.query('commit');
  await client.query('select rebuild_event_stats()');
}

function startSweeper(url: string, label: Sweep['process'], sweeps: Sweep[], errors: string[]): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'src', 'lib', 'sweeper-process.ts'), url, String(intervalMs)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const [word, count, at, eventId, level] = line.split(' ');
    if (word === 'ready') markReady();
    if (word === 'fired') sweeps.push({ count: Number(count), publishedAt: Number(at), sample: { eventId: eventId!, level: level! }, process: label });
  });
  readline.createInterface({ input: child.stderr! }).on('line', (line) => errors.push(`${label}: ${line}`));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

/**
 * Every `everyMs`, a read of due cards that writes nothing: how late a bare poll at the same interval
 * sees them. It reads the benchmark's yellow and red times from an indexed copy in a temporary table:
 * on event_clock itself no index serves a time range over all clocks, and two scans of the table a
 * second would take CPU from the sweeper being measured.
 */
async function startPollBaseline(url: string, everyMs: number, from: number): Promise<{ stop(): Promise<number[]> }> {
  const lateness: number[] = [];
  let running = true;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `create temporary table card_due as
       select yellow_at as at from event_clock where event_id in (${benchEvents})
       union all
       select due_at from event_clock where event_id in (${benchEvents})`,
  );
  await client.query('create index on card_due (at)');
  await client.query('analyze card_due');
  const loop = (async () => {
    let since = from;
    try {
      while (running) {
        const started = Date.now();
        const { rows } = await client.query<{ at: string }>(
          `select (extract(epoch from at) * 1000)::bigint as at from card_due where at > to_timestamp($1 / 1000.0) and at <= to_timestamp($2 / 1000.0)`,
          [since, started],
        );
        const seen = Date.now();
        for (const row of rows) lateness.push(seen - Number(row.at));
        since = started;
        const rest = everyMs - (Date.now() - started);
        if (rest > 0) await delay(rest);
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return lateness;
    },
  };
}

/** While sweeps run, how long an audited change in the county waits for the audit chain's lock. */
function startAuditProbe(url: string): { stop(): Promise<number[]> } {
  const waits: number[] = [];
  let running = true;
  const loop = (async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (running) {
        const started = performance.now();
        await client.query('begin');
        await client.query(`select seq from audit_chain_head($1)`, [countyCode]);
        await client.query('rollback');
        waits.push(performance.now() - started);
        await delay(250);
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return waits;
    },
  };
}

/** CPU seconds a local process has used (user + system), from /proc; null where that cannot be read. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * Where a sweep's time goes: 2,000 clocks past their red card and 2,000 past their yellow one, swept
 * once in this process on one connection with every statement timed, and the CPU it took in this
 * process and in its PostgreSQL backend (when the server runs on this machine).
 */
async function profileOneSweep(client: pg.Client, url: string, say: (line: string) => void): Promise<{ perSecond: number; cpuUs: number | null }> {
  const now = Date.now();
  await loadClocks(client, { count: 4_000, prefix: 'P', windowStart: now - 60_000, spread: 60_000, gap: 30_000 });
  const handle = handleFromUrl(url, 1);
  const backend = Number((await handle.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid);
  const backendBefore = processCpuMs(backend);
  const cpuBefore = process.cpuUsage();
  const timer = timeStatements();
  let statements: StatementTiming[] = [];
  const started = performance.now();
  let fired: Awaited<ReturnType<typeof sweepDeadlines>> = [];
  try {
    fired = await sweepDeadlines({ db: handle.db, clock: systemClock, calendar: defaultCalendar(), bus: new MessageBus() });
  } finally {
    statements = timer.stop();
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeMs = (cpu.user + cpu.system) / 1000;
  const backendAfter = processCpuMs(backend);
  await handle.close();
  const postgresMs = backendBefore !== null && backendAfter !== null ? backendAfter - backendBefore : null;
  const red = fired.filter((w) => w.level === 'red').length;
  const calls = statements.reduce((sum, t) => sum + t.calls, 0);
  const per = (total: number) => ((total * 1000) / Math.max(1, fired.length)).toFixed(0);
  say(
    `  one sweep in this process, statements timed: ${red} red + ${fired.length - red} yellow warnings in ${seconds(ms)} ` +
      `(${Math.round((fired.length * 1000) / ms).toLocaleString('en')} warnings/s), ${calls} statements; CPU per warning: ` +
      `${per(nodeMs)} µs in Node${postgresMs === null ? ' (PostgreSQL backend not on this machine)' : ` + ${per(postgresMs)} µs in PostgreSQL`}:`,
  );
  for (const t of statements.slice(0, 10)) {
    say(`    ${t.totalMs.toFixed(0).padStart(6)} ms  ${String(t.calls).padStart(5)}×  mean ${t.meanMs.toFixed(2)} ms  ${t.statement}`);
  }
  return { perSecond: (fired.length * 1000) / ms, cpuUs: postgresMs === null ? null : ((nodeMs + postgresMs) * 1000) / Math.max(1, fired.length) };
}

export const deadlineWarnings: Benchmark = {
  name,
  description: `${clockCount.toLocaleString('en')} running clocks whose yellow and red cards come due over ~70 s; the platform's sweeper (every ${intervalMs} ms, sooner while cards come due) in a child process, SIGKILLed midway and restarted; lateness of every warning; baseline: a read-only poll at the same interval`,
  async run(say) {
    const server = await acquirePostgres(say);
    if (!server) throw new Error('deadline-warnings needs PostgreSQL (DATABASE_URL, or PostgreSQL 15 binaries to start one)');
    const database = await createDatabase(server, 'deadlines');
    const dataDir = tempDir('deadlines');
    const children: ChildProcess[] = [];
    const client = new pg.Client({ connectionString: database.url });
    try {
      say(`  migrating and seeding the demo district on PostgreSQL (${server.origin}, database ${database.name})…`);
      const platform = await startMeasuredPlatform({ engine: 'postgres', databaseUrl: database.url, dataDir });
      await platform.stop();
      await client.connect();

      let t0 = performance.now();
      // The window opens leadMs after the load is expected to end; the load is timed and checked below.
      const estimateMs = 20_000;
      const windowStart = Date.now() + estimateMs + leadMs;
      await loadClocks(client, { count: clockCount, prefix: 'D', windowStart, spread: spreadMs, gap: yellowToRedMs });
      const loadMs = performance.now() - t0;
      const margin = windowStart - Date.now();
      say(`  loaded ${clockCount.toLocaleString('en')} events and clocks (bulk) and rebuilt the rollups in ${seconds(loadMs)}; first yellow card in ${seconds(margin)}`);
      if (margin < 2_000) throw new Error('the load took longer than planned: the first cards came due before a sweeper ran');

      const sweeps: Sweep[] = [];
      const errors: string[] = [];
      const baseline = await startPollBaseline(database.url, intervalMs, windowStart - 1);
      const probe = startAuditProbe(database.url);
      const first = startSweeper(database.url, 'first', sweeps, errors);
      children.push(first.child);
      await first.ready;
      await delay(windowStart + killAfterMs - Date.now());
      if (first.child.exitCode !== null) throw new Error(`the first sweeper exited on its own: ${errors.slice(-5).join('\n')}`);
      const killedAt = Date.now();
      first.child.kill('SIGKILL');
      await first.exited;
      const firedBeforeKill = sweeps.reduce((s, w) => s + w.count, 0);
      say(`  first sweeper SIGKILLed ${seconds(killedAt - windowStart)} into the window after ${firedBeforeKill} warnings; ${seconds(downMs)} without a sweeper`);
      await delay(downMs);
      const second = startSweeper(database.url, 'second', sweeps, errors);
      children.push(second.child);
      await second.ready;
      const restartedAt = Date.now();

      const lastRed = windowStart + spreadMs + yellowToRedMs;
      t0 = performance.now();
      let secondExited = false;
      void second.exited.then(() => (secondExited = true));
      // Nothing is counted before the last red card is due: the count scans the clocks, and while
      // cards come due it would take CPU from the sweeper it is measuring.
      while (Date.now() < lastRed) {
        if (secondExited) throw new Error(`the second sweeper exited on its own: ${errors.slice(-5).join('\n')}`);
        await delay(Math.min(500, lastRed - Date.now()));
      }
      for (;;) {
        if (secondExited) throw new Error(`the second sweeper exited on its own: ${errors.slice(-5).join('\n')}`);
        const { rows } = await client.query<{ pending: string }>(
          `select count(*) as pending from event_clock where red_fired_at is null and event_id in (${benchEvents})`,
        );
        if (Number(rows[0]!.pending) === 0) break;
        if (Date.now() > lastRed + graceMs) {
          say(`  gave up waiting ${seconds(graceMs)} after the last red card: ${rows[0]!.pending} red cards still pending`);
          break;
        }
        await delay(500);
      }
      second.child.kill('SIGTERM');
      const stopCode = await second.exited;
      const pollLateness = await baseline.stop();
      const auditWaits = await probe.stop();
      for (const e of errors.slice(0, 5)) say(`  sweeper stderr: ${e}`);

      // Every warning with the time it was due and the time its sweep says it fired.
      const { rows: warnings } = await client.query<{ level: string; fired: string; target: string }>(
        `select w.level, (extract(epoch from w.fired_at) * 1000)::bigint as fired,
                (extract(epoch from case w.level when 'red' then c.due_at else c.yellow_at end) * 1000)::bigint as target
         from event_warning w join event_clock c using (event_id, kind, round)
         where w.event_id in (${benchEvents})`,
      );
      const { rows: checks } = await client.query<Record<string, string>>(
        `with bench as (${benchEvents})
         select
           (select count(*) from event_clock where event_id in (select id from bench)) as clocks,
           (select count(*) from event_warning where level = 'red' and event_id in (select id from bench)) as red,
           (select count(*) from event_warning where level = 'yellow' and event_id in (select id from bench)) as yellow,
           (select count(*) from event_clock c where c.event_id in (select id from bench) and c.red_fired_at is not null and not exists
              (select 1 from event_warning w where w.event_id = c.event_id and w.kind = c.kind and w.round = c.round and w.level = 'yellow')) as yellow_superseded,
           (select count(*) from (select event_id, action from event_timeline where action like 'warning_%' and event_id in (select id from bench)
              group by 1, 2 having count(*) > 1) d) as timeline_doubles,
           (select count(*) from (select entity_id, action from audit_log where action like 'event.warning_%' and entity_id in (select id::text from bench)
              group by 1, 2 having count(*) > 1) d) as audit_doubles,
           (select count(*) from (select event_id from supervision_order where event_id in (select id from bench) group by 1 having count(*) > 1) d) as order_doubles,
           (select count(*) from supervision_order where event_id in (select id from bench)) as orders`,
      );
      const check = Object.fromEntries(Object.entries(checks[0]!).map(([k, v]) => [k, Number(v)]));

      // The sweep a warning belongs to is found by its fired_at; its warnings became visible when it published.
      const { rows: samples } = await client.query<{ event_id: string; level: string; fired: string }>(
        `select event_id, level, (extract(epoch from fired_at) * 1000)::bigint as fired from event_warning
         where (event_id, level) in (select * from unnest($1::uuid[], $2::text[]))`,
        [sweeps.map((s) => s.sample.eventId), sweeps.map((s) => s.sample.level)],
      );
      const publishedBy = new Map<number, number>();
      for (const s of sweeps) {
        const fired = samples.find((r) => r.event_id === s.sample.eventId && r.level === s.sample.level);
        if (fired) publishedBy.set(Number(fired.fired), s.publishedAt);
      }
      const downFrom = killedAt;
      const downTo = restartedAt + intervalMs;
      // The restarted sweeper has caught up when it last fired a card more than an interval late.
      let caughtUpAt = restartedAt;
      for (const w of warnings) {
        if (Number(w.target) >= downFrom && Number(w.fired) - Number(w.target) > intervalMs) caughtUpAt = Math.max(caughtUpAt, Number(w.fired));
      }
      const all: number[] = [];
      const visible: number[] = [];
      const outsideDown: number[] = [];
      const steady: number[] = [];
      for (const w of warnings) {
        const target = Number(w.target);
        const late = Number(w.fired) - target;
        all.push(late);
        const published = publishedBy.get(Number(w.fired));
        if (published !== undefined) visible.push(published - target);
        if (target < downFrom || target > downTo) outsideDown.push(late);
        if (target < downFrom - intervalMs || target > caughtUpAt) steady.push(late);
      }
      const lateAll = stats(all);
      const lateOutside = stats(outsideDown);
      const lateSteady = stats(steady);
      const lateVisible = stats(visible);
      const poll = stats(pollLateness);
      const audit = stats(auditWaits);
      const batchDurations = stats(
        sweeps.flatMap((s) => {
          const fired = samples.find((r) => r.event_id === s.sample.eventId && r.level === s.sample.level);
          return fired ? [s.publishedAt - Number(fired.fired)] : [];
        }),
      );
      const perBatch = stats(sweeps.map((s) => s.count));
      const secondBatches = sweeps.filter((s) => s.process === 'second' && s.publishedAt <= caughtUpAt);
      const catchUpRate = (secondBatches.reduce((sum, s) => sum + s.count, 0) * 1000) / Math.max(1, caughtUpAt - restartedAt);

      const expectedYellow = clockCount - check.yellow_superseded!;
      const allFired = check.red === clockCount && check.yellow === expectedYellow;
      const exactlyOnce = check.timeline_doubles === 0 && check.audit_doubles === 0 && check.order_doubles === 0;
      say(
        `  fired: red ${check.red}/${clockCount}, yellow ${check.yellow}/${clockCount} (${check.yellow_superseded} yellow cards settled by a red one that came first); ` +
          `${check.orders} supervision orders; duplicates: timeline ${check.timeline_doubles}, audit ${check.audit_doubles}, orders ${check.order_doubles}` +
          `${allFired && exactlyOnce ? ' — nothing lost, each fired once' : ' — NOT ALL FIRED EXACTLY ONCE'}`,
      );
      say(
        `  batches committed: ${sweeps.length} (first process ${sweeps.filter((s) => s.process === 'first').length}), warnings per batch p50 ${perBatch.p50} max ${perBatch.max}; ` +
          `batch start → commit p50 ${seconds(batchDurations.p50)}, max ${seconds(batchDurations.max)}; second sweeper stopped with exit ${stopCode}`,
      );
      say(
        `  the restarted sweeper caught up ${seconds(caughtUpAt - restartedAt)} after it started (its last warning more than ${intervalMs} ms late), ` +
          `firing ${Math.round(catchUpRate).toLocaleString('en')} warnings/s meanwhile`,
      );
      say(`  lateness by fired_at (batch start − due), all ${lateAll.n}: p50 ${seconds(lateAll.p50)}, p99 ${seconds(lateAll.p99)}, max ${seconds(lateAll.max)}`);
      say(`  the same without the ${lateAll.n - lateOutside.n} warnings due while no sweeper ran: p50 ${seconds(lateOutside.p50)}, p99 ${seconds(lateOutside.p99)}, max ${seconds(lateOutside.max)}`);
      say(
        `  the same without the kill at all (due from ${seconds(intervalMs)} before it until the catch-up), ${lateSteady.n}: ` +
          `p50 ${seconds(lateSteady.p50)}, p99 ${seconds(lateSteady.p99)}, max ${seconds(lateSteady.max)}`,
      );
      say(`  lateness as users see it (commit and publish − due), ${lateVisible.n}: p50 ${seconds(lateVisible.p50)}, p99 ${seconds(lateVisible.p99)}, max ${seconds(lateVisible.max)}`);
      say(`  baseline read-only poll every ${intervalMs} ms, ${poll.n} cards: p50 ${seconds(poll.p50)}, p99 ${seconds(poll.p99)}, max ${seconds(poll.max)}`);
      say(`  audit chain lock wait for a change in county ${countyCode} while sweeping (${audit.n} probes): p50 ${audit.p50.toFixed(0)} ms, p99 ${audit.p99.toFixed(0)} ms, max ${audit.max.toFixed(0)} ms`);

      const ofInterval = (ms: number) => `${(ms / intervalMs).toFixed(2)}× the ${intervalMs} ms interval`;
      say(
        `  as multiples of the poll interval: sweeper p99 ${ofInterval(lateOutside.p99)}, max ${ofInterval(lateOutside.max)}; ` +
          `as seen p99 ${ofInterval(lateVisible.p99)}; read-only poll p99 ${ofInterval(poll.p99)}, max ${ofInterval(poll.max)}`,
      );
      const profile = await profileOneSweep(client, database.url, say);

      const note = `${allFired ? 'all fired' : 'NOT ALL FIRED'}, ${exactlyOnce ? 'each once' : 'DUPLICATES'}; ${clockCount} clocks, sweep every ${intervalMs} ms`;
      const profiled = `one sweep of ~4,000 due clocks in-process${profile.cpuUs === null ? '' : `, ${profile.cpuUs.toFixed(0)} µs CPU per warning`}`;
      return [
        figure(name, 'lateness p99 (fired_at − due), sweeper running', 's', lateOutside.p99 / 1000, `read-only ${intervalMs} ms poll`, poll.p99 / 1000, note),
        figure(name, 'lateness max (fired_at − due), sweeper running', 's', lateOutside.max / 1000, `read-only ${intervalMs} ms poll`, poll.max / 1000, note),
        figure(name, 'lateness p99 as seen (commit − due), incl. kill', 's', lateVisible.p99 / 1000, `read-only ${intervalMs} ms poll`, poll.p99 / 1000),
        figure(name, 'lateness max as seen (commit − due), incl. kill', 's', lateVisible.max / 1000, `read-only ${intervalMs} ms poll`, poll.max / 1000),
        figure(name, 'lateness p99 without the kill and its catch-up', 's', lateSteady.p99 / 1000, `read-only ${intervalMs} ms poll`, poll.p99 / 1000),
        figure(name, 'warnings fired per second (one sweep, in-process)', 'warnings/s', profile.perSecond, 'cards coming due per second at the peak', (2 * clockCount) / spreadMs * 1000, profiled),
        figure(name, 'warnings fired / expected', 'count', check.red! + check.yellow!, 'expected (red + unsuperseded yellow)', clockCount + expectedYellow),
      ];
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await client.end().catch(() => undefined);
      try {
        await database.drop();
      } finally {
        // A throwaway server is stopped even when dropping the database failed.
        await server.stop();
        removeDir(dataDir);
      }
    }
  },
};
