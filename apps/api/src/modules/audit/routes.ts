import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, desc, eq } from 'drizzle-orm';
import { auditListSchema, auditQuerySchema, auditVerificationSchema, DomainError, errorResponseSchema } from '@shizhi/domain';
import { auditLog } from '../../platform/audit/schema.ts';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { inScope } from '../../platform/db/scope.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import { requireActor, requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

  r.get(
    '/api/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log in my scope',
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, ...errors },
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
      schema: { tags: ['audit'], summary: '校验审计链 Verify the audit chains', response: { 200: auditVerificationSchema, ...errors } },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.roles.includes('sys_admin')) throw new DomainError('AUTH.FORBIDDEN');
      return { chains: await verifyAuditChains(deps.db) };
    },
  );
}
