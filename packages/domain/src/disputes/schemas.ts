import { z } from 'zod';
import { checkIdNumber } from '../id-number.ts';
import { orgCodeSchema } from '../org.ts';
import {
  disputeOutcomes,
  disputeScales,
  disputeSources,
  disputeTypeCodes,
  judicialStates,
  mediationMethods,
  mediationOrgKinds,
  nextRoutes,
  partyRoles,
  performanceStates,
  referralBodies,
  sessionModes,
} from './catalogue.ts';
import { disputeMeasures } from './kpis.ts';
import { riskGrades } from './risk.ts';
import { disputeActions, disputeStates } from './workflow.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD (date as YYYY-MM-DD)');
const mobile = z.string().regex(/^1\d{10}$/, '请填写11位手机号码 (an 11-digit mobile number)');
const text = (max: number) => z.string().trim().min(1).max(max);

/** 主要当事人: a person (with a valid 公民身份号码 when given) or an organisation (涉及单位). */
export const disputePartyInputSchema = z
  .object({
    role: z.enum(partyRoles),
    kind: z.enum(['person', 'organisation']).default('person'),
    name: text(60),
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => checkIdNumber(v).valid, '公民身份号码无效 (invalid ID number)')
      .optional(),
    phone: mobile.optional(),
    address: z.string().trim().max(100).optional(),
  })
  .meta({ id: 'DisputePartyInput' });
export type DisputePartyInput = z.infer<typeof disputePartyInputSchema>;

const caseFacts = {
  title: text(50).describe('矛盾纠纷名称'),
  typeCode: z.enum(disputeTypeCodes).describe('纠纷类别'),
  occurredOn: isoDate.describe('发生日期'),
  /** The community or grid where it happened (the case's place and scope). */
  placeCode: orgCodeSchema.describe('发生地所属社区/网格编码'),
  address: z.string().trim().max(100).optional().describe('发生地点详址'),
  summary: text(2000).describe('事件简述'),
  claims: z.string().trim().max(1000).optional().describe('当事人诉求'),
  peopleInvolved: z.number().int().min(1).max(100_000).describe('涉及人数'),
  amountYuan: z.number().int().min(0).max(1e12).nullable().optional().describe('涉及金额（元）'),
  unitsInvolved: z.string().trim().max(200).optional().describe('涉及单位'),
};

const partiesList = z
  .array(disputePartyInputSchema)
  .min(1, '至少登记一名当事人 (at least one party)')
  .max(50)
  .refine((ps) => ps.some((p) => p.role === 'applicant'), '须有申请人 (an applicant is required)');

/** 窗口登记 or 委托移送 by centre staff. */
export const registerDisputeSchema = z
  .object({
    source: z.enum(['window', 'referral']).default('window'),
    referral: z
      .object({ body: z.enum(referralBodies), name: text(60).describe('移送单位名称'), reference: z.string().trim().max(60).optional() })
      .optional(),
    ...caseFacts,
    parties: partiesList,
  })
  .refine((v) => v.source !== 'referral' || v.referral, { message: '委托移送须填写移送单位 (a referral names its body)', path: ['referral'] })
  .meta({ id: 'RegisterDispute' });
export type RegisterDispute = z.infer<typeof registerDisputeSchema>;

/** 网格上报转入: the event's owner turns a 矛盾纠纷 event into a case; the event's facts are reused. */
export const disputeFromEventSchema = z
  .object({
    typeCode: z.enum(disputeTypeCodes),
    title: text(50).optional(),
    peopleInvolved: z.number().int().min(1).max(100_000),
    amountYuan: z.number().int().min(0).max(1e12).nullable().optional(),
    claims: z.string().trim().max(1000).optional(),
    parties: partiesList,
  })
  .meta({ id: 'DisputeFromEvent' });
export type DisputeFromEvent = z.infer<typeof disputeFromEventSchema>;

