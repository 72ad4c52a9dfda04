import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DomainError,
  actOnEscalationSchema,
  addKeyPersonSchema,
  answerDecisionSchema,
  closeHardCaseSchema,
  designateHardCaseSchema,
  errorResponseSchema,
  escalationFlagStates,
  escalationRuleSchema,
  escalationRuleUpdateSchema,
  escalationSettingsSchema,
  fileScreeningSchema,
  hardCaseProgressSchema,
  orgCodeSchema,
  prepareMeetingSchema,
  recordMeetingSchema,
  screeningPeriodSchema,
} from '@shizhi/domain';
import { inScope } from '../../platform/db/scope.ts';
import { docxMime, pdfMime, renderSupervisionOrderDocx, renderSupervisionOrderPdf } from '../../platform/documents/index.ts';
import { requireActor } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import type { OversightDeps } from './deps.ts';
import { findHardCase, findMeeting, isDisputeVisible, listDecisions, listHardCases, listMeetings, supervisionOrderOf } from './oversight-queries.ts';
import { listScreeningReports, missingScreenings, screeningSummary } from './screening-queries.ts';
import { actOnEscalationFlag, addKeyPerson, listEscalationFlags, listKeyPersons } from './use-cases/escalation-flags.ts';
import { createEscalationRule, deleteEscalationRule, listEscalationRules, updateEscalationRule, updateEscalationSettings } from './use-cases/escalation-rules.ts';
import { evaluateDisputeEscalation, watchDisputeChanges } from './use-cases/evaluate-escalation.ts';
import { fileScreening } from './use-cases/file-screening.ts';
import { closeHardCase, designateHardCase, recordHardCaseProgress } from './use-cases/hard-cases.ts';
import { answerDecision, prepareMeeting, recordMeeting } from './use-cases/meetings.ts';

// Response bodies are described in docs/dispute-oversight.md; typed by the use cases, not yet by domain schemas.
const reply = z.looseObject({});
const errors = {
  200: reply,
  201: reply, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };
const idParams = z.object({ id: z.uuid('编号格式不正确 (invalid id)') });
const unitPeriod = z.object({ orgCode: orgCodeSchema, period: screeningPeriodSchema });
const countyQuery = z.object({ countyCode: z.string().regex(/^\d{6}$/).optional() });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const base = '/api/dispute-oversight';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves when the escalation evaluations started by dispute changes so far have finished. */
    escalationSettled?: () => Promise<void>;
  }
}

