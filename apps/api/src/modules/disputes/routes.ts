import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DomainError,
  disputeActionRequestSchema,
  disputeDetailSchema,
  disputeFiguresQuerySchema,
  disputeFiguresSchema,
  disputeFromEventSchema,
  disputeListQuerySchema,
  disputeListSchema,
  disputeReceiptSchema,
  disputeStates,
  disputeTypeCodes,
  errorResponseSchema,
  mediationOrgListSchema,
  onlineDisputeApplicationSchema,
  partyPersonalDataSchema,
  publicDisputeStatusSchema,
  registerDisputeSchema,
  reportReceiptSchema,
  trackingCodeSchema,
} from '@shizhi/domain';
import { inScope } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { disputeFigures, findDisputeDetail, listDisputes, mediationBodies, publicDisputeStatus, withMediatorLoads } from './queries.ts';
import { registerDisputeFiguresExport } from './figures-export.ts';
import { actOnDispute } from './use-cases/act-on-dispute.ts';
import { applyOnline } from './use-cases/apply-online.ts';
import { disputeFromEvent } from './use-cases/dispute-from-event.ts';
import type { DisputesDeps } from './use-cases/open-case.ts';
import { generateDisputeDocument } from './use-cases/generate-document.ts';
import { readPartyPersonalData } from './use-cases/read-personal-data.ts';
import { registerDispute } from './use-cases/register-dispute.ts';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
const idParams = z.object({ id: z.uuid('案件编号格式不正确 (invalid case id)') });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD (date as YYYY-MM-DD)');
/** attachment with an ASCII fallback name and the Chinese one as RFC 5987 `filename*`. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').replace(/^-+/, '') || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
// Per client IP, like the citizen intake: a party applies once or twice, then checks progress now and then.
const publicWrites = { max: 20, timeWindow: '1 minute' };
const publicReads = { max: 120, timeWindow: '1 minute' };

/** 矛调中心: dispute cases for staff and mediators under /api/disputes, the party's own under /api/public. */
export function registerDisputeRoutes(app: FastifyInstance, deps: AppDeps, disputes: DisputesDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerDisputeFiguresExport(app, deps);

  r.post(
    '/api/disputes',
    {
      schema: {
        tags: ['disputes'],
        summary: '登记纠纷 Register a dispute at the window or from a referral (Idempotency-Key makes a retry safe)',
        headers: idempotencyHeaders,
        body: registerDisputeSchema,
        response: { 200: disputeReceiptSchema, 201: disputeReceiptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'disputes.register');
      const result = await registerDispute(disputes, actor, request.body, request.headers['idempotency-key'] ?? null);
      if (result.orgPath) deps.bus.publish({ type: 'dispute.changed', orgPaths: [result.orgPath], payload: { id: result.id, state: 'registered' } });
      return reply.status(result.replayed ? 200 : 201).send({ id: result.id, number: result.number });
    },
  );

  r.post(
    '/api/events/:id/dispute',
    {
      schema: {
        tags: ['disputes'],
        summary: '事件转纠纷 The centre holding a 矛盾纠纷 event takes it into mediation as a dispute case',
        params: z.object({ id: z.uuid('事件编号格式不正确 (invalid event id)') }),
        body: disputeFromEventSchema,
        response: { 201: disputeReceiptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'disputes.register');
      const result = await disputeFromEvent(disputes, actor, request.params.id, request.body);
      deps.bus.publish({ type: 'dispute.changed', orgPaths: [result.orgPath], payload: { id: result.id, state: 'accepted' } });
      return reply.status(201).send({ id: result.id, number: result.number });
    },
  );

  r.get(
    '/api/disputes',
    {
      schema: {
        tags: ['disputes'],
        summary: '纠纷列表 Cases in my scope with filters (state, type, unit, body, mediator, risk, period, text, figure); ID numbers and phones masked',
        querystring: disputeListQuerySchema,
        response: { 200: disputeListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'disputes.view');
      return inScope(deps.db, actor.scopePaths, (tx) => listDisputes(tx, actor, request.query, deps.clock.now()));
    },
  );

  r.get(
    '/api/disputes/figures',
    {
      schema: {
        tags: ['disputes'],
        summary: '纠纷统计 受理数, 化解数 and the rates by unit, mediation body, mediator or type; each row names its list filter',
        querystring: disputeFiguresQuerySchema,
        response: { 200: disputeFiguresSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'disputes.view');
      return inScope(deps.db, actor.scopePaths, (tx) => disputeFigures(tx, actor, request.query, deps.clock.now()));
    },
  );

  r.get(
    '/api/disputes/:id',
    {
      schema: {
        tags: ['disputes'],
        summary: '纠纷详情 A case with parties (masked), sessions, follow-ups, timeline, clock and the actions open to me',
        params: idParams,
        response: { 200: disputeDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'disputes.view');
      const detail = await inScope(deps.db, actor.scopePaths, (tx) => findDisputeDetail(tx, actor, request.params.id, deps.clock.now()));
      if (!detail) throw new DomainError('DISPUTE.NOT_FOUND');
      return detail;
    },
  );

  r.get(
    '/api/disputes/:id/parties/:partyId/personal-data',
    {
      schema: {
        tags: ['disputes'],
        summary: '查看完整证件号与电话 A party’s ID number and phone, whole (assigned mediator and owning centre only; every read is logged)',
        params: idParams.extend({ partyId: z.uuid() }),
        response: { 200: partyPersonalDataSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'disputes.view');
      return readPartyPersonalData(disputes, actor, request.params.id, request.params.partyId);
    },
  );

  r.post(
    '/api/disputes/:id/actions',
    {
      schema: {
        tags: ['disputes'],
        summary: '办理 Take a step: accept, refuse, triage, assign, schedule or record a session, extend, outcome, follow-up, judicial confirmation, close, reopen, evaluate',
        params: idParams,
        body: disputeActionRequestSchema,
        response: { 200: z.object({ id: z.string(), state: z.enum(disputeStates), revision: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'disputes.view');
      const result = await actOnDispute(disputes, actor, request.params.id, request.body);
      deps.bus.publish({ type: 'dispute.changed', orgPaths: result.orgPaths, payload: { id: result.id, state: result.state } });
      return { id: result.id, state: result.state, revision: result.revision };
    },
  );

  // 文书: the 调解协议书 and the 司法确认申请书, printable (PDF, A4) or to edit (.docx); whole personal data, audited.
  const documentSummaries = {
    agreement: '人民调解协议书 The mediation agreement (人民调解法 Art. 29) of a case with a written agreement',
    'judicial-confirmation': '司法确认申请书 The joint application to the court, within 30 days of the agreement (Art. 33); court and applicationDate may be given',
  } as const;
  for (const kind of ['agreement', 'judicial-confirmation'] as const) {
    for (const format of ['pdf', 'docx'] as const) {
      r.get(
        `/api/disputes/:id/documents/${kind}.${format}`,
        {
          schema: {
            tags: ['disputes'],
            summary: `${documentSummaries[kind]} — ${format.toUpperCase()}; assigned mediator and owning centre only, each generation audited`,
            params: idParams,
            querystring:
              kind === 'judicial-confirmation'
                ? z.object({
                    court: z.string().trim().min(1).max(100).optional().describe('受理法院; default: the one recorded on the case, else the county’s basic court'),
                    applicationDate: isoDate.optional().describe('申请日期 YYYY-MM-DD; default today'),
                  })
                : z.object({}),
          },
        },
        async (request, reply) => {
          const actor = requireCapability(request, 'disputes.view');
          const query = request.query as { court?: string; applicationDate?: string };
          const doc = await generateDisputeDocument(disputes, actor, request.params.id, kind, format, query);
          return reply
            .type(doc.mime)
            .header('cache-control', 'no-store')
            .header('content-disposition', contentDisposition(doc.filename))
            .send(doc.body);
        },
      );
    }
  }

  r.get(
    '/api/mediation-orgs',
    {
      schema: {
        tags: ['disputes'],
        summary: '调解组织与调解员 Mediation bodies I may assign to, with mediators and their open cases; typeCode marks the suggested ones',
        querystring: z.object({ typeCode: z.enum(disputeTypeCodes).optional() }),
        response: { 200: mediationOrgListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'disputes.view');
      const bodies = await inScope(deps.db, actor.scopePaths, (tx) => mediationBodies(tx, request.query.typeCode));
      return withMediatorLoads(deps.db, bodies);
    },
  );

  r.post(
    '/api/public/disputes',
    {
      config: { rateLimit: publicWrites },
      schema: {
        tags: ['public'],
        summary: '网上申请调解 A party applies for mediation without an account; the tracking code follows the case',
        security: [],
        headers: idempotencyHeaders,
        body: onlineDisputeApplicationSchema,
        response: { 200: reportReceiptSchema, 201: reportReceiptSchema, 400: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const receipt = await applyOnline(disputes, request.body, request.headers['idempotency-key'] ?? null);
      return reply.status(receipt.replayed ? 200 : 201).send({ number: receipt.number, trackingCode: receipt.trackingCode });
    },
  );

  r.get(
    '/api/public/disputes/:trackingCode',
    {
      config: { rateLimit: publicReads },
      schema: {
        tags: ['public'],
        summary: '申请进度 The applicant follows their own case by its tracking code',
        security: [],
        params: z.object({ trackingCode: trackingCodeSchema }),
        response: { 200: publicDisputeStatusSchema, 400: errorResponseSchema, 404: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request) => {
      const status = await publicDisputeStatus(deps.db, request.params.trackingCode);
      if (!status) throw new DomainError('DISPUTE.NOT_FOUND');
      return status;
    },
  );
}
