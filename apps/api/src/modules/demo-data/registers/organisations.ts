import { generatePerson, makeUscc, organisationFlags, type OrganisationRecord, type Rng } from '@shizhi/domain';
import type { Room } from './addresses.ts';
import type { OrganisationDraft, RegisterContext, RegisterGrid } from './context.ts';
import { enterpriseName, schoolSpecs, schoolSurroundings, shopName, socialOrgName } from './names.ts';

/**
 * 实有单位 of one grid: enterprises (非公有制经济组织), 个体工商户 shops, 社会组织, schools with their
 * 校园周边 items and the odd public body, each with a valid 统一社会信用代码 (GB 32100: 登记管理部门 +
 * 机构类别, the county's division code, a GB 11714 organisation code with its own check character,
 * and the mod-31 check character).
 */

type OrgKind = 'enterprise' | 'shop' | 'social' | 'school' | 'public' | 'cooperative';

const urbanMix: readonly (readonly [OrgKind, number])[] = [
  ['shop', 50],
  ['enterprise', 30],
  ['social', 7],
  ['school', 9],
  ['public', 4],
];
const ruralMix: readonly (readonly [OrgKind, number])[] = [
  ['cooperative', 35],
  ['shop', 40],
  ['enterprise', 10],
  ['school', 15],
];

