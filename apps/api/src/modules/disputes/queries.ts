import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  allowedDisputeActions,
  disputeDocumentsAvailable,
  computeDisputeKpis,
  DomainError,
  disputeMeasures,
  emptyDisputeCounts,
  maskIdNumber,
  maskPhone,
  openDisputeStates,
  disputeTypes,
  suggestedMediation,
  type DisputeDetail,
  type DisputeFigures,
  type DisputeFiguresQuery,
  type DisputeListQuery,
  type DisputeSummary,
  type DisputeTypeCode,
  type PublicDisputeStatus,
} from '@shizhi/domain';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import type { Actor } from '../../platform/db/scope.ts';
import { orgUnit } from '../org/index.ts';
import { agreementDateOf, agreementNumberOf, judicialDeadlineOf } from './documents.ts';
import { measureCondition, periodBounds } from './measures.ts';
import { disputePartiesOf, disputeSnapshotOf, mayReadPersonalData, type DisputeRow } from './policies.ts';
import {
  disputeCase,
  disputeClock,
  disputeFollowUp,
  disputeParty,
  disputeSession,
  disputeTimeline,
  mediationOrg,
  mediator,
} from './schema.ts';

type PartyRow = typeof disputeParty.$inferSelect;

function maskedParty(p: PartyRow) {
  return {
    id: p.id,
    role: p.role,
    kind: p.kind,
    name: p.name,
    idNumber: p.idNumber ? maskIdNumber(p.idNumber) : null,
    phone: p.phone ? maskPhone(p.phone) : null,
    address: p.address,
  };
}

/** The service-layer scope filter: where it happened, or the mediation body's unit. */
/** Cases the actor sees: those in their units and those assigned to their units' mediation bodies. */
export function visibleTo(actor: Actor): SQL {
  return or(withinScope(disputeCase.orgPath, actor.scopePaths), withinScope(disputeCase.mediationOrgPath, actor.scopePaths))!;
}

async function unitPath(tx: Executor, actor: Actor, code: string): Promise<string> {
  const [unit] = await tx
    .select({ orgPath: orgUnit.orgPath })
    .from(orgUnit)
    .where(and(eq(orgUnit.code, code), withinScope(orgUnit.orgPath, actor.scopePaths)));
  if (!unit) throw new DomainError('ORG.NOT_FOUND', { field: 'orgCode' });
  return unit.orgPath;
}

function summaryOf(row: DisputeRow, extra: { placeName: string | null; mediationOrgName: string | null; applicant: PartyRow | null }, now: Date): DisputeSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    typeCode: row.typeCode,
    source: row.source,
    state: row.state,
    riskGrade: row.riskGrade,
    scale: row.scale,
    peopleInvolved: row.peopleInvolved,
    placeCode: row.placeCode,
    placeName: extra.placeName,
    ownerOrgCode: row.ownerOrgCode,
    mediationOrgName: extra.mediationOrgName,
    mediatorName: row.mediatorName,
    applicant: extra.applicant ? maskedParty(extra.applicant) : null,
    registeredAt: row.registeredAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: row.outcome === null && openDisputeStates.includes(row.state) && row.dueAt !== null && row.dueAt < now,
    outcome: row.outcome ?? null,
  };
}

