import { describe, expect, it } from 'vitest';
import { defaultCategoryRows, holidaysCn, WorkCalendar, type Role } from '@shizhi/domain';
import { loadDivisions } from './divisions.ts';
import { buildHistoryDistrict, type HistoryDistrict } from './event-history/district.ts';
import { planEventHistory, type HistoryPlan } from './event-history/plan-history.ts';
import { replayEventTimeline } from './event-history/replay.ts';
import { planDistrict, type DemoScale } from './plan.ts';

const calendar = new WorkCalendar(holidaysCn);
const now = new Date('2026-03-02T01:00:00.000Z');
const hourMs = 3_600_000;

interface Fixture {
  district: HistoryDistrict;
  assignments: Map<string, { role: Role; orgCode: string }[]>;
}

/** The district as planDistrict lays it out, without a database. */
function fixture(scale: DemoScale): Fixture {
  const p = planDistrict(loadDivisions('150602'), { scale });
  const userOfWorker = new Map(p.workers.map((w) => [w.id!, w.userId!]));
  const district = buildHistoryDistrict({
    countyCode: '150602',
    orgUnits: p.orgUnits.map((u) => ({
      code: u.code,
      name: u.name,
      level: u.level,
      orgPath: u.orgPath,
      urban: u.urban ?? null,
      households: u.households ?? null,
      geometry: u.geometry ?? null,
    })),
    users: p.users,
    roleAssignments: p.roleAssignments,
    posts: p.posts.map((x) => ({ gridCode: x.gridCode, post: x.post, userId: userOfWorker.get(x.workerId)! })),
    categories: defaultCategoryRows().map((c) => ({ ...c, version: 1 })),
  });
  const assignments = new Map<string, { role: Role; orgCode: string }[]>();
  for (const r of p.roleAssignments) assignments.set(r.userId, [...(assignments.get(r.userId) ?? []), { role: r.role, orgCode: r.orgCode }]);
  return { district, assignments };
}

/** The planned grids are rectangles, so a bounding-box test is the locator. */
function locatorOf(district: HistoryDistrict) {
  return async (lng: number, lat: number) =>
    district.grids.find((g) => lng >= g.bbox[0] && lng < g.bbox[2] && lat >= g.bbox[1] && lat < g.bbox[3]) ?? null;
}

async function plan(f: Fixture, count: number, seed = 'shizhi'): Promise<HistoryPlan> {
  return planEventHistory(f.district, { count, now, calendar, seed, locate: locatorOf(f.district) });
}

const testCorner = fixture('test');
const demo = fixture('demo');
const demoPlan = plan(demo, 3000);

