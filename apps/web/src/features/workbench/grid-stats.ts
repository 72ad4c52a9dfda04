import type { GridCollection, OrgLevel, OrgUnit } from '@shizhi/domain';

export interface AreaGridStats {
  code: string;
  name: string;
  grids: number;
  /** Unknown when the figures come from the org tree rather than the grid layer. */
  urbanGrids: number | null;
  households: number;
  population: number;
}

export interface GridStats {
  townships: number;
  villages: number;
  grids: number;
  urbanGrids: number;
  households: number;
  population: number;
  postsFilled: number;
  /** Every grid has an A and a B post (AB岗). */
  postsTotal: number;
}

export function summariseGrids(collection: GridCollection): GridStats {
  const villages = new Set<string>();
  const townships = new Set<string>();
  const stats: GridStats = {
    townships: 0,
    villages: 0,
    grids: collection.features.length,
    urbanGrids: 0,
    households: 0,
    population: 0,
    postsFilled: 0,
    postsTotal: collection.features.length * 2,
  };
  for (const { properties: p } of collection.features) {
    villages.add(p.villageCode);
    townships.add(p.villageCode.slice(0, 9));
    if (p.urban) stats.urbanGrids += 1;
    stats.households += p.households;
    stats.population += p.population;
    stats.postsFilled += p.workers.length;
  }
  stats.villages = villages.size;
  stats.townships = townships.size;
  return stats;
}

/** Grids grouped by the root's next territorial level: townships under a district, villages under a township. */
export function groupGridsBelow(
  collection: GridCollection,
  rootLevel: OrgLevel,
  nameOf: (code: string) => string | undefined,
): AreaGridStats[] {
  const keyLength = rootLevel === 'township' ? 12 : rootLevel === 'county' ? 9 : rootLevel === 'city' ? 6 : 0;
  if (keyLength === 0) return [];
  const groups = new Map<string, AreaGridStats>();
  for (const { properties: p } of collection.features) {
    const code = p.villageCode.slice(0, keyLength);
    let group = groups.get(code);
    if (!group) {
      group = {
        code,
        name: nameOf(code) ?? (keyLength === 12 ? p.villageName : code),
        grids: 0,
        urbanGrids: 0,
        households: 0,
        population: 0,
      };
      groups.set(code, group);
    }
    group.grids += 1;
    if (p.urban) group.urbanGrids = (group.urbanGrids ?? 0) + 1;
    group.households += p.households;
    group.population += p.population;
  }
  return [...groups.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Without the grid layer (roles without map.view), the org tree's own figures for each child. */
export function childrenAsAreas(children: readonly OrgUnit[]): AreaGridStats[] {
  return children
    .filter((c) => c.level !== 'department')
    .map((c) => ({
      code: c.code,
      name: c.name,
      grids: c.level === 'grid' ? 1 : c.gridCount,
      urbanGrids: null,
      households: c.households ?? 0,
      population: c.population ?? 0,
    }));
}
