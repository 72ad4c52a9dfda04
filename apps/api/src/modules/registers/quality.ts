import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { collectionRate, DomainError, qualityFlagLabel, type OrgLevel } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import { inScope, type Actor } from '../../platform/db/scope.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import { orgUnit } from '../org/index.ts';
import type { PersonRow } from './contract.ts';
import { personRowColumns, toPersonRows } from './queries.ts';
import { person } from './schema.ts';
import { gridCodeRange } from './unit-filters.ts';

/**
 * 数据质量: per grid, the collection figures (采集率 = households with an active member over the grid's
 * 应采集 households), the people whose records lack items a visit should collect, whose ID numbers fail
 * GB 11643, or who are registered twice (one ID number, more than one active record in the county);
 * and the list of those records to fix, each problem said in Chinese.
 */

export type QualityProblem = 'missing' | 'id_invalid' | 'duplicate';
export const qualityProblems = ['missing', 'id_invalid', 'duplicate'] as const satisfies readonly QualityProblem[];

export interface QualityFigures {
  households: number;
  registeredHouseholds: number;
  collectionRate: number | null;
  people: number;
  missingItems: number;
  idInvalid: number;
  duplicates: number;
}

export interface QualityRow extends QualityFigures {
  gridCode: string;
  gridName: string;
  villageName: string | null;
}

export interface QualityUnit {
  code: string;
  name: string;
  level: OrgLevel;
  orgPath: string;
  countyCode: string;
}

const unitLevels: readonly OrgLevel[] = ['county', 'township', 'village', 'grid'];
const problemPageSize = 20;

/** The unit asked for (default: the actor's own, when they have one), inside the actor's scope; outside it reads as not found. */
export async function qualityUnit(tx: Executor, actor: Actor, code: string | undefined): Promise<QualityUnit> {
  const wanted = code ?? (actor.scopePaths.length === 1 ? actor.scopePaths[0]!.split('.').at(-1)! : undefined);
  if (!wanted) throw new DomainError('VALIDATION.INVALID', { field: 'unit', detail: '请指定单位 (name a unit)' });
  const [unit] = await tx
    .select({ code: orgUnit.code, name: orgUnit.name, level: orgUnit.level, orgPath: orgUnit.orgPath, countyCode: orgUnit.countyCode })
    .from(orgUnit)
    .where(and(eq(orgUnit.code, wanted), withinScope(orgUnit.orgPath, actor.scopePaths)));
  if (!unit) throw new DomainError('ORG.NOT_FOUND', { field: 'unit' });
  if (!unitLevels.includes(unit.level)) throw new DomainError('VALIDATION.INVALID', { field: 'unit', detail: '请选择区县、街道、社区或网格 (a district, street, community or grid)' });
  return unit;
}

/** Grid codes nest under their units' codes: the whole unit as a range on person.grid_code and friends. */
function rangeOf(unit: QualityUnit) {
  const range = gridCodeRange(unit.code);
  if (!range) throw new DomainError('VALIDATION.INVALID', { field: 'unit' });
  return range;
}

/**
 * Active records in the unit whose ID number has another active record in the county. Asked as the
 * owner (`system`): the other record may lie outside the actor's scope, and row-level security would
 * hide it; only the in-scope side is returned (its id and grid), never the other record.
 */
function duplicatesQuery(unit: QualityUnit) {
  const { lo, hi } = rangeOf(unit);
  const active = (p: string) => sql.raw(`(select count(*) from person q where q.county_code = ${p}.county_code and q.id_bidx = ${p}.id_bidx and q.status = 'active')`);
  const inUnit = sql`p.county_code = ${unit.countyCode} and p.grid_code between ${lo} and ${hi} and p.org_path <@ ${unit.orgPath}::ltree and p.status = 'active'`;
  if (unit.level === 'grid' || unit.level === 'village') {
    // A few thousand people: one index probe each.
    return sql`select * from (select p.id, p.grid_code, ${active('p')}::int as records from person p where ${inUnit} and p.id_bidx is not null) d where d.records > 1`;
  }
  // A street or the district: the numbers held more than once, from the (county, blind index) index
  // alone, then only their records; a probe per person would touch every row.
  return sql`
    select * from (
      select p.id, p.grid_code, ${active('p')}::int as records
      from (select id_bidx from person where county_code = ${unit.countyCode} and id_bidx is not null group by id_bidx having count(*) > 1) shared
      join person p on p.county_code = ${unit.countyCode} and p.id_bidx = shared.id_bidx
      where ${inUnit}) d
    where d.records > 1`;
}

/**
 * `db` is the owner's connection: the unit is looked up with the actor's scope as a filter, the
 * duplicates are counted as the owner (see duplicatesQuery), and the rest runs in the actor's scope
 * under row-level security. The owner's queries run outside that transaction: PGlite has one session.
 */
