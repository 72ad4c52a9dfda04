import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { isOnPathBelow } from '../places.ts';
import { event, supervisionOrder } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import type { EventsDeps } from './report-event.ts';

/** 督办: a centre above the owner orders it to act within `dueDays` working days. */
export async function superviseEvent(deps: EventsDeps, actor: Actor, eventId: string, input: { reason: string; dueDays: number }) {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    // The event row's lock makes two 督办 of the same moment take turns, so the second sees the first.
    const [ev] = await tx.select().from(event).where(eq(event.id, eventId)).for('update');
    if (!ev) throw new DomainError('EVENT.NOT_FOUND');
    const upper = actor.assignments.find((a) => a.role === 'center_staff' && isOnPathBelow(a.orgPath, ev.ownerOrgPath));
    if (!upper) throw new DomainError('EVENT.NOT_ALLOWED');
    if (ev.state === 'closed' || ev.state === 'evaluated' || ev.state === 'rejected') {
      throw new DomainError('EVENT.NOT_IN_STATE', { detail: ev.state });
    }
    // One open order from a centre to the owner at a time: the owner answers it before the next.
    const [open] = await tx
      .select({ id: supervisionOrder.id })
      .from(supervisionOrder)
      .where(
        and(
          eq(supervisionOrder.eventId, ev.id),
          eq(supervisionOrder.fromOrgCode, upper.orgCode),
          eq(supervisionOrder.toOrgCode, ev.ownerOrgCode),
          eq(supervisionOrder.state, 'open'),
        ),
      );
    if (open) throw new DomainError('EVENT.SUPERVISION_OPEN', { detail: open.id });
    const now = deps.clock.now();
    const id = randomUUID();
    await tx.insert(supervisionOrder).values({
      id,
      eventId: ev.id,
      fromOrgCode: upper.orgCode,
      toOrgCode: ev.ownerOrgCode,
      reason: input.reason,
      dueAt: deps.calendar.dueWithin(now, { unit: 'workingDays', value: input.dueDays }),
      state: 'open',
      createdBy: actor.displayName,
      createdAt: now,
      orgPath: ev.orgPath,
      countyCode: ev.countyCode,
    });
    await appendTimeline(tx, {
      eventId: ev.id,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'supervise',
      fromState: ev.state,
      toState: ev.state,
      text: input.reason,
      data: { orderId: id, from: upper.orgCode, to: ev.ownerOrgCode },
      orgPath: ev.orgPath,
      countyCode: ev.countyCode,
    });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'event.supervised', entityType: 'event', entityId: ev.id, orgPath: ev.orgPath, detail: { orderId: id } },
    ]);
    return { id };
  });
}

/** The owner answers a supervision order (what was done, or why not yet). */
export async function answerSupervision(deps: EventsDeps, actor: Actor, orderId: string, answer: string) {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [order] = await tx.select().from(supervisionOrder).where(eq(supervisionOrder.id, orderId));
    if (!order) throw new DomainError('NOT_FOUND');
    if (!actor.assignments.some((a) => a.role === 'center_staff' && a.orgCode === order.toOrgCode)) {
      throw new DomainError('EVENT.NOT_ALLOWED');
    }
    const now = deps.clock.now();
    const updated = await tx
      .update(supervisionOrder)
      .set({ state: 'answered', answer, answeredAt: now })
      .where(and(eq(supervisionOrder.id, orderId), eq(supervisionOrder.state, 'open')))
      .returning({ id: supervisionOrder.id });
    if (updated.length === 0) throw new DomainError('EVENT.NOT_IN_STATE', { detail: order.state });
    const [ev] = await tx.select().from(event).where(eq(event.id, order.eventId));
    await appendTimeline(tx, {
      eventId: order.eventId,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'supervision_answered',
      fromState: ev!.state,
      toState: ev!.state,
      text: answer,
      data: { orderId },
      orgPath: order.orgPath,
      countyCode: order.countyCode,
    });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'event.supervision_answered', entityType: 'event', entityId: order.eventId, orgPath: order.orgPath, detail: { orderId } },
    ]);
    return { id: orderId, state: 'answered' as const };
  });
}
