import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { CategoryRules, DeadlineClock, TimeLimit } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import { eventClock } from './schema.ts';

/** What the deadline engine needs of the working-day calendar. */
export interface DeadlineCalendar {
  dueWithin(start: Date, limit: TimeLimit): Date;
  warningTimes(start: Date, due: Date, thresholds: { yellow: number; red: number }): { yellow: Date; red: Date };
  addWorkingDays(start: Date, days: number): Date;
  addWorkingHours(start: Date, hours: number): Date;
  workingMsBetween(from: Date, to: Date): number;
}

interface ClockScope {
  eventId: string;
  orgPath: string;
  countyCode: string;
}

/** Starts each named clock at `now`, with its due and yellow-warning times from the event's rules. */
export async function startClocks(
  tx: Tx,
  calendar: DeadlineCalendar,
  scope: ClockScope,
  rules: CategoryRules,
  kinds: readonly DeadlineClock[],
  now: Date,
): Promise<void> {
  for (const kind of kinds) {
    const due = calendar.dueWithin(now, rules.limits[kind]);
    const { yellow } = calendar.warningTimes(now, due, rules.warn);
    const [last] = await tx
      .select({ round: sql<number>`coalesce(max(${eventClock.round}), 0)::int` })
      .from(eventClock)
      .where(and(eq(eventClock.eventId, scope.eventId), eq(eventClock.kind, kind)));
    await tx.insert(eventClock).values({
      ...scope,
      kind,
      round: (last?.round ?? 0) + 1,
      startedAt: now,
      dueAt: due,
      yellowAt: yellow,
    });
  }
}

/** Stops each named clock that is running, recording whether its deadline was met. */
export async function stopClocks(tx: Tx, eventId: string, kinds: readonly DeadlineClock[], now: Date): Promise<void> {
  for (const kind of kinds) {
    await tx
      .update(eventClock)
      .set({ stoppedAt: now, met: sql`${eventClock.dueAt} >= ${now.toISOString()}::timestamptz` })
      .where(and(eq(eventClock.eventId, eventId), eq(eventClock.kind, kind), isNull(eventClock.stoppedAt)));
  }
}

/** 挂起: running clocks stop counting until resumed. */
export async function pauseClocks(tx: Tx, eventId: string, now: Date): Promise<void> {
  await tx
    .update(eventClock)
    .set({ pausedAt: now })
    .where(and(eq(eventClock.eventId, eventId), isNull(eventClock.stoppedAt), isNull(eventClock.pausedAt)));
}

/**
 * Resumes paused clocks with the working time they had left: a matter suspended with two working
 * hours to go is due two working hours after it resumes. A warning not yet fired can fire again later.
 */
export async function resumeClocks(tx: Tx, calendar: DeadlineCalendar, eventId: string, now: Date): Promise<void> {
  const paused = await tx
    .select()
    .from(eventClock)
    .where(and(eq(eventClock.eventId, eventId), isNull(eventClock.stoppedAt), isNotNull(eventClock.pausedAt)));
  for (const c of paused) {
    const shift = (at: Date) => {
      const left = calendar.workingMsBetween(c.pausedAt!, at);
      return left > 0 ? calendar.addWorkingHours(now, left / 3_600_000) : new Date(at.getTime() + (now.getTime() - c.pausedAt!.getTime()));
    };
    await tx
      .update(eventClock)
      .set({ pausedAt: null, dueAt: shift(c.dueAt), yellowAt: shift(c.yellowAt) })
      .where(and(eq(eventClock.eventId, c.eventId), eq(eventClock.kind, c.kind), eq(eventClock.round, c.round)));
  }
}

/** 延期 approved: the running handling clock's deadline moves out by whole working days. */
export async function extendClock(
  tx: Tx,
  calendar: DeadlineCalendar,
  eventId: string,
  kind: DeadlineClock,
  days: number,
  warn: CategoryRules['warn'],
): Promise<void> {
  const [c] = await tx
    .select()
    .from(eventClock)
    .where(and(eq(eventClock.eventId, eventId), eq(eventClock.kind, kind), isNull(eventClock.stoppedAt)));
  if (!c) return;
  const due = calendar.addWorkingDays(c.dueAt, days);
  const { yellow } = calendar.warningTimes(c.startedAt, due, warn);
  await tx
    .update(eventClock)
    .set({ dueAt: due, yellowAt: yellow, redFiredAt: null, yellowFiredAt: yellow > c.dueAt ? null : c.yellowFiredAt })
    .where(and(eq(eventClock.eventId, eventId), eq(eventClock.kind, kind), eq(eventClock.round, c.round)));
}
