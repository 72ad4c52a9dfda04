import { z } from 'zod';
import { daysBetween } from '../calendar.ts';
import { violenceWords } from '../disputes/risk.ts';
import { checkIdNumber } from '../id-number.ts';
import { orgCodeSchema } from '../org.ts';

/**
 * 民转刑 early warning: rules kept as data (an administrator edits them; every change is versioned and
 * audited) and one pure function that applies them to a dispute's facts. Each rule that fires adds its
 * weight to a score; the score gives a grade; a grade at or above `policeGrade` goes to police liaison
 * (公调对接). Every flag says in Chinese why it fired, with the evidence.
 */
export const escalationRuleKinds = ['repeat_parties', 'repeat_address', 'keywords', 'key_person', 'many_people'] as const;
export type EscalationRuleKind = (typeof escalationRuleKinds)[number];

export const escalationRuleKindLabels: Record<EscalationRuleKind, { zh: string; en: string }> = {
  repeat_parties: { zh: '同一当事人反复纠纷', en: 'Same parties again' },
  repeat_address: { zh: '同一地点反复纠纷', en: 'Same address again' },
  keywords: { zh: '记录中出现威胁、暴力等字眼', en: 'Threat or violence words' },
  key_person: { zh: '当事人属重点人员', en: 'A party is on the key-person list' },
  many_people: { zh: '涉及人数多', en: 'Many people involved' },
};

export const escalationGrades = ['low', 'medium', 'high'] as const;
export type EscalationGrade = (typeof escalationGrades)[number];
export const escalationGradeLabels: Record<EscalationGrade, { zh: string; en: string }> = {
  low: { zh: '低', en: 'Low' },
  medium: { zh: '中', en: 'Medium' },
  high: { zh: '高', en: 'High' },
};

const ruleCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '规则代码为小写字母、数字和下划线 (lower-case letters, digits, _)');

const ruleFields = {
  name: z.string().trim().min(1).max(60).describe('规则名称'),
  kind: z.enum(escalationRuleKinds).describe('规则类型'),
  enabled: z.boolean().default(true),
  /** Points added to the score when the rule fires. */
  weight: z.number().int().min(0).max(100).describe('权重'),
  /**
   * repeat_*: earlier cases needed; keywords: distinct words needed; key_person: parties on the list
   * needed; many_people: people involved needed.
   */
  threshold: z.number().int().min(1).max(100_000).describe('阈值'),
  /** repeat_*: how far back earlier cases count. */
  windowDays: z.number().int().min(1).max(3650).nullable().default(null).describe('回溯天数'),
  /** keywords: the words searched for. */
  keywords: z.array(z.string().trim().min(1).max(20)).max(200).default([]).describe('关键词'),
};

type RuleShape = { kind: EscalationRuleKind; windowDays: number | null; keywords: string[] };
const ruleChecks = <T extends z.ZodType<RuleShape>>(schema: T) =>
  schema
    .refine((r) => !r.kind.startsWith('repeat_') || r.windowDays !== null, { message: '反复纠纷规则须设回溯天数 (repeat rules need windowDays)', path: ['windowDays'] })
    .refine((r) => r.kind !== 'keywords' || r.keywords.length > 0, { message: '关键词规则须至少一个关键词 (keyword rules need words)', path: ['keywords'] });

export const escalationRuleSchema = ruleChecks(z.object({ code: ruleCode.describe('规则代码'), ...ruleFields })).meta({ id: 'EscalationRule' });
/** An edit: the rule's fields and the version that was read. */
export const escalationRuleUpdateSchema = ruleChecks(z.object({ ...ruleFields, version: z.number().int().min(1) })).meta({ id: 'EscalationRuleUpdate' });
export type EscalationRule = z.infer<typeof escalationRuleSchema>;
export type EscalationRuleInput = z.input<typeof escalationRuleSchema>;

export const escalationSettingsSchema = z
  .object({
    mediumAt: z.number().int().min(1).max(1000).describe('中风险分值'),
    highAt: z.number().int().min(1).max(1000).describe('高风险分值'),
    policeGrade: z.enum(['medium', 'high']).describe('推送公安联络的等级'),
  })
  .refine((s) => s.highAt > s.mediumAt, { message: '高风险分值须大于中风险分值 (highAt above mediumAt)', path: ['highAt'] })
  .meta({ id: 'EscalationSettings' });
