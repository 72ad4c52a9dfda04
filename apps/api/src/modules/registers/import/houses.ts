import { createHash } from 'node:crypto';
import type { HouseRecord, RowProblem } from '@shizhi/domain';
import type { AddressLevel } from '../schema.ts';
import type { ImportTx } from './connection.ts';
import { boolText, byteaText, numberTextOrNull, textArrayText } from './copy-text.ts';
import type { Candidate, ImportContext, KindPlan, PlanColumn, Prepared } from './plan.ts';
import { checkGrid } from './places-check.ts';
import type { GridPlace } from './places.ts';
import { arrayLiteral } from './sql-arrays.ts';

const columns: readonly PlanColumn[] = [
  { column: 'code', field: 'code', diff: 'plain' },
  { column: 'building_use', field: 'buildingUse', diff: 'plain' },
  { column: 'house_use', field: 'houseUse', diff: 'plain' },
  { column: 'area', field: 'area', diff: 'plain' },
  { column: 'property_type', field: 'propertyType', diff: 'plain' },
  { column: 'owner_name', field: 'ownerName', diff: 'plain' },
  { column: 'owner_id_type', field: 'ownerIdType', diff: 'plain' },
  { column: 'owner_id_enc', diff: 'none' },
  { column: 'owner_id_bidx', field: 'ownerIdNumber', diff: 'personal' },
  { column: 'owner_phone_enc', diff: 'none' },
  { column: 'owner_phone_bidx', field: 'ownerPhone', diff: 'personal' },
  { column: 'rental', field: 'rental', diff: 'plain' },
  { column: 'rental_use', field: 'rentalUse', diff: 'plain' },
  { column: 'landlord_type', field: 'landlordType', diff: 'plain' },
  { column: 'max_occupants', field: 'maxOccupants', diff: 'plain' },
  { column: 'actual_occupants', field: 'actualOccupants', diff: 'plain' },
  { column: 'pledge_signed', field: 'pledgeSigned', diff: 'plain' },
  { column: 'hazard_grade', field: 'hazardGrade', diff: 'plain' },
  { column: 'hazard_type', field: 'hazardType', diff: 'plain' },
];

/** The local 一标 code scheme: a compound adds 3 digits to its village's 12, a building 3, a unit 2, a room 4. */
export const addressDigits: Record<AddressLevel, number> = { compound: 3, building: 3, unit: 2, room: 4 };
const levels: readonly AddressLevel[] = ['compound', 'building', 'unit', 'room'];
const levelHeader: Record<AddressLevel, string> = { compound: '小区（街路巷）', building: '楼栋', unit: '单元', room: '户室' };

interface Node {
  id: string;
  code: string;
}

interface Wanted {
  parent: string;
  parentCode: string;
  name: string;
  fullName: string;
  grid: GridPlace;
  lng: string | null;
  lat: string | null;
}

/**
 * Finds or creates one level of the address tree for a batch: one query for the existing children
 * of the parents (villages for compounds), one insert for the missing ones with the next free codes.
 */
async function ensureLevel(tx: ImportTx, context: ImportContext, level: AddressLevel, wanted: Map<string, Wanted>): Promise<Map<string, Node | RowProblem>> {
  const out = new Map<string, Node | RowProblem>();
  if (!wanted.size) return out;
  const parents = [...new Set([...wanted.values()].map((w) => w.parent))];
  const existing =
    level === 'compound'
      ? await tx.query<{ id: string; code: string; name: string; parent: string }>(
          `select id::text, code, name, village_code as parent from address where county_code = $1::char(6) and level = 'compound' and village_code = any($2::text[])`,
          [context.countyCode, arrayLiteral(parents)],
        )
      : await tx.query<{ id: string; code: string; name: string; parent: string }>(
          `select id::text, code, name, parent_id::text as parent from address where parent_id = any($1::uuid[]) and level = $2`,
          [arrayLiteral(parents), level],
        );
  const byName = new Map(existing.map((e) => [`${e.parent}|${e.name}`, { id: e.id, code: e.code }]));
  const lastCode = new Map<string, number>();
  for (const e of existing) lastCode.set(e.parent, Math.max(lastCode.get(e.parent) ?? 0, Number(e.code.slice(-addressDigits[level]))));
  const created: { id: string; code: string; w: Wanted }[] = [];
  const digits = addressDigits[level];
  for (const [key, w] of wanted) {
    const found = byName.get(key);
    if (found) {
      out.set(key, found);
      continue;
    }
    const next = (lastCode.get(w.parent) ?? 0) + 1;
    if (next >= 10 ** digits) {
      out.set(key, { column: levelHeader[level], reason: `编码已用完（每级最多 ${10 ** digits - 1} 个）`, reasonEn: `No free ${level} code left` });
      continue;
    }
    lastCode.set(w.parent, next);
    const node = { id: context.ids.batch(1)[0]!, code: `${w.parentCode}${String(next).padStart(digits, '0')}`, w };
    created.push(node);
    out.set(key, { id: node.id, code: node.code });
  }
  if (created.length) {
    await tx.query(
      `insert into address (id, code, parent_id, level, name, full_name, village_code, grid_code, org_path, county_code, lng, lat)
       select id, code, parent_id, $2, name, full_name, village_code, grid_code, org_path, $1, lng, lat
         from unnest($3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::ltree[], $11::float8[], $12::float8[])
           as t(id, code, parent_id, name, full_name, village_code, grid_code, org_path, lng, lat)`,
      [
        context.countyCode,
        level,
        arrayLiteral(created.map((c) => c.id)),
        arrayLiteral(created.map((c) => c.code)),
        arrayLiteral(created.map((c) => (level === 'compound' ? null : c.w.parent))),
        arrayLiteral(created.map((c) => c.w.name)),
        arrayLiteral(created.map((c) => c.w.fullName)),
        arrayLiteral(created.map((c) => c.w.grid.villageCode)),
        arrayLiteral(created.map((c) => c.w.grid.code)),
        arrayLiteral(created.map((c) => c.w.grid.orgPath)),
        arrayLiteral(created.map((c) => c.w.lng)),
        arrayLiteral(created.map((c) => c.w.lat)),
      ],
    );
  }
  return out;
}

