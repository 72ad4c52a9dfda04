import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { DomainError } from '@shizhi/domain';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import type { Actor } from '../../platform/db/scope.ts';
import { orgUnit } from '../org/index.ts';

/**
 * Division codes nest by prefix (county 6 digits, street 9, community 12, grid 15), so "everything
 * under a unit" is a range on the 15-digit grid code, which a b-tree index answers and the planner
 * can estimate (it cannot estimate ltree's `<@`, which stays as the exact test and RLS does again).
 */
const gridCodeLength = 15;

export function gridCodeRange(code: string): { lo: string; hi: string } | null {
  if (!/^\d+$/.test(code) || code.length > gridCodeLength) return null;
  return { lo: code.padEnd(gridCodeLength, '0'), hi: code.padEnd(gridCodeLength, '9') };
}

function rangeCondition(column: PgColumn, code: string): SQL | undefined {
  const range = gridCodeRange(code);
  if (!range) return undefined;
  return range.lo === range.hi ? eq(column, range.lo) : sql`${column} between ${range.lo} and ${range.hi}`;
}

/** The service-layer scope filter: the exact ltree test plus, where it can be said, the grid-code range. */
export function scopeCondition(table: { orgPath: PgColumn; gridCode: PgColumn }, actor: Actor): SQL {
  const ranges = actor.scopePaths.map((p) => rangeCondition(table.gridCode, p.split('.').at(-1)!));
  const exact = withinScope(table.orgPath, actor.scopePaths);
  if (ranges.some((r) => r === undefined)) return exact;
  return and(exact, ranges.length === 1 ? ranges[0] : or(...ranges))!;
}

/** `unit` filter: an org code (street, community or grid) inside the actor's scope. */
export async function unitCondition(tx: Executor, actor: Actor, table: { orgPath: PgColumn; gridCode: PgColumn }, code: string): Promise<SQL> {
  const [unit] = await tx
    .select({ code: orgUnit.code, orgPath: orgUnit.orgPath })
    .from(orgUnit)
    .where(and(eq(orgUnit.code, code), withinScope(orgUnit.orgPath, actor.scopePaths)));
  if (!unit) throw new DomainError('ORG.NOT_FOUND', { field: 'unit' });
  const range = rangeCondition(table.gridCode, unit.code);
  const exact = sql`${table.orgPath} <@ ${unit.orgPath}::ltree`;
  return range ? and(range, exact)! : exact;
}

/**
 * The counties the actor works in: the leading column of the name and blind-index indexes. A scope at
 * county level or below names its county; a city-wide scope asks the org tree.
 */
export async function countiesOf(tx: Executor, actor: Actor): Promise<string[]> {
  const named = actor.scopePaths.map((p) => p.split('.').find((l) => /^\d{6}$/.test(l)));
  if (named.every((c) => c !== undefined)) return [...new Set(named as string[])];
  const rows = await tx
    .select({ code: orgUnit.code })
    .from(orgUnit)
    .where(and(eq(orgUnit.level, 'county'), withinScope(orgUnit.orgPath, actor.scopePaths)));
  return [...new Set([...rows.map((r) => r.code), ...(named.filter(Boolean) as string[])])];
}

export function countyCondition(column: PgColumn, counties: readonly string[]): SQL {
  if (counties.length === 0) return sql`false`;
  return counties.length === 1 ? eq(column, counties[0]!) : inArray(column, [...counties]);
}

/** The smallest string greater than every string starting with `prefix`, in code-point (= UTF-8 byte) order. */
export function prefixUpperBound(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = chars.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return chars.join('') + String.fromCodePoint(next);
    }
  }
  return null;
}

/**
 * `starts with prefix` as a range in the text_pattern_ops order. Not `like 'p%'`: LIKE is not
 * leakproof, so under row-level security PostgreSQL may not use it as an index condition and scans
 * the whole table; the pattern comparison operators are leakproof and keep the index.
 */
export function namePrefix(column: PgColumn, prefix: string): SQL {
  const upper = prefixUpperBound(prefix);
  return upper === null ? sql`${column} ~>=~ ${prefix}` : sql`${column} ~>=~ ${prefix} and ${column} ~<~ ${upper}`;
}

/**
 * Sorted the way the (county_code, name text_pattern_ops) index is: plain `order by name` uses the
 * collation's order, which that index cannot give, and would sort every match before the first page.
 */
export function byNameIndexOrder(column: PgColumn): SQL {
  return sql`${column} using ~<~`;
}

/**
 * Whether a list covers more than one grid (a community, street or the whole district), where the
 * ordered index scan is the only fast way to a sorted first page.
 */
export function coversManyGrids(actor: Actor, unitCode: string | undefined): boolean {
  const codes = unitCode ? [unitCode] : actor.scopePaths.map((p) => p.split('.').at(-1)!);
  return codes.some((c) => !/^\d{15}$/.test(c));
}

/**
 * Runs the page query with sorting priced out, so PostgreSQL walks the name (or code) index in order
 * and stops after the page. Without this it believes only a handful of rows match — the scope test
 * `org_path <@ …` (service filter and RLS policy) has no selectivity estimate — and reads and sorts
 * every match first: 40,000 rows for a common surname, 60,000 for a street. Only for wide, unselective
 * lists; an exact or narrow search keeps the planner's own choice.
 */
export async function inIndexOrder<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  return withPlanner(tx, 'enable_sort', work);
}

/**
 * Runs a capped count with bitmap scans priced out: a bitmap scan collects every match before the
 * LIMIT applies (180,000 index entries for 王 at seed scale), a plain index scan stops at the cap.
 * Counts run only after a full first page, so there are many matches whenever this matters.
 */
export async function countingToCap<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  return withPlanner(tx, 'enable_bitmapscan', work);
}

async function withPlanner<T>(tx: Tx, setting: 'enable_sort' | 'enable_bitmapscan', work: () => Promise<T>): Promise<T> {
  await tx.execute(sql.raw(`set local ${setting} = off`));
  const result = await work();
  await tx.execute(sql.raw(`set local ${setting} = on`));
  return result;
}
