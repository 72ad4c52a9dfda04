import { queryOptions, useQuery } from '@tanstack/react-query';
import type { GridCollection, OrgUnit, OrgUnitDetail } from '@shizhi/domain';
import { apiGet } from './api-client.ts';

const orgStaleTime = 5 * 60_000;

export function orgRootsQuery() {
  return queryOptions({
    queryKey: ['org-roots'],
    queryFn: ({ signal }) => apiGet<{ roots: OrgUnit[] }>('/org-units', undefined, signal),
    staleTime: orgStaleTime,
  });
}

export function orgUnitQuery(code: string) {
  return queryOptions({
    queryKey: ['org-unit', code],
    queryFn: ({ signal }) => apiGet<OrgUnitDetail>(`/org-units/${encodeURIComponent(code)}`, undefined, signal),
    staleTime: orgStaleTime,
  });
}

export function gridCollectionQuery(code: string) {
  return queryOptions({
    queryKey: ['org-grids', code],
    queryFn: ({ signal }) =>
      apiGet<GridCollection>(`/org-units/${encodeURIComponent(code)}/grids`, undefined, signal),
    staleTime: orgStaleTime,
  });
}

export function useOrgRoots() {
  return useQuery(orgRootsQuery());
}

export function useOrgUnit(code: string | undefined) {
  return useQuery({ ...orgUnitQuery(code ?? ''), enabled: Boolean(code) });
}

export function useGridCollection(code: string | undefined) {
  return useQuery({ ...gridCollectionQuery(code ?? ''), enabled: Boolean(code) });
}

/** Territorial units form the tree; departments (成员单位) are listed apart. */
export function isDepartment(unit: Pick<OrgUnit, 'level'>): boolean {
  return unit.level === 'department';
}

/**
 * Where a page opens for a root unit. A city account of a one-district deployment would otherwise
 * land on a city with no figures of its own, so a lone district below a city is used instead.
 */
export function useFocusUnit(root: OrgUnit | undefined): { unit: OrgUnit | undefined; pending: boolean } {
  const aboveCounty = root?.level === 'province' || root?.level === 'city';
  const detail = useOrgUnit(aboveCounty ? root?.code : undefined);
  if (!root) return { unit: undefined, pending: false };
  if (!aboveCounty) return { unit: root, pending: false };
  if (detail.isPending) return { unit: undefined, pending: true };
  const territorial = detail.data?.children.filter((c) => c.level !== 'department') ?? [];
  return { unit: territorial.length === 1 ? territorial[0] : root, pending: false };
}
