import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import {
  DomainError,
  buildMeetingAgenda,
  decisionDueProblem,
  shanghaiDateOf,
  supervisionNumber,
  type AgendaHardCase,
  type AgendaPreviousDecision,
  type AnswerDecision,
  type PrepareMeeting,
  type RecordMeeting,
} from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, isInScope, type Actor } from '../../../platform/db/scope.ts';
import type { OversightDeps } from '../deps.ts';
import { forbidUnless, mayOversee } from '../policies.ts';
import { hardCase, jointMeeting, meetingDecision } from '../schema.ts';
import { childLabelOf, childUnits, findUnitInScope, type Unit } from '../units.ts';
import { orgUnit } from '../../org/index.ts';

/** Meetings are held by the district and by street/town centres, about the units below them. */
const meetingLevels = ['county', 'township'] as const;

/** The agenda as of today: open hard cases under the unit, and the previous held meeting's decisions. */
async function agendaFor(tx: Tx, unit: Unit, today: string, before: string | null) {
  const units = await childUnits(tx, unit.code);
  const cases = await tx
    .select()
    .from(hardCase)
    .where(and(eq(hardCase.state, 'open'), sql`${hardCase.orgPath} <@ ${unit.orgPath}::ltree`));
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const hardCases: AgendaHardCase[] = cases.map((c) => {
    const code = childLabelOf(unit.orgPath, c.orgPath) ?? unit.code;
    return {
      id: c.id,
      disputeId: c.disputeId,
      disputeNumber: c.disputeNumber,
      title: c.title,
      unitCode: code,
      unitName: unitName.get(code) ?? unit.name,
      leadOfficial: c.leadOfficial,
      handler: c.handler,
      deadline: c.deadline,
      state: c.state,
    };
  });
  const [previous] = await tx
    .select({ id: jointMeeting.id })
    .from(jointMeeting)
    .where(and(eq(jointMeeting.orgCode, unit.code), eq(jointMeeting.state, 'held'), before ? lt(jointMeeting.heldOn, before) : undefined))
    .orderBy(desc(jointMeeting.heldOn), desc(jointMeeting.recordedAt))
    .limit(1);
  let previousDecisions: AgendaPreviousDecision[] = [];
  if (previous) {
    const decisions = await tx.select().from(meetingDecision).where(eq(meetingDecision.meetingId, previous.id)).orderBy(meetingDecision.seq);
    const caseIds = decisions.flatMap((d) => (d.hardCaseId ? [d.hardCaseId] : []));
    const states = caseIds.length
      ? new Map((await tx.select({ id: hardCase.id, state: hardCase.state }).from(hardCase).where(inArray(hardCase.id, caseIds))).map((c) => [c.id, c.state]))
      : new Map();
    previousDecisions = decisions.map((d) => ({
      id: d.id,
      number: d.number,
      matter: d.matter,
      recipientName: d.recipientName,
      dueOn: d.dueOn,
      answeredOn: d.answeredOn,
      reply: d.replyContent,
      hardCaseId: d.hardCaseId,
      hardCaseState: d.hardCaseId ? (states.get(d.hardCaseId) ?? null) : null,
    }));
  }
  return { agenda: buildMeetingAgenda({ today, units, hardCases, previousDecisions }), previousMeetingId: previous?.id ?? null };
}

/** 会前准备: the system draws up the agenda from the open hard cases and the last meeting's decisions. */
export async function prepareMeeting(deps: OversightDeps, actor: Actor, input: PrepareMeeting) {
  const now = deps.clock.now();
  const today = shanghaiDateOf(now);
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.orgCode, 'orgCode', meetingLevels);
    forbidUnless(mayOversee(actor, unit.orgPath), '只有本级综治中心可以召集联席会议');
    const { agenda, previousMeetingId } = await agendaFor(tx, unit, today, input.heldOn);
    const id = randomUUID();
    const title = input.title ?? `${unit.name}矛盾纠纷排查化解联席会议（${input.heldOn.slice(0, 4)}年${Number(input.heldOn.slice(5, 7))}月）`;
    await tx.insert(jointMeeting).values({
      id,
      orgCode: unit.code,
      title,
      heldOn: input.heldOn,
      state: 'prepared',
      previousMeetingId,
      agenda,
      preparedAt: now,
      preparedBy: actor.displayName,
      orgPath: unit.orgPath,
      countyCode: unit.countyCode,
    });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'meeting.prepare',
        entityType: 'joint_meeting',
        entityId: id,
        orgPath: unit.orgPath,
        countyCode: unit.countyCode,
        detail: { heldOn: input.heldOn, openHardCases: agenda.open.length, overdue: agenda.overdue.length, previousDecisions: agenda.previousDecisions.length },
      },
    ]);
    return { id };
  });
}

