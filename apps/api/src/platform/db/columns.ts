import { customType, char } from 'drizzle-orm/pg-core';

/** PostgreSQL ltree; the org path of every scoped row (`15.1506.150602.150602001`). */
export const ltree = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'ltree';
  },
});

/** The 6-digit county code: the distribution column when the schema runs on Citus. */
export const countyCode = () => char('county_code', { length: 6 }).notNull();
export const orgPath = () => ltree('org_path').notNull();

/** bytea as a Buffer: sealed personal values and their blind indexes (platform/personal-data.ts). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType() {
    return 'bytea';
  },
  fromDriver(value) {
    return Buffer.isBuffer(value) ? value : Buffer.from(value);
  },
});
