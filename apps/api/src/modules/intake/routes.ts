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
import { acceptRawPhotos, storedPhotoSchema, storePhoto } from '../files/index.ts';
import { findApiClient, type ApiClient } from './api-keys.ts';
import { citizenPhotos, publicCategories, publicEventStatus, publicPlaces, trackingCodeKnown } from './queries.ts';
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
// Photos: a report carries up to 9, so this is a few reports' worth a minute.
const citizenUploads = { max: 30, timeWindow: '1 minute' };

/** A citizen's photo: the page makes it smaller first (1600 px JPEG, a few hundred KB), so 5 MB is generous. */
export const citizenPhotoBytes = 5 * 1024 * 1024;

const errors = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  429: errorResponseSchema,
};
const trackingParams = z.object({ trackingCode: trackingCodeSchema });
const photoParams = trackingParams.extend({ id: z.string().regex(/^[0-9a-f]{64}$/, '图片编号无效 (invalid photo id)') });
const citizenPhotoListSchema = z.object({ items: z.array(z.object({ id: z.string(), url: z.string() })) });
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

  // Photos arrive as raw bytes, in a scope of their own (see the files module).
  void app.register(async (scope) => {
    acceptRawPhotos(scope, citizenPhotoBytes);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/public/files',
      {
        bodyLimit: citizenPhotoBytes,
        config: { rateLimit: citizenUploads },
        schema: {
          tags: ['public'],
          summary: '群众上传照片 A citizen uploads a photo for a report (raw JPEG, PNG or WebP, ≤ 5 MB); its id goes in the report’s photos',
          security: [],
          response: { 201: storedPhotoSchema, 400: errorResponseSchema, 429: errorResponseSchema },
        },
      },
      // Nobody can read it back from here: it becomes visible with the report it is attached to.
      async (request, reply) => reply.status(201).send(await storePhoto(deps, request.body, null, citizenPhotoBytes)),
    );
  });

  r.get(
    '/api/public/events/:trackingCode/photos',
    {
      config: { rateLimit: citizenReads },
      schema: {
        tags: ['public'],
        summary: '我的照片 The photos the citizen sent with this report',
        security: [],
        params: trackingParams,
        response: { 200: citizenPhotoListSchema, ...errors },
      },
    },
    async (request) => {
      const { trackingCode } = request.params;
      const photos = await citizenPhotos(deps.db, trackingCode);
      if (photos.length === 0 && !(await trackingCodeKnown(deps.db, trackingCode))) throw new DomainError('EVENT.NOT_FOUND');
      return { items: photos.map((p) => ({ id: p.id, url: `/api/public/events/${trackingCode}/photos/${p.id}` })) };
    },
  );

  r.get(
    '/api/public/events/:trackingCode/photos/:id',
    {
      config: { rateLimit: citizenReads },
      schema: { tags: ['public'], summary: '读取我的照片 One of them', security: [], params: photoParams },
    },
    async (request, reply) => {
      const { trackingCode, id } = request.params;
      const [photo] = await citizenPhotos(deps.db, trackingCode, id);
      const stream = photo ? deps.files.read(photo.id) : null;
      if (!photo || !stream) throw new DomainError('NOT_FOUND');
      return reply
        .header('content-type', photo.mime)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(stream);
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
