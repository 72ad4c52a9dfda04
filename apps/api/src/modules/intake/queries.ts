import { and, asc, eq, inArray } from 'drizzle-orm';
import { refuseEventAction, type EventRating, type PublicEventStatus } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';
import { currentCategories, event, eventCategory, eventTimeline, snapshotOf } from '../events/index.ts';
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
    .select({ at: eventTimeline.at, action: eventTimeline.action, toState: eventTimeline.toState, text: eventTimeline.text })
    .from(eventTimeline)
    .where(eq(eventTimeline.eventId, ev.id))
    .orderBy(asc(eventTimeline.at));
  const lastOf = (actions: readonly string[]) => timeline.filter((t) => actions.includes(t.action)).at(-1)?.text ?? null;
  const result = finished.has(ev.state)
    ? lastOf(['feedback', 'self_handle'])
    : ev.state === 'rejected'
      ? lastOf(['reject'])
      : null;
  return {
    number: ev.number,
    title: ev.title,
    categoryName: category?.name ?? ev.categoryCode,
    state: ev.state,
    reportedAt: ev.reportedAt.toISOString(),
    closedAt: ev.closedAt?.toISOString() ?? null,
    timeline: timeline.map((t) => ({ at: t.at.toISOString(), action: t.action, toState: t.toState })),
    result,
    rating: (ev.rating as EventRating | null) ?? null,
    canRate: refuseEventAction(snapshotOf(ev), 'rate', reporterParty) === null,
  };
}
