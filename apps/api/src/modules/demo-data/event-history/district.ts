import { createRng, type OrgLevel, type Polygon, type Role } from '@shizhi/domain';
import type { Category } from '../../events/index.ts';
import { countyProfiles } from '../profiles.ts';

/**
 * The seeded district as the event history needs it: who works where (the real seeded accounts),
 * where the grids lie, and the category catalogue. Built from plain rows, so the database loader and
 * the pure tests (which take them from `planDistrict`) share it.
 */

export interface HistoryActor {
  /** null for people without an account (citizens, machines). */
  id: string | null;
  name: string;
  /** Every role the account holds and where: the workflow's parties are worked out from these. */
  assignments: readonly { role: Role; path: string }[];
}

export interface HistoryUnit {
  code: string;
  path: string;
  name: string;
  level: OrgLevel;
  /** Who acts for the unit: the centre's staff, the department's handler, the grid's A then B worker. */
  actors: HistoryActor[];
}

export interface HistoryGrid extends HistoryUnit {
  urban: boolean;
  households: number;
  ring: readonly (readonly [number, number])[];
  bbox: readonly [number, number, number, number];
  /** The grid's street for addresses (urban grids), or null. */
  road: string | null;
  villageName: string;
  townshipName: string;
}

export interface HistoryDistrict {
  county: HistoryUnit;
  /** Centres (county, townships, villages), grids and departments by code. */
  units: ReadonlyMap<string, HistoryUnit>;
  unitsByPath: ReadonlyMap<string, HistoryUnit>;
  grids: readonly HistoryGrid[];
  departments: readonly HistoryUnit[];
  /** Current, active subcategories (the ones a report can be filed under). */
  categories: readonly Category[];
}

export interface DistrictRows {
  countyCode: string;
  orgUnits: readonly {
    code: string;
    name: string;
    level: OrgLevel;
    orgPath: string;
    urban: boolean | null;
    households: number | null;
    geometry: Polygon | null;
  }[];
  users: readonly { id: string; username: string; displayName: string }[];
  roleAssignments: readonly { userId: string; orgCode: string; role: Role; orgPath: string }[];
  /** AB岗: which account holds each grid's A and B post. */
  posts: readonly { gridCode: string; post: 'A' | 'B'; userId: string }[];
  categories: readonly Category[];
}

export function buildHistoryDistrict(rows: DistrictRows): HistoryDistrict {
  const userById = new Map(rows.users.map((u) => [u.id, u]));
  const assignmentsOf = new Map<string, { role: Role; path: string }[]>();
  for (const r of rows.roleAssignments) {
    const list = assignmentsOf.get(r.userId) ?? [];
    list.push({ role: r.role, path: r.orgPath });
    assignmentsOf.set(r.userId, list);
  }
  const actorOf = (userId: string): HistoryActor | null => {
    const user = userById.get(userId);
    return user ? { id: user.id, name: user.displayName, assignments: assignmentsOf.get(userId) ?? [] } : null;
  };
  // The unit's own account (u<code>) first, then anyone else holding the role there.
  const roleHolders = (code: string, role: Role): HistoryActor[] =>
    rows.roleAssignments
      .filter((r) => r.orgCode === code && r.role === role)
      .map((r) => userById.get(r.userId))
      .filter((u) => u !== undefined)
      .sort((a, b) => Number(b.username === `u${code}`) - Number(a.username === `u${code}`) || a.username.localeCompare(b.username))
      .map((u) => actorOf(u.id)!);
  const postHolders = new Map<string, HistoryActor[]>();
  for (const p of [...rows.posts].sort((a, b) => a.post.localeCompare(b.post))) {
    const actor = actorOf(p.userId);
    if (actor) postHolders.set(p.gridCode, [...(postHolders.get(p.gridCode) ?? []), actor]);
  }

  const byPath = new Map(rows.orgUnits.map((u) => [u.orgPath, u]));
  const nameAt = (path: string, depth: number) => byPath.get(path.split('.').slice(0, depth).join('.'))?.name ?? '';
  const roads = countyProfiles[rows.countyCode]?.roads ?? [];

  const units = new Map<string, HistoryUnit>();
  const grids: HistoryGrid[] = [];
  const departments: HistoryUnit[] = [];
  let county: HistoryUnit | null = null;
  for (const u of rows.orgUnits) {
    if (!u.orgPath.split('.').includes(rows.countyCode)) continue;
    const base = { code: u.code, path: u.orgPath, name: u.name, level: u.level };
    if (u.level === 'grid') {
      const ring = u.geometry?.coordinates[0] as [number, number][] | undefined;
      const workers = postHolders.get(u.code) ?? roleHolders(u.code, 'grid_worker');
      if (!ring || ring.length < 4 || workers.length === 0) continue;
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      const grid: HistoryGrid = {
        ...base,
        actors: workers,
        urban: u.urban ?? false,
        households: u.households ?? 100,
        ring,
        bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
        road: u.urban && roads.length ? createRng(`road:${u.code}`).pick(roads) : null,
        villageName: nameAt(u.orgPath, 5),
        townshipName: nameAt(u.orgPath, 4),
      };
      grids.push(grid);
      units.set(u.code, grid);
    } else if (u.level === 'department') {
      const unit = { ...base, actors: roleHolders(u.code, 'dept_handler') };
      if (unit.actors.length === 0) continue;
      departments.push(unit);
      units.set(u.code, unit);
    } else if (u.level === 'county' || u.level === 'township' || u.level === 'village') {
      const unit = { ...base, actors: roleHolders(u.code, 'center_staff') };
      if (unit.actors.length === 0) continue;
      units.set(u.code, unit);
      if (u.level === 'county') county = unit;
    }
  }
  if (!county) throw new RangeError(`no county centre with staff for ${rows.countyCode}`);
  return {
    county,
    units,
    unitsByPath: new Map([...units.values()].map((u) => [u.path, u])),
    grids: grids.sort((a, b) => a.code.localeCompare(b.code)),
    departments: departments.sort((a, b) => a.code.localeCompare(b.code)),
    categories: rows.categories.filter((c) => c.parentCode !== null),
  };
}
