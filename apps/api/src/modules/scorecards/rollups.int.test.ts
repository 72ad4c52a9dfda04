import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScorecardCounts } from '@shizhi/domain';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';
import { seedEventHistory } from '../demo-data/index.ts';
import { defaultCalendar } from '../events/index.ts';

/**
 * The scorecard reads rollups (whole months from event_monthly_stats, the days of partial months from
 * event_daily_stats) and the open cases' running due times on event_fact. Here every figure is checked
 * against a computation from scratch over event and event_clock, after a bulk-loaded history, after
 * live changes through the API, and after rebuild_event_stats().
 */

let p: TestPlatform;
type Counts = ScorecardCounts;
const counterKeys = [
  'reported',
  'selfHandled',
  'responseDue',
  'respondedOnTime',
  'closed',
  'closedOnTime',
  'openOverdue',
  'reworked',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'handleMs',
  'closedInGrid',
  'closedAtVillage',
  'closedAtTownship',
  'closedAtCounty',
] as const satisfies readonly (keyof Counts)[];
const zero = (): Counts => Object.fromEntries(counterKeys.map((k) => [k, 0])) as unknown as Counts;

beforeAll(async () => {
  p = await createTestPlatform();
  // Three years of events up to the test clock (2026-03-02), bulk-loaded and rolled up by rebuild_event_stats().
  await seedEventHistory(p.handle, { scale: 'test', count: 600, clock: p.clock, calendar: defaultCalendar() });
});
afterAll(async () => p.close());

/** The instant a period's open-overdue count is taken at: now, or 24:00 Beijing time on its last day. */
function cutoff(to: string): string {
  const end = new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000;
  return new Date(Math.min(p.clock.now().getTime(), end)).toISOString();
}

/**
 * The figures from the events themselves, by child of the unit: what the scorecard's definitions say,
 * written out here independently of event_fact and the rollups.
 */
async function fromScratch(unitPath: string, from: string, to: string, categoryTop?: string): Promise<Map<string, Counts>> {
  const childDepth = Math.min(unitPath.split('.').length + 1, 5);
  const { rows } = await p.handle.query<Record<string, string | number>>(
    `with e as (
       select subpath(e.org_path, 0, least(nlevel(e.org_path), $5::int))::text as child,
         (e.reported_at at time zone 'Asia/Shanghai')::date between $2::date and $3::date as r,
         e.state in ('closed', 'evaluated') and (e.closed_at at time zone 'Asia/Shanghai')::date between $2::date and $3::date as c,
         e.state in ('closed', 'evaluated') as done, e.self_handled, e.has_lead_task, e.rework_count, e.rating,
         nlevel(e.owner_org_path) as owner_level, (extract(epoch from e.closed_at - e.reported_at) * 1000)::bigint as ms,
         exists (select 1 from event_clock k where k.event_id = e.id and k.kind = 'accept' and k.stopped_at is not null) as answered,
         not exists (select 1 from event_clock k where k.event_id = e.id and k.kind = 'accept' and k.stopped_at is not null
           and k.met is not true) as answered_in_time,
         not exists (select 1 from event_clock k where k.event_id = e.id and k.met = false) as no_deadline_missed,
         exists (select 1 from event_clock k where k.event_id = e.id and k.stopped_at is null and k.due_at < $4::timestamptz) as past_due
       from event e
       where e.org_path <@ $1::ltree and ($6::text is null or left(e.category_code, 2) = $6::text))
     select child,
       count(*) filter (where r) as "reported",
       count(*) filter (where r and self_handled) as "selfHandled",
       count(*) filter (where r and answered) as "responseDue",
       count(*) filter (where r and answered and answered_in_time) as "respondedOnTime",
       count(*) filter (where c) as "closed",
       count(*) filter (where c and no_deadline_missed) as "closedOnTime",
       count(*) filter (where r and not done and past_due) as "openOverdue",
       count(*) filter (where r and rework_count > 0) as "reworked",
       count(*) filter (where c and rating is not null) as "rated",
       count(*) filter (where c and rating = 'satisfied') as "satisfied",
       count(*) filter (where c and rating = 'basically_satisfied') as "basicallySatisfied",
       count(*) filter (where c and rating = 'unsatisfied') as "unsatisfied",
       coalesce(sum(ms) filter (where c), 0) as "handleMs",
       count(*) filter (where c and self_handled and not has_lead_task) as "closedInGrid",
       count(*) filter (where c and not (self_handled and not has_lead_task) and owner_level = 5) as "closedAtVillage",
       count(*) filter (where c and not (self_handled and not has_lead_task) and owner_level = 4) as "closedAtTownship",
       count(*) filter (where c and not (self_handled and not has_lead_task) and owner_level = 3) as "closedAtCounty"
     from e group by child`,
    [unitPath, from, to, cutoff(to), childDepth, categoryTop ?? null],
  );
  return new Map(
    rows.map((row) => [String(row.child), Object.fromEntries(counterKeys.map((k) => [k, Number(row[k])])) as unknown as Counts]),
  );
}

