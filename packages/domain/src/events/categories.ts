import { z } from 'zod';

/** A time limit as the category catalogue writes it (受理/处置/核查时限). */
export const timeLimitSchema = z
  .object({
    unit: z.enum(['hours', 'workingHours', 'workingDays', 'naturalDays']),
    value: z.number().positive(),
  })
  .refine((l) => l.unit === 'hours' || l.unit === 'workingHours' || Number.isInteger(l.value), {
    message: '天数须为整数，不足一天请按小时计 (whole days; give shorter limits in hours)',
    path: ['value'],
  });
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const handlingLevels = ['grid', 'village', 'township', 'county'] as const;
export type HandlingLevel = (typeof handlingLevels)[number];

export const categoryRulesSchema = z.object({
  /** Where a report of this kind is settled by default: 小事一格解决, bigger matters higher up. */
  handlingLevel: z.enum(handlingLevels),
  /** The member department (成员单位) that usually handles it, by name fragment (公安, 住建 …). */
  department: z.string().nullable(),
  limits: z.object({ accept: timeLimitSchema, handle: timeLimitSchema, verify: timeLimitSchema }),
  /** Warnings as the share of the allowed working time used: yellow before the deadline, red at it. */
  warn: z.object({ yellow: z.number().min(0).max(1), red: z.number().min(0).max(2) }),
  /** What a red card does: a supervision order (督办) from the level above, or escalation to it. */
  onRed: z.enum(['supervise', 'escalate', 'none']).optional(),
});
export type CategoryRules = z.infer<typeof categoryRulesSchema>;

interface CategorySeed {
  code: string;
  name: string;
  children: { code: string; name: string; rules?: Partial<CategoryRules> }[];
  rules: CategoryRules;
}

const hours = (value: number): TimeLimit => ({ unit: 'workingHours', value });
const days = (value: number): TimeLimit => ({ unit: 'workingDays', value });
const warn = { yellow: 0.75, red: 1 };

/**
 * The default catalogue (two levels). Time standards follow typical local rules: what can be settled
 * on the spot the same day; ordinary matters in 2–3 working days; hard ones 7; the longest 15 with
 * approval (anchors-china §3). Admins edit them; each edit is a new version.
 */
export const defaultCategories: readonly CategorySeed[] = [
  {
    code: '01',
    name: '矛盾纠纷',
    rules: { handlingLevel: 'village', department: '司法', limits: { accept: hours(4), handle: days(7), verify: days(1) }, warn },
    children: [
      { code: '0101', name: '婚姻家庭纠纷' },
      { code: '0102', name: '邻里纠纷' },
      { code: '0103', name: '劳资纠纷', rules: { handlingLevel: 'township', department: '人力资源' } },
      { code: '0104', name: '物业纠纷', rules: { department: '住房' } },
      { code: '0105', name: '土地山林权属纠纷', rules: { handlingLevel: 'township', department: '自然资源' } },
      { code: '0106', name: '债务及民间借贷纠纷' },
      { code: '0199', name: '其他矛盾纠纷' },
    ],
  },
  {
    code: '02',
    name: '治安隐患',
    rules: { handlingLevel: 'township', department: '公安', limits: { accept: hours(2), handle: days(3), verify: days(1) }, warn },
    children: [
      { code: '0201', name: '可疑人员与场所' },
      { code: '0202', name: '涉赌涉黄线索' },
      { code: '0203', name: '校园周边治安' },
      { code: '0299', name: '其他治安隐患' },
    ],
  },
  {
    code: '03',
    name: '安全生产',
    rules: { handlingLevel: 'township', department: '应急', limits: { accept: hours(2), handle: days(3), verify: days(1) }, warn },
    children: [
      { code: '0301', name: '企业安全隐患' },
      { code: '0302', name: '建筑施工安全', rules: { department: '住房' } },
      { code: '0303', name: '燃气安全', rules: { department: '燃气' } },
      { code: '0399', name: '其他安全生产隐患' },
    ],
  },
  {
    code: '04',
    name: '消防安全',
    rules: { handlingLevel: 'village', department: '消防', limits: { accept: hours(1), handle: days(2), verify: days(1) }, warn },
    children: [
      { code: '0401', name: '消防通道堵塞' },
      { code: '0402', name: '电动车违规充电' },
      { code: '0403', name: '消防设施损坏' },
      { code: '0499', name: '其他消防隐患' },
    ],
  },
  {
    code: '05',
    name: '城市管理',
    rules: { handlingLevel: 'township', department: '综合执法', limits: { accept: hours(4), handle: days(3), verify: days(1) }, warn },
    children: [
      { code: '0501', name: '占道经营' },
      { code: '0502', name: '乱堆乱放' },
      { code: '0503', name: '违章搭建' },
      { code: '0504', name: '市政设施损坏', rules: { department: '住房' } },
      { code: '0599', name: '其他城市管理问题' },
    ],
  },
  {
    code: '06',
    name: '民生服务',
    rules: { handlingLevel: 'village', department: '民政', limits: { accept: hours(8), handle: days(5), verify: days(2) }, warn },
    children: [
      { code: '0601', name: '困难群众帮扶' },
      { code: '0602', name: '就业社保咨询', rules: { department: '人力资源' } },
      { code: '0603', name: '环境卫生', rules: { department: '卫生' } },
      { code: '0699', name: '其他民生诉求' },
    ],
  },
  {
    code: '99',
    name: '其他',
    rules: { handlingLevel: 'village', department: null, limits: { accept: hours(8), handle: days(5), verify: days(2) }, warn },
    children: [{ code: '9999', name: '其他事项' }],
  },
];

export interface CategoryRow {
  code: string;
  parentCode: string | null;
  name: string;
  rules: CategoryRules;
  sortOrder: number;
}

/** The catalogue as rows: a child inherits its parent's rules and overrides what it names. */
export function defaultCategoryRows(): CategoryRow[] {
  const rows: CategoryRow[] = [];
  defaultCategories.forEach((top, i) => {
    rows.push({ code: top.code, parentCode: null, name: top.name, rules: top.rules, sortOrder: i });
    top.children.forEach((child, j) =>
      rows.push({ code: child.code, parentCode: top.code, name: child.name, rules: { ...top.rules, ...child.rules }, sortOrder: j }),
    );
  });
  return rows;
}
