import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { maskIdNumber, maskPhone } from '@shizhi/domain';
import type { Executor, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/db/scope.ts';
import type { PersonalDataCipher, PersonalKind } from '../../platform/personal-data.ts';
import { disputeCase, disputeParty } from '../disputes/index.ts';
import { event } from '../events/index.ts';
import { orgUnit } from '../org/index.ts';
import type {
  HistoryEntry,
  HouseListQuery,
  HouseRow,
  OrganisationListQuery,
  OrganisationRow,
  PersonListQuery,
  PersonRow,
} from './contract.ts';
import { mayEditRecord, mayRevealPersonalData } from './policies.ts';
import { unscoped } from './unscoped.ts';
import { address, house, household, organisation, person, registerHistory, registerImport, type RegisterEntity } from './schema.ts';
import { byNameIndexOrder, countiesOf, countingToCap, countyCondition, coversManyGrids, inIndexOrder, namePrefix, scopeCondition, unitCondition } from './unit-filters.ts';

/**
 * Counting stops here: beyond it the list says "10,000+" instead of visiting every row in scope.
 * A name search stops at 200 ("more than 200: narrow the search"): one looks a person up by name, one
 * does not page through 1,000 王; each match counted is a row visited under row-level security, and
 * 200 keeps a one-character surname within a few milliseconds.
 */
export const totalCap = 10_000;
export const nameSearchTotalCap = 200;

export interface Page<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

const idNumberPattern = /^\d{17}[\dXx]$/;
const mobilePattern = /^1\d{10}$/;
const isNameSearch = (q: string | undefined) => !!q?.trim() && !idNumberPattern.test(q.trim()) && !mobilePattern.test(q.trim());

/** A sealed value, masked for display; the clear value never leaves this function. */
export function maskedOf(cipher: PersonalDataCipher, kind: PersonalKind, enc: Buffer | null, bidx: Buffer | null): string | null {
  const clear = cipher.openOrNull(kind, enc, bidx);
  if (clear === null) return null;
  return kind === 'id' ? maskIdNumber(clear) : maskPhone(clear);
}

async function countCapped(tx: Tx, table: typeof person | typeof house | typeof organisation, where: SQL | undefined, cap: number): Promise<{ total: number; totalCapped: boolean }> {
  const inner = tx.select({ one: sql`1` }).from(table).where(where).limit(cap + 1);
  const [row] = await countingToCap(tx, () => tx.select({ n: sql<number>`count(*)::int` }).from(inner.as('capped')));
  const n = row?.n ?? 0;
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

/** The page, then the total: a first page shorter than a page is its own total (an exact search), no count needed. */
async function pageAndTotal<R>(
  tx: Tx,
  table: typeof person | typeof house | typeof organisation,
  where: SQL,
  paging: { page: number; pageSize: number },
  cap: number,
  fetch: () => Promise<R[]>,
): Promise<{ rows: R[]; total: number; totalCapped: boolean }> {
  const rows = await fetch();
  if (paging.page === 1 && rows.length < paging.pageSize) return { rows, total: rows.length, totalCapped: false };
  return { rows, ...(await countCapped(tx, table, where, cap)) };
}

/** Grid and village names for a page of rows (one query instead of a join the planner would run first). */
export async function unitNames(tx: Executor, codes: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(codes)];
  if (list.length === 0) return new Map();
  const rows = await tx.select({ code: orgUnit.code, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.code, list));
  return new Map(rows.map((r) => [r.code, r.name]));
}

async function addressNames(tx: Executor, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((i): i is string => i !== null))];
  if (list.length === 0) return new Map();
  const rows = await tx.select({ id: address.id, fullName: address.fullName }).from(address).where(inArray(address.id, list));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

/**
 * Ids of the standard addresses in scope whose full name contains the text. `ilike` and `%` are not
 * leakproof, so under row-level security the trigram index could not be used; this one query runs
 * as the owner with the scope filter written out instead (it returns ids only).
 */
async function addressesMatching(tx: Tx, actor: Actor, text: string, limit = 5000): Promise<string[]> {
  const rows = await unscoped(tx, () =>
    tx
      .select({ id: address.id })
      .from(address)
      .where(and(ilike(address.fullName, containsPattern(text)), scopeCondition(address, actor)))
      .limit(limit),
  );
  return rows.map((r) => r.id);
}

