import { checkIdNumber, idNumberCheckChar, type IdNumberCheck } from '../id-number.ts';
import { codeResolver, personTypes, registerCodeTables, resolveCode, residentIdCardType, type RegisterCodeTableId } from './codes.ts';
import { registerColumns, type RegisterColumn, type RegisterKind } from './columns.ts';
import { resolveDivision } from './divisions.ts';
import { houseFlags, organisationFlags, personFlags } from './quality.ts';
import {
  emptyHouseRecord,
  emptyOrganisationRecord,
  emptyPersonRecord,
  type HouseRecord,
  type OrganisationRecord,
  type PersonRecord,
  type RegisterRecord,
} from './records.ts';
import { checkUscc, usccCheckChar } from './uscc.ts';

/**
 * Row validation for register imports (2.68 million rows for a district): every column's reader is
 * built once per import, so a row costs a trim and a lookup or two per cell. The same cell readers
 * and cross-field checks serve the API's zod schemas (schemas.ts), so a value the form accepts is a
 * value the import accepts.
 */

export interface RowProblem {
  /** The column's zh header. */
  column: string;
  reason: string;
  reasonEn: string;
}

export interface RowResult {
  record: RegisterRecord | null;
  problems: RowProblem[];
  /** Quality flags to keep on the record (quality.ts). */
  flags: string[];
}

export interface RowValidatorOptions {
  today: Date;
  /** strict: a GB 11643 checksum or birth-date failure rejects the row; warn: it loads with a flag. */
  idCheck: 'strict' | 'warn';
}

/** Returned by a cell reader when the cell is invalid; the reason is in the problems list. */
const invalid: unique symbol = Symbol('invalid');
type Read<T> = T | typeof invalid;

/** Collects a row's problems; one per validator, reset for each row (no allocation per cell). */
class Problems {
  header = '';
  list: RowProblem[] = [];
  push(reason: string, reasonEn: string): void {
    this.list.push({ column: this.header, reason, reasonEn });
  }
}

// ─── cell readers ────────────────────────────────────────────────────────────────────────────────

const fullWidthTest = /[０-９Ｘｘ]/;
const fullWidth = /[０-９Ｘｘ]/g;
const spaces = /\s/;
const spacesAll = /\s+/g;
const docNumberShape = /^[A-Z0-9][A-Z0-9-]{3,39}$/;
const mobileShape = /^1[3-9]\d{9}$/;
const fixedLineShape = /^0\d{2,3}-?\d{7,8}$/;
const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const slashDate = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/;
const compactDate = /^(\d{4})(\d{2})(\d{2})$/;
const excelSerial = /^\d{4,5}(\.\d+)?$/;
const intShape = /^\d+(\.0+)?$/;
const decimalShape = /^-?\d+(\.\d+)?$/;
const gridCodeShape = /^\d{15}$/;
const excelEpoch = Date.UTC(1899, 11, 30);

/** Full-width digits and X to ASCII, spaces out, upper case: how ID numbers arrive from spreadsheets. */
export function normaliseIdNumber(text: string): string {
  let t = text;
  if (fullWidthTest.test(t)) t = t.replace(fullWidth, (ch) => (ch === 'Ｘ' || ch === 'ｘ' ? 'X' : String(ch.charCodeAt(0) - 0xff10)));
  return (spaces.test(t) ? t.replace(spacesAll, '') : t).toUpperCase();
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The number written by text[from, to), or -1 if any of it is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return monthDays[month - 1]!;
}

/** 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105 or an Excel serial day number → YYYY-MM-DD. */
export function readDate(text: string, header: string, problems: Problems): Read<string> {
  // The common case, already YYYY-MM-DD, without a regular expression.
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = digits(text, 0, 4);
    const mo = digits(text, 5, 7);
    const d = digits(text, 8, 10);
    if (y >= 1850 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return text;
  }
  const m = isoDate.exec(text) ?? slashDate.exec(text) ?? compactDate.exec(text);
  let y: number;
  let mo: number;
  let d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else if (excelSerial.test(text)) {
    const when = new Date(excelEpoch + Math.floor(Number(text)) * 86_400_000);
    y = when.getUTCFullYear();
    mo = when.getUTCMonth() + 1;
    d = when.getUTCDate();
  } else {
    problems.push('日期格式无法识别，请写作 2024-01-05', 'Unrecognised date; write it as 2024-01-05');
    return invalid;
  }
  const iso = `${y}-${pad2(mo)}-${pad2(d)}`;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || y < 1850 || y > 2200) {
    problems.push(`${header} ${iso} 不存在`, `${header} ${iso} does not exist`);
    return invalid;
  }
  return iso;
}

