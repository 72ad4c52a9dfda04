import type { DbHandle } from '../../../apps/api/src/platform/db/client.ts';
import { holdSession } from '../lib/db-session.ts';
import { figure, type Benchmark, type Figure } from '../lib/figures.ts';
import { removeDir, tempDir } from '../lib/paths.ts';
import { getJson, loopbackBase, signIn, startMeasuredPlatform, type Engine, type Session } from '../lib/platform.ts';
import { acquirePostgres, createDatabase, type PostgresServer } from '../lib/postgres.ts';
import { timeStatements, type StatementTiming } from '../lib/statement-timer.ts';

const name = 'scorecard';
const eventCount = Number(process.env.BENCH_SCORECARD_EVENTS ?? 1_000_000);
const chunk = 100_000;
const historyDays = 400;
const requests = 50;
const warmups = 3;
const districtCode = '150602';
const streetCode = '150602001';

/** China date (yyyy-mm-dd) `daysAgo` days before now. */
function chinaDay(daysAgo: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `eventCount` events of the last `historyDays` days spread over the district's grids and categories:
 * 97 % closed (about a third late, most of the evaluated ones rated, a fifth settled in the grid),
 * 1 % waiting to be accepted and 2 % in progress (nearly all of them overdue), each
 * with its 受理 and 处置 clocks — inserted set-based in chunks with shizhi.bulk on, then the facts and
 * the daily and monthly rollups rebuilt once with rebuild_event_stats(), as a bulk import would; then
 * vacuumed and analysed.
 */
async function loadHistory(handle: DbHandle, say: (line: string) => void): Promise<{ loadMs: number; rebuildMs: number; vacuumMs: number }> {
  const grids = Number((await handle.query<{ n: string | number }>(`select count(*) as n from org_unit where level = 'grid'`)).rows[0]!.n);
  const started = performance.now();
  const session = await holdSession(handle);
  try {
    for (let from = 0; from < eventCount; from += chunk) {
      const to = Math.min(eventCount, from + chunk) - 1;
      // Engine-neutral SQL, one statement per query: PGlite takes a single statement when there are parameters.
      await session.query(`begin`);
      await session.query(`select set_config('shizhi.bulk', 'on', true)`);
      await session.query(
        `with cats as (
           select code, version, rules, name, row_number() over (order by code) - 1 as i, count(*) over () as n
           from (select distinct on (code) code, version, rules, name, parent_code, active from event_category order by code, version desc) c
           where parent_code is not null and active),
         grid as (select code, org_path, row_number() over (order by code) - 1 as i from org_unit where level = 'grid'),
         draw as (select s, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5 from generate_series($1::int, $2::int) s),
         shaped as (
           select d.*, g.code as grid_code, g.org_path, c.code as category_code, c.version, c.rules, c.name,
             case c.rules->>'handlingLevel' when 'county' then 3 when 'township' then 4 else 5 end as depth,
             now() - d.r1 * interval '${historyDays} days' as reported_at,
             case when d.r2 < 0.01 then 'reported' when d.r2 < 0.03 then 'in_progress' when d.r2 < 0.45 then 'closed' else 'evaluated' end as state
           from draw d join grid g on g.i = d.s % $3::int join cats c on c.i = (d.s / 7) % c.n)
       insert into event (id, number, source, category_code, category_version, rules, title, description, grid_code,
         owner_org_code, owner_org_path, state, rework_count, has_lead_task, self_handled, reporter_name, tracking_code,
         rating, reported_at, closed_at, org_path, county_code)
       select gen_random_uuid(), 'SJ${districtCode}S' || lpad(s::text, 9, '0'), 'grid_worker', category_code, version, rules,
         name || '：考核压测', '考核压测事件', grid_code,
         subpath(org_path, depth - 1, 1)::text, subpath(org_path, 0, depth), state,
         case when r4 < 0.06 then 1 else 0 end, r3 >= 0.2, r3 < 0.2, 'bench', 'S' || lpad(s::text, 11, '0'),
         case when state = 'evaluated' then case when r5 < 0.82 then 'satisfied' when r5 < 0.96 then 'basically_satisfied' else 'unsatisfied' end end,
         reported_at,
         case when state in ('closed', 'evaluated') then least(now(), reported_at + r4 * r4 * interval '12 days') end,
         org_path, '${districtCode}'
       from shaped`,
        [from, to, grids],
      );
      await session.query(
        `insert into event_clock (event_id, kind, round, started_at, due_at, yellow_at, stopped_at, met, org_path, county_code)
         select e.id, k.kind, 1, e.reported_at + k.starts, e.reported_at + k.starts + k.span, e.reported_at + k.starts + k.span * 0.75,
           k.stopped, case when k.stopped is null then null else k.stopped <= e.reported_at + k.starts + k.span end,
           e.org_path, e.county_code
         from event e
         cross join lateral (values
           ('accept', interval '0', interval '4 hours',
             case when e.state <> 'reported' then least(now(), e.reported_at + (abs(hashtext(e.number)) % 300) * interval '1 minute') end),
           ('handle', interval '2 hours', interval '5 days',
             case when e.closed_at is not null then e.closed_at end)
         ) as k(kind, starts, span, stopped)
         where e.number between 'SJ${districtCode}S' || lpad($1::text, 9, '0') and 'SJ${districtCode}S' || lpad($2::text, 9, '0')
           and (k.kind = 'accept' or e.state <> 'reported')`,
        [from, to],
      );
      await session.query(`commit`);
      if ((to + 1) % 200_000 === 0 || to + 1 === eventCount) say(`    ${(to + 1).toLocaleString('en')} events (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    session.release();
  }
  const loadMs = performance.now() - started;
  const rebuildStarted = performance.now();
  await handle.query(`select rebuild_event_stats()`);
  const rebuildMs = performance.now() - rebuildStarted;
  // What autovacuum does within minutes of an import, done before measuring instead of during it: on
  // two cores its passes over a million fresh rows of event, event_clock and event_fact otherwise
  // land in the middle of the district's requests. (PGlite has no autovacuum at all.)
  for (const table of ['event', 'event_clock', 'event_fact', 'event_daily_stats', 'event_monthly_stats']) {
    await handle.query(`vacuum (analyze) ${table}`);
  }
  return { loadMs, rebuildMs, vacuumMs: performance.now() - rebuildStarted - rebuildMs };
}

/** The scorecard's counts by name (ScorecardCounts in the domain package). */
type Counts = Record<string, number>;

/**
 * The baseline: the same counts for the same unit and period, by one plain GROUP BY over event_fact
 * (no rollup), with the same live count of open overdue cases, as the owner role (no row-level security).
 * It finds the overdue cases from event_clock, not from event_fact.open_due_at, so it also checks that
 * column (and stays the baseline earlier runs were measured against).
 */
async function plainGroupBy(handle: DbHandle, unitPath: string, from: string, to: string, at = new Date()): Promise<Map<string, Counts>> {
  const depth = Math.min(unitPath.split('.').length + 1, 5);
  const cutoff = at.toISOString();
  const { rows } = await handle.query<Record<string, string | number>>(
    `select subpath(f.org_path, 0, ${depth})::text as child,
       count(*) filter (where r) as reported,
       count(*) filter (where r and f.self_handled) as "selfHandled",
       count(*) filter (where r and f.response_due) as "responseDue",
       count(*) filter (where r and f.responded_on_time) as "respondedOnTime",
       count(*) filter (where r and f.rework > 0) as reworked,
       count(*) filter (where c) as closed,
       count(*) filter (where c and f.on_time) as "closedOnTime",
       count(*) filter (where c and f.rating is not null) as rated,
       count(*) filter (where c and f.rating = 'satisfied') as satisfied,
       count(*) filter (where c and f.rating = 'basically_satisfied') as "basicallySatisfied",
       count(*) filter (where c and f.rating = 'unsatisfied') as unsatisfied,
       coalesce(sum(f.handle_ms) filter (where c), 0) as "handleMs",
       count(*) filter (where c and f.closed_level = 6) as "closedInGrid",
       count(*) filter (where c and f.closed_level = 5) as "closedAtVillage",
       count(*) filter (where c and f.closed_level = 4) as "closedAtTownship",
       count(*) filter (where c and f.closed_level = 3) as "closedAtCounty",
       count(*) filter (where r and not f.closed and exists (select 1 from event_clock k where k.event_id = f.event_id
         and k.stopped_at is null and k.due_at < $4::timestamptz)) as "openOverdue"
     from event_fact f
     cross join lateral (select f.reported_day between $2::date and $3::date as r,
                                f.closed and f.closed_day between $2::date and $3::date as c) p
     where f.org_path <@ $1::ltree and (r or c)
     group by 1`,
    [unitPath, from, to, cutoff],
  );
  return new Map(rows.map((row) => [String(row.child), Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'child').map(([k, v]) => [k, Number(v)]))]));
}

/**
 * GET with one retry when the connection itself fails. On PGlite the database runs in this process,
 * and a baseline query holds the event loop for seconds, so the keep-alive timers of the server and
 * of fetch's pool fire together afterwards and a request can go out on a socket the server is closing.
 */
async function getCard<T>(url: string, session: Session): Promise<T> {
  try {
    return await getJson<T>(url, session);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return getJson<T>(url, session);
  }
}

interface CardRow {
  orgCode: string;
  counts: Counts;
}

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentiles of sorted times (with 50 requests the p99 is the slowest). */
function percentiles(sorted: readonly number[]): Percentiles {
  const at = (q: number) => sorted[Math.ceil(sorted.length * q) - 1]!;
  return { p50: sorted[Math.floor(sorted.length / 2)]!, p95: at(0.95), p99: at(0.99) };
}

async function timeRequests(url: string, session: Session): Promise<Percentiles & { body: { unit: CardRow; children: CardRow[] } }> {
  let body: { unit: CardRow; children: CardRow[] } | null = null;
  const times: number[] = [];
  for (let i = 0; i < warmups + requests; i++) {
    const started = performance.now();
    body = await getCard(url, session);
    if (i >= warmups) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ...percentiles(times), body: body! };
}

async function timeBaseline(handle: DbHandle, unitPath: string, from: string, to: string): Promise<Percentiles> {
  const times: number[] = [];
  for (let i = 0; i < warmups + requests; i++) {
    const started = performance.now();
    await plainGroupBy(handle, unitPath, from, to);
    if (i >= warmups) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return percentiles(times);
}

/**
 * One more request, and the GROUP BY's figures as of just before and just after it: the open-overdue
 * count depends on the instant, and cases fall due every few seconds in this history, so the API
 * (whose instant lies between the two) must agree with one of them.
 */
async function compareAtSameInstant(
  handle: DbHandle,
  url: string,
  session: Session,
  unitPath: string,
  period: { from: string; to: string },
  pathOf: Map<string, string>,
): Promise<string[]> {
  const before = new Date();
  const card = await getCard<{ unit: CardRow; children: CardRow[] }>(url, session);
  const after = new Date();
  const differences = compare(card, await plainGroupBy(handle, unitPath, period.from, period.to, before), pathOf);
  if (differences.length === 0) return differences;
  const later = compare(card, await plainGroupBy(handle, unitPath, period.from, period.to, after), pathOf);
  return later.length === 0 ? later : differences;
}

/** Differences between the API's figures and the GROUP BY's, by unit and count: the two must agree. */
function compare(card: { unit: CardRow; children: CardRow[] }, plain: Map<string, Counts>, pathOf: Map<string, string>): string[] {
  const out: string[] = [];
  const total: Counts = {};
  for (const counts of plain.values()) for (const [k, v] of Object.entries(counts)) total[k] = (total[k] ?? 0) + v;
  for (const [k, v] of Object.entries(card.unit.counts)) if ((total[k] ?? 0) !== v) out.push(`${card.unit.orgCode}.${k}: api ${v}, group by ${total[k] ?? 0}`);
  for (const child of card.children) {
    const plainChild = plain.get(pathOf.get(child.orgCode) ?? '');
    for (const [k, v] of Object.entries(child.counts)) {
      const other = plainChild?.[k] ?? 0;
      if (other !== v) out.push(`${child.orgCode}.${k}: api ${v}, group by ${other}`);
    }
  }
  return out;
}

async function measureEngine(engine: Engine, server: PostgresServer | null, say: (line: string) => void): Promise<Figure[]> {
  const dataDir = tempDir(`scorecard-${engine}`);
  const database = server ? await createDatabase(server, 'scorecard') : null;
  say(`  starting the platform on ${engine === 'postgres' ? `PostgreSQL (${server!.origin}, database ${database!.name})` : 'PGlite'}, demo scale…`);
  const platform = await startMeasuredPlatform(database ? { engine: 'postgres', databaseUrl: database.url, dataDir } : { engine: 'pglite', dataDir });
  try {
    say(`  loading ${eventCount.toLocaleString('en')} events with their clocks (bulk, shizhi.bulk on)…`);
    const { loadMs, rebuildMs, vacuumMs } = await loadHistory(platform.handle, say);
    const sizes = (await platform.handle.query<Record<string, string | number>>(
      `select (select count(*) from event) as events, (select count(*) from event_clock) as clocks,
              (select count(*) from event_fact) as facts, (select count(*) from event_daily_stats) as rollup_rows,
              (select count(*) from event_monthly_stats) as monthly_rows,
              (select count(*) from event_fact where not closed) as open_facts`,
    )).rows[0]!;
    say(
      `  loaded in ${(loadMs / 1000).toFixed(1)} s, rebuild_event_stats() ${(rebuildMs / 1000).toFixed(1)} s, ` +
        `vacuum (analyze) ${(vacuumMs / 1000).toFixed(1)} s: ` +
        `${sizes.events} events, ${sizes.clocks} clocks, ${sizes.facts} facts (${sizes.open_facts} open), ` +
        `${sizes.rollup_rows} daily and ${sizes.monthly_rows} monthly rollup rows`,
    );

    const base = loopbackBase(platform.url);
    const staff = await signIn(base, `u${districtCode}`);
    const from = chinaDay(364);
    const to = chinaDay(0);
    const units = (await platform.handle.query<{ code: string; org_path: string }>(`select code, org_path::text from org_unit where level in ('county', 'township', 'village')`)).rows;
    const pathOf = new Map(units.map((u) => [u.code, u.org_path]));
    const figures: Figure[] = [];
    for (const code of [districtCode, streetCode]) {
      const label = code === districtCode ? 'district' : 'street';
      const url = `${base}/api/scorecards?orgCode=${code}&from=${from}&to=${to}`;
      const api = await timeRequests(url, staff);
      const plain = await timeBaseline(platform.handle, pathOf.get(code)!, from, to);
      const differences = await compareAtSameInstant(platform.handle, url, staff, pathOf.get(code)!, { from, to }, pathOf);
      say(
        `  GET /api/scorecards ${label} ${code}, ${from}…${to} (${api.body.unit.counts.reported} reported, ${api.body.children.length} children): ` +
          `p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms; ` +
          `plain GROUP BY over event_fact p50 ${plain.p50.toFixed(1)} ms, p95 ${plain.p95.toFixed(1)} ms, p99 ${plain.p99.toFixed(1)} ms ` +
          `(ratio p50 ${(api.p50 / plain.p50).toFixed(2)}×)` +
          `${differences.length ? `; FIGURES DIFFER: ${differences.slice(0, 5).join('; ')}` : '; same figures'}`,
      );
      const note = differences.length ? `${differences.length} figures differ from the GROUP BY` : undefined;
      figures.push(
        figure(name, `${label} year [${engine}] p50`, 'ms', api.p50, 'plain GROUP BY over event_fact', plain.p50, note),
        figure(name, `${label} year [${engine}] p95`, 'ms', api.p95, 'plain GROUP BY over event_fact', plain.p95, note),
        figure(name, `${label} year [${engine}] p99`, 'ms', api.p99, 'plain GROUP BY over event_fact', plain.p99, note),
      );
    }
    if (engine === 'postgres') {
      // One more district request with each statement timed, to show which part of the answer costs what.
      const timer = timeStatements();
      let statements: StatementTiming[] = [];
      try {
        await getJson(`${base}/api/scorecards?orgCode=${districtCode}&from=${from}&to=${to}`, staff);
      } finally {
        statements = timer.stop();
      }
      say('  one district request, statements timed:');
      for (const t of statements.slice(0, 8)) say(`    ${t.totalMs.toFixed(1).padStart(7)} ms  ${t.statement}`);
    }
    figures.push(figure(name, `load ${eventCount.toLocaleString('en')} events + rebuild [${engine}]`, 's', (loadMs + rebuildMs) / 1000, 'rebuild_event_stats() alone', rebuildMs / 1000));
    return figures;
  } finally {
    await platform.stop();
    await database?.drop();
    removeDir(dataDir);
  }
}

export const scorecard: Benchmark = {
  name,
  description: `GET /api/scorecards for the district and a street over a year with ${eventCount.toLocaleString('en')} events (bulk-loaded, rollups rebuilt), p50/p95/p99 of ${requests} requests, on PostgreSQL and PGlite; baseline: a plain GROUP BY over event_fact giving the same figures`,
  async run(say) {
    const figures: Figure[] = [];
    if (!process.argv.includes('--no-postgres')) {
      const server = await acquirePostgres(say);
      try {
        if (server) figures.push(...(await measureEngine('postgres', server, say)));
        else say('  PostgreSQL is not available: PGlite only');
      } finally {
        await server?.stop();
      }
    }
    if (!process.argv.includes('--no-pglite')) figures.push(...(await measureEngine('pglite', null, say)));
    return figures;
  },
};
