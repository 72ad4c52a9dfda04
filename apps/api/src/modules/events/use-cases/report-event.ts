import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { DomainError, type EventSource, type ReportEvent } from '@shizhi/domain';
import { auditPayload } from '../../../platform/audit/write.ts';
import type { MessageBus } from '../../../platform/bus.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database, Executor } from '../../../platform/db/client.ts';
import { inScope, isInScope, type Actor } from '../../../platform/db/scope.ts';
import { withinScope } from '../../../platform/db/scope-sql.ts';
import { orgUnit } from '../../org/index.ts';
import { requireUploaded } from '../attachments.ts';
import { findCurrentCategory } from '../catalogue.ts';
import { duplicateWindow } from '../duplicates.ts';
import { cachedCategory } from '../category-cache.ts';
import type { DeadlineCalendar } from '../clocks.ts';
import type { FiledRow, FilingQueue } from '../filing-queue.ts';
import type { GridLocator } from '../grid-locator.ts';
import { codeOfPath, ownerPathFor } from '../places.ts';

export interface EventsDeps {
  db: Database;
  clock: Clock;
  calendar: DeadlineCalendar;
  locator: GridLocator;
  /** Live updates: every channel's new report reaches the screens of those who may see it. */
  bus?: MessageBus;
  /** Where new reports are written, batched under load. */
  filings: FilingQueue;
}

/** A filed (or replayed) report: what file_events() answers. */
export type ReportResult = FiledRow;

// Crockford-style alphabet without I, L, O, U: read aloud over the phone without confusion.
const trackingAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function trackingCode(): string {
  return [...randomBytes(10)].map((b) => trackingAlphabet[b % 32]).join('');
}

function sourceOf(actor: Actor): EventSource {
  return actor.roles.includes('grid_worker') ? 'grid_worker' : 'hotline';
}

/**
 * Who files a report. Staff and grid workers file as themselves, within their scope; citizens,
 * machines and Open311 clients file from outside, anywhere in the deployment.
 */
export interface Filer {
  source: EventSource;
  userId: string | null;
  name: string;
  phone: string | null;
  /** Where the filer may place a report; null = anywhere. */
  scopePaths: readonly string[] | null;
  /** Idempotency keys are per filer, so two clients' keys never collide. */
  keyNamespace: string;
  auditActor: { id: string | null; name: string };
}

export function filerFromActor(actor: Actor): Filer {
  return {
    source: sourceOf(actor),
    userId: actor.userId,
    name: actor.displayName,
    phone: null,
    scopePaths: actor.scopePaths,
    keyNamespace: actor.userId,
    auditActor: { id: actor.userId, name: actor.username },
  };
}

/** 上报 by a signed-in grid worker or a hotline operator. */
export async function reportEvent(deps: EventsDeps, actor: Actor, input: ReportEvent, idempotencyKey: string | null) {
  return fileEvent(deps, filerFromActor(actor), input, idempotencyKey);
}

async function placeOf(
  deps: EventsDeps,
  filer: Filer,
  location: ReportEvent['location'],
): Promise<{ placePath: string; gridCode: string | null } | null> {
  if (location.lng !== undefined && location.lat !== undefined) {
    const grid = await deps.locator.locate(location.lng, location.lat);
    if (grid) return { placePath: grid.orgPath, gridCode: grid.code };
  }
  if (!location.orgCode) return null;
  const find = (tx: Executor) =>
    tx
      .select({ orgPath: orgUnit.orgPath, level: orgUnit.level })
      .from(orgUnit)
      .where(and(eq(orgUnit.code, location.orgCode!), filer.scopePaths ? withinScope(orgUnit.orgPath, filer.scopePaths) : undefined));
  const [unit] = filer.scopePaths ? await inScope(deps.db, filer.scopePaths, find) : await find(deps.db);
  if (!unit || (unit.level !== 'grid' && unit.level !== 'village')) return null;
  return { placePath: unit.orgPath, gridCode: unit.level === 'grid' ? location.orgCode : null };
}

/** What a channel keeps beside the report itself, on its first timeline entry (a camera's evidence, an Open311 device id). */
export interface FilingExtras {
  timelineData?: Record<string, unknown>;
}

/**
 * Files a report from any channel. The point (or the chosen grid/community) decides the place; the
 * category decides which centre owns it and how long each step may take. A retried request with the
 * same idempotency key returns the first filing.
 */
export async function fileEvent(
  deps: EventsDeps,
  filer: Filer,
  input: ReportEvent,
  idempotencyKey: string | null,
  extras: FilingExtras = {},
): Promise<ReportResult> {
  const key = idempotencyKey ? `${filer.keyNamespace}:${idempotencyKey}` : null;
  const category = await cachedCategory(deps.db, input.categoryCode, findCurrentCategory);
  if (!category || category.parentCode === null) throw new DomainError('EVENT.CATEGORY_UNKNOWN', { field: 'categoryCode' });

  const place = await placeOf(deps, filer, input.location);
  if (!place || (filer.scopePaths && !isInScope({ scopePaths: [...filer.scopePaths] }, place.placePath))) {
    throw new DomainError('EVENT.LOCATION_UNKNOWN', { field: 'location' });
  }
  const { placePath, gridCode } = place;
  if (input.photos?.length) await requireUploaded(deps.db, input.photos);

  const now = deps.clock.now();
  const ownerPath = ownerPathFor(placePath, category.rules.handlingLevel);
  const countyCode = placePath.split('.')[2]!;
  const id = randomUUID();
  const acceptDue = deps.calendar.dueWithin(now, category.rules.limits.accept);
  const { yellow: acceptYellow } = deps.calendar.warningTimes(now, acceptDue, category.rules.warn);
  const filing = {
    id,
    idempotencyKey: key,
    source: filer.source,
    categoryCode: category.code,
    categoryVersion: category.version,
    rules: category.rules,
    title: input.title?.trim() || `${category.name}：${input.description.slice(0, 30)}`,
    description: input.description,
    address: input.location.address ?? null,
    lng: input.location.lng ?? null,
    lat: input.location.lat ?? null,
    gridCode,
    ownerOrgCode: codeOfPath(ownerPath),
    ownerOrgPath: ownerPath,
    reporterUserId: filer.userId,
    reporterName: input.reporter?.name ?? filer.name,
    reporterPhone: input.reporter?.phone ?? filer.phone,
    trackingCode: trackingCode(),
    reportedAt: now.toISOString(),
    orgPath: placePath,
    countyCode,
    timelineId: randomUUID(),
    timelineActor: input.reporter?.name ?? filer.name,
    timelineData: { ...extras.timelineData, source: filer.source, categoryCode: category.code },
    photos: input.photos ?? [],
    acceptDueAt: acceptDue.toISOString(),
    acceptYellowAt: acceptYellow.toISOString(),
    duplicateMetres: duplicateWindow.metres,
    duplicateHours: duplicateWindow.hours,
  };
  const audit = auditPayload(now, filer.auditActor, [
    {
      action: 'event.reported',
      entityType: 'event',
      entityId: id,
      orgPath: placePath,
      detail: { source: filer.source, categoryCode: category.code, owner: codeOfPath(ownerPath) },
    },
  ]);
  // Written with whatever other reports arrive meanwhile, in one statement (filing-queue.ts, migration 0018).
  const result = await deps.filings.file({ row: filing, scope: filer.scopePaths ? filer.scopePaths.join(',') : null, audit });
  if (!result.replayed) deps.bus?.publish({ type: 'event.changed', orgPaths: [result.orgPath], payload: { id: result.id } });
  return result;
}
