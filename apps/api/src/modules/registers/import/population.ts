import { createHash } from 'node:crypto';
import type { PersonRecord, RowProblem } from '@shizhi/domain';
import { boolText, byteaText, textArrayText } from './copy-text.ts';
import type { Candidate, KindPlan, PlanColumn, Prepared } from './plan.ts';
import { checkGrid } from './places-check.ts';
import { arrayLiteral } from './sql-arrays.ts';

const columns: readonly PlanColumn[] = [
  { column: 'person_type', field: 'personType', diff: 'plain' },
  { column: 'name', field: 'name', diff: 'plain' },
  { column: 'former_name', field: 'formerName', diff: 'plain' },
  { column: 'gender', field: 'gender', diff: 'plain' },
  { column: 'birth_date', field: 'birthDate', diff: 'plain' },
  { column: 'ethnicity', field: 'ethnicity', diff: 'plain' },
  { column: 'native_place', field: 'nativePlace', diff: 'plain' },
  { column: 'marital_status', field: 'maritalStatus', diff: 'plain' },
  { column: 'political_status', field: 'politicalStatus', diff: 'plain' },
  { column: 'education', field: 'education', diff: 'plain' },
  { column: 'religion', field: 'religion', diff: 'plain' },
  { column: 'occupation_category', field: 'occupationCategory', diff: 'plain' },
  { column: 'occupation', field: 'occupation', diff: 'plain' },
  { column: 'workplace', field: 'workplace', diff: 'plain' },
  { column: 'id_type', field: 'idType', diff: 'plain' },
  { column: 'id_enc', diff: 'none' },
  { column: 'id_bidx', field: 'idNumber', diff: 'personal' },
  { column: 'id_valid', diff: 'none' },
  { column: 'phone_enc', diff: 'none' },
  { column: 'phone_bidx', field: 'phone', diff: 'personal' },
  { column: 'registered_division', field: 'registeredDivision', diff: 'plain' },
  { column: 'registered_address', field: 'registeredAddress', diff: 'plain' },
  { column: 'residence_address', field: 'residenceAddress', diff: 'plain' },
  { column: 'relation_to_head', field: 'relationToHead', diff: 'plain' },
  { column: 'person_household_consistent', field: 'personHouseholdConsistent', diff: 'plain' },
  { column: 'details', field: 'details', diff: 'json' },
];

const gb11643Types = new Set(['111', '112']);
const houseHeader = '房屋编号';

function detailsJson(details: PersonRecord['details']): string {
  let json = '{';
  for (const [k, v] of Object.entries(details)) {
    if (v === null || v === undefined || v === '') continue;
    json += `${json.length > 1 ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(v)}`;
  }
  return `${json}}`;
}

