import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { DomainError, daysOverdue, decisionOutcome, decisionOutcomeLabels, isHardCaseOverdue, shanghaiDateOf, type SupervisionOrderInput } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import { isInScope, type Actor } from '../../platform/db/scope.ts';
import { disputeCase } from '../disputes/index.ts';
import { forbidUnless, mayView } from './policies.ts';
import { hardCase, jointMeeting, meetingDecision } from './schema.ts';
import { findUnitInScope } from './units.ts';

type HardCaseRow = typeof hardCase.$inferSelect;

function hardCaseView(row: HardCaseRow, today: string) {
  const overdue = isHardCaseOverdue(row.state, row.deadline, today);
  return {
    id: row.id,
    disputeId: row.disputeId,
    disputeNumber: row.disputeNumber,
    title: row.title,
    leadOfficial: row.leadOfficial,
    leadOfficialTitle: row.leadOfficialTitle,
    handler: row.handler,
    measures: row.measures,
    deadline: row.deadline,
    state: row.state,
    overdue,
    daysOverdue: overdue ? daysOverdue(row.deadline, today) : 0,
    progress: row.progress,
    outcome: row.outcome,
    result: row.result,
    closedAt: row.closedAt?.toISOString() ?? null,
    designatedAt: row.designatedAt.toISOString(),
    designatedBy: row.designatedBy,
    revision: row.revision,
  };
}

/** Hard cases under a unit; `overdue` keeps only the open ones past their deadline. */
export async function listHardCases(
  tx: Tx,
  actor: Actor,
  query: { orgCode: string; state?: 'open' | 'closed' | undefined; overdue?: boolean | undefined; disputeId?: string | undefined },
  now: Date,
) {
  const unit = await findUnitInScope(tx, actor, query.orgCode, 'orgCode');
  forbidUnless(mayView(actor, unit.orgPath));
  const today = shanghaiDateOf(now);
  const rows = await tx
    .select()
    .from(hardCase)
    .where(
      and(
        sql`${hardCase.orgPath} <@ ${unit.orgPath}::ltree`,
        query.state ? eq(hardCase.state, query.state) : undefined,
        query.overdue ? and(eq(hardCase.state, 'open'), sql`${hardCase.deadline} < ${today}`) : undefined,
        query.disputeId ? eq(hardCase.disputeId, query.disputeId) : undefined,
      ),
    )
    .orderBy(asc(hardCase.deadline));
  const items = rows.map((r) => hardCaseView(r, today));
  return { items, total: items.length, overdue: items.filter((i) => i.overdue).length };
}

export async function findHardCase(tx: Tx, actor: Actor, id: string, now: Date) {
  const [row] = await tx.select().from(hardCase).where(eq(hardCase.id, id));
  if (!row || !mayView(actor, row.orgPath)) throw new DomainError('NOT_FOUND', { detail: '未找到该疑难案件' });
  return hardCaseView(row, shanghaiDateOf(now));
}

type DecisionRow = typeof meetingDecision.$inferSelect;

function decisionView(d: DecisionRow, today: string) {
  const outcome = decisionOutcome(d.dueOn, d.answeredOn, today);
  return {
    id: d.id,
    meetingId: d.meetingId,
    number: d.number,
    matter: d.matter,
    matterDetail: d.matterDetail,
    requirements: d.requirements,
    hardCaseId: d.hardCaseId,
    recipientOrgCode: d.recipientOrgCode,
    recipientName: d.recipientName,
    issuerName: d.issuerName,
    dueOn: d.dueOn,
    issuedOn: d.issuedOn,
    state: d.state,
    outcome,
    outcomeZh: decisionOutcomeLabels[outcome].zh,
    reply: d.replyContent ? { content: d.replyContent, handler: d.replyHandler, head: d.replyHead, answeredOn: d.answeredOn } : null,
  };
}

