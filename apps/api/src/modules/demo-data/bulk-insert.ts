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
