import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { maskPhone, type GridCollection, type GridFeature, type GridPost, type OrgUnit, type OrgUnitDetail } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/db/scope.ts';
import { ltreeArrayLiteral, withinScope } from '../../platform/db/scope-sql.ts';
import { appUser } from '../auth/schema.ts';
import { governanceCenter, gridPost, gridWorker, orgUnit } from './schema.ts';

const alias = sql.raw;

const unitColumns = {
  code: orgUnit.code,
  parentCode: orgUnit.parentCode,
  name: orgUnit.name,
  level: orgUnit.level,
  kind: orgUnit.kind,
  urban: orgUnit.urban,
  households: orgUnit.households,
  population: orgUnit.population,
  centerLng: orgUnit.centerLng,
  centerLat: orgUnit.centerLat,
  orgPath: orgUnit.orgPath,
};

interface UnitRow {
  code: string;
  parentCode: string | null;
  name: string;
  level: OrgUnit['level'];
  kind: string;
  urban: boolean | null;
  households: number | null;
  population: number | null;
  centerLng: number | null;
  centerLat: number | null;
  orgPath: string;
}

/**
 * Child and grid counts are computed, never stored, so they cannot drift. Two queries for any number
 * of units: children grouped by parent, and the paths of every grid below, tallied per ancestor.
 */
async function withCounts(tx: Tx, actor: Actor, rows: readonly UnitRow[]): Promise<OrgUnit[]> {
  if (rows.length === 0) return [];
  const parents = rows.filter((r) => r.level !== 'grid');
  const children = parents.length
    ? await tx
        .select({ parentCode: orgUnit.parentCode, n: count() })
        .from(orgUnit)
        .where(
          and(
            inArray(
              orgUnit.parentCode,
              parents.map((r) => r.code),
            ),
            withinScope(orgUnit.orgPath, actor.scopePaths),
          ),
        )
        .groupBy(orgUnit.parentCode)
    : [];
  const grids = parents.length
    ? await tx
        .select({ path: orgUnit.orgPath })
        .from(orgUnit)
        .where(
          and(
            eq(orgUnit.level, 'grid'),
            withinScope(
              orgUnit.orgPath,
              parents.map((r) => r.orgPath),
            ),
            withinScope(orgUnit.orgPath, actor.scopePaths),
          ),
        )
    : [];
  const childCount = new Map(children.map((c) => [c.parentCode, Number(c.n)]));
  const gridCount = new Map<string, number>();
  for (const { path } of grids) {
    let prefix = '';
    for (const label of path.split('.')) {
      prefix = prefix ? `${prefix}.${label}` : label;
      gridCount.set(prefix, (gridCount.get(prefix) ?? 0) + 1);
    }
  }
  return rows.map((row) => ({
    code: row.code,
    parentCode: row.parentCode,
    name: row.name,
    level: row.level,
    kind: row.kind,
    urban: row.urban,
    households: row.households,
    population: row.population,
    gridCount: row.level === 'grid' ? 0 : (gridCount.get(row.orgPath) ?? 0),
    childCount: childCount.get(row.code) ?? 0,
    center: row.centerLng !== null && row.centerLat !== null ? [row.centerLng, row.centerLat] : null,
  }));
}

export async function findRootUnits(tx: Tx, actor: Actor): Promise<OrgUnit[]> {
  const rows = await tx
    .select(unitColumns)
    .from(orgUnit)
    .where(sql`${orgUnit.orgPath} = any(${ltreeArrayLiteral(actor.scopePaths)}::ltree[])`)
    .orderBy(asc(orgUnit.orgPath));
  return withCounts(tx, actor, rows);
}

/** The A/B posts of every grid at or below `underPath`. */
async function postsOfGrids(tx: Tx, actor: Actor, underPath: string): Promise<Map<string, GridPost[]>> {
  const result = new Map<string, GridPost[]>();
  const rows = await tx
    .select({
      gridCode: gridPost.gridCode,
      post: gridPost.post,
      workerName: gridWorker.name,
      phone: gridWorker.phone,
      username: appUser.username,
    })
    .from(gridPost)
    .innerJoin(gridWorker, eq(gridWorker.id, gridPost.workerId))
    .leftJoin(appUser, eq(appUser.id, gridWorker.userId))
    .where(and(withinScope(gridPost.orgPath, [underPath]), withinScope(gridPost.orgPath, actor.scopePaths)))
    .orderBy(asc(gridPost.gridCode), asc(gridPost.post));
  for (const row of rows) {
    const list = result.get(row.gridCode) ?? [];
    list.push({ post: row.post, workerName: row.workerName, phone: maskPhone(row.phone), username: row.username });
    result.set(row.gridCode, list);
  }
  return result;
}

