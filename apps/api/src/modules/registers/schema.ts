import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, countyCode, orgPath } from '../../platform/db/columns.ts';

/**
 * 一标三实: standard addresses (一标) and the registers of actual people, houses and organisations
 * (三实). Every row belongs to the grid it lies in (org_path is the grid's path) and carries the county
 * code. ID numbers and phones are stored sealed (`*_enc`) with a blind index (`*_bidx`), never in
 * clear; see platform/personal-data.ts.
 */

export type RecordStatus = 'active' | 'moved_out' | 'deregistered';
export type AddressLevel = 'compound' | 'building' | 'unit' | 'room';

const lifecycle = () => ({
  problems: text('problems').array().notNull().default(sql`'{}'::text[]`),
  status: text('status').$type<RecordStatus>().notNull().default('active'),
  statusReason: text('status_reason'),
  statusAt: timestamp('status_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  // Hash of the record's imported content: re-importing an unchanged row changes nothing.
  rowHash: text('row_hash'),
  importId: uuid('import_id'),
  importRow: integer('import_row'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** 一标: 小区/街路巷 → 楼栋 → 单元 → 户室 under a 村/社区, each building placed in a grid. */
export const address = pgTable(
  'address',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // compound: village code (12) + 3 digits; building + 3; unit + 2; room + 4.
    code: text('code').notNull(),
    parentId: uuid('parent_id'),
    level: text('level').$type<AddressLevel>().notNull(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    orgPath: orgPath(),
    countyCode: countyCode(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('address_code_key').on(t.countyCode, t.code),
    index('address_parent_idx').on(t.parentId, t.code),
    index('address_grid_idx').on(t.gridCode, t.level),
    index('address_full_name_trgm').using('gin', sql`${t.fullName} gin_trgm_ops`),
  ],
);

/** 户: a household; its head is the member whose relation to the head is 02 户主. */
export const household = pgTable(
  'household',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    kind: text('kind').notNull().default('1'),
    addressId: uuid('address_id'),
    houseId: uuid('house_id'),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('household_number_key').on(t.countyCode, t.number), index('household_grid_idx').on(t.gridCode)],
);

/** 实有房屋, with the 出租房屋 items when rented out. */
export const house = pgTable(
  'house',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    addressId: uuid('address_id').notNull(),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    buildingUse: text('building_use'),
    houseUse: text('house_use'),
    area: numeric('area', { precision: 10, scale: 2 }),
    propertyType: text('property_type'),
    ownerName: text('owner_name'),
    ownerIdType: text('owner_id_type'),
    ownerIdEnc: bytea('owner_id_enc'),
    ownerIdBidx: bytea('owner_id_bidx'),
    ownerPhoneEnc: bytea('owner_phone_enc'),
    ownerPhoneBidx: bytea('owner_phone_bidx'),
    rental: boolean('rental').notNull().default(false),
    rentalUse: text('rental_use'),
    landlordType: text('landlord_type'),
    maxOccupants: integer('max_occupants'),
    actualOccupants: integer('actual_occupants'),
    pledgeSigned: boolean('pledge_signed'),
    hazardGrade: text('hazard_grade'),
    hazardType: text('hazard_type'),
    orgPath: orgPath(),
    countyCode: countyCode(),
    ...lifecycle(),
  },
  (t) => [
    uniqueIndex('house_code_key').on(t.countyCode, t.code),
    index('house_grid_idx').on(t.gridCode),
    index('house_address_idx').on(t.addressId),
    index('house_owner_id_idx').on(t.countyCode, t.ownerIdBidx).where(sql`${t.ownerIdBidx} is not null`),
  ],
);

/** 实有人口: 户籍/流动/境外/留守/未落户, the common person block of GB/T 31000 plus type-specific items. */
export const person = pgTable(
  'person',
  {
    // Imports generate time-ordered ids in Node so the primary key index appends.
    id: uuid('id').primaryKey().defaultRandom(),
    personType: text('person_type').notNull(),
    name: text('name').notNull(),
    formerName: text('former_name'),
    gender: text('gender'),
    birthDate: date('birth_date'),
    ethnicity: text('ethnicity'),
    nativePlace: text('native_place'),
    maritalStatus: text('marital_status'),
    politicalStatus: text('political_status'),
    education: text('education'),
    religion: text('religion'),
    occupationCategory: text('occupation_category'),
    occupation: text('occupation'),
    workplace: text('workplace'),
    organisationId: uuid('organisation_id'),
    idType: text('id_type'),
    idEnc: bytea('id_enc'),
    idBidx: bytea('id_bidx'),
    idValid: boolean('id_valid'),
    phoneEnc: bytea('phone_enc'),
    phoneBidx: bytea('phone_bidx'),
    registeredDivision: text('registered_division'),
    registeredAddress: text('registered_address'),
    addressId: uuid('address_id'),
    houseId: uuid('house_id'),
    residenceAddress: text('residence_address'),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    householdId: uuid('household_id'),
    relationToHead: text('relation_to_head'),
    personHouseholdConsistent: boolean('person_household_consistent'),
    details: jsonb('details').$type<Record<string, string | null>>().notNull().default({}),
    orgPath: orgPath(),
    countyCode: countyCode(),
    ...lifecycle(),
  },
  (t) => [
    index('person_id_bidx_idx').on(t.countyCode, t.idBidx),
    index('person_phone_bidx_idx').on(t.countyCode, t.phoneBidx).where(sql`${t.phoneBidx} is not null`),
    index('person_name_idx').on(t.countyCode, t.name.op('text_pattern_ops')),
    // One grid's people in name order, and a name prefix within a grid, from one index range.
    index('person_grid_name_idx').on(t.gridCode, t.name.op('text_pattern_ops')),
    index('person_household_idx').on(t.householdId).where(sql`${t.householdId} is not null`),
    index('person_address_idx').on(t.addressId).where(sql`${t.addressId} is not null`),
    index('person_organisation_idx').on(t.organisationId).where(sql`${t.organisationId} is not null`),
  ],
);

/** 实有单位: enterprises (非公有制经济组织), 社会组织, shops, schools (校园及周边) and others. */
export const organisation = pgTable(
  'organisation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    category: text('category'),
    addressId: uuid('address_id'),
    address: text('address'),
    villageCode: text('village_code').notNull(),
    gridCode: text('grid_code').notNull(),
    legalRepName: text('legal_rep_name'),
    legalRepIdEnc: bytea('legal_rep_id_enc'),
    legalRepIdBidx: bytea('legal_rep_id_bidx'),
    legalRepPhoneEnc: bytea('legal_rep_phone_enc'),
    legalRepPhoneBidx: bytea('legal_rep_phone_bidx'),
    securityHeadName: text('security_head_name'),
    employees: integer('employees'),
    hazardousChemicals: boolean('hazardous_chemicals'),
    hazardType: text('hazard_type'),
    attentionLevel: text('attention_level'),
    partyOrg: boolean('party_org'),
    schoolType: text('school_type'),
    students: integer('students'),
    staff: integer('staff'),
    securityStaff: integer('security_staff'),
    principalName: text('principal_name'),
    details: jsonb('details').$type<Record<string, string | null>>().notNull().default({}),
    orgPath: orgPath(),
    countyCode: countyCode(),
    ...lifecycle(),
  },
  (t) => [
    uniqueIndex('organisation_code_key').on(t.countyCode, t.code),
    index('organisation_grid_name_idx').on(t.gridCode, t.name.op('text_pattern_ops')),
    index('organisation_name_idx').on(t.countyCode, t.name.op('text_pattern_ops')),
    index('organisation_legal_rep_idx').on(t.countyCode, t.legalRepIdBidx).where(sql`${t.legalRepIdBidx} is not null`),
  ],
);

export type RegisterEntity = 'person' | 'house' | 'organisation' | 'household' | 'address';

/** Who changed what, when: one row per change of a register record (personal fields as changed only). */
export const registerHistory = pgTable(
  'register_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entityType: text('entity_type').$type<RegisterEntity>().notNull(),
    entityId: uuid('entity_id').notNull(),
    version: integer('version').notNull(),
    action: text('action').notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    importId: uuid('import_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('register_history_entity_idx').on(t.entityId, t.id)],
);

export type ImportKind = 'population' | 'houses' | 'organisations';
export type ImportStatus = 'running' | 'done' | 'refused' | 'failed' | 'interrupted';

/** One import of a file: its options, counts and outcome; the error report is kept with it. */
export const registerImport = pgTable(
  'register_import',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<ImportKind>().notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256'),
    fileBytes: bigint('file_bytes', { mode: 'number' }),
    encoding: text('encoding'),
    mode: text('mode').$type<'all_or_nothing' | 'good_rows'>().notNull(),
    idCheck: text('id_check').$type<'strict' | 'warn'>().notNull().default('strict'),
    status: text('status').$type<ImportStatus>().notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    createdRows: integer('created_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    unchangedRows: integer('unchanged_rows').notNull().default(0),
    badRows: integer('bad_rows').notNull().default(0),
    errorFile: text('error_file'),
    message: text('message'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('register_import_started_idx').on(t.countyCode, t.startedAt)],
);
