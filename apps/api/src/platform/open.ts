import path from 'node:path';
import type { Config } from './config.ts';
import { handleFromPglite, handleFromUrl, openPglite, type DbHandle } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { lockDataDir } from './data-dir-lock.ts';

/** Opens the configured database (locking PGlite's folder) and brings its schema up to date. */
export async function openAndMigrate(config: Config): Promise<DbHandle> {
  if (config.DATABASE_URL) {
    const handle = handleFromUrl(config.DATABASE_URL);
    await migrateDatabase(handle);
    return handle;
  }
  const unlock = lockDataDir(config.dataDir);
  try {
    const pglite = await openPglite(path.join(config.dataDir, 'pglite'));
    const handle = handleFromPglite(pglite);
    await migrateDatabase(handle);
    const close = handle.close;
    return {
      ...handle,
      async close() {
        await close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
