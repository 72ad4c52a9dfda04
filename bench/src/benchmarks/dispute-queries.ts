import { disputeTypeCodes } from '@shizhi/domain';
import type { DbHandle } from '../../../apps/api/src/platform/db/client.ts';
import { holdSession } from '../lib/db-session.ts';
import { figure, type Benchmark, type Figure } from '../lib/figures.ts';
import { removeDir, tempDir } from '../lib/paths.ts';
import { getJson, loopbackBase, signIn, startMeasuredPlatform, type Engine, type Session } from '../lib/platform.ts';
import { acquirePostgres, createDatabase, type PostgresServer } from '../lib/postgres.ts';
import { percentile } from '../lib/stats.ts';

const name = 'dispute-queries';
const caseCount = Number(process.env.BENCH_DISPUTES ?? 50_000);
const chunk = 10_000;
const historyDays = 3 * 365;
const requests = 50;
const warmups = 3;
const districtCode = '150602';

/** China date (yyyy-mm-dd) `daysAgo` days before now. */
function chinaDay(daysAgo: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `caseCount` disputes of the last three years spread over the district's grids, types, mediation
 * bodies and mediators, shaped like the seeds' figures: about 1 % waiting to be accepted or refused,
 * 3 % in mediation (some past their 30-day limit), the rest concluded, 99 % of them with an agreement
 * (most written, a fifth of those confirmed by a court), each with its applicant — inserted set-based
 * in chunks, as a migration from another system would, then vacuumed and analysed.
 */
export async function loadCases(handle: DbHandle): Promise<number> {
  const grids = Number((await handle.query<{ n: string | number }>(`select count(*) as n from org_unit where level = 'grid'`)).rows[0]!.n);
  const mediators = Number((await handle.query<{ n: string | number }>(`select count(*) as n from mediator where active`)).rows[0]!.n);
  const started = performance.now();
  const session = await holdSession(handle);
  try {
    for (let from = 0; from < caseCount; from += chunk) {
      const to = Math.min(caseCount, from + chunk) - 1;
      await session.query(`begin`);
      // Engine-neutral SQL, one statement per query: PGlite takes a single statement when there are parameters.
      await session.query(
        `with grid as (select code, org_path, row_number() over (order by code) - 1 as i from org_unit where level = 'grid'),
         body as (
           select m.id as mediator_id, m.user_id, m.name as mediator_name, o.id as org_id, o.org_path as body_path, o.method,
             row_number() over (order by m.id) - 1 as i
           from mediator m join mediation_org o on o.id = m.mediation_org_id where m.active and o.active),
         draw as (select s, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5 from generate_series($1::int, $2::int) s),
         shaped as (
           select d.*, g.code as grid_code, g.org_path, b.*,
             ($4::text[])[1 + (d.s / 3) % cardinality($4::text[])] as type_code,
             now() - d.r1 * interval '${historyDays} days' as registered_at,
             case when d.r2 < 0.006 then 'registered' when d.r2 < 0.01 then 'refused' when d.r2 < 0.015 then 'accepted'
                  when d.r2 < 0.04 then 'mediating' when d.r2 < 0.06 then 'settled' when d.r2 < 0.0665 then 'failed' else 'closed' end as state
           from draw d
           join grid g on g.i = d.s % $3::int
           left join body b on b.i = (d.s * 7) % greatest($5::int, 1)),
         timed as (
           select s.*, s.registered_at + interval '30 days' as due_at,
             case when s.state in ('settled', 'failed', 'closed') then s.registered_at + (1 + s.r3 * s.r3 * 40) * interval '1 day' end as outcome_at
           from shaped s)
       insert into dispute_case (id, number, source, title, type_code, occurred_on, summary, scale, people_involved, place_code,
         owner_org_code, owner_org_path, state, risk_grade, method, mediation_org_id, mediation_org_path, mediator_id, mediator_user_id,
         mediator_name, due_at, outcome, outcome_at, success, concluded_on_time, performance, judicial_state, repeat,
         registered_at, accepted_at, closed_at, org_path, county_code)
       select gen_random_uuid(), 'TJ${districtCode}B' || lpad(s::text, 9, '0'),
         case when r4 < 0.55 then 'window' when r4 < 0.85 then 'event' when r4 < 0.95 then 'referral' else 'online' end,
         '压测纠纷 ' || s, type_code, (registered_at - interval '2 days')::date, '考核压测：双方因琐事发生争执', case when r5 < 0.97 then 'individual' else 'group' end,
         case when r5 < 0.97 then 2 else 12 end, grid_code, subpath(org_path, 4, 1)::text, subpath(org_path, 0, 5), state,
         case when r5 < 0.9 then 'low' when r5 < 0.98 then 'medium' else 'high' end,
         case when state not in ('registered', 'refused', 'accepted') then method end,
         case when state not in ('registered', 'refused', 'accepted') then org_id end,
         case when state not in ('registered', 'refused', 'accepted') then body_path end,
         case when state not in ('registered', 'refused', 'accepted') then mediator_id end,
         case when state not in ('registered', 'refused', 'accepted') then user_id end,
         case when state not in ('registered', 'refused', 'accepted') then mediator_name end,
         case when state <> 'refused' then due_at end,
         case when state = 'failed' then 'failed' when outcome_at is not null then case when r4 < 0.8 then 'agreement' else 'oral_agreement' end end,
         outcome_at, case when outcome_at is not null then state <> 'failed' end,
         case when outcome_at is not null then outcome_at <= due_at end,
         case when state = 'closed' then case when r3 < 0.97 then 'performed' when r3 < 0.99 then 'partly' else 'not_performed' end end,
         case when state in ('settled', 'closed') and r4 < 0.16 then 'confirmed' end,
         r2 > 0.96,
         registered_at, case when state <> 'registered' and state <> 'refused' then registered_at + interval '4 hours' end,
         case when state in ('refused', 'closed') then coalesce(outcome_at, registered_at) + interval '20 days' end,
         org_path, '${districtCode}'
       from timed`,
        [from, to, grids, disputeTypeCodes, mediators],
      );
      await session.query(
        `insert into dispute_party (id, dispute_id, seq, role, kind, name, id_number, phone, org_path, county_code)
         select gen_random_uuid(), c.id, p.seq, p.role, 'person', p.name, p.id_number, p.phone, c.org_path, c.county_code
         from dispute_case c
         cross join lateral (values
           (1, 'applicant', '申请人' || right(c.number, 4), '150602199001011234', '13800001111'),
           (2, 'respondent', '被申请人' || right(c.number, 4), '150602198502022345', '13900002222')
         ) as p(seq, role, name, id_number, phone)
         where c.number between 'TJ${districtCode}B' || lpad($1::text, 9, '0') and 'TJ${districtCode}B' || lpad($2::text, 9, '0')`,
        [from, to],
      );
      await session.query(`commit`);
    }
  } finally {
    session.release();
  }
  for (const table of ['dispute_case', 'dispute_party']) await handle.query(`vacuum (analyze) ${table}`);
  return performance.now() - started;
}

interface Percentiles {
  p50: number;
  p95: number;
}

function percentiles(times: number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, p95: percentile(sorted, 95) };
}

