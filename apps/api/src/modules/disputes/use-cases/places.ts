import { and, eq, inArray } from 'drizzle-orm';
import { DomainError } from '@shizhi/domain';
import type { Executor } from '../../../platform/db/client.ts';
import { withinScope } from '../../../platform/db/scope-sql.ts';
import type { Actor } from '../../../platform/db/scope.ts';
import { orgUnit } from '../../org/index.ts';

/** Where a case can happen: a street or town, a community or village, a grid. */
const placeLevels = ['township', 'village', 'grid'] as const;

export interface CasePlace {
  code: string;
  orgPath: string;
  countyCode: string;
}

/** The place of a new case, within `scopePaths` (null = anywhere in the deployment); a 400 naming `field` otherwise. */
export async function findCasePlace(db: Executor, code: string, scopePaths: readonly string[] | null, field = 'placeCode'): Promise<CasePlace> {
  const [unit] = await db
    .select({ code: orgUnit.code, orgPath: orgUnit.orgPath, countyCode: orgUnit.countyCode })
    .from(orgUnit)
    .where(and(eq(orgUnit.code, code), inArray(orgUnit.level, [...placeLevels]), scopePaths ? withinScope(orgUnit.orgPath, scopePaths) : undefined));
  if (!unit) throw new DomainError('DISPUTE.TARGET_INVALID', { field, detail: '请选择本辖区内的街镇、社区或网格' });
  return unit;
}

/** The centre a staff member registers for: their deepest 综治中心 post on the place's path. */
export function registeringCentre(actor: Actor, placePath: string): string | null {
  const posts = actor.assignments
    .filter((a) => a.role === 'center_staff' && (placePath === a.orgPath || placePath.startsWith(`${a.orgPath}.`)))
    .map((a) => a.orgPath)
    .sort((a, b) => b.length - a.length);
  return posts[0] ?? null;
}