/** 网上申请 by a party, without an account: they follow it by the tracking code. */
export const onlineDisputeApplicationSchema = z
  .object({
    ...caseFacts,
    applicant: disputePartyInputSchema.omit({ role: true, kind: true }).extend({ phone: mobile, idNumber: disputePartyInputSchema.shape.idNumber }),
    respondents: z
      .array(z.object({ name: text(60), phone: mobile.optional(), address: z.string().trim().max(100).optional() }))
      .max(20)
      .default([]),
  })
  .meta({ id: 'OnlineDisputeApplication' });
export type OnlineDisputeApplication = z.infer<typeof onlineDisputeApplicationSchema>;

const attendeeSchema = z.object({
  name: text(60),
  role: z.enum(['mediator', 'applicant', 'respondent', 'third_party', 'other']),
  joinedAt: z.iso.datetime().optional(),
});

const base = { revision: z.number().int().positive(), text: z.string().trim().max(5000).optional() };

/** One step of the case; each action carries what it needs, so a missing item is a 400 naming it. */
export const disputeActionRequestSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('accept'), ...base }),
    z.object({ action: z.literal('refuse'), ...base }),
    z.object({
      action: z.literal('triage'),
      ...base,
      /** Staff may set a grade other than the rules' one; the text says why. */
      riskGrade: z.enum(riskGrades).optional(),
    }),
    z.object({ action: z.literal('assign'), ...base, mediationOrgId: z.uuid(), mediatorId: z.uuid() }),
    z.object({
      action: z.literal('schedule_session'),
      ...base,
      mode: z.enum(sessionModes),
      scheduledAt: z.iso.datetime(),
      place: z.string().trim().max(100).optional(),
      videoLink: z.url().max(500).optional(),
    }),
    z.object({
      action: z.literal('record_session'),
      ...base,
      sessionId: z.uuid(),
      attendees: z.array(attendeeSchema).min(1).max(50),
    }),
    z.object({ action: z.literal('extend'), ...base, days: z.number().int().min(1).max(60) }),
    z.object({
      action: z.literal('record_agreement'),
      ...base,
      outcome: z.enum(['agreement', 'oral_agreement']),
      /** 履行期限: when the agreed performance is due. */
      performBy: isoDate.optional(),
    }),
    z.object({ action: z.literal('record_failure'), ...base, nextRoute: z.enum(nextRoutes), stabilityMeasure: text(500) }),
    z.object({
      action: z.literal('record_follow_up'),
      ...base,
      followUpId: z.uuid().optional(),
      method: z.enum(['phone', 'visit']),
      performance: z.enum(performanceStates),
    }),
    z.object({
      action: z.literal('record_signing'),
      ...base,
      /** The day every party and the mediator signed (and the committee sealed) the 调解协议书. */
      signedOn: isoDate,
    }),
    z.object({
      action: z.literal('record_judicial'),
      ...base,
      judicialState: z.enum(judicialStates),
      court: text(60),
      caseNumber: z.string().trim().max(60).optional(),
      on: isoDate,
    }),
    z.object({ action: z.literal('close'), ...base }),
    z.object({ action: z.literal('reopen'), ...base }),
    z.object({ action: z.literal('evaluate'), ...base, score: z.enum(['excellent', 'good', 'fair', 'poor']) }),
  ])
  .meta({ id: 'DisputeActionRequest' });
export type DisputeActionRequest = z.infer<typeof disputeActionRequestSchema>;

