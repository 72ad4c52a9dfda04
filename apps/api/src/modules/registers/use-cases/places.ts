import { and, eq } from 'drizzle-orm';
import { DomainError } from '@shizhi/domain';
import type { Tx } from '../../../platform/db/client.ts';
import { withinScope } from '../../../platform/db/scope-sql.ts';
import type { Actor } from '../../../platform/db/scope.ts';
import { orgUnit } from '../../org/index.ts';
import { address, house, household, organisation } from '../schema.ts';

export interface GridPlace {
  gridCode: string;
  villageCode: string;
  orgPath: string;
  countyCode: string;
}

const invalid = (field: string, detail: string) => new DomainError('REGISTER.TARGET_INVALID', { field, detail });

/** A grid inside the actor's scope: a record can only be placed where its editor works. */
export async function gridInScope(tx: Tx, actor: Actor, gridCode: string, field = 'gridCode'): Promise<GridPlace> {
  const [grid] = await tx
    .select({ code: orgUnit.code, parentCode: orgUnit.parentCode, orgPath: orgUnit.orgPath, countyCode: orgUnit.countyCode, level: orgUnit.level })
    .from(orgUnit)
    .where(and(eq(orgUnit.code, gridCode), withinScope(orgUnit.orgPath, actor.scopePaths)));
  if (!grid || grid.level !== 'grid' || !grid.parentCode) throw invalid(field, `网格 ${gridCode} 不存在或不在您的范围内`);
  return { gridCode: grid.code, villageCode: grid.parentCode, orgPath: grid.orgPath, countyCode: grid.countyCode };
}

export async function addressInScope(tx: Tx, id: string, field = 'addressId') {
  const [row] = await tx.select().from(address).where(eq(address.id, id));
  if (!row) throw invalid(field, '地址不存在或不在您的范围内');
  return row;
}

export async function houseInScope(tx: Tx, id: string, field = 'houseId') {
  const [row] = await tx.select({ id: house.id, addressId: house.addressId, gridCode: house.gridCode }).from(house).where(eq(house.id, id));
  if (!row) throw invalid(field, '房屋不存在或不在您的范围内');
  return row;
}

export async function organisationInScope(tx: Tx, id: string, field = 'organisationId') {
  const [row] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id));
  if (!row) throw invalid(field, '单位不存在或不在您的范围内');
  return row;
}

/**
 * 户号 → the household, created in the person's grid when the number is new. A number already
 * registered outside the actor's scope is refused rather than joined: the household lives there.
 */
export async function findOrCreateHousehold(
  tx: Tx,
  place: GridPlace,
  number: string,
  extra: { kind?: string | null | undefined; addressId: string | null; houseId: string | null },
): Promise<string> {
  const [found] = await tx
    .select({ id: household.id })
    .from(household)
    .where(and(eq(household.countyCode, place.countyCode), eq(household.number, number)));
  if (found) return found.id;
  const [created] = await tx
    .insert(household)
    .values({
      number,
      kind: extra.kind ?? '1',
      addressId: extra.addressId,
      houseId: extra.houseId,
      villageCode: place.villageCode,
      gridCode: place.gridCode,
      orgPath: place.orgPath,
      countyCode: place.countyCode,
    })
    .onConflictDoNothing()
    .returning({ id: household.id });
  if (!created) throw invalid('householdNumber', `户号 ${number} 已在其他网格登记`);
  return created.id;
}