function inArrayOrNone(column: typeof person.addressId | typeof house.addressId, ids: string[]): SQL {
  return ids.length ? inArray(column, ids) : sql`false`;
}

const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

// ─── people ──────────────────────────────────────────────────────────────────────────────────────

export const personRowColumns = {
  id: person.id,
  name: person.name,
  gender: person.gender,
  birthDate: person.birthDate,
  personType: person.personType,
  idEnc: person.idEnc,
  idBidx: person.idBidx,
  phoneEnc: person.phoneEnc,
  phoneBidx: person.phoneBidx,
  addressId: person.addressId,
  residenceAddress: person.residenceAddress,
  gridCode: person.gridCode,
  villageCode: person.villageCode,
  householdId: person.householdId,
  relationToHead: person.relationToHead,
  status: person.status,
  problems: person.problems,
};
export type PersonListRow = { [K in keyof typeof personRowColumns]: (typeof personRowColumns)[K]['_']['notNull'] extends true ? (typeof personRowColumns)[K]['_']['data'] : (typeof personRowColumns)[K]['_']['data'] | null };

/** The list's filters as one condition. `q`: an ID number or a mobile number is an exact search, anything else a name prefix. */
export async function personConditions(tx: Tx, actor: Actor, cipher: PersonalDataCipher, query: Omit<PersonListQuery, 'page' | 'pageSize'>): Promise<SQL> {
  const conditions: (SQL | undefined)[] = [scopeCondition(person, actor)];
  if (query.status !== 'all') conditions.push(eq(person.status, query.status));
  if (query.unit) conditions.push(await unitCondition(tx, actor, person, query.unit));
  if (query.personType) conditions.push(eq(person.personType, query.personType));
  // The county leads every index (name, blind indexes): with it fixed, the name index also gives the order.
  conditions.push(countyCondition(person.countyCode, await countiesOf(tx, actor)));
  const q = query.q?.trim();
  const idNumber = query.idNumber || (q && idNumberPattern.test(q) ? q : undefined);
  const phone = query.phone || (q && !idNumber && mobilePattern.test(q) ? q : undefined);
  const name = q && q !== idNumber && q !== phone ? q : undefined;
  if (idNumber) conditions.push(eq(person.idBidx, cipher.blindIndex('id', idNumber)));
  if (phone) conditions.push(eq(person.phoneBidx, cipher.blindIndex('phone', phone)));
  if (name) conditions.push(namePrefix(person.name, name));
  if (query.address) conditions.push(inArrayOrNone(person.addressId, await addressesMatching(tx, actor, query.address)));
  return and(...conditions)!;
}

/** Masks and names a page of people: decrypts only these rows. */
export async function toPersonRows(tx: Executor, cipher: PersonalDataCipher, rows: readonly PersonListRow[]): Promise<PersonRow[]> {
  const householdIds = [...new Set(rows.flatMap((r) => (r.householdId ? [r.householdId] : [])))];
  const [names, addresses, households] = await Promise.all([
    unitNames(tx, rows.flatMap((r) => [r.gridCode, r.villageCode])),
    addressNames(tx, rows.map((r) => r.addressId)),
    householdIds.length ? tx.select({ id: household.id, number: household.number }).from(household).where(inArray(household.id, householdIds)) : [],
  ]);
  const householdNumber = new Map(households.map((h) => [h.id, h.number]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    personType: r.personType,
    idNumberMasked: maskedOf(cipher, 'id', r.idEnc, r.idBidx),
    phoneMasked: maskedOf(cipher, 'phone', r.phoneEnc, r.phoneBidx),
    residenceAddress: (r.addressId ? addresses.get(r.addressId) : undefined) ?? r.residenceAddress,
    gridCode: r.gridCode,
    gridName: names.get(r.gridCode) ?? null,
    villageName: names.get(r.villageCode) ?? null,
    householdNumber: r.householdId ? (householdNumber.get(r.householdId) ?? null) : null,
    relationToHead: r.relationToHead,
    status: r.status,
    problems: r.problems,
  }));
}

