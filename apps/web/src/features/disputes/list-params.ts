import {
  disputeMeasures,
  disputeStates,
  disputeTypeCodes,
  riskGrades,
  type DisputeMeasure,
  type DisputeState,
  type DisputeTypeCode,
  type RiskGrade,
} from '@shizhi/domain';
import type { DisputeListParams } from '../../lib/disputes-api.ts';
import { isIsoDay } from '../../lib/periods.ts';

/** The list's filters as they sit in the address bar, so a drill-down or a shared link opens the same list. */
export const listParamKeys = ['state', 'typeCode', 'riskGrade', 'orgCode', 'mediationOrgId', 'mediatorId', 'from', 'to', 'measure', 'q'] as const;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads the filters from the query string, dropping what the API would refuse. */
export function listParamsFrom(search: URLSearchParams): DisputeListParams {
  const pick = (key: string) => search.get(key);
  const orgCode = pick('orgCode');
  const q = pick('q')?.trim();
  const params: DisputeListParams = {
    page: Math.max(1, Number(pick('page')) || 1),
    pageSize: [10, 20, 50, 100].includes(Number(pick('size'))) ? Number(pick('size')) : 20,
  };
  const state = oneOf<DisputeState>(disputeStates, pick('state'));
  const typeCode = oneOf<DisputeTypeCode>(disputeTypeCodes, pick('typeCode'));
  const riskGrade = oneOf<RiskGrade>(riskGrades, pick('riskGrade'));
  const measure = oneOf<DisputeMeasure>(disputeMeasures, pick('measure'));
  if (state) params.state = state;
  if (typeCode) params.typeCode = typeCode;
  if (riskGrade) params.riskGrade = riskGrade;
  if (measure) params.measure = measure;
  if (orgCode && /^\d{6,15}$/.test(orgCode)) params.orgCode = orgCode;
  for (const key of ['mediationOrgId', 'mediatorId'] as const) {
    const value = pick(key);
    if (value && uuid.test(value)) params[key] = value;
  }
  const from = pick('from');
  const to = pick('to');
  if (isIsoDay(from)) params.from = from;
  if (isIsoDay(to) && (!params.from || params.from <= to)) params.to = to;
  if (q) params.q = q.slice(0, 50);
  return params;
}

/** The query string of a list: empty filters and the defaults left out. */
export function searchOf(params: DisputeListParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of listParamKeys) {
    const value = params[key];
    if (value) search.set(key, String(value));
  }
  if (params.page > 1) search.set('page', String(params.page));
  if (params.pageSize !== 20) search.set('size', String(params.pageSize));
  return search;
}
