import { randomUUID } from 'node:crypto';
import { and, gte, inArray, sql } from 'drizzle-orm';
import {
  assessDisputeRisk,
  scaleOf,
  type DisputePartyInput,
  type DisputeSource,
  type DisputeState,
  type DisputeTypeCode,
  type ReferralBody,
} from '@shizhi/domain';
import { appendAudit, type AuditActor } from '../../../platform/audit/write.ts';
import type { MessageBus } from '../../../platform/bus.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database, Executor, Tx } from '../../../platform/db/client.ts';
import type { DeadlineCalendar } from '../../events/index.ts';
import { startResolveClock } from '../clock.ts';
import { nextDisputeNumber, newTrackingCode } from '../numbers.ts';
import { disputeCase, disputeParty, disputeTimeline } from '../schema.ts';

export interface DisputesDeps {
  db: Database;
  clock: Clock;
  calendar: DeadlineCalendar;
  bus?: MessageBus;
}

/** The facts of a new case, whichever way it came in. */
export interface NewCase {
  source: DisputeSource;
  referral?: { body: ReferralBody; name: string; reference?: string | undefined } | undefined;
  eventId?: string;
  title: string;
  typeCode: DisputeTypeCode;
  occurredOn: string;
  address?: string | null | undefined;
  summary: string;
  claims?: string | null | undefined;
  peopleInvolved: number;
  amountYuan?: number | null | undefined;
  unitsInvolved?: string | null | undefined;
  parties: readonly DisputePartyInput[];
  place: { code: string; orgPath: string; countyCode: string };
  ownerOrgPath: string;
  /** Online applications get a tracking code; an idempotency key is per filer. */
  withTrackingCode?: boolean;
  idempotencyKey?: string | null;
  /** From an event the centre has already decided to take it: the case starts accepted. */
  acceptNow?: boolean;
}

const yearMs = 365 * 86_400_000;

interface Step {
  action: string;
  fromState: DisputeState | null;
  toState: DisputeState;
  text: string | null;
  data: Record<string, unknown>;
}

/**
 * Earlier cases of any of these ID numbers in the year before `now`, across the whole deployment
 * (read as the system: a repeat elsewhere in the district is still a repeat, though this user may
 * not see that case).
 */
export async function earlierCasesOf(db: Executor, idNumbers: readonly string[], now: Date): Promise<number> {
  if (idNumbers.length === 0) return 0;
  const rows = await db
    .selectDistinct({ id: disputeCase.id })
    .from(disputeParty)
    .innerJoin(disputeCase, sql`${disputeCase.id} = ${disputeParty.disputeId}`)
    .where(and(inArray(disputeParty.idNumber, [...idNumbers]), gte(disputeCase.registeredAt, new Date(now.getTime() - yearMs))));
  return rows.length;
}

/**
 * Writes a new case with its parties, risk grade, timeline entry and audit row in the caller's
 * transaction. `earlier` is the count from `earlierCasesOf`, read before the transaction.
 */
export async function openCase(
  tx: Tx,
  deps: Pick<DisputesDeps, 'clock' | 'calendar'>,
  input: NewCase,
  earlier: number,
  actor: { timeline: { id: string | null; name: string }; audit: AuditActor },
): Promise<{ id: string; number: string; trackingCode: string | null; orgPath: string }> {
  const now = deps.clock.now();
  const id = randomUUID();
  const number = await nextDisputeNumber(tx, input.place.countyCode, now);
  const risk = assessDisputeRisk({
    typeCode: input.typeCode,
    peopleInvolved: input.peopleInvolved,
    amountYuan: input.amountYuan ?? null,
    texts: [input.summary, input.claims ?? ''],
    earlierCasesSameParties: earlier,
  });
  const scope = { orgPath: input.place.orgPath, countyCode: input.place.countyCode };
  const trackingCode = input.withTrackingCode ? newTrackingCode() : null;
  await tx.insert(disputeCase).values({
    id,
    number,
    source: input.source,
    referralBody: input.referral?.body ?? null,
    referralName: input.referral?.name ?? null,
    referralReference: input.referral?.reference ?? null,
    eventId: input.eventId ?? null,
    trackingCode,
    idempotencyKey: input.idempotencyKey ?? null,
    title: input.title,
    typeCode: input.typeCode,
    occurredOn: input.occurredOn,
    address: input.address ?? null,
    summary: input.summary,
    claims: input.claims ?? null,
    scale: scaleOf(input.peopleInvolved),
    peopleInvolved: input.peopleInvolved,
    amountYuan: input.amountYuan ?? null,
    unitsInvolved: input.unitsInvolved ?? null,
    placeCode: input.place.code,
    ownerOrgCode: input.ownerOrgPath.slice(input.ownerOrgPath.lastIndexOf('.') + 1),
    ownerOrgPath: input.ownerOrgPath,
    state: input.acceptNow ? 'accepted' : 'registered',
    riskGrade: risk.grade,
    riskReasons: risk.reasons,
    repeat: earlier > 0,
    registeredAt: now,
    acceptedAt: input.acceptNow ? now : null,
    ...scope,
  });
  await tx.insert(disputeParty).values(
    input.parties.map((p, seq) => ({
      id: randomUUID(),
      disputeId: id,
      seq,
      role: p.role,
      kind: p.kind,
      name: p.name,
      idNumber: p.idNumber ?? null,
      phone: p.phone ?? null,
      address: p.address ?? null,
      ...scope,
    })),
  );
  const steps: Step[] = [
    { action: 'register', fromState: null, toState: 'registered', text: null, data: { source: input.source, riskGrade: risk.grade } },
  ];
  if (input.acceptNow) {
    const due = await startResolveClock(tx, deps.calendar, { disputeId: id, ...scope }, now);
    await tx.update(disputeCase).set({ dueAt: due }).where(sql`${disputeCase.id} = ${id}`);
    steps.push({ action: 'accept', fromState: 'registered', toState: 'accepted', text: null, data: { dueAt: due.toISOString() } });
  }
  await tx.insert(disputeTimeline).values(
    steps.map((s) => ({ id: randomUUID(), disputeId: id, at: now, actorId: actor.timeline.id, actorName: actor.timeline.name, ...s, ...scope })),
  );
  await appendAudit(tx, deps.clock, actor.audit, [
    {
      action: 'dispute.register',
      entityType: 'dispute_case',
      entityId: id,
      orgPath: scope.orgPath,
      countyCode: scope.countyCode,
      detail: { number, source: input.source, typeCode: input.typeCode, riskGrade: risk.grade, eventId: input.eventId ?? null, accepted: Boolean(input.acceptNow) },
    },
  ]);
  return { id, number, trackingCode, orgPath: scope.orgPath };
}
