import type { Polygon } from '@shizhi/domain';

/**
 * Synthetic geometry. No public boundaries exist for 村/社区 or grids, so the demo tiles the county
 * with rectangles: squarified treemaps (Bruls, Huizing, van Wijk 2000) keep them close to square, and
 * computing each shared edge once means neighbours meet exactly, with no gap and no overlap.
 */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type BBox = readonly [west: number, south: number, east: number, north: number];

/** Worst aspect ratio of a row of areas laid along a side of length `side`. */
function worstRatio(areas: readonly number[], side: number): number {
  let sum = 0;
  let max = 0;
  let min = Number.POSITIVE_INFINITY;
  for (const a of areas) {
    sum += a;
    if (a > max) max = a;
    if (a < min) min = a;
  }
  const s2 = side * side;
  const sum2 = sum * sum;
  return Math.max((s2 * max) / sum2, sum2 / (s2 * min));
}

/** Tiles `rect` with one rectangle per weight (all > 0), areas proportional; returned in input order. */
export function squarify(rect: Rect, weights: readonly number[]): Rect[] {
  if (weights.length === 0) return [];
  if (weights.some((w) => !(w > 0))) throw new RangeError('treemap weights must be positive');
  const total = weights.reduce((s, w) => s + w, 0);
  const area = (rect.x1 - rect.x0) * (rect.y1 - rect.y0);
  const order = weights.map((w, i) => ({ i, area: (w / total) * area })).sort((a, b) => b.area - a.area || a.i - b.i);
  const out: Rect[] = new Array<Rect>(weights.length);

  let free: Rect = { ...rect };
  let k = 0;
  while (k < order.length) {
    const width = free.x1 - free.x0;
    const height = free.y1 - free.y0;
    const side = Math.min(width, height);
    const row = [order[k]!];
    let areas = [order[k]!.area];
    while (k + row.length < order.length) {
      const candidate = order[k + row.length]!;
      const grown = [...areas, candidate.area];
      if (worstRatio(grown, side) > worstRatio(areas, side)) break;
      row.push(candidate);
      areas = grown;
    }
    k += row.length;
    const last = k === order.length;
    const rowArea = areas.reduce((s, a) => s + a, 0);

    if (width >= height) {
      // A column along the left edge of the free space.
      const x1 = last ? free.x1 : free.x0 + rowArea / height;
      let y = free.y0;
      row.forEach((item, j) => {
        const y1 = j === row.length - 1 ? free.y1 : y + item.area / (x1 - free.x0);
        out[item.i] = { x0: free.x0, y0: y, x1, y1 };
        y = y1;
      });
      free = { ...free, x0: x1 };
    } else {
      // A row along the bottom edge of the free space.
      const y1 = last ? free.y1 : free.y0 + rowArea / width;
      let x = free.x0;
      row.forEach((item, j) => {
        const x1 = j === row.length - 1 ? free.x1 : x + item.area / (y1 - free.y0);
        out[item.i] = { x0: x, y0: free.y0, x1, y1 };
        x = x1;
      });
      free = { ...free, y0: y1 };
    }
  }
  return out;
}

/**
 * Maps a local frame measured in kilometres onto longitude and latitude inside `bbox`, so treemap
 * squares come out square on the ground rather than in degrees.
 */
export class GeoFrame {
  readonly bbox: BBox;
  readonly widthKm: number;
  readonly heightKm: number;
  private readonly kmPerLng: number;
  private readonly kmPerLat = 110.574;

  constructor(bbox: BBox) {
    this.bbox = bbox;
    const [west, south, east, north] = bbox;
    this.kmPerLng = 111.32 * Math.cos((((south + north) / 2) * Math.PI) / 180);
    this.widthKm = (east - west) * this.kmPerLng;
    this.heightKm = (north - south) * this.kmPerLat;
  }

  get rect(): Rect {
    return { x0: 0, y0: 0, x1: this.widthKm, y1: this.heightKm };
  }

  lngLat(x: number, y: number): [number, number] {
    return [round6(this.bbox[0] + x / this.kmPerLng), round6(this.bbox[1] + y / this.kmPerLat)];
  }

  /** GeoJSON Polygon, exterior ring counter-clockwise and closed (RFC 7946). */
  polygon(r: Rect): Polygon {
    const sw = this.lngLat(r.x0, r.y0);
    const se = this.lngLat(r.x1, r.y0);
    const ne = this.lngLat(r.x1, r.y1);
    const nw = this.lngLat(r.x0, r.y1);
    return { type: 'Polygon', coordinates: [[sw, se, ne, nw, [sw[0], sw[1]]]] };
  }

  center(r: Rect): [number, number] {
    return this.lngLat((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
  }
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
