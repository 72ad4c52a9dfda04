import type { DisputeTypeCode } from './catalogue.ts';

/**
 * 风险研判 at triage: a grade with the reasons behind it, so staff see why a case is marked and can
 * disagree in writing. The rules follow what 矛调 practice weighs (anchors-china §4.2: 规模, 关注程度,
 * 是否可能激化/民转刑): many people, large sums, words of threat or violence, the same parties again.
 */
export const riskGrades = ['low', 'medium', 'high'] as const;
export type RiskGrade = (typeof riskGrades)[number];

export const riskGradeLabels: Record<RiskGrade, { zh: string; en: string }> = {
  low: { zh: '低风险', en: 'Low' },
  medium: { zh: '中风险', en: 'Medium' },
  high: { zh: '高风险', en: 'High' },
};

export interface RiskInput {
  typeCode: DisputeTypeCode;
  peopleInvolved: number;
  /** 涉及金额 in yuan, when known. */
  amountYuan: number | null;
  /** The summary, claims and notes: searched for words of threat or violence. */
  texts: readonly string[];
  /** Earlier cases between any of the same parties (by ID number) in the last twelve months. */
  earlierCasesSameParties: number;
}

export interface RiskReason {
  code: 'large_group' | 'group' | 'large_sum' | 'sum' | 'violence_words' | 'repeat' | 'repeat_many' | 'group_wages' | 'sensitive_type' | 'staff_judgement';
  grade: RiskGrade;
  zh: string;
  en: string;
}

export interface RiskAssessment {
  grade: RiskGrade;
  reasons: RiskReason[];
}

/** Words that in a note signal threats, violence or self-harm (民转刑 risk); kept short and specific. */
export const violenceWords = [
  '殴打', '打人', '动手', '持刀', '砍', '杀', '威胁', '报复', '同归于尽', '拼命', '跳楼', '轻生', '自杀', '放火', '汽油', '炸',
] as const;

const rank: Record<RiskGrade, number> = { low: 0, medium: 1, high: 2 };

export function maxGrade(a: RiskGrade, b: RiskGrade): RiskGrade {
  return rank[a] >= rank[b] ? a : b;
}

/** Grades a case. Pure: the same facts give the same grade and reasons. */
export function assessDisputeRisk(input: RiskInput): RiskAssessment {
  const reasons: RiskReason[] = [];
  if (input.peopleInvolved >= 30) {
    reasons.push({ code: 'large_group', grade: 'high', zh: `涉及${input.peopleInvolved}人，属重大群体性纠纷`, en: `${input.peopleInvolved} people involved (large group)` });
  } else if (input.peopleInvolved >= 5) {
    reasons.push({ code: 'group', grade: 'medium', zh: `涉及${input.peopleInvolved}人，属群体性纠纷`, en: `${input.peopleInvolved} people involved (group)` });
  }
  if (input.typeCode === 'labour' && input.peopleInvolved >= 5) {
    reasons.push({ code: 'group_wages', grade: 'high', zh: '群体性劳资（讨薪）纠纷', en: 'Group wage dispute' });
  }
  if (input.amountYuan !== null && input.amountYuan >= 1_000_000) {
    reasons.push({ code: 'large_sum', grade: 'high', zh: `涉及金额${formatYuan(input.amountYuan)}，数额巨大`, en: `Amount ${input.amountYuan} yuan (very large)` });
  } else if (input.amountYuan !== null && input.amountYuan >= 100_000) {
    reasons.push({ code: 'sum', grade: 'medium', zh: `涉及金额${formatYuan(input.amountYuan)}，数额较大`, en: `Amount ${input.amountYuan} yuan (large)` });
  }
  const found = violenceWords.filter((w) => input.texts.some((t) => t.includes(w)));
  if (found.length > 0) {
    reasons.push({ code: 'violence_words', grade: 'high', zh: `记录中出现“${found.join('”“')}”等激化苗头`, en: `Threat or violence words in the record: ${found.join(', ')}` });
  }
  if (input.earlierCasesSameParties >= 2) {
    reasons.push({ code: 'repeat_many', grade: 'high', zh: `同一当事人一年内已有${input.earlierCasesSameParties}起纠纷`, en: `${input.earlierCasesSameParties} earlier cases of the same parties within a year` });
  } else if (input.earlierCasesSameParties === 1) {
    reasons.push({ code: 'repeat', grade: 'medium', zh: '同一当事人一年内曾有纠纷', en: 'An earlier case of the same parties within a year' });
  }
  if (input.typeCode === 'demolition' || input.typeCode === 'land') {
    reasons.push({ code: 'sensitive_type', grade: 'medium', zh: '征地拆迁、土地权属类纠纷易激化', en: 'Land and demolition disputes escalate easily' });
  }
  const grade = reasons.reduce<RiskGrade>((g, r) => maxGrade(g, r.grade), 'low');
  return { grade, reasons };
}

function formatYuan(yuan: number): string {
  return yuan >= 10_000 ? `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}万元` : `${yuan}元`;
}