const truthy = new Set(['是', '1', 'y', 'yes', 'true', '有', '√']);
const falsy = new Set(['否', '0', 'n', 'no', 'false', '无', '×']);

export function readBool(text: string, problems: Problems): Read<boolean> {
  const t = text.toLowerCase();
  if (truthy.has(t)) return true;
  if (falsy.has(t)) return false;
  problems.push(`“${text}”应为 是 或 否`, `"${text}" should be 是 (yes) or 否 (no)`);
  return invalid;
}

export function readPhone(text: string, problems: Problems): Read<string> {
  let t = text.replace(/[\s()（）]/g, '');
  if (t.startsWith('+86')) t = t.slice(3);
  if (mobileShape.test(t) || fixedLineShape.test(t)) return t;
  problems.push(`联系电话“${text}”应为11位手机号码或带区号的固定电话`, `"${text}" is neither an 11-digit mobile nor a fixed line with area code`);
  return invalid;
}

/** The standard a table comes from, as a problem message names it ("GB 3304"), or '' for local tables. */
function standardOf(table: RegisterCodeTableId): string {
  const m = /^(GB(?:\/T)? [\d.]+|GA\/T [\d.]+)/.exec(registerCodeTables[table].source);
  return m ? `${m[1]} ` : '';
}

type CellReader = (text: string, problems: Problems) => Read<unknown>;

function readerFor(column: RegisterColumn): CellReader {
  const header = column.header;
  switch (column.kind) {
    case 'text': {
      const max = column.maxLength ?? 200;
      return (t, p) => {
        if (t.length <= max) return t;
        p.push(`超过 ${max} 个字符`, `Longer than ${max} characters`);
        return invalid;
      };
    }
    case 'code': {
      const table = column.table!;
      const standard = standardOf(table);
      const resolve = codeResolver(table);
      return (t, p) => {
        const code = resolve(t);
        if (code !== undefined) return code;
        p.push(`${header}“${t}”不在 ${standard}代码表中`, `"${t}" is not in the ${standard}${registerCodeTables[table].label.en} table`);
        return invalid;
      };
    }
    case 'date':
      return (t, p) => readDate(t, header, p);
    case 'int':
      return (t, p) => {
        if (intShape.test(t)) {
          const n = Number(t);
          if (n <= 10_000_000) return n;
        }
        p.push(`“${t}”应为非负整数`, `"${t}" should be a whole number`);
        return invalid;
      };
    case 'decimal':
      return (t, p) => {
        if (decimalShape.test(t) && Number(t) >= 0 && Number(t) < 1e7) return Number(t);
        p.push(`“${t}”应为非负数`, `"${t}" should be a non-negative number`);
        return invalid;
      };
    case 'bool':
      return readBool;
    case 'idNumber':
      return (t, p) => {
        const id = normaliseIdNumber(t);
        if (id.length <= 40) return id;
        p.push('证件号码过长', 'ID number too long');
        return invalid;
      };
    case 'phone':
      return readPhone;
    case 'division':
      return (t, p) => {
        const code = resolveDivision(t);
        if (code !== undefined) return code;
        p.push(`${header}“${t}”不是有效的县级区划代码或名称（GB/T 2260）`, `"${t}" is not a GB/T 2260 county code or full name`);
        return invalid;
      };
    case 'uscc':
      return (t, p) => {
        const code = t.replace(/\s+/g, '').toUpperCase();
        if (code.length === 18) {
          const check = checkUscc(code);
          if (check.valid) return code;
          if (check.problem === 'checksum') {
            const expected = usccCheckChar(code.slice(0, 17))!;
            p.push(`统一社会信用代码校验位错误，应为 ${expected}`, `Wrong check character; expected ${expected}`);
          } else p.push('统一社会信用代码含无效字符（不使用 I、O、S、V、Z）', 'Credit code has characters outside GB 32100 (no I, O, S, V, Z)');
          return invalid;
        }
        if (docNumberShape.test(code) && code.length <= 30) return code;
        p.push('应为18位统一社会信用代码或登记证号', 'Should be an 18-character credit code or a registration number');
        return invalid;
      };
    case 'gridCode':
      return (t, p) => {
        if (gridCodeShape.test(t)) return t;
        p.push(`网格编码“${t}”应为15位数字`, `Grid code "${t}" should be 15 digits`);
        return invalid;
      };
    case 'lng':
    case 'lat': {
      const [min, max] = column.kind === 'lng' ? [73, 136] : [3, 54];
      return (t, p) => {
        const n = Number(t);
        if (decimalShape.test(t) && n >= min && n <= max) return n;
        p.push(`${header}应在 ${min}–${max} 之间（中国境内，十进制度）`, `${column.headerEn} should be between ${min} and ${max}`);
        return invalid;
      };
    }
  }
}