/** The list with its filters, newest first; parties' ID numbers and phones masked. */
export async function listDisputes(tx: Tx, actor: Actor, query: DisputeListQuery, now: Date): Promise<{ items: DisputeSummary[]; total: number }> {
  const conditions: (SQL | undefined)[] = [visibleTo(actor)];
  if (query.state) conditions.push(eq(disputeCase.state, query.state));
  if (query.typeCode) conditions.push(eq(disputeCase.typeCode, query.typeCode));
  if (query.riskGrade) conditions.push(eq(disputeCase.riskGrade, query.riskGrade));
  if (query.mediationOrgId) conditions.push(eq(disputeCase.mediationOrgId, query.mediationOrgId));
  if (query.mediatorId) conditions.push(eq(disputeCase.mediatorId, query.mediatorId));
  if (query.orgCode) conditions.push(sql`${disputeCase.orgPath} <@ ${await unitPath(tx, actor, query.orgCode)}::ltree`);
  const { start, end } = periodBounds(query.from ?? '2000-01-01', query.to ?? '2999-12-31');
  if (query.from) conditions.push(gte(disputeCase.registeredAt, start));
  if (query.to) conditions.push(lt(disputeCase.registeredAt, end));
  if (query.measure) conditions.push(measureCondition(query.measure, end < now ? end : now));
  if (query.q) conditions.push(or(eq(disputeCase.number, query.q), ilike(disputeCase.title, `%${query.q.replace(/[\\%_]/g, '\\$&')}%`)));
  const where = and(...conditions);

  const [counted] = await tx.select({ n: sql<number>`count(*)::int` }).from(disputeCase).where(where);
  // The page first, then the names for its rows: joined before the limit, the planner (which cannot
  // estimate the ltree scope test) loops over every case in scope for each org unit.
  const page = await tx
    .select()
    .from(disputeCase)
    .where(where)
    .orderBy(desc(disputeCase.registeredAt), desc(disputeCase.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const placeCodes = [...new Set(page.map((c) => c.placeCode))];
  const bodyIds = [...new Set(page.flatMap((c) => (c.mediationOrgId ? [c.mediationOrgId] : [])))];
  const [places, bodies] = await Promise.all([
    placeCodes.length ? tx.select({ code: orgUnit.code, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.code, placeCodes)) : [],
    bodyIds.length ? tx.select({ id: mediationOrg.id, name: mediationOrg.name }).from(mediationOrg).where(inArray(mediationOrg.id, bodyIds)) : [],
  ]);
  const placeName = new Map(places.map((u) => [u.code, u.name]));
  const bodyName = new Map(bodies.map((b) => [b.id, b.name]));
  const rows = page.map((c) => ({ c, placeName: placeName.get(c.placeCode) ?? null, mediationOrgName: c.mediationOrgId ? (bodyName.get(c.mediationOrgId) ?? null) : null }));
  const ids = rows.map((r) => r.c.id);
  const applicants = ids.length
    ? await tx
        .select()
        .from(disputeParty)
        .where(and(inArray(disputeParty.disputeId, ids), eq(disputeParty.role, 'applicant')))
        .orderBy(asc(disputeParty.seq))
    : [];
  const firstApplicant = new Map<string, PartyRow>();
  for (const p of applicants) if (!firstApplicant.has(p.disputeId)) firstApplicant.set(p.disputeId, p);
  return {
    total: counted?.n ?? 0,
    items: rows.map((r) =>
      summaryOf(r.c, { placeName: r.placeName, mediationOrgName: r.mediationOrgName, applicant: firstApplicant.get(r.c.id) ?? null }, now),
    ),
  };
}

/** A case with everything the case page shows; null when it does not exist or is out of scope. */
export async function findDisputeDetail(tx: Tx, actor: Actor, id: string, now: Date): Promise<DisputeDetail | null> {
  const [found] = await tx
    .select({ c: disputeCase, placeName: orgUnit.name, mediationOrgName: mediationOrg.name })
    .from(disputeCase)
    .leftJoin(orgUnit, eq(orgUnit.code, disputeCase.placeCode))
    .leftJoin(mediationOrg, eq(mediationOrg.id, disputeCase.mediationOrgId))
    .where(and(eq(disputeCase.id, id), visibleTo(actor)));
  if (!found) return null;
  const row = found.c;
  const [parties, sessions, followUps, timeline, clocks] = await Promise.all([
    tx.select().from(disputeParty).where(eq(disputeParty.disputeId, id)).orderBy(asc(disputeParty.seq)),
    tx.select().from(disputeSession).where(eq(disputeSession.disputeId, id)).orderBy(asc(disputeSession.seq)),
    tx.select().from(disputeFollowUp).where(eq(disputeFollowUp.disputeId, id)).orderBy(asc(disputeFollowUp.dueOn)),
    tx.select().from(disputeTimeline).where(eq(disputeTimeline.disputeId, id)).orderBy(asc(disputeTimeline.at), asc(disputeTimeline.id)),
    tx.select().from(disputeClock).where(eq(disputeClock.disputeId, id)).orderBy(asc(disputeClock.round)),
  ]);
  const standing = disputePartiesOf(actor, row);
  const applicant = parties.find((p) => p.role === 'applicant') ?? null;
  return {
    dispute: {
      ...summaryOf(row, { placeName: found.placeName, mediationOrgName: found.mediationOrgName, applicant }, now),
      revision: row.revision,
      occurredOn: row.occurredOn,
      address: row.address,
      summary: row.summary,
      claims: row.claims,
      amountYuan: row.amountYuan,
      unitsInvolved: row.unitsInvolved,
      eventId: row.eventId,
      referral: row.referralBody ? { body: row.referralBody, name: row.referralName ?? '', reference: row.referralReference } : null,
      riskReasons: row.riskReasons,
      suggested: suggestedMediation(row.typeCode),
      method: row.method,
      mediationOrgId: row.mediationOrgId,
      mediatorId: row.mediatorId,
      success: row.success,
      resolution: row.resolution,
      performBy: row.performBy,
      nextRoute: row.nextRoute,
      stabilityMeasure: row.stabilityMeasure,
      performance: row.performance,
      judicialState: row.judicialState,
      judicialCaseNumber: row.judicialCaseNumber,
      evaluation: row.evaluation,
      evaluatedAt: row.evaluatedAt?.toISOString() ?? null,
      reopenCount: row.reopenCount,
      repeat: row.repeat,
      closedAt: row.closedAt?.toISOString() ?? null,
    },
    parties: parties.map(maskedParty),
    sessions: sessions.map((s) => ({
      id: s.id,
      seq: s.seq,
      mode: s.mode,
      scheduledAt: s.scheduledAt.toISOString(),
      place: s.place,
      videoLink: s.videoLink,
      state: s.state,
      attendees: s.attendees as DisputeDetail['sessions'][number]['attendees'],
      record: s.record,
      heldAt: s.heldAt?.toISOString() ?? null,
    })),
    followUps: followUps.map((f) => ({
      id: f.id,
      dueOn: f.dueOn,
      doneAt: f.doneAt?.toISOString() ?? null,
      method: f.method,
      performance: f.performance,
      note: f.note,
    })),
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      actorName: t.actorName,
      action: t.action,
      fromState: t.fromState ?? null,
      toState: t.toState,
      text: t.text,
      data: t.data,
    })),
    clocks: clocks.map((c) => ({
      round: c.round,
      startedAt: c.startedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      yellowAt: c.yellowAt.toISOString(),
      stoppedAt: c.stoppedAt?.toISOString() ?? null,
      met: c.met,
    })),
    allowedActions: allowedDisputeActions(disputeSnapshotOf(row), standing),
    documents: documentsOf(row),
    canReadPersonalData: mayReadPersonalData(standing),
  };
}