async function orgPath(code: string): Promise<string> {
  const { rows } = await p.handle.query<{ path: string }>(`select org_path::text as path from org_unit where code = $1`, [code]);
  return rows[0]!.path;
}

/** The scorecard (unit and children) next to the same figures from scratch, for one toEqual. */
async function bothWays(client: TestClient, orgCode: string, from: string, to: string, categoryTop?: string) {
  const res = await client.get(`/api/scorecards?orgCode=${orgCode}&from=${from}&to=${to}${categoryTop ? `&categoryTop=${categoryTop}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  const card = res.json() as { unit: { counts: Counts }; children: { orgCode: string; counts: Counts }[] };
  const truth = await fromScratch(await orgPath(orgCode), from, to, categoryTop);
  const paths = new Map<string, string>();
  for (const child of card.children) paths.set(await orgPath(child.orgCode), child.orgCode);
  const total = zero();
  const expectedChildren: Record<string, Counts> = Object.fromEntries(card.children.map((c) => [c.orgCode, zero()]));
  for (const [path, counts] of truth) {
    for (const k of counterKeys) total[k] += counts[k];
    // Every case belongs to one of the listed children (none sits on the unit itself in this district).
    expect(paths.has(path), `cases under ${path}, which is not a listed child`).toBe(true);
    expectedChildren[paths.get(path)!] = counts;
  }
  return {
    rollup: { unit: card.unit.counts, children: Object.fromEntries(card.children.map((c) => [c.orgCode, c.counts])) },
    scratch: { unit: total, children: expectedChildren },
  };
}

/** Non-zero rollup rows and the facts, to compare before and after a rebuild. */
async function rollupState() {
  const nonZero = `(reported, self_handled, response_due, responded_on_time, closed, closed_on_time, reworked, rated, satisfied,
    basically_satisfied, unsatisfied, handle_ms, closed_in_grid, closed_at_village, closed_at_township, closed_at_county)
    is distinct from (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`;
  const q = async (text: string) => (await p.handle.query(text)).rows;
  return {
    daily: await q(`select * from event_daily_stats where ${nonZero} order by org_path, day, category_top`),
    monthly: await q(`select * from event_monthly_stats where ${nonZero} order by org_path, month, category_top`),
    facts: await q(`select * from event_fact order by event_id`),
  };
}

/** The monthly rollup is the daily one summed by month: rows that differ (none expected). */
async function monthsDisagreeWithDays(): Promise<unknown[]> {
  const counters = `sum(reported)::int, sum(self_handled)::int, sum(response_due)::int, sum(responded_on_time)::int,
    sum(closed)::int, sum(closed_on_time)::int, sum(reworked)::int, sum(rated)::int, sum(satisfied)::int,
    sum(basically_satisfied)::int, sum(unsatisfied)::int, sum(handle_ms)::bigint, sum(closed_in_grid)::int,
    sum(closed_at_village)::int, sum(closed_at_township)::int, sum(closed_at_county)::int`;
  const months = `select org_path, month, category_top, ${counters} from event_monthly_stats group by 1, 2, 3`;
  const days = `select org_path, date_trunc('month', day::timestamp)::date, category_top, ${counters} from event_daily_stats group by 1, 2, 3`;
  const { rows } = await p.handle.query(`(${months} except ${days}) union all (${days} except ${months})`);
  return rows;
}

async function act(username: string, id: string, body: object) {
  const c = await p.login(username); // a fresh session: the clock moves by weeks here
  const detail = (await c.get(`/api/events/${id}`)).json();
  const res = await c.post(`/api/events/${id}/actions`, { revision: detail.event.revision, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function file(username: string, orgCode: string, categoryCode = '0102'): Promise<string> {
  const res = await (await p.login(username)).post('/api/events', { categoryCode, description: '考核汇总核对', location: { orgCode } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const worker = 'g150602001001001';
const community = 'u150602001001';
// Partial months at both ends: 17–31 August and 1–12 January added by day, September to December by month.
const history = ['2025-08-17', '2026-01-12'] as const;
// January and March less the days outside the period, February whole: where the live changes below land.
const live = ['2026-01-15', '2026-03-20'] as const;

describe('scorecard rollups', () => {
  it('agree with the events after a bulk load, for a period of partial and whole months', async () => {
    const district = await p.login('u150602');
    const seeded = await bothWays(district, '150602', ...history);
    expect(seeded.scratch.unit.reported).toBeGreaterThan(50);
    expect(seeded.scratch.unit.closed).toBeGreaterThan(50);
    expect(seeded.rollup).toEqual(seeded.scratch);
    const street = await bothWays(await p.login('u150602001'), '150602001', ...history);
    expect(street.rollup).toEqual(street.scratch);
    const disputes = await bothWays(district, '150602', ...history, '01');
    expect(disputes.rollup).toEqual(disputes.scratch);
    // Whole months less the days outside the period at both ends; three years of whole months; a
    // period within one month (its month less the days before and after); the last 365 days.
    for (const [from, to] of [
      ['2025-08-03', '2026-01-27'],
      ['2023-03-01', '2026-02-28'],
      ['2025-10-03', '2025-10-27'],
      ['2025-03-03', '2026-03-02'],
    ] as const) {
      const both = await bothWays(district, '150602', from, to);
      expect(both.rollup, `${from}…${to}`).toEqual(both.scratch);
    }
    expect(await monthsDisagreeWithDays()).toEqual([]);
  });

  it('stay right as cases are closed, reworked, rated, extended and left overdue', async () => {
    const district = () => p.login('u150602');
    const check = async (label: string) => {
      for (const [from, to] of [live, history, ['2026-01-01', '2026-03-31']] as const) {
        const { rollup, scratch } = await bothWays(await district(), '150602', from, to);
        expect(rollup, `${label}, ${from}…${to}`).toEqual(scratch);
      }
      const street = await bothWays(await p.login('u150602001'), '150602001', ...live);
      expect(street.rollup, label).toEqual(street.scratch);
      expect(await monthsDisagreeWithDays(), label).toEqual([]);
    };

    const start = (await bothWays(await district(), '150602', ...live)).rollup.unit;

    // Thursday 29 January, 10:00 Beijing: four cases filed.
    p.clock.set('2026-01-29T02:00:00.000Z');
    const loop = await file(worker, '150602001001001');
    await act(community, loop, { action: 'accept' });
    await act(community, loop, { action: 'dispatch', lead: '150602001001001' });
    await act(worker, loop, { action: 'sign' });
    await act(worker, loop, { action: 'feedback', text: '已调解' });
    const selfHandled = await file(worker, '150602001001001');
    await act(worker, selfHandled, { action: 'self_handle', text: '现场劝解' });
    const waiting = await file('u150602001', '150602001002', '0201');
    const extended = await file(community, '150602001001');
    await act(community, extended, { action: 'accept' });
    await act(community, extended, { action: 'dispatch', lead: '150602001001001' });
    await act(worker, extended, { action: 'sign' });
    await check('filed in January');

    // Tuesday 3 February: one closes in another month than it was reported, one is sent back.
    p.clock.set('2026-02-03T02:00:00.000Z');
    await act(community, loop, { action: 'verify_pass' });
    await act(community, selfHandled, { action: 'verify_fail', text: '未处理到位' });
    await act(worker, extended, { action: 'request_extension', text: '需协调物业', extensionDays: 5 });
    await act(community, extended, { action: 'approve_extension' });
    await check('closed and reworked in February');

    // Between the handling clock's first deadline and the extended one, the extended case is not overdue.
    const dues = await p.handle.query<{ due: Date; open_due_at: Date | null }>(
      `select c.due_at as due, f.open_due_at from event_clock c join event_fact f using (event_id)
       where c.event_id = $1 and c.kind = 'handle' and c.stopped_at is null`,
      [extended],
    );
    expect(dues.rows[0]!.open_due_at).toEqual(dues.rows[0]!.due);
    p.clock.set(new Date(dues.rows[0]!.due.getTime() - 3_600_000).toISOString());
    await check('just before the extended deadline');
    p.clock.set(new Date(dues.rows[0]!.due.getTime() + 3_600_000).toISOString());
    await check('just after the extended deadline');

    // Monday 2 March: the reworked case is finished and closed, the first one rated.
    p.clock.set('2026-03-02T02:00:00.000Z');
    await act(community, selfHandled, { action: 'dispatch', lead: '150602001001001' });
    await act(worker, selfHandled, { action: 'sign' });
    await act(worker, selfHandled, { action: 'feedback', text: '已清理' });
    await act(community, selfHandled, { action: 'verify_pass' });
    await act(worker, loop, { action: 'rate', rating: 'basically_satisfied' });
    await check('rated and closed in March');
    // The changes did land in the period's figures (so the comparisons above compared something).
    const { rollup } = await bothWays(await district(), '150602', ...live);
    const added = Object.fromEntries(counterKeys.map((k) => [k, rollup.unit[k] - start[k]]));
    expect(added).toMatchObject({ reported: 4, selfHandled: 1, closed: 2, reworked: 1, rated: 1, basicallySatisfied: 1 });
    const { rows } = await p.handle.query<{ open_due_at: Date | null }>(`select open_due_at from event_fact where event_id = $1`, [waiting]);
    expect(rows[0]!.open_due_at!.getTime()).toBeLessThan(p.clock.now().getTime());
    expect(rollup.unit.openOverdue).toBeGreaterThanOrEqual(1);
  });

  it('follow a running deadline that moves without the event row changing', async () => {
    const { rows } = await p.handle.query<{ event_id: string }>(
      `select event_id from event_clock where stopped_at is null and due_at < $1::timestamptz order by event_id limit 1`,
      [p.clock.now().toISOString()],
    );
    const id = rows[0]!.event_id;
    const openDue = async () =>
      (await p.handle.query<{ at: Date | null }>(`select open_due_at as at from event_fact where event_id = $1`, [id])).rows[0]!.at;
    await p.handle.query(`update event_clock set due_at = $2::timestamptz where event_id = $1 and stopped_at is null`, [
      id,
      new Date(p.clock.now().getTime() + 86_400_000).toISOString(),
    ]);
    expect(await openDue()).toEqual(new Date(p.clock.now().getTime() + 86_400_000));
    const { rollup, scratch } = await bothWays(await p.login('u150602'), '150602', ...live);
    expect(rollup).toEqual(scratch);
    // Marking a warning fired changes nothing the facts read.
    await p.handle.query(`update event_clock set red_fired_at = now() where event_id = $1`, [id]);
    expect(await openDue()).toEqual(new Date(p.clock.now().getTime() + 86_400_000));
  });

  it('are rebuilt by rebuild_event_stats() to exactly what the triggers kept', async () => {
    const before = await rollupState();
    await p.handle.query('select rebuild_event_stats()');
    expect(await rollupState()).toEqual(before);
    const district = await p.login('u150602');
    for (const [from, to] of [live, history] as const) {
      const { rollup, scratch } = await bothWays(district, '150602', from, to);
      expect(rollup).toEqual(scratch);
    }
  });
});