export async function listPeople(tx: Tx, actor: Actor, cipher: PersonalDataCipher, query: PersonListQuery): Promise<Page<PersonRow>> {
  const where = await personConditions(tx, actor, cipher, query);
  const cap = isNameSearch(query.q) ? nameSearchTotalCap : totalCap;
  const exact = Boolean(query.idNumber || query.phone || query.address || (query.q && !isNameSearch(query.q)));
  const fetch = () =>
    tx
      .select(personRowColumns)
      .from(person)
      .where(where)
      .orderBy(byNameIndexOrder(person.name), asc(person.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
  const { rows, ...counted } = await pageAndTotal(tx, person, where, query, cap, () =>
    !exact && coversManyGrids(actor, query.unit) ? inIndexOrder(tx, fetch) : fetch(),
  );
  return { ...counted, items: await toPersonRows(tx, cipher, rows), page: query.page, pageSize: query.pageSize };
}

const placeOf = (names: Map<string, string>, row: { gridCode: string; villageCode: string; addressId: string | null }, fullName: string | null) => ({
  gridCode: row.gridCode,
  gridName: names.get(row.gridCode) ?? null,
  villageCode: row.villageCode,
  villageName: names.get(row.villageCode) ?? null,
  addressId: row.addressId,
  address: fullName,
});

const lifecycleOf = (row: {
  status: PersonRow['status'];
  statusReason: string | null;
  statusAt: Date | null;
  problems: string[];
  version: number;
  importId: string | null;
  importRow: number | null;
  createdAt: Date;
  updatedAt: Date;
}) => ({
  status: row.status,
  statusReason: row.statusReason,
  statusAt: row.statusAt?.toISOString() ?? null,
  problems: row.problems,
  version: row.version,
  importId: row.importId,
  importRow: row.importRow,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function findPerson(tx: Executor, actor: Actor, id: string) {
  const [row] = await tx.select().from(person).where(and(eq(person.id, id), scopeCondition(person, actor)));
  return row ?? null;
}

/**
 * 人员页: the person (masked), their house, household with members, organisation, and every event
 * (as reporter, matched by phone) and dispute (as a party, by link or ID number) visible to the actor.
 */
export async function personPage(tx: Tx, actor: Actor, cipher: PersonalDataCipher, id: string) {
  const p = await findPerson(tx, actor, id);
  if (!p) return null;
  const idNumber = cipher.openOrNull('id', p.idEnc, p.idBidx);
  const phone = cipher.openOrNull('phone', p.phoneEnc, p.phoneBidx);
  const [names, addresses, houseRow, householdRow, org, events, disputes] = await Promise.all([
    unitNames(tx, [p.gridCode, p.villageCode]),
    addressNames(tx, [p.addressId]),
    p.houseId ? tx.select({ id: house.id, code: house.code, addressId: house.addressId, rental: house.rental }).from(house).where(eq(house.id, p.houseId)) : [],
    p.householdId ? tx.select().from(household).where(eq(household.id, p.householdId)) : [],
    p.organisationId ? tx.select({ id: organisation.id, name: organisation.name, kind: organisation.kind }).from(organisation).where(eq(organisation.id, p.organisationId)) : [],
    phone
      ? tx
          .select({ id: event.id, number: event.number, title: event.title, status: event.state, reportedAt: event.reportedAt })
          .from(event)
          .where(eq(event.reporterPhone, phone))
          .orderBy(desc(event.reportedAt))
          .limit(100)
      : [],
    tx
      .selectDistinctOn([disputeCase.registeredAt, disputeCase.id, disputeParty.role], {
        id: disputeCase.id,
        number: disputeCase.number,
        title: disputeCase.title,
        state: disputeCase.state,
        role: disputeParty.role,
      })
      .from(disputeParty)
      .innerJoin(disputeCase, eq(disputeCase.id, disputeParty.disputeId))
      .where(idNumber ? or(eq(disputeParty.personId, p.id), eq(disputeParty.idNumber, idNumber)) : eq(disputeParty.personId, p.id))
      .orderBy(desc(disputeCase.registeredAt), disputeCase.id, disputeParty.role)
      .limit(100),
  ]);
  const members = householdRow[0]
    ? await tx
        .select({ id: person.id, name: person.name, relationToHead: person.relationToHead, gender: person.gender, birthDate: person.birthDate, status: person.status })
        .from(person)
        .where(eq(person.householdId, householdRow[0].id))
        .orderBy(asc(person.relationToHead), asc(person.birthDate))
    : [];
  const houseAddress = houseRow[0] ? await addressNames(tx, [houseRow[0].addressId]) : new Map<string, string>();
  return {
    person: {
      id: p.id,
      personType: p.personType,
      name: p.name,
      formerName: p.formerName,
      gender: p.gender,
      birthDate: p.birthDate,
      ethnicity: p.ethnicity,
      nativePlace: p.nativePlace,
      maritalStatus: p.maritalStatus,
      politicalStatus: p.politicalStatus,
      education: p.education,
      religion: p.religion,
      occupationCategory: p.occupationCategory,
      occupation: p.occupation,
      workplace: p.workplace,
      organisationId: p.organisationId,
      idType: p.idType,
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
      idValid: p.idValid,
      phoneMasked: phone ? maskPhone(phone) : null,
      registeredDivision: p.registeredDivision,
      registeredAddress: p.registeredAddress,
      houseId: p.houseId,
      residenceAddress: p.residenceAddress,
      householdId: p.householdId,
      relationToHead: p.relationToHead,
      personHouseholdConsistent: p.personHouseholdConsistent,
      details: p.details,
      ...placeOf(names, p, p.addressId ? (addresses.get(p.addressId) ?? null) : null),
      ...lifecycleOf(p),
    },
    house: houseRow[0] ? { id: houseRow[0].id, code: houseRow[0].code, address: houseAddress.get(houseRow[0].addressId) ?? null, rental: houseRow[0].rental } : null,
    household: householdRow[0] ? { id: householdRow[0].id, number: householdRow[0].number, kind: householdRow[0].kind, members } : null,
    organisation: org[0] ?? null,
    events: events.map((e) => ({ ...e, reportedAt: e.reportedAt.toISOString(), role: 'reporter' as const })),
    disputes,
    canReveal: mayRevealPersonalData(actor, p.orgPath),
    canEdit: mayEditRecord(actor, p.orgPath),
  };
}

// ─── houses ──────────────────────────────────────────────────────────────────────────────────────

const houseRowColumns = {
  id: house.id,
  code: house.code,
  addressId: house.addressId,
  gridCode: house.gridCode,
  houseUse: house.houseUse,
  rental: house.rental,
  ownerName: house.ownerName,
  ownerPhoneEnc: house.ownerPhoneEnc,
  ownerPhoneBidx: house.ownerPhoneBidx,
  maxOccupants: house.maxOccupants,
  actualOccupants: house.actualOccupants,
  hazardGrade: house.hazardGrade,
  status: house.status,
};

export async function houseConditions(tx: Tx, actor: Actor, cipher: PersonalDataCipher, query: Omit<HouseListQuery, 'page' | 'pageSize'>): Promise<SQL> {
  const conditions: (SQL | undefined)[] = [scopeCondition(house, actor)];
  if (query.status !== 'all') conditions.push(eq(house.status, query.status));
  if (query.unit) conditions.push(await unitCondition(tx, actor, house, query.unit));
  if (query.rental) conditions.push(eq(house.rental, query.rental === 'true'));
  if (query.hazardGrade) conditions.push(eq(house.hazardGrade, query.hazardGrade));
  conditions.push(countyCondition(house.countyCode, await countiesOf(tx, actor)));
  const q = query.q?.trim();
  if (q) {
    conditions.push(idNumberPattern.test(q) ? eq(house.ownerIdBidx, cipher.blindIndex('id', q)) : eq(house.code, q));
  }
  if (query.address) conditions.push(inArrayOrNone(house.addressId, await addressesMatching(tx, actor, query.address)));
  return and(...conditions)!;
}

type HouseListRow = Awaited<ReturnType<typeof selectHouses>>[number];
const selectHouses = (tx: Executor, where: SQL) => tx.select(houseRowColumns).from(house).where(where);

export async function toHouseRows(tx: Executor, cipher: PersonalDataCipher, rows: readonly HouseListRow[]): Promise<HouseRow[]> {
  const ids = rows.map((r) => r.id);
  const [names, addresses, residents] = await Promise.all([
    unitNames(tx, rows.map((r) => r.gridCode)),
    addressNames(tx, rows.map((r) => r.addressId)),
    ids.length
      ? tx
          .select({ houseId: person.houseId, n: sql<number>`count(*)::int` })
          .from(person)
          .where(and(inArray(person.houseId, ids), eq(person.status, 'active')))
          .groupBy(person.houseId)
      : [],
  ]);
  const residentCount = new Map(residents.map((r) => [r.houseId, r.n]));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    address: addresses.get(r.addressId) ?? null,
    gridCode: r.gridCode,
    gridName: names.get(r.gridCode) ?? null,
    houseUse: r.houseUse,
    rental: r.rental,
    ownerName: r.ownerName,
    ownerPhoneMasked: maskedOf(cipher, 'phone', r.ownerPhoneEnc, r.ownerPhoneBidx),
    maxOccupants: r.maxOccupants,
    actualOccupants: r.actualOccupants,
    residents: residentCount.get(r.id) ?? 0,
    hazardGrade: r.hazardGrade,
    status: r.status,
  }));
}

export async function listHouses(tx: Tx, actor: Actor, cipher: PersonalDataCipher, query: HouseListQuery): Promise<Page<HouseRow>> {
  const where = await houseConditions(tx, actor, cipher, query);
  const exact = Boolean(query.q || query.address);
  const fetch = () =>
    selectHouses(tx, where)
      .orderBy(asc(house.code))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
  const { rows, ...counted } = await pageAndTotal(tx, house, where, query, totalCap, () =>
    !exact && coversManyGrids(actor, query.unit) ? inIndexOrder(tx, fetch) : fetch(),
  );
  return { ...counted, items: await toHouseRows(tx, cipher, rows), page: query.page, pageSize: query.pageSize };
}

export async function findHouse(tx: Executor, actor: Actor, id: string) {
  const [row] = await tx.select().from(house).where(and(eq(house.id, id), scopeCondition(house, actor)));
  return row ?? null;
}

// Spelled out: inside the subquery drizzle would leave the outer "id" unqualified, which means c.id.
const childCount = sql<number>`(select count(*)::int from address c where c.parent_id = "address"."id")`;

export async function addressNode(tx: Executor, id: string) {
  const [row] = await tx
    .select({
      id: address.id,
      code: address.code,
      level: address.level,
      name: address.name,
      fullName: address.fullName,
      gridCode: address.gridCode,
      villageCode: address.villageCode,
      parentId: address.parentId,
      children: childCount,
    })
    .from(address)
    .where(eq(address.id, id));
  return row ?? null;
}

export async function housePage(tx: Tx, actor: Actor, cipher: PersonalDataCipher, id: string) {
  const h = await findHouse(tx, actor, id);
  if (!h) return null;
  const [names, node, residents] = await Promise.all([
    unitNames(tx, [h.gridCode, h.villageCode]),
    addressNode(tx, h.addressId),
    tx.select(personRowColumns).from(person).where(eq(person.houseId, h.id)).orderBy(asc(person.status), byNameIndexOrder(person.name)).limit(200),
  ]);
  return {
    house: {
      id: h.id,
      code: h.code,
      buildingUse: h.buildingUse,
      houseUse: h.houseUse,
      area: h.area === null ? null : Number(h.area),
      propertyType: h.propertyType,
      ownerName: h.ownerName,
      ownerIdType: h.ownerIdType,
      ownerIdNumberMasked: maskedOf(cipher, 'id', h.ownerIdEnc, h.ownerIdBidx),
      ownerPhoneMasked: maskedOf(cipher, 'phone', h.ownerPhoneEnc, h.ownerPhoneBidx),
      rental: h.rental,
      rentalUse: h.rentalUse,
      landlordType: h.landlordType,
      maxOccupants: h.maxOccupants,
      actualOccupants: h.actualOccupants,
      pledgeSigned: h.pledgeSigned,
      hazardGrade: h.hazardGrade,
      hazardType: h.hazardType,
      ...placeOf(names, h, node?.fullName ?? null),
      ...lifecycleOf(h),
    },
    residents: await toPersonRows(tx, cipher, residents),
    address: node,
    canReveal: mayRevealPersonalData(actor, h.orgPath),
    canEdit: mayEditRecord(actor, h.orgPath),
  };
}

// ─── organisations ───────────────────────────────────────────────────────────────────────────────

const organisationRowColumns = {
  id: organisation.id,
  code: organisation.code,
  name: organisation.name,
  kind: organisation.kind,
  category: organisation.category,
  addressId: organisation.addressId,
  address: organisation.address,
  gridCode: organisation.gridCode,
  legalRepName: organisation.legalRepName,
  legalRepPhoneEnc: organisation.legalRepPhoneEnc,
  legalRepPhoneBidx: organisation.legalRepPhoneBidx,
  employees: organisation.employees,
  attentionLevel: organisation.attentionLevel,
  status: organisation.status,
};

export async function organisationConditions(
  tx: Tx,
  actor: Actor,
  cipher: PersonalDataCipher,
  query: Omit<OrganisationListQuery, 'page' | 'pageSize'>,
): Promise<SQL> {
  const conditions: (SQL | undefined)[] = [scopeCondition(organisation, actor)];
  if (query.status !== 'all') conditions.push(eq(organisation.status, query.status));
  if (query.unit) conditions.push(await unitCondition(tx, actor, organisation, query.unit));
  if (query.kind) conditions.push(eq(organisation.kind, query.kind));
  if (query.attentionLevel) conditions.push(eq(organisation.attentionLevel, query.attentionLevel));
  conditions.push(countyCondition(organisation.countyCode, await countiesOf(tx, actor)));
  const q = query.q?.trim();
  if (q) {
    if (idNumberPattern.test(q)) conditions.push(or(eq(organisation.code, q.toUpperCase()), eq(organisation.legalRepIdBidx, cipher.blindIndex('id', q))));
    else if (/^[0-9A-Z]{18}$/.test(q.toUpperCase())) conditions.push(eq(organisation.code, q.toUpperCase()));
    else conditions.push(namePrefix(organisation.name, q));
  }
  return and(...conditions)!;
}

type OrganisationListRow = Awaited<ReturnType<typeof selectOrganisations>>[number];
const selectOrganisations = (tx: Executor, where: SQL) => tx.select(organisationRowColumns).from(organisation).where(where);

export async function toOrganisationRows(tx: Executor, cipher: PersonalDataCipher, rows: readonly OrganisationListRow[]): Promise<OrganisationRow[]> {
  const [names, addresses] = await Promise.all([unitNames(tx, rows.map((r) => r.gridCode)), addressNames(tx, rows.map((r) => r.addressId))]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    category: r.category,
    address: (r.addressId ? addresses.get(r.addressId) : undefined) ?? r.address,
    gridCode: r.gridCode,
    gridName: names.get(r.gridCode) ?? null,
    legalRepName: r.legalRepName,
    legalRepPhoneMasked: maskedOf(cipher, 'phone', r.legalRepPhoneEnc, r.legalRepPhoneBidx),
    employees: r.employees,
    attentionLevel: r.attentionLevel,
    status: r.status,
  }));
}

