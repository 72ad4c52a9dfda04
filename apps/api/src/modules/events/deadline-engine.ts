import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { applyEventAction, type DeadlineClock, type EventState } from '@shizhi/domain';
import { appendAudit, systemActor } from '../../platform/audit/write.ts';
import type { MessageBus } from '../../platform/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/scope.ts';
import { startClocks, stopClocks, type DeadlineCalendar } from './clocks.ts';
import { codeOfPath, parentCentrePath } from './places.ts';
import { event, eventTask, eventTimeline, eventWarning, supervisionOrder } from './schema.ts';

export interface DeadlineDeps {
  db: Database;
  clock: Clock;
  calendar: DeadlineCalendar;
  bus: MessageBus;
}

export interface FiredWarning {
  eventId: string;
  number: string;
  kind: DeadlineClock;
  round: number;
  level: 'yellow' | 'red';
  dueAt: string;
  orgPath: string;
  action: 'none' | 'supervise' | 'escalate';
}

type DueClock = {
  event_id: string;
  kind: DeadlineClock;
  round: number;
  due_at: string | Date;
  org_path: string;
  county_code: string;
};

/** Marks up to `limit` clocks whose yellow or red time has come as fired and returns them. */
async function claimDue(tx: Tx, level: 'yellow' | 'red', now: Date, limit: number): Promise<DueClock[]> {
  const at = now.toISOString();
  const column = level === 'red' ? sql.raw('due_at') : sql.raw('yellow_at');
  const fired = level === 'red' ? sql.raw('red_fired_at') : sql.raw('yellow_fired_at');
  // A red card also settles the yellow one, so a clock found late never fires yellow after red.
  const also = level === 'red' ? sql`, yellow_fired_at = coalesce(c.yellow_fired_at, ${at}::timestamptz)` : sql``;
  const result = await tx.execute<DueClock>(sql`
    update event_clock c set ${fired} = ${at}::timestamptz ${also}
    from (
      select event_id, kind, round from event_clock
      where stopped_at is null and paused_at is null and ${fired} is null and ${column} <= ${at}::timestamptz
        ${level === 'yellow' ? sql`and red_fired_at is null` : sql``}
      order by ${column}
      limit ${limit}
      for update skip locked
    ) d
    where c.event_id = d.event_id and c.kind = d.kind and c.round = d.round
    returning c.event_id, c.kind, c.round, c.due_at, c.org_path, c.county_code`);
  return result.rows;
}

/**
 * One pass of the deadline engine: every clock whose yellow or red time has passed fires exactly once
 * (a warning row, a timeline entry, an audit row) and a red card does what its category says — a
 * supervision order (督办) from the level above, or escalation to it. The clocks table is the
 * schedule, so nothing is lost when the process stops: the next pass after a restart fires what came
 * due meanwhile. `for update skip locked` lets several processes sweep side by side.
 */
export async function sweepDeadlines(deps: DeadlineDeps, limit = 2000): Promise<FiredWarning[]> {
  const now = deps.clock.now();
  const fired = await asSystem(deps.db, async (tx) => {
    const out: FiredWarning[] = [];
    for (const level of ['red', 'yellow'] as const) {
      const clocks = await claimDue(tx, level, now, limit);
      if (clocks.length === 0) continue;
      const events = await tx
        .select()
        .from(event)
        .where(
          inArray(
            event.id,
            clocks.map((c) => c.event_id),
          ),
        );
      const byId = new Map(events.map((e) => [e.id, e]));
      await tx
        .insert(eventWarning)
        .values(
          clocks.map((c) => ({
            eventId: c.event_id,
            kind: c.kind,
            round: c.round,
            level,
            dueAt: new Date(c.due_at),
            firedAt: now,
            orgPath: c.org_path,
            countyCode: c.county_code,
          })),
        )
        .onConflictDoNothing();
      for (const c of clocks) {
        const ev = byId.get(c.event_id);
        if (!ev) continue;
        const action = level === 'red' ? (ev.rules.onRed ?? 'supervise') : 'none';
        const label = level === 'red' ? '红牌预警：已超期' : '黄牌预警：即将超期';
        await tx.insert(eventTimeline).values({
          id: randomUUID(),
          eventId: ev.id,
          at: now,
          actorId: null,
          actorName: '系统',
          action: `warning_${level}`,
          fromState: ev.state,
          toState: ev.state,
          text: `${label}（${clockNames[c.kind]}时限）`,
          data: { kind: c.kind, round: c.round, dueAt: new Date(c.due_at).toISOString() },
          orgPath: ev.orgPath,
          countyCode: ev.countyCode,
        });
        let taken: FiredWarning['action'] = 'none';
        if (action === 'supervise') taken = (await superviseFromAbove(tx, deps, ev, now, `${clockNames[c.kind]}时限已到期未办结`)) ? 'supervise' : 'none';
        if (action === 'escalate') taken = (await escalateAutomatically(tx, deps, ev, now)) ? 'escalate' : 'none';
        out.push({
          eventId: ev.id,
          number: ev.number,
          kind: c.kind,
          round: c.round,
          level,
          dueAt: new Date(c.due_at).toISOString(),
          orgPath: ev.orgPath,
          action: taken,
        });
      }
      await appendAudit(
        tx,
        deps.clock,
        systemActor,
        clocks
          .filter((c) => byId.has(c.event_id))
          .map((c) => ({
            action: `event.warning_${level}`,
            entityType: 'event',
            entityId: c.event_id,
            orgPath: c.org_path,
            detail: { kind: c.kind, round: c.round },
          })),
      );
    }
    return out;
  });
  for (const w of fired) {
    deps.bus.publish({ type: 'event.warning', orgPaths: [w.orgPath], payload: { ...w } });
  }
  return fired;
}

