import { z } from 'zod';
import { assignmentSchema } from './auth.ts';
import { orgCodeSchema } from './org.ts';
import { roleSchema } from './roles.ts';

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const userListQuerySchema = pageQuerySchema.extend({
  orgCode: orgCodeSchema.optional(),
  q: z.string().trim().max(64).optional(),
  role: roleSchema.optional(),
});

export const userListItemSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    status: z.enum(['active', 'disabled']),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    assignments: z.array(assignmentSchema),
  })
  .meta({ id: 'UserListItem' });
export type UserListItem = z.infer<typeof userListItemSchema>;

export const userListSchema = z
  .object({ items: z.array(userListItemSchema), total: z.number().int() })
  .meta({ id: 'UserList' });

export const auditQuerySchema = pageQuerySchema.extend({ action: z.string().trim().max(64).optional() });

export const auditItemSchema = z
  .object({
    id: z.number().int(),
    chain: z.string(),
    seq: z.number().int(),
    at: z.string(),
    actorName: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    orgPath: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditItem' });
export type AuditItem = z.infer<typeof auditItemSchema>;

export const auditListSchema = z
  .object({ items: z.array(auditItemSchema), total: z.number().int() })
  .meta({ id: 'AuditList' });

export const brokenLinkReasons = ['content_changed', 'link_broken', 'sequence_gap'] as const;

export const chainReportSchema = z.object({
  chain: z.string(),
  rows: z.number().int(),
  ok: z.boolean(),
  firstBroken: z
    .object({ chain: z.string(), seq: z.number().int(), id: z.number().int(), reason: z.enum(brokenLinkReasons) })
    .nullable(),
});
export type ChainReport = z.infer<typeof chainReportSchema>;

export const auditVerificationSchema = z
  .object({ chains: z.array(chainReportSchema) })
  .meta({ id: 'AuditVerification' });
