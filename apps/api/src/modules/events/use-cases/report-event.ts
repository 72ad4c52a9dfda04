import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { DomainError, type EventSource, type ReportEvent } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/client.ts';
import { inScope, isInScope, type Actor } from '../../../platform/db/scope.ts';
import { withinScope } from '../../../platform/db/scope-sql.ts';
import { orgUnit } from '../../org/index.ts';
import { findCurrentCategory } from '../catalogue.ts';
import { startClocks, type DeadlineCalendar } from '../clocks.ts';
import type { GridLocator } from '../grid-locator.ts';
import { codeOfPath, ownerPathFor } from '../places.ts';
import { event, eventTimeline } from '../schema.ts';

export interface EventsDeps {
  db: Database;
  clock: Clock;
  calendar: DeadlineCalendar;
  locator: GridLocator;
}

export interface ReportResult {
  id: string;
  number: string;
  trackingCode: string;
  /** True when the idempotency key had been used: nothing new was filed. */
  replayed: boolean;
}

// Crockford-style alphabet without I, L, O, U: read aloud over the phone without confusion.
const trackingAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function trackingCode(): string {
  return [...randomBytes(10)].map((b) => trackingAlphabet[b % 32]).join('');
}

function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

function sourceOf(actor: Actor): EventSource {
  return actor.roles.includes('grid_worker') ? 'grid_worker' : 'hotline';
}

/**
 * 上报: files a report from a grid worker's phone or a hotline operator's desk. The point (or the chosen
 * grid/community) decides the place; the category decides which centre owns it and how long each step
 * may take. A retried request with the same idempotency key returns the first filing.
 */
export async function reportEvent(
  deps: EventsDeps,
  actor: Actor,
  input: ReportEvent,
  idempotencyKey: string | null,
): Promise<ReportResult> {
  const key = idempotencyKey ? `${actor.userId}:${idempotencyKey}` : null;
  const category = await findCurrentCategory(deps.db, input.categoryCode);
  if (!category || category.parentCode === null) throw new DomainError('EVENT.CATEGORY_UNKNOWN', { field: 'categoryCode' });

  let placePath: string | null = null;
  let gridCode: string | null = null;
  if (input.location.lng !== undefined && input.location.lat !== undefined) {
    const grid = await deps.locator.locate(input.location.lng, input.location.lat);
    if (grid) ({ orgPath: placePath, code: gridCode } = grid);
  }
  if (!placePath && input.location.orgCode) {
    const [unit] = await inScope(deps.db, actor.scopePaths, (tx) =>
      tx
        .select({ orgPath: orgUnit.orgPath, level: orgUnit.level })
        .from(orgUnit)
        .where(and(eq(orgUnit.code, input.location.orgCode!), withinScope(orgUnit.orgPath, actor.scopePaths))),
    );
    if (unit && (unit.level === 'grid' || unit.level === 'village')) {
      placePath = unit.orgPath;
      gridCode = unit.level === 'grid' ? input.location.orgCode : null;
    }
  }
  if (!placePath || !isInScope(actor, placePath)) throw new DomainError('EVENT.LOCATION_UNKNOWN', { field: 'location' });

  const now = deps.clock.now();
  const ownerPath = ownerPathFor(placePath, category.rules.handlingLevel);
  const countyCode = placePath.split('.')[2]!;
  const id = randomUUID();

  return inScope(deps.db, actor.scopePaths, async (tx) => {
    if (key) {
      const [existing] = await tx
        .select({ id: event.id, number: event.number, trackingCode: event.trackingCode })
        .from(event)
        .where(eq(event.idempotencyKey, key));
      if (existing) return { ...existing, replayed: true };
    }
    const seq = await tx.execute<{ n: string | number }>(sql`select nextval('event_number_seq') as n`);
    const number = `SJ${countyCode}${chinaDate(now)}${String(seq.rows[0]!.n).padStart(6, '0')}`;
    const title = input.title?.trim() || `${category.name}：${input.description.slice(0, 30)}`;
    const inserted = await tx
      .insert(event)
      .values({
        id,
        number,
        source: sourceOf(actor),
        categoryCode: category.code,
        categoryVersion: category.version,
        rules: category.rules,
        title,
        description: input.description,
        address: input.location.address ?? null,
        lng: input.location.lng ?? null,
        lat: input.location.lat ?? null,
        gridCode,
        ownerOrgCode: codeOfPath(ownerPath),
        ownerOrgPath: ownerPath,
        state: 'reported',
        reporterUserId: actor.userId,
        reporterName: input.reporter?.name ?? actor.displayName,
        reporterPhone: input.reporter?.phone ?? null,
        trackingCode: trackingCode(),
        idempotencyKey: key,
        reportedAt: now,
        orgPath: placePath,
        countyCode,
      })
      .onConflictDoNothing({ target: event.idempotencyKey })
      .returning({ id: event.id, number: event.number, trackingCode: event.trackingCode });
    if (inserted.length === 0) {
      // Another request with the same key committed first.
      const [existing] = await tx
        .select({ id: event.id, number: event.number, trackingCode: event.trackingCode })
        .from(event)
        .where(eq(event.idempotencyKey, key!));
      return { ...existing!, replayed: true };
    }
    const scope = { eventId: id, orgPath: placePath!, countyCode };
    await tx.insert(eventTimeline).values({
      id: randomUUID(),
      ...scope,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'report',
      fromState: null,
      toState: 'reported',
      text: input.description,
      data: { source: sourceOf(actor), categoryCode: category.code },
    });
    await startClocks(tx, deps.calendar, scope, category.rules, ['accept'], now);
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'event.reported',
        entityType: 'event',
        entityId: id,
        orgPath: placePath,
        detail: { number, categoryCode: category.code, owner: codeOfPath(ownerPath) },
      },
    ]);
    return { ...inserted[0]!, replayed: false };
  });
}
