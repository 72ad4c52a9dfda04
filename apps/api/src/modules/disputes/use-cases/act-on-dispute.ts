import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import {
  applyDisputeAction,
  assessDisputeRisk,
  DomainError,
  disputeWorkflow,
  documentRecordProblem,
  followUpOffsetsDays,
  refuseDisputeAction,
  shanghaiDateOf,
  type DisputeActionRequest,
  type RiskGrade,
  type RiskReason,
} from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { extendResolveClock, startResolveClock, stopResolveClock } from '../clock.ts';
import { disputePartiesOf, disputeSnapshotOf, type DisputeRow } from '../policies.ts';
import { disputeCase, disputeFollowUp, disputeSession, disputeTimeline, mediationOrg, mediator } from '../schema.ts';
import type { DisputesDeps } from './open-case.ts';

type CaseUpdate = Partial<typeof disputeCase.$inferInsert>;
type Scope = { disputeId: string; orgPath: string; countyCode: string };

const dayMs = 86_400_000;

/**
 * Takes one step of a case. The workflow (packages/domain) says whether this user may take it now;
 * this use case checks the revision the user saw, does what the step needs (assignment, sessions,
 * clock, follow-ups) and writes the case, the timeline entry and the audit row in one transaction.
 */
export async function actOnDispute(deps: DisputesDeps, actor: Actor, disputeId: string, request: DisputeActionRequest) {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [row] = await tx.select().from(disputeCase).where(eq(disputeCase.id, disputeId));
    if (!row) throw new DomainError('DISPUTE.NOT_FOUND');
    const parties = disputePartiesOf(actor, row);
    const snapshot = disputeSnapshotOf(row);
    const refusal = refuseDisputeAction(snapshot, request.action, parties, request.text);
    if (refusal?.reason === 'not_allowed_for_party') throw new DomainError('DISPUTE.NOT_ALLOWED');
    if (refusal?.reason === 'text_required') throw new DomainError('VALIDATION.INVALID', { field: 'text', detail: '请填写说明' });
    if (refusal) throw new DomainError('DISPUTE.NOT_IN_STATE', { detail: `${row.state} → ${request.action} (${refusal.reason})` });
    if (row.revision !== request.revision) throw new DomainError('CONFLICT', { field: 'revision' });

    const now = deps.clock.now();
    if (request.action === 'record_signing' || request.action === 'record_judicial') {
      const dates = { agreementOn: row.outcomeAt ? shanghaiDateOf(row.outcomeAt) : null, effectiveOn: row.agreementSignedOn, today: shanghaiDateOf(now) };
      const problem = documentRecordProblem(request, dates);
      if (problem) throw new DomainError('VALIDATION.INVALID', problem);
    }
    const outcome = applyDisputeAction(snapshot, request.action, actionInput(request));
    const scope: Scope = { disputeId: row.id, orgPath: row.orgPath, countyCode: row.countyCode };
    const step = await doStep(tx, deps, actor, row, request, scope, now);

    const set: CaseUpdate = { ...step.set };
    if (outcome.clock === 'start') set.dueAt = await startResolveClock(tx, deps.calendar, scope, now);
    if (outcome.clock === 'stop') {
      const met = await stopResolveClock(tx, row.id, now);
      set.concludedOnTime = met ?? (row.dueAt ? row.dueAt >= now : true);
    }
    const next = outcome.next;
    const updated = await tx
      .update(disputeCase)
      .set({ state: next.state, outcome: next.outcome, followUpsDone: next.followUpsDone, reopenCount: next.reopenCount, ...set, revision: row.revision + 1 })
      .where(and(eq(disputeCase.id, row.id), eq(disputeCase.revision, row.revision)))
      .returning({ revision: disputeCase.revision });
    if (updated.length === 0) throw new DomainError('CONFLICT', { field: 'revision' });
    await tx.insert(disputeTimeline).values({
      id: randomUUID(),
      disputeId: row.id,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: request.action,
      fromState: row.state,
      toState: next.state,
      text: request.text ?? null,
      data: step.data,
      orgPath: row.orgPath,
      countyCode: row.countyCode,
    });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: `dispute.${request.action}`,
        entityType: 'dispute_case',
        entityId: row.id,
        orgPath: row.orgPath,
        detail: { number: row.number, from: row.state, to: next.state, ...step.data },
      },
    ]);
    const orgPaths = [row.orgPath, ...(set.mediationOrgPath ? [set.mediationOrgPath] : row.mediationOrgPath ? [row.mediationOrgPath] : [])];
    return { id: row.id, state: next.state, revision: updated[0]!.revision, label: disputeWorkflow[request.action].label, orgPaths };
  });
}

