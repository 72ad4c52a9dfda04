/**
 * The code tables of a dispute case (矛盾纠纷). GB/T 31000 names the items (类别, 规模, 化解方式) but
 * its value lists are not public (anchors-china §1.4), so these follow the 司法部 人民调解 纠纷类型 and
 * the practice of county 矛调中心 (anchors-china §1.5, §4.2). Codes are stable; labels may be edited.
 */

/** 化解方式: the four kinds of mediation a 矛调中心 brings together (三调联动 plus the trade bodies). */
export const mediationMethods = ['people', 'administrative', 'industry', 'judicial'] as const;
export type MediationMethod = (typeof mediationMethods)[number];

export const mediationMethodLabels: Record<MediationMethod, { zh: string; en: string }> = {
  people: { zh: '人民调解', en: 'People’s mediation' },
  administrative: { zh: '行政调解', en: 'Administrative mediation' },
  industry: { zh: '行业性专业性调解', en: 'Trade / professional mediation' },
  judicial: { zh: '司法调解', en: 'Court mediation' },
};

/**
 * Kinds of mediation body: the 人民调解委员会 of a community or street, a trade body (劳动争议, 物业,
 * 医疗, 交通 …), a named 品牌调解室 (a well-known mediator's room), an administrative body (派出所,
 * 司法所, 人社), the court's 诉调对接 room.
 */
export const mediationOrgKinds = ['committee', 'industry', 'brand_room', 'administrative', 'court'] as const;
export type MediationOrgKind = (typeof mediationOrgKinds)[number];

export const mediationOrgKindLabels: Record<MediationOrgKind, { zh: string; en: string; method: MediationMethod }> = {
  committee: { zh: '人民调解委员会', en: 'People’s mediation committee', method: 'people' },
  industry: { zh: '行业性专业性调解组织', en: 'Trade mediation body', method: 'industry' },
  brand_room: { zh: '品牌调解室', en: 'Named mediation room', method: 'people' },
  administrative: { zh: '行政调解机构', en: 'Administrative mediation body', method: 'administrative' },
  court: { zh: '诉调对接工作室', en: 'Court-linked mediation room', method: 'judicial' },
};

export interface DisputeTypeEntry {
  code: string;
  zh: string;
  en: string;
  /** The kind of body that usually takes it, and the trade field when that is a trade body. */
  body: MediationOrgKind;
  field: string | null;
}

/** 纠纷类别 (司法部 人民调解 list, shortened), each with the body a 矛调中心 usually sends it to. */
export const disputeTypes = [
  { code: 'marriage_family', zh: '婚姻家庭纠纷', en: 'Marriage and family', body: 'committee', field: null },
  { code: 'neighbour', zh: '邻里纠纷', en: 'Neighbours', body: 'committee', field: null },
  { code: 'debt', zh: '债务及民间借贷纠纷', en: 'Debts and private loans', body: 'committee', field: null },
  { code: 'labour', zh: '劳资纠纷', en: 'Wages and labour', body: 'industry', field: 'labour' },
  { code: 'property_mgmt', zh: '物业纠纷', en: 'Property management', body: 'industry', field: 'property' },
  { code: 'land', zh: '土地山林权属纠纷', en: 'Land and forest rights', body: 'administrative', field: null },
  { code: 'medical', zh: '医疗纠纷', en: 'Medical', body: 'industry', field: 'medical' },
  { code: 'traffic', zh: '道路交通事故纠纷', en: 'Road traffic accidents', body: 'industry', field: 'traffic' },
  { code: 'housing', zh: '房屋宅基地纠纷', en: 'Houses and plots', body: 'committee', field: null },
  { code: 'contract', zh: '合同纠纷', en: 'Contracts', body: 'committee', field: null },
  { code: 'consumer', zh: '消费纠纷', en: 'Consumer', body: 'administrative', field: null },
  { code: 'demolition', zh: '征地拆迁纠纷', en: 'Land taking and demolition', body: 'administrative', field: null },
  { code: 'other', zh: '其他纠纷', en: 'Other', body: 'committee', field: null },
] as const satisfies readonly DisputeTypeEntry[];
export type DisputeTypeCode = (typeof disputeTypes)[number]['code'];
export const disputeTypeCodes = disputeTypes.map((t) => t.code) as [DisputeTypeCode, ...DisputeTypeCode[]];

export function disputeTypeOf(code: DisputeTypeCode): DisputeTypeEntry {
  return disputeTypes.find((t) => t.code === code)!;
}

/** Which body and method a new case of this type is suggested to go to (the triage shows it). */
export function suggestedMediation(code: DisputeTypeCode): { body: MediationOrgKind; method: MediationMethod; field: string | null } {
  const type = disputeTypeOf(code);
  return { body: type.body, method: mediationOrgKindLabels[type.body].method, field: type.field };
}

