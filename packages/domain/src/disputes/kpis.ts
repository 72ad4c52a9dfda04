/**
 * The dispute figures (anchors-china §9 M8), from counts only — never stored, so a rate cannot
 * disagree with its cases. A rate whose denominator is zero is null ("no cases"), not 0 % or 100 %.
 * Each count is a set of cases the list can show (`disputeMeasures`), so every figure drills down.
 */
import { ratio } from '../rates.ts';
export interface DisputeCounts {
  /** 受理数: cases accepted (refused ones excluded). */
  accepted: number;
  /** 化解数 / 调解成功数: cases ended in a written or oral agreement. */
  resolved: number;
  /** Cases whose mediation has ended, with an agreement or without (调解结案数). */
  concluded: number;
  /** Ended before their deadline. */
  concludedOnTime: number;
  /** Still open with the deadline already past: they count against 按期化解率. */
  openOverdue: number;
  /** Written agreements (调解协议书): the base of 司法确认率. */
  writtenAgreements: number;
  judiciallyConfirmed: number;
  /** Agreements whose performance a follow-up has established. */
  performanceKnown: number;
  performed: number;
  /** Cases between parties who had another case in the twelve months before. */
  repeat: number;
}

export const disputeKpiKeys = [
  'resolutionRate',
  'mediationSuccessRate',
  'onTimeRate',
  'judicialConfirmationRate',
  'performanceRate',
  'repeatRate',
] as const;
export type DisputeKpiKey = (typeof disputeKpiKeys)[number];

export const disputeKpiDefinitions: Record<DisputeKpiKey, { zh: string; en: string; formula: string }> = {
  resolutionRate: { zh: '化解成功率', en: 'Resolution rate', formula: '化解成功数 / 受理数' },
  mediationSuccessRate: { zh: '调解成功率', en: 'Mediation success rate', formula: '调解成功数 / 调解结案数' },
  onTimeRate: { zh: '按期化解率', en: 'Resolved on time', formula: '按期结案数 / (结案数 + 超期未结数)' },
  judicialConfirmationRate: { zh: '司法确认率', en: 'Judicial confirmation rate', formula: '司法确认数 / 书面调解协议数' },
  performanceRate: { zh: '协议履行率', en: 'Agreements performed', formula: '已履行数 / 已回访确认履行情况的协议数' },
  repeatRate: { zh: '重复纠纷率', en: 'Repeat disputes', formula: '一年内同一当事人再发纠纷数 / 受理数' },
};


export function computeDisputeKpis(c: DisputeCounts): Record<DisputeKpiKey, number | null> {
  return {
    resolutionRate: ratio(c.resolved, c.accepted),
    mediationSuccessRate: ratio(c.resolved, c.concluded),
    onTimeRate: ratio(c.concludedOnTime, c.concluded + c.openOverdue),
    judicialConfirmationRate: ratio(c.judiciallyConfirmed, c.writtenAgreements),
    performanceRate: ratio(c.performed, c.performanceKnown),
    repeatRate: ratio(c.repeat, c.accepted),
  };
}

/** The sets of cases behind the counts, by which the list filters a drill-down. */
export const disputeMeasures = [
  'accepted',
  'resolved',
  'concluded',
  'concludedOnTime',
  'openOverdue',
  'writtenAgreements',
  'judiciallyConfirmed',
  'performanceKnown',
  'performed',
  'repeat',
] as const satisfies readonly (keyof DisputeCounts)[];
export type DisputeMeasure = (typeof disputeMeasures)[number];

export function emptyDisputeCounts(): DisputeCounts {
  return {
    accepted: 0,
    resolved: 0,
    concluded: 0,
    concludedOnTime: 0,
    openOverdue: 0,
    writtenAgreements: 0,
    judiciallyConfirmed: 0,
    performanceKnown: 0,
    performed: 0,
    repeat: 0,
  };
}
