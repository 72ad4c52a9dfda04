import {
  checkIdNumber,
  countyName,
  generateMobile,
  generatePerson,
  houseFlags,
  personFlags,
  personTypes,
  type GenderCode,
  type HouseRecord,
  type PersonDetails,
  type PersonRecord,
  type Rng,
} from '@shizhi/domain';
import { countyProfiles } from '../profiles.ts';
import { planAddresses, type Room } from './addresses.ts';
import {
  addDays,
  ageOn,
  pad,
  type GridRegisters,
  type GridTargets,
  type HouseDraft,
  type HouseholdRow,
  type PersonDraft,
  type RegisterContext,
  type RegisterGrid,
} from './context.ts';
import {
  foreignNationals,
  inflowCounties,
  inflowWorkplaces,
  leftBehindKinds,
  moveOutDestinations,
  unregisteredReasons,
} from './names.ts';
import { naturalOrganisationCount, planOrganisations } from './organisations.ts';

/**
 * The registers of one grid: its addresses, houses (about one per household; some rented out in
 * town, with tenants), households with members related to the head by GB/T 4761 codes, migrants,
 * a few foreigners, 留守 people in villages, a few 未落户, organisations, and the people's links to
 * houses, households and workplaces. Each record carries the quality flags the domain computes, and
 * a realistic handful of problems is made on purpose: items left empty, legacy ID numbers that fail
 * the checksum, people registered twice.
 */

/** 家庭户 sizes (1–6 members), about 2.3 on average as in the region's towns. */
const householdSizes: readonly (readonly [number, number])[] = [
  [1, 25],
  [2, 38],
  [3, 25],
  [4, 8],
  [5, 3],
  [6, 1],
];

interface Member {
  relation: string;
  gender: GenderCode;
  minAge: number;
  maxAge: number;
}

/** Who lives in a household of `size`: head, spouse, children, then parents, grandchildren, others. */
function composeFamily(size: number, rng: Rng): Member[] {
  const headAge = rng.int(size === 1 ? 20 : 26, 82);
  const headGender: GenderCode = rng.chance(0.72) ? '1' : '2';
  const members: Member[] = [{ relation: '02', gender: headGender, minAge: headAge, maxAge: headAge }];
  const other = (g: GenderCode): GenderCode => (g === '1' ? '2' : '1');
  if (size >= 2 && rng.chance(0.88)) {
    const age = Math.max(20, headAge + rng.int(-6, 4));
    members.push({ relation: headGender === '1' ? '12' : '11', gender: other(headGender), minAge: age, maxAge: age });
  }
  const childMax = headAge - 21;
  let children = 0;
  while (members.length < size && children < 3 && childMax >= 0) {
    const gender: GenderCode = rng.chance(0.52) ? '1' : '2';
    const relation = gender === '1' ? (children === 0 ? '22' : children === 1 ? '23' : '20') : children === 0 ? '32' : children === 1 ? '33' : '30';
    members.push({ relation, gender, minAge: Math.max(0, headAge - 36), maxAge: Math.max(0, Math.min(childMax, 50)) });
    children += 1;
  }
  let parents = 0;
  while (members.length < size && parents < 2 && headAge <= 62) {
    const gender: GenderCode = parents === 0 ? '1' : '2';
    const age = Math.min(98, headAge + rng.int(22, 32));
    members.push({ relation: gender === '1' ? '51' : '52', gender, minAge: age, maxAge: age });
    parents += 1;
  }
  while (members.length < size) {
    const gender: GenderCode = rng.chance(0.5) ? '1' : '2';
    if (headAge >= 50) members.push({ relation: gender === '1' ? '41' : '42', gender, minAge: 0, maxAge: Math.min(30, headAge - 44) });
    else members.push({ relation: gender === '1' ? '73' : '77', gender, minAge: Math.max(18, headAge - 10), maxAge: headAge + 5 });
  }
  return members;
}

/** Sizes of `count` households holding exactly `total` people (or drawn freely when total is undefined). */
function householdSizesFor(count: number, total: number | undefined, rng: Rng): number[] {
  const sizes = Array.from({ length: count }, () => rng.weighted(householdSizes));
  if (total === undefined || count === 0) return sizes;
  let sum = sizes.reduce((s, n) => s + n, 0);
  while (sum < total) {
    sizes[rng.int(0, count - 1)]! += 1;
    sum += 1;
  }
  while (sum > total) {
    const i = rng.int(0, count - 1);
    if (sizes[i]! > 1) {
      sizes[i]! -= 1;
      sum -= 1;
    }
  }
  return sizes;
}

