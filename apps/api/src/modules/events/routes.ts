import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  categoryRulesSchema,
  DomainError,
  errorResponseSchema,
  eventActionRequestSchema,
  eventDetailSchema,
  eventListQuerySchema,
  eventListSchema,
  eventStates,
  reportEventSchema,
  superviseRequestSchema,
  mergeRequestSchema,
  categoryUpdateSchema,
  supervisionAnswerSchema,
} from '@shizhi/domain';
import { inScope, isInScope } from '../../platform/db/scope.ts';
import { requireActor, requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { currentCategories, currentCategoriesIncludingInactive, updateCategory } from './catalogue.ts';
import { appendAudit } from '../../platform/audit/write.ts';
import { asSystem } from '../../platform/db/scope.ts';
import { mergeEvent } from './use-cases/merge-event.ts';
import { findEventDetail, listEvents } from './queries.ts';
import { actOnEvent } from './use-cases/act-on-event.ts';
import { reportEvent, type EventsDeps } from './use-cases/report-event.ts';
import { answerSupervision, superviseEvent } from './use-cases/supervise.ts';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

const idParams = z.object({ id: z.uuid('事件编号格式不正确 (invalid event id)') });

export function registerEventRoutes(app: FastifyInstance, deps: AppDeps, events: EventsDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/event-categories',
    {
      schema: {
        tags: ['events'],
        summary: '事件分类 The category catalogue (current versions; deactivated ones only for system administrators, with includeInactive=true)',
        querystring: z.object({
          includeInactive: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: also the deactivated categories (system administrators only), to activate them again'),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                version: z.number().int(),
                parentCode: z.string().nullable(),
                name: z.string(),
                rules: categoryRulesSchema,
                active: z.boolean(),
              }),
            ),
          }),
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (request.query.includeInactive === 'true') {
        // The same rule as editing a category: only a system administrator sees (and revives) the deactivated.
        if (!actor.roles.includes('sys_admin')) throw new DomainError('AUTH.FORBIDDEN');
        return { items: await currentCategoriesIncludingInactive(deps.db) };
      }
      return { items: await currentCategories(deps.db) };
    },
  );

  r.post(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: '上报事件 Report an event (send an Idempotency-Key header so a retry never files twice)',
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: reportEventSchema,
        response: {
          200: z.object({ id: z.string(), number: z.string(), trackingCode: z.string(), replayed: z.literal(true) }),
          201: z.object({ id: z.string(), number: z.string(), trackingCode: z.string(), replayed: z.literal(false) }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'events.report');
      const result = await reportEvent(events, actor, request.body, request.headers['idempotency-key'] ?? null);
      const body = { id: result.id, number: result.number, trackingCode: result.trackingCode };
      return result.replayed ? reply.status(200).send({ ...body, replayed: true }) : reply.status(201).send({ ...body, replayed: false });
    },
  );

  r.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: '事件列表与待办 Events in my scope; view=todo lists what waits for me, most urgent first',
        querystring: eventListQuerySchema,
        response: { 200: eventListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'events.view');
      return inScope(deps.db, actor.scopePaths, (tx) => listEvents(tx, actor, request.query, deps.clock.now()));
    },
  );

  r.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: '事件详情 An event with its tasks, timeline, clocks and the actions open to me',
        params: idParams,
        response: { 200: eventDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'events.view');
      const detail = await inScope(deps.db, actor.scopePaths, (tx) => findEventDetail(tx, actor, request.params.id, deps.clock.now()));
      if (!detail) throw new DomainError('EVENT.NOT_FOUND');
      return detail;
    },
  );

  r.post(
    '/api/events/:id/actions',
    {
      schema: {
        tags: ['events'],
        summary: '办理 Take a step of the loop (accept, dispatch, sign, feedback, verify …)',
        params: idParams,
        body: eventActionRequestSchema,
        response: {
          200: z.object({ id: z.string(), state: z.enum(eventStates), revision: z.number().int() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'events.view');
      const result = await actOnEvent(events, actor, request.params.id, request.body);
      deps.bus.publish({ type: 'event.changed', orgPaths: result.orgPaths, payload: { id: result.id, state: result.state } });
      return { id: result.id, state: result.state, revision: result.revision };
    },
  );

  r.post(
    '/api/events/:id/merge',
    {
      schema: {
        tags: ['events'],
        summary: '合并 Merge a duplicate report into the case already handling the matter',
        params: idParams,
        body: mergeRequestSchema,
        response: { 200: z.object({ id: z.string(), state: z.enum(eventStates), revision: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'events.view');
      const result = await mergeEvent(events, actor, request.params.id, request.body);
      deps.bus.publish({ type: 'event.changed', orgPaths: [result.orgPath], payload: { id: result.id, state: result.state } });
      return { id: result.id, state: result.state, revision: result.revision };
    },
  );

  r.put(
    '/api/event-categories/:code',
    {
      schema: {
        tags: ['events'],
        summary: '修改分类（生成新版本）Edit a category: a new version; filed events keep theirs',
        params: z.object({ code: z.string().regex(/^\d{2}(\d{2})?$/, '分类编码为2或4位数字') }),
        body: categoryUpdateSchema,
        response: {
          200: z.object({ code: z.string(), version: z.number().int(), name: z.string(), rules: categoryRulesSchema }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.roles.includes('sys_admin')) throw new DomainError('AUTH.FORBIDDEN');
      const updated = await asSystem(deps.db, async (tx) => {
        const row = await updateCategory(tx, request.params.code, request.body);
        if (row) {
          await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
            { action: 'category.updated', entityType: 'event_category', entityId: row.code, detail: { version: row.version, ...request.body } },
          ]);
        }
        return row;
      });
      if (!updated) throw new DomainError('NOT_FOUND', { field: 'code' });
      return { code: updated.code, version: updated.version, name: updated.name, rules: updated.rules };
    },
  );

  r.post(
    '/api/events/:id/supervise',
    {
      schema: {
        tags: ['events'],
        summary: '督办 A centre above the owner orders it to act within N working days',
        params: idParams,
        body: superviseRequestSchema,
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'events.view');
      const result = await superviseEvent(events, actor, request.params.id, request.body);
      return reply.status(201).send(result);
    },
  );

  r.post(
    '/api/supervision-orders/:id/answer',
    {
      schema: {
        tags: ['events'],
        summary: '督办回复 The owner answers a supervision order',
        params: z.object({ id: z.uuid() }),
        body: supervisionAnswerSchema,
        response: { 200: z.object({ id: z.string(), state: z.literal('answered') }), ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'events.view');
      return answerSupervision(events, actor, request.params.id, request.body.answer);
    },
  );

  // Live warnings and changes for the signed-in user (Server-Sent Events): the to-do list and the
  // warning badge update without a refresh.
  app.get('/api/stream', { schema: { tags: ['events'], summary: '实时推送 Live warnings (text/event-stream)' } }, async (request, reply) => {
    const actor = requireCapability(request, 'events.view');
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected\n\n`);
    const unsubscribe = deps.bus.subscribe((message) => {
      if (!message.orgPaths.some((path) => isInScope(actor, path))) return;
      res.write(`event: ${message.type}\ndata: ${JSON.stringify(message.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    heartbeat.unref();
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
