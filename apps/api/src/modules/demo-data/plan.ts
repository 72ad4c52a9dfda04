import { createHash } from 'node:crypto';
import {
  createRng,
  generatePerson,
  isUrbanVillageCode,
  orgPathOf,
  type Role,
  type Rng,
  type SyntheticPerson,
} from '@shizhi/domain';
import type { appUser, roleAssignment } from '../auth/schema.ts';
import type { governanceCenter, gridPost, gridWorker, orgUnit } from '../org/schema.ts';
import { allocateByWeight } from './allocate.ts';
import { loadDivisions, type DivisionExtract, type DivisionTownship, type DivisionUnit } from './divisions.ts';
import { countyProfiles, memberDepartmentNames, type CountyProfile } from './profiles.ts';
import { GeoFrame, squarify, type Rect } from './treemap.ts';

/**
 * A whole demo district as plain rows: real division codes and names, synthetic everything else
 * (households, grids, polygons, people, accounts). Pure and deterministic: the same county, scale
 * and seed give byte-identical rows, ids included, so a re-seeded database matches the last one.
 */

export const demoScales = ['test', 'demo', 'seed'] as const;
export type DemoScale = (typeof demoScales)[number];

/** The seed texts' figures for a 东胜区-sized district: 872 grids, 1,100 专兼职网格员. */
export const seedScaleTargets = { grids: 872, workers: 1100 } as const;

/** 城区350户、农区50户 a grid (seed text); jittered ±20 % per grid. */
const householdsPerGrid = { urban: 350, rural: 50 } as const;
const workersPerGrid = 1.25;
const demoGridsPerVillage = { min: 2, max: 4, mean: 2.75 } as const;
/** Persons per household, drawn per grid: Inner Mongolia's 2020 census average is about 2.5–2.7. */
const personsPerHousehold = [2.6, 2.9] as const;
/**
 * Land per household relative to an urban one, for the synthetic map only: a 50-household rural
 * grid covers far more ground than a 350-household block, and 开发区 units are mostly industrial.
 */
const landFactor = { community: 1, pseudo: 40, village: 150 } as const;

export type OrgUnitRow = typeof orgUnit.$inferInsert;
export type GovernanceCenterRow = typeof governanceCenter.$inferInsert;
export type GridWorkerRow = typeof gridWorker.$inferInsert;
export type GridPostRow = typeof gridPost.$inferInsert;
/** The password hash is added by the seeder; planning stays free of slow crypto. */
export type PlannedUser = Omit<typeof appUser.$inferInsert, 'passwordHash'> & { id: string };
export type RoleAssignmentRow = typeof roleAssignment.$inferInsert;

export interface PlanOptions {
  scale: DemoScale;
  seed?: string;
  /** Ages are counted from this date (YYYY-MM-DD). Fixed by default so plans never drift with the clock. */
  asOf?: string;
  profile?: CountyProfile;
}

export interface DistrictCounts {
  townships: number;
  villages: number;
  grids: number;
  workers: number;
  users: number;
  departments: number;
  centers: number;
  households: number;
  population: number;
}

export interface DistrictPlan {
  scale: DemoScale;
  seed: string;
  source: string;
  county: DivisionUnit;
  orgUnits: OrgUnitRow[];
  centers: GovernanceCenterRow[];
  workers: GridWorkerRow[];
  posts: GridPostRow[];
  users: PlannedUser[];
  roleAssignments: RoleAssignmentRow[];
  counts: DistrictCounts;
}

export const defaultDemoSeed = 'shizhi';
const defaultAsOf = '2025-06-30';

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────────

