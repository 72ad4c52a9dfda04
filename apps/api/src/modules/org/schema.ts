import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  uuid,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { OrgLevel, Polygon } from '@shizhi/domain';
import { countyCode, orgPath } from '../../platform/db/columns.ts';

export const orgUnit = pgTable(
  'org_unit',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    level: text('level').$type<OrgLevel>().notNull(),
    // street | town | zone | community | village | grid | department …
    kind: text('kind').notNull(),
    urban: boolean('urban'),
    households: integer('households'),
    population: integer('population'),
    geometry: jsonb('geometry').$type<Polygon>(),
    centerLng: doublePrecision('center_lng'),
    centerLat: doublePrecision('center_lat'),
    sortOrder: integer('sort_order').notNull().default(0),
    orgPath: orgPath(),
    countyCode: countyCode(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_unit_path_gist').using('gist', t.orgPath),
    index('org_unit_parent_idx').on(t.parentCode, t.sortOrder),
    index('org_unit_level_idx').on(t.countyCode, t.level),
  ],
);

/** 综治中心 at district, street and community level. */
export const governanceCenter = pgTable(
  'governance_center',
  {
    orgCode: text('org_code').primaryKey(),
    name: text('name').notNull(),
    address: text('address'),
    phone: text('phone'),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('governance_center_path_gist').using('gist', t.orgPath)],
);

/** A grid worker (网格员) is a person with an identity; their account is in app_user. */
export const gridWorker = pgTable(
  'grid_worker',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    gender: text('gender').notNull(), // GB/T 2261.1: 1 男, 2 女
    ethnicity: text('ethnicity').notNull(), // GB 3304
    idNumber: text('id_number').notNull(),
    phone: text('phone').notNull(),
    employment: text('employment').notNull(), // full_time | part_time
    villageCode: text('village_code').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('grid_worker_path_gist').using('gist', t.orgPath), index('grid_worker_user_idx').on(t.userId)],
);

/** AB岗: each grid has an A post (primary) and a B post (stand-in). */
export const gridPost = pgTable(
  'grid_post',
  {
    gridCode: text('grid_code').notNull(),
    post: text('post').$type<'A' | 'B'>().notNull(),
    workerId: uuid('worker_id').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    primaryKey({ columns: [t.gridCode, t.post] }),
    index('grid_post_path_gist').using('gist', t.orgPath),
    index('grid_post_worker_idx').on(t.workerId),
  ],
);
