import { z } from 'zod';
import { orgCodeSchema } from '../org.ts';
import { disputeTypeCodes } from '../disputes/catalogue.ts';

/**
 * 矛盾纠纷排查 (routine screening): every grid and every community files one report a month, listing
 * what it found or saying explicitly that it found nothing (零报告). A unit that has not filed by the
 * due date shows as missing to the level above; a report filed after it counts as late.
 */

/** The levels that file: grids (网格) and communities/villages (村社区). */
export const screeningFilerLevels = ['grid', 'village'] as const;
export type ScreeningFilerLevel = (typeof screeningFilerLevels)[number];

/** Reports for a month are due on this day of the same month (每月25日前报送). */
export const screeningDueDay = 25;

export const screeningPeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '排查月份格式为 YYYY-MM (period as YYYY-MM)');

/** The screening month ('YYYY-MM') a China calendar date ('YYYY-MM-DD') falls in. */
export function screeningPeriodOf(date: string): string {
  return date.slice(0, 7);
}

/** The due date ('YYYY-MM-DD') of a month's reports. */
export function screeningDueDate(period: string, dueDay: number = screeningDueDay): string {
  return `${period}-${String(dueDay).padStart(2, '0')}`;
}

/** The month before a period. */
export function previousScreeningPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export type ScreeningStatus = 'filed' | 'filed_late' | 'not_due' | 'missing';

export const screeningStatusLabels: Record<ScreeningStatus, { zh: string; en: string }> = {
  filed: { zh: '已按时报送', en: 'Filed on time' },
  filed_late: { zh: '逾期报送', en: 'Filed late' },
  not_due: { zh: '未到报送期限', en: 'Not yet due' },
  missing: { zh: '逾期未报', en: 'Missing' },
};

/**
 * Where a unit stands for a period on `today`: a report filed on or before the due date is on time;
 * without one, the unit is missing from the due date on (the level above sees it that very day).
 */
export function screeningStatus(period: string, today: string, filedOn: string | null): ScreeningStatus {
  const due = screeningDueDate(period);
  if (filedOn) return filedOn <= due ? 'filed' : 'filed_late';
  return today >= due ? 'missing' : 'not_due';
}

/** Whether a month may be reported on `today`: not before it begins. */
export function screeningPeriodOpen(period: string, today: string): boolean {
  return `${period}-01` <= today;
}

/** One matter found in screening (排查出的矛盾纠纷); no personal data, the dispute case holds that. */
export const screeningItemSchema = z
  .object({
    typeCode: z.enum(disputeTypeCodes).describe('纠纷类别'),
    title: z.string().trim().min(1).max(50).describe('矛盾纠纷名称'),
    summary: z.string().trim().min(1).max(1000).describe('基本情况'),
    peopleInvolved: z.number().int().min(1).max(100_000).describe('涉及人数'),
    address: z.string().trim().max(100).optional().describe('发生地点'),
    /** 已化解 on the spot, 化解中, or handed on (上报/转办). */
    handling: z.enum(['resolved', 'in_progress', 'referred']).describe('处置情况'),
    /** The dispute case, when one was registered for it. */
    disputeId: z.uuid().optional(),
  })
  .meta({ id: 'ScreeningItem' });
export type ScreeningItem = z.infer<typeof screeningItemSchema>;

export const fileScreeningSchema = z
  .object({
    orgCode: orgCodeSchema.describe('报送单位（网格或村社区）编码'),
    period: screeningPeriodSchema.describe('排查月份'),
    /** 零报告: true says in so many words that nothing was found; items must then be empty. */
    nothingFound: z.boolean().describe('零报告'),
    items: z.array(screeningItemSchema).max(200).default([]),
    note: z.string().trim().max(1000).optional().describe('排查说明'),
  })
  .refine((v) => !v.nothingFound || v.items.length === 0, { message: '零报告不能同时列出排查事项 (a nil report lists no items)', path: ['items'] })
  .refine((v) => v.nothingFound || v.items.length > 0, { message: '未勾选零报告时须列出排查事项 (list the items or file a nil report)', path: ['nothingFound'] })
  .meta({ id: 'FileScreening' });
export type FileScreening = z.infer<typeof fileScreeningSchema>;
