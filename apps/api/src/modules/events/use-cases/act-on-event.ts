import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import {
  applyEventAction,
  DomainError,
  eventWorkflow,
  refuseEventAction,
  type EventAction,
  type EventActionRequest,
  type EventParty,
  type EventSnapshot,
} from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { withinScope } from '../../../platform/db/scope-sql.ts';
import { orgUnit } from '../../org/index.ts';
import { extendClock, pauseClocks, resumeClocks, startClocks, stopClocks } from '../clocks.ts';
import { codeOfPath, isOnPathBelow, parentCentrePath } from '../places.ts';
import { closeMergedReports } from './merge-event.ts';
import { attachPhotos } from '../attachments.ts';
import { event, eventTask } from '../schema.ts';
import { appendTimeline } from '../timeline.ts';
import type { EventsDeps } from './report-event.ts';

type EventRow = typeof event.$inferSelect;
type TaskRow = typeof eventTask.$inferSelect;

const handlerRoles = new Set(['grid_worker', 'dept_handler', 'center_staff']);

/** How the actor stands to this event: the workflow decides what each standing may do. */
export function partiesOf(actor: Actor, ev: EventRow, tasks: readonly TaskRow[]): Set<EventParty> {
  const parties = new Set<EventParty>();
  for (const a of actor.assignments) {
    if (a.role === 'center_staff' && a.orgPath === ev.ownerOrgPath) parties.add('owner');
    if (a.role === 'center_staff' && isOnPathBelow(a.orgPath, ev.ownerOrgPath)) parties.add('upper');
    if (!handlerRoles.has(a.role)) continue;
    for (const t of tasks) {
      if (t.state === 'closed' || t.assigneeOrgPath !== a.orgPath) continue;
      parties.add(t.kind === 'lead' ? 'assignee' : 'coHandler');
    }
  }
  // Only a grid worker's own report makes them its reporter: a hotline operator files for a caller,
  // and may neither settle it on the spot nor rate it on the caller's behalf.
  if (ev.reporterUserId === actor.userId && ev.source === 'grid_worker') parties.add('reporter');
  return parties;
}

export function snapshotOf(ev: EventRow): EventSnapshot {
  return {
    state: ev.state,
    suspendedFrom: ev.suspendedFrom ?? null,
    pendingExtensionDays: ev.pendingExtensionDays ?? null,
    reworkCount: ev.reworkCount,
    hasLeadTask: ev.hasLeadTask,
  };
}

async function unitInScope(tx: Tx, actor: Actor, code: string) {
  const [unit] = await tx
    .select({ code: orgUnit.code, orgPath: orgUnit.orgPath, level: orgUnit.level, name: orgUnit.name })
    .from(orgUnit)
    .where(and(eq(orgUnit.code, code), withinScope(orgUnit.orgPath, actor.scopePaths)));
  return unit ?? null;
}

/**
 * Takes one step of the loop. The workflow (packages/domain) says whether this user may take this
 * action now; this use case checks the revision the user saw, applies the step, and writes the event,
 * its tasks, the timeline, the clocks and the audit row in one transaction.
 */
