import { z } from 'zod';
import { checkIdNumber } from '../id-number.ts';

/**
 * A party to a generated document (调解协议书, 司法确认申请书): a person or an organisation.
 *
 * The schemas accept drafts: every item a document must carry is optional here, so a half-filled
 * record parses, renders with blanks to fill by hand, and `check…` functions name what is missing.
 */

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD (date as YYYY-MM-DD)');

export const partyGenders = ['male', 'female'] as const;
export type PartyGender = (typeof partyGenders)[number];
export const partyGenderLabels: Record<PartyGender, string> = { male: '男', female: '女' };

/** 委托代理人: someone who acts for a party (a relative, a lawyer). */
export const documentAgentSchema = z.object({
  name: text(50),
  relation: text(50).optional(),
  phone: text(30).optional(),
});
export type DocumentAgent = z.infer<typeof documentAgentSchema>;

export const documentPersonSchema = z.object({
  kind: z.literal('person'),
  name: text(50).optional(),
  gender: z.enum(partyGenders).optional(),
  birthDate: isoDate.optional(),
  age: z.number().int().min(0).max(150).optional(),
  ethnicity: text(20).optional(),
  idNumber: text(18).optional(),
  occupation: text(50).optional(),
  /** 住所 / 送达地址 */
  address: text(200).optional(),
  phone: text(30).optional(),
  agent: documentAgentSchema.optional(),
});
export type DocumentPerson = z.infer<typeof documentPersonSchema>;

export const documentOrganisationSchema = z.object({
  kind: z.literal('organisation'),
  name: text(100).optional(),
  /** 统一社会信用代码 (18 characters) */
  creditCode: text(18).optional(),
  address: text(200).optional(),
  legalRepresentative: z.object({ name: text(50).optional(), title: text(50).optional() }).optional(),
  phone: text(30).optional(),
  agent: documentAgentSchema.optional(),
});
export type DocumentOrganisation = z.infer<typeof documentOrganisationSchema>;

export const documentPartySchema = z.discriminatedUnion('kind', [documentPersonSchema, documentOrganisationSchema]);
export type DocumentParty = z.infer<typeof documentPartySchema>;

/** PartyGender and birth date as written, or read from a valid ID number when not written. */
export function personDetails(person: DocumentPerson, today?: Date): { gender?: PartyGender; birthDate?: string; age?: number } {
  const id = person.idNumber ? checkIdNumber(person.idNumber, today) : undefined;
  const gender = person.gender ?? (id?.valid ? id.gender : undefined);
  const birthDate = person.birthDate ?? (id?.valid ? id.birthDate : undefined);
  return {
    ...(gender ? { gender } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(person.age !== undefined ? { age: person.age } : {}),
  };
}

/** One missing or wrong item of a document, named by its field path (`parties[1].idNumber`). */
export interface DocumentProblem {
  field: string;
  kind: 'missing' | 'invalid';
  /** What the item is, in Chinese, for the form beside the field. */
  label: string;
  /** The rule that asks for it. */
  basis?: string;
}

export const isBlank = (value: string | undefined | null): boolean => value === undefined || value === null || value.trim() === '';

/** 人民调解法 Art. 29 (1) 当事人的基本情况 / 法释〔2011〕5号 Art. 3 (送达地址、电话号码). */
export function partyProblems(party: DocumentParty, at: string, basis: string, today?: Date): DocumentProblem[] {
  const out: DocumentProblem[] = [];
  const need = (field: string, label: string, missing: boolean) => {
    if (missing) out.push({ field: `${at}.${field}`, kind: 'missing', label, basis });
  };
  if (party.kind === 'person') {
    const details = personDetails(party, today);
    need('name', '当事人姓名', isBlank(party.name));
    need('gender', '当事人性别', !details.gender);
    need('birthDate', '当事人出生日期或年龄', !details.birthDate && details.age === undefined);
    need('idNumber', '当事人身份证号码', isBlank(party.idNumber));
    need('address', '当事人住址', isBlank(party.address));
    need('phone', '当事人联系方式', isBlank(party.phone));
    if (!isBlank(party.idNumber) && !checkIdNumber(party.idNumber!, today).valid) {
      out.push({ field: `${at}.idNumber`, kind: 'invalid', label: '身份证号码无效', basis: 'GB 11643-1999' });
    }
  } else {
    need('name', '单位名称', isBlank(party.name));
    need('address', '单位住所', isBlank(party.address));
    need('legalRepresentative.name', '法定代表人（负责人）姓名', isBlank(party.legalRepresentative?.name));
    need('phone', '单位联系方式', isBlank(party.phone));
  }
  return out;
}

/** Issues of a zod parse as problems named by field. */
export function schemaProblems(error: z.ZodError): DocumentProblem[] {
  return error.issues.map((issue) => ({
    field: formatPath(issue.path),
    kind: issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : 'invalid',
    label: issue.message,
  }));
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

export type DocumentCheck<T> = { ok: true; value: T; problems: [] } | { ok: false; value?: T; problems: DocumentProblem[] };

/** Parses with the schema, then applies the completeness rules to what parsed. */
export function checkWith<T>(schema: z.ZodType<T>, rules: (value: T) => DocumentProblem[], input: unknown): DocumentCheck<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error) };
  const problems = rules(parsed.data);
  return problems.length ? { ok: false, value: parsed.data, problems } : { ok: true, value: parsed.data, problems: [] };
}

export { isoDate as documentDateSchema, text as documentText };
