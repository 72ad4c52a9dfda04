import { getTableColumns, getTableName, sql, type InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/client.ts';

/**
 * Inserts many rows of a Drizzle table as one `INSERT … SELECT FROM unnest(…)` with one array
 * parameter per column. Drizzle's multi-row `values()` binds a parameter per cell, and building and
 * binding tens of thousands of them costs more than the insert itself; an array per column keeps
 * the statement small on both engines (PGlite and node-postgres send text either way). Values go
 * through each column's own driver mapping (dates, JSON, custom types), so rows are the table's
 * ordinary insert models. Columns the rows leave undefined (all of them alike) get their defaults.
 */
export async function insertByColumns<T extends PgTable>(tx: Tx, table: T, rows: readonly InferInsertModel<T>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const given = (row: unknown, key: string) => (row as Record<string, unknown>)[key] !== undefined;
  const all = Object.entries(getTableColumns(table));
  const columns = all.filter(([key]) => given(first, key));
  // One statement has one column list: a row that leaves out a column the first gives (or the reverse) is a bug.
  for (const [key] of all) {
    if (rows.some((row) => given(row, key) !== given(first, key))) throw new RangeError(`${getTableName(table)}.${key} is given in some rows only`);
  }
  const arrays = columns.map(([key, column]) => {
    const elements = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      if (value === null) return 'NULL';
      const driverValue = column.mapToDriverValue(value);
      const text = typeof driverValue === 'string' ? driverValue : String(driverValue);
      // Quoted, every element is read as written; only quotes and backslashes need escaping.
      return text.indexOf('"') === -1 && text.indexOf('\\') === -1 ? `"${text}"` : `"${text.replace(/[\\"]/g, '\\$&')}"`;
    });
    return sql`${`{${elements.join(',')}}`}::${sql.raw(column.getSQLType())}[]`;
  });
  const names = sql.raw(columns.map(([, column]) => `"${column.name}"`).join(', '));
  await tx.execute(sql`insert into ${sql.identifier(getTableName(table))} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
}

/** A value in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
function copyText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

interface RawClients {
  /** PGlite's transaction (query with a blob) or node-postgres' PoolClient. */
  client: { query: (...args: never[]) => unknown };
}

/**
 * Loads many rows with COPY … FROM: PGlite reads them from a blob, PostgreSQL from a COPY stream. A
 * large load costs a third of the same rows through unnest, most of which was building, sending and
 * parsing one array literal per column. COPY needs the transaction's own connection, which Drizzle
 * keeps in its session (a PGlite transaction, or the pool client on node-postgres).
 */
export async function copyByColumns<T extends PgTable>(tx: Tx, engine: 'pglite' | 'postgres', table: T, rows: readonly InferInsertModel<T>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => (first as Record<string, unknown>)[key] !== undefined);
  // Generated rows repeat many values (one timestamp, one status, one empty array): each column keeps
  // the last value it wrote and its text, so a repeated value is not mapped and escaped again.
  const cells = columns.map(([key, column]) => ({ key, column, last: undefined as unknown, text: '' }));
  const cellText = (cell: (typeof cells)[number], value: unknown): string => {
    if (value === null || value === undefined) return '\\N';
    if (value === cell.last) return cell.text;
    const driverValue = cell.column.mapToDriverValue(value);
    const text = driverValue instanceof Uint8Array ? `\\\\x${Buffer.from(driverValue).toString('hex')}` : copyText(typeof driverValue === 'string' ? driverValue : String(driverValue));
    cell.last = value;
    cell.text = text;
    return text;
  };
  let text = '';
  for (const row of rows) {
    let line = cellText(cells[0]!, (row as Record<string, unknown>)[cells[0]!.key]);
    for (let i = 1; i < cells.length; i++) line += `\t${cellText(cells[i]!, (row as Record<string, unknown>)[cells[i]!.key])}`;
    text += `${line}\n`;
  }
  const statement = `copy "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) from ${engine === 'pglite' ? `'/dev/blob'` : 'stdin'}`;
  const { client } = (tx as unknown as { session: RawClients }).session;
  if (engine === 'pglite') {
    await (client as unknown as { query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown> }).query(statement, [], {
      blob: new Blob([text]),
    });
    return;
  }
  const { from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  const stream = (client as unknown as { query<S>(s: S): S }).query(from(statement));
  await pipeline(Readable.from([Buffer.from(text)]), stream);
}