function maritalStatus(relation: string, age: number, rng: Rng): string {
  if (age < 20) return '10';
  if (relation === '11' || relation === '12') return rng.chance(0.9) ? '21' : '22';
  if (age >= 75 && rng.chance(0.4)) return '30';
  if (age < 30) return rng.chance(0.55) ? '10' : '21';
  return rng.weighted([
    ['21', 78],
    ['22', 6],
    ['40', 7],
    ['10', 5],
    ['30', 4],
  ]);
}

function education(age: number, rng: Rng): string | null {
  if (age < 6) return null;
  if (age < 12) return '80';
  if (age < 15) return '70';
  if (age < 18) return '60';
  return rng.weighted([
    ['14', 3],
    ['21', age < 45 ? 26 : 12],
    ['31', 18],
    ['41', 6],
    ['61', 20],
    ['71', age < 45 ? 20 : 32],
    ['81', age < 45 ? 5 : 12],
  ]);
}

function politicalStatus(age: number, rng: Rng): string {
  if (age >= 14 && age <= 28 && rng.chance(0.3)) return '03';
  if (age >= 18 && rng.chance(0.08)) return '01';
  return '13';
}

function religion(ethnicity: string | null, rng: Rng): string {
  if (ethnicity === '03') return rng.chance(0.8) ? '70' : '00';
  if (ethnicity === '02' && rng.chance(0.2)) return '20';
  return rng.chance(0.02) ? '10' : '00';
}

interface Workplaces {
  employers: { id: string; name: string; occupationCategory: string }[];
}

function occupationOf(age: number, urban: boolean, work: Workplaces, rng: Rng): Pick<PersonDraft, 'occupationCategory' | 'occupation' | 'workplace' | 'organisationId'> {
  const none = { occupationCategory: null, occupation: null, workplace: null, organisationId: null };
  if (age < 6) return none;
  if (age < 18) return { ...none, occupation: '学生' };
  if (age >= 60) return { ...none, occupation: age >= 65 || rng.chance(0.5) ? '离退休人员' : '无业' };
  if (!urban && rng.chance(0.6)) return { occupationCategory: '5', occupation: '农牧民', workplace: '务农', organisationId: null };
  if (rng.chance(0.12)) return { ...none, occupation: '无业' };
  if (work.employers.length > 0 && rng.chance(0.45)) {
    const e = rng.pick(work.employers);
    return { occupationCategory: e.occupationCategory, occupation: '职员', workplace: e.name, organisationId: e.id };
  }
  const category = rng.weighted([
    ['2', 18],
    ['3', 16],
    ['4', 34],
    ['6', 22],
    ['1', 4],
    ['8', 6],
  ]);
  const occupation = { '1': '单位负责人', '2': '专业技术人员', '3': '办事人员', '4': '服务人员', '6': '生产工人', '8': '其他从业人员' }[category] ?? null;
  return { occupationCategory: category, occupation, workplace: rng.pick(['个体经营', '自由职业', '鄂尔多斯市区单位', '灵活就业']), organisationId: null };
}

/** The person record the domain checks, from a draft; quality flags are computed on it. */
function recordOf(p: PersonDraft, householdNumber: string | null, houseCode: string | null): PersonRecord {
  return {
    personType: p.personType,
    name: p.name,
    formerName: p.formerName ?? null,
    gender: p.gender ?? null,
    birthDate: (p.birthDate as string | null | undefined) ?? null,
    ethnicity: p.ethnicity ?? null,
    nativePlace: p.nativePlace ?? null,
    maritalStatus: p.maritalStatus ?? null,
    politicalStatus: p.politicalStatus ?? null,
    education: p.education ?? null,
    religion: p.religion ?? null,
    occupationCategory: p.occupationCategory ?? null,
    occupation: p.occupation ?? null,
    workplace: p.workplace ?? null,
    idType: p.idType ?? '111',
    idNumber: p.idNumber,
    phone: p.phone,
    registeredDivision: p.registeredDivision ?? null,
    registeredAddress: p.registeredAddress ?? null,
    gridCode: p.gridCode,
    houseCode,
    residenceAddress: p.residenceAddress ?? null,
    householdNumber,
    relationToHead: p.relationToHead ?? null,
    personHouseholdConsistent: p.personHouseholdConsistent ?? null,
    details: (p.details ?? {}) as PersonDetails,
  };
}

