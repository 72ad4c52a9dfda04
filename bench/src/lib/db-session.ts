import type { DbHandle, RawResult } from '../../../apps/api/src/platform/db/client.ts';

export interface DbSession {
  query<T = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<RawResult<T>>;
  release(): void;
}

/**
 * One database session for statements that must share it (begin … commit, set_config(…, true)): a
 * connection held from the pool on PostgreSQL; PGlite has a single session anyway.
 */
export async function holdSession(handle: DbHandle): Promise<DbSession> {
  if (!handle.pool) return { query: (text, values) => handle.query(text, values), release: () => {} };
  const client = await handle.pool.connect();
  return {
    async query<T>(text: string, values?: readonly unknown[]) {
      const result = await client.query(text, values ? [...values] : undefined);
      return { rows: result.rows as T[] };
    },
    release: () => client.release(),
  };
}
