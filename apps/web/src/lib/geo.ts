import type { GridFeature } from '@shizhi/domain';

/** Ray casting on the outer ring; grids are simple polygons without holes. */
export function pointInGrid(lng: number, lat: number, feature: GridFeature): boolean {
  const ring = feature.geometry.coordinates[0] ?? [];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
