import { z } from 'zod';
import { orgCodeSchema } from '../org.ts';
import { daysOverdue, isHardCaseOverdue, type HardCaseState } from './hard-cases.ts';

/**
 * 联席会议: the monthly joint meeting of a 综治中心 with its member units. The system prepares its agenda
 * (open hard cases per unit, the overdue ones, and what became of each decision of the meeting before);
 * each decision it takes goes out as a 督办单 with a due date to a recipient unit, which answers it.
 */
export const meetingStates = ['prepared', 'held'] as const;
export type MeetingState = (typeof meetingStates)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD (date as YYYY-MM-DD)');

export const prepareMeetingSchema = z
  .object({
    orgCode: orgCodeSchema.describe('召集单位（区或街镇综治中心）编码'),
    title: z.string().trim().min(1).max(100).optional().describe('会议名称'),
    heldOn: isoDate.describe('会议日期'),
  })
  .meta({ id: 'PrepareMeeting' });
export type PrepareMeeting = z.infer<typeof prepareMeetingSchema>;

export const meetingDecisionInputSchema = z
  .object({
    matter: z.string().trim().min(1).max(200).describe('督办事项'),
    matterDetail: z.string().trim().max(4000).optional().describe('基本情况'),
    requirements: z.array(z.string().trim().min(1).max(1000)).min(1, '至少一项督办要求 (at least one requirement)').max(30).describe('督办要求'),
    recipientOrgCode: orgCodeSchema.describe('承办单位编码'),
    dueDate: isoDate.describe('办结时限'),
    hardCaseId: z.uuid().optional().describe('关联疑难案件'),
  })
  .meta({ id: 'MeetingDecisionInput' });
export type MeetingDecisionInput = z.infer<typeof meetingDecisionInputSchema>;

export const recordMeetingSchema = z
  .object({
    revision: z.number().int().min(1),
    attendees: z
      .array(z.object({ name: z.string().trim().min(1).max(50), unit: z.string().trim().min(1).max(100), title: z.string().trim().max(50).optional() }))
      .min(1, '至少一名参会人员 (at least one attendee)')
      .max(200)
      .describe('参会人员'),
    minutes: z.string().trim().max(8000).optional().describe('会议纪要'),
    decisions: z.array(meetingDecisionInputSchema).max(100).default([]),
    contact: z.object({ name: z.string().trim().min(1).max(50), phone: z.string().trim().min(1).max(30) }).describe('督办联系人'),
    signatory: z.string().trim().min(1).max(50).describe('签发人'),
  })
  .meta({ id: 'RecordMeeting' });
export type RecordMeeting = z.infer<typeof recordMeetingSchema>;

export const answerDecisionSchema = z
  .object({
    content: z.string().trim().min(1).max(8000).describe('办理情况'),
    handler: z.string().trim().min(1).max(50).describe('承办人'),
    head: z.string().trim().min(1).max(50).describe('单位负责人'),
  })
  .meta({ id: 'AnswerDecision' });
export type AnswerDecision = z.infer<typeof answerDecisionSchema>;

/** A decision's due date must not precede the meeting that took it. */
export function decisionDueProblem(dueDate: string, heldOn: string): string | null {
  return dueDate < heldOn ? '办结时限早于会议日期' : null;
}

/** 督办编号: 东胜综治督〔2026〕3号 — the issuing unit's short name, the year, a number per issuer and year. */
export function supervisionNumber(issuerName: string, year: number, seq: number): string {
  const short = issuerName.replace(/(综治中心|社会治安综合治理中心)$/, '').replace(/(自治旗|自治县|街道办事处|街道|区|县|旗|市|镇|乡|苏木)$/, '');
  return `${short}综治督〔${year}〕${seq}号`;
}

export type DecisionOutcome = 'answered' | 'answered_late' | 'overdue' | 'pending';
export const decisionOutcomeLabels: Record<DecisionOutcome, { zh: string; en: string }> = {
  answered: { zh: '已按期办结回复', en: 'Answered on time' },
  answered_late: { zh: '逾期回复', en: 'Answered late' },
  overdue: { zh: '逾期未回复', en: 'Overdue, no answer' },
  pending: { zh: '办理中（未到期）', en: 'In progress, not yet due' },
};