async function timeRequests<T>(url: string, session: Session): Promise<Percentiles & { body: T }> {
  const times: number[] = [];
  let body: T | null = null;
  for (let i = 0; i < warmups + requests; i++) {
    const started = performance.now();
    body = await getJson<T>(url, session);
    if (i >= warmups) times.push(performance.now() - started);
  }
  return { ...percentiles(times), body: body! };
}

async function timeSql(handle: DbHandle, statements: readonly { text: string; values?: unknown[] }[]): Promise<Percentiles> {
  const times: number[] = [];
  for (let i = 0; i < warmups + requests; i++) {
    const started = performance.now();
    for (const s of statements) await handle.query(s.text, s.values);
    if (i >= warmups) times.push(performance.now() - started);
  }
  return percentiles(times);
}

interface Probe {
  label: string;
  path: string;
  /** The plain SQL the baseline runs for the same answer's core, as the owner (no session, scope or row-level security). */
  baseline: { text: string; values?: unknown[] }[];
}

function probes(from: string, to: string): Probe[] {
  const page = `select * from dispute_case where county_code = '${districtCode}' order by registered_at desc, id desc limit 20`;
  const count = `select count(*) from dispute_case where county_code = '${districtCode}'`;
  const yearStart = `'${from}T00:00:00+08:00'::timestamptz`;
  const yearEnd = `'${to}T00:00:00+08:00'::timestamptz + interval '1 day'`;
  return [
    { label: 'list, newest first', path: '/api/disputes', baseline: [{ text: count }, { text: page }] },
    {
      label: 'list, state + type + year',
      path: `/api/disputes?state=closed&typeCode=neighbour&from=${from}&to=${to}`,
      baseline: [{ text: count }, { text: page }],
    },
    { label: 'list, words of the name', path: `/api/disputes?q=${encodeURIComponent('压测纠纷 4242')}`, baseline: [{ text: count }, { text: page }] },
    { label: 'list, drill-down open overdue', path: `/api/disputes?measure=openOverdue&from=${from}&to=${to}`, baseline: [{ text: count }, { text: page }] },
    {
      label: 'figures by unit, year',
      path: `/api/disputes/figures?by=unit&from=${from}&to=${to}`,
      baseline: [{ text: `select type_code, count(*) from dispute_case where registered_at >= ${yearStart} and registered_at < ${yearEnd} group by 1` }],
    },
    {
      label: 'figures by mediator, year',
      path: `/api/disputes/figures?by=mediator&from=${from}&to=${to}`,
      baseline: [{ text: `select type_code, count(*) from dispute_case where registered_at >= ${yearStart} and registered_at < ${yearEnd} group by 1` }],
    },
  ];
}

