import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { refuseEventAction, type EventRating, type PublicEventStatus } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';
import { currentCategories, event, eventCategory, eventTimeline, snapshotOf } from '../events/index.ts';
import { eventAttachment, fileObject } from '../files/index.ts';
import { orgUnit } from '../org/index.ts';

/** Leaf categories are what a report is filed under; parents group them in the picker. */
export async function publicCategories(db: Executor) {
  const categories = await currentCategories(db);
  return { items: categories.map((c) => ({ code: c.code, parentCode: c.parentCode, name: c.name })) };
}

/** Streets/towns with their communities/villages, in the order the org tree keeps them. */
export async function publicPlaces(db: Executor) {
  const units = await db
    .select({ code: orgUnit.code, name: orgUnit.name, level: orgUnit.level, parentCode: orgUnit.parentCode })
    .from(orgUnit)
    .where(inArray(orgUnit.level, ['township', 'village']))
    .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.code));
  const communities = new Map<string, { code: string; name: string }[]>();
  for (const u of units) {
    if (u.level !== 'village' || !u.parentCode) continue;
    communities.set(u.parentCode, [...(communities.get(u.parentCode) ?? []), { code: u.code, name: u.name }]);
  }
  return {
    items: units
      .filter((u) => u.level === 'township')
      .map((t) => ({ code: t.code, name: t.name, communities: communities.get(t.code) ?? [] })),
  };
}

const reporterParty = new Set(['reporter'] as const);
const finished = new Set(['closed', 'evaluated']);

/**
 * The steps a reporter is told about: received, accepted or not, sent to a unit, being handled,
 * handled, closed, rated. Everything else stays inside: deadline warnings (黄牌/红牌), 督办 and its
 * answer, progress notes, co-handling answers, escalation and hand-down between centres, suspension,
 * extensions, a failed check (返工), merging and follow-up calls. The filter is the SQL's, so
 * nothing internal is even read for this answer.
 */
export const publicTimelineActions = [
  'report',
  'accept',
  'reject',
  'dispatch',
  'sign',
  'feedback',
  'self_handle',
  'verify_pass',
  'close_with_parent',
  'rate',
] as const;

const resultActions = ['feedback', 'self_handle'];

/**
 * One entry per milestone in a row: a case passed up a level is accepted again, a reworked case is
 * handled again; the citizen sees the last time, which is the one that counted.
 */
function collapseRepeats<T extends { action: string }>(steps: readonly T[]): T[] {
  const out: T[] = [];
  for (const step of steps) {
    if (out.at(-1)?.action === step.action) out[out.length - 1] = step;
    else out.push(step);
  }
  return out;
}

/**
 * The reporter's view of a report. The timeline says what happened and when, not who did it; the
 * result is the answer the citizen is owed: what was done (once closed) or why it was not taken up.
 */
export async function publicEventStatus(db: Executor, trackingCode: string): Promise<PublicEventStatus | null> {
  const [ev] = await db.select().from(event).where(eq(event.trackingCode, trackingCode));
  if (!ev) return null;
  const [category] = await db
    .select({ name: eventCategory.name })
    .from(eventCategory)
    .where(and(eq(eventCategory.code, ev.categoryCode), eq(eventCategory.version, ev.categoryVersion)));
  const timeline = await db
    .select({
      at: eventTimeline.at,
      action: eventTimeline.action,
      toState: eventTimeline.toState,
      text: eventTimeline.text,
      data: eventTimeline.data,
    })
    .from(eventTimeline)
    .where(and(eq(eventTimeline.eventId, ev.id), inArray(eventTimeline.action, [...publicTimelineActions])))
    .orderBy(asc(eventTimeline.at));
  const lastOf = (actions: readonly string[]) => timeline.filter((t) => actions.includes(t.action)).at(-1) ?? null;
  let result: string | null = null;
  if (finished.has(ev.state)) {
    const closing = lastOf(['verify_pass', 'close_with_parent']);
    // Merged into another case: the answer is that case's (its number means nothing to this reporter).
    const parentId = closing?.action === 'close_with_parent' ? parentOf(closing.data) : null;
    result = (parentId ? await lastResultOf(db, parentId) : null) ?? lastOf(resultActions)?.text ?? null;
  } else if (ev.state === 'rejected') {
    result = lastOf(['reject'])?.text ?? null;
  }
  return {
    number: ev.number,
    title: ev.title,
    categoryName: category?.name ?? ev.categoryCode,
    state: ev.state,
    reportedAt: ev.reportedAt.toISOString(),
    closedAt: ev.closedAt?.toISOString() ?? null,
    timeline: collapseRepeats(timeline).map((t) => ({ at: t.at.toISOString(), action: t.action, toState: t.toState })),
    result,
    rating: (ev.rating as EventRating | null) ?? null,
    canRate: refuseEventAction(snapshotOf(ev), 'rate', reporterParty) === null,
  };
}

function parentOf(data: unknown): string | null {
  const parentId = (data as { parentId?: unknown } | null)?.parentId;
  return typeof parentId === 'string' ? parentId : null;
}

async function lastResultOf(db: Executor, eventId: string): Promise<string | null> {
  const [row] = await db
    .select({ text: eventTimeline.text })
    .from(eventTimeline)
    .where(and(eq(eventTimeline.eventId, eventId), inArray(eventTimeline.action, resultActions)))
    .orderBy(desc(eventTimeline.at))
    .limit(1);
  return row?.text ?? null;
}

/**
 * The photos a citizen attached to their own report, as its tracking page shows them: attached with
 * the report itself, uploaded through the public channel (no account), and attached to no other event
 * before this one. The last rule is what keeps another person's photo out of reach: a photo's id is
 * the SHA-256 of its bytes, so someone who learnt an id without having the photo could name it in a
 * report of their own — but that report was never the first to carry it, so its page does not show it.
 */
export async function citizenPhotos(db: Executor, trackingCode: string, photoId?: string): Promise<{ id: string; mime: string }[]> {
  return db
    .select({ id: eventAttachment.sha256, mime: fileObject.mime })
    .from(event)
    .innerJoin(eventAttachment, and(eq(eventAttachment.eventId, event.id), eq(eventAttachment.step, 'report'), isNull(eventAttachment.addedBy)))
    .innerJoin(fileObject, and(eq(fileObject.sha256, eventAttachment.sha256), isNull(fileObject.uploadedBy)))
    .where(
      and(
        eq(event.trackingCode, trackingCode),
        eq(event.source, 'citizen'),
        photoId ? eq(eventAttachment.sha256, photoId) : undefined,
        sql`not exists (select 1 from event_attachment earlier where earlier.sha256 = ${eventAttachment.sha256}
          and earlier.event_id <> ${eventAttachment.eventId} and earlier.added_at <= ${eventAttachment.addedAt})`,
      ),
    )
    .orderBy(asc(eventAttachment.addedAt), asc(eventAttachment.sha256));
}

export async function trackingCodeKnown(db: Executor, trackingCode: string): Promise<boolean> {
  const [row] = await db.select({ id: event.id }).from(event).where(eq(event.trackingCode, trackingCode)).limit(1);
  return Boolean(row);
}
