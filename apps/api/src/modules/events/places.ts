import type { HandlingLevel } from '@shizhi/domain';

// Path labels: 0 province, 1 city, 2 county, 3 township, 4 village, 5 grid.
const depthOf: Record<HandlingLevel, number> = { county: 3, township: 4, village: 5, grid: 5 };

/**
 * The 综治中心 responsible for a matter at `placePath`, given the level its category is settled at.
 * Grids have no centre of their own: grid-level matters belong to the community, which sends them to
 * the grid worker (小事一格解决).
 */
export function ownerPathFor(placePath: string, level: HandlingLevel): string {
  const labels = placePath.split('.');
  return labels.slice(0, Math.min(depthOf[level], labels.length)).join('.');
}

export function codeOfPath(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** The centre one level up (grid → community → street → district); null at the county. */
export function parentCentrePath(ownerPath: string): string | null {
  const labels = ownerPath.split('.');
  return labels.length > 3 ? labels.slice(0, -1).join('.') : null;
}

export function isOnPathBelow(ancestor: string, candidate: string): boolean {
  return candidate.startsWith(`${ancestor}.`);
}