async function measureEngine(engine: Engine, server: PostgresServer | null, say: (line: string) => void): Promise<Figure[]> {
  const dataDir = tempDir(`disputes-${engine}`);
  const database = server ? await createDatabase(server, 'disputes') : null;
  say(`  starting the platform on ${engine === 'postgres' ? `PostgreSQL (${server!.origin}, database ${database!.name})` : 'PGlite'}, demo scale…`);
  const platform = await startMeasuredPlatform(database ? { engine: 'postgres', databaseUrl: database.url, dataDir } : { engine: 'pglite', dataDir });
  try {
    const loadMs = await loadCases(platform.handle);
    const sizes = (await platform.handle.query<Record<string, string | number>>(
      `select (select count(*) from dispute_case) as cases, (select count(*) from dispute_party) as parties,
              (select count(*) from dispute_case where outcome is null and state in ('accepted', 'assigned', 'mediating') and due_at < now()) as overdue`,
    )).rows[0]!;
    say(`  loaded ${caseCount.toLocaleString('en')} disputes in ${(loadMs / 1000).toFixed(1)} s: ${sizes.cases} cases in the district (demo ones included), ${sizes.parties} parties, ${sizes.overdue} open past their limit`);

    const base = loopbackBase(platform.url);
    const staff = await signIn(base, `u${districtCode}`);
    const figures: Figure[] = [];
    for (const probe of probes(chinaDay(364), chinaDay(0))) {
      const api = await timeRequests<{ total?: number | object; rows?: unknown[] }>(`${base}${probe.path}`, staff);
      const plain = await timeSql(platform.handle, probe.baseline);
      const size = typeof api.body.total === 'number' ? `${api.body.total} cases` : `${api.body.rows?.length ?? 0} rows`;
      say(
        `  GET ${probe.path} (${size}): p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms; ` +
          `plain SQL p50 ${plain.p50.toFixed(1)} ms, p95 ${plain.p95.toFixed(1)} ms (ratio p50 ${(api.p50 / plain.p50).toFixed(2)}×)`,
      );
      const baselineName = probe.path.includes('figures') ? 'plain GROUP BY over the year' : 'plain count + newest page';
      figures.push(
        figure(name, `${probe.label} [${engine}] p50`, 'ms', api.p50, baselineName, plain.p50),
        figure(name, `${probe.label} [${engine}] p95`, 'ms', api.p95, baselineName, plain.p95),
      );
    }
    return figures;
  } finally {
    await platform.stop();
    await database?.drop();
    removeDir(dataDir);
  }
}

export const disputeQueries: Benchmark = {
  name,
  description: `GET /api/disputes (with filters, text and drill-down) and /api/disputes/figures for the district over ${caseCount.toLocaleString('en')} bulk-loaded disputes, p50/p95 of ${requests} requests as district staff, on PostgreSQL and PGlite; baseline: plain SQL of the list's count and first page, or a plain GROUP BY over the year`,
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
