import { eq } from 'drizzle-orm';
import type { Polygon } from '@shizhi/domain';
import type { Database } from '../../platform/db/client.ts';
import { orgUnit } from '../org/index.ts';

interface GridShape {
  code: string;
  orgPath: string;
  bbox: [number, number, number, number];
  ring: [number, number][];
}

/** Ray casting: is the point inside the ring (lng/lat treated as plane coordinates at grid scale)? */
export function pointInRing(lng: number, lat: number, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Which grid a point falls in. Grids change rarely and are few (hundreds to thousands per county), so
 * their outlines are held in memory and every intake is a bounding-box scan plus one ray cast, with
 * no database round trip.
 */
export class GridLocator {
  private shapes: GridShape[] | null = null;

  constructor(private readonly db: Database) {}

  invalidate(): void {
    this.shapes = null;
  }

  async locate(lng: number, lat: number): Promise<{ code: string; orgPath: string } | null> {
    this.shapes ??= await this.load();
    for (const s of this.shapes) {
      const [minX, minY, maxX, maxY] = s.bbox;
      if (lng < minX || lng > maxX || lat < minY || lat > maxY) continue;
      if (pointInRing(lng, lat, s.ring)) return { code: s.code, orgPath: s.orgPath };
    }
    return null;
  }

  private async load(): Promise<GridShape[]> {
    const rows = await this.db
      .select({ code: orgUnit.code, orgPath: orgUnit.orgPath, geometry: orgUnit.geometry })
      .from(orgUnit)
      .where(eq(orgUnit.level, 'grid'));
    return rows
      .filter((r): r is typeof r & { geometry: Polygon } => r.geometry !== null)
      .map((r) => {
        const ring = r.geometry.coordinates[0] as [number, number][];
        const xs = ring.map((p) => p[0]);
        const ys = ring.map((p) => p[1]);
        return {
          code: r.code,
          orgPath: r.orgPath,
          ring,
          bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as [number, number, number, number],
        };
      });
  }
}
