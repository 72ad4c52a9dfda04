import { z } from 'zod';
import { ratio } from '../rates.ts';

/** The counters a scorecard is computed from (summed over a unit's subtree and a period). */
export interface ScorecardCounts {
  reported: number;
  selfHandled: number;
  responseDue: number;
  respondedOnTime: number;
  closed: number;
  closedOnTime: number;
  /** Still open at the period's end with a deadline already past: they count against 按期办结率. */
  openOverdue: number;
  reworked: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  handleMs: number;
  closedInGrid: number;
  closedAtVillage: number;
  closedAtTownship: number;
  closedAtCounty: number;
}

export const kpiKeys = [
  'responseRate',
  'onTimeCloseRate',
  'resolutionRate',
  'satisfactionRate',
  'reworkRate',
  'selfHandledRate',
  'avgHandleHours',
] as const;
export type KpiKey = (typeof kpiKeys)[number];

export const kpiDefinitions: Record<KpiKey, { zh: string; en: string; formula: string }> = {
  responseRate: { zh: '响应率', en: 'Response rate', formula: '按时受理数 / 应受理数' },
  onTimeCloseRate: { zh: '按期办结率', en: 'Closed on time', formula: '按期结案数 / (结案数 + 超期未结数)' },
  resolutionRate: { zh: '解决率', en: 'Resolution rate', formula: '结案数 / (结案数 + 超期未结数)' },
  satisfactionRate: { zh: '满意率', en: 'Satisfaction', formula: '(满意 + 基本满意) / 评价数' },
  reworkRate: { zh: '返工率', en: 'Rework rate', formula: '返工案件数 / 结案数' },
  selfHandledRate: { zh: '自行处置率', en: 'Settled in the grid', formula: '自行处置数 / 上报数（小事不出网格）' },
  avgHandleHours: { zh: '平均办理时长（小时）', en: 'Average handling time (h)', formula: '∑(结案时间 − 上报时间) / 结案数' },
};


/**
 * The scorecard rates, from counts only — never stored, so a rate cannot disagree with its cases.
 * A rate whose denominator is zero is null ("no cases"), not 0 % or 100 %.
 */
export function computeKpis(c: ScorecardCounts): Record<KpiKey, number | null> & { levelShares: Record<'grid' | 'village' | 'township' | 'county', number | null> } {
  const due = c.closed + c.openOverdue;
  return {
    responseRate: ratio(c.respondedOnTime, c.responseDue),
    onTimeCloseRate: ratio(c.closedOnTime, due),
    resolutionRate: ratio(c.closed, due),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.rated),
    reworkRate: ratio(c.reworked, c.closed),
    selfHandledRate: ratio(c.selfHandled, c.reported),
    avgHandleHours: c.closed > 0 ? c.handleMs / c.closed / 3_600_000 : null,
    levelShares: {
      grid: ratio(c.closedInGrid, c.closed),
      village: ratio(c.closedAtVillage, c.closed),
      township: ratio(c.closedAtTownship, c.closed),
      county: ratio(c.closedAtCounty, c.closed),
    },
  };
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const scorecardQuerySchema = z
  .object({
    orgCode: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/, '组织编码格式不正确'),
    from: isoDate,
    to: isoDate,
    categoryTop: z.string().regex(/^\d{2}$/).optional(),
  })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期 (from must not be after to)', path: ['from'] });

const countsSchema = z.object({
  reported: z.number(),
  selfHandled: z.number(),
  responseDue: z.number(),
  respondedOnTime: z.number(),
  closed: z.number(),
  closedOnTime: z.number(),
  openOverdue: z.number(),
  reworked: z.number(),
  rated: z.number(),
  satisfied: z.number(),
  basicallySatisfied: z.number(),
  unsatisfied: z.number(),
  handleMs: z.number(),
  closedInGrid: z.number(),
  closedAtVillage: z.number(),
  closedAtTownship: z.number(),
  closedAtCounty: z.number(),
});

const kpiValuesSchema = z.object({
  responseRate: z.number().nullable(),
  onTimeCloseRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  reworkRate: z.number().nullable(),
  selfHandledRate: z.number().nullable(),
  avgHandleHours: z.number().nullable(),
  levelShares: z.object({
    grid: z.number().nullable(),
    village: z.number().nullable(),
    township: z.number().nullable(),
    county: z.number().nullable(),
  }),
});

export const scorecardRowSchema = z.object({
  orgCode: z.string(),
  orgName: z.string(),
  counts: countsSchema,
  kpis: kpiValuesSchema,
});
export type ScorecardRow = z.infer<typeof scorecardRowSchema>;

export const scorecardSchema = z
  .object({ unit: scorecardRowSchema, children: z.array(scorecardRowSchema), from: z.string(), to: z.string() })
  .meta({ id: 'Scorecard' });
export type Scorecard = z.infer<typeof scorecardSchema>;

/** Which cases stand behind a figure (drill-down). */
export const scorecardCaseKinds = ['reported', 'closed', 'closedLate', 'openOverdue', 'reworked', 'selfHandled', 'unsatisfied'] as const;
export type ScorecardCaseKind = (typeof scorecardCaseKinds)[number];