/** A UUID (v4 layout) hashed from the seed and a key, so reruns give the same ids. */
export function stableUuid(seed: string, kind: string, key: string): string {
  const hex = createHash('sha256').update(`${seed}\u0000${kind}\u0000${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** GB/T 10114 乡级 code range → kind: 001–099 街道, 100–199 镇, 200–399 乡, 400–599 开发区 and the like. */
export function townshipKind(code: string): 'street' | 'town' | 'township' | 'zone' {
  const n = Number(code.slice(6, 9));
  if (n < 100) return 'street';
  if (n < 200) return 'town';
  if (n < 400) return 'township';
  return 'zone';
}

/** 4xx/5xx 村级 codes are 类似居委会/村委会 pseudo-units such as a 开发区's 虚拟社区. */
function isPseudoVillage(code: string): boolean {
  return Number(code.slice(9, 12)) >= 400;
}

/** 漫赖村委会 → 漫赖村, 多福巷社区居委会 → 多福巷社区: the name people use for the place. */
export function shortVillageName(name: string): string {
  const village = /^(.+?)(村民委员会|村委会)$/.exec(name);
  if (village) return village[1]!.endsWith('村') ? village[1]! : `${village[1]}村`;
  const community = /^(.+?社区)(居民委员会|居委会)$/.exec(name);
  if (community) return community[1]!;
  return name;
}

const digits = '〇一二三四五六七八九';
function chineseNumber(n: number): string {
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : digits[n % 10]}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
  return String(n);
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

function landline(rng: Rng, areaCode: string): string {
  let local = '8';
  for (let i = 0; i < 6; i++) local += String(rng.int(0, 9));
  return `${areaCode}-${local}`;
}

function leaderTitle(countyName: string): string {
  const suffix = countyName.slice(-1);
  return `${['区', '县', '旗', '市'].includes(suffix) ? suffix : '区'}领导`;
}

// ─── the plan ────────────────────────────────────────────────────────────────────────────────────

interface GridDraft {
  code: string;
  name: string;
  households: number;
  population: number;
  rect?: Rect;
}

interface VillageDraft {
  unit: DivisionUnit;
  shortName: string;
  kind: 'community' | 'village';
  urban: boolean;
  grids: GridDraft[];
  rect?: Rect;
}

interface TownshipDraft {
  unit: DivisionTownship;
  kind: ReturnType<typeof townshipKind>;
  villages: VillageDraft[];
  rect?: Rect;
}

function selectUnits(divisions: DivisionExtract, scale: DemoScale): TownshipDraft[] {
  const townships = [...divisions.townships].sort((a, b) => a.code.localeCompare(b.code));
  // 'test' keeps real codes but only a corner of the district, so integration tests seed in well under a second.
  const chosen = scale === 'test' ? townships.slice(0, 2) : townships;
  return chosen.map((t) => {
    const villages = [...t.villages].sort((a, b) => a.code.localeCompare(b.code));
    return {
      unit: t,
      kind: townshipKind(t.code),
      villages: (scale === 'test' ? villages.slice(0, 2) : villages).map((v) => {
        const urban = isUrbanVillageCode(v.code);
        return {
          unit: v,
          shortName: shortVillageName(v.name),
          kind: urban ? ('community' as const) : ('village' as const),
          urban,
          grids: [],
        };
      }),
    };
  });
}

/** How many grids each village gets: exactly the seed texts' total at 'seed' scale. */
function planGridCounts(villages: readonly VillageDraft[], scale: DemoScale, rng: Rng): number[] {
  if (scale === 'test') return villages.map(() => 2);
  // The generated household count of each village only weighs the split; grid sizes then follow the standard.
  const idealGrids = villages.map((v) => {
    const r = rng.fork(`households:${v.unit.code}`);
    const households = isPseudoVillage(v.unit.code) ? r.int(200, 700) : v.urban ? r.int(1800, 4200) : r.int(150, 450);
    return households / (v.urban ? householdsPerGrid.urban : householdsPerGrid.rural);
  });
  if (scale === 'seed') return allocateByWeight(seedScaleTargets.grids, idealGrids, { min: 1 });
  const target = Math.round(villages.length * demoGridsPerVillage.mean);
  return allocateByWeight(target, idealGrids, { min: demoGridsPerVillage.min, max: demoGridsPerVillage.max });
}

/** Workers per village: at least one per grid and two in all (AB岗), extras where grids are many. */
function planWorkerCounts(gridCounts: readonly number[], scale: DemoScale): number[] {
  const base = gridCounts.map((g) => Math.max(2, g));
  const baseSum = base.reduce((s, n) => s + n, 0);
  const gridSum = gridCounts.reduce((s, n) => s + n, 0);
  const total = scale === 'seed' ? seedScaleTargets.workers : Math.max(baseSum, Math.round(gridSum * workersPerGrid));
  // An extra worker must stand in (B post) somewhere, so a village has at most as many extras as grids.
  const extras = allocateByWeight(total - baseSum, gridCounts, { min: 0, max: gridCounts.map((g, i) => 2 * g - base[i]!) });
  return base.map((b, i) => b + extras[i]!);
}

/**
 * Urban streets (and the 开发区) form a core; the 镇/乡 wrap it on the west, north, south and east,
 * which is roughly how a district town sits among its rural towns. Areas stay proportional to weight.
 */
function layoutTownships(frame: Rect, townships: readonly TownshipDraft[], weightOf: (t: TownshipDraft) => number): void {
  const core = townships.filter((t) => t.kind === 'street' || t.kind === 'zone');
  const outer = townships.filter((t) => t.kind === 'town' || t.kind === 'township');
  const place = (rect: Rect, group: readonly TownshipDraft[]) => {
    const rects = squarify(rect, group.map(weightOf));
    group.forEach((t, i) => (t.rect = rects[i]));
  };
  if (core.length === 0 || outer.length === 0) return place(frame, townships);

  const sides: TownshipDraft[][] = [[], [], [], []]; // west, north, south, east
  outer.forEach((t, i) => sides[i % 4]!.push(t));
  const [west, north, south, east] = sides as [TownshipDraft[], TownshipDraft[], TownshipDraft[], TownshipDraft[]];
  const sum = (g: readonly TownshipDraft[]) => g.reduce((s, t) => s + weightOf(t), 0);
  const total = sum(townships);
  const width = frame.x1 - frame.x0;
  const xWest = west.length ? frame.x0 + (width * sum(west)) / total : frame.x0;
  const xEast = east.length ? frame.x1 - (width * sum(east)) / total : frame.x1;
  const middle = sum(core) + sum(north) + sum(south);
  const height = frame.y1 - frame.y0;
  const ySouth = south.length ? frame.y0 + (height * sum(south)) / middle : frame.y0;
  const yNorth = north.length ? frame.y1 - (height * sum(north)) / middle : frame.y1;
  if (west.length) place({ ...frame, x1: xWest }, west);
  if (east.length) place({ ...frame, x0: xEast }, east);
  if (south.length) place({ x0: xWest, y0: frame.y0, x1: xEast, y1: ySouth }, south);
  if (north.length) place({ x0: xWest, y0: yNorth, x1: xEast, y1: frame.y1 }, north);
  place({ x0: xWest, y0: ySouth, x1: xEast, y1: yNorth }, core);
}

/** What the builders below share: where codes sit in the tree, and the seeded sources of ids and chance. */
interface PlanContext {
  seed: string;
  asOf: string;
  profile: CountyProfile;
  divisions: DivisionExtract;
  rng: Rng;
  /** ltree path of every org unit code in the plan. */
  pathOf: Map<string, string>;
}

function draftGrids(villages: readonly VillageDraft[], gridCounts: readonly number[], rng: Rng): void {
  villages.forEach((v, vi) => {
    const standard = v.urban ? householdsPerGrid.urban : householdsPerGrid.rural;
    for (let i = 1; i <= gridCounts[vi]!; i++) {
      const code = `${v.unit.code}${pad3(i)}`;
      const r = rng.fork(`grid:${code}`);
      const households = Math.round(standard * r.real(0.8, 1.2));
      v.grids.push({
        code,
        name: `${v.shortName}第${chineseNumber(i)}网格`,
        households,
        population: Math.round(households * r.real(personsPerHousehold[0], personsPerHousehold[1])),
      });
    }
  });
}

/** Places townships, then villages inside each, then grids inside each village; returns the county's rectangle. */
function layoutDistrict(geo: GeoFrame, townships: readonly TownshipDraft[]): Rect {
  const gridLand = (v: VillageDraft, g: GridDraft) =>
    g.households * (isPseudoVillage(v.unit.code) ? landFactor.pseudo : v.urban ? landFactor.community : landFactor.village);
  const villageLand = (v: VillageDraft) => v.grids.reduce((s, g) => s + gridLand(v, g), 0);
  const townshipLand = (t: TownshipDraft) => t.villages.reduce((s, v) => s + villageLand(v), 0);
  const countyRect = geo.rect;
  layoutTownships(
    countyRect,
    townships.filter((t) => t.villages.length > 0),
    townshipLand,
  );
  for (const t of townships) {
    if (!t.rect) continue;
    const villageRects = squarify(t.rect, t.villages.map(villageLand));
    t.villages.forEach((v, i) => {
      v.rect = villageRects[i]!;
      const gridRects = squarify(v.rect, v.grids.map((g) => gridLand(v, g)));
      v.grids.forEach((g, j) => (g.rect = gridRects[j]));
    });
  }
  return countyRect;
}

interface Totals {
  households: number;
  population: number;
}

function totalOf(items: readonly Totals[]): Totals {
  return {
    households: items.reduce((s, g) => s + g.households, 0),
    population: items.reduce((s, g) => s + g.population, 0),
  };
}

function buildOrgUnits(
  ctx: PlanContext,
  townships: readonly TownshipDraft[],
  departments: readonly DivisionUnit[],
  geo: GeoFrame,
  countyRect: Rect,
): { orgUnits: OrgUnitRow[]; countyTotals: Totals } {
  const { province, city, county } = ctx.divisions;
  const orgUnits: OrgUnitRow[] = [];
  const add = (
    fields: Pick<OrgUnitRow, 'code' | 'parentCode' | 'name' | 'level' | 'kind'> & Partial<OrgUnitRow>,
    rect?: Rect,
  ) => {
    const parentPath = fields.parentCode ? ctx.pathOf.get(fields.parentCode) : undefined;
    const orgPath = orgPathOf(parentPath ? [parentPath, fields.code] : [fields.code]);
    ctx.pathOf.set(fields.code, orgPath);
    const [centerLng, centerLat] = rect ? geo.center(rect) : [null, null];
    orgUnits.push({
      urban: null,
      households: null,
      population: null,
      geometry: rect ? geo.polygon(rect) : null,
      centerLng,
      centerLat,
      sortOrder: 0,
      ...fields,
      orgPath,
      // Province and city rows carry the seeded county's code too: county_code is NOT NULL so it can be
      // the Citus distribution column, and these two rows live with the district that needs them.
      countyCode: county.code,
    });
  };

  const grids = townships.flatMap((t) => t.villages.flatMap((v) => v.grids));
  const countyTotals = totalOf(grids);
  add({ code: province.code, parentCode: null, name: province.name, level: 'province', kind: 'province' });
  add({ code: city.code, parentCode: province.code, name: city.name, level: 'city', kind: 'city' });
  add(
    {
      code: county.code,
      parentCode: city.code,
      name: county.name,
      level: 'county',
      kind: county.name.endsWith('区') ? 'district' : 'county',
      ...countyTotals,
    },
    countyRect,
  );
  departments.forEach((d, i) =>
    add({ code: d.code, parentCode: county.code, name: d.name, level: 'department', kind: 'department', sortOrder: i }),
  );
  townships.forEach((t, ti) => {
    const townshipTotals = totalOf(t.villages.flatMap((v) => v.grids));
    const { code, name } = t.unit;
    add({ code, parentCode: county.code, name, level: 'township', kind: t.kind, sortOrder: ti, ...townshipTotals }, t.rect);
    t.villages.forEach((v, vi) => {
      add(
        {
          code: v.unit.code,
          parentCode: t.unit.code,
          name: v.shortName,
          level: 'village',
          kind: v.kind,
          urban: v.urban,
          sortOrder: vi,
          ...totalOf(v.grids),
        },
        v.rect,
      );
      v.grids.forEach((g, gi) =>
        add(
          {
            code: g.code,
            parentCode: v.unit.code,
            name: g.name,
            level: 'grid',
            kind: 'grid',
            urban: v.urban,
            households: g.households,
            population: g.population,
            sortOrder: gi,
          },
          g.rect,
        ),
      );
    });
  });
  return { orgUnits, countyTotals };
}

/** 综治中心 at the three levels: the county, every 街道/镇, every 社区/村. */
function buildCenters(ctx: PlanContext, townships: readonly TownshipDraft[]): GovernanceCenterRow[] {
  const { province, city, county } = ctx.divisions;
  const rng = ctx.rng.fork('centers');
  const cityCounty = `${city.name}${county.name}`;
  const roadAddress = (prefix: string) => `${prefix}${rng.pick(ctx.profile.roads)}${rng.int(1, 299)}号`;
  const center = (orgCode: string, name: string, address: string): GovernanceCenterRow => ({
    orgCode,
    name,
    address,
    phone: landline(rng, ctx.profile.areaCode),
    orgPath: ctx.pathOf.get(orgCode)!,
    countyCode: county.code,
  });
  const centers = [center(county.code, `${county.name}社会治安综合治理中心`, roadAddress(`${province.name}${cityCounty}`))];
  for (const t of townships) {
    centers.push(center(t.unit.code, `${t.unit.name}综治中心`, roadAddress(`${cityCounty}${t.unit.name}`)));
    for (const v of t.villages) {
      // Rural 村 have no street numbers; their centre is in the 村民委员会.
      const address = v.urban ? roadAddress(`${cityCounty}${t.unit.name}`) : `${cityCounty}${t.unit.name}${v.shortName}村民委员会`;
      centers.push(center(v.unit.code, `${v.shortName}综治中心`, address));
    }
  }
  return centers;
}

/** Accounts and the roles they hold, with ids hashed from the seed. */
class AccountBook {
  readonly users: PlannedUser[] = [];
  readonly roleAssignments: RoleAssignmentRow[] = [];
  private readonly ctx: PlanContext;

  constructor(ctx: PlanContext) {
    this.ctx = ctx;
  }

  add(username: string, displayName: string): string {
    const id = stableUuid(this.ctx.seed, 'user', username);
    this.users.push({ id, username, displayName, status: 'active' });
    return id;
  }

  assign(userId: string, username: string, orgCode: string, role: Role): void {
    this.roleAssignments.push({
      id: stableUuid(this.ctx.seed, 'role', `${username}:${orgCode}:${role}`),
      userId,
      orgCode,
      role,
      orgPath: this.ctx.pathOf.get(orgCode)!,
      countyCode: this.ctx.divisions.county.code,
    });
  }

  /** An account holding one role at one unit. */
  addWithRole(username: string, displayName: string, orgCode: string, role: Role): void {
    this.assign(this.add(username, displayName), username, orgCode, role);
  }
}

/**
 * Grid workers and their AB岗 posts. In a village with g grids and n ≥ max(2, g) workers, grid i's
 * A post is worker i; its B post is an extra worker (round-robin) or, with no extras, the next
 * grid's A worker. Each worker gets an account named after their A grid, or `g<first B grid>b`.
 */
function buildWorkers(
  ctx: PlanContext,
  villages: readonly VillageDraft[],
  workerCounts: readonly number[],
  accounts: AccountBook,
): { workers: GridWorkerRow[]; posts: GridPostRow[] } {
  const county = ctx.divisions.county.code;
  const workers: GridWorkerRow[] = [];
  const posts: GridPostRow[] = [];
  const seenIds = new Set<string>();
  const seenPhones = new Set<string>();
  const personFor = (key: string): SyntheticPerson => {
    // Ids and phones are unique in real life; redraw on the rare collision instead of hoping.
    for (let attempt = 0; ; attempt++) {
      const p = generatePerson(ctx.rng.fork(`person:${key}:${attempt}`), {
        asOf: ctx.asOf,
        addressCode: county,
        otherAddressCodes: ctx.profile.nearbyAddressCodes,
        minAge: 22,
        maxAge: 55,
      });
      if (!seenIds.has(p.idNumber) && !seenPhones.has(p.phone)) {
        seenIds.add(p.idNumber);
        seenPhones.add(p.phone);
        return p;
      }
    }
  };

  villages.forEach((v, vi) => {
    const g = v.grids.length;
    const n = workerCounts[vi]!;
    const extras = n - g;
    const ids = Array.from({ length: n }, (_, k) => stableUuid(ctx.seed, 'grid_worker', `${v.unit.code}:${k}`));
    const bOf = (i: number) => (extras > 0 ? g + (i % extras) : (i + 1) % g);
    const postsOf = Array.from({ length: n }, () => [] as { grid: GridDraft; post: 'A' | 'B' }[]);
    v.grids.forEach((grid, i) => {
      postsOf[i]!.push({ grid, post: 'A' });
      postsOf[bOf(i)]!.push({ grid, post: 'B' });
      const orgPath = ctx.pathOf.get(grid.code)!;
      posts.push({ gridCode: grid.code, post: 'A', workerId: ids[i]!, orgPath, countyCode: county });
      posts.push({ gridCode: grid.code, post: 'B', workerId: ids[bOf(i)]!, orgPath, countyCode: county });
    });
    for (let k = 0; k < n; k++) {
      const held = postsOf[k]!;
      const aGrid = held.find((h) => h.post === 'A')?.grid;
      // planWorkerCounts caps extras at the grid count, so every worker holds at least one post.
      const username = aGrid ? `g${aGrid.code}` : `g${held[0]!.grid.code}b`;
      const person = personFor(`${v.unit.code}:${k}`);
      const userId = accounts.add(username, person.name);
      for (const h of held) accounts.assign(userId, username, h.grid.code, 'grid_worker');
      workers.push({
        id: ids[k]!,
        userId,
        name: person.name,
        gender: person.gender,
        ethnicity: person.ethnicity,
        idNumber: person.idNumber,
        phone: person.phone,
        // A-post holders are mostly 专职; stand-ins mostly 兼职 (村/社区 staff covering a second grid).
        employment: ctx.rng.fork(`employment:${v.unit.code}:${k}`).chance(aGrid ? 0.85 : 0.25) ? 'full_time' : 'part_time',
        villageCode: v.unit.code,
        orgPath: ctx.pathOf.get(v.unit.code)!,
        countyCode: county,
      });
    }
  });
  return { workers, posts };
}

export function planDistrict(divisions: DivisionExtract, options: PlanOptions): DistrictPlan {
  const { scale } = options;
  const { city, county } = divisions;
  const profile = options.profile ?? countyProfiles[county.code];
  if (!profile) throw new RangeError(`no demo profile (map extent, area code, roads) for county ${county.code}`);
  const seed = options.seed ?? defaultDemoSeed;
  const ctx: PlanContext = {
    seed,
    asOf: options.asOf ?? defaultAsOf,
    profile,
    divisions,
    rng: createRng(`${seed}:${county.code}`),
    pathOf: new Map(),
  };

  const townships = selectUnits(divisions, scale);
  const villages = townships.flatMap((t) => t.villages);
  const gridCounts = planGridCounts(villages, scale, ctx.rng);
  const workerCounts = planWorkerCounts(gridCounts, scale);
  draftGrids(villages, gridCounts, ctx.rng);
  const geo = new GeoFrame(profile.bbox);
  const countyRect = layoutDistrict(geo, townships);
  const departments = memberDepartmentNames(county.name).map((name, i) => ({
    code: `${county.code}D${String(i + 1).padStart(2, '0')}`,
    name,
  }));

  const { orgUnits, countyTotals } = buildOrgUnits(ctx, townships, departments, geo, countyRect);
  const centers = buildCenters(ctx, townships);
  const accounts = new AccountBook(ctx);
  accounts.addWithRole('admin', '系统管理员', city.code, 'sys_admin');
  accounts.addWithRole('leader', leaderTitle(county.name), county.code, 'leader');
  for (const c of centers) accounts.addWithRole(`u${c.orgCode}`, c.name, c.orgCode, 'center_staff');
  for (const d of departments) accounts.addWithRole(`u${d.code}`, d.name, d.code, 'dept_handler');
  for (const t of townships) {
    const first = t.villages[0];
    if (first) accounts.addWithRole(`m${first.unit.code}`, `${first.shortName}调解员`, first.unit.code, 'mediator');
  }
  const { workers, posts } = buildWorkers(ctx, villages, workerCounts, accounts);

  return {
    scale,
    seed,
    source: divisions.source,
    county,
    orgUnits,
    centers,
    workers,
    posts,
    users: accounts.users,
    roleAssignments: accounts.roleAssignments,
    counts: {
      townships: townships.length,
      villages: villages.length,
      grids: villages.reduce((s, v) => s + v.grids.length, 0),
      workers: workers.length,
      users: accounts.users.length,
      departments: departments.length,
      centers: centers.length,
      ...countyTotals,
    },
  };
}

// ─── accounts to print at start ──────────────────────────────────────────────────────────────────

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  orgCode: string;
  orgName: string;
}

export type DemoAccountSource = DistrictPlan | { county: string; seed?: string };

/**
 * One account per kind of user, for the start-up banner and the README. The picks exist at every
 * scale (they are the first units by code), so a caller that only knows the county can ask too.
 */
export function demoAccounts(source: DemoAccountSource): DemoAccount[] {
  const plan =
    'orgUnits' in source
      ? source
      : planDistrict(loadDivisions(source.county), { scale: 'test', ...(source.seed ? { seed: source.seed } : {}) });
  const unitByCode = new Map(plan.orgUnits.map((u) => [u.code, u]));
  const userByName = new Map(plan.users.map((u) => [u.username, u]));
  const firstOf = (level: string, kind?: string) => plan.orgUnits.find((u) => u.level === level && (!kind || u.kind === kind));
  const picks = [
    'admin',
    'leader',
    `u${plan.county.code}`,
    `u${firstOf('township', 'street')?.code ?? firstOf('township')?.code}`,
    `u${firstOf('village', 'community')?.code ?? firstOf('village')?.code}`,
    `g${firstOf('grid')?.code}`,
    `u${firstOf('department')?.code}`,
    plan.users.find((u) => u.username.startsWith('m'))?.username ?? '',
  ];
  const accounts: DemoAccount[] = [];
  for (const username of picks) {
    const user = userByName.get(username);
    const role = plan.roleAssignments.find((r) => r.userId === user?.id);
    if (!user || !role || accounts.some((a) => a.username === username)) continue;
    accounts.push({
      username,
      displayName: user.displayName,
      role: role.role,
      orgCode: role.orgCode,
      orgName: unitByCode.get(role.orgCode)?.name ?? role.orgCode,
    });
  }
  return accounts;
}
