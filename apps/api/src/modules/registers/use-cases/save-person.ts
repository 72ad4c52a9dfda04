import { and, eq, ne } from 'drizzle-orm';
import { checkIdNumber, DomainError, personFlags, residentIdCardType, type PersonRecord } from '@shizhi/domain';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import type { PersonInput, PersonPatch } from '../contract.ts';
import { mayEditRecord } from '../policies.ts';
import { findPerson } from '../queries.ts';
import { household, person } from '../schema.ts';
import { addressInScope, findOrCreateHousehold, gridInScope, houseInScope, organisationInScope } from './places.ts';
import { changesBetween, editableRecord, recordChange, type RegistersDeps } from './record-change.ts';
import { unscoped } from '../unscoped.ts';

/** A person's values in clear, as the form edits them. */
type PersonValues = Omit<PersonInput, 'householdKind' | 'details'> & { details: Record<string, string | null> };
type PersonRow = typeof person.$inferSelect;

const personalFields = ['idNumber', 'phone'] as const;

function isResidentId(values: Pick<PersonValues, 'idType'>): boolean {
  return (values.idType ?? residentIdCardType) === residentIdCardType;
}

/** Birth date and gender follow from a 居民身份证 number when the form leaves them empty. */
function withIdFacts(values: PersonValues): PersonValues {
  if (!values.idNumber || !isResidentId(values)) return values;
  const check = checkIdNumber(values.idNumber);
  if (!check.valid) return values;
  return {
    ...values,
    idNumber: values.idNumber.trim().toUpperCase(),
    birthDate: values.birthDate ?? check.birthDate ?? null,
    gender: values.gender ?? (check.gender === 'male' ? '1' : '2'),
  };
}

/** Another active person in the county with the same ID number (whoever's grid they are in). */
async function duplicateOf(tx: Tx, deps: RegistersDeps, countyCode: string, idNumber: string, self: string | null): Promise<string | null> {
  const bidx = deps.cipher.blindIndex('id', idNumber);
  const rows = await unscoped(tx, () =>
    tx
      .select({ id: person.id })
      .from(person)
      .where(and(eq(person.countyCode, countyCode), eq(person.idBidx, bidx), eq(person.status, 'active'), self ? ne(person.id, self) : undefined))
      .limit(1),
  );
  return rows[0]?.id ?? null;
}

async function refuseDuplicate(tx: Tx, deps: RegistersDeps, countyCode: string, idNumber: string | null | undefined, self: string | null) {
  if (!idNumber) return;
  const existing = await duplicateOf(tx, deps, countyCode, idNumber, self);
  if (existing) throw new DomainError('REGISTER.DUPLICATE', { field: 'idNumber', detail: `该证件号码已登记 (existing record ${existing})` });
}

/** Where the person lives and belongs: grid, address, house, household, organisation; each checked against the scope. */
async function placePerson(tx: Tx, actor: Actor, values: PersonValues, householdKind: string | null | undefined) {
  const grid = await gridInScope(tx, actor, values.gridCode);
  const houseRow = values.houseId ? await houseInScope(tx, values.houseId) : null;
  const addressId = values.addressId ?? houseRow?.addressId ?? null;
  if (values.addressId) await addressInScope(tx, values.addressId);
  if (values.organisationId) await organisationInScope(tx, values.organisationId);
  const householdId = values.householdNumber
    ? await findOrCreateHousehold(tx, grid, values.householdNumber, { kind: householdKind, addressId, houseId: houseRow?.id ?? null })
    : null;
  return { grid, addressId, householdId };
}

function qualityRecord(values: PersonValues): PersonRecord {
  return {
    personType: values.personType,
    name: values.name,
    formerName: values.formerName ?? null,
    gender: values.gender ?? null,
    birthDate: values.birthDate ?? null,
    ethnicity: values.ethnicity ?? null,
    nativePlace: values.nativePlace ?? null,
    maritalStatus: values.maritalStatus ?? null,
    politicalStatus: values.politicalStatus ?? null,
    education: values.education ?? null,
    religion: values.religion ?? null,
    occupationCategory: values.occupationCategory ?? null,
    occupation: values.occupation ?? null,
    workplace: values.workplace ?? null,
    idType: values.idType,
    idNumber: values.idNumber ?? null,
    phone: values.phone ?? null,
    registeredDivision: values.registeredDivision ?? null,
    registeredAddress: values.registeredAddress ?? null,
    gridCode: values.gridCode,
    houseCode: values.houseId ?? null,
    residenceAddress: values.residenceAddress ?? (values.addressId ? 'address' : null),
    householdNumber: values.householdNumber ?? null,
    relationToHead: values.relationToHead ?? null,
    personHouseholdConsistent: values.personHouseholdConsistent ?? null,
    details: values.details,
  };
}

