import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError, errorResponseSchema, userListQuerySchema, userListSchema } from '@shizhi/domain';
import { inScope } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { listUsers } from './queries.ts';

export function registerUserRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表 Users in my scope',
        querystring: userListQuerySchema,
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
