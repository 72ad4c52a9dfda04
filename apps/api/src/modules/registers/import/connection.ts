import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DbHandle, Engine, Executor } from '../../../platform/db/client.ts';

/**
 * The one transaction an import writes in, on either engine, as the owner role: PostgreSQL refuses
 * COPY into a table with row-level security for the app role, so the engine checks every row's grid
 * against the importer's scope itself. Statements go as text with array parameters (see
 * demo-data/bulk-insert.ts); new rows go by COPY, through pg-copy-streams on the transaction's
 * connection, or from a Blob via PGlite's /dev/blob.
 */
export interface ImportTx {
  engine: Engine;
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** COPY … FROM in text format: `text` is the rows, tab-separated, each ending in a newline. */
  copy(table: string, columns: readonly string[], text: string): Promise<void>;
  /** The same transaction as a Drizzle executor, for shared helpers such as appendAudit. */
  executor: Executor;
}

const dialect = new PgDialect();

function executorOver(query: ImportTx['query']): Executor {
  // appendAudit and friends only call execute(sql``): compile the SQL object and run it here.
  const execute = async (statement: SQL) => {
    const compiled = dialect.sqlToQuery(statement);
    return { rows: await query(compiled.sql, compiled.params) };
  };
  return { execute } as unknown as Executor;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from ${source}`;
}

function postgresTx(client: pg.PoolClient): ImportTx {
  const query: ImportTx['query'] = async (text, params) => (await client.query(text, params ? [...params] : undefined)).rows;
  return {
    engine: 'postgres',
    query,
    async copy(table, columns, text) {
      const stream = client.query(copyFrom(copyStatement(table, columns, 'stdin')));
      await new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
        stream.end(Buffer.from(text, 'utf8'));
      });
    },
    executor: executorOver(query),
  };
}

function pgliteTx(tx: Transaction): ImportTx {
  const query: ImportTx['query'] = async <T>(text: string, params?: readonly unknown[]) => {
    if (params?.length) return (await tx.query<T>(text, [...params])).rows;
    // Without parameters the text may hold several statements (the simple protocol).
    const results = await tx.exec(text);
    return (results.at(-1)?.rows ?? []) as T[];
  };
  return {
    engine: 'pglite',
    query,
    async copy(table, columns, text) {
      await tx.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([text]) });
    },
    executor: executorOver(query),
  };
}

/**
 * Runs `work` in one transaction and commits when it answers `commit: true`, rolls back otherwise
 * (and on any error). On PGlite the transaction holds the database: other queries wait until it ends.
 */
export async function inImportTransaction<T>(handle: DbHandle, work: (tx: ImportTx) => Promise<{ commit: boolean; result: T }>): Promise<T> {
  if (handle.pglite) {
    return handle.pglite.transaction(async (tx) => {
      const { commit, result } = await work(pgliteTx(tx));
      if (!commit) await tx.rollback();
      return result;
    });
  }
  const client = await handle.pool!.connect();
  let broken = false;
  try {
    await client.query('begin');
    const { commit, result } = await work(postgresTx(client));
    await client.query(commit ? 'commit' : 'rollback');
    return result;
  } catch (error) {
    try {
      await client.query('rollback');
    } catch {
      // The connection itself failed: drop it from the pool rather than reuse it.
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