export async function findUnitDetail(tx: Tx, actor: Actor, code: string): Promise<OrgUnitDetail | null> {
  const [unit] = await tx
    .select(unitColumns)
    .from(orgUnit)
    .where(and(eq(orgUnit.code, code), withinScope(orgUnit.orgPath, actor.scopePaths)))
    .limit(1);
  if (!unit) return null;
  const [ancestors, children, centers, posts] = [
    await tx
      .select({ code: orgUnit.code, name: orgUnit.name, level: orgUnit.level })
      .from(orgUnit)
      .where(
        and(
          sql`${orgUnit.orgPath} @> ${unit.orgPath}::ltree`,
          ne(orgUnit.code, unit.code),
          withinScope(orgUnit.orgPath, actor.scopePaths),
        ),
      )
      .orderBy(sql`nlevel(${orgUnit.orgPath})`),
    await tx
      .select(unitColumns)
      .from(orgUnit)
      .where(and(eq(orgUnit.parentCode, unit.code), withinScope(orgUnit.orgPath, actor.scopePaths)))
      .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.code)),
    // The centre responsible for the unit: its own, or else the nearest one above it (a grid's community).
    await tx
      .select({ name: governanceCenter.name, address: governanceCenter.address, phone: governanceCenter.phone })
      .from(governanceCenter)
      .where(sql`${governanceCenter.orgPath} @> ${unit.orgPath}::ltree`)
      .orderBy(sql`nlevel(${governanceCenter.orgPath}) desc`)
      .limit(1),
    unit.level === 'grid' ? await postsOfGrids(tx, actor, unit.orgPath) : new Map<string, GridPost[]>(),
  ];
  const [self, ...rest] = await withCounts(tx, actor, [unit, ...children]);
  return { unit: self!, ancestors, center: centers[0] ?? null, posts: posts.get(unit.code) ?? [], children: rest };
}

/** Every grid under the unit as GeoJSON, with its village and its A/B posts. */
export async function findGridsUnder(tx: Tx, actor: Actor, code: string): Promise<GridCollection | null> {
  const [unit] = await tx
    .select({ orgPath: orgUnit.orgPath })
    .from(orgUnit)
    .where(and(eq(orgUnit.code, code), withinScope(orgUnit.orgPath, actor.scopePaths)))
    .limit(1);
  if (!unit) return null;
  const village = alias('village');
  const rows = await tx
    .select({
      code: orgUnit.code,
      name: orgUnit.name,
      urban: orgUnit.urban,
      households: orgUnit.households,
      population: orgUnit.population,
      geometry: orgUnit.geometry,
      villageCode: sql<string>`${village}.code`,
      villageName: sql<string>`${village}.name`,
    })
    .from(orgUnit)
    .innerJoin(sql`org_unit ${village}`, sql`${village}.code = ${orgUnit.parentCode}`)
    .where(
      and(
        eq(orgUnit.level, 'grid'),
        sql`${orgUnit.orgPath} <@ ${unit.orgPath}::ltree`,
        withinScope(orgUnit.orgPath, actor.scopePaths),
      ),
    )
    .orderBy(asc(orgUnit.code));
  const posts = await postsOfGrids(tx, actor, unit.orgPath);
  let bbox: [number, number, number, number] | null = null;
  const features: GridFeature[] = [];
  for (const row of rows) {
    if (!row.geometry) continue;
    for (const [lng, lat] of row.geometry.coordinates.flat()) {
      bbox = bbox
        ? [Math.min(bbox[0], lng), Math.min(bbox[1], lat), Math.max(bbox[2], lng), Math.max(bbox[3], lat)]
        : [lng, lat, lng, lat];
    }
    features.push({
      type: 'Feature',
      id: row.code,
      geometry: row.geometry,
      properties: {
        code: row.code,
        name: row.name,
        villageCode: row.villageCode,
        villageName: row.villageName,
        urban: row.urban ?? false,
        households: row.households ?? 0,
        population: row.population ?? 0,
        workers: posts.get(row.code) ?? [],
      },
    });
  }
  return { type: 'FeatureCollection', features, bbox };
}
