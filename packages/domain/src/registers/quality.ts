import { checkIdNumber, type IdNumberCheck } from '../id-number.ts';
import { personTypes, residentIdCardType } from './codes.ts';
import { registerColumns, registerKinds } from './columns.ts';
import { ratio } from '../rates.ts';
import type { HouseRecord, OrganisationRecord, PersonRecord } from './records.ts';

/**
 * Quality flags kept on each register record (the `problems` column): an 应采集 item left empty
 * (`missing:<key>`), an ID number that fails GB 11643 but was loaded in 'warn' mode, and a few
 * plausibility findings. Which items a complete record has is shizhi's reading of the GB/T 31000
 * data items as implemented (anchors-china.md §1.3) and of the 采集率/准确率 checks in §9 M2–M4:
 * the items a grid worker is expected to collect on a visit, not every column of the template.
 */

export type IdFlag = 'id_checksum' | 'id_birth_date';

/** A far-future "today" when none is given: then only the calendar validity of a birth date is checked. */
const noClock = new Date(8.64e15);

function idFlag(idType: string | null, idNumber: string | null, today: Date, known: IdNumberCheck | null | undefined): IdFlag | null {
  if (!idNumber || (idType && idType !== residentIdCardType && idType !== '112')) return null;
  const check = known ?? checkIdNumber(idNumber, today);
  if (check.problem === 'checksum') return 'id_checksum';
  if (check.problem === 'birth_date') return 'id_birth_date';
  return null;
}

function ageOn(birthDate: string, today: Date): number {
  const y = today.getUTCFullYear() - Number(birthDate.slice(0, 4));
  const md = (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return md < Number(birthDate.slice(5, 7)) * 100 + Number(birthDate.slice(8, 10)) ? y - 1 : y;
}

function missing(flags: string[], key: string, value: unknown): void {
  if (value === null || value === undefined || value === '') flags.push(`missing:${key}`);
}

/**
 * A person's flags. `today` dates the ID number's birth-date check and the age for 联系电话; `idCheck`
 * is the GB 11643 result when the caller already has it (the import's validator does).
 */
export function personFlags(record: PersonRecord, today: Date = noClock, idCheck?: IdNumberCheck | null): string[] {
  const flags: string[] = [];
  const id = idFlag(record.idType, record.idNumber, today, idCheck);
  if (id) flags.push(id);
  const type = record.personType;
  const foreign = type === personTypes.foreign;
  missing(flags, 'gender', record.gender);
  missing(flags, 'birthDate', record.birthDate);
  if (!foreign) {
    missing(flags, 'ethnicity', record.ethnicity);
    missing(flags, 'registeredDivision', record.registeredDivision);
  }
  missing(flags, 'residenceAddress', record.residenceAddress);
  missing(flags, 'gridCode', record.gridCode);
  // Children are reached through their parents; a phone is expected from 18.
  const adult = record.birthDate === null || today === noClock || ageOn(record.birthDate, today) >= 18;
  if (adult) missing(flags, 'phone', record.phone);
  if (type === personTypes.registered) {
    missing(flags, 'householdNumber', record.householdNumber);
    missing(flags, 'relationToHead', record.relationToHead);
  }
  if (type === personTypes.migrant) {
    missing(flags, 'details.permitType', record.details.permitType);
    missing(flags, 'details.residenceType', record.details.residenceType);
  }
  if (foreign) {
    missing(flags, 'details.visitPurpose', record.details.visitPurpose);
    missing(flags, 'details.expectedDeparture', record.details.expectedDeparture);
  }
  return flags;
}

export function houseFlags(record: HouseRecord): string[] {
  const flags: string[] = [];
  missing(flags, 'buildingUse', record.buildingUse);
  missing(flags, 'houseUse', record.houseUse);
  missing(flags, 'area', record.area);
  missing(flags, 'ownerName', record.ownerName);
  missing(flags, 'ownerPhone', record.ownerPhone);
  missing(flags, 'rental', record.rental);
  if (record.rental) {
    missing(flags, 'landlordType', record.landlordType);
    missing(flags, 'maxOccupants', record.maxOccupants);
    missing(flags, 'actualOccupants', record.actualOccupants);
    missing(flags, 'pledgeSigned', record.pledgeSigned);
    missing(flags, 'hazardGrade', record.hazardGrade);
  }
  if (record.maxOccupants !== null && record.actualOccupants !== null && record.actualOccupants > record.maxOccupants) {
    flags.push('over_occupancy');
  }
  return flags;
}

export function organisationFlags(record: OrganisationRecord): string[] {
  const flags: string[] = [];
  missing(flags, 'address', record.address);
  missing(flags, 'legalRepName', record.legalRepName);
  missing(flags, 'legalRepPhone', record.legalRepPhone);
  missing(flags, 'securityHeadName', record.securityHeadName);
  missing(flags, 'attentionLevel', record.attentionLevel);
  if (record.kind === '01' || record.kind === '03') missing(flags, 'employees', record.employees);
  if (record.kind === '04') {
    missing(flags, 'students', record.students);
    missing(flags, 'staff', record.staff);
    missing(flags, 'securityStaff', record.securityStaff);
    missing(flags, 'principalName', record.principalName);
  }
  return flags;
}

const fixedLabels: Record<string, { zh: string; en: string }> = {
  id_checksum: { zh: '公民身份号码校验位错误', en: 'ID number check character is wrong' },
  id_birth_date: { zh: '公民身份号码中的出生日期无效', en: 'ID number has an impossible birth date' },
  over_occupancy: { zh: '实住人数超过限住人数', en: 'More occupants than the limit' },
};

export function qualityFlagLabel(code: string, locale: 'zh' | 'en' = 'zh'): string {
  const fixed = fixedLabels[code];
  if (fixed) return locale === 'en' ? fixed.en : fixed.zh;
  if (code.startsWith('missing:')) {
    const key = code.slice('missing:'.length);
    for (const kind of registerKinds) {
      const column = registerColumns[kind].find((c) => c.key === key);
      if (column) return locale === 'en' ? `Missing: ${column.headerEn}` : `未采集${column.header}`;
    }
  }
  return code;
}

/**
 * 采集率 = 已采集户数 / 应采集户数 (registered households over the grids' household counts), as a
 * ratio like the scorecards' rates: null when there is nothing to collect, rounded only for display.
 */
export function collectionRate(registeredHouseholds: number, gridHouseholds: number): number | null {
  return ratio(registeredHouseholds, gridHouseholds);
}