/**
 * Reads one value the way an import cell is read (for a form field or a single cell). Not for the
 * hot loop: createRowValidator builds each column's reader once.
 */
export function readCell(column: RegisterColumn, text: string): { ok: true; value: unknown } | { ok: false; problems: RowProblem[] } {
  const sink = new Problems();
  sink.header = column.header;
  const value = readerFor(column)(text.trim(), sink);
  return value === invalid ? { ok: false, problems: sink.list } : { ok: true, value };
}

type Setter = (record: RegisterRecord, value: unknown) => void;

function setterFor(key: string): Setter {
  if (key.startsWith('details.')) {
    const field = key.slice('details.'.length);
    return (record, value) => {
      ((record as PersonRecord).details as Record<string, unknown>)[field] = value;
    };
  }
  return (record, value) => {
    (record as unknown as Record<string, unknown>)[key] = value;
  };
}

// ─── cross-field checks ──────────────────────────────────────────────────────────────────────────

export interface CrossFieldProblem {
  /** The record field ('idNumber', 'details.nationality'). */
  key: string;
  reason: string;
  reasonEn: string;
}

export interface CrossFieldOptions {
  today: Date;
  idCheck: 'strict' | 'warn';
}

const personTypeName: Record<string, string> = Object.fromEntries(registerCodeTables.personType.entries.map((e) => [e.code, e.zh]));

/** A GB 11643 number check with a specific reason; null when the number is fine (or only flagged in warn mode). */
function idNumberProblem(id: string, check: IdNumberCheck, idCheck: 'strict' | 'warn'): { reason: string; reasonEn: string } | null {
  if (check.valid) return null;
  if (check.problem === 'format') return { reason: '公民身份号码应为18位（前17位数字，末位数字或X）', reasonEn: 'An ID number has 18 characters: 17 digits and a digit or X' };
  if (idCheck === 'warn') return null;
  if (check.problem === 'checksum') {
    const expected = idNumberCheckChar(id.slice(0, 17));
    return { reason: `校验位错误，应为 ${expected}`, reasonEn: `Wrong check character; expected ${expected}` };
  }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return { reason: `公民身份号码中的出生日期 ${birth} 不存在或晚于今天`, reasonEn: `The birth date ${birth} in the ID number does not exist or is in the future` };
}

function otherDocumentProblem(id: string): { reason: string; reasonEn: string } | null {
  return docNumberShape.test(id) ? null : { reason: '证件号码应为4–40位字母、数字或连字符', reasonEn: 'A document number has 4–40 letters, digits or hyphens' };
}

const isGb11643Type = (idType: string | null) => !idType || idType === residentIdCardType || idType === '112';

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function requireFor(problems: CrossFieldProblem[], key: string, value: unknown, typeName: string): void {
  if (isBlank(value)) problems.push({ key, reason: `${typeName}必填`, reasonEn: `Required for ${typeName}` });
}

let isoCache: { time: number; iso: string } = { time: NaN, iso: '' };

/** today as YYYY-MM-DD, remembered: an import asks with the same date for every row. */
function isoDay(today: Date): string {
  const time = today.getTime();
  // Beyond year 9999 (the schemas' "no clock") every date is before today.
  if (isoCache.time !== time) isoCache = { time, iso: today.getUTCFullYear() > 9999 ? '9999-12-31' : today.toISOString().slice(0, 10) };
  return isoCache.iso;
}

