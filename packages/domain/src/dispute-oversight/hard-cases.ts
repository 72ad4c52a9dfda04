import { z } from 'zod';
import { daysBetween } from '../calendar.ts';

/**
 * 四定四包 for hard cases (疑难复杂矛盾纠纷): 定领导、定人员、定措施、定时限 — a lead official (包案领导),
 * a handler (责任人), measures (化解措施) and a deadline (化解时限) — and the lead official and handler
 * answer for 包调查、包处理、包化解、包稳控 until it is closed.
 */
export const hardCaseStates = ['open', 'closed'] as const;
export type HardCaseState = (typeof hardCaseStates)[number];

export const hardCaseOutcomes = ['resolved', 'stabilised', 'transferred'] as const;
export type HardCaseOutcome = (typeof hardCaseOutcomes)[number];
export const hardCaseOutcomeLabels: Record<HardCaseOutcome, { zh: string; en: string }> = {
  resolved: { zh: '已化解', en: 'Resolved' },
  stabilised: { zh: '已稳控', en: 'Stabilised' },
  transferred: { zh: '依法转入其他途径', en: 'Transferred to another route' },
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD (date as YYYY-MM-DD)');
const name = z.string().trim().min(1).max(50);

export const designateHardCaseSchema = z
  .object({
    disputeId: z.uuid('纠纷案件编号格式不正确 (invalid case id)'),
    leadOfficial: name.describe('包案领导'),
    leadOfficialTitle: z.string().trim().max(50).optional().describe('包案领导职务'),
    handler: name.describe('责任人'),
    measures: z.string().trim().min(1).max(2000).describe('化解措施'),
    deadline: isoDate.describe('化解时限'),
  })
  .meta({ id: 'DesignateHardCase' });
export type DesignateHardCase = z.infer<typeof designateHardCaseSchema>;

export const hardCaseProgressSchema = z
  .object({
    revision: z.number().int().min(1),
    note: z.string().trim().min(1).max(2000).describe('进展情况'),
    measures: z.string().trim().min(1).max(2000).optional().describe('调整后的化解措施'),
    deadline: isoDate.optional().describe('调整后的化解时限'),
    handler: name.optional().describe('责任人'),
  })
  .meta({ id: 'HardCaseProgress' });
export type HardCaseProgress = z.infer<typeof hardCaseProgressSchema>;

export const closeHardCaseSchema = z
  .object({
    revision: z.number().int().min(1),
    outcome: z.enum(hardCaseOutcomes).describe('办结结果'),
    result: z.string().trim().min(1).max(2000).describe('办结情况'),
  })
  .meta({ id: 'CloseHardCase' });
export type CloseHardCase = z.infer<typeof closeHardCaseSchema>;

/** A deadline may not lie before the day it is set. */
export function hardCaseDeadlineProblem(deadline: string, today: string): string | null {
  return deadline < today ? '化解时限不能早于今天' : null;
}

/** Open past its deadline: the deadline day itself still counts as in time. */
export function isHardCaseOverdue(state: HardCaseState, deadline: string, today: string): boolean {
  return state === 'open' && today > deadline;
}

/** Days past the deadline (0 when not overdue). */
export function daysOverdue(deadline: string, today: string): number {
  return Math.max(0, daysBetween(deadline, today));
}