/** What each action does beyond the state: returns the case columns to set and the timeline data. */
async function doStep(
  tx: Tx,
  deps: DisputesDeps,
  actor: Actor,
  row: DisputeRow,
  request: DisputeActionRequest,
  scope: Scope,
  now: Date,
): Promise<{ set: CaseUpdate; data: Record<string, unknown> }> {
  switch (request.action) {
    case 'accept':
      return { set: { acceptedAt: now }, data: {} };
    case 'refuse':
      return { set: { closedAt: now }, data: {} };
    case 'triage':
      return triage(tx, row, request.riskGrade, request.text);
    case 'assign':
      return assign(tx, row, request.mediationOrgId, request.mediatorId);
    case 'schedule_session': {
      if (request.mode === 'video' && !request.videoLink) {
        throw new DomainError('VALIDATION.INVALID', { field: 'videoLink', detail: '视频调解须填写会议链接' });
      }
      const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(disputeSession).where(eq(disputeSession.disputeId, row.id));
      const id = randomUUID();
      await tx.insert(disputeSession).values({
        id,
        ...scope,
        seq: (count?.n ?? 0) + 1,
        mode: request.mode,
        scheduledAt: new Date(request.scheduledAt),
        place: request.place ?? null,
        videoLink: request.videoLink ?? null,
        state: 'scheduled',
      });
      return { set: {}, data: { sessionId: id, mode: request.mode, scheduledAt: request.scheduledAt } };
    }
    case 'record_session': {
      const held = await tx
        .update(disputeSession)
        .set({ state: 'held', heldAt: now, record: request.text ?? null, attendees: request.attendees, recordedBy: actor.displayName })
        .where(and(eq(disputeSession.id, request.sessionId), eq(disputeSession.disputeId, row.id)))
        .returning({ id: disputeSession.id });
      if (held.length === 0) throw new DomainError('DISPUTE.TARGET_INVALID', { field: 'sessionId' });
      return { set: {}, data: { sessionId: request.sessionId, attendees: request.attendees.map((a) => a.name) } };
    }
    case 'extend': {
      const due = await extendResolveClock(tx, deps.calendar, row.id, request.days, now);
      return { set: due ? { dueAt: due } : {}, data: { days: request.days, dueAt: due?.toISOString() ?? null, consent: true } };
    }
    case 'record_agreement': {
      // 回访 scheduled by the system: a week after the agreement and a month after it.
      const followUps = followUpOffsetsDays.map((d) => ({ id: randomUUID(), ...scope, dueOn: shanghaiDateOf(new Date(now.getTime() + d * dayMs)) }));
      await tx.insert(disputeFollowUp).values(followUps);
      return {
        set: { outcomeAt: now, success: true, resolution: request.text ?? null, performBy: request.performBy ?? null, performance: null },
        data: { outcome: request.outcome, performBy: request.performBy ?? null, followUps: followUps.map((f) => f.dueOn) },
      };
    }
    case 'record_failure':
      return {
        set: { outcomeAt: now, success: false, resolution: request.text ?? null, nextRoute: request.nextRoute, stabilityMeasure: request.stabilityMeasure },
        data: { nextRoute: request.nextRoute, stabilityMeasure: request.stabilityMeasure },
      };
    case 'record_follow_up': {
      const [due] = await tx
        .select({ id: disputeFollowUp.id })
        .from(disputeFollowUp)
        .where(and(eq(disputeFollowUp.disputeId, row.id), isNull(disputeFollowUp.doneAt), request.followUpId ? eq(disputeFollowUp.id, request.followUpId) : undefined))
        .orderBy(asc(disputeFollowUp.dueOn))
        .limit(1);
      const values = { doneAt: now, method: request.method, performance: request.performance, note: request.text ?? null, doneBy: actor.displayName };
      if (due) await tx.update(disputeFollowUp).set(values).where(eq(disputeFollowUp.id, due.id));
      else if (request.followUpId) throw new DomainError('DISPUTE.TARGET_INVALID', { field: 'followUpId' });
      // A visit nobody scheduled (the party called in) is recorded all the same.
      else await tx.insert(disputeFollowUp).values({ id: randomUUID(), ...scope, dueOn: shanghaiDateOf(now), ...values });
      return { set: { performance: request.performance }, data: { method: request.method, performance: request.performance } };
    }
    case 'record_signing':
      return { set: { agreementSignedOn: request.signedOn, agreementSignedBy: actor.displayName }, data: { signedOn: request.signedOn } };
    case 'record_judicial': {
      const reason = request.judicialState === 'rejected' ? (request.text ?? null) : null;
      return {
        set: {
          judicialState: request.judicialState,
          judicialCourt: request.court,
          judicialCaseNumber: request.caseNumber ?? null,
          judicialOn: request.on,
          judicialReason: reason,
        },
        data: { judicialState: request.judicialState, court: request.court, caseNumber: request.caseNumber ?? null, on: request.on, reason },
      };
    }
    case 'close':
      return { set: { closedAt: now }, data: {} };
    case 'reopen':
      // The earlier outcome stays in the timeline; the case is mediated again by the same mediator.
      // A new agreement is a new document: its signing and 司法确认 start afresh (the old ones stay in the timeline).
      return {
        set: {
          closedAt: null,
          outcomeAt: null,
          success: null,
          concludedOnTime: null,
          performance: null,
          nextRoute: null,
          stabilityMeasure: null,
          agreementGeneratedAt: null,
          agreementSignedOn: null,
          agreementSignedBy: null,
          judicialState: null,
          judicialCourt: null,
          judicialCaseNumber: null,
          judicialOn: null,
          judicialReason: null,
        },
        data: {
          previousOutcome: row.outcome,
          previousPerformance: row.performance,
          previousSignedOn: row.agreementSignedOn,
          previousJudicial: row.judicialState ? { state: row.judicialState, court: row.judicialCourt, caseNumber: row.judicialCaseNumber, on: row.judicialOn } : null,
        },
      };
    case 'evaluate':
      return { set: { evaluation: request.text ?? null, evaluatedAt: now }, data: { score: request.score } };
  }
}