export async function qualityOverview(
  db: Executor,
  actor: Actor,
  unitCode: string | undefined,
): Promise<{ unit: { code: string; name: string; level: OrgLevel }; rows: QualityRow[]; totals: QualityFigures }> {
  const unit = await qualityUnit(db, actor, unitCode);
  const { lo, hi } = rangeOf(unit);
  const duplicates = await db.execute<{ grid_code: string; n: number }>(sql`select d.grid_code, count(*)::int as n from (${duplicatesQuery(unit)}) d group by d.grid_code`);
  const [grids, people, households] = await inScope(db, actor.scopePaths, (tx) => Promise.all([
    tx.execute<{ code: string; name: string; village_name: string | null; households: number | null }>(sql`
      select g.code, g.name, v.name as village_name, g.households
      from org_unit g left join org_unit v on v.code = g.parent_code
      where g.level = 'grid' and g.code between ${lo} and ${hi} and g.org_path <@ ${unit.orgPath}::ltree
      order by g.code`),
    tx.execute<{ grid_code: string; people: number; missing: number; id_invalid: number }>(sql`
      select grid_code, count(*)::int as people,
             count(*) filter (where array_to_string(problems, ',') like '%missing:%')::int as missing,
             count(*) filter (where id_valid = false)::int as id_invalid
      from person
      where grid_code between ${lo} and ${hi} and org_path <@ ${unit.orgPath}::ltree and status = 'active'
      group by grid_code`),
    tx.execute<{ grid_code: string; n: number }>(sql`
      select h.grid_code, count(*)::int as n
      from household h
      where h.grid_code between ${lo} and ${hi} and h.org_path <@ ${unit.orgPath}::ltree
        and exists (select 1 from person p where p.household_id = h.id and p.status = 'active')
      group by h.grid_code`),
  ]));
  const byGrid = <T extends { grid_code: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.grid_code, r]));
  const peopleOf = byGrid(people.rows);
  const householdsOf = byGrid(households.rows);
  const duplicatesOf = byGrid(duplicates.rows);
  const rows: QualityRow[] = grids.rows.map((g) => {
    const p = peopleOf.get(g.code);
    const expected = g.households ?? 0;
    const registered = householdsOf.get(g.code)?.n ?? 0;
    return {
      gridCode: g.code,
      gridName: g.name,
      villageName: g.village_name,
      households: expected,
      registeredHouseholds: registered,
      collectionRate: collectionRate(registered, expected),
      people: p?.people ?? 0,
      missingItems: p?.missing ?? 0,
      idInvalid: p?.id_invalid ?? 0,
      duplicates: duplicatesOf.get(g.code)?.n ?? 0,
    };
  });
  const sum = (key: keyof Omit<QualityFigures, 'collectionRate'>) => rows.reduce((s, r) => s + r[key], 0);
  const totals: QualityFigures = {
    households: sum('households'),
    registeredHouseholds: sum('registeredHouseholds'),
    collectionRate: collectionRate(sum('registeredHouseholds'), sum('households')),
    people: sum('people'),
    missingItems: sum('missingItems'),
    idInvalid: sum('idInvalid'),
    duplicates: sum('duplicates'),
  };
  return { unit: { code: unit.code, name: unit.name, level: unit.level }, rows, totals };
}

export type ProblemRow = PersonRow & { problem: string };

function describe(problem: QualityProblem, flags: readonly string[], duplicate?: { records: number }): string {
  if (problem === 'duplicate') return `同一公民身份号码共有 ${duplicate?.records ?? 2} 条在册记录，请核实后注销重复登记`;
  if (problem === 'id_invalid') {
    const idFlags = flags.filter((f) => f.startsWith('id_'));
    return idFlags.length ? idFlags.map((f) => qualityFlagLabel(f)).join('；') : '公民身份号码校验未通过';
  }
  return flags
    .filter((f) => f.startsWith('missing:'))
    .map((f) => qualityFlagLabel(f))
    .join('；');
}

/** The people to fix in a unit, one page of 20, each with what is wrong said in Chinese. */
export async function qualityProblemList(
  db: Executor,
  actor: Actor,
  cipher: PersonalDataCipher,
  query: { unit?: string | undefined; problem: QualityProblem; page: number },
): Promise<{ unit: { code: string; name: string; level: OrgLevel }; problem: QualityProblem; items: ProblemRow[]; total: number; page: number; pageSize: number }> {
  const unit = await qualityUnit(db, actor, query.unit);
  const { lo, hi } = rangeOf(unit);
  const offset = (query.page - 1) * problemPageSize;
  const inUnit = and(
    sql`${person.gridCode} between ${lo} and ${hi}`,
    sql`${person.orgPath} <@ ${unit.orgPath}::ltree`,
    eq(person.status, 'active'),
    withinScope(person.orgPath, actor.scopePaths),
  );
  const duplicateRecords = new Map<string, number>();
  if (query.problem === 'duplicate') {
    const found = await db.execute<{ id: string; records: number }>(sql`select d.id, d.records from (${duplicatesQuery(unit)}) d`);
    for (const d of found.rows) duplicateRecords.set(d.id, d.records);
  }
  const condition =
    query.problem === 'duplicate'
      ? duplicateRecords.size
        ? inArray(person.id, [...duplicateRecords.keys()])
        : sql`false`
      : query.problem === 'missing'
        ? sql`array_to_string(${person.problems}, ',') like '%missing:%'`
        : sql`${person.idValid} = false`;
  const { total, items } = await inScope(db, actor.scopePaths, async (tx) => {
    const [counted] = await tx.select({ n: sql<number>`count(*)::int` }).from(person).where(and(inUnit, condition));
    const n = counted?.n ?? 0;
    const rows = n
      ? await tx.select(personRowColumns).from(person).where(and(inUnit, condition)).orderBy(asc(person.gridCode), asc(person.name), asc(person.id)).limit(problemPageSize).offset(offset)
      : [];
    return { total: n, items: await toPersonRows(tx, cipher, rows) };
  });
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    problem: query.problem,
    items: items.map((item) => ({
      ...item,
      problem: describe(query.problem, item.problems, { records: duplicateRecords.get(item.id) ?? 2 }),
    })),
    total,
    page: query.page,
    pageSize: problemPageSize,
  };
}

