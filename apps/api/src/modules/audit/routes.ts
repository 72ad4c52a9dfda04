import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError, errorResponseSchema } from '@shizhi/domain';
import { auditLog } from '../../platform/audit/schema.ts';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { inScope } from '../../platform/db/scope.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import { requireActor, requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';

const auditItemSchema = z.object({
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
});

export const chainReportSchema = z
  .object({
    chains: z.array(
      z.object({
        chain: z.string(),
        rows: z.number().int(),
        ok: z.boolean(),
        firstBroken: z
          .object({ seq: z.number().int(), id: z.number().int(), reason: z.enum(['content_changed', 'link_broken', 'sequence_gap']) })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'AuditVerification' });

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

  r.get(
    '/api/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log in my scope',
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
          action: z.string().trim().max(64).optional(),
        }),
        response: { 200: z.object({ items: z.array(auditItemSchema), total: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'audit.view');
      const { page, pageSize, action } = request.query;
      return inScope(deps.db, actor.scopePaths, async (tx) => {
        const where = and(withinScope(auditLog.orgPath, actor.scopePaths), action ? eq(auditLog.action, action) : undefined);
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(auditLog).where(where);
        const rows = await tx
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize);
        return {
          total: Number(total),
          items: rows.map((row) => ({
            id: row.id,
            chain: row.chain,
            seq: row.seq,
            at: row.at.toISOString(),
            actorName: row.actorName,
            action: row.action,
            entityType: row.entityType,
            entityId: row.entityId,
            orgPath: row.orgPath,
            detail: row.detail,
          })),
        };
      });
    },
  );

  r.post(
    '/api/audit-log/verify',
    {
      schema: { tags: ['audit'], summary: '校验审计链 Verify the audit chains', response: { 200: chainReportSchema, ...errors } },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.roles.includes('sys_admin')) throw new DomainError('AUTH.FORBIDDEN');
      return { chains: await verifyAuditChains(deps.db) };
    },
  );
}
