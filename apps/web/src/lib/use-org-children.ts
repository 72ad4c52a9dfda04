import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OrgLevel, OrgUnit, OrgUnitDetail } from '@shizhi/domain';
import { orgUnitQuery } from './org-queries.ts';

/** Which children a lazily loaded tree shows. */
export type OrgTreeMode = 'territory' | 'departments' | 'all';

const departmentHosts: readonly OrgLevel[] = ['province', 'city', 'county'];

export function belongsToTree(unit: OrgUnit, mode: OrgTreeMode): boolean {
  if (mode === 'all') return true;
  if (mode === 'territory') return unit.level !== 'department';
  return unit.level === 'department' || departmentHosts.includes(unit.level);
}

/** Grids and departments have no children; anything else is opened to find out. */
export function isOrgLeaf(unit: OrgUnit): boolean {
  return unit.level === 'grid' || unit.level === 'department';
}

/** Children fetched on demand from GET /api/org-units/{code}, shared with the query cache. */
export function useOrgChildren(mode: OrgTreeMode) {
  const queryClient = useQueryClient();
  const [childrenOf, setChildrenOf] = useState<Record<string, OrgUnit[]>>({});

  const load = useCallback(
    async (code: string): Promise<OrgUnitDetail> => {
      const detail = await queryClient.fetchQuery(orgUnitQuery(code));
      setChildrenOf((previous) =>
        previous[code] ? previous : { ...previous, [code]: detail.children.filter((u) => belongsToTree(u, mode)) },
      );
      return detail;
    },
    [queryClient, mode],
  );

  return { childrenOf, load };
}
