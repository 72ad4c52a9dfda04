import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { DbHandle } from './client.ts';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** Applies the committed SQL migrations in order; a no-op when the database is current. */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  await migrate(handle.db, { migrationsFolder });
}
