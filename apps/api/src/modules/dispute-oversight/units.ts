import { and, eq, inArray, sql } from 'drizzle-orm';
import { DomainError, type OrgLevel } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';
import { isInScope, type Actor } from '../../platform/db/scope.ts';
import { orgUnit } from '../org/index.ts';

export interface Unit {
  code: string;
  name: string;
  level: OrgLevel;
  orgPath: string;
  countyCode: string;
}

const unitColumns = { code: orgUnit.code, name: orgUnit.name, level: orgUnit.level, orgPath: orgUnit.orgPath, countyCode: orgUnit.countyCode };

/** A unit in the actor's scope; outside it reads as not found. `levels` narrows what is accepted (400 naming `field`). */
export async function findUnitInScope(tx: Executor, actor: Actor, code: string, field: string, levels?: readonly OrgLevel[]): Promise<Unit> {
  const [unit] = await tx.select(unitColumns).from(orgUnit).where(eq(orgUnit.code, code));
  if (!unit || !isInScope(actor, unit.orgPath)) throw new DomainError('ORG.NOT_FOUND', { field });
  if (levels && !levels.includes(unit.level)) throw new DomainError('VALIDATION.INVALID', { field, detail: '该单位的层级不适用于此操作' });
  return unit;
}

/** Units of the given levels in a subtree (the unit itself included when its level matches). */
export async function unitsUnder(tx: Executor, path: string, levels: readonly OrgLevel[]): Promise<Unit[]> {
  return tx
    .select(unitColumns)
    .from(orgUnit)
    .where(and(sql`${orgUnit.orgPath} <@ ${path}::ltree`, inArray(orgUnit.level, [...levels])))
    .orderBy(orgUnit.orgPath);
}

/** The units directly below one. */
export async function childUnits(tx: Executor, code: string): Promise<Unit[]> {
  return tx.select(unitColumns).from(orgUnit).where(eq(orgUnit.parentCode, code)).orderBy(orgUnit.sortOrder, orgUnit.code);
}

/** The code of the unit directly below `parentPath` on `path` (the path's next label), or null. */
export function childLabelOf(parentPath: string, path: string): string | null {
  if (!path.startsWith(`${parentPath}.`)) return null;
  return path.slice(parentPath.length + 1).split('.')[0] ?? null;
}

/** The county's org path and code from any path in it. */
export function countyPathOf(path: string): { countyPath: string; countyCode: string } | null {
  const labels = path.split('.');
  const at = labels.findIndex((l) => /^\d{6}$/.test(l));
  if (at < 0) return null;
  return { countyPath: labels.slice(0, at + 1).join('.'), countyCode: labels[at]! };
}
