import { isCode, type RegisterCodeTableId } from '@shizhi/domain';
import type { RecordStatus, RegisterEntity, RegisterListParams } from '../../lib/registers-api.ts';

/**
 * A register list's filters as they sit in the address bar, so a shared link or the back button
 * opens the same list. Each register takes the common filters (q, address, unit, status) and its own.
 */
const codeFilters: Record<RegisterEntity, readonly (readonly [keyof RegisterListParams, RegisterCodeTableId])[]> = {
  people: [['personType', 'personType']],
  houses: [['hazardGrade', 'hazardGrade']],
  organisations: [
    ['kind', 'organisationKind'],
    ['attentionLevel', 'attentionLevel'],
  ],
};

const statuses: readonly (RecordStatus | 'all')[] = ['active', 'moved_out', 'deregistered', 'all'];
const pageSizes = [10, 20, 50, 100];

const textKeys = ['q', 'address'] as const;
const orderedKeys = ['q', 'address', 'unit', 'status', 'personType', 'rental', 'hazardGrade', 'kind', 'attentionLevel'] as const;

/** Reads the filters from the query string, dropping what the API would refuse. */
export function registerParamsFrom(entity: RegisterEntity, search: URLSearchParams): RegisterListParams {
  const size = Number(search.get('size'));
  const params: RegisterListParams = {
    page: Math.min(10_000, Math.max(1, Math.floor(Number(search.get('page'))) || 1)),
    pageSize: pageSizes.includes(size) ? size : 20,
  };
  for (const key of textKeys) {
    const value = search.get(key)?.trim();
    // The address search is a trigram match: one character finds everything.
    if (value && (key === 'q' || value.length >= 2)) params[key] = value.slice(0, 100);
  }
  const unit = search.get('unit');
  if (unit && /^\d{6,15}$/.test(unit)) params.unit = unit;
  const status = search.get('status');
  if (status && (statuses as readonly string[]).includes(status)) params.status = status as RecordStatus | 'all';
  for (const [key, table] of codeFilters[entity]) {
    const value = search.get(key);
    if (value && isCode(table, value)) (params as unknown as Record<string, string>)[key] = value;
  }
  if (entity === 'houses') {
    const rental = search.get('rental');
    if (rental === 'true' || rental === 'false') params.rental = rental;
  }
  return params;
}

/** The query string of a list: empty filters and the defaults left out. */
export function searchOfRegister(params: RegisterListParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of orderedKeys) {
    const value = params[key];
    if (value) search.set(key, String(value));
  }
  if (params.page > 1) search.set('page', String(params.page));
  if (params.pageSize !== 20) search.set('size', String(params.pageSize));
  return search;
}

/** Whether any filter beyond paging is set (the 清除筛选 link shows then). */
export function isFiltered(params: RegisterListParams): boolean {
  return Object.keys(params).some((k) => k !== 'page' && k !== 'pageSize');
}
