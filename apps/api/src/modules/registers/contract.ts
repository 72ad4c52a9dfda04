import { z } from 'zod';
import {
  checkIdNumber,
  deregisterSchema as domainDeregisterSchema,
  isCode,
  moveOutSchema as domainMoveOutSchema,
  residentIdCardType,
  type RegisterCodeTableId,
} from '@shizhi/domain';

/**
 * The registers' HTTP shapes: list filters, the rows and pages the web reads, and (until the domain
 * package has its own) the inputs. Code fields carry codes of the domain's registerCodeTables; the
 * web resolves their labels.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD (date as YYYY-MM-DD)')
  .refine((v) => {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
  }, '日期不存在 (no such date)');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const code = (table: RegisterCodeTableId) =>
  z.string().trim().refine((v) => isCode(table, v), `不是有效的代码 (not a code of ${table})`);
const phone = z.string().trim().regex(/^[\d-]{5,20}$/, '电话号码格式不正确 (a phone number: digits and -)');
const gridCode = z.string().regex(/^\d{15}$/, '网格编码为15位数字 (a 15-digit grid code)');
const count = z.number().int().min(0).max(1_000_000);

export const recordStatuses = ['active', 'moved_out', 'deregistered'] as const;
const status = z.enum(recordStatuses);

const listBase = {
  q: z.string().trim().max(100).optional().describe('18 位证件号 → 精确; 11 位手机号 → 精确; 否则姓名/名称前缀'),
  unit: z.string().regex(/^\d{6,15}$/, '单位编码 (an org code: street, community or grid)').optional(),
  status: z.enum([...recordStatuses, 'all']).default('active'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const personListQuerySchema = z.object({
  ...listBase,
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(20).optional(),
  address: z.string().trim().min(2).max(100).optional().describe('地址片段 (trigram search of standard addresses)'),
  personType: code('personType').optional(),
});
export type PersonListQuery = z.infer<typeof personListQuerySchema>;

export const houseListQuerySchema = z.object({
  ...listBase,
  address: z.string().trim().min(2).max(100).optional(),
  rental: z.enum(['true', 'false']).optional(),
  hazardGrade: code('hazardGrade').optional(),
});
export type HouseListQuery = z.infer<typeof houseListQuerySchema>;

export const organisationListQuerySchema = z.object({
  ...listBase,
  kind: code('organisationKind').optional(),
  attentionLevel: code('attentionLevel').optional(),
});
export type OrganisationListQuery = z.infer<typeof organisationListQuerySchema>;

export const exportQueryExtra = {
  whole: z.enum(['0', '1']).default('0').describe('1: 完整证件号与电话 (registers.personal_data and a purpose)'),
  purpose: z.string().trim().min(2).max(200).optional(),
};

const page = <T extends z.ZodType>(row: T) =>
  z.object({
    items: z.array(row),
    total: z.number().int().describe('capped at 10,000: totalCapped says there are more'),
    totalCapped: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const personRowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    gender: z.string().nullable(),
    birthDate: z.string().nullable(),
    personType: z.string(),
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    residenceAddress: z.string().nullable(),
    gridCode: z.string(),
    gridName: z.string().nullable(),
    villageName: z.string().nullable(),
    householdNumber: z.string().nullable(),
    relationToHead: z.string().nullable(),
    status: status,
    problems: z.array(z.string()),
  })
  .meta({ id: 'PersonRow' });
export type PersonRow = z.infer<typeof personRowSchema>;
export const personPageSchema = page(personRowSchema);

export const houseRowSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    address: z.string().nullable(),
    gridCode: z.string(),
    gridName: z.string().nullable(),
    houseUse: z.string().nullable(),
    rental: z.boolean(),
    ownerName: z.string().nullable(),
    ownerPhoneMasked: z.string().nullable(),
    maxOccupants: z.number().int().nullable(),
    actualOccupants: z.number().int().nullable(),
    residents: z.number().int(),
    hazardGrade: z.string().nullable(),
    status: status,
  })
  .meta({ id: 'HouseRow' });
export type HouseRow = z.infer<typeof houseRowSchema>;
export const housePageSchema = page(houseRowSchema);

export const organisationRowSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.string(),
    category: z.string().nullable(),
    address: z.string().nullable(),
    gridCode: z.string(),
    gridName: z.string().nullable(),
    legalRepName: z.string().nullable(),
    legalRepPhoneMasked: z.string().nullable(),
    employees: z.number().int().nullable(),
    attentionLevel: z.string().nullable(),
    status: status,
  })
  .meta({ id: 'OrganisationRow' });
export type OrganisationRow = z.infer<typeof organisationRowSchema>;
export const organisationPageSchema = page(organisationRowSchema);

const lifecycleFields = {
  status,
  statusReason: z.string().nullable(),
  statusAt: z.string().nullable(),
  problems: z.array(z.string()),
  version: z.number().int(),
  importId: z.string().nullable(),
  importRow: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

const placeFields = {
  gridCode: z.string(),
  gridName: z.string().nullable(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  addressId: z.string().nullable(),
  address: z.string().nullable().describe('标准地址全称'),
};

export const personDetailSchema = z
  .object({
    id: z.string(),
    personType: z.string(),
    name: z.string(),
    formerName: z.string().nullable(),
    gender: z.string().nullable(),
    birthDate: z.string().nullable(),
    ethnicity: z.string().nullable(),
    nativePlace: z.string().nullable(),
    maritalStatus: z.string().nullable(),
    politicalStatus: z.string().nullable(),
    education: z.string().nullable(),
    religion: z.string().nullable(),
    occupationCategory: z.string().nullable(),
    occupation: z.string().nullable(),
    workplace: z.string().nullable(),
    organisationId: z.string().nullable(),
    idType: z.string().nullable(),
    idNumberMasked: z.string().nullable(),
    idValid: z.boolean().nullable(),
    phoneMasked: z.string().nullable(),
    registeredDivision: z.string().nullable(),
    registeredAddress: z.string().nullable(),
    houseId: z.string().nullable(),
    residenceAddress: z.string().nullable(),
    householdId: z.string().nullable(),
    relationToHead: z.string().nullable(),
    personHouseholdConsistent: z.boolean().nullable(),
    details: z.record(z.string(), z.string().nullable()),
    ...placeFields,
    ...lifecycleFields,
  })
  .meta({ id: 'PersonDetail' });

export const personPageResponseSchema = z
  .object({
    person: personDetailSchema,
    house: z.object({ id: z.string(), code: z.string(), address: z.string().nullable(), rental: z.boolean() }).nullable(),
    household: z
      .object({
        id: z.string(),
        number: z.string(),
        kind: z.string(),
        members: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            relationToHead: z.string().nullable(),
            gender: z.string().nullable(),
            birthDate: z.string().nullable(),
            status,
          }),
        ),
      })
      .nullable(),
    organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
    events: z.array(
      z.object({ id: z.string(), number: z.string(), title: z.string(), status: z.string(), reportedAt: z.string(), role: z.literal('reporter') }),
    ),
    disputes: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), state: z.string(), role: z.string() })),
    canReveal: z.boolean(),
    canEdit: z.boolean(),
  })
  .meta({ id: 'PersonPage' });

export const houseDetailSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    buildingUse: z.string().nullable(),
    houseUse: z.string().nullable(),
    area: z.number().nullable(),
    propertyType: z.string().nullable(),
    ownerName: z.string().nullable(),
    ownerIdType: z.string().nullable(),
    ownerIdNumberMasked: z.string().nullable(),
    ownerPhoneMasked: z.string().nullable(),
    rental: z.boolean(),
    rentalUse: z.string().nullable(),
    landlordType: z.string().nullable(),
    maxOccupants: z.number().int().nullable(),
    actualOccupants: z.number().int().nullable(),
    pledgeSigned: z.boolean().nullable(),
    hazardGrade: z.string().nullable(),
    hazardType: z.string().nullable(),
    ...placeFields,
    ...lifecycleFields,
  })
  .meta({ id: 'HouseDetail' });

export const addressNodeSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    level: z.enum(['compound', 'building', 'unit', 'room']),
    name: z.string(),
    fullName: z.string(),
    gridCode: z.string(),
    villageCode: z.string(),
    parentId: z.string().nullable(),
    children: z.number().int(),
  })
  .meta({ id: 'AddressNode' });

export const housePageResponseSchema = z
  .object({
    house: houseDetailSchema,
    residents: z.array(personRowSchema),
    address: addressNodeSchema.nullable(),
    canReveal: z.boolean(),
    canEdit: z.boolean(),
  })
  .meta({ id: 'HousePage' });

export const organisationDetailSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.string(),
    category: z.string().nullable(),
    legalRepName: z.string().nullable(),
    legalRepIdNumberMasked: z.string().nullable(),
    legalRepPhoneMasked: z.string().nullable(),
    securityHeadName: z.string().nullable(),
    employees: z.number().int().nullable(),
    hazardousChemicals: z.boolean().nullable(),
    hazardType: z.string().nullable(),
    attentionLevel: z.string().nullable(),
    partyOrg: z.boolean().nullable(),
    schoolType: z.string().nullable(),
    students: z.number().int().nullable(),
    staff: z.number().int().nullable(),
    securityStaff: z.number().int().nullable(),
    principalName: z.string().nullable(),
    details: z.record(z.string(), z.string().nullable()),
    ...placeFields,
    ...lifecycleFields,
  })
  .meta({ id: 'OrganisationDetail' });

export const organisationPageResponseSchema = z
  .object({
    organisation: organisationDetailSchema,
    people: z.array(personRowSchema),
    canReveal: z.boolean(),
    canEdit: z.boolean(),
  })
  .meta({ id: 'OrganisationPage' });

export const historyEntrySchema = z
  .object({
    version: z.number().int(),
    action: z.string().describe('create | update | move_out | deregister | reactivate | import'),
    changes: z.record(z.string(), z.unknown()).describe('{ field: { from, to } }; personal fields as { changed: true }'),
    actorName: z.string(),
    at: z.string(),
    importId: z.string().nullable(),
    importRow: z.number().int().nullable(),
    fileName: z.string().nullable(),
  })
  .meta({ id: 'RegisterHistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

// ─── inputs ───────────────────────────────────────────────────────────────────────────────────────

export { personalDataReadSchema } from '@shizhi/domain';

export const personFields = {
  personType: code('personType'),
  name: text(50),
  formerName: optionalText(50),
  gender: code('gender').nullish(),
  birthDate: isoDate.nullish(),
  ethnicity: code('ethnicity').nullish(),
  nativePlace: optionalText(100),
  maritalStatus: code('maritalStatus').nullish(),
  politicalStatus: code('politicalStatus').nullish(),
  education: code('education').nullish(),
  religion: code('religion').nullish(),
  occupationCategory: code('occupationCategory').nullish(),
  occupation: optionalText(100),
  workplace: optionalText(200),
  organisationId: z.uuid().nullish(),
  idType: code('idType').default(residentIdCardType),
  idNumber: z.string().trim().max(30).nullish(),
  phone: phone.nullish(),
  registeredDivision: z.string().regex(/^\d{6}$/, '户籍地为6位区划代码 (a 6-digit division code)').nullish(),
  registeredAddress: optionalText(200),
  gridCode,
  addressId: z.uuid().nullish(),
  houseId: z.uuid().nullish(),
  residenceAddress: optionalText(200),
  householdNumber: z.string().trim().regex(/^[0-9A-Za-z-]{1,30}$/, '户号为字母数字 (letters and digits)').nullish(),
  householdKind: code('householdKind').nullish(),
  relationToHead: code('relationToHead').nullish(),
  personHouseholdConsistent: z.boolean().nullish(),
  details: z.record(z.string(), z.string().max(200).nullable()).optional(),
};

/** A 居民身份证 number must pass GB 11643 (format, birth date, check character). */
function idNumberValid(value: { idType?: string | null; idNumber?: string | null }, ctx: z.RefinementCtx) {
  if (!value.idNumber || (value.idType ?? residentIdCardType) !== residentIdCardType) return;
  const check = checkIdNumber(value.idNumber);
  if (!check.valid) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `公民身份号码无效 (invalid ID number: ${check.problem})` });
}