/** 实有人口: matched by the blind index of the ID number; house and household resolved per batch. */
export const populationPlan: KindPlan = {
  table: 'person',
  entity: 'person',
  keySql: `encode(id_bidx, 'hex')`,
  keyMatchSql: `id_bidx = any($2::bytea[])`,
  keyIndex: 'person_id_bidx_idx',
  columns,
  refColumns: ['address_id', 'house_id', 'household_id'],

  prepare(rows, context) {
    const people = rows.map((r) => r.record as PersonRecord);
    const ids = context.cipher.seal('id', people.map((p) => p.idNumber));
    const phones = context.cipher.seal('phone', people.map((p) => p.phone));
    return rows.map(({ flags }, i): Prepared => {
      const p = people[i]!;
      const id = ids[i]!;
      let grid = null;
      if (p.gridCode) {
        const checked = checkGrid(p.gridCode, context);
        if ('problem' in checked) return { problems: [checked.problem] };
        grid = checked.grid;
      } else if (!p.houseCode) {
        return { problems: [{ column: '所属网格', reason: '所属网格和房屋编号至少填写一项', reasonEn: 'Give a grid code or a house code' }] };
      }
      const phone = phones[i];
      const values: Record<string, string | null> = {
        person_type: p.personType,
        name: p.name,
        former_name: p.formerName,
        gender: p.gender,
        birth_date: p.birthDate,
        ethnicity: p.ethnicity,
        native_place: p.nativePlace,
        marital_status: p.maritalStatus,
        political_status: p.politicalStatus,
        education: p.education,
        religion: p.religion,
        occupation_category: p.occupationCategory,
        occupation: p.occupation,
        workplace: p.workplace,
        id_type: p.idType,
        id_enc: byteaText(id?.enc),
        id_bidx: byteaText(id?.bidx),
        id_valid: gb11643Types.has(p.idType) ? boolText(!flags.includes('id_checksum') && !flags.includes('id_birth_date')) : null,
        phone_enc: byteaText(phone?.enc),
        phone_bidx: byteaText(phone?.bidx),
        registered_division: p.registeredDivision,
        registered_address: p.registeredAddress,
        residence_address: p.residenceAddress,
        relation_to_head: p.relationToHead,
        person_household_consistent: boolText(p.personHouseholdConsistent),
        details: detailsJson(p.details),
        problems: textArrayText(flags),
      };
      const key = id!.bidx.toString('hex');
      // The hash covers what the row says; personal values by their keyed blind index, never in clear.
      const hash = createHash('sha1')
        .update(
          JSON.stringify([
            p.personType, p.name, p.formerName, p.gender, p.birthDate, p.ethnicity, p.nativePlace, p.maritalStatus, p.politicalStatus,
            p.education, p.religion, p.occupationCategory, p.occupation, p.workplace, p.idType, key, phone ? phone.bidx.toString('hex') : null,
            p.registeredDivision, p.registeredAddress, p.gridCode, p.houseCode, p.residenceAddress, p.householdNumber, p.relationToHead,
            p.personHouseholdConsistent, values.details,
          ]),
        )
        .digest('base64');
      return { candidate: { key, hash, grid, values, refs: { houseCode: p.houseCode, householdNumber: p.householdNumber } } };
    });
  },

  async resolve(tx, rows, context) {
    const problems = new Map<Candidate, RowProblem[]>();
    const houseCodes = [...new Set(rows.map((r) => r.refs.houseCode).filter((c): c is string => !!c))];
    const houses = new Map<string, { id: string; address_id: string; grid_code: string }>();
    if (houseCodes.length) {
      const found = await tx.query<{ code: string; id: string; address_id: string; grid_code: string }>(
        `select code, id::text, address_id::text, grid_code from house where county_code = $1::char(6) and code = any($2::text[])`,
        [context.countyCode, arrayLiteral(houseCodes)],
      );
      for (const h of found) houses.set(h.code, h);
    }
    const good: Candidate[] = [];
    for (const row of rows) {
      const code = row.refs.houseCode;
      const house = code ? houses.get(code) : undefined;
      if (code && !house) {
        problems.set(row, [{ column: houseHeader, reason: `房屋编号 ${code} 不存在，请先导入实有房屋`, reasonEn: `No house ${code}; import the houses first` }]);
        continue;
      }
      if (!row.grid) {
        const checked = checkGrid(house!.grid_code, context);
        if ('problem' in checked) {
          problems.set(row, [checked.problem]);
          continue;
        }
        row.grid = checked.grid;
      }
      row.values.house_id = house?.id ?? null;
      row.values.address_id = house?.address_id ?? null;
      row.values.household_id = null;
      good.push(row);
    }
    // Households: find or create every 户号 of the batch in one statement (the first member's place).
    const first = new Map<string, Candidate>();
    for (const row of good) if (row.refs.householdNumber && !first.has(row.refs.householdNumber)) first.set(row.refs.householdNumber, row);
    if (first.size) {
      const list = [...first.values()];
      const ids = context.ids.batch(list.length);
      const found = await tx.query<{ number: string; id: string }>(
        `with input(number, id, address_id, house_id, village_code, grid_code, org_path) as (
           select * from unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::ltree[])),
         created as (
           insert into household (id, number, address_id, house_id, village_code, grid_code, org_path, county_code)
           select id, number, address_id, house_id, village_code, grid_code, org_path, $1 from input
           on conflict (county_code, number) do nothing
           returning number, id)
         select number, id::text from created
         union all
         select h.number, h.id::text from household h join input i on i.number = h.number where h.county_code = $1::char(6)`,
        [
          context.countyCode,
          arrayLiteral(list.map((r) => r.refs.householdNumber)),
          arrayLiteral(ids),
          arrayLiteral(list.map((r) => r.values.address_id)),
          arrayLiteral(list.map((r) => r.values.house_id)),
          arrayLiteral(list.map((r) => r.grid!.villageCode)),
          arrayLiteral(list.map((r) => r.grid!.code)),
          arrayLiteral(list.map((r) => r.grid!.orgPath)),
        ],
      );
      const byNumber = new Map(found.map((h) => [h.number, h.id]));
      for (const row of good) if (row.refs.householdNumber) row.values.household_id = byNumber.get(row.refs.householdNumber) ?? null;
    }
    return problems;
  },
};
