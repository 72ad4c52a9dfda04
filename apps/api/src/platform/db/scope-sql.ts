import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** `column <@ any of the actor's subtrees`: the service-layer scope filter for every query. */
export function withinScope(column: SQLWrapper, scopePaths: readonly string[]): SQL {
  return sql`${column} <@ ${ltreeArrayLiteral(scopePaths)}::ltree[]`;
}

export function ltreeArrayLiteral(paths: readonly string[]): string {
  return `{${paths.join(',')}}`;
}
