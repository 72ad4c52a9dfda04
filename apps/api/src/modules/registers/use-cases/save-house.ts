import { and, eq, ne } from 'drizzle-orm';
import { DomainError, houseFlags } from '@shizhi/domain';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import type { HouseInput, HousePatch } from '../contract.ts';
import { mayEditRecord } from '../policies.ts';
import { findHouse } from '../queries.ts';
import { house } from '../schema.ts';
import { addressInScope, gridInScope } from './places.ts';
import { changesBetween, editableRecord, recordChange, type RegistersDeps } from './record-change.ts';
import { unscoped } from '../unscoped.ts';

type HouseValues = HouseInput;
type HouseRow = typeof house.$inferSelect;
const personalFields = ['ownerIdNumber', 'ownerPhone'] as const;

/** 房屋编号 is unique in the county, whoever's grid holds it. */
async function refuseTakenCode(tx: Tx, countyCode: string, code: string, self: string | null) {
  const [other] = await unscoped(tx, () =>
    tx
      .select({ id: house.id })
      .from(house)
      .where(and(eq(house.countyCode, countyCode), eq(house.code, code), self ? ne(house.id, self) : undefined)),
  );
  if (other) throw new DomainError('REGISTER.DUPLICATE', { field: 'code', detail: `房屋编号 ${code} 已登记 (existing record ${other.id})` });
}

/** A house hangs on a standard address (户室); it lies in that address's grid. */
async function placeHouse(tx: Tx, actor: Actor, values: HouseValues) {
  const room = await addressInScope(tx, values.addressId);
  const grid = await gridInScope(tx, actor, room.gridCode, 'addressId');
  if (!mayEditRecord(actor, grid.orgPath)) throw new DomainError('AUTH.FORBIDDEN');
  return { room, grid };
}

function columnsOf(deps: RegistersDeps, values: HouseValues, place: Awaited<ReturnType<typeof placeHouse>>) {
  const ownerId = deps.cipher.sealOne('id', values.ownerIdNumber);
  const ownerPhone = deps.cipher.sealOne('phone', values.ownerPhone);
  return {
    code: values.code,
    addressId: place.room.id,
    villageCode: place.grid.villageCode,
    gridCode: place.grid.gridCode,
    buildingUse: values.buildingUse ?? null,
    houseUse: values.houseUse ?? null,
    area: values.area == null ? null : String(values.area),
    propertyType: values.propertyType ?? null,
    ownerName: values.ownerName ?? null,
    ownerIdType: values.ownerIdType ?? null,
    ownerIdEnc: ownerId?.enc ?? null,
    ownerIdBidx: ownerId?.bidx ?? null,
    ownerPhoneEnc: ownerPhone?.enc ?? null,
    ownerPhoneBidx: ownerPhone?.bidx ?? null,
    rental: values.rental,
    rentalUse: values.rentalUse ?? null,
    landlordType: values.landlordType ?? null,
    maxOccupants: values.maxOccupants ?? null,
    actualOccupants: values.actualOccupants ?? null,
    pledgeSigned: values.pledgeSigned ?? null,
    hazardGrade: values.hazardGrade ?? null,
    hazardType: values.hazardType ?? null,
    orgPath: place.grid.orgPath,
    countyCode: place.grid.countyCode,
    problems: houseFlags({
      code: values.code,
      gridCode: place.grid.gridCode,
      compound: null,
      building: null,
      unit: null,
      room: null,
      buildingUse: values.buildingUse ?? null,
      houseUse: values.houseUse ?? null,
      area: values.area ?? null,
      propertyType: values.propertyType ?? null,
      ownerName: values.ownerName ?? null,
      ownerIdType: values.ownerIdType ?? null,
      ownerIdNumber: values.ownerIdNumber ?? null,
      ownerPhone: values.ownerPhone ?? null,
      rental: values.rental,
      rentalUse: values.rentalUse ?? null,
      landlordType: values.landlordType ?? null,
      maxOccupants: values.maxOccupants ?? null,
      actualOccupants: values.actualOccupants ?? null,
      pledgeSigned: values.pledgeSigned ?? null,
      hazardGrade: values.hazardGrade ?? null,
      hazardType: values.hazardType ?? null,
      lng: place.room.lng,
      lat: place.room.lat,
    }),
  };
}

/** 新增实有房屋 */
export async function createHouse(deps: RegistersDeps, actor: Actor, values: HouseInput): Promise<{ id: string; version: number }> {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const place = await placeHouse(tx, actor, values);
    await refuseTakenCode(tx, place.grid.countyCode, values.code, null);
    const now = deps.clock.now();
    const [row] = await tx
      .insert(house)
      .values({ ...columnsOf(deps, values, place), createdAt: now, createdBy: actor.userId, updatedAt: now, updatedBy: actor.userId })
      .returning({ id: house.id });
    await recordChange(tx, deps, actor, {
      entityType: 'house',
      entityId: row!.id,
      version: 1,
      action: 'create',
      changes: changesBetween({}, values as unknown as Record<string, unknown>, personalFields),
      orgPath: place.grid.orgPath,
      countyCode: place.grid.countyCode,
      detail: { code: values.code },
    });
    return { id: row!.id, version: 1 };
  });
}

function valuesOf(deps: RegistersDeps, row: HouseRow): HouseValues {
  return {
    code: row.code,
    addressId: row.addressId,
    buildingUse: row.buildingUse,
    houseUse: row.houseUse,
    area: row.area === null ? null : Number(row.area),
    propertyType: row.propertyType,
    ownerName: row.ownerName,
    ownerIdType: row.ownerIdType,
    ownerIdNumber: deps.cipher.openOrNull('id', row.ownerIdEnc, row.ownerIdBidx),
    ownerPhone: deps.cipher.openOrNull('phone', row.ownerPhoneEnc, row.ownerPhoneBidx),
    rental: row.rental,
    rentalUse: row.rentalUse,
    landlordType: row.landlordType,
    maxOccupants: row.maxOccupants,
    actualOccupants: row.actualOccupants,
    pledgeSigned: row.pledgeSigned,
    hazardGrade: row.hazardGrade,
    hazardType: row.hazardType,
  };
}

/** 编辑实有房屋 */
export async function updateHouse(deps: RegistersDeps, actor: Actor, id: string, patch: HousePatch): Promise<{ id: string; version: number }> {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const row = editableRecord(actor, await findHouse(tx, actor, id), patch.version);
    const before = valuesOf(deps, row);
    const { version, ...fields } = patch;
    const after: HouseValues = { ...before, ...(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<HouseValues>) };
    const changes = changesBetween(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, personalFields);
    if (Object.keys(changes).length === 0) return { id: row.id, version: row.version };
    const place = await placeHouse(tx, actor, after);
    if (changes.code) await refuseTakenCode(tx, place.grid.countyCode, after.code, row.id);
    const next = version + 1;
    const updated = await tx
      .update(house)
      .set({ ...columnsOf(deps, after, place), version: next, updatedAt: deps.clock.now(), updatedBy: actor.userId })
      .where(and(eq(house.id, row.id), eq(house.version, version)))
      .returning({ id: house.id });
    if (updated.length === 0) throw new DomainError('REGISTER.STALE', { field: 'version' });
    await recordChange(tx, deps, actor, {
      entityType: 'house',
      entityId: row.id,
      version: next,
      action: 'update',
      changes,
      orgPath: place.grid.orgPath,
      countyCode: place.grid.countyCode,
      detail: { code: after.code },
    });
    return { id: row.id, version: next };
  });
}