const orgCodeChars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const orgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 组织机构代码: eight characters and a mod-11 check character. */
function organisationCode(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeChars.indexOf(body8[i]!) * orgCodeWeights[i]!;
  const c = 11 - (sum % 11);
  return body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** Organisations of a grid: a natural number from its size, or exactly `count`. */
export function naturalOrganisationCount(grid: RegisterGrid, rng: Rng): number {
  return grid.urban ? rng.int(5, 14) : rng.int(0, 3);
}

export interface PlannedOrganisations {
  rows: OrganisationDraft[];
  /** Where people of the grid may work: the organisations with employees. */
  employers: { id: string; name: string; occupationCategory: string }[];
}

export function planOrganisations(
  ctx: RegisterContext,
  grid: RegisterGrid,
  count: number,
  buildings: readonly Room['building'][],
  roads: readonly string[],
  rng: Rng,
): PlannedOrganisations {
  const rows: OrganisationDraft[] = [];
  const employers: PlannedOrganisations['employers'] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted(grid.urban ? urbanMix : ruralMix);
    const building = rng.pick(buildings);
    const rep = generatePerson(rng, { asOf: ctx.asOf, addressCode: ctx.countyCode, minAge: 28, maxAge: 62 });
    const repId = ctx.uniqueIdNumber(rep.idNumber, rep.gender);
    const securityHead = generatePerson(rng, { asOf: ctx.asOf, addressCode: ctx.countyCode });
    const serial = ctx.next('organisation-code');
    const record: OrganisationRecord = {
      code: '',
      name: '',
      kind: '01',
      category: null,
      gridCode: grid.code,
      address: `${building.fullName}`,
      legalRepName: rep.name,
      legalRepIdNumber: repId,
      legalRepPhone: rep.phone,
      securityHeadName: securityHead.name,
      employees: null,
      hazardousChemicals: false,
      hazardType: '00',
      attentionLevel: rng.weighted([
        ['00', 85],
        ['03', 10],
        ['02', 4],
        ['01', 1],
      ]),
      partyOrg: false,
      schoolType: null,
      students: null,
      staff: null,
      securityStaff: null,
      principalName: null,
    };
    const details: Record<string, string | null> = {};
    let prefix: string;
    let body: string;
    let occupationCategory = '4';
    if (kind === 'enterprise' || kind === 'cooperative') {
      const cooperative = kind === 'cooperative';
      const named = cooperative ? { name: `东胜区${grid.villageName}${rng.pick(['养殖', '种植', '农机', '蔬菜'])}专业合作社`, occupationCategory: '5' } : enterpriseName(rng, ctx.cityName);
      record.name = named.name;
      occupationCategory = named.occupationCategory;
      record.kind = '01';
      record.category = cooperative ? '04' : rng.chance(0.95) ? '01' : '02';
      record.employees = cooperative ? rng.int(5, 40) : Math.round(5 + 300 * rng.next() ** 3);
      record.partyOrg = record.employees >= 50 && rng.chance(0.6);
      record.hazardousChemicals = !cooperative && /能源化工|煤炭/.test(record.name) && rng.chance(0.3);
      if (record.hazardousChemicals) record.hazardType = '02';
      prefix = cooperative ? '93' : '91';
      body = `MA${serial31(serial, 6)}`;
      record.address = `${building.fullName}`;
    } else if (kind === 'shop') {
      record.name = shopName(rng, rng.pick(roads), rep.name);
      record.kind = '03';
      record.category = '03';
      record.employees = rng.int(1, 8);
      prefix = '92';
      body = `MA${serial31(serial, 6)}`;
      record.address = `${building.fullName}${rng.int(1, 12)}号商铺`;
    } else if (kind === 'social') {
      const named = socialOrgName(rng, grid.villageName);
      record.name = named.name;
      record.kind = '02';
      record.category = named.category;
      record.employees = rng.int(2, 30);
      prefix = `5${Number(named.category)}`;
      body = `5${serial31(serial, 7)}`;
    } else if (kind === 'school') {
      const [schoolType, suffix, [lo, hi]] = rng.pick(grid.urban ? schoolSpecs : schoolSpecs.slice(0, 2));
      const privateSchool = schoolType === '08' || (schoolType === '01' && rng.chance(0.5));
      record.name = `${ctx.cityName}${ctx.countyName}${grid.villageName.replace(/(社区|村)$/, '')}${privateSchool && schoolType === '01' ? '阳光' : ''}${suffix}`;
      record.kind = '04';
      record.category = null;
      record.schoolType = schoolType;
      record.students = rng.int(lo, hi);
      record.staff = Math.max(6, Math.round(record.students / rng.int(12, 18)));
      record.securityStaff = Math.max(2, Math.round(record.students / 400));
      record.principalName = rep.name;
      record.partyOrg = !privateSchool;
      record.attentionLevel = rng.chance(0.7) ? '03' : '02';
      details.surroundings = rng.pick(schoolSurroundings);
      occupationCategory = '2';
      prefix = privateSchool ? '52' : '12';
      body = `${privateSchool ? '5' : '1'}${serial31(serial, 7)}`;
    } else {
      record.name = `${ctx.countyName}${grid.townshipName}${rng.pick(['便民服务中心', '卫生院', '文化站', '派出所警务室'])}`;
      record.kind = '05';
      record.employees = rng.int(6, 40);
      record.partyOrg = true;
      occupationCategory = '3';
      prefix = '12';
      body = `1${serial31(serial, 7)}`;
    }
    record.code = makeUscc(`${prefix}${ctx.countyCode}${organisationCode(body)}`);
    // A handful of records lack items a visit should have collected: the quality page lists them.
    if (rng.chance(0.04)) record.securityHeadName = null;
    if (rng.chance(0.02)) record.legalRepPhone = null;
    const id = ctx.uuid('organisation', rng);
    if (record.employees !== null && record.kind !== '04') employers.push({ id, name: record.name, occupationCategory });
    rows.push({
      id,
      code: record.code,
      name: record.name,
      kind: record.kind,
      category: record.category,
      addressId: building.id,
      address: record.address,
      villageCode: grid.villageCode,
      gridCode: grid.code,
      legalRepName: record.legalRepName,
      legalRepIdNumber: record.legalRepIdNumber,
      legalRepPhone: record.legalRepPhone,
      securityHeadName: record.securityHeadName,
      employees: record.employees,
      hazardousChemicals: record.hazardousChemicals,
      hazardType: record.hazardType,
      attentionLevel: record.attentionLevel,
      partyOrg: record.partyOrg,
      schoolType: record.schoolType,
      students: record.students,
      staff: record.staff,
      securityStaff: record.securityStaff,
      principalName: record.principalName,
      details,
      problems: organisationFlags(record),
      orgPath: grid.orgPath,
      countyCode: ctx.countyCode,
    });
  }
  return { rows, employers };
}

const usccChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A serial in the GB 32100 character set (no I, O, S, V, Z), zero-padded: unique organisation-code bodies. */
function serial31(n: number, width: number): string {
  let text = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 31)) text = usccChars[rest % 31] + text;
  return text.padStart(width, '0');
}
