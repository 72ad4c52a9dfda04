import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { maskPhone, type GridCollection, type GridFeature, type GridPost, type OrgUnit, type OrgUnitDetail } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/db/scope.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import { appUser } from '../auth/schema.ts';
import { governanceCenter, gridPost, gridWorker, orgUnit } from './schema.ts';

const alias = sql.raw;

/** Columns of OrgUnit, with the counts computed (never stored) so they cannot drift. */
function unitColumns() {
  return {
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
    // Qualified by hand: inside a subquery drizzle's bare "code" would bind to the inner table.
    childCount: sql<number>`(select count(*)::int from org_unit c where c.parent_code = "org_unit"."code")`,
    gridCount: sql<number>`(case when "org_unit"."level" = 'grid' then 0 else
      (select count(*)::int from org_unit g where g.level = 'grid' and g.org_path <@ "org_unit"."org_path") end)`,
  };
}

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
  childCount: number;
  gridCount: number;
}

function toOrgUnit(row: UnitRow): OrgUnit {
  return {
    code: row.code,
    parentCode: row.parentCode,
    name: row.name,
    level: row.level,
    kind: row.kind,
    urban: row.urban,
    households: row.households,
    population: row.population,
    gridCount: Number(row.gridCount),
    childCount: Number(row.childCount),
    center: row.centerLng !== null && row.centerLat !== null ? [row.centerLng, row.centerLat] : null,
  };
}

export async function findRootUnits(tx: Tx, actor: Actor): Promise<OrgUnit[]> {
  const rows = await tx
    .select(unitColumns())
    .from(orgUnit)
    .where(and(sql`${orgUnit.orgPath} = any(${`{${actor.scopePaths.join(',')}}`}::ltree[])`))
    .orderBy(asc(orgUnit.orgPath));
  return rows.map(toOrgUnit);
}

async function postsOfGrids(tx: Tx, actor: Actor, gridCodes: readonly string[]): Promise<Map<string, GridPost[]>> {
  const result = new Map<string, GridPost[]>();
  if (gridCodes.length === 0) return result;
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
    .where(and(inArray(gridPost.gridCode, [...gridCodes]), withinScope(gridPost.orgPath, actor.scopePaths)))
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
    .select(unitColumns())
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
      .select(unitColumns())
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
    unit.level === 'grid' ? await postsOfGrids(tx, actor, [unit.code]) : new Map<string, GridPost[]>(),
  ];
  return {
    unit: toOrgUnit(unit),
    ancestors,
    center: centers[0] ?? null,
    posts: posts.get(unit.code) ?? [],
    children: children.map(toOrgUnit),
  };
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
  const posts = await postsOfGrids(
    tx,
    actor,
    rows.map((r) => r.code),
  );
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