function documentsOf(row: DisputeRow): DisputeDetail['documents'] {
  const available = disputeDocumentsAvailable(disputeSnapshotOf(row));
  const written = row.outcome === 'agreement';
  return {
    agreement: {
      available: available.agreement,
      number: written ? agreementNumberOf(row) : null,
      date: written ? agreementDateOf(row) : null,
      generatedAt: row.agreementGeneratedAt?.toISOString() ?? null,
      signedOn: row.agreementSignedOn,
      signedBy: row.agreementSignedBy,
    },
    judicialConfirmation: {
      available: available.judicialConfirmation,
      deadline: written ? judicialDeadlineOf(row) : null,
      state: row.judicialState,
      court: row.judicialCourt,
      caseNumber: row.judicialCaseNumber,
      on: row.judicialOn,
      reason: row.judicialReason,
    },
  };
}

/**
 * The mediation bodies the actor may assign to (their units' and those above), each with its
 * mediators; `openCases` is filled in by `withMediatorLoads`.
 */
export async function mediationBodies(tx: Tx, typeCode: DisputeTypeCode | undefined) {
  const bodies = await tx.select().from(mediationOrg).where(eq(mediationOrg.active, true)).orderBy(asc(mediationOrg.orgPath), asc(mediationOrg.name));
  const people = bodies.length
    ? await tx
        .select()
        .from(mediator)
        .where(and(inArray(mediator.mediationOrgId, bodies.map((b) => b.id)), eq(mediator.active, true)))
        .orderBy(asc(mediator.name))
    : [];
  const suggested = typeCode ? suggestedMediation(typeCode) : null;
  return {
    items: bodies.map((b) => ({
      id: b.id,
      name: b.name,
      kind: b.kind,
      method: b.method,
      field: b.field,
      orgCode: b.orgCode,
      suggested: suggested !== null && b.kind === suggested.body && (suggested.field === null || suggested.field === b.field),
      mediators: people
        .filter((m) => m.mediationOrgId === b.id)
        .map((m) => ({ id: m.id, name: m.name, userId: m.userId, openCases: 0, specialty: m.specialty })),
    })),
  };
}

