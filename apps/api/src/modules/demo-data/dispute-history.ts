import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { WorkCalendar } from '@shizhi/domain';
import { appendAudit, systemActor } from '../../platform/audit/write.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DbHandle, Executor, Tx } from '../../platform/db/client.ts';
import { escalationFlag, ensureCountyRules, hardCase, jointMeeting, keyPerson, meetingDecision, screeningReport } from '../dispute-oversight/index.ts';
import {
  disputeCase,
  disputeClock,
  disputeFollowUp,
  disputeNumber,
  disputeParty,
  disputeSession,
  disputeTimeline,
  disputeWarning,
  mediationOrg,
  mediator,
} from '../disputes/index.ts';
import { event, eventTimeline } from '../events/index.ts';
import { orgUnit } from '../org/index.ts';
import { insertByColumns } from './bulk-insert.ts';
import { planOversight, type FilerUnit } from './dispute-history/oversight.ts';
import { disputeHistoryVolumes, planDisputeHistory, type DisputeEvent, type DisputePlan, type DisputeStats } from './dispute-history/plan.ts';
import type { Body } from './dispute-history/record.ts';
import { loadDistrict } from './event-history.ts';
import type { DemoScale } from './plan.ts';
import { defaultDemoCounty } from './seed.ts';

export interface DisputeHistoryOptions {
  scale: DemoScale;
  clock: Clock;
  calendar: WorkCalendar;
  county?: string;
  seed?: string;
  /** How many cases, instead of the scale's volume (tests ask for a few hundred). */
  count?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export type DisputeHistorySummary =
  | { skipped: true; county: string; reason: 'disputes_exist' | 'not_a_demo_district' | 'no_volume' }
  | { skipped: false; county: string; from: string; to: string; rows: Record<string, number>; stats: DisputeStats; planMs: number; ms: number };

const batchSize = 1000;
const defaultSeed = 'shizhi';

async function reasonToSkip(db: Executor, county: string): Promise<'disputes_exist' | 'not_a_demo_district' | null> {
  const result = await db.execute<{ has_cases: boolean; demo: boolean }>(sql`
    select exists (select 1 from dispute_case) as has_cases,
           exists (select 1 from audit_log where action = 'seed.district' and entity_id = ${county}) as demo`);
  const row = result.rows[0];
  if (row?.has_cases) return 'disputes_exist';
  return row?.demo ? null : 'not_a_demo_district';
}

async function loadBodies(db: Executor, county: string): Promise<Body[]> {
  const bodies = await db.select().from(mediationOrg).where(and(eq(mediationOrg.countyCode, county), eq(mediationOrg.active, true))).orderBy(asc(mediationOrg.orgPath), asc(mediationOrg.name));
  const people = await db.select().from(mediator).where(and(eq(mediator.countyCode, county), eq(mediator.active, true))).orderBy(asc(mediator.name), asc(mediator.id));
  return bodies.map((b) => ({
    id: b.id,
    name: b.name,
    kind: b.kind,
    method: b.method,
    field: b.field,
    orgCode: b.orgCode,
    orgPath: b.orgPath,
    mediators: people.filter((m) => m.mediationOrgId === b.id).map((m) => ({ id: m.id, name: m.name, userId: m.userId })),
  }));
}

/** The event history's 矛盾纠纷 events (top category 01) with their timelines. */
async function loadDisputeEvents(db: Executor, county: string): Promise<DisputeEvent[]> {
  const rows = await db
    .select({
      id: event.id,
      categoryCode: event.categoryCode,
      title: event.title,
      description: event.description,
      address: event.address,
      reportedAt: event.reportedAt,
      orgPath: event.orgPath,
      ownerOrgPath: event.ownerOrgPath,
      countyCode: event.countyCode,
    })
    .from(event)
    .where(and(eq(event.countyCode, county), like(event.categoryCode, '01%')))
    .orderBy(asc(event.reportedAt), asc(event.id));
  if (rows.length === 0) return [];
  const steps = await db
    .select({ eventId: eventTimeline.eventId, at: eventTimeline.at, action: eventTimeline.action, toState: eventTimeline.toState })
    .from(eventTimeline)
    .innerJoin(event, eq(event.id, eventTimeline.eventId))
    .where(and(eq(event.countyCode, county), like(event.categoryCode, '01%')))
    .orderBy(asc(eventTimeline.at));
  const byEvent = new Map<string, { at: number; toState: string; action: string }[]>();
  for (const s of steps) byEvent.set(s.eventId, [...(byEvent.get(s.eventId) ?? []), { at: s.at.getTime(), toState: s.toState, action: s.action }]);
  // Only events whose owner never changed: the centre taking it over is the one holding it now.
  return rows
    .filter((e) => !(byEvent.get(e.id) ?? []).some((s) => s.action === 'escalate' || s.action === 'hand_down'))
    .map((e) => ({ ...e, reportedAt: e.reportedAt.getTime(), steps: byEvent.get(e.id) ?? [] }));
}

async function loadFilers(db: Executor, county: string): Promise<FilerUnit[]> {
  const rows = await db
    .select({ code: orgUnit.code, name: orgUnit.name, level: orgUnit.level, orgPath: orgUnit.orgPath })
    .from(orgUnit)
    .where(and(eq(orgUnit.countyCode, county), inArray(orgUnit.level, ['grid', 'village'])))
    .orderBy(asc(orgUnit.orgPath));
  return rows.map((r) => ({ ...r, level: r.level as FilerUnit['level'] }));
}

/** Case numbers from the live sequence, in the order of registration; the event timelines say them too. */
function numberDisputes(plan: DisputePlan, firstSequence: number, county: string): void {
  const numbers = new Map<string, string>();
  plan.cases.forEach((c, i) => {
    c.number = disputeNumber(county, c.registeredAt, firstSequence + i);
    numbers.set(c.id, c.number);
  });
  for (const e of plan.eventTimeline) {
    const number = numbers.get((e.data as { disputeId: string }).disputeId)!;
    e.text = `转入矛调中心调处，纠纷案件编号 ${number}`;
    e.data = { ...e.data, number };
  }
}

interface InsertStep {
  label: string;
  rows: number;
  insert(tx: Tx, from: number): Promise<void>;
}

function batches<T>(label: string, rows: readonly T[], insert: (tx: Tx, rows: T[]) => Promise<unknown>): InsertStep {
  return { label, rows: rows.length, insert: async (tx, from) => void (await insert(tx, rows.slice(from, from + batchSize))) };
}

/**
 * Three years of dispute cases for the demo district, lived through the disputes workflow
 * (dispute-history/), with the oversight around them, written as the live paths write them. Like the
 * event history: one transaction, one summary audit row, reproducible from (county, seed, volume, clock).
 * Runs after the event history, whose 矛盾纠纷 events it takes some cases from.
 */
export async function seedDisputeHistory(handle: DbHandle, options: DisputeHistoryOptions): Promise<DisputeHistorySummary> {
  const started = performance.now();
  const county = options.county ?? defaultDemoCounty;
  const count = options.count ?? disputeHistoryVolumes[options.scale];
  const early = await reasonToSkip(handle.db, county);
  if (early) return { skipped: true, county, reason: early };
  if (count <= 0) return { skipped: true, county, reason: 'no_volume' };

  const seed = options.seed ?? defaultSeed;
  const [district, bodies, events, filers] = await Promise.all([
    loadDistrict(handle.db, county),
    loadBodies(handle.db, county),
    loadDisputeEvents(handle.db, county),
    loadFilers(handle.db, county),
  ]);
  options.onProgress?.(0, count, 'planning');
  const now = options.clock.now();
  const plan = planDisputeHistory(district, bodies, events, { count, now, calendar: options.calendar, seed });
  const planMs = Math.round(performance.now() - started);
  let rows: Record<string, number> = {};

  const seeded = await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('shizhi:seed-dispute-history', 0))`);
    if (await reasonToSkip(tx, county)) return false;
    const first = await tx.execute<{ n: string | number }>(sql`select nextval('dispute_number_seq') as n`);
    const firstSequence = Number(first.rows[0]!.n);
    numberDisputes(plan, firstSequence, county);
    await tx.execute(sql`select setval('dispute_number_seq', ${firstSequence + Math.max(1, plan.cases.length) - 1})`);

    // The county's 民转刑 rules as the oversight module installs them, then the oversight of the cases.
    await ensureCountyRules(tx, options.clock, { countyCode: county, countyPath: district.county.path });
    const oversight = planOversight(district, filers, plan, { now, seed });

    const steps = [
      batches('dispute_case', plan.cases, (t, r) => insertByColumns(t, disputeCase, r)),
      batches('dispute_party', plan.parties, (t, r) => insertByColumns(t, disputeParty, r)),
      batches('dispute_session', plan.sessions, (t, r) => insertByColumns(t, disputeSession, r)),
      batches('dispute_follow_up', plan.followUps, (t, r) => insertByColumns(t, disputeFollowUp, r)),
      batches('dispute_timeline', plan.timeline, (t, r) => insertByColumns(t, disputeTimeline, r)),
      batches('dispute_clock', plan.clocks, (t, r) => insertByColumns(t, disputeClock, r)),
      batches('dispute_warning', plan.warnings, (t, r) => insertByColumns(t, disputeWarning, r)),
      batches('event_timeline', plan.eventTimeline, (t, r) => insertByColumns(t, eventTimeline, r)),
      batches('screening_report', oversight.screening, (t, r) => insertByColumns(t, screeningReport, r)),
      batches('key_person', oversight.keyPersons, (t, r) => insertByColumns(t, keyPerson, r)),
      batches('escalation_flag', oversight.flags, (t, r) => insertByColumns(t, escalationFlag, r)),
      batches('hard_case', oversight.hardCases, (t, r) => insertByColumns(t, hardCase, r)),
      batches('joint_meeting', oversight.meetings, (t, r) => insertByColumns(t, jointMeeting, r)),
      batches('meeting_decision', oversight.decisions, (t, r) => insertByColumns(t, meetingDecision, r)),
    ];
    rows = Object.fromEntries(steps.map((s) => [s.label, s.rows]));
    const total = steps.reduce((s, step) => s + step.rows, 0);
    let done = 0;
    for (const step of steps) {
      for (let from = 0; from < step.rows; from += batchSize) {
        await step.insert(tx, from);
        done += Math.min(batchSize, step.rows - from);
        options.onProgress?.(done, total, step.label);
      }
    }
    await appendAudit(tx, options.clock, systemActor, [
      {
        action: 'seed.dispute_history',
        entityType: 'dispute_case',
        entityId: county,
        orgPath: district.county.path,
        countyCode: county,
        detail: {
          scale: options.scale,
          seed,
          count,
          from: plan.from.toISOString(),
          to: plan.to.toISOString(),
          numbers: [plan.cases[0]?.number, plan.cases.at(-1)?.number],
          rows,
          stats: plan.stats,
        },
      },
    ]);
    return true;
  });

  if (!seeded) return { skipped: true, county, reason: 'disputes_exist' };
  return { skipped: false, county, from: plan.from.toISOString(), to: plan.to.toISOString(), rows, stats: plan.stats, planMs, ms: Math.round(performance.now() - started) };
}