export function decisionOutcome(dueOn: string, answeredOn: string | null, today: string): DecisionOutcome {
  if (answeredOn) return answeredOn <= dueOn ? 'answered' : 'answered_late';
  return today > dueOn ? 'overdue' : 'pending';
}

export interface AgendaHardCase {
  id: string;
  disputeId: string;
  disputeNumber: string;
  title: string;
  /** The unit directly under the meeting's unit where the case lies. */
  unitCode: string;
  unitName: string;
  leadOfficial: string;
  handler: string;
  deadline: string;
  state: HardCaseState;
}

export interface AgendaPreviousDecision {
  id: string;
  number: string;
  matter: string;
  recipientName: string;
  dueOn: string;
  answeredOn: string | null;
  reply: string | null;
  /** The hard case it was about, and where that case stands now. */
  hardCaseId: string | null;
  hardCaseState: HardCaseState | null;
}

export interface MeetingAgenda {
  preparedOn: string;
  units: { code: string; name: string; openHardCases: number; overdueHardCases: number }[];
  overdue: (AgendaHardCase & { daysOverdue: number })[];
  open: AgendaHardCase[];
  previousDecisions: (AgendaPreviousDecision & { outcome: DecisionOutcome; outcomeZh: string })[];
  /** The agenda as the chair reads it out, in order. */
  items: string[];
}

/**
 * The agenda of a joint meeting on `today`: first what became of the previous meeting's decisions, then
 * the overdue hard cases, then the open ones unit by unit. Units without open cases stay listed (a zero
 * is news too). Pure: the use case reads the rows, this decides what the meeting looks at.
 */
export function buildMeetingAgenda(input: {
  today: string;
  units: readonly { code: string; name: string }[];
  hardCases: readonly AgendaHardCase[];
  previousDecisions: readonly AgendaPreviousDecision[];
}): MeetingAgenda {
  const open = input.hardCases.filter((c) => c.state === 'open');
  const overdue = open
    .filter((c) => isHardCaseOverdue(c.state, c.deadline, input.today))
    .map((c) => ({ ...c, daysOverdue: daysOverdue(c.deadline, input.today) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.disputeNumber.localeCompare(b.disputeNumber));
  const units = input.units.map((u) => ({
    code: u.code,
    name: u.name,
    openHardCases: open.filter((c) => c.unitCode === u.code).length,
    overdueHardCases: overdue.filter((c) => c.unitCode === u.code).length,
  }));
  const previousDecisions = input.previousDecisions.map((d) => {
    const outcome = decisionOutcome(d.dueOn, d.answeredOn, input.today);
    return { ...d, outcome, outcomeZh: decisionOutcomeLabels[outcome].zh };
  });
  const items: string[] = [];
  if (previousDecisions.length > 0) {
    const count = (o: DecisionOutcome) => previousDecisions.filter((d) => d.outcome === o).length;
    items.push(
      `通报上次会议${previousDecisions.length}项督办事项落实情况：按期回复${count('answered')}项，逾期回复${count('answered_late')}项，逾期未回复${count('overdue')}项，办理中${count('pending')}项`,
    );
  }
  if (overdue.length > 0) items.push(`研究${overdue.length}件超过化解时限的疑难纠纷：${overdue.map((c) => `${c.title}（${c.unitName}，逾期${c.daysOverdue}天）`).join('；')}`);
  const busy = units.filter((u) => u.openHardCases > 0);
  if (busy.length > 0) items.push(`听取各单位在办疑难纠纷情况：${busy.map((u) => `${u.name}${u.openHardCases}件`).join('，')}`);
  else items.push('各单位无在办疑难纠纷');
  items.push('议定督办事项，明确承办单位和办结时限');
  return { preparedOn: input.today, units, overdue, open, previousDecisions, items };
}
