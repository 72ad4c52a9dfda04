import type { Rng } from '@shizhi/domain';
import { countyProfiles } from '../profiles.ts';
import { pad, type AddressRow, type RegisterContext, type RegisterGrid } from './context.ts';
import { chineseOrdinal, compoundNames, extraRoads, phaseName } from './names.ts';

/**
 * The 一标 standard addresses of one grid. Urban grids: 小区 (or a 街路巷 with numbered buildings) →
 * 楼栋 → 单元 → 户室; rural villages: 组 → 户 (the room level directly under the 组, its code padded
 * with zeros where building and unit would be). Codes: village (12) + compound (3) + building (3) +
 * unit (2) + room (4: floor and door, or the 户's number).
 */

export interface Room {
  address: AddressRow;
  /** The building's address (urban) or the 组 (rural): where organisations and shops sit. */
  building: AddressRow;
  floor: number;
}

export interface GridAddresses {
  rows: AddressRow[];
  rooms: Room[];
  buildings: AddressRow[];
  /** Street names of the grid, for shop names. */
  roads: string[];
}

function jitter(rng: Rng, bbox: RegisterGrid['bbox'], around?: { lng: number; lat: number }): { lng: number; lat: number } {
  const [w, s, e, n] = bbox;
  if (around) {
    const dx = (e - w) * 0.04;
    const dy = (n - s) * 0.04;
    return { lng: round6(Math.min(e, Math.max(w, around.lng + rng.real(-dx, dx)))), lat: round6(Math.min(n, Math.max(s, around.lat + rng.real(-dy, dy)))) };
  }
  return { lng: round6(rng.real(w + (e - w) * 0.1, e - (e - w) * 0.1)), lat: round6(rng.real(s + (n - s) * 0.1, n - (n - s) * 0.1)) };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function planAddresses(ctx: RegisterContext, grid: RegisterGrid, roomCount: number, rng: Rng): GridAddresses {
  const rows: AddressRow[] = [];
  const rooms: Room[] = [];
  const buildings: AddressRow[] = [];
  const roads: string[] = [];
  const allRoads = [...(countyProfiles[ctx.countyCode]?.roads ?? []), ...extraRoads];
  const place = `${ctx.cityName}${ctx.countyName}${grid.townshipName}`;
  const add = (fields: Omit<AddressRow, 'id' | 'villageCode' | 'gridCode' | 'orgPath' | 'countyCode'>): AddressRow => {
    const row: AddressRow = {
      id: ctx.uuid('address', rng),
      ...fields,
      villageCode: grid.villageCode,
      gridCode: grid.code,
      orgPath: grid.orgPath,
      countyCode: ctx.countyCode,
    };
    rows.push(row);
    return row;
  };
  const compoundCode = () => `${grid.villageCode}${pad(ctx.next(`compound:${grid.villageCode}`), 3)}`;

  if (!grid.urban) {
    const villageName = grid.villageName;
    let left = roomCount;
    while (left > 0) {
      const n = ctx.next(`group:${grid.villageCode}`);
      const code = compoundCode();
      const name = `${chineseOrdinal(Math.min(n, 99))}组`;
      const at = jitter(rng, grid.bbox);
      const group = add({ code, parentId: null, level: 'compound', name, fullName: `${place}${villageName}${name}`, ...at });
      buildings.push(group);
      const size = Math.min(left, rng.int(18, 45));
      for (let i = 1; i <= size; i++) {
        const room = add({
          code: `${code}00000${pad(i, 4)}`,
          parentId: group.id,
          level: 'room',
          name: `${i}号`,
          fullName: `${place}${villageName}${name}${i}号`,
          ...jitter(rng, grid.bbox, at),
        });
        rooms.push({ address: room, building: group, floor: 1 });
      }
      left -= size;
    }
    return { rows, rooms, buildings, roads: [allRoads[0]!] };
  }

  let left = roomCount;
  while (left > 0) {
    const street = rooms.length > 0 && rng.chance(0.3);
    const road = rng.pick(allRoads);
    roads.push(road);
    let compoundName: string;
    if (street) compoundName = road;
    else {
      const base = rng.pick(compoundNames);
      compoundName = phaseName(base, ctx.next(`compound-name:${base}`));
    }
    const code = compoundCode();
    const at = jitter(rng, grid.bbox);
    const compound = add({ code, parentId: null, level: 'compound', name: compoundName, fullName: `${place}${compoundName}`, ...at });
    const buildingCount = street ? rng.int(3, 10) : rng.int(6, 24);
    const firstNumber = street ? rng.int(1, 60) * 2 : 1;
    for (let b = 0; b < buildingCount && left > 0; b++) {
      const number = street ? firstNumber + b * 2 : b + 1;
      const buildingName = street ? `${number}号` : `${number}号楼`;
      const floors = street ? rng.int(5, 7) : rng.pick([6, 6, 6, 7, 11, 18, 24, 26]);
      const units = street ? rng.int(1, 2) : rng.int(2, 4);
      const building = add({
        code: `${code}${pad(b + 1, 3)}`,
        parentId: compound.id,
        level: 'building',
        name: buildingName,
        fullName: `${place}${compoundName}${buildingName}`,
        ...jitter(rng, grid.bbox, at),
      });
      buildings.push(building);
      for (let u = 1; u <= units && left > 0; u++) {
        const unitName = `${u}单元`;
        const unit = add({
          code: `${building.code}${pad(u, 2)}`,
          parentId: building.id,
          level: 'unit',
          name: unitName,
          fullName: `${building.fullName}${unitName}`,
          lng: building.lng,
          lat: building.lat,
        });
        for (let floor = 1; floor <= floors && left > 0; floor++) {
          for (let door = 1; door <= 2 && left > 0; door++) {
            const roomName = `${floor}${pad(door, 2)}`;
            const room = add({
              code: `${unit.code}${pad(floor, 2)}${pad(door, 2)}`,
              parentId: unit.id,
              level: 'room',
              name: `${roomName}室`,
              fullName: `${unit.fullName}${roomName}室`,
              lng: building.lng,
              lat: building.lat,
            });
            rooms.push({ address: room, building, floor });
            left -= 1;
          }
        }
      }
    }
  }
  return { rows, rooms, buildings, roads };
}
