import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '@shizhi/domain';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { personRowSchema } from './contract.ts';
import { qualityOverview, qualityProblemList, qualityProblems } from './quality.ts';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };
const unit = z.string().regex(/^\d{6,15}$/, '单位编码 (an org code: district, street, community or grid)').optional();
const unitRef = z.object({ code: z.string(), name: z.string(), level: z.string() });
const figures = {
  households: z.number().int().describe('应采集户数: the grids’ household counts'),
  registeredHouseholds: z.number().int().describe('已采集户数: households with an active member'),
  collectionRate: z.number().nullable().describe('采集率, a ratio (0–1); null without households to collect'),
  people: z.number().int(),
  missingItems: z.number().int().describe('people whose record lacks items a visit should collect'),
  idInvalid: z.number().int().describe('公民身份号码 failing GB 11643'),
  duplicates: z.number().int().describe('active records whose ID number has another active record in the county'),
};
const qualitySchema = z
  .object({
    unit: unitRef,
    rows: z.array(z.object({ gridCode: z.string(), gridName: z.string(), villageName: z.string().nullable(), ...figures })),
    totals: z.object(figures),
  })
  .meta({ id: 'RegisterQuality' });
const problemsSchema = z
  .object({
    unit: unitRef,
    problem: z.enum(qualityProblems),
    items: z.array(personRowSchema.extend({ problem: z.string().describe('what to fix, in Chinese') })),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'RegisterQualityProblems' });

/** 数据质量 under /api/registers/quality: the collection figures per grid and the list to fix. */
export function registerQualityRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/registers/quality',
    {
      schema: {
        tags: ['registers'],
        summary: '数据质量 Per grid of a unit: 采集率, people, records missing items, invalid ID numbers, people registered twice',
        querystring: z.object({ unit }),
        response: { 200: qualitySchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      return qualityOverview(deps.db, actor, request.query.unit);
    },
  );
  r.get(
    '/api/registers/quality/problems',
    {
      schema: {
        tags: ['registers'],
        summary: '待整改 People of a unit with one kind of problem, 20 a page, each problem described',
        querystring: z.object({ unit, problem: z.enum(qualityProblems), page: z.coerce.number().int().min(1).max(10_000).default(1) }),
        response: { 200: problemsSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      return qualityProblemList(deps.db, actor, deps.cipher, request.query);
    },
  );
}
