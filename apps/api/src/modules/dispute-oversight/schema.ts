import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type {
  EscalationFlag,
  EscalationFlagState,
  EscalationGrade,
  EscalationRuleKind,
  HardCaseOutcome,
  HardCaseState,
  KeyPersonCategory,
  MeetingAgenda,
  MeetingState,
  ScreeningItem,
} from '@shizhi/domain';
import { countyCode, ltree, orgPath } from '../../platform/db/columns.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** 矛盾纠纷排查 monthly report of one grid or community: items found, or 零报告 (nothing_found). */
export const screeningReport = pgTable(
  'screening_report',
  {
    id: uuid('id').primaryKey(),
    orgCode: text('org_code').notNull(),
    period: text('period').notNull(),
    dueOn: date('due_on').notNull(),
    nothingFound: boolean('nothing_found').notNull(),
    itemCount: integer('item_count').notNull(),
    items: jsonb('items').$type<ScreeningItem[]>().notNull().default([]),
    note: text('note'),
    filedOn: date('filed_on').notNull(),
    filedAt: at('filed_at').notNull(),
    filedById: uuid('filed_by_id'),
    filedByName: text('filed_by_name').notNull(),
    late: boolean('late').notNull(),
    revision: integer('revision').notNull().default(1),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    uniqueIndex('screening_report_unit_period').on(t.orgCode, t.period),
    index('screening_report_period_idx').on(t.countyCode, t.period),
    index('screening_report_path_gist').using('gist', t.orgPath),
  ],
);

export interface HardCaseProgressEntry {
  at: string;
  by: string;
  note: string;
  changes?: Record<string, string>;
}

/** 四定四包: a dispute case taken on as a hard case, with its lead official, handler, measures and deadline. */
export const hardCase = pgTable(
  'hard_case',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id').notNull(),
    disputeNumber: text('dispute_number').notNull(),
    title: text('title').notNull(),
    leadOfficial: text('lead_official').notNull(),
    leadOfficialTitle: text('lead_official_title'),
    handler: text('handler').notNull(),
    measures: text('measures').notNull(),
    deadline: date('deadline').notNull(),
    state: text('state').$type<HardCaseState>().notNull(),
    progress: jsonb('progress').$type<HardCaseProgressEntry[]>().notNull().default([]),
    outcome: text('outcome').$type<HardCaseOutcome>(),
    result: text('result'),
    closedAt: at('closed_at'),
    designatedAt: at('designated_at').notNull(),
    designatedBy: text('designated_by').notNull(),
    // The 综治中心 that designated it (its meeting follows the case).
    designatedOrgPath: ltree('designated_org_path').notNull(),
    revision: integer('revision').notNull().default(1),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    uniqueIndex('hard_case_dispute_unique').on(t.disputeId),
    index('hard_case_open_idx').on(t.countyCode, t.state, t.deadline),
    index('hard_case_path_gist').using('gist', t.orgPath),
  ],
);

/** 联席会议 of a 综治中心: agenda prepared by the system, then attendees, minutes and decisions. */
export const jointMeeting = pgTable(
  'joint_meeting',
  {
    id: uuid('id').primaryKey(),
    orgCode: text('org_code').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    state: text('state').$type<MeetingState>().notNull(),
    previousMeetingId: uuid('previous_meeting_id'),
    agenda: jsonb('agenda').$type<MeetingAgenda>().notNull(),
    attendees: jsonb('attendees').$type<{ name: string; unit: string; title?: string | undefined }[]>().notNull().default([]),
    minutes: text('minutes'),
    preparedAt: at('prepared_at').notNull(),
    preparedBy: text('prepared_by').notNull(),
    recordedAt: at('recorded_at'),
    recordedBy: text('recorded_by'),
    revision: integer('revision').notNull().default(1),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('joint_meeting_unit_idx').on(t.orgCode, t.heldOn), index('joint_meeting_path_gist').using('gist', t.orgPath)],
);

/**
 * A meeting decision, issued as a 督办单 to a recipient unit with a due date, and its reply.
 * `org_path` is the recipient's (it answers); `issuer_org_path` the meeting's centre (it follows up).
 */
