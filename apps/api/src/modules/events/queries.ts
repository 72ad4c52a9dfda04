import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { allowedActions, maskPhone, type EventDetail, type EventState, type EventSummary } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/db/scope.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import { eventAttachment } from '../files/schema.ts';
import { orgUnit } from '../org/index.ts';
import { partiesOf, snapshotOf } from './use-cases/act-on-event.ts';
import { event, eventCategory, eventClock, eventTask, eventTimeline, supervisionOrder } from './schema.ts';

/** Visible to the actor: the place is in scope, or a task of it is assigned inside the scope. */
function eventInScope(actor: Actor): SQL {
  return or(
    withinScope(event.orgPath, actor.scopePaths),
    sql`exists (select 1 from event_task t where t.event_id = ${event.id} and ${withinScope(sql`t.assignee_org_path`, actor.scopePaths)})`,
  )!;
}

const summaryColumns = {
  id: event.id,
  number: event.number,
  source: event.source,
  categoryCode: event.categoryCode,
  categoryName: sql<string>`(select c.name from event_category c where c.code = ${event.categoryCode} and c.version = ${event.categoryVersion})`,
  title: event.title,
  state: event.state,
  gridCode: event.gridCode,
  ownerOrgCode: event.ownerOrgCode,
  ownerOrgName: sql<string>`coalesce((select u.name from org_unit u where u.code = ${event.ownerOrgCode}), ${event.ownerOrgCode})`,
  address: event.address,
  reportedAt: event.reportedAt,
  revision: event.revision,
  dueAt: sql<string | null>`(select min(k.due_at) from event_clock k where k.event_id = ${event.id} and k.stopped_at is null)`,
  yellowAt: sql<string | null>`(select min(k.yellow_at) from event_clock k where k.event_id = ${event.id} and k.stopped_at is null)`,
};

type SummaryRow = {
  [K in keyof typeof summaryColumns]: unknown;
} & { id: string; number: string; source: string; state: EventState; reportedAt: Date; revision: number };

function toSummary(row: SummaryRow, now: Date): EventSummary {
  const due = row.dueAt ? new Date(row.dueAt as string) : null;
  const yellow = row.yellowAt ? new Date(row.yellowAt as string) : null;
  const warning = due && now >= due ? 'red' : yellow && now >= yellow ? 'yellow' : 'none';
  return {
    id: row.id,
    number: row.number,
    source: row.source as EventSummary['source'],
    categoryCode: row.categoryCode as string,
    categoryName: (row.categoryName as string) ?? '',
    title: row.title as string,
    state: row.state,
    gridCode: (row.gridCode as string | null) ?? null,
    ownerOrgCode: row.ownerOrgCode as string,
    ownerOrgName: row.ownerOrgName as string,
    address: (row.address as string | null) ?? null,
    reportedAt: row.reportedAt.toISOString(),
    dueAt: due?.toISOString() ?? null,
    warning,
    revision: row.revision,
  };
}

/**
 * 待办: what waits for this user — events their centre owns in an owner's step, and tasks of their
 * unit still to sign or handle — most urgent first (the nearest running deadline).
 */
function todoCondition(actor: Actor): SQL {
  const centres = actor.assignments.filter((a) => a.role === 'center_staff').map((a) => a.orgCode);
  const units = actor.assignments.map((a) => a.orgPath);
  const ownerStep = centres.length
    ? and(inArray(event.ownerOrgCode, centres), inArray(event.state, ['reported', 'accepted', 'feedback', 'suspended']))
    : undefined;
  const handlerStep = units.length
    ? and(
        inArray(event.state, ['dispatched', 'in_progress']),
        sql`exists (select 1 from event_task t where t.event_id = ${event.id} and t.state in ('open', 'signed')
          and t.assignee_org_path = any(${`{${units.join(',')}}`}::ltree[]))`,
      )
    : undefined;
  const reporterStep = and(eq(event.reporterUserId, actor.userId), eq(event.state, 'reported'), eq(event.source, 'grid_worker'));
  return or(ownerStep, handlerStep, reporterStep) ?? sql`false`;
}

export async function listEvents(
  tx: Tx,
  actor: Actor,
  filter: { view: 'todo' | 'all'; state?: EventState | undefined; page: number; pageSize: number },
  now: Date,
): Promise<{ items: EventSummary[]; total: number }> {
  const where = and(
    eventInScope(actor),
    filter.view === 'todo' ? todoCondition(actor) : undefined,
    filter.state ? eq(event.state, filter.state) : undefined,
  );
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(event).where(where);
  const rows = await tx
    .select(summaryColumns)
    .from(event)
    .where(where)
    .orderBy(
      filter.view === 'todo' ? sql`(select min(k.due_at) from event_clock k where k.event_id = ${event.id} and k.stopped_at is null) asc nulls last` : desc(event.reportedAt),
      desc(event.reportedAt),
    )
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { total: Number(total), items: rows.map((r) => toSummary(r as SummaryRow, now)) };
}