/** The row's columns for the values: personal ones sealed, quality flags recomputed. */
function columnsOf(deps: RegistersDeps, values: PersonValues, place: Awaited<ReturnType<typeof placePerson>>) {
  const id = deps.cipher.sealOne('id', values.idNumber);
  const phone = deps.cipher.sealOne('phone', values.phone);
  return {
    personType: values.personType,
    name: values.name,
    formerName: values.formerName ?? null,
    gender: values.gender ?? null,
    birthDate: values.birthDate ?? null,
    ethnicity: values.ethnicity ?? null,
    nativePlace: values.nativePlace ?? null,
    maritalStatus: values.maritalStatus ?? null,
    politicalStatus: values.politicalStatus ?? null,
    education: values.education ?? null,
    religion: values.religion ?? null,
    occupationCategory: values.occupationCategory ?? null,
    occupation: values.occupation ?? null,
    workplace: values.workplace ?? null,
    organisationId: values.organisationId ?? null,
    idType: values.idType,
    idEnc: id?.enc ?? null,
    idBidx: id?.bidx ?? null,
    idValid: values.idNumber && isResidentId(values) ? checkIdNumber(values.idNumber).valid : null,
    phoneEnc: phone?.enc ?? null,
    phoneBidx: phone?.bidx ?? null,
    registeredDivision: values.registeredDivision ?? null,
    registeredAddress: values.registeredAddress ?? null,
    addressId: place.addressId,
    houseId: values.houseId ?? null,
    residenceAddress: values.residenceAddress ?? null,
    villageCode: place.grid.villageCode,
    gridCode: place.grid.gridCode,
    householdId: place.householdId,
    relationToHead: values.relationToHead ?? null,
    personHouseholdConsistent: values.personHouseholdConsistent ?? null,
    details: values.details,
    orgPath: place.grid.orgPath,
    countyCode: place.grid.countyCode,
    problems: personFlags(qualityRecord(values), deps.clock.now()),
  };
}

/** 新增实有人口: refused when the ID number is already registered and active in the county. */
export async function createPerson(deps: RegistersDeps, actor: Actor, input: PersonInput): Promise<{ id: string; version: number }> {
  const { householdKind, details, ...rest } = input;
  const values = withIdFacts({ ...rest, details: details ?? {} });
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const place = await placePerson(tx, actor, values, householdKind);
    if (!mayEditRecord(actor, place.grid.orgPath)) throw new DomainError('AUTH.FORBIDDEN');
    await refuseDuplicate(tx, deps, place.grid.countyCode, values.idNumber, null);
    const now = deps.clock.now();
    const [row] = await tx
      .insert(person)
      .values({ ...columnsOf(deps, values, place), createdAt: now, createdBy: actor.userId, updatedAt: now, updatedBy: actor.userId })
      .returning({ id: person.id, orgPath: person.orgPath, countyCode: person.countyCode });
    await recordChange(tx, deps, actor, {
      entityType: 'person',
      entityId: row!.id,
      version: 1,
      action: 'create',
      changes: changesBetween({}, values as unknown as Record<string, unknown>, personalFields),
      orgPath: row!.orgPath,
      countyCode: row!.countyCode,
      detail: { name: values.name },
    });
    return { id: row!.id, version: 1 };
  });
}

/** The record's current values in clear (for merging an edit and telling what changed). */
async function valuesOf(tx: Tx, deps: RegistersDeps, row: PersonRow): Promise<PersonValues> {
  const [hh] = row.householdId ? await tx.select({ number: household.number }).from(household).where(eq(household.id, row.householdId)) : [];
  return {
    personType: row.personType,
    name: row.name,
    formerName: row.formerName,
    gender: row.gender,
    birthDate: row.birthDate,
    ethnicity: row.ethnicity,
    nativePlace: row.nativePlace,
    maritalStatus: row.maritalStatus,
    politicalStatus: row.politicalStatus,
    education: row.education,
    religion: row.religion,
    occupationCategory: row.occupationCategory,
    occupation: row.occupation,
    workplace: row.workplace,
    organisationId: row.organisationId,
    idType: row.idType ?? residentIdCardType,
    idNumber: deps.cipher.openOrNull('id', row.idEnc, row.idBidx),
    phone: deps.cipher.openOrNull('phone', row.phoneEnc, row.phoneBidx),
    registeredDivision: row.registeredDivision,
    registeredAddress: row.registeredAddress,
    gridCode: row.gridCode,
    addressId: row.addressId,
    houseId: row.houseId,
    residenceAddress: row.residenceAddress,
    householdNumber: hh?.number ?? null,
    relationToHead: row.relationToHead,
    personHouseholdConsistent: row.personHouseholdConsistent,
    details: row.details,
  };
}

/** 编辑: only the fields sent change; history names them (personal ones as changed only). */
export async function updatePerson(deps: RegistersDeps, actor: Actor, id: string, patch: PersonPatch): Promise<{ id: string; version: number }> {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const row = editableRecord(actor, await findPerson(tx, actor, id), patch.version);
    const before = await valuesOf(tx, deps, row);
    const { version, householdKind, ...fields } = patch;
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<PersonValues>;
    const after = withIdFacts({ ...before, ...given, details: given.details ?? before.details });
    const changes = changesBetween(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, personalFields);
    if (Object.keys(changes).length === 0 && householdKind === undefined) return { id: row.id, version: row.version };
    const place = await placePerson(tx, actor, after, householdKind);
    if (!mayEditRecord(actor, place.grid.orgPath)) throw new DomainError('AUTH.FORBIDDEN');
    if (changes.idNumber) await refuseDuplicate(tx, deps, place.grid.countyCode, after.idNumber, row.id);
    const next = version + 1;
    const updated = await tx
      .update(person)
      .set({ ...columnsOf(deps, after, place), version: next, updatedAt: deps.clock.now(), updatedBy: actor.userId })
      .where(and(eq(person.id, row.id), eq(person.version, version)))
      .returning({ id: person.id });
    if (updated.length === 0) throw new DomainError('REGISTER.STALE', { field: 'version' });
    await recordChange(tx, deps, actor, {
      entityType: 'person',
      entityId: row.id,
      version: next,
      action: 'update',
      changes,
      orgPath: place.grid.orgPath,
      countyCode: place.grid.countyCode,
      detail: { name: after.name },
    });
    return { id: row.id, version: next };
  });
}