type EventRow = typeof event.$inferSelect;

/** A 督办单 from the centre above the owner, due in one working day; one open order per event at a time. */
async function superviseFromAbove(tx: Tx, deps: DeadlineDeps, ev: EventRow, now: Date, reason: string): Promise<boolean> {
  const upper = parentCentrePath(ev.ownerOrgPath);
  if (!upper) return false;
  const [open] = await tx
    .select({ id: supervisionOrder.id })
    .from(supervisionOrder)
    .where(and(eq(supervisionOrder.eventId, ev.id), eq(supervisionOrder.state, 'open')));
  if (open) return false;
  const id = randomUUID();
  await tx.insert(supervisionOrder).values({
    id,
    eventId: ev.id,
    fromOrgCode: codeOfPath(upper),
    toOrgCode: ev.ownerOrgCode,
    reason,
    dueAt: deps.calendar.dueWithin(now, { unit: 'workingDays', value: 1 }),
    state: 'open',
    createdBy: '系统',
    createdAt: now,
    orgPath: ev.orgPath,
    countyCode: ev.countyCode,
  });
  await tx.insert(eventTimeline).values({
    id: randomUUID(),
    eventId: ev.id,
    at: now,
    actorId: null,
    actorName: '系统',
    action: 'supervise',
    fromState: ev.state,
    toState: ev.state,
    text: reason,
    data: { orderId: id, from: codeOfPath(upper), to: ev.ownerOrgCode },
    orgPath: ev.orgPath,
    countyCode: ev.countyCode,
  });
  await appendAudit(tx, deps.clock, systemActor, [
    { action: 'event.supervised', entityType: 'event', entityId: ev.id, orgPath: ev.orgPath, detail: { orderId: id } },
  ]);
  return true;
}

const clockNames: Record<DeadlineClock, string> = { accept: '受理', handle: '处置', verify: '核查' };

const escalatable: readonly EventState[] = ['reported', 'accepted', 'dispatched', 'in_progress'];

/** The red card of an "escalate" category: the event goes to the centre above, as a person's escalation would. */
async function escalateAutomatically(tx: Tx, deps: DeadlineDeps, ev: EventRow, now: Date): Promise<boolean> {
  const upper = parentCentrePath(ev.ownerOrgPath);
  if (!upper || !escalatable.includes(ev.state)) return false;
  const outcome = applyEventAction(
    { state: ev.state, suspendedFrom: ev.suspendedFrom ?? null, pendingExtensionDays: ev.pendingExtensionDays ?? null, reworkCount: ev.reworkCount, hasLeadTask: ev.hasLeadTask },
    'escalate',
  );
  await tx.update(eventTask).set({ state: 'closed' }).where(eq(eventTask.eventId, ev.id));
  await tx
    .update(event)
    .set({
      state: outcome.next.state,
      hasLeadTask: false,
      ownerOrgPath: upper,
      ownerOrgCode: codeOfPath(upper),
      revision: ev.revision + 1,
    })
    .where(eq(event.id, ev.id));
  await stopClocks(tx, ev.id, outcome.stops, now);
  await startClocks(tx, deps.calendar, { eventId: ev.id, orgPath: ev.orgPath, countyCode: ev.countyCode }, ev.rules, outcome.starts, now);
  await tx.insert(eventTimeline).values({
    id: randomUUID(),
    eventId: ev.id,
    at: now,
    actorId: null,
    actorName: '系统',
    action: 'escalate',
    fromState: ev.state,
    toState: outcome.next.state,
    text: '超期自动上报上级',
    data: { from: ev.ownerOrgCode, to: codeOfPath(upper), automatic: true },
    orgPath: ev.orgPath,
    countyCode: ev.countyCode,
  });
  await appendAudit(tx, deps.clock, systemActor, [
    { action: 'event.escalate', entityType: 'event', entityId: ev.id, orgPath: ev.orgPath, detail: { automatic: true, to: codeOfPath(upper) } },
  ]);
  return true;
}

/** Runs a sweep every `intervalMs` (one at a time); returns a stop function. */
export function startDeadlineSweeper(deps: DeadlineDeps, onError: (error: unknown) => void, intervalMs = 1000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepDeadlines(deps)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