export async function listMeetings(tx: Tx, actor: Actor, orgCode: string) {
  const unit = await findUnitInScope(tx, actor, orgCode, 'orgCode');
  forbidUnless(mayView(actor, unit.orgPath));
  const rows = await tx
    .select({ id: jointMeeting.id, title: jointMeeting.title, heldOn: jointMeeting.heldOn, state: jointMeeting.state, orgCode: jointMeeting.orgCode })
    .from(jointMeeting)
    .where(sql`${jointMeeting.orgPath} <@ ${unit.orgPath}::ltree`)
    .orderBy(desc(jointMeeting.heldOn));
  return { items: rows };
}

export async function findMeeting(tx: Tx, actor: Actor, id: string, now: Date) {
  const [m] = await tx.select().from(jointMeeting).where(eq(jointMeeting.id, id));
  if (!m || !mayView(actor, m.orgPath)) throw new DomainError('NOT_FOUND', { detail: '未找到该联席会议' });
  const decisions = await tx.select().from(meetingDecision).where(eq(meetingDecision.meetingId, id)).orderBy(meetingDecision.seq);
  const today = shanghaiDateOf(now);
  return {
    id: m.id,
    orgCode: m.orgCode,
    title: m.title,
    heldOn: m.heldOn,
    state: m.state,
    previousMeetingId: m.previousMeetingId,
    agenda: m.agenda,
    attendees: m.attendees,
    minutes: m.minutes,
    preparedBy: m.preparedBy,
    recordedBy: m.recordedBy,
    revision: m.revision,
    decisions: decisions.map((d) => decisionView(d, today)),
  };
}

/** 督办单 addressed to units under `orgCode` (what a street has to answer), or issued by it. */
export async function listDecisions(tx: Tx, actor: Actor, query: { orgCode: string; state?: 'issued' | 'answered' | undefined }, now: Date) {
  const unit = await findUnitInScope(tx, actor, query.orgCode, 'orgCode');
  forbidUnless(mayView(actor, unit.orgPath));
  const rows = await tx
    .select()
    .from(meetingDecision)
    .where(
      and(
        sql`(${meetingDecision.orgPath} <@ ${unit.orgPath}::ltree or ${meetingDecision.issuerOrgPath} <@ ${unit.orgPath}::ltree)`,
        query.state ? eq(meetingDecision.state, query.state) : undefined,
      ),
    )
    .orderBy(asc(meetingDecision.dueOn), asc(meetingDecision.number));
  const today = shanghaiDateOf(now);
  return { items: rows.map((d) => decisionView(d, today)) };
}

/** The 督办单 document contents for the document engine, from the decision as recorded. */
export async function supervisionOrderOf(tx: Tx, actor: Actor, id: string): Promise<{ number: string; order: SupervisionOrderInput }> {
  const [d] = await tx.select().from(meetingDecision).where(eq(meetingDecision.id, id));
  if (!d || !(isInScope(actor, d.orgPath) || isInScope(actor, d.issuerOrgPath))) throw new DomainError('NOT_FOUND', { detail: '未找到该督办单' });
  const [m] = await tx.select({ title: jointMeeting.title, heldOn: jointMeeting.heldOn }).from(jointMeeting).where(eq(jointMeeting.id, d.meetingId));
  return {
    number: d.number,
    order: {
      number: d.number,
      issuer: d.issuerName,
      recipient: d.recipientName,
      matter: d.matter,
      ...(d.matterDetail ? { matterDetail: d.matterDetail } : {}),
      source: m ? `${m.title}（${m.heldOn}）议定事项` : '联席会议议定事项',
      requirements: d.requirements,
      dueDate: d.dueOn,
      contact: { name: d.contactName, phone: d.contactPhone },
      signatory: d.signatory,
      issuedDate: d.issuedOn,
      ...(d.replyContent
        ? { reply: { content: d.replyContent, ...(d.replyHandler ? { handler: d.replyHandler } : {}), ...(d.replyHead ? { head: d.replyHead } : {}), ...(d.answeredOn ? { date: d.answeredOn } : {}) } }
        : {}),
    },
  };
}

/** Whether the actor sees the dispute (row-level security decides). */
export async function isDisputeVisible(tx: Tx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: disputeCase.id }).from(disputeCase).where(eq(disputeCase.id, id));
  return Boolean(row);
}