export async function listOrganisations(tx: Tx, actor: Actor, cipher: PersonalDataCipher, query: OrganisationListQuery): Promise<Page<OrganisationRow>> {
  const where = await organisationConditions(tx, actor, cipher, query);
  const cap = isNameSearch(query.q) ? nameSearchTotalCap : totalCap;
  const { rows, ...counted } = await pageAndTotal(tx, organisation, where, query, cap, () =>
    selectOrganisations(tx, where)
      .orderBy(byNameIndexOrder(organisation.name), asc(organisation.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
  );
  return { ...counted, items: await toOrganisationRows(tx, cipher, rows), page: query.page, pageSize: query.pageSize };
}

export async function findOrganisation(tx: Executor, actor: Actor, id: string) {
  const [row] = await tx.select().from(organisation).where(and(eq(organisation.id, id), scopeCondition(organisation, actor)));
  return row ?? null;
}

export async function organisationPage(tx: Tx, actor: Actor, cipher: PersonalDataCipher, id: string) {
  const o = await findOrganisation(tx, actor, id);
  if (!o) return null;
  const [names, addresses, people] = await Promise.all([
    unitNames(tx, [o.gridCode, o.villageCode]),
    addressNames(tx, [o.addressId]),
    tx.select(personRowColumns).from(person).where(eq(person.organisationId, o.id)).orderBy(byNameIndexOrder(person.name)).limit(200),
  ]);
  return {
    organisation: {
      id: o.id,
      code: o.code,
      name: o.name,
      kind: o.kind,
      category: o.category,
      legalRepName: o.legalRepName,
      legalRepIdNumberMasked: maskedOf(cipher, 'id', o.legalRepIdEnc, o.legalRepIdBidx),
      legalRepPhoneMasked: maskedOf(cipher, 'phone', o.legalRepPhoneEnc, o.legalRepPhoneBidx),
      securityHeadName: o.securityHeadName,
      employees: o.employees,
      hazardousChemicals: o.hazardousChemicals,
      hazardType: o.hazardType,
      attentionLevel: o.attentionLevel,
      partyOrg: o.partyOrg,
      schoolType: o.schoolType,
      students: o.students,
      staff: o.staff,
      securityStaff: o.securityStaff,
      principalName: o.principalName,
      details: o.details,
      ...placeOf(names, o, (o.addressId ? addresses.get(o.addressId) : undefined) ?? o.address),
      ...lifecycleOf(o),
    },
    people: await toPersonRows(tx, cipher, people),
    canReveal: mayRevealPersonalData(actor, o.orgPath),
    canEdit: mayEditRecord(actor, o.orgPath),
  };
}

// ─── history ─────────────────────────────────────────────────────────────────────────────────────

/** Versions newest first; a record an import created ends with that import (its first version). */
export async function recordHistory(tx: Executor, entityType: RegisterEntity, record: { id: string; importId: string | null; importRow: number | null }): Promise<HistoryEntry[]> {
  const rows = await tx
    .select()
    .from(registerHistory)
    .where(and(eq(registerHistory.entityId, record.id), eq(registerHistory.entityType, entityType)))
    .orderBy(desc(registerHistory.id));
  const entries: HistoryEntry[] = rows.map((h) => ({
    version: h.version,
    action: h.action,
    changes: h.changes,
    actorName: h.actorName,
    at: h.at.toISOString(),
    importId: h.importId,
    importRow: null,
    fileName: null,
  }));
  if (record.importId && !rows.some((h) => h.action === 'create')) {
    const [imp] = await tx.select().from(registerImport).where(eq(registerImport.id, record.importId));
    entries.push({
      version: 1,
      action: 'import',
      changes: {},
      actorName: imp?.actorName ?? '',
      at: (imp?.finishedAt ?? imp?.startedAt)?.toISOString() ?? '',
      importId: record.importId,
      importRow: record.importRow,
      fileName: imp?.fileName ?? null,
    });
  }
  return entries;
}

// ─── addresses ───────────────────────────────────────────────────────────────────────────────────

const addressNodeColumns = {
  id: address.id,
  code: address.code,
  level: address.level,
  name: address.name,
  fullName: address.fullName,
  gridCode: address.gridCode,
  villageCode: address.villageCode,
  parentId: address.parentId,
  children: childCount,
};

/** The next level down: a village's compounds, or a compound's buildings, a building's units, a unit's rooms. */
export async function addressChildren(tx: Executor, actor: Actor, where: { parentId?: string | undefined; villageCode?: string | undefined }) {
  const condition = where.parentId
    ? eq(address.parentId, where.parentId)
    : and(eq(address.villageCode, where.villageCode!), eq(address.level, 'compound'));
  return tx
    .select(addressNodeColumns)
    .from(address)
    .where(and(condition, scopeCondition(address, actor)))
    .orderBy(asc(address.code))
    .limit(2000);
}

/** The 20 standard addresses in scope most like the text (trigram similarity; see addressesMatching for the owner role). */
export async function searchAddresses(tx: Tx, actor: Actor, text: string) {
  const ids = await unscoped(tx, () =>
    tx
      .select({ id: address.id })
      .from(address)
      .where(and(or(ilike(address.fullName, containsPattern(text)), sql`${address.fullName} % ${text}`), scopeCondition(address, actor)))
      .orderBy(sql`similarity(${address.fullName}, ${text}) desc`, asc(address.code))
      .limit(20),
  );
  if (ids.length === 0) return [];
  const rows = await tx.select(addressNodeColumns).from(address).where(inArray(address.id, ids.map((r) => r.id)));
  const rank = new Map(ids.map((r, i) => [r.id, i]));
  return rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}
