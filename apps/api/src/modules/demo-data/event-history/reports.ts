import { generatePerson, type EventSource, type Rng } from '@shizhi/domain';
import type { HistoryActor, HistoryDistrict, HistoryGrid } from './district.ts';

/** Who reports, from where: the filer, the name and phone on the report, the place and the point. */

// Crockford-style alphabet without I, L, O, U, as intake's tracking codes.
const trackingAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const machineClient = '雪亮工程视频AI分析平台';

/** A 查询码 of intake's shape, from the seeded generator. */
export function trackingCodeFrom(rng: Rng): string {
  return Array.from({ length: 10 }, () => trackingAlphabet[rng.int(0, 31)]).join('');
}

const hexByte = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A UUID (v4 layout) from the seeded generator. */
export function uuidFrom(rng: Rng): string {
  const bytes = new Array<number>(16);
  for (let i = 0; i < 16; i += 4) {
    const word = Math.floor(rng.next() * 0x1_0000_0000);
    bytes[i] = word >>> 24;
    bytes[i + 1] = (word >>> 16) & 0xff;
    bytes[i + 2] = (word >>> 8) & 0xff;
    bytes[i + 3] = word & 0xff;
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.map((b) => hexByte[b]!);
  return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
}

export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

const smallNumbers = '一二三四五六七八九十';

/** A building on the grid's street, or a 村民小组 in a rural grid. */
export function placeOf(rng: Rng, grid: HistoryGrid): string {
  if (grid.urban && grid.road) {
    return rng.chance(0.6) ? `${grid.villageName}${grid.road}${rng.int(1, 260)}号院${rng.int(1, 24)}号楼` : `${grid.villageName}${grid.road}${rng.int(1, 260)}号`;
  }
  if (!grid.urban) return `${grid.villageName}${smallNumbers[rng.int(0, 9)]}组`;
  return `${grid.villageName}${grid.name}`;
}

export async function pointIn(rng: Rng, grid: HistoryGrid, locate: (lng: number, lat: number) => Promise<{ code: string } | null>): Promise<{ lng: number; lat: number } | null> {
  const [west, south, east, north] = grid.bbox;
  for (let attempt = 0; attempt < 12; attempt++) {
    // Six decimals, as a phone's GPS gives them.
    const lng = Math.round(rng.real(west, east) * 1e6) / 1e6;
    const lat = Math.round(rng.real(south, north) * 1e6) / 1e6;
    if ((await locate(lng, lat))?.code === grid.code) return { lng, lat };
  }
  return null;
}

export interface Reporter {
  filer: HistoryActor | null;
  name: string;
  phone: string | null;
  idempotencyKey: string | null;
  data: Record<string, unknown>;
}

export function reporterFor(
  rng: Rng,
  source: EventSource,
  grid: HistoryGrid,
  district: HistoryDistrict,
  reportedAt: number,
  newId: () => string,
): Reporter {
  const person = () => generatePerson(rng, { asOf: chinaDate(reportedAt), addressCode: district.county.code, minAge: 18, maxAge: 80 });
  switch (source) {
    case 'grid_worker': {
      // AB岗: the B worker covers the grid about one report in five.
      const filer = grid.actors.length > 1 && rng.chance(0.2) ? grid.actors[1]! : grid.actors[0]!;
      return { filer, name: filer.name, phone: null, idempotencyKey: `${filer.id}:${newId()}`, data: {} };
    }
    case 'hotline': {
      // 12345 calls are taken at the district centre; some people walk in to their street's centre.
      const street = district.unitsByPath.get(grid.path.split('.').slice(0, 4).join('.'));
      const filer = (street && rng.chance(0.2) ? street : district.county).actors[0]!;
      const caller = person();
      return { filer, name: caller.name, phone: caller.phone, idempotencyKey: null, data: {} };
    }
    case 'citizen': {
      const anonymous = rng.chance(0.25);
      const citizen = person();
      return {
        filer: null,
        name: anonymous ? '匿名群众' : citizen.name,
        phone: anonymous ? null : citizen.phone,
        idempotencyKey: `citizen:${newId()}`,
        data: { anonymous },
      };
    }
    default: {
      const externalId = `AI${chinaDate(reportedAt).replaceAll('-', '')}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
      const cameraCode = `${grid.path.split('.').at(-1)}${String(rng.int(1, 40)).padStart(3, '0')}`;
      return {
        filer: null,
        name: machineClient,
        phone: null,
        idempotencyKey: `video-ai:${externalId}`,
        data: { externalId, client: machineClient, evidence: { cameraCode, confidence: Math.round(rng.real(0.7, 0.99) * 100) / 100 } },
      };
    }
  }
}
