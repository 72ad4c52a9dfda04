import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryRules, EventState, HandlingLevel, Role } from '@shizhi/domain';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { defaultCalendar, GridLocator } from '../events/index.ts';
import { replayEventTimeline } from './event-history/replay.ts';
import { ownerPathFor } from './event-history/record.ts';
import { seedEventHistory, type EventHistorySummary } from './event-history.ts';

const count = 300;
let p: TestPlatform;
let summary: EventHistorySummary;

beforeAll(async () => {
  p = await createTestPlatform();
  summary = await seedEventHistory(p.handle, { scale: 'test', count, clock: p.clock, calendar: defaultCalendar() });
});
afterAll(async () => p.close());

async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await p.handle.query<T>(text, values)).rows;
}

interface EventRow {
  id: string;
  number: string;
  state: EventState;
  suspended_from: EventState | null;
  pending_extension_days: number | null;
  rework_count: number;
  has_lead_task: boolean;
  revision: number;
  owner_org_code: string;
  owner_org_path: string;
  org_path: string;
  grid_code: string;
  lng: number | null;
  lat: number | null;
  reporter_user_id: string | null;
  source: string;
  self_handled: boolean;
  rating: string | null;
  rules: CategoryRules;
  reported_at: string;
}

describe('seedEventHistory', () => {
  it('writes the asked volume once, with one audit row, and skips when events exist', async () => {
    expect(summary).toMatchObject({ skipped: false, county: '150602', rows: { event: count } });
    const [total] = await rows<{ n: number }>(`select count(*)::int as n from event`);
    expect(total?.n).toBe(count);
    const audit = await rows<{ detail: { count: number } }>(`select detail from audit_log where action = 'seed.event_history'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail.count).toBe(count);
    expect((await verifyAuditChains(p.handle.db)).every((r) => r.ok)).toBe(true);
    expect(await seedEventHistory(p.handle, { scale: 'demo', clock: p.clock, calendar: defaultCalendar() })).toMatchObject({
      skipped: true,
      reason: 'events_exist',
    });
  });

  it('is listed by the API like any event', async () => {
    const district = await p.login('u150602');
    const list = await district.get('/api/events?view=all&pageSize=5');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(count);
    const [newest] = list.json().items;
    const detail = await district.get(`/api/events/${newest.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().timeline[0]).toMatchObject({ action: 'report', toState: 'reported' });
  });

  it('feeds the scorecards: the district’s three years add up to the history', async () => {
    const district = await p.login('u150602');
    const res = await district.get('/api/scorecards?orgCode=150602&from=2023-01-01&to=2026-03-02');
    expect(res.statusCode).toBe(200);
    const { counts, kpis } = res.json().unit;
    expect(counts.reported).toBe(count);
    expect(kpis.selfHandledRate).toBeGreaterThan(0.15);
    expect(kpis.onTimeCloseRate).toBeGreaterThan(0.85);
    expect(kpis.satisfactionRate).toBeGreaterThan(0.8);
  });

  it('replays every timeline through the workflow to the stored state', async () => {
    const events = await rows<EventRow>(`select * from event`);
    const timeline = await rows<{ event_id: string; action: string; from_state: EventState | null; to_state: EventState; actor_id: string | null; text: string | null; data: Record<string, unknown> }>(
      `select event_id, action, from_state, to_state, actor_id, text, data from event_timeline order by at, id`,
    );
    const assignments = await rows<{ user_id: string; role: Role; org_code: string }>(`select user_id, role, org_code from role_assignment`);
    const heldBy = new Map<string, { role: Role; orgCode: string }[]>();
    for (const a of assignments) heldBy.set(a.user_id, [...(heldBy.get(a.user_id) ?? []), { role: a.role, orgCode: a.org_code }]);
    const byEvent = new Map<string, typeof timeline>();
    for (const t of timeline) byEvent.set(t.event_id, [...(byEvent.get(t.event_id) ?? []), t]);

    const problems = events.flatMap((ev) =>
      replayEventTimeline(
        {
          id: ev.id,
          state: ev.state,
          suspendedFrom: ev.suspended_from,
          pendingExtensionDays: ev.pending_extension_days,
          reworkCount: ev.rework_count,
          hasLeadTask: ev.has_lead_task,
          revision: ev.revision,
          ownerOrgCode: ev.owner_org_code,
          source: ev.source,
          reporterUserId: ev.reporter_user_id,
        },
        (byEvent.get(ev.id) ?? []).map((t) => ({ action: t.action, fromState: t.from_state, toState: t.to_state, actorId: t.actor_id, text: t.text, data: t.data })),
        (userId) => heldBy.get(userId) ?? [],
      ),
    );
    expect(problems).toEqual([]);
  });

  it('keeps clocks consistent: a stopped clock was met exactly when it stopped by its due time, and a late one was warned', async () => {
    const clocks = await rows<{ event_id: string; kind: string; round: number; started_at: Date; due_at: Date; yellow_at: Date; stopped_at: Date | null; met: boolean | null; paused_at: Date | null; red_fired_at: Date | null }>(
      `select * from event_clock`,
    );
    expect(clocks.length).toBeGreaterThan(count);
    const now = p.clock.now().getTime();
    for (const c of clocks) {
      if (c.stopped_at) expect(c.met).toBe(new Date(c.stopped_at).getTime() <= new Date(c.due_at).getTime());
      else expect(c.met).toBeNull();
      const overdue = c.met === false || (c.stopped_at === null && c.paused_at === null && new Date(c.due_at).getTime() < now);
      if (overdue) expect(c.red_fired_at).not.toBeNull();
    }
    // Clocks never moved by suspension or extension sit where the calendar puts them.
    const moved = new Set(
      (await rows<{ event_id: string }>(`select distinct event_id from event_timeline where action in ('suspend', 'approve_extension')`)).map((r) => r.event_id),
    );
    const rulesOf = new Map((await rows<{ id: string; rules: CategoryRules }>(`select id, rules from event`)).map((r) => [r.id, r.rules]));
    const calendar = defaultCalendar();
    for (const c of clocks.filter((k) => !moved.has(k.event_id))) {
      const rules = rulesOf.get(c.event_id)!;
      const due = calendar.dueWithin(new Date(c.started_at), rules.limits[c.kind as 'accept' | 'handle' | 'verify']);
      expect(new Date(c.due_at).getTime()).toBe(due.getTime());
      expect(new Date(c.yellow_at).getTime()).toBe(calendar.warningTimes(new Date(c.started_at), due, rules.warn).yellow.getTime());
    }
    const [warnings] = await rows<{ orphans: number }>(
      `select count(*)::int as orphans from event_warning w left join event_clock c using (event_id, kind, round) where c.event_id is null`,
    );
    expect(warnings?.orphans).toBe(0);
  });

  it('closes nearly everything and leaves the last days open', async () => {
    const states = await rows<{ state: EventState; n: number }>(`select state, count(*)::int as n from event group by state`);
    const of = (...s: EventState[]) => states.filter((r) => s.includes(r.state)).reduce((a, r) => a + r.n, 0);
    expect(of('closed', 'evaluated') / count).toBeGreaterThan(0.95);
    expect(of('closed', 'evaluated', 'rejected') / count).toBeGreaterThan(0.97);
    const [open] = await rows<{ oldestOpen: string | null }>(
      `select min(reported_at) as "oldestOpen" from event where state not in ('closed', 'evaluated', 'rejected')`,
    );
    if (open?.oldestOpen) expect(new Date(open.oldestOpen).getTime()).toBeGreaterThan(p.clock.now().getTime() - 200 * 24 * 3_600_000);
  });

  it('places events inside their grids and gives them to the centre live intake gives them to', async () => {
    const events = await rows<EventRow>(`select * from event`);
    const locator = new GridLocator(p.handle.db);
    for (const ev of events) {
      if (ev.lng !== null && ev.lat !== null) expect((await locator.locate(ev.lng, ev.lat))?.code).toBe(ev.grid_code);
    }
    const moved = new Set(
      (await rows<{ event_id: string }>(`select distinct event_id from event_timeline where action in ('escalate', 'hand_down')`)).map((r) => r.event_id),
    );
    for (const ev of events.filter((e) => !moved.has(e.id))) {
      expect(ev.owner_org_path).toBe(ownerPathFor(ev.org_path, ev.rules.handlingLevel));
    }
    // The rule agrees with live filing at every handling level.
    const worker = await p.login('g150602001001001');
    const [grid] = await rows<{ lng: number; lat: number; org_path: string }>(
      `select center_lng as lng, center_lat as lat, org_path from org_unit where code = '150602001001001'`,
    );
    const categories = (await worker.get('/api/event-categories')).json().items as { code: string; parentCode: string | null; rules: CategoryRules }[];
    const levels = new Map<HandlingLevel, string>();
    for (const c of categories) if (c.parentCode && !levels.has(c.rules.handlingLevel)) levels.set(c.rules.handlingLevel, c.code);
    for (const [level, code] of levels) {
      const filed = await worker.post('/api/events', { categoryCode: code, description: '核对受理单位', location: { lng: grid!.lng, lat: grid!.lat } });
      const detail = (await worker.get(`/api/events/${filed.json().id}`)).json();
      expect(detail.event.ownerOrgCode).toBe(ownerPathFor(grid!.org_path, level).split('.').at(-1));
    }
  });

  it('lets live numbering carry on after the history', async () => {
    const [sequence] = await rows<{ last: number }>(`select max(right(number, 6)::int) as last from event`);
    const worker = await p.login('g150602001001001');
    const [grid] = await rows<{ lng: number; lat: number }>(`select center_lng as lng, center_lat as lat from org_unit where code = '150602001001001'`);
    const filed = await worker.post('/api/events', { categoryCode: '0102', description: '楼上噪音', location: grid });
    expect(filed.statusCode).toBe(201);
    expect(Number(filed.json().number.slice(-6))).toBe(sequence!.last + 1);
    const numbers = await rows<{ number: string }>(`select number from event`);
    expect(new Set(numbers.map((r) => r.number)).size).toBe(numbers.length);
  });
});
