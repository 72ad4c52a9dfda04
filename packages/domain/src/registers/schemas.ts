import { z } from 'zod';
import { isCode, type RegisterCodeTableId } from './codes.ts';
import { registerColumns, type RegisterColumn, type RegisterKind } from './columns.ts';
import { emptyHouseRecord, emptyOrganisationRecord, emptyPersonRecord, type RegisterRecord } from './records.ts';
import {
  checkHouseRecord,
  checkOrganisationRecord,
  checkPersonRecord,
  normaliseIdNumber,
  readCell,
  type CrossFieldOptions,
  type CrossFieldProblem,
} from './validate.ts';

/**
 * zod schemas for the registers' create/edit bodies and list queries. Each field is checked by the
 * import's cell reader for its column and the whole body by the import's cross-field rules, so a form
 * and a spreadsheet accept the same values. Forms send codes (not names) and ISO dates.
 *
 * The schemas read no clock: rules against today (a birth date in the future) are left to the use
 * case, which calls checkPersonRecord with its clock; that call also fills gender and birth date
 * from the ID number.
 */

function viaReader(column: RegisterColumn) {
  return (value: string, ctx: z.RefinementCtx) => {
    if (value === '') return;
    const read = readCell(column, value);
    if (!read.ok) for (const p of read.problems) ctx.addIssue({ code: 'custom', message: `${p.reason} (${p.reasonEn})` });
  };
}

const codeOf = (table: RegisterCodeTableId) =>
  z
    .string()
    .trim()
    .refine((v) => isCode(table, v), `不是有效的代码 (not a code of ${table})`);

/** The input schema of one column, typed as a form sends it. */
function fieldFor(column: RegisterColumn): z.ZodType {
  switch (column.kind) {
    case 'code':
      return codeOf(column.table!);
    case 'int':
      return z.number().int().min(0).max(10_000_000);
    case 'decimal':
      return z.number().min(0).max(1e7);
    case 'bool':
      return z.boolean();
    case 'lng':
      return z.number().min(73).max(136);
    case 'lat':
      return z.number().min(3).max(54);
    case 'date':
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD (date as YYYY-MM-DD)').superRefine(viaReader(column));
    case 'idNumber':
      return z.string().overwrite(normaliseIdNumber).superRefine(viaReader(column));
    case 'phone':
      return z
        .string()
        .overwrite((v) => v.replace(/\s+/g, ''))
        .superRefine(viaReader(column));
    case 'division':
      return z.string().regex(/^\d{6}$/, '户籍地为6位县级区划代码 (a 6-digit county code)').superRefine(viaReader(column));
    default:
      return z.string().trim().superRefine(viaReader(column));
  }
}

/** The body fields of a register kind: required columns as given, the rest nullable and optional. */
function fieldsOf(kind: RegisterKind, omit: readonly string[] = []): Record<string, z.ZodType> {
  const fields: Record<string, z.ZodType> = {};
  for (const column of registerColumns[kind]) {
    if (column.key.startsWith('details.') || omit.includes(column.key)) continue;
    const field = fieldFor(column);
    fields[column.key] = column.required === true ? field : field.nullish();
  }
  return fields;
}

/** The zod issues of the cross-field rules, on the field's path. */
function addCrossFieldIssues(problems: readonly CrossFieldProblem[], ctx: z.RefinementCtx): void {
  for (const p of problems) ctx.addIssue({ code: 'custom', path: p.key.split('.'), message: `${p.reason} (${p.reasonEn})` });
}

/** No clock in the domain: rules against today are the use case's (see the file comment). */
const schemaCheck: CrossFieldOptions = { today: new Date(8.64e15), idCheck: 'strict' };

function withNulls<T extends RegisterRecord>(empty: T, value: Record<string, unknown>): T {
  const record = empty as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) if (value[key] !== undefined) record[key] = value[key];
  return empty;
}

const personDetailFields = Object.fromEntries(
  registerColumns.population
    .filter((c) => c.key.startsWith('details.'))
    .map((c) => [c.key.slice('details.'.length), fieldFor(c).nullish()]),
);

export const personInputFields = {
  ...fieldsOf('population', ['idType']),
  idType: codeOf('idType').nullish(),
  details: z.object(personDetailFields).default({}),
};

export function personInputCheck(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  addCrossFieldIssues(checkPersonRecord(withNulls(emptyPersonRecord(), value), schemaCheck), ctx);
}

export const personInputSchema = z.object(personInputFields).superRefine(personInputCheck).meta({ id: 'RegisterPersonInput' });

export const houseInputFields = fieldsOf('houses');

export function houseInputCheck(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  addCrossFieldIssues(checkHouseRecord(withNulls(emptyHouseRecord(), value), schemaCheck), ctx);
}

export const houseInputSchema = z.object(houseInputFields).superRefine(houseInputCheck).meta({ id: 'RegisterHouseInput' });

export const organisationInputFields = fieldsOf('organisations');

export function organisationInputCheck(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  addCrossFieldIssues(checkOrganisationRecord(withNulls(emptyOrganisationRecord(), value), schemaCheck), ctx);
}

export const organisationInputSchema = z
  .object(organisationInputFields)
  .superRefine(organisationInputCheck)
  .meta({ id: 'RegisterOrganisationInput' });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD (date as YYYY-MM-DD)');

/** 迁出: the person (or household) left; the record stays, inactive. */
export const moveOutSchema = z
  .object({
    reason: z.string().trim().min(2, '请填写迁出原因 (state the reason)').max(200),
    date: isoDate,
    destination: z.string().trim().max(200).nullish(),
  })
  .meta({ id: 'RegisterMoveOutInput' });

export const deregisterReasons = ['death', 'duplicate', 'moved_abroad', 'error', 'other'] as const;
export type DeregisterReason = (typeof deregisterReasons)[number];
export const deregisterReasonLabels: Record<DeregisterReason, { zh: string; en: string }> = {
  death: { zh: '死亡', en: 'Died' },
  duplicate: { zh: '重复登记', en: 'Duplicate entry' },
  moved_abroad: { zh: '出国（境）定居', en: 'Settled abroad' },
  error: { zh: '错误登记', en: 'Entered in error' },
  other: { zh: '其他', en: 'Other' },
};

/** 注销 */
export const deregisterSchema = z
  .object({ reason: z.enum(deregisterReasons), note: z.string().trim().max(500).nullish() })
  .meta({ id: 'RegisterDeregisterInput' });

/** Reading a whole ID number or phone is audited with the purpose the reader states. */
export const personalDataReadSchema = z
  .object({ purpose: z.string().trim().min(2, '请说明查看用途 (state the purpose)').max(100) })
  .meta({ id: 'PersonalDataRead' });

export const registerStatuses = ['active', 'moved_out', 'deregistered'] as const;

export const registerListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().describe('姓名、名称、编号或地址关键字'),
  idNumber: z.string().trim().max(40).overwrite(normaliseIdNumber).optional().describe('完整证件号码（精确查找）'),
  phone: z.string().trim().max(20).optional().describe('完整电话号码（精确查找）'),
  address: z.string().trim().max(100).optional(),
  gridCode: z.string().regex(/^\d{15}$/, '网格编码为15位数字 (a 15-digit grid code)').optional(),
  communityCode: z.string().regex(/^\d{12}$/, '社区编码为12位数字 (a 12-digit community code)').optional(),
  personType: codeOf('personType').optional(),
  status: z.enum(registerStatuses).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type RegisterListQuery = z.infer<typeof registerListQuerySchema>;
