import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { schema } from './schema.ts';

export type Schema = typeof schema;
export type Database = NodePgDatabase<Schema>;
/** The transaction handle drizzle passes to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Tx;

export type Engine = 'pglite' | 'postgres';

/**
 * One code path for both engines: PGlite is reached through its in-process node-postgres adapter
 * (a pool of one session), PostgreSQL through an ordinary pg.Pool.
 */
export interface DbHandle {
  engine: Engine;
  db: Database;
  pool: pg.Pool;
  /** The PGlite instance when embedded (bulk COPY and data-dir dumps need it). */
  pglite: PGlite | null;
  close(): Promise<void>;
}

export const pgliteExtensions = { ltree, pg_trgm };

export async function openPglite(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<PGlite> {
  if (dataDir) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  return PGlite.create(dataDir ?? 'memory://', {
    extensions: pgliteExtensions,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
}

export function handleFromPglite(pglite: PGlite): DbHandle {
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = drizzle(pool, { schema });
  return {
    engine: 'pglite',
    db,
    pool,
    pglite,
    async close() {
      await pool.end();
      await pglite.close();
    },
  };
}

export function handleFromUrl(url: string, max = 10): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = drizzle(pool, { schema });
  return {
    engine: 'postgres',
    db,
    pool,
    pglite: null,
    async close() {
      await pool.end();
    },
  };
}

export async function openDatabase(config: { DATABASE_URL?: string | undefined; dataDir: string }): Promise<DbHandle> {
  if (config.DATABASE_URL) return handleFromUrl(config.DATABASE_URL);
  return handleFromPglite(await openPglite(path.join(config.dataDir, 'pglite')));
}