export const personInputSchema = z.object(personFields).superRefine(idNumberValid).meta({ id: 'PersonInput' });
export type PersonInput = z.infer<typeof personInputSchema>;

const versioned = { version: z.number().int().min(1).describe('the version the edit was made on (409 REGISTER.STALE if it changed)') };
const maybeVersioned = { version: versioned.version.optional() };

export const personPatchSchema = z
  .object({ ...versioned, ...Object.fromEntries(Object.entries(personFields).map(([k, v]) => [k, v.optional()])) } as {
    version: typeof versioned.version;
  } & { [K in keyof typeof personFields]: z.ZodOptional<(typeof personFields)[K]> })
  .superRefine(idNumberValid)
  .meta({ id: 'PersonPatch' });
export type PersonPatch = z.infer<typeof personPatchSchema>;

export const houseFields = {
  code: z.string().trim().regex(/^[0-9A-Za-z-]{4,40}$/, '房屋编号为字母数字 (letters and digits)'),
  addressId: z.uuid(),
  buildingUse: code('buildingUse').nullish(),
  houseUse: code('houseUse').nullish(),
  area: z.number().min(0).max(1_000_000).nullish(),
  propertyType: code('propertyType').nullish(),
  ownerName: optionalText(50),
  ownerIdType: code('idType').nullish(),
  ownerIdNumber: z.string().trim().max(30).nullish(),
  ownerPhone: phone.nullish(),
  rental: z.boolean().default(false),
  rentalUse: code('rentalUse').nullish(),
  landlordType: code('landlordType').nullish(),
  maxOccupants: count.nullish(),
  actualOccupants: count.nullish(),
  pledgeSigned: z.boolean().nullish(),
  hazardGrade: code('hazardGrade').nullish(),
  hazardType: code('hazardType').nullish(),
};

