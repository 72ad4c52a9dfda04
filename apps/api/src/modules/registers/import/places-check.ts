import type { RowProblem } from '@shizhi/domain';
import { isInScope } from '../../../platform/db/scope.ts';
import type { ImportContext } from './plan.ts';
import type { GridPlace } from './places.ts';

export const gridHeader = '所属网格';

/** The grid of a row: known, inside the importer's scope and in the import's county — or the problem. */
export function checkGrid(code: string, context: ImportContext): { grid: GridPlace } | { problem: RowProblem } {
  const grid = context.grids.get(code);
  if (!grid) return { problem: { column: gridHeader, reason: `网格编码 ${code} 不存在`, reasonEn: `There is no grid ${code}` } };
  if (!isInScope({ scopePaths: context.actor.scopePaths as string[] }, grid.orgPath)) {
    return { problem: { column: gridHeader, reason: '网格不在您的管辖范围', reasonEn: 'The grid is outside your area' } };
  }
  if (grid.countyCode !== context.countyCode) {
    return { problem: { column: gridHeader, reason: `网格 ${code} 不属于本次导入的县（区）${context.countyCode}`, reasonEn: `Grid ${code} is not in county ${context.countyCode}` } };
  }
  return { grid };
}
