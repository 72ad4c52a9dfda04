import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  citizenReportSchema,
  DomainError,
  errorResponseSchema,
  eventRatings,
  eventStates,
  machineReportSchema,
  publicCategoriesSchema,
  publicEventStatusSchema,
  publicPlacesSchema,
  publicRatingRequestSchema,
  reportReceiptSchema,
  trackingCodeSchema,
} from '@shizhi/domain';
import type { AppDeps } from '../../platform/http/deps.ts';
import { rateAsPublicReporter, type EventsDeps } from '../events/index.ts';
import { findApiClient, type ApiClient } from './api-keys.ts';
import { publicCategories, publicEventStatus, publicPlaces } from './queries.ts';
import { fileCitizenReport } from './use-cases/file-citizen-report.ts';
import { fileMachineReport } from './use-cases/file-machine-report.ts';

declare module 'fastify' {
  interface FastifyRequest {
    apiClient: ApiClient | null;
  }
}

// Per client IP. Writes are few per person; reads allow a page polling for progress. Many phones
// can share one carrier IP, so the limits leave room for a neighbourhood, not a script.
const citizenWrites = { max: 20, timeWindow: '1 minute' };
const citizenReads = { max: 120, timeWindow: '1 minute' };

const errors = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  429: errorResponseSchema,
};
const trackingParams = z.object({ trackingCode: trackingCodeSchema });
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

/** Public citizen intake under /api/public (no sign-in) and the machine webhook under /api/intake. */
export function registerIntakeRoutes(app: FastifyInstance, deps: AppDeps, events: EventsDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest('apiClient', null);

  r.get(
    '/api/public/categories',
    {
      config: { rateLimit: citizenReads },
      schema: {
        tags: ['public'],
        summary: '事件分类（公开） The categories a citizen may report under',
        security: [],
        response: { 200: publicCategoriesSchema, 429: errorResponseSchema },
      },
    },
    async () => publicCategories(deps.db),
  );

  r.get(
    '/api/public/places',
    {
      config: { rateLimit: citizenReads },
      schema: {
        tags: ['public'],
        summary: '街镇与社区（公开） Streets/towns and their communities, to pick a place without GPS',
        security: [],
        response: { 200: publicPlacesSchema, 429: errorResponseSchema },
      },
    },
    async () => publicPlaces(deps.db),
  );

  r.post(
    '/api/public/events',
    {
      config: { rateLimit: citizenWrites },
      schema: {
        tags: ['public'],
        summary: '群众上报 A citizen reports (anonymous allowed; send an Idempotency-Key so a retry never files twice)',
        security: [],
        headers: idempotencyHeaders,
        body: citizenReportSchema,
        response: { 200: reportReceiptSchema, 201: reportReceiptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const receipt = await fileCitizenReport(events, request.body, request.headers['idempotency-key'] ?? null);
      return reply.status(receipt.replayed ? 200 : 201).send({ number: receipt.number, trackingCode: receipt.trackingCode });
    },
  );

  r.get(
    '/api/public/events/:trackingCode',
    {
      config: { rateLimit: citizenReads },
      schema: {
        tags: ['public'],
        summary: '进度查询 Follow a report by its tracking code',
        security: [],
        params: trackingParams,
        response: { 200: publicEventStatusSchema, ...errors },
      },
    },
    async (request) => {
      const status = await publicEventStatus(deps.db, request.params.trackingCode);
      if (!status) throw new DomainError('EVENT.NOT_FOUND');
      return status;
    },
  );

  r.post(
    '/api/public/events/:trackingCode/rating',
    {
      config: { rateLimit: citizenWrites },
      schema: {
        tags: ['public'],
        summary: '群众评价 The reporter rates the handling of a closed report',
        security: [],
        params: trackingParams,
        body: publicRatingRequestSchema,
        response: {
          200: z.object({ number: z.string(), state: z.enum(eventStates), rating: z.enum(eventRatings) }),
          ...errors,
        },
      },
    },
    async (request) => rateAsPublicReporter(events, request.params.trackingCode, request.body),
  );

  r.post(
    '/api/intake/webhook',
    {
      // Authenticate before the body is even parsed: an unknown sender learns nothing about our schema.
      onRequest: async (request: FastifyRequest) => {
        const header = request.headers['x-api-key'];
        request.apiClient = await findApiClient(deps.db, Array.isArray(header) ? header[0] : header, 'webhook');
        if (!request.apiClient) throw new DomainError('AUTH.API_KEY_INVALID');
      },
      schema: {
        tags: ['intake'],
        summary: '机器上报 A machine (video-AI alert, another system) files a report; x-api-key header; externalId makes resends safe',
        security: [],
        body: machineReportSchema,
        response: {
          200: z.object({ id: z.string(), number: z.string(), trackingCode: z.string(), replayed: z.literal(true) }),
          201: z.object({ id: z.string(), number: z.string(), trackingCode: z.string(), replayed: z.literal(false) }),
          401: errorResponseSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const result = await fileMachineReport(events, request.apiClient!, request.body);
      const body = { id: result.id, number: result.number, trackingCode: result.trackingCode };
      return result.replayed ? reply.status(200).send({ ...body, replayed: true }) : reply.status(201).send({ ...body, replayed: false });
    },
  );
}
