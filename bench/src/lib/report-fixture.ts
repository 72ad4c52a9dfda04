import { createRng, type Rng } from '@shizhi/domain';
import { pointInRing } from '../../../apps/api/src/modules/events/grid-locator.ts';
import { getJson, signIn, type Session } from './platform.ts';

const districtCode = '150602';

interface GridFeature {
  properties: { code: string; workers: { post: 'A' | 'B'; username: string | null }[] };
  geometry: { coordinates: [number, number][][] };
}

interface Grid {
  code: string;
  ring: [number, number][];
  bbox: [number, number, number, number];
  workers: string[];
}

export interface ReportingSession extends Session {
  /** Points this session may report at: inside its own grid (a grid worker) or anywhere (hotline). */
  points: [number, number][];
}

export interface ReportFixture {
  sessions: ReportingSession[];
  categories: string[];
  descriptions: string[];
}

/** What grid workers and hotline operators write; any text the schema accepts would do. */
export const reportDescriptions = [
  '路灯不亮，夜间出行不便',
  '楼道堆放杂物，存在消防隐患',
  '邻里因噪音发生争执，需要调解',
  '路面塌陷，过往车辆有危险',
  '小区门口占道经营，影响通行',
  '垃圾清运不及时，气味较大',
];

function gridOf(feature: GridFeature): Grid {
  const ring = feature.geometry.coordinates[0] ?? [];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return {
    code: feature.properties.code,
    ring,
    bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
    workers: feature.properties.workers.flatMap((w) => (w.username ? [w.username] : [])),
  };
}

/** Points inside the grid and inside no other, so the platform's grid lookup finds this grid whatever its order. */
function pointsIn(grid: Grid, all: readonly Grid[], count: number, rng: Rng): [number, number][] {
  const points: [number, number][] = [];
  const [minX, minY, maxX, maxY] = grid.bbox;
  for (let tries = 0; points.length < count && tries < count * 200; tries++) {
    const lng = rng.real(minX, maxX);
    const lat = rng.real(minY, maxY);
    if (!pointInRing(lng, lat, grid.ring)) continue;
    if (all.some((other) => other !== grid && pointInRing(lng, lat, other.ring))) continue;
    points.push([Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]);
  }
  if (points.length === 0) throw new Error(`no point found inside grid ${grid.code}`);
  return points;
}

/**
 * Signs in `gridWorkers` grid workers (each from a different grid, spread over the district) and
 * `hotline` sessions of the district centre's staff, and gives each the points it may report at,
 * taken from the real grid outlines (GET /api/org-units/150602/grids).
 */
export async function prepareReporting(
  base: string,
  { gridWorkers, hotline, seed = 'intake' }: { gridWorkers: number; hotline: number; seed?: string },
): Promise<ReportFixture> {
  const rng = createRng(seed);
  const staff = await signIn(base, `u${districtCode}`);
  const collection = await getJson<{ features: GridFeature[] }>(`${base}/api/org-units/${districtCode}/grids`, staff);
  const grids = collection.features.map(gridOf).filter((g) => g.ring.length >= 3);
  const categoryList = await getJson<{ items: { code: string; parentCode: string | null }[] }>(`${base}/api/event-categories`, staff);
  const categories = categoryList.items.filter((c) => c.parentCode !== null).map((c) => c.code);

  const staffed = grids.filter((g) => g.workers.length > 0);
  const step = Math.max(1, Math.floor(staffed.length / Math.max(1, gridWorkers)));
  const sessions: ReportingSession[] = [];
  for (let i = 0; i < gridWorkers && i * step < staffed.length; i++) {
    const grid = staffed[i * step]!;
    sessions.push({ ...(await signIn(base, grid.workers[0]!)), points: pointsIn(grid, grids, 40, rng) });
  }
  const anywhere = grids.flatMap((g) => pointsIn(g, grids, 3, rng));
  for (let i = 0; i < hotline; i++) sessions.push({ ...(await signIn(base, `u${districtCode}`)), points: anywhere });
  return { sessions, categories, descriptions: reportDescriptions };
}
