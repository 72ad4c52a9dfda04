import { eq } from 'drizzle-orm';
import { applyEventAction, DomainError, refuseEventAction, type EventParty, type EventRating, type EventState } from '@shizhi/domain';
import { asSystem } from '../../../platform/db/scope.ts';
import { event } from '../schema.ts';
import { recordTransition, snapshotOf } from './act-on-event.ts';
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

    const { next } = await recordTransition(tx, deps, ev, applyEventAction(snapshot, 'rate'), {
      action: 'rate',
      at: deps.clock.now(),
      set: { rating: input.rating },
      timelineActor: { id: null, name: ev.reporterName ?? '报事人' },
      auditActor: { id: null, name: 'public:reporter' },
      text: input.comment || null,
      data: { rating: input.rating, via: 'tracking_code' },
    });
    return { number: ev.number, state: next.state, rating: input.rating };
  });
}
