import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  DomainError,
  errorResponseSchema,
  eventListSchema,
  kpiDefinitions,
  kpiKeys,
  pageQuerySchema,
  scorecardCaseKinds,
  scorecardQuerySchema,
  scorecardSchema,
  type ScorecardRow,
} from '@shizhi/domain';
import { inScope } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { eventSummariesByIds } from '../events/index.ts';
import { scorecard, scorecardCaseIds } from './queries.ts';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

function percent(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** The scorecard as a spreadsheet: one row per unit, rates as percentages, the formulas in a second sheet. */
async function scorecardWorkbook(card: { unit: ScorecardRow; children: ScorecardRow[]; from: string; to: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'shizhi 市治';
  const sheet = workbook.addWorksheet('考核指标');
  sheet.addRow([`${card.unit.orgName} 事件办理考核指标`, `${card.from} 至 ${card.to}`]).font = { bold: true, size: 13 };
  const header = ['单位', '编码', '上报数', '结案数', '超期未结数', ...kpiKeys.map((k) => kpiDefinitions[k].zh), '网格内办结占比', '社区办结占比', '街镇办结占比', '区级办结占比'];
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF8' } };
  for (const row of [card.unit, ...card.children]) {
    const added = sheet.addRow([
      row.orgName,
      row.orgCode,
      row.counts.reported,
      row.counts.closed,
      row.counts.openOverdue,
      ...kpiKeys.map((k) => (k === 'avgHandleHours' ? row.kpis[k] : percent(row.kpis[k]))),
      percent(row.kpis.levelShares.grid),
      percent(row.kpis.levelShares.village),
      percent(row.kpis.levelShares.township),
      percent(row.kpis.levelShares.county),
    ]);
    if (row === card.unit) added.font = { bold: true };
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 24 : 14;
    if (i >= 5 && i !== 5 + kpiKeys.indexOf('avgHandleHours')) column.numFmt = '0.00%';
    if (i === 5 + kpiKeys.indexOf('avgHandleHours')) column.numFmt = '0.0';
  });
  const formulas = workbook.addWorksheet('指标口径');
  formulas.addRow(['指标', '口径']).font = { bold: true };
  for (const k of kpiKeys) formulas.addRow([kpiDefinitions[k].zh, kpiDefinitions[k].formula]);
  formulas.getColumn(1).width = 22;
  formulas.getColumn(2).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function registerScorecardRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/scorecards',
    {
      schema: {
        tags: ['scorecards'],
        summary: '考核指标 Scorecard of a unit and its children for a period, computed from the cases',
        querystring: scorecardQuerySchema,
        response: { 200: scorecardSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'events.view');
      const card = await inScope(deps.db, actor.scopePaths, (tx) => scorecard(tx, actor, request.query, deps.clock.now()));
      if (!card) throw new DomainError('ORG.NOT_FOUND', { field: 'orgCode' });
      return card;
    },
  );

  r.get(
    '/api/scorecards/cases',
    {
      schema: {
        tags: ['scorecards'],
        summary: '指标下钻 The cases behind a figure',
        querystring: z.intersection(scorecardQuerySchema, pageQuerySchema.extend({ kind: z.enum(scorecardCaseKinds) })),
        response: { 200: eventListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'events.view');
      const now = deps.clock.now();
      const result = await inScope(deps.db, actor.scopePaths, async (tx) => {
        const found = await scorecardCaseIds(tx, actor, request.query, now);
        return found && { items: await eventSummariesByIds(tx, actor, found.ids, now), total: found.total };
      });
      if (!result) throw new DomainError('ORG.NOT_FOUND', { field: 'orgCode' });
      return result;
    },
  );

  r.get(
    '/api/scorecards/export.xlsx',
    {
      schema: {
        tags: ['scorecards'],
        summary: '导出 Excel The scorecard as a spreadsheet',
        querystring: scorecardQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'events.view');
      const card = await inScope(deps.db, actor.scopePaths, (tx) => scorecard(tx, actor, request.query, deps.clock.now()));
      if (!card) throw new DomainError('ORG.NOT_FOUND', { field: 'orgCode' });
      const file = `scorecard-${card.unit.orgCode}-${card.from}-${card.to}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(await scorecardWorkbook(card));
    },
  );
}