/** 实有房屋 (with 出租房屋 items): matched by 房屋编号; the address 小区 → 楼栋 → 单元 → 户室 is found or created. */
export const housesPlan: KindPlan = {
  table: 'house',
  entity: 'house',
  keySql: 'code',
  keyMatchSql: 'code = any($2::text[])',
  keyIndex: 'house_code_key',
  columns,
  refColumns: ['address_id'],

  prepare(rows, context) {
    const houses = rows.map((r) => r.record as HouseRecord);
    const ids = context.cipher.seal('id', houses.map((h) => h.ownerIdNumber));
    const phones = context.cipher.seal('phone', houses.map((h) => h.ownerPhone));
    return rows.map(({ flags }, i): Prepared => {
      const h = houses[i]!;
      const checked = checkGrid(h.gridCode ?? '', context);
      if ('problem' in checked) return { problems: [checked.problem] };
      const id = ids[i];
      const phone = phones[i];
      const values: Record<string, string | null> = {
        code: h.code,
        building_use: h.buildingUse,
        house_use: h.houseUse,
        area: h.area === null ? null : h.area.toFixed(2),
        property_type: h.propertyType,
        owner_name: h.ownerName,
        owner_id_type: h.ownerIdType,
        owner_id_enc: byteaText(id?.enc),
        owner_id_bidx: byteaText(id?.bidx),
        owner_phone_enc: byteaText(phone?.enc),
        owner_phone_bidx: byteaText(phone?.bidx),
        rental: boolText(h.rental ?? false),
        rental_use: h.rentalUse,
        landlord_type: h.landlordType,
        max_occupants: numberTextOrNull(h.maxOccupants),
        actual_occupants: numberTextOrNull(h.actualOccupants),
        pledge_signed: boolText(h.pledgeSigned),
        hazard_grade: h.hazardGrade,
        hazard_type: h.hazardType,
        problems: textArrayText(flags),
      };
      const hash = createHash('sha1')
        .update(JSON.stringify([h, id?.bidx.toString('hex') ?? null, phone?.bidx.toString('hex') ?? null], (k, v: unknown) => (k === 'ownerIdNumber' || k === 'ownerPhone' ? undefined : v)))
        .digest('base64');
      return {
        candidate: {
          key: h.code,
          hash,
          grid: checked.grid,
          values,
          refs: { compound: h.compound, building: h.building, unit: h.unit, room: h.room, lng: numberTextOrNull(h.lng), lat: numberTextOrNull(h.lat) },
        },
      };
    });
  },

  async resolve(tx, rows, context) {
    const problems = new Map<Candidate, RowProblem[]>();
    // Each row's chain of address parts, the deepest given level last; a level left empty is skipped.
    const chains = new Map<Candidate, { level: AddressLevel; name: string }[]>();
    for (const row of rows) chains.set(row, levels.filter((l) => row.refs[l]).map((l) => ({ level: l, name: row.refs[l]!.trim() })));
    // The node each row has reached so far, by row; compounds hang on the grid's village.
    const reached = new Map<Candidate, { id: string; code: string; fullName: string }>();
    for (const row of rows) reached.set(row, { id: row.grid!.villageCode, code: row.grid!.villageCode, fullName: row.grid!.label });
    for (const level of levels) {
      const wanted = new Map<string, Wanted>();
      const keyOf = new Map<Candidate, string>();
      for (const row of rows) {
        if (problems.has(row)) continue;
        const part = chains.get(row)!.find((p) => p.level === level);
        if (!part) continue;
        const parent = reached.get(row)!;
        const key = `${parent.id}|${part.name}`;
        keyOf.set(row, key);
        const deepest = chains.get(row)!.at(-1)!.level === level;
        if (!wanted.has(key)) {
          wanted.set(key, {
            parent: parent.id,
            parentCode: parent.code,
            name: part.name,
            fullName: `${parent.fullName}${part.name}`,
            grid: row.grid!,
            lng: deepest ? (row.refs.lng ?? null) : null,
            lat: deepest ? (row.refs.lat ?? null) : null,
          });
        }
      }
      const nodes = await ensureLevel(tx, context, level, wanted);
      for (const [row, key] of keyOf) {
        const node = nodes.get(key)!;
        if ('reason' in node) problems.set(row, [node]);
        else reached.set(row, { id: node.id, code: node.code, fullName: wanted.get(key)!.fullName });
      }
    }
    for (const row of rows) if (!problems.has(row)) row.values.address_id = reached.get(row)!.id;
    return problems;
  },
};