function ownerIdValid(value: { ownerIdType?: string | null; ownerIdNumber?: string | null }, ctx: z.RefinementCtx) {
  if (!value.ownerIdNumber || (value.ownerIdType ?? residentIdCardType) !== residentIdCardType) return;
  if (!checkIdNumber(value.ownerIdNumber).valid) ctx.addIssue({ code: 'custom', path: ['ownerIdNumber'], message: '公民身份号码无效 (invalid ID number)' });
}

export const houseInputSchema = z.object(houseFields).superRefine(ownerIdValid).meta({ id: 'HouseInput' });
export type HouseInput = z.infer<typeof houseInputSchema>;
export const housePatchSchema = z
  .object({ ...versioned, ...Object.fromEntries(Object.entries(houseFields).map(([k, v]) => [k, v.optional()])) } as {
    version: typeof versioned.version;
  } & { [K in keyof typeof houseFields]: z.ZodOptional<(typeof houseFields)[K]> })
  .superRefine(ownerIdValid)
  .meta({ id: 'HousePatch' });
export type HousePatch = z.infer<typeof housePatchSchema>;

export const organisationFields = {
  code: z.string().trim().regex(/^[0-9A-Za-z-]{4,40}$/, '单位编码为字母数字 (letters and digits)'),
  name: text(200),
  kind: code('organisationKind'),
  category: z.string().trim().max(10).nullish(),
  gridCode,
  addressId: z.uuid().nullish(),
  address: optionalText(200),
  legalRepName: optionalText(50),
  legalRepIdNumber: z.string().trim().max(30).nullish(),
  legalRepPhone: phone.nullish(),
  securityHeadName: optionalText(50),
  employees: count.nullish(),
  hazardousChemicals: z.boolean().nullish(),
  hazardType: code('hazardType').nullish(),
  attentionLevel: code('attentionLevel').nullish(),
  partyOrg: z.boolean().nullish(),
  schoolType: code('schoolType').nullish(),
  students: count.nullish(),
  staff: count.nullish(),
  securityStaff: count.nullish(),
  principalName: optionalText(50),
  details: z.record(z.string(), z.string().max(200).nullable()).optional(),
};