export const disputeListQuerySchema = z.object({
  state: z.enum(disputeStates).optional(),
  typeCode: z.enum(disputeTypeCodes).optional(),
  /** A unit: the cases that happened in its subtree. */
  orgCode: orgCodeSchema.optional(),
  mediationOrgId: z.uuid().optional(),
  mediatorId: z.uuid().optional(),
  riskGrade: z.enum(riskGrades).optional(),
  /** Registered on or after / before (YYYY-MM-DD, Asia/Shanghai days; `to` inclusive). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** A figure's cases: the drill-down of the figures page. */
  measure: z.enum(disputeMeasures).optional(),
  /** Case number or words of the name. */
  q: z.string().trim().min(1).max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type DisputeListQuery = z.infer<typeof disputeListQuerySchema>;

const maskedParty = z.object({
  id: z.string(),
  role: z.enum(partyRoles),
  kind: z.enum(['person', 'organisation']),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});

export const disputeSummarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    typeCode: z.enum(disputeTypeCodes),
    source: z.enum(disputeSources),
    state: z.enum(disputeStates),
    riskGrade: z.enum(riskGrades),
    scale: z.enum(disputeScales),
    peopleInvolved: z.number().int(),
    placeCode: z.string(),
    placeName: z.string().nullable(),
    ownerOrgCode: z.string(),
    mediationOrgName: z.string().nullable(),
    mediatorName: z.string().nullable(),
    /** The first applicant, masked. */
    applicant: maskedParty.nullable(),
    registeredAt: z.string(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    outcome: z.enum(disputeOutcomes).nullable(),
  })
  .meta({ id: 'DisputeSummary' });
export type DisputeSummary = z.infer<typeof disputeSummarySchema>;

export const disputeListSchema = z.object({ items: z.array(disputeSummarySchema), total: z.number().int() }).meta({ id: 'DisputeList' });

export const disputeDetailSchema = z
  .object({
    dispute: disputeSummarySchema.extend({
      revision: z.number().int(),
      occurredOn: z.string(),
      address: z.string().nullable(),
      summary: z.string(),
      claims: z.string().nullable(),
      amountYuan: z.number().nullable(),
      unitsInvolved: z.string().nullable(),
      eventId: z.string().nullable(),
      referral: z.object({ body: z.enum(referralBodies), name: z.string(), reference: z.string().nullable() }).nullable(),
      riskReasons: z.array(z.object({ code: z.string(), grade: z.enum(riskGrades), zh: z.string(), en: z.string() })),
      suggested: z.object({ body: z.enum(mediationOrgKinds), method: z.enum(mediationMethods), field: z.string().nullable() }),
      method: z.enum(mediationMethods).nullable(),
      mediationOrgId: z.string().nullable(),
      mediatorId: z.string().nullable(),
      success: z.boolean().nullable(),
      resolution: z.string().nullable(),
      performBy: z.string().nullable(),
      nextRoute: z.enum(nextRoutes).nullable(),
      stabilityMeasure: z.string().nullable(),
      performance: z.enum(performanceStates).nullable(),
      judicialState: z.enum(judicialStates).nullable(),
      judicialCaseNumber: z.string().nullable(),
      evaluation: z.string().nullable(),
      evaluatedAt: z.string().nullable(),
      reopenCount: z.number().int(),
      repeat: z.boolean(),
      closedAt: z.string().nullable(),
    }),
    parties: z.array(maskedParty),
    sessions: z.array(
      z.object({
        id: z.string(),
        seq: z.number().int(),
        mode: z.enum(sessionModes),
        scheduledAt: z.string(),
        place: z.string().nullable(),
        videoLink: z.string().nullable(),
        state: z.enum(['scheduled', 'held']),
        attendees: z.array(attendeeSchema),
        record: z.string().nullable(),
        heldAt: z.string().nullable(),
      }),
    ),
    followUps: z.array(
      z.object({
        id: z.string(),
        dueOn: z.string(),
        doneAt: z.string().nullable(),
        method: z.enum(['phone', 'visit']).nullable(),
        performance: z.enum(performanceStates).nullable(),
        note: z.string().nullable(),
      }),
    ),
    timeline: z.array(
      z.object({
        at: z.string(),
        actorName: z.string(),
        action: z.string(),
        fromState: z.enum(disputeStates).nullable(),
        toState: z.enum(disputeStates),
        text: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
    clocks: z.array(
      z.object({
        round: z.number().int(),
        startedAt: z.string(),
        dueAt: z.string(),
        yellowAt: z.string(),
        stoppedAt: z.string().nullable(),
        met: z.boolean().nullable(),
      }),
    ),
    allowedActions: z.array(z.enum(disputeActions)),
    /**
     * The documents (调解协议书, 司法确认申请书) and their state: `available` says whether the download
     * answers now; the agreement is generated, then signed (record_signing); the court's answer is
     * recorded with record_judicial. `deadline` is the last day to apply for 司法确认.
     */
    documents: z.object({
      agreement: z.object({
        available: z.boolean(),
        number: z.string().nullable(),
        date: z.string().nullable(),
        generatedAt: z.string().nullable(),
        signedOn: z.string().nullable(),
        signedBy: z.string().nullable(),
      }),
      judicialConfirmation: z.object({
        available: z.boolean(),
        deadline: z.string().nullable(),
        state: z.enum(judicialStates).nullable(),
        court: z.string().nullable(),
        caseNumber: z.string().nullable(),
        on: z.string().nullable(),
        reason: z.string().nullable(),
      }),
    }),
    /** Whether this user may read the parties' ID numbers and phones whole (the read is logged). */
    canReadPersonalData: z.boolean(),
  })
  .meta({ id: 'DisputeDetail' });
export type DisputeDetail = z.infer<typeof disputeDetailSchema>;

export const partyPersonalDataSchema = z
  .object({ id: z.string(), name: z.string(), idNumber: z.string().nullable(), phone: z.string().nullable() })
  .meta({ id: 'DisputePartyPersonalData' });

export const mediationOrgListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(mediationOrgKinds),
        method: z.enum(mediationMethods),
        field: z.string().nullable(),
        orgCode: z.string(),
        suggested: z.boolean(),
        mediators: z.array(
          z.object({ id: z.string(), name: z.string(), userId: z.string().nullable(), openCases: z.number().int(), specialty: z.string().nullable() }),
        ),
      }),
    ),
  })
  .meta({ id: 'MediationOrgList' });