export type EscalationSettings = z.infer<typeof escalationSettingsSchema>;

export const defaultEscalationSettings: EscalationSettings = { mediumAt: 30, highAt: 60, policeGrade: 'high' };

/** The rules a new deployment starts with; an administrator may change every figure. */
export const defaultEscalationRules: readonly EscalationRule[] = [
  { code: 'repeat_parties', name: '同一当事人一年内反复纠纷', kind: 'repeat_parties', enabled: true, weight: 30, threshold: 2, windowDays: 365, keywords: [] },
  { code: 'repeat_address', name: '同一地点半年内反复纠纷', kind: 'repeat_address', enabled: true, weight: 20, threshold: 2, windowDays: 180, keywords: [] },
  { code: 'threat_words', name: '记录中出现威胁、暴力、轻生字眼', kind: 'keywords', enabled: true, weight: 40, threshold: 1, windowDays: null, keywords: [...violenceWords] },
  { code: 'key_person', name: '当事人为重点人员', kind: 'key_person', enabled: true, weight: 40, threshold: 1, windowDays: null, keywords: [] },
  { code: 'many_people', name: '涉及10人以上', kind: 'many_people', enabled: true, weight: 25, threshold: 10, windowDays: null, keywords: [] },
];

/** An earlier case, as the evaluation needs it. */
export interface EarlierCase {
  number: string;
  registeredOn: string;
  /** Names of this case's parties who were parties there too (matched by ID number). */
  sharedParties: readonly string[];
  sameAddress: boolean;
}

export interface EscalationFacts {
  /** The China date of the evaluation. */
  today: string;
  peopleInvolved: number;
  address: string | null;
  /** Summary, claims, session records, notes. */
  texts: readonly string[];
  earlierCases: readonly EarlierCase[];
  /** Parties found on the key-person list, with the list's category (社区矫正, 刑满释放 …). */
  keyPersons: readonly { name: string; category: string }[];
}

export interface EscalationFlag {
  ruleCode: string;
  ruleName: string;
  kind: EscalationRuleKind;
  weight: number;
  /** Why it fired, in Chinese, with the evidence. */
  explanation: string;
  evidence: Record<string, unknown>;
}

export interface EscalationResult {
  flags: EscalationFlag[];
  score: number;
  grade: EscalationGrade;
  routeToPolice: boolean;
}


function fire(rule: EscalationRule, facts: EscalationFacts): EscalationFlag | null {
  const flag = (explanation: string, evidence: Record<string, unknown>): EscalationFlag => ({
    ruleCode: rule.code,
    ruleName: rule.name,
    kind: rule.kind,
    weight: rule.weight,
    explanation,
    evidence,
  });
  switch (rule.kind) {
    case 'repeat_parties': {
      const window = rule.windowDays ?? 365;
      const hits = facts.earlierCases.filter((c) => c.sharedParties.length > 0 && daysBetween(c.registeredOn, facts.today) <= window);
      if (hits.length < rule.threshold) return null;
      const names = [...new Set(hits.flatMap((c) => c.sharedParties))];
      return flag(
        `当事人${names.join('、')}近${window}天内已有${hits.length}起纠纷（${hits.map((c) => c.number).join('、')}），达到${rule.threshold}起的预警阈值`,
        { cases: hits.map((c) => c.number), parties: names, windowDays: window },
      );
    }
    case 'repeat_address': {
      const window = rule.windowDays ?? 180;
      if (!facts.address) return null;
      const hits = facts.earlierCases.filter((c) => c.sameAddress && daysBetween(c.registeredOn, facts.today) <= window);
      if (hits.length < rule.threshold) return null;
      return flag(
        `同一地点（${facts.address}）近${window}天内已有${hits.length}起纠纷（${hits.map((c) => c.number).join('、')}），达到${rule.threshold}起的预警阈值`,
        { cases: hits.map((c) => c.number), address: facts.address, windowDays: window },
      );
    }
    case 'keywords': {
      const found = rule.keywords.filter((w) => facts.texts.some((t) => t.includes(w)));
      if (found.length < rule.threshold) return null;
      const quote = facts.texts.find((t) => found.some((w) => t.includes(w))) ?? '';
      return flag(`记录中出现“${found.join('”“')}”等字眼，有激化为刑事案件的苗头`, { words: found, excerpt: excerptAround(quote, found[0]!) });
    }
    case 'key_person': {
      if (facts.keyPersons.length < rule.threshold) return null;
      return flag(`当事人${facts.keyPersons.map((k) => `${k.name}（${k.category}）`).join('、')}在重点人员名单上`, {
        persons: facts.keyPersons.map((k) => ({ name: k.name, category: k.category })),
      });
    }
    case 'many_people': {
      if (facts.peopleInvolved < rule.threshold) return null;
      return flag(`涉及${facts.peopleInvolved}人，达到${rule.threshold}人的预警阈值，有群体性事件风险`, { peopleInvolved: facts.peopleInvolved });
    }
  }
}