function actionInput(request: DisputeActionRequest): Parameters<typeof applyDisputeAction>[2] {
  if (request.action === 'record_agreement') return { outcome: request.outcome };
  if (request.action === 'record_judicial') return { judicialState: request.judicialState };
  if (request.action === 'record_signing') return { signedOn: request.signedOn };
  return {};
}

async function triage(tx: Tx, row: DisputeRow, wanted: RiskGrade | undefined, note?: string) {
  const sessions = await tx.select({ record: disputeSession.record }).from(disputeSession).where(eq(disputeSession.disputeId, row.id));
  const assessed = assessDisputeRisk({
    typeCode: row.typeCode,
    peopleInvolved: row.peopleInvolved,
    amountYuan: row.amountYuan,
    texts: [row.summary, row.claims ?? '', ...sessions.map((s) => s.record ?? '')],
    earlierCasesSameParties: row.repeat ? 1 : 0,
  });
  const reasons: RiskReason[] = [...assessed.reasons];
  let grade = assessed.grade;
  if (wanted && wanted !== assessed.grade) {
    if (!note?.trim()) throw new DomainError('VALIDATION.INVALID', { field: 'text', detail: '调整风险等级须说明理由' });
    grade = wanted;
    reasons.push({ code: 'staff_judgement', grade: wanted, zh: `研判调整：${note.trim()}`, en: `Staff judgement: ${note.trim()}` });
  }
  return { set: { riskGrade: grade, riskReasons: reasons }, data: { riskGrade: grade, rulesGrade: assessed.grade, from: row.riskGrade } };
}

async function assign(tx: Tx, row: DisputeRow, orgId: string, mediatorId: string) {
  // Row-level security leaves only the bodies of the actor's units and those above them.
  const [body] = await tx.select().from(mediationOrg).where(and(eq(mediationOrg.id, orgId), eq(mediationOrg.active, true)));
  if (!body) throw new DomainError('DISPUTE.TARGET_INVALID', { field: 'mediationOrgId' });
  const [person] = await tx
    .select()
    .from(mediator)
    .where(and(eq(mediator.id, mediatorId), eq(mediator.mediationOrgId, body.id), eq(mediator.active, true)));
  if (!person) throw new DomainError('DISPUTE.TARGET_INVALID', { field: 'mediatorId' });
  return {
    set: {
      method: body.method,
      mediationOrgId: body.id,
      mediationOrgPath: body.orgPath,
      mediatorId: person.id,
      mediatorUserId: person.userId,
      mediatorName: person.name,
    },
    data: { mediationOrgId: body.id, mediationOrg: body.name, mediatorId: person.id, mediator: person.name, previousMediator: row.mediatorName },
  };
}
