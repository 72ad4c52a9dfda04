import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type {
  DisputeOutcome,
  DisputeScale,
  DisputeSource,
  DisputeState,
  DisputeTypeCode,
  JudicialState,
  MediationMethod,
  MediationOrgKind,
  NextRoute,
  PartyRole,
  PerformanceState,
  ReferralBody,
  RiskGrade,
  RiskReason,
  SessionMode,
} from '@shizhi/domain';
import { countyCode, ltree, orgPath } from '../../platform/db/columns.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A mediation body (调解组织): the 人民调解委员会 of a community or street, a trade body, a named
 * 品牌调解室, an administrative body or the court's 诉调对接 room. `org_path` is the unit it serves.
 */
export const mediationOrg = pgTable(
  'mediation_org',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<MediationOrgKind>().notNull(),
    method: text('method').$type<MediationMethod>().notNull(),
    // The trade field of a trade body (labour, property, medical, traffic); null for general bodies.
    field: text('field'),
    orgCode: text('org_code').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('mediation_org_path_gist').using('gist', t.orgPath)],
);

/** A mediator (调解员) of one body; `user_id` is their account when they have one. */
export const mediator = pgTable(
  'mediator',
  {
    id: uuid('id').primaryKey(),
    mediationOrgId: uuid('mediation_org_id').notNull(),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    phone: text('phone'),
    specialty: text('specialty'),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('mediator_org_idx').on(t.mediationOrgId), index('mediator_user_idx').on(t.userId)],
);

/**
 * A dispute case: the GB/T 31000 矛盾纠纷 record (名称, 发生日期/地点, 规模, 类别, 涉及人数/金额/单位,
 * 化解时限, 化解方式, 化解组织, 责任人, 是否成功, 化解情况, 考评) with the mediation that settles it.
 * `org_path` is the place it happened; `owner_org_path` the 综治中心 holding it.
 */
export const disputeCase = pgTable(
  'dispute_case',
  {
    id: uuid('id').primaryKey(),
    // TJ + county + yyyymmdd + 6-digit sequence.
    number: text('number').notNull(),
    source: text('source').$type<DisputeSource>().notNull(),
    referralBody: text('referral_body').$type<ReferralBody>(),
    referralName: text('referral_name'),
    referralReference: text('referral_reference'),
    eventId: uuid('event_id'),
    // Only for online applications: the applicant follows the case by it.
    trackingCode: text('tracking_code'),
    idempotencyKey: text('idempotency_key'),
    title: text('title').notNull(),
    typeCode: text('type_code').$type<DisputeTypeCode>().notNull(),
    occurredOn: date('occurred_on').notNull(),
    address: text('address'),
    summary: text('summary').notNull(),
    claims: text('claims'),
    scale: text('scale').$type<DisputeScale>().notNull(),
    peopleInvolved: integer('people_involved').notNull(),
    amountYuan: bigint('amount_yuan', { mode: 'number' }),
    unitsInvolved: text('units_involved'),
    placeCode: text('place_code').notNull(),
    ownerOrgCode: text('owner_org_code').notNull(),
    ownerOrgPath: ltree('owner_org_path').notNull(),
    state: text('state').$type<DisputeState>().notNull(),
    riskGrade: text('risk_grade').$type<RiskGrade>().notNull(),
    riskReasons: jsonb('risk_reasons').$type<RiskReason[]>().notNull().default([]),
    // 化解方式, 化解组织, 责任人 (the mediator; name kept with the case for the record).
    method: text('method').$type<MediationMethod>(),
    mediationOrgId: uuid('mediation_org_id'),
    // The unit the body serves: its mediators see the case even when it lies outside their own unit.
    mediationOrgPath: ltree('mediation_org_path'),
    mediatorId: uuid('mediator_id'),
    mediatorUserId: uuid('mediator_user_id'),
    mediatorName: text('mediator_name'),
    // 化解时限: the running clock's due time, kept here so lists and figures need no join.
    dueAt: at('due_at'),
    outcome: text('outcome').$type<DisputeOutcome>(),
    outcomeAt: at('outcome_at'),
    success: boolean('success'),
    concludedOnTime: boolean('concluded_on_time'),
    resolution: text('resolution'),
    performBy: date('perform_by'),
    nextRoute: text('next_route').$type<NextRoute>(),
    stabilityMeasure: text('stability_measure'),
    performance: text('performance').$type<PerformanceState>(),
    followUpsDone: integer('follow_ups_done').notNull().default(0),
    // 调解协议书: first generated (downloaded), then signed by every party and the mediator (it takes effect that day).
    agreementGeneratedAt: at('agreement_generated_at'),
    agreementSignedOn: date('agreement_signed_on'),
    // Who recorded the signing.
    agreementSignedBy: text('agreement_signed_by'),
    judicialState: text('judicial_state').$type<JudicialState>(),
    judicialCourt: text('judicial_court'),
    judicialCaseNumber: text('judicial_case_number'),
    judicialOn: date('judicial_on'),
    // Why the court rejected the application.
    judicialReason: text('judicial_reason'),
    evaluation: text('evaluation'),
    evaluatedAt: at('evaluated_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    // 重复纠纷: a party (by ID number) had another case in the twelve months before this one.
    repeat: boolean('repeat').notNull().default(false),
    registeredAt: at('registered_at').notNull(),
    acceptedAt: at('accepted_at'),
    closedAt: at('closed_at'),
    revision: integer('revision').notNull().default(1),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    uniqueIndex('dispute_case_number_unique').on(t.number),
    uniqueIndex('dispute_case_tracking_unique').on(t.trackingCode),
    uniqueIndex('dispute_case_idempotency_unique').on(t.idempotencyKey),
    index('dispute_case_path_gist').using('gist', t.orgPath),
    index('dispute_case_owner_gist').using('gist', t.ownerOrgPath),
    index('dispute_case_mediation_path_gist').using('gist', t.mediationOrgPath),
    // The list (newest first within a county) and the figures (a period within a county).
    index('dispute_case_registered_idx').on(t.countyCode, t.registeredAt),
    index('dispute_case_state_idx').on(t.countyCode, t.state, t.registeredAt),
    index('dispute_case_type_idx').on(t.countyCode, t.typeCode, t.registeredAt),
    index('dispute_case_mediator_idx').on(t.mediatorId, t.registeredAt),
    index('dispute_case_mediation_org_idx').on(t.mediationOrgId, t.registeredAt),
    index('dispute_case_risk_idx').on(t.countyCode, t.riskGrade, t.registeredAt),
    index('dispute_case_event_idx').on(t.eventId),
  ],
);

/** 当事人: a person or an organisation; `person_id` links the people register (一标三实) once it exists. */
export const disputeParty = pgTable(
  'dispute_party',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id').notNull(),
    seq: integer('seq').notNull(),
    role: text('role').$type<PartyRole>().notNull(),
    kind: text('kind').$type<'person' | 'organisation'>().notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    address: text('address'),
    personId: uuid('person_id'),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('dispute_party_dispute_idx').on(t.disputeId, t.seq), index('dispute_party_id_number_idx').on(t.idNumber), index('dispute_party_person_idx').on(t.personId).where(sql`person_id is not null`)],
);