function excerptAround(text: string, word: string): string {
  const at = text.indexOf(word);
  if (at < 0) return text.slice(0, 60);
  return text.slice(Math.max(0, at - 20), at + word.length + 20);
}

export function gradeOfScore(score: number, settings: EscalationSettings): EscalationGrade {
  if (score >= settings.highAt) return 'high';
  if (score >= settings.mediumAt) return 'medium';
  return 'low';
}

/** Applies the enabled rules to the facts. Pure: the same rules and facts give the same flags. */
export function evaluateEscalation(rules: readonly EscalationRule[], settings: EscalationSettings, facts: EscalationFacts): EscalationResult {
  const flags = rules.filter((r) => r.enabled).flatMap((r) => fire(r, facts) ?? []);
  const score = flags.reduce((s, f) => s + f.weight, 0);
  const grade = gradeOfScore(score, settings);
  const routeToPolice = grade === 'high' || (settings.policeGrade === 'medium' && grade === 'medium');
  return { flags, score, grade, routeToPolice };
}

export const escalationFlagStates = ['open', 'acknowledged', 'routed', 'cleared'] as const;
export type EscalationFlagState = (typeof escalationFlagStates)[number];
export const escalationFlagStateLabels: Record<EscalationFlagState, { zh: string; en: string }> = {
  open: { zh: '待处置', en: 'Open' },
  acknowledged: { zh: '已知悉', en: 'Acknowledged' },
  routed: { zh: '已推送公安联络', en: 'Routed to police liaison' },
  cleared: { zh: '已解除', en: 'Cleared' },
};

export const actOnEscalationSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('acknowledge'), note: z.string().trim().max(1000).optional() }),
    z.object({
      action: z.literal('route_to_police'),
      policeUnit: z.string().trim().min(1).max(100).describe('公安联络单位（派出所）'),
      note: z.string().trim().min(1).max(1000).describe('推送说明'),
    }),
    z.object({ action: z.literal('clear'), note: z.string().trim().min(1).max(1000).describe('解除理由') }),
  ])
  .meta({ id: 'ActOnEscalation' });
export type ActOnEscalation = z.infer<typeof actOnEscalationSchema>;

/** Which actions a flag in a state allows; routed and cleared are final. */
export function escalationActionsIn(state: EscalationFlagState): ActOnEscalation['action'][] {
  if (state === 'open') return ['acknowledge', 'route_to_police', 'clear'];
  if (state === 'acknowledged') return ['route_to_police', 'clear'];
  return [];
}

export const keyPersonCategories = ['community_correction', 'released_prisoner', 'mental_disorder', 'drug_user', 'petitioner', 'youth_at_risk', 'other'] as const;
export type KeyPersonCategory = (typeof keyPersonCategories)[number];
export const keyPersonCategoryLabels: Record<KeyPersonCategory, string> = {
  community_correction: '社区矫正对象',
  released_prisoner: '刑满释放人员',
  mental_disorder: '严重精神障碍患者',
  drug_user: '吸毒人员',
  petitioner: '重点上访人员',
  youth_at_risk: '重点青少年',
  other: '其他重点人员',
};

export const addKeyPersonSchema = z
  .object({
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => checkIdNumber(v).valid, '公民身份号码无效 (invalid ID number)')
      .describe('公民身份号码'),
    name: z.string().trim().min(1).max(50).describe('姓名'),
    category: z.enum(keyPersonCategories).describe('重点人员类别'),
    orgCode: orgCodeSchema.describe('管辖单位编码'),
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'AddKeyPerson' });
export type AddKeyPerson = z.infer<typeof addKeyPersonSchema>;