export async function actOnEvent(deps: EventsDeps, actor: Actor, eventId: string, request: EventActionRequest) {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [ev] = await tx.select().from(event).where(eq(event.id, eventId));
    if (!ev) throw new DomainError('EVENT.NOT_FOUND');
    const tasks = await tx.select().from(eventTask).where(eq(eventTask.eventId, ev.id));
    const parties = partiesOf(actor, ev, tasks);
    const snapshot = snapshotOf(ev);
    const refusal = refuseEventAction(snapshot, request.action, parties, request.text);
    if (refusal?.reason === 'not_in_state' || refusal?.reason === 'no_pending_extension' || refusal?.reason === 'extension_pending') {
      throw new DomainError('EVENT.NOT_IN_STATE', { detail: `${ev.state} → ${request.action}` });
    }
    if (refusal?.reason === 'not_allowed_for_party') throw new DomainError('EVENT.NOT_ALLOWED');
    if (refusal?.reason === 'text_required') throw new DomainError('VALIDATION.INVALID', { field: 'text', detail: '请填写说明' });
    if (ev.revision !== request.revision) throw new DomainError('CONFLICT', { field: 'revision' });

    const now = deps.clock.now();
    const outcome = applyEventAction(snapshot, request.action, { extensionDays: request.extensionDays });
    const scope = { eventId: ev.id, orgPath: ev.orgPath, countyCode: ev.countyCode };
    let ownerPath = ev.ownerOrgPath;
    const data: Record<string, unknown> = {};

    switch (request.action) {
      case 'dispatch': {
        if (!request.lead) throw new DomainError('VALIDATION.INVALID', { field: 'lead', detail: '请选择主办单位' });
        const targets = [request.lead, ...(request.co ?? [])];
        const units = [];
        for (const code of targets) {
          const unit = await unitInScope(tx, actor, code);
          const below = unit && (unit.level === 'department' || isOnPathBelow(ev.ownerOrgPath, unit.orgPath) || unit.orgPath === ev.ownerOrgPath);
          if (!unit || !below) throw new DomainError('EVENT.TARGET_INVALID', { field: code === request.lead ? 'lead' : 'co' });
          units.push(unit);
        }
        await tx.update(eventTask).set({ state: 'closed' }).where(and(eq(eventTask.eventId, ev.id), ne(eventTask.state, 'closed')));
        await tx.insert(eventTask).values(
          units.map((u, i) => ({
            id: randomUUID(),
            ...scope,
            kind: i === 0 ? ('lead' as const) : ('co' as const),
            assigneeOrgCode: u.code,
            assigneeOrgPath: u.orgPath,
            assigneeOrgName: u.name,
            state: 'open' as const,
            createdAt: now,
          })),
        );
        data.lead = request.lead;
        data.co = request.co ?? [];
        break;
      }
      case 'sign':
        await tx.update(eventTask).set({ state: 'signed' }).where(and(eq(eventTask.eventId, ev.id), eq(eventTask.kind, 'lead'), eq(eventTask.state, 'open')));
        break;
      case 'answer_co_task': {
        const mine = tasks.filter((t) => t.kind === 'co' && t.state !== 'closed' && actor.assignments.some((a) => a.orgPath === t.assigneeOrgPath));
        await tx.update(eventTask).set({ state: 'answered', answer: request.text ?? null }).where(inArray(eventTask.id, mine.map((t) => t.id)));
        break;
      }
      case 'feedback':
        await tx.update(eventTask).set({ state: 'answered', answer: request.text ?? null }).where(and(eq(eventTask.eventId, ev.id), eq(eventTask.kind, 'lead'), ne(eventTask.state, 'closed')));
        break;
      case 'verify_pass': {
        await tx.update(eventTask).set({ state: 'closed' }).where(eq(eventTask.eventId, ev.id));
        const lead = tasks.find((t) => t.kind === 'lead' && t.state !== 'closed');
        const result = lead?.answer ?? null;
        await closeMergedReports(tx, ev.id, ev.number, result, now);
        break;
      }
      case 'verify_fail':
        await tx.update(eventTask).set({ state: 'signed' }).where(and(eq(eventTask.eventId, ev.id), eq(eventTask.kind, 'lead'), ne(eventTask.state, 'closed')));
        break;
      case 'escalate': {
        // The owner passes it up a level; a handler passes it back to the owner to decide again.
        if (parties.has('owner')) {
          const up = parentCentrePath(ev.ownerOrgPath);
          if (!up) throw new DomainError('EVENT.TARGET_INVALID', { field: 'action', detail: '已是最高层级' });
          ownerPath = up;
        }
        await tx.update(eventTask).set({ state: 'closed' }).where(eq(eventTask.eventId, ev.id));
        data.from = ev.ownerOrgCode;
        data.to = codeOfPath(ownerPath);
        break;
      }
      case 'hand_down': {
        const unit = request.target ? await unitInScope(tx, actor, request.target) : null;
        const valid =
          unit &&
          (unit.level === 'village' || unit.level === 'township') &&
          isOnPathBelow(ev.ownerOrgPath, unit.orgPath) &&
          (ev.orgPath === unit.orgPath || isOnPathBelow(unit.orgPath, ev.orgPath));
        if (!valid) throw new DomainError('EVENT.TARGET_INVALID', { field: 'target' });
        ownerPath = unit.orgPath;
        data.from = ev.ownerOrgCode;
        data.to = unit.code;
        break;
      }
      case 'rate':
        if (!request.rating) throw new DomainError('VALIDATION.INVALID', { field: 'rating', detail: '请选择评价' });
        data.rating = request.rating;
        break;
      case 'request_extension':
        data.days = outcome.next.pendingExtensionDays;
        break;
      case 'approve_extension':
        data.days = ev.pendingExtensionDays;
        await extendClock(tx, deps.calendar, ev.id, 'handle', ev.pendingExtensionDays ?? 1, ev.rules.warn);
        break;
      case 'suspend':
        await pauseClocks(tx, ev.id, now);
        break;
      case 'resume':
        await resumeClocks(tx, deps.calendar, ev.id, now);
        break;
      default:
        break;
    }

    await attachPhotos(tx, scope, request.photos, request.action, actor.userId, now);
    const { next, revision } = await recordTransition(tx, deps, ev, outcome, {
      action: request.action,
      at: now,
      set: {
        ownerOrgPath: ownerPath,
        ownerOrgCode: codeOfPath(ownerPath),
        selfHandled: request.action === 'self_handle' ? true : ev.selfHandled,
        rating: request.action === 'rate' ? (request.rating ?? null) : ev.rating,
        closedAt: outcome.next.state === 'closed' ? now : ev.closedAt,
      },
      timelineActor: { id: actor.userId, name: actor.displayName },
      auditActor: { id: actor.userId, name: actor.username },
      text: request.text ?? null,
      data,
    });
    // Whoever may see this event should hear of the change: its place, and every unit with a task.
    const orgPaths = [ev.orgPath, ...tasks.map((t) => t.assigneeOrgPath)];
    if (request.action === 'dispatch') {
      const fresh = await tx.select({ path: eventTask.assigneeOrgPath }).from(eventTask).where(eq(eventTask.eventId, ev.id));
      orgPaths.push(...fresh.map((t) => t.path));
    }
    return { id: ev.id, state: next.state, revision, label: eventWorkflow[request.action].label, orgPaths };
  });
}