/** A mediation session (调解), on site or by video, with who joined and its record (笔录). */
export const disputeSession = pgTable(
  'dispute_session',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id').notNull(),
    seq: integer('seq').notNull(),
    mode: text('mode').$type<SessionMode>().notNull(),
    scheduledAt: at('scheduled_at').notNull(),
    place: text('place'),
    videoLink: text('video_link'),
    state: text('state').$type<'scheduled' | 'held'>().notNull(),
    attendees: jsonb('attendees').$type<{ name: string; role: string; joinedAt?: string }[]>().notNull().default([]),
    record: text('record'),
    heldAt: at('held_at'),
    recordedBy: text('recorded_by'),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('dispute_session_dispute_idx').on(t.disputeId, t.seq)],
);

/** 回访: scheduled by the system after an agreement, recorded by the mediator or the centre. */
export const disputeFollowUp = pgTable(
  'dispute_follow_up',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id').notNull(),
    dueOn: date('due_on').notNull(),
    doneAt: at('done_at'),
    method: text('method').$type<'phone' | 'visit'>(),
    performance: text('performance').$type<PerformanceState>(),
    note: text('note'),
    doneBy: text('done_by'),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    index('dispute_follow_up_dispute_idx').on(t.disputeId, t.dueOn),
    index('dispute_follow_up_due_idx').on(t.dueOn).where(sql`done_at is null`),
  ],
);

/** Every step, as the people involved see it (the audit log holds the same facts, chained). */
export const disputeTimeline = pgTable(
  'dispute_timeline',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id').notNull(),
    at: at('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state').$type<DisputeState>(),
    toState: text('to_state').$type<DisputeState>().notNull(),
    text: text('text'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('dispute_timeline_dispute_idx').on(t.disputeId, t.at)],
);

/** The 化解时限 clock, one round per acceptance or reopening, swept with the event clocks. */
export const disputeClock = pgTable(
  'dispute_clock',
  {
    disputeId: uuid('dispute_id').notNull(),
    round: integer('round').notNull(),
    startedAt: at('started_at').notNull(),
    dueAt: at('due_at').notNull(),
    yellowAt: at('yellow_at').notNull(),
    stoppedAt: at('stopped_at'),
    met: boolean('met'),
    yellowFiredAt: at('yellow_fired_at'),
    redFiredAt: at('red_fired_at'),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    primaryKey({ columns: [t.disputeId, t.round] }),
    index('dispute_clock_red_pending').on(t.dueAt).where(sql`stopped_at is null and red_fired_at is null`),
    index('dispute_clock_yellow_pending').on(t.yellowAt).where(sql`stopped_at is null and yellow_fired_at is null`),
  ],
);

/** Each yellow or red warning fires once per clock round; the row is the proof it fired, and when. */
export const disputeWarning = pgTable(
  'dispute_warning',
  {
    disputeId: uuid('dispute_id').notNull(),
    round: integer('round').notNull(),
    level: text('level').$type<'yellow' | 'red'>().notNull(),
    dueAt: at('due_at').notNull(),
    firedAt: at('fired_at').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [primaryKey({ columns: [t.disputeId, t.round, t.level] }), index('dispute_warning_fired_idx').on(t.firedAt)],
);