export const disputeFigureDimensions = ['unit', 'mediation_org', 'mediator', 'type'] as const;
export type DisputeFigureDimension = (typeof disputeFigureDimensions)[number];

export const disputeFiguresQuerySchema = z.object({
  by: z.enum(disputeFigureDimensions).default('unit'),
  /** The unit whose children are the rows when by=unit, and whose subtree is counted otherwise. */
  orgCode: orgCodeSchema.optional(),
  from: isoDate,
  to: isoDate,
});
export type DisputeFiguresQuery = z.infer<typeof disputeFiguresQuerySchema>;

const countsSchema = z.object(
  Object.fromEntries(disputeMeasures.map((m) => [m, z.number().int()])) as Record<(typeof disputeMeasures)[number], z.ZodNumber>,
);
const ratesSchema = z.object({
  resolutionRate: z.number().nullable(),
  mediationSuccessRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  judicialConfirmationRate: z.number().nullable(),
  performanceRate: z.number().nullable(),
  repeatRate: z.number().nullable(),
});

export const disputeFiguresSchema = z
  .object({
    by: z.enum(disputeFigureDimensions),
    from: z.string(),
    to: z.string(),
    total: z.object({ counts: countsSchema, rates: ratesSchema }),
    /** `filter` is the list query that shows a row's cases (add `measure` for one figure's). */
    rows: z.array(
      z.object({ key: z.string(), name: z.string(), counts: countsSchema, rates: ratesSchema, filter: z.record(z.string(), z.string()) }),
    ),
  })
  .meta({ id: 'DisputeFigures' });
export type DisputeFigures = z.infer<typeof disputeFiguresSchema>;

/** What an applicant sees of their own case by the tracking code: no other party's personal data. */
export const publicDisputeStatusSchema = z
  .object({
    number: z.string(),
    title: z.string(),
    typeCode: z.enum(disputeTypeCodes),
    state: z.enum(disputeStates),
    registeredAt: z.string(),
    mediationOrgName: z.string().nullable(),
    mediatorName: z.string().nullable(),
    sessions: z.array(z.object({ mode: z.enum(sessionModes), scheduledAt: z.string(), place: z.string().nullable(), videoLink: z.string().nullable() })),
    outcome: z.enum(disputeOutcomes).nullable(),
    refusalReason: z.string().nullable(),
    steps: z.array(z.object({ at: z.string(), action: z.string(), toState: z.enum(disputeStates) })),
  })
  .meta({ id: 'PublicDisputeStatus' });
export type PublicDisputeStatus = z.infer<typeof publicDisputeStatusSchema>;

export const disputeReceiptSchema = z.object({ id: z.string(), number: z.string() }).meta({ id: 'DisputeReceipt' });