/**
 * The end of every step on an event: the new state (only if nobody changed the event since it was
 * read — otherwise a conflict), the clocks the step stops and starts, the timeline entry and the
 * audit row, all in the caller's transaction.
 */
export async function recordTransition(
  tx: Tx,
  deps: Pick<EventsDeps, 'clock' | 'calendar'>,
  ev: EventRow,
  outcome: ReturnType<typeof applyEventAction>,
  step: {
    action: EventAction;
    at: Date;
    set?: Partial<typeof event.$inferInsert>;
    timelineActor: { id: string | null; name: string };
    auditActor: { id: string | null; name: string };
    text: string | null;
    data: Record<string, unknown>;
  },
): Promise<{ next: ReturnType<typeof applyEventAction>['next']; revision: number }> {
  const next = outcome.next;
  const updated = await tx
    .update(event)
    .set({
      state: next.state,
      suspendedFrom: next.suspendedFrom,
      pendingExtensionDays: next.pendingExtensionDays,
      reworkCount: next.reworkCount,
      hasLeadTask: next.hasLeadTask,
      ...step.set,
      revision: ev.revision + 1,
    })
    .where(and(eq(event.id, ev.id), eq(event.revision, ev.revision)))
    .returning({ revision: event.revision });
  if (updated.length === 0) throw new DomainError('CONFLICT', { field: 'revision' });
  const scope = { eventId: ev.id, orgPath: ev.orgPath, countyCode: ev.countyCode };
  await stopClocks(tx, ev.id, outcome.stops, step.at);
  await startClocks(tx, deps.calendar, scope, ev.rules, outcome.starts, step.at);
  await appendTimeline(tx, {
    ...scope,
    at: step.at,
    actorId: step.timelineActor.id,
    actorName: step.timelineActor.name,
    action: step.action,
    fromState: ev.state,
    toState: next.state,
    text: step.text,
    data: step.data,
  });
  await appendAudit(tx, deps.clock, step.auditActor, [
    {
      action: `event.${step.action}`,
      entityType: 'event',
      entityId: ev.id,
      orgPath: ev.orgPath,
      detail: { number: ev.number, from: ev.state, to: next.state, ...step.data },
    },
  ]);
  return { next, revision: updated[0]!.revision };
}
