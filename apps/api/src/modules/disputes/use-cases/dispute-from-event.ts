import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DomainError, shanghaiDateOf, type DisputeFromEvent } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { event, eventTimeline } from '../../events/index.ts';
import { disputeCase } from '../schema.ts';
import { earlierCasesOf, openCase, type DisputesDeps } from './open-case.ts';
import { idNumbersOf } from './register-dispute.ts';

/** The top category of the event catalogue that holds the 矛盾纠纷 kinds. */
const disputeCategoryTop = '01';

/**
 * 网格上报转入: the centre holding a grid worker's 矛盾纠纷 report takes it into mediation. The case
 * starts accepted (taking it in is the acceptance), is linked to the event, and the event's timeline
 * says where it went; the event itself goes on through its own loop.
 */
export async function disputeFromEvent(deps: DisputesDeps, actor: Actor, eventId: string, input: DisputeFromEvent) {
  const earlier = await earlierCasesOf(deps.db, idNumbersOf(input.parties), deps.clock.now());
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [ev] = await tx.select().from(event).where(eq(event.id, eventId));
    if (!ev) throw new DomainError('EVENT.NOT_FOUND');
    if (!ev.categoryCode.startsWith(disputeCategoryTop)) {
      throw new DomainError('DISPUTE.TARGET_INVALID', { field: 'eventId', detail: '只有矛盾纠纷类事件可以转为纠纷案件' });
    }
    const owner = actor.assignments.some((a) => a.role === 'center_staff' && a.orgPath === ev.ownerOrgPath);
    if (!owner) throw new DomainError('DISPUTE.NOT_ALLOWED', { detail: '由负责该事件的综治中心转入' });
    const [linked] = await tx.select({ number: disputeCase.number }).from(disputeCase).where(eq(disputeCase.eventId, ev.id));
    if (linked) throw new DomainError('CONFLICT', { field: 'eventId', detail: `已转为纠纷案件 ${linked.number}` });

    const now = deps.clock.now();
    const placeCode = ev.orgPath.slice(ev.orgPath.lastIndexOf('.') + 1);
    const created = await openCase(
      tx,
      deps,
      {
        source: 'event',
        eventId: ev.id,
        title: input.title ?? ev.title,
        typeCode: input.typeCode,
        occurredOn: shanghaiDateOf(ev.reportedAt),
        address: ev.address,
        summary: ev.description,
        claims: input.claims ?? null,
        peopleInvolved: input.peopleInvolved,
        amountYuan: input.amountYuan ?? null,
        parties: input.parties,
        place: { code: placeCode, orgPath: ev.orgPath, countyCode: ev.countyCode },
        ownerOrgPath: ev.ownerOrgPath,
        acceptNow: true,
      },
      earlier,
      { timeline: { id: actor.userId, name: actor.displayName }, audit: { id: actor.userId, name: actor.username } },
    );
    await tx.insert(eventTimeline).values({
      id: randomUUID(),
      eventId: ev.id,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'to_dispute',
      fromState: ev.state,
      toState: ev.state,
      text: `转入矛调中心调处，纠纷案件编号 ${created.number}`,
      data: { disputeId: created.id, number: created.number },
      orgPath: ev.orgPath,
      countyCode: ev.countyCode,
    });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'event.to_dispute', entityType: 'event', entityId: ev.id, orgPath: ev.orgPath, detail: { disputeId: created.id, number: created.number } },
    ]);
    return { id: created.id, number: created.number, orgPath: created.orgPath };
  });
}