/** 排查, 四定四包, 联席会议 and 督办单, 民转刑 early warning under /api/dispute-oversight. */
export function registerDisputeOversightRoutes(app: FastifyInstance, deps: AppDeps, oversight: OversightDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const watcher = watchDisputeChanges({ ...oversight, bus: deps.bus }, (error) => app.log.error({ err: error }, 'escalation evaluation failed'));
  app.addHook('onClose', async () => {
    watcher.stop();
    await watcher.settled();
  });
  app.decorate('escalationSettled', watcher.settled);
  const read = <T>(request: FastifyRequest, work: Parameters<typeof inScope<T>>[2]) => inScope(deps.db, requireActor(request).scopePaths, work);

  // 排查 routine screening
  r.post(`${base}/screening/reports`, { schema: { tags: ['dispute-oversight'], summary: '排查报送 File (or amend) a month’s screening: items found, or 零报告', body: fileScreeningSchema, response: errors } }, async (request, reply) => {
    const result = await fileScreening(oversight, requireActor(request), request.body);
    return reply.status(result.amended ? 200 : 201).send(result);
  });
  r.get(`${base}/screening/reports`, { schema: { tags: ['dispute-oversight'], summary: '排查报告 Reports filed under a unit for a month', querystring: unitPeriod, response: errors } }, async (request) => {
    const actor = requireActor(request);
    return read(request, (tx) => listScreeningReports(tx, actor, request.query.orgCode, request.query.period));
  });
  r.get(`${base}/screening/missing`, { schema: { tags: ['dispute-oversight'], summary: '未报送 Grids and communities that have not filed, from the due date on', querystring: unitPeriod, response: errors } }, async (request) => {
    const actor = requireActor(request);
    return read(request, (tx) => missingScreenings(tx, actor, request.query.orgCode, request.query.period, oversight.clock.now()));
  });
  r.get(`${base}/screening/summary`, { schema: { tags: ['dispute-oversight'], summary: '排查汇总 Filed, late, 零报告, items and missing per unit', querystring: unitPeriod, response: errors } }, async (request) => {
    const actor = requireActor(request);
    return read(request, (tx) => screeningSummary(tx, actor, request.query.orgCode, request.query.period, oversight.clock.now()));
  });

  // 四定四包 hard cases
  r.post(`${base}/hard-cases`, { schema: { tags: ['dispute-oversight'], summary: '列为疑难案件 Designate a hard case: lead official, handler, measures, deadline', body: designateHardCaseSchema, response: errors } }, async (request, reply) => {
    const result = await designateHardCase(oversight, requireActor(request), request.body);
    return reply.status(201).send({ id: result.id, disputeId: result.disputeId });
  });
  r.get(
    `${base}/hard-cases`,
    { schema: { tags: ['dispute-oversight'], summary: '疑难案件 Hard cases under a unit; overdue=true keeps those past their deadline; disputeId, the one of a case', querystring: z.object({ orgCode: orgCodeSchema, state: z.enum(['open', 'closed']).optional(), overdue: flag.optional(), disputeId: z.uuid().optional() }), response: errors } },
    async (request) => {
      const actor = requireActor(request);
      return read(request, (tx) => listHardCases(tx, actor, request.query, oversight.clock.now()));
    },
  );
  r.get(`${base}/hard-cases/:id`, { schema: { tags: ['dispute-oversight'], summary: '疑难案件详情 A hard case with its progress', params: idParams, response: errors } }, async (request) => {
    const actor = requireActor(request);
    return read(request, (tx) => findHardCase(tx, actor, request.params.id, oversight.clock.now()));
  });
  r.post(`${base}/hard-cases/:id/progress`, { schema: { tags: ['dispute-oversight'], summary: '包案进展 Record progress; measures, deadline or handler may change', params: idParams, body: hardCaseProgressSchema, response: errors } }, async (request) =>
    recordHardCaseProgress(oversight, requireActor(request), request.params.id, request.body),
  );
  r.post(`${base}/hard-cases/:id/close`, { schema: { tags: ['dispute-oversight'], summary: '疑难案件办结 Close a hard case with its outcome', params: idParams, body: closeHardCaseSchema, response: errors } }, async (request) =>
    closeHardCase(oversight, requireActor(request), request.params.id, request.body),
  );

  // 联席会议 and 督办单
  r.post(`${base}/meetings`, { schema: { tags: ['dispute-oversight'], summary: '准备联席会议 Prepare a joint meeting; the agenda is drawn from open hard cases and the last decisions', body: prepareMeetingSchema, response: errors } }, async (request, reply) => {
    const result = await prepareMeeting(oversight, requireActor(request), request.body);
    return reply.status(201).send(result);
  });
  r.get(`${base}/meetings`, { schema: { tags: ['dispute-oversight'], summary: '联席会议 Meetings held by a unit or below', querystring: z.object({ orgCode: orgCodeSchema }), response: errors } }, async (request) => {
    const actor = requireActor(request);
    return read(request, (tx) => listMeetings(tx, actor, request.query.orgCode));
  });
  r.get(`${base}/meetings/:id`, { schema: { tags: ['dispute-oversight'], summary: '会议详情 Agenda, attendees, minutes and the 督办单 with what became of each', params: idParams, response: errors } }, async (request) => {
    const actor = requireActor(request);
    return read(request, (tx) => findMeeting(tx, actor, request.params.id, oversight.clock.now()));
  });
  r.post(`${base}/meetings/:id/record`, { schema: { tags: ['dispute-oversight'], summary: '会议记录 Attendees, minutes and decisions; each decision is issued as a numbered 督办单', params: idParams, body: recordMeetingSchema, response: errors } }, async (request) => {
    const result = await recordMeeting(oversight, requireActor(request), request.params.id, request.body);
    for (const d of result.decisions) deps.bus.publish({ type: 'supervision_order.issued', orgPaths: [d.orgPath], payload: { id: d.id, number: d.number, dueOn: d.dueOn } });
    return { id: result.id, state: result.state, decisions: result.decisions.map(({ orgPath: _path, ...d }) => d) };
  });
  r.get(
    `${base}/decisions`,
    { schema: { tags: ['dispute-oversight'], summary: '督办单 Orders addressed to or issued by units under orgCode', querystring: z.object({ orgCode: orgCodeSchema, state: z.enum(['issued', 'answered']).optional() }), response: errors } },
    async (request) => {
      const actor = requireActor(request);
      return read(request, (tx) => listDecisions(tx, actor, request.query, oversight.clock.now()));
    },
  );
  r.post(`${base}/decisions/:id/answer`, { schema: { tags: ['dispute-oversight'], summary: '督办回复 The recipient unit answers a 督办单', params: idParams, body: answerDecisionSchema, response: errors } }, async (request) => {
    const result = await answerDecision(oversight, requireActor(request), request.params.id, request.body);
    deps.bus.publish({ type: 'supervision_order.answered', orgPaths: [result.issuerOrgPath], payload: { id: result.id } });
    return { id: result.id, state: result.state, answeredOn: result.answeredOn, late: result.late };
  });
  for (const format of ['pdf', 'docx'] as const) {
    r.get(
      `${base}/decisions/:id/supervision-order.${format}`,
      { schema: { tags: ['dispute-oversight'], summary: `督办单 ${format.toUpperCase()} from the document engine, with the reply once answered`, params: idParams } },
      async (request, reply) => {
        const actor = requireActor(request);
        const { number, order } = await read(request, (tx) => supervisionOrderOf(tx, actor, request.params.id));
        const body = format === 'pdf' ? await renderSupervisionOrderPdf(order) : await renderSupervisionOrderDocx(order);
        return reply
          .type(format === 'pdf' ? pdfMime : docxMime)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`督办单-${number}.${format}`)}`)
          .send(body);
      },
    );
  }

  // 民转刑 early warning
  r.get(`${base}/escalation/rules`, { schema: { tags: ['dispute-oversight'], summary: '预警规则 The county’s warning rules and grade settings', querystring: countyQuery, response: errors } }, async (request) =>
    listEscalationRules(oversight, requireActor(request), request.query.countyCode),
  );
  r.post(`${base}/escalation/rules`, { schema: { tags: ['dispute-oversight'], summary: '新增预警规则 Add a rule (administrators)', querystring: countyQuery, body: escalationRuleSchema, response: errors } }, async (request, reply) => {
    const result = await createEscalationRule(oversight, requireActor(request), request.query.countyCode, request.body);
    return reply.status(201).send(result);
  });
  r.put(
    `${base}/escalation/rules/:code`,
    {
      schema: {
        tags: ['dispute-oversight'],
        summary: '修改预警规则 Change a rule; version must be the one read (each change is versioned and audited)',
        querystring: countyQuery,
        params: z.object({ code: z.string().min(1).max(40) }),
        body: escalationRuleUpdateSchema,
        response: errors,
      },
    },
    async (request) => updateEscalationRule(oversight, requireActor(request), request.query.countyCode, request.params.code, request.body),
  );
  r.delete(
    `${base}/escalation/rules/:code`,
    { schema: { tags: ['dispute-oversight'], summary: '删除预警规则 Remove a rule (audited with its last contents)', querystring: countyQuery, params: z.object({ code: z.string().min(1).max(40) }), response: errors } },
    async (request) => deleteEscalationRule(oversight, requireActor(request), request.query.countyCode, request.params.code),
  );
  r.put(
    `${base}/escalation/settings`,
    { schema: { tags: ['dispute-oversight'], summary: '预警等级设置 Score thresholds and the grade routed to police liaison', querystring: countyQuery, body: escalationSettingsSchema.safeExtend({ version: z.number().int().min(1) }), response: errors } },
    async (request) => updateEscalationSettings(oversight, requireActor(request), request.query.countyCode, request.body),
  );
  r.post(`${base}/escalation/disputes/:id/evaluate`, { schema: { tags: ['dispute-oversight'], summary: '立即研判 Evaluate the rules on a case now (also done on every registration and step)', params: idParams, response: errors } }, async (request) => {
    const actor = requireActor(request);
    if (!(await read(request, (tx) => isDisputeVisible(tx, request.params.id)))) throw new DomainError('DISPUTE.NOT_FOUND');
    const outcome = await evaluateDisputeEscalation(oversight, request.params.id, 'on_demand', { id: actor.userId, name: actor.username });
    return { disputeId: request.params.id, grade: outcome!.result.grade, score: outcome!.result.score, routeToPolice: outcome!.result.routeToPolice, flags: outcome!.result.flags, recordedFlagId: outcome!.recordedFlagId };
  });
  r.get(
    `${base}/escalation/flags`,
    {
      schema: {
        tags: ['dispute-oversight'],
        summary: '预警 Current flags under a unit with their explanations, and open flags per unit; disputeId gives a case’s whole history',
        querystring: z.object({ orgCode: orgCodeSchema, state: z.enum(escalationFlagStates).optional(), routeToPolice: flag.optional(), disputeId: z.uuid().optional() }),
        response: errors,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return read(request, (tx) => listEscalationFlags(tx, actor, request.query));
    },
  );
  r.post(`${base}/escalation/flags/:id/actions`, { schema: { tags: ['dispute-oversight'], summary: '处置预警 Acknowledge, route to police liaison with a note, or clear', params: idParams, body: actOnEscalationSchema, response: errors } }, async (request) =>
    actOnEscalationFlag(oversight, requireActor(request), request.params.id, request.body),
  );
  r.post(`${base}/escalation/key-persons`, { schema: { tags: ['dispute-oversight'], summary: '重点人员 Add a person to the list the key-person rule reads', body: addKeyPersonSchema, response: errors } }, async (request, reply) => {
    const result = await addKeyPerson(oversight, requireActor(request), request.body);
    return reply.status(201).send(result);
  });
  r.get(`${base}/escalation/key-persons`, { schema: { tags: ['dispute-oversight'], summary: '重点人员名单 The list under a unit, ID numbers masked', querystring: z.object({ orgCode: orgCodeSchema }), response: errors } }, async (request) => {
    const actor = requireActor(request);
    return read(request, (tx) => listKeyPersons(tx, actor, request.query.orgCode));
  });
}