/** The person rules, returning the GB 11643 check too so the quality flags need not repeat it. */
function checkPerson(record: PersonRecord, options: CrossFieldOptions): { problems: CrossFieldProblem[]; idCheck: IdNumberCheck | null } {
  const problems: CrossFieldProblem[] = [];
  const type = record.personType;
  const typeName = personTypeName[type] ?? type;
  if (type === personTypes.foreign) {
    requireFor(problems, 'idType', record.idType, typeName);
    requireFor(problems, 'details.foreignSurname', record.details.foreignSurname, typeName);
    requireFor(problems, 'details.nationality', record.details.nationality, typeName);
  } else if (!record.idType) record.idType = residentIdCardType;
  if (type === personTypes.migrant) requireFor(problems, 'details.inflowReason', record.details.inflowReason, typeName);
  if (type === personTypes.unregistered) requireFor(problems, 'details.unregisteredReason', record.details.unregisteredReason, typeName);

  let idCheck: IdNumberCheck | null = null;
  const id = record.idNumber;
  if (!id) problems.push({ key: 'idNumber', reason: '必填', reasonEn: 'Required' });
  else if (record.idType === residentIdCardType || record.idType === '112') {
    idCheck = checkIdNumber(id, options.today);
    const problem = idNumberProblem(id, idCheck, options.idCheck);
    if (problem) problems.push({ key: 'idNumber', ...problem });
    else if (idCheck.valid) {
      const gender = idCheck.gender === 'male' ? '1' : '2';
      if (record.birthDate === null) record.birthDate = idCheck.birthDate!;
      else if (record.birthDate !== idCheck.birthDate)
        problems.push({
          key: 'birthDate',
          reason: `出生日期与公民身份号码不一致（号码中为 ${idCheck.birthDate}）`,
          reasonEn: `Date of birth differs from the ID number (${idCheck.birthDate})`,
        });
      if (record.gender === null) record.gender = gender;
      else if ((record.gender === '1' || record.gender === '2') && record.gender !== gender)
        problems.push({ key: 'gender', reason: `性别与公民身份号码不一致（号码中为${gender === '1' ? '男' : '女'}）`, reasonEn: 'Gender differs from the ID number' });
    }
  } else {
    const problem = otherDocumentProblem(id);
    if (problem) problems.push({ key: 'idNumber', ...problem });
  }

  if (record.birthDate !== null && record.birthDate > isoDay(options.today))
    problems.push({ key: 'birthDate', reason: `出生日期 ${record.birthDate} 晚于今天`, reasonEn: 'Date of birth is in the future' });
  const d = record.details;
  if (d.registeredOn && d.permitExpires && d.permitExpires < d.registeredOn)
    problems.push({ key: 'details.permitExpires', reason: '证件到期日期早于登记日期', reasonEn: 'Permit expires before it was registered' });
  if (d.arrivalDate && d.expectedDeparture && d.expectedDeparture < d.arrivalDate)
    problems.push({ key: 'details.expectedDeparture', reason: '预计离开日期早于抵达日期', reasonEn: 'Expected departure is before arrival' });
  return { problems, idCheck };
}

/**
 * Completes a person (default 证件类型, gender and birth date from a valid ID number) and reports the
 * rules that involve more than one field. Mutates `record`.
 */
export function checkPersonRecord(record: PersonRecord, options: CrossFieldOptions): CrossFieldProblem[] {
  return checkPerson(record, options).problems;
}

export function checkHouseRecord(record: HouseRecord, options: CrossFieldOptions): CrossFieldProblem[] {
  const problems: CrossFieldProblem[] = [];
  if (record.rental && !record.rentalUse) problems.push({ key: 'rentalUse', reason: '出租房屋必填', reasonEn: 'Required for a rented house' });
  if (record.ownerIdNumber) {
    const problem = isGb11643Type(record.ownerIdType)
      ? idNumberProblem(record.ownerIdNumber, checkIdNumber(record.ownerIdNumber, options.today), 'strict')
      : otherDocumentProblem(record.ownerIdNumber);
    if (problem) problems.push({ key: 'ownerIdNumber', ...problem });
  }
  return problems;
}

