import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { schema } from './schema.ts';

export type Schema = typeof schema;

/** Both drivers' results carry `rows`; this names that common shape for `execute`. */
export interface RowsResultHKT extends PgQueryResultHKT {
  type: RawResult<this['row']>;
}

export type Database = PgDatabase<RowsResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<RowsResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Executor = Database | Tx;

export type Engine = 'pglite' | 'postgres';

export interface RawResult<T> {
  rows: T[];
}

/**
 * The database behind one code path: Drizzle's first-party driver for each engine (PGlite's own for
 * the embedded database, node-postgres for a server), plus a raw `query` for the few callers that
 * speak SQL text (the job queue, the CLI, tests). A raw query without parameters may hold several
 * statements.
 */
export interface DbHandle {
  engine: Engine;
  db: Database;
  query<T = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<RawResult<T>>;
  /** The PGlite instance when embedded (bulk COPY and data-dir dumps need it). */
  pglite: PGlite | null;
  /** The pool when on PostgreSQL. */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

export const pgliteExtensions = { btree_gist, ltree, pg_trgm };

export async function openPglite(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<PGlite> {
  if (dataDir) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  return PGlite.create(dataDir ?? 'memory://', {
    extensions: pgliteExtensions,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
}

export function handleFromPglite(pglite: PGlite): DbHandle {
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return {
    engine: 'pglite',
    db,
    pglite,
    pool: null,
    async query<T>(text: string, values?: readonly unknown[]) {
      if (values?.length) return pglite.query<T>(text, [...values]);
      const results = await pglite.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as T[] };
    },
    async close() {
      await pglite.close();
    },
  };
}

export function handleFromUrl(url: string, max = 10): DbHandle {
  // JIT off for every session: the planner's estimate for a register search (a name range under row
  // security) passes jit_above_cost, and compiling took 20 ms for a query that runs in 1 ms. The
  // platform's queries are short; none gained from JIT (PGlite has none either).
  const pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off' });
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  return {
    engine: 'postgres',
    db,
    pglite: null,
    pool,
    async query<T>(text: string, values?: readonly unknown[]) {
      const result = await pool.query(text, values ? [...values] : undefined);
      // A multi-statement text answers with one result per statement; the last one counts.
      const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
      return { rows: (last?.rows ?? []) as T[] };
    },
    async close() {
      await pool.end();
    },
  };
}
