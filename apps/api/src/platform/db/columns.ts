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
