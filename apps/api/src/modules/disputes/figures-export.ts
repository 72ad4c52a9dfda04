import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import ExcelJS from 'exceljs';
import { disputeFiguresQuerySchema, disputeKpiDefinitions, disputeKpiKeys, type DisputeFigures } from '@shizhi/domain';
import { inScope } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { disputeFigures } from './queries.ts';

const dimensionLabel: Record<DisputeFigures['by'], string> = { unit: '单位', mediation_org: '调解组织', mediator: '调解员', type: '纠纷类别' };

// The counts in the order the figures page shows them, with their Chinese headings.
const countColumns: { key: keyof DisputeFigures['total']['counts']; zh: string }[] = [
  { key: 'accepted', zh: '受理数' },
  { key: 'resolved', zh: '化解数' },
  { key: 'concluded', zh: '调解结案数' },
  { key: 'concludedOnTime', zh: '按期结案数' },
  { key: 'openOverdue', zh: '超期未结数' },
  { key: 'writtenAgreements', zh: '书面协议数' },
  { key: 'judiciallyConfirmed', zh: '司法确认数' },
  { key: 'performanceKnown', zh: '已回访履行情况数' },
  { key: 'performed', zh: '已履行数' },
  { key: 'repeat', zh: '重复纠纷数' },
];

/** The dispute figures as a spreadsheet: one row per unit, body, mediator or type, rates as percentages, formulas on a second sheet. */
export async function disputeFiguresWorkbook(figures: DisputeFigures): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'shizhi 市治';
  const sheet = workbook.addWorksheet('矛盾纠纷化解统计');
  sheet.addRow([`矛盾纠纷化解统计（按${dimensionLabel[figures.by]}）`, `${figures.from} 至 ${figures.to}`]).font = { bold: true, size: 13 };
  const header = sheet.addRow([dimensionLabel[figures.by], ...countColumns.map((c) => c.zh), ...disputeKpiKeys.map((k) => disputeKpiDefinitions[k].zh)]);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF8' } };
  const line = (name: string, row: DisputeFigures['total']) => [name, ...countColumns.map((c) => row.counts[c.key]), ...disputeKpiKeys.map((k) => row.rates[k])];
  for (const row of figures.rows) sheet.addRow(line(row.name, row));
  sheet.addRow(line('合计', figures.total)).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 26 : 12;
    if (i > countColumns.length) column.numFmt = '0.00%';
  });
  const formulas = workbook.addWorksheet('指标口径');
  formulas.addRow(['指标', '口径']).font = { bold: true };
  for (const k of disputeKpiKeys) formulas.addRow([disputeKpiDefinitions[k].zh, disputeKpiDefinitions[k].formula]);
  formulas.getColumn(1).width = 16;
  formulas.getColumn(2).width = 56;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function registerDisputeFiguresExport(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/disputes/figures/export.xlsx',
    {
      schema: {
        tags: ['disputes'],
        summary: '导出 Excel The dispute figures as a spreadsheet',
        querystring: disputeFiguresQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'disputes.view');
      const figures = await inScope(deps.db, actor.scopePaths, (tx) => disputeFigures(tx, actor, request.query, deps.clock.now()));
      const file = `dispute-figures-${figures.by}-${figures.from}-${figures.to}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(await disputeFiguresWorkbook(figures));
    },
  );
}