export function checkOrganisationRecord(record: OrganisationRecord, options: CrossFieldOptions): CrossFieldProblem[] {
  const problems: CrossFieldProblem[] = [];
  if (record.kind === '04' && !record.schoolType) problems.push({ key: 'schoolType', reason: '学校必填', reasonEn: 'Required for a school' });
  const categoryTable: RegisterCodeTableId | null =
    record.kind === '01' || record.kind === '03' ? 'enterpriseType' : record.kind === '02' ? 'socialOrgType' : null;
  if (record.category && categoryTable) {
    const code = resolveCode(categoryTable, record.category);
    if (code === undefined) {
      const table = registerCodeTables[categoryTable];
      problems.push({ key: 'category', reason: `单位类别“${record.category}”不在${table.label.zh}代码表中`, reasonEn: `"${record.category}" is not in the ${table.label.en} table` });
    } else record.category = code;
  }
  // A legal representative's number is checked as a 公民身份号码 when it has that length.
  if (record.legalRepIdNumber) {
    const problem = record.legalRepIdNumber.length === 18 ? idNumberProblem(record.legalRepIdNumber, checkIdNumber(record.legalRepIdNumber, options.today), 'strict') : otherDocumentProblem(record.legalRepIdNumber);
    if (problem) problems.push({ key: 'legalRepIdNumber', ...problem });
  }
  return problems;
}

// ─── the row validator ───────────────────────────────────────────────────────────────────────────

interface Slot {
  index: number;
  column: RegisterColumn;
  read: CellReader;
  set: Setter;
}

type RowCheck = (record: RegisterRecord, options: CrossFieldOptions) => { problems: CrossFieldProblem[]; flags: string[] };

const rowChecks: Record<RegisterKind, RowCheck> = {
  population: (record, options) => {
    const { problems, idCheck } = checkPerson(record as PersonRecord, options);
    return { problems, flags: problems.length > 0 ? [] : personFlags(record as PersonRecord, options.today, idCheck) };
  },
  houses: (record, options) => {
    const problems = checkHouseRecord(record as HouseRecord, options);
    return { problems, flags: problems.length > 0 ? [] : houseFlags(record as HouseRecord) };
  },
  organisations: (record, options) => {
    const problems = checkOrganisationRecord(record as OrganisationRecord, options);
    return { problems, flags: problems.length > 0 ? [] : organisationFlags(record as OrganisationRecord) };
  },
};

const emptyRecords: Record<RegisterKind, () => RegisterRecord> = {
  population: emptyPersonRecord,
  houses: emptyHouseRecord,
  organisations: emptyOrganisationRecord,
};

/** The columns whose bad cell makes the cross-field rules meaningless. */
const typeHeaders = new Set(['人口类型', '单位类型']);

/**
 * Builds the validator of one import: `positions` is mapHeader's result for the file's header row.
 * The returned function reads one data row (cells in file order, already decoded to strings).
 */
export function createRowValidator(
  kind: RegisterKind,
  positions: readonly (RegisterColumn | null)[],
  options: RowValidatorOptions,
): (cells: readonly string[]) => RowResult {
  const slots: Slot[] = [];
  positions.forEach((column, index) => {
    if (column) slots.push({ index, column, read: readerFor(column), set: setterFor(column.key) });
  });
  const present = new Set(slots.map((s) => s.column));
  // Required columns the file lacks are reported on every row (mapHeader already refuses such files).
  const absentRequired = registerColumns[kind].filter((c) => c.required === true && !present.has(c));
  const empty = emptyRecords[kind];
  const check = rowChecks[kind];
  const headers = new Map(registerColumns[kind].map((c) => [c.key, c.header]));
  const cross: CrossFieldOptions = { today: options.today, idCheck: options.idCheck };
  const sink = new Problems();

  return (cells) => {
    const problems: RowProblem[] = [];
    sink.list = problems;
    const record = empty();
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const raw = cells[slot.index];
      const text = raw === undefined ? '' : raw.trim();
      if (text === '') {
        if (slot.column.required === true) problems.push({ column: slot.column.header, reason: '必填', reasonEn: 'Required' });
        continue;
      }
      sink.header = slot.column.header;
      const value = slot.read(text, sink);
      if (value !== invalid) slot.set(record, value);
    }
    for (const c of absentRequired) problems.push({ column: c.header, reason: '必填', reasonEn: 'Required' });
    if (problems.length > 0 && problems.some((p) => typeHeaders.has(p.column))) return { record: null, problems, flags: [] };
    const result = check(record, cross);
    for (let i = 0; i < result.problems.length; i++) {
      const p = result.problems[i]!;
      const column = headers.get(p.key) ?? p.key;
      // One reason per cell is enough: a cell that failed to read is not reported again.
      if (!problems.some((q) => q.column === column)) problems.push({ column, reason: p.reason, reasonEn: p.reasonEn });
    }
    if (problems.length > 0) return { record: null, problems, flags: [] };
    return { record, problems, flags: result.flags };
  };
}