describe('planEventHistory', () => {
  it('is deterministic for a seed and differs for another', async () => {
    const a = await plan(testCorner, 60);
    const b = await plan(testCorner, 60);
    const c = await plan(testCorner, 60, 'other');
    expect(b.events).toEqual(a.events);
    expect(b.timeline).toEqual(a.timeline);
    expect(c.events.map((e) => e.id)).not.toEqual(a.events.map((e) => e.id));
  });

  it('lives every event through the workflow: each step allowed for whoever took it, ending in the stored state', async () => {
    const { events, timeline } = await demoPlan;
    const byEvent = new Map<string, typeof timeline>();
    for (const t of timeline) byEvent.set(t.eventId, [...(byEvent.get(t.eventId) ?? []), t]);
    const problems = events.flatMap((ev) =>
      replayEventTimeline(
        {
          id: ev.id,
          state: ev.state,
          suspendedFrom: ev.suspendedFrom ?? null,
          pendingExtensionDays: ev.pendingExtensionDays ?? null,
          reworkCount: ev.reworkCount ?? 0,
          hasLeadTask: ev.hasLeadTask ?? false,
          revision: ev.revision ?? 1,
          ownerOrgCode: ev.ownerOrgCode,
          source: ev.source,
          reporterUserId: ev.reporterUserId ?? null,
        },
        (byEvent.get(ev.id) ?? []).map((t) => ({ ...t, actorId: t.actorId ?? null, fromState: t.fromState ?? null, text: t.text ?? null, data: t.data ?? {} })),
        (userId) => demo.assignments.get(userId) ?? [],
      ),
    );
    expect(problems).toEqual([]);
  });

  it('spreads three years of reports with the seed texts’ shape: disputes first, grid workers most, weekdays busier', async () => {
    const { events, stats, from } = await demoPlan;
    expect(events).toHaveLength(3000);
    expect(from.getTime()).toBe(now.getTime() - 1096 * 24 * hourMs);
    expect(events.every((e) => e.reportedAt >= from && e.reportedAt < now)).toBe(true);
    const tops = Object.entries(stats.byTopCategory).sort((a, b) => b[1] - a[1]);
    expect(tops[0]![0]).toBe('01');
    expect(stats.byTopCategory['01']! / 3000).toBeGreaterThan(0.27);
    const sources = Object.entries(stats.bySource).sort((a, b) => b[1] - a[1]);
    expect(sources.map(([s]) => s)).toEqual(['grid_worker', 'hotline', 'citizen', 'machine']);

    const gridReports = events.filter((e) => e.source === 'grid_worker');
    const china = (d: Date) => new Date(d.getTime() + 8 * hourMs);
    const onWorkingDays = gridReports.filter((e) => calendar.isWorkingDay(china(e.reportedAt).toISOString().slice(0, 10)));
    // About 250 working days a year against 115 days off, at a third of the rate.
    expect(onWorkingDays.length / gridReports.length).toBeGreaterThan(0.8);
    const inOfficeHours = onWorkingDays.filter((e) => {
      const minutes = china(e.reportedAt).getUTCHours() * 60 + china(e.reportedAt).getUTCMinutes();
      return (minutes >= 510 && minutes < 720) || (minutes >= 810 && minutes < 1050);
    });
    expect(inOfficeHours.length / onWorkingDays.length).toBeGreaterThan(0.8);
    // Use grows over the three years.
    const firstYear = events.filter((e) => e.reportedAt.getTime() < from.getTime() + 365 * 24 * hourMs).length;
    const lastYear = events.filter((e) => e.reportedAt.getTime() >= now.getTime() - 365 * 24 * hourMs).length;
    expect(lastYear).toBeGreaterThan(firstYear);
  });

  it('closes nearly all, mostly on time and to the reporter’s satisfaction, a third on the spot', async () => {
    const { stats } = await demoPlan;
    expect(stats.closedShare).toBeGreaterThan(0.96);
    expect(stats.onTimeShare).toBeGreaterThan(0.9);
    expect(stats.onTimeShare).toBeLessThan(0.99);
    expect(stats.selfHandledShare).toBeGreaterThan(0.28);
    expect(stats.selfHandledShare).toBeLessThan(0.42);
    expect(stats.satisfiedShare).toBeGreaterThan(0.92);
    expect(stats.reworkShare).toBeGreaterThan(0.01);
    expect(stats.reworkShare).toBeLessThan(0.06);
    expect(stats.escalatedShare).toBeGreaterThan(0.02);
    expect(stats.escalatedShare).toBeLessThan(0.09);
  });

  it('keeps clocks as the deadline engine would: stopped ones say whether they were met, late ones warned', async () => {
    const { clocks, warnings, orders, events } = await demoPlan;
    for (const c of clocks) {
      if (c.stoppedAt) expect(c.met).toBe(c.stoppedAt.getTime() <= c.dueAt.getTime());
      else expect(c.met).toBeNull();
      expect(c.yellowAt.getTime()).toBeLessThanOrEqual(c.dueAt.getTime());
      expect(c.startedAt.getTime()).toBeLessThan(c.dueAt.getTime());
    }
    const missed = clocks.filter((c) => c.met === false || (c.stoppedAt === null && c.pausedAt === null && c.dueAt < now));
    const red = new Set(warnings.filter((w) => w.level === 'red').map((w) => `${w.eventId}:${w.kind}:${w.round}`));
    expect(missed.length).toBeGreaterThan(0);
    for (const c of missed) expect(red.has(`${c.eventId}:${c.kind}:${c.round}`)).toBe(true);
    // 督办 from the centre directly above the owner, for red cards.
    const ids = new Set(events.map((e) => e.id));
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      expect(ids.has(o.eventId)).toBe(true);
      expect(o.toOrgCode.startsWith(o.fromOrgCode) && o.toOrgCode.length === o.fromOrgCode.length + 3).toBe(true);
    }
  });

  it('numbers events in the order they were reported, from the given sequence', async () => {
    const { events } = await planEventHistory(testCorner.district, {
      count: 40,
      now,
      calendar,
      seed: 'shizhi',
      locate: locatorOf(testCorner.district),
      firstSequence: 101,
    });
    expect(events[0]!.number).toMatch(/^SJ150602\d{8}000101$/);
    expect(events.at(-1)!.number).toMatch(/^SJ150602\d{8}000140$/);
    const sorted = [...events].sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
    expect(sorted.map((e) => e.number)).toEqual(events.map((e) => e.number));
  });
});
