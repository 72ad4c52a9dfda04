import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { applyEventAction, DomainError, refuseEventAction, type EventParty, type EventRating, type EventState } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import { asSystem } from '../../../platform/db/scope.ts';
import { startClocks, stopClocks } from '../clocks.ts';
import { event, eventTimeline } from '../schema.ts';
import { snapshotOf } from './act-on-event.ts';
import type { EventsDeps } from './report-event.ts';

// Holding the tracking code is what makes someone the reporter: citizens have no account to check.
const reporterParty: ReadonlySet<EventParty> = new Set(['reporter']);

export interface PublicRatingResult {
  number: string;
  state: EventState;
  rating: EventRating;
}

/**
 * 评价 by the reporter through the tracking code. The workflow decides whether the event may be
 * rated now; the event, its timeline and the audit row change in one transaction, and a concurrent
 * rating of the same event loses on the revision like any other action.
 */
export async function rateAsPublicReporter(
  deps: EventsDeps,
  trackingCode: string,
  input: { rating: EventRating; comment?: string | undefined },
): Promise<PublicRatingResult> {
  // The reporter acts from outside every scope (like filing a citizen report), so this runs as the system.
  return asSystem(deps.db, async (tx) => {
    const [ev] = await tx.select().from(event).where(eq(event.trackingCode, trackingCode));
    if (!ev) throw new DomainError('EVENT.NOT_FOUND');
    const snapshot = snapshotOf(ev);
    const refusal = refuseEventAction(snapshot, 'rate', reporterParty, input.comment);
    if (refusal) throw new DomainError('EVENT.NOT_IN_STATE', { detail: `${ev.state} → rate` });

    const now = deps.clock.now();
    const { next, stops, starts } = applyEventAction(snapshot, 'rate');
    const updated = await tx
      .update(event)
      .set({
        state: next.state,
        suspendedFrom: next.suspendedFrom,
        pendingExtensionDays: next.pendingExtensionDays,
        reworkCount: next.reworkCount,
        hasLeadTask: next.hasLeadTask,
        rating: input.rating,
        revision: ev.revision + 1,
      })
      .where(and(eq(event.id, ev.id), eq(event.revision, ev.revision)))
      .returning({ id: event.id });
    if (updated.length === 0) throw new DomainError('CONFLICT', { field: 'revision' });

    const scope = { eventId: ev.id, orgPath: ev.orgPath, countyCode: ev.countyCode };
    await stopClocks(tx, ev.id, stops, now);
    await startClocks(tx, deps.calendar, scope, ev.rules, starts, now);
    await tx.insert(eventTimeline).values({
      id: randomUUID(),
      ...scope,
      at: now,
      actorId: null,
      actorName: ev.reporterName ?? '报事人',
      action: 'rate',
      fromState: ev.state,
      toState: next.state,
      text: input.comment || null,
      data: { rating: input.rating, via: 'tracking_code' },
    });
    await appendAudit(tx, deps.clock, { id: null, name: 'public:reporter' }, [
      {
        action: 'event.rate',
        entityType: 'event',
        entityId: ev.id,
        orgPath: ev.orgPath,
        detail: { number: ev.number, from: ev.state, to: next.state, rating: input.rating, via: 'tracking_code' },
      },
    ]);
    return { number: ev.number, state: next.state, rating: input.rating };
  });
}
