import { z } from 'zod';
import { orgCodeSchema } from '../org.ts';
import { categoryRulesSchema } from './categories.ts';
import { eventActions, eventStates } from './workflow.ts';

export const eventSources = ['grid_worker', 'citizen', 'hotline', 'machine', 'open311', 'staff'] as const;
export type EventSource = (typeof eventSources)[number];

const lng = z.number().min(73).max(136);

export const photoIdsSchema = z.array(z.string().regex(/^[0-9a-f]{64}$/, '图片编号无效 (invalid photo id)')).max(9);
const lat = z.number().min(3).max(54);

export const reportEventSchema = z
  .object({
    categoryCode: z.string().regex(/^\d{4}$/, '请选择二级分类 (a 4-digit subcategory code)'),
    title: z.string().trim().max(100).optional(),
    description: z.string().trim().min(2, '请描述事件 (describe the matter)').max(4000),
    location: z
      .object({
        lng: lng.optional(),
        lat: lat.optional(),
        address: z.string().trim().max(200).optional(),
        /** The grid or community the reporter chose when there is no point. */
        orgCode: orgCodeSchema.optional(),
      })
      .refine((l) => (l.lng === undefined) === (l.lat === undefined), { message: 'lng and lat go together' })
      .refine((l) => l.lng !== undefined || l.orgCode !== undefined, {
        message: '请在地图上选点或选择网格/社区 (a point or a grid/community is required)',
      }),
    reporter: z
      .object({ name: z.string().trim().max(50).optional(), phone: z.string().regex(/^1\d{10}$/).optional() })
      .optional(),
    /** Photos uploaded first with POST /api/files (their SHA-256 ids), so a retried report carries no bytes. */
    photos: photoIdsSchema.optional(),
  })
  .meta({ id: 'ReportEvent' });
export type ReportEvent = z.infer<typeof reportEventSchema>;

export const eventActionRequestSchema = z
  .object({
    action: z.enum(eventActions),
    /** The revision the user saw; a stale one is refused so two people cannot both act. */
    revision: z.number().int().positive(),
    text: z.string().trim().max(4000).optional(),
    /** dispatch: the lead unit and any co-handling units. */
    lead: orgCodeSchema.optional(),
    co: z.array(orgCodeSchema).max(10).optional(),
    /** hand_down: the lower centre. */
    target: orgCodeSchema.optional(),
    /** request_extension: working days asked for. */
    extensionDays: z.number().int().min(1).max(30).optional(),
    /** Photos of this step (progress, feedback, on-the-spot handling). */
    photos: photoIdsSchema.optional(),
    /** rate: 满意 / 基本满意 / 不满意 */
    rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
  })
  .meta({ id: 'EventActionRequest' });
export type EventActionRequest = z.infer<typeof eventActionRequestSchema>;

const isoString = z.string();

export const eventSummarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    source: z.enum(eventSources),
    categoryCode: z.string(),
    categoryName: z.string(),
    title: z.string(),
    state: z.enum(eventStates),
    gridCode: z.string().nullable(),
    ownerOrgCode: z.string(),
    ownerOrgName: z.string(),
    address: z.string().nullable(),
    reportedAt: isoString,
    dueAt: isoString.nullable(),
    warning: z.enum(['none', 'yellow', 'red']),
    revision: z.number().int(),
  })
  .meta({ id: 'EventSummary' });
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const eventDetailSchema = z
  .object({
    event: eventSummarySchema.extend({
      description: z.string(),
      lng: z.number().nullable(),
      lat: z.number().nullable(),
      reporterName: z.string().nullable(),
      reporterPhone: z.string().nullable().describe('masked'),
      reworkCount: z.number().int(),
      pendingExtensionDays: z.number().int().nullable(),
      rating: z.string().nullable(),
      trackingCode: z.string(),
      rules: categoryRulesSchema,
    }),
    tasks: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['lead', 'co']),
        assigneeOrgCode: z.string(),
        assigneeOrgName: z.string(),
        state: z.enum(['open', 'signed', 'answered', 'closed']),
        answer: z.string().nullable(),
      }),
    ),
    timeline: z.array(
      z.object({
        at: isoString,
        actorName: z.string(),
        action: z.string(),
        fromState: z.enum(eventStates).nullable(),
        toState: z.enum(eventStates),
        text: z.string().nullable(),
      }),
    ),
    clocks: z.array(
      z.object({
        kind: z.enum(['accept', 'handle', 'verify']),
        startedAt: isoString,
        dueAt: isoString,
        yellowAt: isoString,
        stoppedAt: isoString.nullable(),
        met: z.boolean().nullable(),
      }),
    ),
    attachments: z.array(z.object({ id: z.string(), step: z.string(), addedAt: isoString, url: z.string() })),
    supervisions: z.array(
      z.object({
        id: z.string(),
        fromOrgCode: z.string(),
        fromOrgName: z.string(),
        toOrgCode: z.string(),
        toOrgName: z.string(),
        answeredAt: isoString.nullable(),
        reason: z.string(),
        dueAt: isoString,
        state: z.enum(['open', 'answered', 'closed']),
        answer: z.string().nullable(),
        createdBy: z.string(),
        createdAt: isoString,
      }),
    ),
    /** Duplicates: the open case this one looks like, the case it was merged into, and those merged into it. */
    related: z.object({
      suspectedDuplicateOf: z.object({ id: z.string(), number: z.string() }).nullable(),
      mergedInto: z.object({ id: z.string(), number: z.string() }).nullable(),
      merged: z.array(z.object({ id: z.string(), number: z.string() })),
    }),
    allowedActions: z.array(z.enum(eventActions)),
    /** Whether this user may issue a supervision order (督办): staff of a centre above the owner. */
    canSupervise: z.boolean(),
  })
  .meta({ id: 'EventDetail' });

export const superviseRequestSchema = z
  .object({
    reason: z.string().trim().min(2).max(2000),
    dueDays: z.number().int().min(1).max(15).default(1),
  })
  .meta({ id: 'SuperviseRequest' });

export const supervisionAnswerSchema = z.object({ answer: z.string().trim().min(2).max(4000) }).meta({ id: 'SupervisionAnswer' });
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const eventListQuerySchema = z.object({
  view: z.enum(['todo', 'all']).default('todo'),
  state: z.enum(eventStates).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const eventListSchema = z
  .object({ items: z.array(eventSummarySchema), total: z.number().int() })
  .meta({ id: 'EventList' });

export const mergeRequestSchema = z
  .object({ parentId: z.uuid(), revision: z.number().int().positive() })
  .meta({ id: 'MergeRequest' });

export const categoryUpdateSchema = z
  .object({
    name: z.string().trim().min(2).max(50).optional(),
    rules: categoryRulesSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => u.name !== undefined || u.rules !== undefined || u.active !== undefined, { message: 'nothing to change' })
  .meta({ id: 'CategoryUpdate' });