export async function findEventDetail(tx: Tx, actor: Actor, id: string, now: Date): Promise<EventDetail | null> {
  const [row] = await tx.select().from(event).where(and(eq(event.id, id), eventInScope(actor)));
  if (!row) return null;
  const [summary] = await tx.select(summaryColumns).from(event).where(eq(event.id, id));
  const tasks = await tx
    .select({ task: eventTask, assigneeOrgName: orgUnit.name })
    .from(eventTask)
    .leftJoin(orgUnit, eq(orgUnit.code, eventTask.assigneeOrgCode))
    .where(eq(eventTask.eventId, id))
    .orderBy(asc(eventTask.createdAt), desc(eventTask.kind));
  const timeline = await tx.select().from(eventTimeline).where(eq(eventTimeline.eventId, id)).orderBy(asc(eventTimeline.at));
  const clocks = await tx.select().from(eventClock).where(eq(eventClock.eventId, id)).orderBy(asc(eventClock.startedAt));
  const [category] = await tx
    .select({ name: eventCategory.name })
    .from(eventCategory)
    .where(and(eq(eventCategory.code, row.categoryCode), eq(eventCategory.version, row.categoryVersion)));
  const attachments = await tx
    .select()
    .from(eventAttachment)
    .where(eq(eventAttachment.eventId, id))
    .orderBy(asc(eventAttachment.addedAt));
  // Centres above are on the path up to the scope, which row-level security lets everyone read.
  const supervisions = await tx
    .select({
      order: supervisionOrder,
      fromOrgName: sql<string | null>`(select u.name from org_unit u where u.code = ${supervisionOrder.fromOrgCode})`,
      toOrgName: sql<string | null>`(select u.name from org_unit u where u.code = ${supervisionOrder.toOrgCode})`,
    })
    .from(supervisionOrder)
    .where(eq(supervisionOrder.eventId, id))
    .orderBy(asc(supervisionOrder.createdAt));
  const relatedIds = [row.suspectedDuplicateOf, row.mergedInto].filter((x): x is string => x !== null);
  const relatedRows = relatedIds.length
    ? await tx.select({ id: event.id, number: event.number }).from(event).where(inArray(event.id, relatedIds))
    : [];
  const merged = await tx.select({ id: event.id, number: event.number }).from(event).where(eq(event.mergedInto, id));
  const numberOf = (x: string | null) => (x ? (relatedRows.find((r) => r.id === x) ?? null) : null);
  const parties = partiesOf(
    actor,
    row,
    tasks.map((t) => t.task),
  );
  return {
    event: {
      ...toSummary(summary as SummaryRow, now),
      categoryName: category?.name ?? row.categoryCode,
      description: row.description,
      lng: row.lng,
      lat: row.lat,
      reporterName: row.reporterName,
      reporterPhone: row.reporterPhone ? maskPhone(row.reporterPhone) : null,
      reworkCount: row.reworkCount,
      pendingExtensionDays: row.pendingExtensionDays,
      rating: row.rating,
      trackingCode: row.trackingCode,
      rules: row.rules,
    },
    tasks: tasks.map(({ task, assigneeOrgName }) => ({
      id: task.id,
      kind: task.kind,
      assigneeOrgCode: task.assigneeOrgCode,
      assigneeOrgName: task.assigneeOrgName ?? assigneeOrgName ?? task.assigneeOrgCode,
      state: task.state,
      answer: task.answer,
    })),
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      actorName: t.actorName,
      action: t.action,
      fromState: t.fromState ?? null,
      toState: t.toState,
      text: t.text,
    })),
    clocks: clocks.map((c) => ({
      kind: c.kind,
      startedAt: c.startedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      yellowAt: c.yellowAt.toISOString(),
      stoppedAt: c.stoppedAt?.toISOString() ?? null,
      met: c.met,
    })),
    attachments: attachments.map((a) => ({ id: a.sha256, step: a.step, addedAt: a.addedAt.toISOString(), url: `/api/files/${a.sha256}` })),
    supervisions: supervisions.map(({ order: o, fromOrgName, toOrgName }) => ({
      id: o.id,
      fromOrgCode: o.fromOrgCode,
      fromOrgName: fromOrgName ?? o.fromOrgCode,
      toOrgCode: o.toOrgCode,
      toOrgName: toOrgName ?? o.toOrgCode,
      answeredAt: o.answeredAt?.toISOString() ?? null,
      reason: o.reason,
      dueAt: o.dueAt.toISOString(),
      state: o.state,
      answer: o.answer,
      createdBy: o.createdBy,
      createdAt: o.createdAt.toISOString(),
    })),
    related: { suspectedDuplicateOf: numberOf(row.suspectedDuplicateOf), mergedInto: numberOf(row.mergedInto), merged },
    // A community centre has no lower centre to hand down to.
    allowedActions: row.mergedInto
      ? []
      : allowedActions(snapshotOf(row), parties).filter((a) => a !== 'hand_down' || row.ownerOrgPath.split('.').length < 5),
    canSupervise: parties.has('upper') && !['closed', 'evaluated', 'rejected'].includes(row.state),
  };
}


/** Summaries of the given events in the given order (used by drill-downs that select ids elsewhere). */
export async function eventSummariesByIds(tx: Tx, actor: Actor, ids: readonly string[], now: Date): Promise<EventSummary[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select(summaryColumns)
    .from(event)
    .where(and(inArray(event.id, [...ids]), eventInScope(actor)));
  const byId = new Map(rows.map((r) => [r.id, toSummary(r as SummaryRow, now)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