function legalRepIdValid(value: { legalRepIdNumber?: string | null }, ctx: z.RefinementCtx) {
  if (value.legalRepIdNumber && !checkIdNumber(value.legalRepIdNumber).valid) {
    ctx.addIssue({ code: 'custom', path: ['legalRepIdNumber'], message: '公民身份号码无效 (invalid ID number)' });
  }
}

export const organisationInputSchema = z.object(organisationFields).superRefine(legalRepIdValid).meta({ id: 'OrganisationInput' });
export type OrganisationInput = z.infer<typeof organisationInputSchema>;
export const organisationPatchSchema = z
  .object({ ...versioned, ...Object.fromEntries(Object.entries(organisationFields).map(([k, v]) => [k, v.optional()])) } as {
    version: typeof versioned.version;
  } & { [K in keyof typeof organisationFields]: z.ZodOptional<(typeof organisationFields)[K]> })
  .superRefine(legalRepIdValid)
  .meta({ id: 'OrganisationPatch' });
export type OrganisationPatch = z.infer<typeof organisationPatchSchema>;

/** 迁出: the domain's body, plus the version the page was loaded with (optional); the date must exist. */
export const moveOutSchema = domainMoveOutSchema.extend({ ...maybeVersioned, date: isoDate }).meta({ id: 'RegisterMoveOutBody' });
export type MoveOutInput = z.infer<typeof moveOutSchema>;

/** 注销: the domain's reasons (deregisterReasons) and note, plus the version (optional). */
export const deregisterSchema = domainDeregisterSchema.extend(maybeVersioned).meta({ id: 'RegisterDeregisterBody' });
export type DeregisterInput = z.infer<typeof deregisterSchema>;

export const reactivateSchema = z.object({ ...maybeVersioned, note: optionalText(500) }).meta({ id: 'RegisterReactivateBody' });
export type ReactivateInput = z.infer<typeof reactivateSchema>;

export const addressInputSchema = z
  .object({
    parentId: z.uuid().nullish().describe('the compound, building or unit; absent for a new compound'),
    villageCode: z.string().regex(/^\d{12}$/, '村/社区代码为12位 (a 12-digit village code)').nullish(),
    level: z.enum(['compound', 'building', 'unit', 'room']),
    name: text(100),
    gridCode: gridCode.nullish().describe('the grid a compound or building lies in; default: the parent’s'),
    lng: z.number().min(-180).max(180).nullish(),
    lat: z.number().min(-90).max(90).nullish(),
  })
  .meta({ id: 'AddressInput' });
export type AddressInput = z.infer<typeof addressInputSchema>;

export const receiptSchema = z.object({ id: z.string(), version: z.number().int() });
