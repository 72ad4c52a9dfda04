import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignmentSchema, DomainError, errorResponseSchema, orgCodeSchema, roleSchema } from '@shizhi/domain';
import { inScope } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { listUsers } from './queries.ts';

const userListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        username: z.string(),
        displayName: z.string(),
        status: z.enum(['active', 'disabled']),
        lockedUntil: z.string().nullable(),
        lastLoginAt: z.string().nullable(),
        assignments: z.array(assignmentSchema),
      }),
    ),
    total: z.number().int(),
  })
  .meta({ id: 'UserList' });

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function registerUserRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表 Users in my scope',
        querystring: pageQuerySchema.extend({
          orgCode: orgCodeSchema.optional(),
          q: z.string().trim().max(64).optional(),
          role: roleSchema.optional(),
        }),
        response: {
          200: userListSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'users.manage');
      const list = await inScope(deps.db, actor.scopePaths, (tx) => listUsers(tx, actor, request.query));
      if (!list) throw new DomainError('ORG.NOT_FOUND', { field: 'orgCode' });
      return list;
    },
  );
}