/** 来源: the 矛调中心 window, a grid worker's event, a party's online application, a referral. */
export const disputeSources = ['window', 'event', 'online', 'referral'] as const;
export type DisputeSource = (typeof disputeSources)[number];

export const disputeSourceLabels: Record<DisputeSource, { zh: string; en: string }> = {
  window: { zh: '窗口登记', en: 'Walk-in at the window' },
  event: { zh: '网格上报转入', en: 'From a grid report' },
  online: { zh: '当事人网上申请', en: 'Online application' },
  referral: { zh: '委托移送', en: 'Referral' },
};

/** Who referred a case (诉调/公调/访调对接). */
export const referralBodies = ['court', 'police', 'petition', 'procuratorate', 'other'] as const;
export type ReferralBody = (typeof referralBodies)[number];

export const referralBodyLabels: Record<ReferralBody, { zh: string; en: string }> = {
  court: { zh: '人民法院', en: 'Court' },
  police: { zh: '公安机关', en: 'Police' },
  petition: { zh: '信访部门', en: 'Petitions office' },
  procuratorate: { zh: '人民检察院', en: 'Procuratorate' },
  other: { zh: '其他单位', en: 'Other body' },
};

/** 事件规模: an individual matter, a group one (5 or more people), or a large group matter (30 or more). */
export const disputeScales = ['individual', 'group', 'large_group'] as const;
export type DisputeScale = (typeof disputeScales)[number];

export const disputeScaleLabels: Record<DisputeScale, { zh: string; en: string }> = {
  individual: { zh: '一般（个体）', en: 'Individual' },
  group: { zh: '群体性（5人以上）', en: 'Group (5+)' },
  large_group: { zh: '重大群体性（30人以上）', en: 'Large group (30+)' },
};

export function scaleOf(peopleInvolved: number): DisputeScale {
  if (peopleInvolved >= 30) return 'large_group';
  if (peopleInvolved >= 5) return 'group';
  return 'individual';
}

export const partyRoles = ['applicant', 'respondent', 'third_party'] as const;
export type PartyRole = (typeof partyRoles)[number];

export const partyRoleLabels: Record<PartyRole, { zh: string; en: string }> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  respondent: { zh: '被申请人', en: 'Respondent' },
  third_party: { zh: '第三人', en: 'Third party' },
};

export const sessionModes = ['on_site', 'video'] as const;
export type SessionMode = (typeof sessionModes)[number];

/** How a mediation ended: 调解协议书 (written), 口头协议 (oral, 人民调解法 Art. 28), or no agreement. */
export const disputeOutcomes = ['agreement', 'oral_agreement', 'failed'] as const;
export type DisputeOutcome = (typeof disputeOutcomes)[number];

export const disputeOutcomeLabels: Record<DisputeOutcome, { zh: string; en: string }> = {
  agreement: { zh: '达成调解协议', en: 'Written agreement' },
  oral_agreement: { zh: '达成口头协议', en: 'Oral agreement' },
  failed: { zh: '调解不成', en: 'No agreement' },
};

/** After a failed mediation the parties are told where to go next (告知诉讼/仲裁/行政途径). */
export const nextRoutes = ['litigation', 'arbitration', 'administrative'] as const;
export type NextRoute = (typeof nextRoutes)[number];

export const nextRouteLabels: Record<NextRoute, { zh: string; en: string }> = {
  litigation: { zh: '引导诉讼', en: 'Court action' },
  arbitration: { zh: '引导仲裁', en: 'Arbitration' },
  administrative: { zh: '引导行政途径', en: 'Administrative route' },
};

/** 协议履行: what a follow-up visit found. */
export const performanceStates = ['performed', 'partly', 'not_performed'] as const;
export type PerformanceState = (typeof performanceStates)[number];

export const performanceLabels: Record<PerformanceState, { zh: string; en: string }> = {
  performed: { zh: '已履行', en: 'Performed' },
  partly: { zh: '部分履行', en: 'Partly performed' },
  not_performed: { zh: '未履行', en: 'Not performed' },
};

/** 司法确认 (人民调解法 Art. 33): applied within 30 days of the agreement, then confirmed or rejected by the court. */
export const judicialStates = ['applied', 'confirmed', 'rejected'] as const;
export type JudicialState = (typeof judicialStates)[number];

/**
 * The default limit: 人民调解 is settled within one month (《人民调解工作若干规定》Art. 33), counted in
 * natural days with a last day off moved to the next working day; an extension needs the parties' consent.
 */
export const defaultResolveLimit = { unit: 'naturalDays', value: 30 } as const;
export const disputeWarnAt = { yellow: 0.8, red: 1 } as const;

/** Follow-up visits (回访) the system schedules after an agreement: days after it. */
export const followUpOffsetsDays = [7, 30] as const;

