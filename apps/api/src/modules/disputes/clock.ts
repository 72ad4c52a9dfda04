import { and, eq, isNull, sql } from 'drizzle-orm';
import { defaultResolveLimit, disputeWarnAt } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import type { DeadlineCalendar } from '../events/index.ts';
import { disputeClock } from './schema.ts';

interface ClockScope {
  disputeId: string;
  orgPath: string;
  countyCode: string;
}

/**
 * Starts a round of the 化解时限 clock on the events' working-day calendar: one month in natural days,
 * a last day off moved to the next working day. Returns the due time, which the case keeps too.
 */
export async function startResolveClock(tx: Tx, calendar: DeadlineCalendar, scope: ClockScope, now: Date): Promise<Date> {
  const due = calendar.dueWithin(now, defaultResolveLimit);
  const { yellow } = calendar.warningTimes(now, due, disputeWarnAt);
  const [last] = await tx
    .select({ round: sql<number>`coalesce(max(${disputeClock.round}), 0)::int` })
    .from(disputeClock)
    .where(eq(disputeClock.disputeId, scope.disputeId));
  await tx.insert(disputeClock).values({ ...scope, round: (last?.round ?? 0) + 1, startedAt: now, dueAt: due, yellowAt: yellow });
  return due;
}

/** Stops the running round, recording whether it was met; returns that (null when none ran). */
export async function stopResolveClock(tx: Tx, disputeId: string, now: Date): Promise<boolean | null> {
  const stopped = await tx
    .update(disputeClock)
    .set({ stoppedAt: now, met: sql`${disputeClock.dueAt} >= ${now.toISOString()}::timestamptz` })
    .where(and(eq(disputeClock.disputeId, disputeId), isNull(disputeClock.stoppedAt)))
    .returning({ met: disputeClock.met });
  return stopped[0]?.met ?? null;
}

/**
 * 延期 with the parties' consent: the running round's due time moves out by natural days (a last day
 * off again moves to the next working day). A card already fired can fire again for the new time.
 */
export async function extendResolveClock(tx: Tx, calendar: DeadlineCalendar, disputeId: string, days: number, now: Date): Promise<Date | null> {
  const [c] = await tx
    .select()
    .from(disputeClock)
    .where(and(eq(disputeClock.disputeId, disputeId), isNull(disputeClock.stoppedAt)));
  if (!c) return null;
  const due = calendar.dueWithin(c.dueAt, { unit: 'naturalDays', value: days });
  const { yellow } = calendar.warningTimes(c.startedAt, due, disputeWarnAt);
  await tx
    .update(disputeClock)
    .set({ dueAt: due, yellowAt: yellow, redFiredAt: null, yellowFiredAt: yellow > now ? null : c.yellowFiredAt })
    .where(and(eq(disputeClock.disputeId, disputeId), eq(disputeClock.round, c.round)));
  return due;
}