export const meetingDecision = pgTable(
  'meeting_decision',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    matter: text('matter').notNull(),
    matterDetail: text('matter_detail'),
    requirements: jsonb('requirements').$type<string[]>().notNull(),
    hardCaseId: uuid('hard_case_id'),
    recipientOrgCode: text('recipient_org_code').notNull(),
    recipientName: text('recipient_name').notNull(),
    issuerName: text('issuer_name').notNull(),
    dueOn: date('due_on').notNull(),
    issuedOn: date('issued_on').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    signatory: text('signatory').notNull(),
    state: text('state').$type<'issued' | 'answered'>().notNull(),
    replyContent: text('reply_content'),
    replyHandler: text('reply_handler'),
    replyHead: text('reply_head'),
    answeredOn: date('answered_on'),
    answeredAt: at('answered_at'),
    answeredBy: text('answered_by'),
    issuerOrgPath: ltree('issuer_org_path').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    uniqueIndex('meeting_decision_number_unique').on(t.countyCode, t.number),
    index('meeting_decision_meeting_idx').on(t.meetingId, t.seq),
    index('meeting_decision_path_gist').using('gist', t.orgPath),
    index('meeting_decision_issuer_gist').using('gist', t.issuerOrgPath),
  ],
);

/** 民转刑 warning rules of a county, as data; `version` counts edits (each also audited). */
export const escalationRule = pgTable(
  'escalation_rule',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<EscalationRuleKind>().notNull(),
    enabled: boolean('enabled').notNull(),
    weight: integer('weight').notNull(),
    threshold: integer('threshold').notNull(),
    windowDays: integer('window_days'),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    updatedAt: at('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [uniqueIndex('escalation_rule_code_unique').on(t.countyCode, t.code)],
);

/** Score thresholds of the grades and the grade that goes to police liaison, one row per county. */
export const escalationSettings = pgTable('escalation_settings', {
  countyCode: countyCode().primaryKey(),
  mediumAt: integer('medium_at').notNull(),
  highAt: integer('high_at').notNull(),
  policeGrade: text('police_grade').$type<'medium' | 'high'>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: at('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
  orgPath: orgPath(),
});

/**
 * A firing: the rules that fired on a dispute at one evaluation, with their explanations and the rule
 * versions, and what staff did about it. A new row is written only when the set of fired rules changes.
 */
export const escalationFlag = pgTable(
  'escalation_flag',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id').notNull(),
    disputeNumber: text('dispute_number').notNull(),
    disputeTitle: text('dispute_title').notNull(),
    trigger: text('trigger').notNull(),
    evaluatedAt: at('evaluated_at').notNull(),
    score: integer('score').notNull(),
    grade: text('grade').$type<EscalationGrade>().notNull(),
    routeToPolice: boolean('route_to_police').notNull(),
    flags: jsonb('flags').$type<(EscalationFlag & { ruleVersion: number })[]>().notNull(),
    ruleCodes: text('rule_codes').notNull(),
    state: text('state').$type<EscalationFlagState>().notNull(),
    handledAt: at('handled_at'),
    handledBy: text('handled_by'),
    note: text('note'),
    policeUnit: text('police_unit'),
    supersededAt: at('superseded_at'),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    index('escalation_flag_dispute_idx').on(t.disputeId, t.evaluatedAt),
    index('escalation_flag_open_idx').on(t.countyCode, t.state, t.evaluatedAt),
    index('escalation_flag_path_gist').using('gist', t.orgPath),
  ],
);

/**
 * 重点人员 list the key_person rule reads (by ID number) until the key-person register (M5) exists.
 */
export const keyPerson = pgTable(
  'key_person',
  {
    id: uuid('id').primaryKey(),
    idNumber: text('id_number').notNull(),
    name: text('name').notNull(),
    category: text('category').$type<KeyPersonCategory>().notNull(),
    orgCode: text('org_code').notNull(),
    note: text('note'),
    active: boolean('active').notNull().default(true),
    addedAt: at('added_at').notNull(),
    addedBy: text('added_by').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [uniqueIndex('key_person_id_number_unique').on(t.countyCode, t.idNumber), index('key_person_path_gist').using('gist', t.orgPath)],
);