function nativePlaceOf(division: string): string {
  const name = countyName(division) ?? '';
  const m = /^(.+?(?:省|自治区|市))(.+?(?:市|盟|地区|自治州))?/.exec(name);
  if (!m) return name;
  return `${m[1]!.replace(/(省|自治区|壮族自治区|维吾尔自治区|回族自治区)$/, '')}${(m[2] ?? '').replace(/(市|盟|地区)$/, '')}`;
}

export function planGridRegisters(ctx: RegisterContext, grid: RegisterGrid, targets: GridTargets): GridRegisters {
  const rng = ctx.rng.fork(`grid:${grid.code}`);
  const profile = countyProfiles[ctx.countyCode];
  const registeredHouseholds = Math.round(grid.households * targets.collection);
  const rentedShare = grid.urban ? 0.14 : 0.02;
  const vacantShare = rng.real(0.02, 0.06);
  const houseCount =
    targets.houses ?? Math.max(grid.households, Math.ceil(registeredHouseholds / (1 - rentedShare - vacantShare)));
  const addresses = planAddresses(ctx, grid, houseCount, rng);
  const orgCount = targets.organisations ?? naturalOrganisationCount(grid, rng);
  const orgs = planOrganisations(ctx, grid, orgCount, addresses.buildings, addresses.roads, rng);
  const people: PersonDraft[] = [];
  const households: HouseholdRow[] = [];
  const houses: HouseDraft[] = [];
  const history: GridRegisters['history'] = [];
  const householdNumberOf = new Map<string, string>();
  const houseCodeOf = new Map<string, string>();
  const asOf = ctx.asOf;
  const createdAt = () => new Date(ctx.now.getTime() - rng.int(30, 1_000) * 86_400_000 - rng.int(0, 86_399) * 1000);
  const localPerson = (member: Pick<Member, 'gender' | 'minAge' | 'maxAge'>, addressCode = ctx.countyCode) => {
    const p = generatePerson(rng, {
      asOf,
      addressCode,
      otherAddressCodes: addressCode === ctx.countyCode ? profile?.nearbyAddressCodes : undefined,
      minAge: member.minAge,
      maxAge: member.maxAge,
      gender: member.gender,
    });
    return { ...p, idNumber: ctx.uniqueIdNumber(p.idNumber, p.gender) };
  };

  // Rooms in random order: which are lived in by registered households, rented out, or left empty.
  const rooms = [...addresses.rooms];
  for (let i = rooms.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [rooms[i], rooms[j]] = [rooms[j]!, rooms[i]!];
  }
  const rentedCount = Math.min(rooms.length - Math.min(registeredHouseholds, rooms.length), Math.round(rooms.length * rentedShare));
  const ownRooms = rooms.slice(0, Math.min(registeredHouseholds, rooms.length));
  const rentedRooms = rooms.slice(ownRooms.length, ownRooms.length + rentedCount);
  const otherRooms = rooms.slice(ownRooms.length + rentedCount);
  const houseOf = new Map<Room, HouseDraft>();
  const addHouse = (room: Room, fields: Partial<HouseDraft>): HouseDraft => {
    const area = grid.urban ? Math.round(rng.real(45, 150) * 100) / 100 : Math.round(rng.real(60, 180) * 100) / 100;
    const draft: HouseDraft = {
      id: ctx.uuid('house', rng),
      code: room.address.code,
      addressId: room.address.id!,
      villageCode: grid.villageCode,
      gridCode: grid.code,
      buildingUse: grid.urban ? (room.floor === 1 && rng.chance(0.15) ? '02' : '01') : '01',
      houseUse: '01',
      area: String(area),
      propertyType: grid.urban ? rng.weighted([['01', 88], ['02', 6], ['03', 3], ['05', 3]]) : '04',
      ownerName: null,
      ownerIdType: '111',
      ownerIdNumber: null,
      ownerPhone: null,
      rental: false,
      rentalUse: null,
      landlordType: null,
      maxOccupants: null,
      actualOccupants: null,
      pledgeSigned: null,
      hazardGrade: null,
      hazardType: null,
      orgPath: grid.orgPath,
      countyCode: ctx.countyCode,
      createdAt: createdAt(),
      ...fields,
    };
    houses.push(draft);
    houseOf.set(room, draft);
    houseCodeOf.set(draft.id!, draft.code);
    return draft;
  };

  // ── households and their members (户籍, 留守) ──
  const registeredTotal = targets.registered !== undefined ? targets.registered + (targets.leftBehind ?? 0) : undefined;
  const sizes = householdSizesFor(ownRooms.length, registeredTotal, rng);
  const heads: { name: string; idNumber: string; phone: string | null }[] = [];
  ownRooms.forEach((room, h) => {
    const number = `${grid.villageCode}${pad(ctx.next(`household:${grid.villageCode}`), 5)}`;
    const collective = grid.urban && rng.chance(0.008);
    const household: HouseholdRow = {
      id: ctx.uuid('household', rng),
      number,
      kind: collective ? '2' : '1',
      addressId: room.address.id!,
      houseId: null,
      villageCode: grid.villageCode,
      gridCode: grid.code,
      orgPath: grid.orgPath,
      countyCode: ctx.countyCode,
      createdAt: createdAt(),
    };
    households.push(household);
    householdNumberOf.set(household.id!, number);
    const members = composeFamily(sizes[h]!, rng);
    let headDraft: PersonDraft | null = null;
    for (const member of members) {
      const p = localPerson(member);
      const age = ageOn(p.birthDate, asOf);
      const draft: PersonDraft = {
        id: ctx.uuid('person', rng),
        personType: personTypes.registered,
        name: p.name,
        gender: p.gender,
        birthDate: p.birthDate,
        ethnicity: p.ethnicity,
        nativePlace: rng.chance(0.85) ? '内蒙古鄂尔多斯' : nativePlaceOf(rng.weighted(inflowCounties)),
        maritalStatus: maritalStatus(member.relation, age, rng),
        politicalStatus: politicalStatus(age, rng),
        education: education(age, rng),
        religion: religion(p.ethnicity, rng),
        ...occupationOf(age, grid.urban, orgs, rng),
        idType: '111',
        idNumber: p.idNumber,
        idValid: true,
        phone: age >= 18 ? p.phone : null,
        registeredDivision: ctx.countyCode,
        registeredAddress: room.address.fullName,
        addressId: room.address.id!,
        houseId: null,
        residenceAddress: room.address.fullName,
        villageCode: grid.villageCode,
        gridCode: grid.code,
        householdId: household.id!,
        relationToHead: member.relation,
        personHouseholdConsistent: rng.chance(0.95),
        details: {},
        orgPath: grid.orgPath,
        countyCode: ctx.countyCode,
        createdAt: household.createdAt,
      };
      // Legacy numbers from before the second-generation cards: a few fail the check character.
      if (age >= 60 && rng.chance(0.004)) {
        const last = draft.idNumber!.at(-1)!;
        draft.idNumber = draft.idNumber!.slice(0, 17) + (last === '1' ? '2' : '1');
        draft.idValid = false;
      }
      if (member.relation === '02') headDraft = draft;
      people.push(draft);
    }
    const house = addHouse(room, {
      houseUse: '01',
      ownerName: headDraft!.name,
      ownerIdNumber: headDraft!.idNumber,
      ownerPhone: headDraft!.phone,
    });
    household.houseId = house.id!;
    for (const p of people.slice(people.length - members.length)) p.houseId = house.id!;
    heads.push({ name: headDraft!.name, idNumber: headDraft!.idNumber!, phone: headDraft!.phone });
  });

  // 留守: in villages, children and old people whose working-age family is away.
  const leftBehindTarget = targets.leftBehind ?? (grid.urban ? 0 : Math.round(people.length * 0.1));
  if (leftBehindTarget > 0) {
    const eligible = people.filter((p) => {
      const age = ageOn(p.birthDate as string, asOf);
      return p.relationToHead !== '02' && (age < 16 || age >= 60);
    });
    const fallback = people.filter((p) => p.relationToHead !== '02' && !eligible.includes(p));
    for (const p of [...eligible, ...fallback].slice(0, leftBehindTarget)) {
      const age = ageOn(p.birthDate as string, asOf);
      p.personType = personTypes.leftBehind;
      p.details = { leftBehindKind: age < 16 ? leftBehindKinds[0]! : age >= 60 ? leftBehindKinds[1]! : leftBehindKinds[2]! };
    }
  }

  // Moved out and deregistered members (never the head), with their history.
  for (const p of people) {
    if (p.relationToHead === '02' || p.personType !== personTypes.registered) continue;
    const age = ageOn(p.birthDate as string, asOf);
    const movedOut = age >= 18 && age < 60 && rng.chance(0.015);
    const died = age >= 70 && rng.chance(0.03);
    if (!movedOut && !died) continue;
    const at = new Date(Math.min(ctx.now.getTime() - 86_400_000, (p.createdAt as Date).getTime() + rng.int(20, 400) * 86_400_000));
    p.status = movedOut ? 'moved_out' : 'deregistered';
    p.statusReason = movedOut ? rng.pick(moveOutDestinations) : '死亡注销';
    p.statusAt = at;
    p.version = 2;
    p.updatedAt = at;
    const base = { entityType: 'person' as const, entityId: p.id!, actorId: grid.worker.id, actorName: grid.worker.name, orgPath: grid.orgPath, countyCode: ctx.countyCode };
    history.push(
      { ...base, version: 1, action: 'create', changes: {}, at: p.createdAt as Date },
      {
        ...base,
        version: 2,
        action: movedOut ? 'move_out' : 'deregister',
        changes: { status: { from: 'active', to: p.status }, statusReason: { from: null, to: p.statusReason } },
        at,
      },
    );
  }
  for (const p of people) {
    if (p.status === undefined) {
      p.status = 'active';
      p.updatedAt = p.createdAt;
    }
  }

  // ── rented houses and their tenants (流动, a few 境外) ──
  const migrantTarget = targets.migrants ?? Math.round(rentedRooms.length * rng.real(3.2, 3.8) + (grid.urban ? 0 : rng.int(0, 3)));
  const foreignTarget = targets.foreign ?? (grid.urban && rng.chance(0.25) ? rng.int(1, 2) : 0);
  const tenantHomes = rentedRooms.length > 0 ? rentedRooms : rooms.slice(0, 1);
  const tenantsOf = new Map<Room, PersonDraft[]>();
  const landlords = heads.length > 0 ? heads : null;
  for (const room of rentedRooms) {
    const landlordIsOrg = orgs.rows.length > 0 && rng.chance(0.05);
    const landlord = landlordIsOrg ? null : landlords ? rng.pick(landlords) : null;
    const owner = landlord ?? (() => {
      const p = localPerson({ gender: rng.chance(0.6) ? '1' : '2', minAge: 30, maxAge: 70 });
      return { name: p.name, idNumber: p.idNumber, phone: p.phone };
    })();
    const org = landlordIsOrg ? rng.pick(orgs.rows) : null;
    const area = Number(grid.urban ? rng.real(45, 150).toFixed(2) : rng.real(60, 180).toFixed(2));
    addHouse(room, {
      houseUse: '02',
      area: String(area),
      ownerName: org ? org.name : owner.name,
      ownerIdType: org ? null : '111',
      ownerIdNumber: org ? null : owner.idNumber,
      ownerPhone: org ? org.legalRepPhone : owner.phone,
      rental: true,
      rentalUse: rng.weighted([['02', 85], ['01', 10], ['03', 5]]),
      landlordType: org ? '02' : '01',
      maxOccupants: Math.max(2, Math.min(10, Math.floor(area / 15))),
      pledgeSigned: rng.chance(0.92),
      hazardGrade: rng.weighted([['03', 80], ['02', 17], ['01', 3]]),
    });
    tenantsOf.set(room, []);
  }
  const migrant = (room: Room, kind: 'migrant' | 'foreign' | 'duplicate'): PersonDraft => {
    const house = houseOf.get(room);
    const base: PersonDraft = {
      id: ctx.uuid('person', rng),
      personType: personTypes.migrant,
      name: '',
      idType: '111',
      idNumber: null,
      phone: generateMobile(rng),
      addressId: room.address.id!,
      houseId: house?.id ?? null,
      residenceAddress: room.address.fullName,
      villageCode: grid.villageCode,
      gridCode: grid.code,
      householdId: null,
      relationToHead: null,
      orgPath: grid.orgPath,
      countyCode: ctx.countyCode,
      createdAt: createdAt(),
      status: 'active',
      details: {},
    };
    base.updatedAt = base.createdAt;
    const registeredOn = (base.createdAt as Date).toISOString().slice(0, 10);
    if (kind === 'foreign') {
      const [nationality, , surnames, givenNames] = rng.weighted(foreignNationals.map((f) => [f, f[1]] as const));
      const gender: GenderCode = rng.chance(0.55) ? '1' : '2';
      const surname = rng.pick(surnames);
      const given = rng.pick(givenNames);
      const birth = generatePerson(rng, { asOf, addressCode: ctx.countyCode, minAge: 20, maxAge: 58, gender }).birthDate;
      const passport = `${nationality === 'RUS' ? '75' : nationality === 'KOR' ? 'M' : 'E'}${String(rng.int(10_000_000, 99_999_999))}`;
      return {
        ...base,
        personType: personTypes.foreign,
        name: `${surname} ${given}`,
        gender,
        birthDate: birth,
        idType: '414',
        idNumber: passport,
        idValid: null,
        occupation: rng.pick(['商人', '留学生', '外籍教师', '工程师']),
        details: {
          foreignSurname: surname,
          foreignGivenName: given,
          nationality,
          visitPurpose: rng.weighted([['01', 40], ['02', 25], ['03', 25], ['05', 10]]),
          arrivalDate: addDays(registeredOn, -rng.int(1, 20)),
          expectedDeparture: addDays(registeredOn, rng.int(90, 720)),
        },
      };
    }
    const division = rng.weighted(inflowCounties);
    const kept = kind === 'duplicate' ? (ctx.kept.shift() ?? null) : null;
    const p = kept ? null : localPerson({ gender: rng.chance(0.58) ? '1' : '2', minAge: 16, maxAge: 60 }, division);
    const birthDate = kept?.birthDate ?? p!.birthDate;
    const age = ageOn(birthDate, asOf);
    const work = occupationOf(Math.max(age, 18), true, orgs, rng);
    return {
      ...base,
      name: kept?.name ?? p!.name,
      gender: kept?.gender ?? p!.gender,
      birthDate,
      ethnicity: kept ? kept.ethnicity : p!.ethnicity,
      nativePlace: nativePlaceOf(kept ? ctx.countyCode : division),
      maritalStatus: maritalStatus('', age, rng),
      politicalStatus: politicalStatus(age, rng),
      education: education(age, rng),
      religion: religion(kept ? kept.ethnicity : p!.ethnicity, rng),
      ...work,
      workplace: work.workplace ?? rng.pick(inflowWorkplaces),
      idNumber: kept?.idNumber ?? p!.idNumber,
      idValid: true,
      registeredDivision: kept ? ctx.countyCode : division,
      registeredAddress: `${countyName(kept ? ctx.countyCode : division) ?? ''}${rng.pick(['人民路', '解放路', '新华街', '建设路', '胜利街', '东风村'])}${rng.int(1, 300)}号`,
      details: {
        inflowReason: rng.weighted([['01', 60], ['03', 15], ['06', 10], ['04', 5], ['05', 5], ['08', 5]]),
        permitType: rng.chance(0.85) ? '01' : '02',
        permitNumber: `JZ${ctx.countyCode}${pad(rng.int(0, 99_999_999), 8)}`,
        registeredOn,
        permitExpires: addDays(registeredOn, rng.chance(0.7) ? 365 : 3 * 365),
        residenceType: house?.rental ? '02' : rng.pick(['05', '04', '06']),
      },
    };
  };
  const duplicates = ctx.kept.length > 0 && rng.chance(0.2) ? 1 : 0;
  for (let i = 0; i < migrantTarget; i++) {
    const room = rng.pick(tenantHomes);
    const p = migrant(room, i < duplicates && migrantTarget > duplicates ? 'duplicate' : 'migrant');
    if (rng.chance(0.03)) p.details = { ...p.details, permitType: null };
    people.push(p);
    tenantsOf.get(room)?.push(p);
  }
  for (let i = 0; i < foreignTarget; i++) {
    const room = rng.pick(tenantHomes);
    const p = migrant(room, 'foreign');
    people.push(p);
    tenantsOf.get(room)?.push(p);
  }
  for (const [room, tenants] of tenantsOf) houseOf.get(room)!.actualOccupants = tenants.length;

  // 未落户: living with a registered household, with no 户口 and usually no ID number.
  const unregisteredTarget = targets.unregistered ?? (rng.chance(0.12) ? 1 : 0);
  for (let i = 0; i < unregisteredTarget && ownRooms.length > 0; i++) {
    const room = rng.pick(ownRooms);
    const p = localPerson({ gender: rng.chance(0.5) ? '1' : '2', minAge: 0, maxAge: 40 });
    const at = createdAt();
    people.push({
      id: ctx.uuid('person', rng),
      personType: personTypes.unregistered,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      ethnicity: p.ethnicity,
      idType: '990',
      idNumber: null,
      idValid: null,
      phone: ageOn(p.birthDate, asOf) >= 18 ? p.phone : null,
      registeredDivision: ctx.countyCode,
      addressId: room.address.id!,
      houseId: houseOf.get(room)?.id ?? null,
      residenceAddress: room.address.fullName,
      villageCode: grid.villageCode,
      gridCode: grid.code,
      householdId: null,
      details: { unregisteredReason: rng.pick(unregisteredReasons) },
      orgPath: grid.orgPath,
      countyCode: ctx.countyCode,
      createdAt: at,
      updatedAt: at,
      status: 'active',
    });
  }

  // Houses nobody registered lives in: owned by someone not (yet) collected, empty, or a shop.
  for (const room of otherRooms) {
    const owner = localPerson({ gender: rng.chance(0.6) ? '1' : '2', minAge: 28, maxAge: 75 });
    addHouse(room, {
      houseUse: rng.weighted([['06', 55], ['01', 35], ['04', 10]]),
      ownerName: owner.name,
      ownerIdNumber: owner.idNumber,
      ownerPhone: owner.phone,
    });
  }

  // A handful of items left empty on a visit, then every record's quality flags.
  for (const p of people) {
    if (p.phone && rng.chance(0.006)) p.phone = null;
    if (p.ethnicity && rng.chance(0.002)) p.ethnicity = null;
    if (p.idNumber && p.idType === '111') p.idValid = checkIdNumber(p.idNumber).valid;
    p.problems = personFlags(recordOf(p, p.householdId ? householdNumberOf.get(p.householdId)! : null, p.houseId ? (houseCodeOf.get(p.houseId) ?? null) : null), ctx.today);
  }
  for (const h of houses) {
    if (rng.chance(0.01)) h.area = null;
    if (h.ownerPhone && rng.chance(0.015)) h.ownerPhone = null;
    h.problems = houseFlags(houseRecordOf(h));
    h.updatedAt = h.createdAt;
  }

  // Keep an adult of this grid to be registered again, as a migrant, in a later grid.
  const candidates = people.filter((p) => p.personType === personTypes.registered && p.status === 'active' && p.idValid && p.phone);
  if (candidates.length > 0 && rng.chance(0.3)) {
    const p = rng.pick(candidates);
    ctx.kept.push({ name: p.name, gender: p.gender!, birthDate: p.birthDate as string, ethnicity: p.ethnicity ?? null, idNumber: p.idNumber! });
  }

  return { addresses: addresses.rows, households, houses, people, organisations: orgs.rows, history };
}

function houseRecordOf(h: HouseDraft): HouseRecord {
  return {
    code: h.code,
    gridCode: h.gridCode,
    compound: null,
    building: null,
    unit: null,
    room: null,
    buildingUse: h.buildingUse ?? null,
    houseUse: h.houseUse ?? null,
    area: h.area == null ? null : Number(h.area),
    propertyType: h.propertyType ?? null,
    ownerName: h.ownerName ?? null,
    ownerIdType: h.ownerIdType ?? null,
    ownerIdNumber: h.ownerIdNumber,
    ownerPhone: h.ownerPhone,
    rental: h.rental ?? null,
    rentalUse: h.rentalUse ?? null,
    landlordType: h.landlordType ?? null,
    maxOccupants: h.maxOccupants ?? null,
    actualOccupants: h.actualOccupants ?? null,
    pledgeSigned: h.pledgeSigned ?? null,
    hazardGrade: h.hazardGrade ?? null,
    hazardType: h.hazardType ?? null,
    lng: null,
    lat: null,
  };
}