/** 会议记录: attendees, minutes and the decisions; each decision goes out as a numbered 督办单. */
export async function recordMeeting(deps: OversightDeps, actor: Actor, id: string, input: RecordMeeting) {
  const now = deps.clock.now();
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [meeting] = await tx.select().from(jointMeeting).where(eq(jointMeeting.id, id));
    if (!meeting) throw new DomainError('NOT_FOUND', { detail: '未找到该联席会议' });
    forbidUnless(mayOversee(actor, meeting.orgPath));
    if (meeting.state !== 'prepared') throw new DomainError('DISPUTE.NOT_IN_STATE', { detail: '会议已记录' });
    if (meeting.revision !== input.revision) throw new DomainError('CONFLICT');
    const [issuer] = await tx.select({ name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.code, meeting.orgCode));
    const issuerName = `${issuer?.name ?? meeting.orgCode}综治中心`;
    const recipients = new Map<string, Unit>();
    for (const [i, d] of input.decisions.entries()) {
      const due = decisionDueProblem(d.dueDate, meeting.heldOn);
      if (due) throw new DomainError('VALIDATION.INVALID', { field: `decisions.${i}.dueDate`, detail: due });
      const recipient = await findUnitInScope(tx, actor, d.recipientOrgCode, `decisions.${i}.recipientOrgCode`);
      if (!recipient.orgPath.startsWith(`${meeting.orgPath}.`) && recipient.orgPath !== meeting.orgPath) {
        throw new DomainError('VALIDATION.INVALID', { field: `decisions.${i}.recipientOrgCode`, detail: '承办单位须为会议召集单位的下属单位' });
      }
      recipients.set(d.recipientOrgCode, recipient);
      if (d.hardCaseId) {
        const [c] = await tx.select({ id: hardCase.id }).from(hardCase).where(eq(hardCase.id, d.hardCaseId));
        if (!c) throw new DomainError('VALIDATION.INVALID', { field: `decisions.${i}.hardCaseId`, detail: '未找到该疑难案件' });
      }
    }
    const year = Number(meeting.heldOn.slice(0, 4));
    // Numbers run per issuing centre and year; the lock keeps two recordings from taking the same one.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`meeting_decision:${meeting.orgCode}:${year}`}, 0))`);
    const [{ issued } = { issued: 0 }] = await tx
      .select({ issued: sql<number>`count(*)::int` })
      .from(meetingDecision)
      .where(and(eq(meetingDecision.issuerOrgPath, meeting.orgPath), sql`extract(year from ${meetingDecision.issuedOn}) = ${year}`));
    const issuedOn = shanghaiDateOf(now);
    const rows = input.decisions.map((d, seq) => {
      const recipient = recipients.get(d.recipientOrgCode)!;
      return {
        id: randomUUID(),
        meetingId: meeting.id,
        seq,
        number: supervisionNumber(issuer?.name ?? meeting.orgCode, year, issued + seq + 1),
        matter: d.matter,
        matterDetail: d.matterDetail ?? null,
        requirements: d.requirements,
        hardCaseId: d.hardCaseId ?? null,
        recipientOrgCode: recipient.code,
        recipientName: recipient.name,
        issuerName,
        dueOn: d.dueDate,
        issuedOn,
        contactName: input.contact.name,
        contactPhone: input.contact.phone,
        signatory: input.signatory,
        state: 'issued' as const,
        issuerOrgPath: meeting.orgPath,
        orgPath: recipient.orgPath,
        countyCode: recipient.countyCode,
      };
    });
    if (rows.length) await tx.insert(meetingDecision).values(rows);
    await tx
      .update(jointMeeting)
      .set({ state: 'held', attendees: input.attendees, minutes: input.minutes ?? null, recordedAt: now, recordedBy: actor.displayName, revision: meeting.revision + 1 })
      .where(eq(jointMeeting.id, id));
    const audit = { id: actor.userId, name: actor.username };
    await appendAudit(tx, deps.clock, audit, [
      {
        action: 'meeting.record',
        entityType: 'joint_meeting',
        entityId: id,
        orgPath: meeting.orgPath,
        countyCode: meeting.countyCode,
        detail: { attendees: input.attendees.length, decisions: rows.map((r) => r.number) },
      },
      ...rows.map((r) => ({
        action: 'supervision_order.issue',
        entityType: 'meeting_decision',
        entityId: r.id,
        orgPath: r.orgPath,
        countyCode: r.countyCode,
        detail: { number: r.number, meetingId: id, recipient: r.recipientOrgCode, dueOn: r.dueOn },
      })),
    ]);
    return { id, state: 'held' as const, decisions: rows.map((r) => ({ id: r.id, number: r.number, recipientOrgCode: r.recipientOrgCode, dueOn: r.dueOn, orgPath: r.orgPath })) };
  });
}

/** 督办回复: the recipient unit reports what it did; the next meeting reads it. */
export async function answerDecision(deps: OversightDeps, actor: Actor, id: string, input: AnswerDecision) {
  const now = deps.clock.now();
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [row] = await tx.select().from(meetingDecision).where(eq(meetingDecision.id, id));
    if (!row || !isInScope(actor, row.orgPath)) throw new DomainError('NOT_FOUND', { detail: '未找到该督办单' });
    forbidUnless(mayOversee(actor, row.orgPath), '只有承办单位可以回复督办单');
    if (row.state !== 'issued') throw new DomainError('DISPUTE.NOT_IN_STATE', { detail: '督办单已回复' });
    const answeredOn = shanghaiDateOf(now);
    await tx
      .update(meetingDecision)
      .set({ state: 'answered', replyContent: input.content, replyHandler: input.handler, replyHead: input.head, answeredOn, answeredAt: now, answeredBy: actor.displayName })
      .where(eq(meetingDecision.id, id));
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'supervision_order.answer',
        entityType: 'meeting_decision',
        entityId: id,
        orgPath: row.orgPath,
        countyCode: row.countyCode,
        detail: { number: row.number, answeredOn, late: answeredOn > row.dueOn },
      },
    ]);
    return { id, state: 'answered' as const, answeredOn, late: answeredOn > row.dueOn, issuerOrgPath: row.issuerOrgPath };
  });
}
