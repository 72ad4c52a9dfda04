/**
 * The register records as plain values: what the import engine and the API pass around. Personal
 * values (公民身份号码, phones) are in clear here; the API seals them before they reach the database.
 * Absent values are null, never undefined, so a record survives JSON and compares field by field.
 * Code fields hold codes of registerCodeTables (codes.ts); dates are 'YYYY-MM-DD'.
 */

/** Items only some 人口类型 have (stored as the person row's details jsonb). */
export interface PersonDetails {
  /** 流动人口 */
  inflowReason?: string | null;
  permitType?: string | null;
  permitNumber?: string | null;
  registeredOn?: string | null;
  permitExpires?: string | null;
  residenceType?: string | null;
  /** 境外人员 */
  foreignSurname?: string | null;
  foreignGivenName?: string | null;
  nationality?: string | null;
  visitPurpose?: string | null;
  arrivalDate?: string | null;
  expectedDeparture?: string | null;
  /** 留守人员: 留守儿童 / 留守老人 / 留守妇女 … (free text) */
  leftBehindKind?: string | null;
  /** 未落户人员 */
  unregisteredReason?: string | null;
  note?: string | null;
}

/** 实有人口 */
export interface PersonRecord {
  personType: string;
  name: string;
  formerName: string | null;
  gender: string | null;
  birthDate: string | null;
  ethnicity: string | null;
  /** 籍贯 (free text, e.g. 内蒙古鄂尔多斯) */
  nativePlace: string | null;
  maritalStatus: string | null;
  politicalStatus: string | null;
  education: string | null;
  religion: string | null;
  occupationCategory: string | null;
  occupation: string | null;
  /** 服务处所 */
  workplace: string | null;
  /** GA/T 517 证件类型; 111 居民身份证 for everyone but 境外人员 unless given. */
  idType: string;
  idNumber: string | null;
  phone: string | null;
  /** 户籍地: a GB/T 2260 county code */
  registeredDivision: string | null;
  /** 户籍门(楼)详址 */
  registeredAddress: string | null;
  gridCode: string | null;
  /** 房屋编号 of the house the person lives in */
  houseCode: string | null;
  /** 现住门(楼)详址 */
  residenceAddress: string | null;
  /** 户号 */
  householdNumber: string | null;
  relationToHead: string | null;
  /** 人户一致标识 */
  personHouseholdConsistent: boolean | null;
  details: PersonDetails;
}

/** 实有房屋 (with the 出租房屋 items) */
export interface HouseRecord {
  /** 房屋编号 */
  code: string;
  gridCode: string | null;
  /** 小区 / 街路巷 */
  compound: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  buildingUse: string | null;
  houseUse: string | null;
  /** 建筑面积, m² */
  area: number | null;
  propertyType: string | null;
  ownerName: string | null;
  ownerIdType: string | null;
  ownerIdNumber: string | null;
  ownerPhone: string | null;
  rental: boolean | null;
  rentalUse: string | null;
  landlordType: string | null;
  /** 限住人数 */
  maxOccupants: number | null;
  /** 实住人数 */
  actualOccupants: number | null;
  /** 治安责任保证书 signed */
  pledgeSigned: boolean | null;
  hazardGrade: string | null;
  hazardType: string | null;
  lng: number | null;
  lat: number | null;
}

/** 实有单位 (非公有制经济组织, 社会组织, 校园 …) */
export interface OrganisationRecord {
  /** 统一社会信用代码, 登记证号 or a local code */
  code: string;
  name: string;
  /** 单位类型 (organisationKind) */
  kind: string;
  /** 类别: 企业类型 for enterprises, 社会组织类型 for social organisations */
  category: string | null;
  gridCode: string | null;
  address: string | null;
  legalRepName: string | null;
  legalRepIdNumber: string | null;
  legalRepPhone: string | null;
  /** 治保负责人 */
  securityHeadName: string | null;
  employees: number | null;
  /** 是否危化企业 */
  hazardousChemicals: boolean | null;
  hazardType: string | null;
  attentionLevel: string | null;
  /** 是否有中共党组织 */
  partyOrg: boolean | null;
  schoolType: string | null;
  students: number | null;
  staff: number | null;
  /** 安全保卫人数 */
  securityStaff: number | null;
  principalName: string | null;
}

export type RegisterRecord = PersonRecord | HouseRecord | OrganisationRecord;

export function emptyPersonRecord(): PersonRecord {
  return {
    personType: '01',
    name: '',
    formerName: null,
    gender: null,
    birthDate: null,
    ethnicity: null,
    nativePlace: null,
    maritalStatus: null,
    politicalStatus: null,
    education: null,
    religion: null,
    occupationCategory: null,
    occupation: null,
    workplace: null,
    // Not given yet: checkPersonRecord makes it 居民身份证 (111) unless the person is 境外人员.
    idType: '',
    idNumber: null,
    phone: null,
    registeredDivision: null,
    registeredAddress: null,
    gridCode: null,
    houseCode: null,
    residenceAddress: null,
    householdNumber: null,
    relationToHead: null,
    personHouseholdConsistent: null,
    details: {},
  };
}

export function emptyHouseRecord(): HouseRecord {
  return {
    code: '',
    gridCode: null,
    compound: null,
    building: null,
    unit: null,
    room: null,
    buildingUse: null,
    houseUse: null,
    area: null,
    propertyType: null,
    ownerName: null,
    ownerIdType: null,
    ownerIdNumber: null,
    ownerPhone: null,
    rental: null,
    rentalUse: null,
    landlordType: null,
    maxOccupants: null,
    actualOccupants: null,
    pledgeSigned: null,
    hazardGrade: null,
    hazardType: null,
    lng: null,
    lat: null,
  };
}

export function emptyOrganisationRecord(): OrganisationRecord {
  return {
    code: '',
    name: '',
    kind: '01',
    category: null,
    gridCode: null,
    address: null,
    legalRepName: null,
    legalRepIdNumber: null,
    legalRepPhone: null,
    securityHeadName: null,
    employees: null,
    hazardousChemicals: null,
    hazardType: null,
    attentionLevel: null,
    partyOrg: null,
    schoolType: null,
    students: null,
    staff: null,
    securityStaff: null,
    principalName: null,
  };
}
