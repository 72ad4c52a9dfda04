import type { RegisterCodeTableId } from '@shizhi/domain';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import type { RegisterEntity } from '../../lib/registers-api.ts';

/** The code table behind each coded field of the three registers (and of a person's type items). */
export const fieldCodeTables: Readonly<Record<string, RegisterCodeTableId>> = {
  personType: 'personType',
  gender: 'gender',
  ethnicity: 'ethnicity',
  maritalStatus: 'maritalStatus',
  politicalStatus: 'politicalStatus',
  education: 'education',
  religion: 'religion',
  occupationCategory: 'occupationCategory',
  idType: 'idType',
  ownerIdType: 'idType',
  relationToHead: 'relationToHead',
  householdKind: 'householdKind',
  inflowReason: 'inflowReason',
  permitType: 'permitType',
  residenceType: 'residenceType',
  nationality: 'nationality',
  visitPurpose: 'visitPurpose',
  buildingUse: 'buildingUse',
  houseUse: 'houseUse',
  propertyType: 'propertyType',
  rentalUse: 'rentalUse',
  landlordType: 'landlordType',
  hazardGrade: 'hazardGrade',
  hazardType: 'hazardType',
  kind: 'organisationKind',
  attentionLevel: 'attentionLevel',
  schoolType: 'schoolType',
};

/** Personal values: the history says only that they changed, never from what to what. */
export const personalFields: ReadonlySet<string> = new Set(['idNumber', 'phone', 'ownerIdNumber', 'ownerPhone', 'legalRepIdNumber', 'legalRepPhone']);

const entityOverrides: Partial<Record<RegisterEntity, Readonly<Record<string, MessageKey>>>> = {
  houses: { code: 'r.f.houseCode' },
  organisations: { name: 'r.o.name', code: 'r.o.codeShort' },
};

/** A field's name in the UI's language; a field the dictionary lacks shows as it is. */
export function fieldLabel(t: Translate, entity: RegisterEntity, field: string): string {
  const override = entityOverrides[entity]?.[field];
  if (override) return t(override);
  // The dictionary answers undefined for a key it does not have.
  const text = t(`r.f.${field}` as MessageKey) as string | undefined;
  return text ?? field;
}

/** The 单位 category's table follows its kind: 企业类型 for enterprises, 社会组织类型 for social organisations. */
export function categoryTable(kind: string | null | undefined): RegisterCodeTableId | null {
  if (kind === '01') return 'enterpriseType';
  if (kind === '02') return 'socialOrgType';
  return null;
}

/** The items a 人口类型 adds (stored in the person's `details`). */
export const typeDetailFields: Readonly<Record<string, readonly string[]>> = {
  '02': ['inflowReason', 'permitType', 'permitNumber', 'registeredOn', 'permitExpires', 'residenceType'],
  '03': ['foreignSurname', 'foreignGivenName', 'nationality', 'visitPurpose', 'arrivalDate', 'expectedDeparture'],
  '04': ['leftBehindKind'],
  '05': ['unregisteredReason'],
};

export const dateDetailFields: ReadonlySet<string> = new Set(['registeredOn', 'permitExpires', 'arrivalDate', 'expectedDeparture']);
