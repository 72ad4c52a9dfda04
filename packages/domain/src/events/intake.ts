import { z } from 'zod';
import { eventStates } from './workflow.ts';
import { reportEventSchema } from './schemas.ts';

/**
 * What channels outside the workbench send and receive: a citizen on the phone page (no account,
 * a tracking code to follow the report) and machines posting to the webhook (video-AI alerts and
 * other systems, authenticated by an API key).
 */

/** 满意 / 基本满意 / 不满意 — the 12345 satisfaction scale. */
export const eventRatings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type EventRating = (typeof eventRatings)[number];

/** 查询码: 10 characters of the Crockford alphabet (no I, L, O, U), case-insensitive. */
export const trackingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, '查询码为10位字母数字 (a tracking code has 10 letters and digits)');

export const citizenReportSchema = reportEventSchema
  .extend({
    /** 匿名: the report keeps no name or phone; the citizen follows it by the tracking code alone. */
    anonymous: z.boolean().optional(),
  })
  .meta({ id: 'CitizenReport' });
export type CitizenReport = z.infer<typeof citizenReportSchema>;

/** What the citizen gets back: the number to quote on the phone and the code to follow it online. */
export const reportReceiptSchema = z.object({ number: z.string(), trackingCode: z.string() }).meta({ id: 'ReportReceipt' });

export const publicRatingRequestSchema = z
  .object({
    rating: z.enum(eventRatings),
    comment: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'PublicRatingRequest' });
export type PublicRatingRequest = z.infer<typeof publicRatingRequestSchema>;

/** A report as its reporter sees it: progress, never the names of the staff who handled it. */
export const publicEventStatusSchema = z
  .object({
    number: z.string(),
    title: z.string(),
    categoryName: z.string(),
    state: z.enum(eventStates),
    reportedAt: z.string(),
    closedAt: z.string().nullable(),
    timeline: z.array(z.object({ at: z.string(), action: z.string(), toState: z.enum(eventStates) })),
    /** The handling result once closed (the lead unit's answer or the on-the-spot note), or why it was not accepted. */
    result: z.string().nullable(),
    rating: z.enum(eventRatings).nullable(),
    canRate: z.boolean(),
  })
  .meta({ id: 'PublicEventStatus' });
export type PublicEventStatus = z.infer<typeof publicEventStatusSchema>;

export const publicCategoriesSchema = z
  .object({ items: z.array(z.object({ code: z.string(), parentCode: z.string().nullable(), name: z.string() })) })
  .meta({ id: 'PublicCategories' });

/** Streets/towns and their communities/villages: the picker when the phone has no position. */
export const publicPlacesSchema = z
  .object({
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        communities: z.array(z.object({ code: z.string(), name: z.string() })),
      }),
    ),
  })
  .meta({ id: 'PublicPlaces' });

export const machineEvidenceSchema = z.object({
  snapshotUrl: z.url({ protocol: /^https?$/ }).max(1000).optional(),
  cameraCode: z.string().trim().min(1).max(64).optional(),
  /** The detector's confidence, 0–1. */
  confidence: z.number().min(0).max(1).optional(),
});

export const machineReportSchema = reportEventSchema
  .extend({
    /** The sender's own id for the alert; a resend with the same id files nothing new. */
    externalId: z.string().trim().min(1).max(100),
    evidence: machineEvidenceSchema.optional(),
  })
  .meta({ id: 'MachineReport' });
export type MachineReport = z.infer<typeof machineReportSchema>;
