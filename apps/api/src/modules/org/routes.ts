import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DomainError,
  errorResponseSchema,
  gridCollectionSchema,
  orgCodeParamsSchema,
  orgUnitDetailSchema,
  orgUnitSchema,
} from '@shizhi/domain';
import { inScope } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { findGridsUnder, findRootUnits, findUnitDetail } from './queries.ts';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema };

export function registerOrgRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/org-units',
    {
      schema: {
        tags: ['org'],
        summary: '可见范围的顶层组织 Top units of my scope',
        response: { 200: z.object({ roots: z.array(orgUnitSchema) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'org.view');
      return { roots: await inScope(deps.db, actor.scopePaths, (tx) => findRootUnits(tx, actor)) };
    },
  );

  r.get(
    '/api/org-units/:code',
    {
      schema: {
        tags: ['org'],
        summary: '组织单元及其下级 A unit with its children',
        params: orgCodeParamsSchema,
        response: { 200: orgUnitDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'org.view');
      const detail = await inScope(deps.db, actor.scopePaths, (tx) => findUnitDetail(tx, actor, request.params.code));
      if (!detail) throw new DomainError('ORG.NOT_FOUND');
      return detail;
    },
  );

  r.get(
    '/api/org-units/:code/grids',
    {
      schema: {
        tags: ['org'],
        summary: '单元内全部网格 (GeoJSON) Grids under a unit',
        params: orgCodeParamsSchema,
        response: { 200: gridCollectionSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'map.view');
      const grids = await inScope(deps.db, actor.scopePaths, (tx) => findGridsUnder(tx, actor, request.params.code));
      if (!grids) throw new DomainError('ORG.NOT_FOUND');
      return grids;
    },
  );
}