/**
 * Each mediator's load: open cases across the whole deployment, read as the system (outside the
 * actor's transaction), since a mediator's cases elsewhere are still their load.
 */
export async function withMediatorLoads(db: Executor, list: Awaited<ReturnType<typeof mediationBodies>>) {
  const ids = list.items.flatMap((b) => b.mediators.map((m) => m.id));
  if (ids.length === 0) return list;
  const loads = await db
    .select({ id: disputeCase.mediatorId, n: sql<number>`count(*)::int` })
    .from(disputeCase)
    .where(and(inArray(disputeCase.mediatorId, ids), inArray(disputeCase.state, [...openDisputeStates])))
    .groupBy(disputeCase.mediatorId);
  const load = new Map(loads.map((l) => [l.id, l.n]));
  return { items: list.items.map((b) => ({ ...b, mediators: b.mediators.map((m) => ({ ...m, openCases: load.get(m.id) ?? 0 })) })) };
}

const dimensionKey: Record<Exclude<DisputeFiguresQuery['by'], 'unit'>, SQL> = {
  mediation_org: sql`coalesce(mediation_org_id::text, '')`,
  mediator: sql`coalesce(mediator_id::text, '')`,
  type: sql`type_code`,
};

/**
 * 受理数, 化解数 and the rates by unit, mediation body, mediator or type over a period of registration
 * days; each row carries the list filter that shows its cases (with `measure` for one figure's).
 */
export async function disputeFigures(tx: Tx, actor: Actor, query: DisputeFiguresQuery, now: Date): Promise<DisputeFigures> {
  if (query.from > query.to) throw new DomainError('VALIDATION.INVALID', { field: 'to', detail: '结束日期早于开始日期' });
  const rootCode = query.orgCode ?? actor.scopePaths[0]!.slice(actor.scopePaths[0]!.lastIndexOf('.') + 1);
  const root = await unitPath(tx, actor, rootCode);
  const depth = root.split('.').length;
  const { start, end } = periodBounds(query.from, query.to);
  const asOf = end < now ? end : now;
  const key =
    query.by === 'unit'
      ? sql`case when nlevel(org_path) > ${depth} then subpath(org_path, 0, ${depth + 1}) else org_path end::text`
      : dimensionKey[query.by];
  const counts = sql.join(
    disputeMeasures.map((m) => sql`count(*) filter (where ${measureCondition(m, asOf)})::int as ${sql.identifier(m)}`),
    sql`, `,
  );
  const result = await tx.execute<Record<string, number> & { key: string }>(sql`
    select ${key} as key, ${counts}
    from dispute_case
    where org_path <@ ${root}::ltree and registered_at >= ${start.toISOString()}::timestamptz and registered_at < ${end.toISOString()}::timestamptz
    group by 1`);
  const names = await namesFor(tx, query.by, result.rows.map((r) => r.key));
  const total = emptyDisputeCounts();
  const rows = result.rows.map((r) => {
    const c = emptyDisputeCounts();
    for (const m of disputeMeasures) {
      c[m] = Number(r[m] ?? 0);
      total[m] += c[m];
    }
    return { key: r.key, name: names.get(r.key) ?? (r.key === '' ? '未分派' : r.key), counts: c, rates: computeDisputeKpis(c), filter: filterOf(query, r.key) };
  });
  rows.sort((a, b) => b.counts.accepted - a.counts.accepted || a.key.localeCompare(b.key));
  return { by: query.by, from: query.from, to: query.to, total: { counts: total, rates: computeDisputeKpis(total) }, rows };
}

