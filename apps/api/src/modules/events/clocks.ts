import { and, eq, isNull, sql } from 'drizzle-orm';
import type { CategoryRules, DeadlineClock, TimeLimit } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import { eventClock } from './schema.ts';

/** What the deadline engine needs of the working-day calendar. */
export interface DeadlineCalendar {
  dueWithin(start: Date, limit: TimeLimit): Date;
  warningTimes(start: Date, due: Date, thresholds: { yellow: number; red: number }): { yellow: Date; red: Date };
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
