import { and, eq, isNull } from 'drizzle-orm';
import { DomainError } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { stopClocks } from '../clocks.ts';
import { event } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import type { EventsDeps } from './report-event.ts';

const mergeable = new Set(['reported', 'accepted']);
const terminal = new Set(['rejected', 'closed', 'evaluated']);

/**
 * 合并: a report of a matter already being handled joins the parent case. It stops running on its own
 * (its clocks stop); when the parent is closed the merged report closes with it, so its reporter gets
 * the same answer.
 */
export async function mergeEvent(deps: EventsDeps, actor: Actor, childId: string, input: { parentId: string; revision: number }) {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [child] = await tx.select().from(event).where(eq(event.id, childId));
    const [parent] = await tx.select().from(event).where(eq(event.id, input.parentId));
    if (!child) throw new DomainError('EVENT.NOT_FOUND');
    if (!parent || parent.id === child.id || parent.mergedInto) throw new DomainError('EVENT.TARGET_INVALID', { field: 'parentId' });
    if (!actor.assignments.some((a) => a.role === 'center_staff' && a.orgPath === child.ownerOrgPath)) {
      throw new DomainError('EVENT.NOT_ALLOWED');
    }
    if (!mergeable.has(child.state) || child.mergedInto || terminal.has(parent.state)) {
      throw new DomainError('EVENT.NOT_IN_STATE', { detail: `${child.state} → merge` });
    }
    if (child.revision !== input.revision) throw new DomainError('CONFLICT', { field: 'revision' });
    const now = deps.clock.now();
    const updated = await tx
      .update(event)
      .set({ mergedInto: parent.id, revision: child.revision + 1 })
      .where(and(eq(event.id, child.id), eq(event.revision, child.revision), isNull(event.mergedInto)))
      .returning({ revision: event.revision });
    if (updated.length === 0) throw new DomainError('CONFLICT', { field: 'revision' });
    await stopClocks(tx, child.id, ['accept', 'handle', 'verify'], now);
    await appendTimeline(tx, {
      eventId: child.id,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'merge',
      fromState: child.state,
      toState: child.state,
      text: `并入 ${parent.number}`,
      data: { parentId: parent.id, parentNumber: parent.number },
      orgPath: child.orgPath,
      countyCode: child.countyCode,
    });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'event.merged', entityType: 'event', entityId: child.id, orgPath: child.orgPath, detail: { into: parent.id } },
    ]);
    return { id: child.id, state: child.state, revision: updated[0]!.revision, orgPath: child.orgPath };
  });
}

/** Closes every report merged into `parentId`, with the parent's result, when the parent closes. */
export async function closeMergedReports(tx: Tx, parentId: string, parentNumber: string, result: string | null, now: Date): Promise<void> {
  const children = await tx.select().from(event).where(eq(event.mergedInto, parentId));
  for (const child of children) {
    if (terminal.has(child.state)) continue;
    await tx.update(event).set({ state: 'closed', closedAt: now, revision: child.revision + 1 }).where(eq(event.id, child.id));
    await appendTimeline(tx, {
      eventId: child.id,
      at: now,
      actorId: null,
      actorName: '系统',
      action: 'close_with_parent',
      fromState: child.state,
      toState: 'closed',
      text: result ? `随主案 ${parentNumber} 办结：${result}` : `随主案 ${parentNumber} 办结`,
      data: { parentId },
      orgPath: child.orgPath,
      countyCode: child.countyCode,
    });
  }
}