function filterOf(query: DisputeFiguresQuery, key: string): Record<string, string> {
  const period = { from: query.from, to: query.to };
  switch (query.by) {
    case 'unit':
      return { ...period, orgCode: key.slice(key.lastIndexOf('.') + 1) };
    case 'mediation_org':
      return key ? { ...period, mediationOrgId: key } : period;
    case 'mediator':
      return key ? { ...period, mediatorId: key } : period;
    case 'type':
      return { ...period, typeCode: key };
  }
}

async function namesFor(tx: Tx, by: DisputeFiguresQuery['by'], keys: readonly string[]): Promise<Map<string, string>> {
  const present = keys.filter((k) => k !== '');
  if (present.length === 0) return new Map();
  if (by === 'unit') {
    const rows = await tx.select({ path: orgUnit.orgPath, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.code, present.map((k) => k.slice(k.lastIndexOf('.') + 1))));
    return new Map(rows.map((r) => [r.path, r.name]));
  }
  if (by === 'mediation_org') {
    const rows = await tx.select({ id: mediationOrg.id, name: mediationOrg.name }).from(mediationOrg).where(inArray(mediationOrg.id, present));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  if (by === 'mediator') {
    const rows = await tx.select({ id: mediator.id, name: mediator.name }).from(mediator).where(inArray(mediator.id, present));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  return new Map(disputeTypes.map((t): [string, string] => [t.code, t.zh]));
}

/** What an applicant sees by their tracking code: their case's progress, no other party's data. */
export async function publicDisputeStatus(db: Executor, trackingCode: string): Promise<PublicDisputeStatus | null> {
  const [found] = await db
    .select({ c: disputeCase, mediationOrgName: mediationOrg.name })
    .from(disputeCase)
    .leftJoin(mediationOrg, eq(mediationOrg.id, disputeCase.mediationOrgId))
    .where(and(eq(disputeCase.trackingCode, trackingCode), eq(disputeCase.source, 'online')));
  if (!found) return null;
  const row = found.c;
  const [sessions, steps] = await Promise.all([
    db.select().from(disputeSession).where(eq(disputeSession.disputeId, row.id)).orderBy(asc(disputeSession.seq)),
    db
      .select({ at: disputeTimeline.at, action: disputeTimeline.action, toState: disputeTimeline.toState, text: disputeTimeline.text })
      .from(disputeTimeline)
      .where(and(eq(disputeTimeline.disputeId, row.id), inArray(disputeTimeline.action, [...publicSteps])))
      .orderBy(asc(disputeTimeline.at)),
  ]);
  return {
    number: row.number,
    title: row.title,
    typeCode: row.typeCode,
    state: row.state,
    registeredAt: row.registeredAt.toISOString(),
    mediationOrgName: found.mediationOrgName,
    mediatorName: row.mediatorName,
    sessions: sessions.map((s) => ({ mode: s.mode, scheduledAt: s.scheduledAt.toISOString(), place: s.place, videoLink: s.videoLink })),
    outcome: row.outcome ?? null,
    refusalReason: row.state === 'refused' ? (steps.filter((s) => s.action === 'refuse').at(-1)?.text ?? null) : null,
    steps: steps.map((s) => ({ at: s.at.toISOString(), action: s.action, toState: s.toState })),
  };
}

/** The steps an applicant is told of (not the triage, the notes or who read what). */
const publicSteps = ['register', 'accept', 'refuse', 'assign', 'schedule_session', 'record_agreement', 'record_failure', 'close', 'reopen'] as const;
