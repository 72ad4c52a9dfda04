import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import ExcelJS from 'exceljs';
import { and, asc, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { codeLabel, DomainError, hasCapability, maskIdNumber, maskPhone, type RegisterCodeTableId } from '@shizhi/domain';
import { appendAudit } from '../../platform/audit/write.ts';
import type { Executor } from '../../platform/db/client.ts';
import { inScope, type Actor } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import type { PersonalDataCipher, PersonalKind } from '../../platform/personal-data.ts';
import type { z } from 'zod';
import {
  exportQueryExtra,
  houseListQuerySchema,
  organisationListQuerySchema,
  personListQuerySchema,
  type HouseListQuery,
  type OrganisationListQuery,
  type PersonListQuery,
} from './contract.ts';
import { mayRevealPersonalData } from './policies.ts';
import { houseConditions, organisationConditions, personConditions, unitNames } from './queries.ts';
import { address, house, household, organisation, person } from './schema.ts';

/** One file is at most this many rows: beyond it the user narrows the filter (a street, a community). */
export const exportRowCap = 200_000;
const pageRows = 2_000;

const statusNames: Record<string, string> = { active: '在册', moved_out: '已迁出', deregistered: '已注销' };
const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');
const label = (table: RegisterCodeTableId, code: string | null) => (code ? codeLabel(table, code) : '');

/** Cell text of a sealed value: whole when the export may reveal it, else masked. */
function personalCell(cipher: PersonalDataCipher, kind: PersonalKind, enc: Buffer | null, bidx: Buffer | null, whole: boolean): string {
  const clear = cipher.openOrNull(kind, enc, bidx);
  if (clear === null) return '';
  if (whole) return clear;
  return kind === 'id' ? maskIdNumber(clear) : maskPhone(clear);
}

interface PageContext {
  tx: Executor;
  cipher: PersonalDataCipher;
  /** Whether this row's personal values go out whole. */
  whole: (orgPath: string) => boolean;
}

type ExportFilter = Omit<PersonListQuery, 'page' | 'pageSize'> | Omit<HouseListQuery, 'page' | 'pageSize'> | Omit<OrganisationListQuery, 'page' | 'pageSize'>;

interface ExportSpec<R extends { id: string; orgPath: string }> {
  path: string;
  sheet: string;
  file: string;
  /** The list's filters (no paging) plus whole/purpose. */
  querySchema: z.ZodType;
  table: typeof person | typeof house | typeof organisation;
  // Method syntax: each register's own filter type is accepted where the union is declared.
  conditions(tx: Executor, actor: Actor, cipher: PersonalDataCipher, query: ExportFilter): Promise<SQL>;
  select: (tx: Executor, where: SQL) => Promise<R[]>;
  headers: string[];
  widths?: Record<number, number>;
  rows: (ctx: PageContext, page: R[]) => Promise<(string | number | null)[][]>;
}

const exportQuery = <T extends z.ZodObject>(list: T) => list.omit({ page: true, pageSize: true }).extend(exportQueryExtra);

async function addressesOf(tx: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((i): i is string => i !== null))];
  if (!list.length) return new Map();
  const rows = await tx.select({ id: address.id, fullName: address.fullName }).from(address).where(inArray(address.id, list));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

const peopleSpec: ExportSpec<Awaited<ReturnType<typeof selectPeopleForExport>>[number]> = {
  path: 'people',
  sheet: '实有人口',
  file: '实有人口',
  querySchema: exportQuery(personListQuerySchema),
  table: person,
  conditions: personConditions,
  select: (tx, where) => selectPeopleForExport(tx, where),
  headers: [
    '姓名', '性别', '出生日期', '民族', '人口类型', '证件类型', '证件号码', '联系电话', '户籍地', '户籍地详址',
    '现住地址', '社区', '网格', '户号', '与户主关系', '婚姻状况', '政治面貌', '文化程度', '职业', '服务处所', '状态', '状态说明', '待完善项',
  ],
  widths: { 7: 22, 8: 15, 11: 40, 10: 30 },
  async rows({ tx, cipher, whole }, page) {
    const householdIds = [...new Set(page.flatMap((p) => (p.householdId ? [p.householdId] : [])))];
    const [names, addresses, households] = await Promise.all([
      unitNames(tx, page.flatMap((p) => [p.gridCode, p.villageCode])),
      addressesOf(tx, page.map((p) => p.addressId)),
      householdIds.length ? tx.select({ id: household.id, number: household.number }).from(household).where(inArray(household.id, householdIds)) : [],
    ]);
    const numbers = new Map(households.map((h) => [h.id, h.number]));
    return page.map((p) => {
      const w = whole(p.orgPath);
      return [
        p.name,
        label('gender', p.gender),
        p.birthDate,
        label('ethnicity', p.ethnicity),
        label('personType', p.personType),
        label('idType', p.idType),
        personalCell(cipher, 'id', p.idEnc, p.idBidx, w),
        personalCell(cipher, 'phone', p.phoneEnc, p.phoneBidx, w),
        p.registeredDivision,
        p.registeredAddress,
        (p.addressId ? addresses.get(p.addressId) : undefined) ?? p.residenceAddress,
        names.get(p.villageCode) ?? p.villageCode,
        names.get(p.gridCode) ?? p.gridCode,
        p.householdId ? (numbers.get(p.householdId) ?? '') : '',
        label('relationToHead', p.relationToHead),
        label('maritalStatus', p.maritalStatus),
        label('politicalStatus', p.politicalStatus),
        label('education', p.education),
        p.occupation,
        p.workplace,
        statusNames[p.status] ?? p.status,
        p.statusReason,
        p.problems.join('；'),
      ];
    });
  },
};

function selectPeopleForExport(tx: Executor, where: SQL) {
  return tx
    .select({
      id: person.id,
      orgPath: person.orgPath,
      name: person.name,
      gender: person.gender,
      birthDate: person.birthDate,
      ethnicity: person.ethnicity,
      personType: person.personType,
      idType: person.idType,
      idEnc: person.idEnc,
      idBidx: person.idBidx,
      phoneEnc: person.phoneEnc,
      phoneBidx: person.phoneBidx,
      registeredDivision: person.registeredDivision,
      registeredAddress: person.registeredAddress,
      addressId: person.addressId,
      residenceAddress: person.residenceAddress,
      villageCode: person.villageCode,
      gridCode: person.gridCode,
      householdId: person.householdId,
      relationToHead: person.relationToHead,
      maritalStatus: person.maritalStatus,
      politicalStatus: person.politicalStatus,
      education: person.education,
      occupation: person.occupation,
      workplace: person.workplace,
      status: person.status,
      statusReason: person.statusReason,
      problems: person.problems,
    })
    .from(person)
    .where(where)
    .orderBy(asc(person.id))
    .limit(pageRows);
}

function selectHousesForExport(tx: Executor, where: SQL) {
  return tx.select().from(house).where(where).orderBy(asc(house.id)).limit(pageRows);
}

const housesSpec: ExportSpec<Awaited<ReturnType<typeof selectHousesForExport>>[number]> = {
  path: 'houses',
  sheet: '实有房屋',
  file: '实有房屋',
  querySchema: exportQuery(houseListQuerySchema),
  table: house,
  conditions: houseConditions,
  select: selectHousesForExport,
  headers: [
    '房屋编号', '地址', '社区', '网格', '建筑用途', '房屋用途', '建筑面积(㎡)', '产权性质', '房主姓名', '房主证件号码', '房主联系电话',
    '是否出租', '出租用途', '出租人类型', '限住人数', '实住人数', '签订治安责任保证书', '隐患等级', '隐患类型', '状态', '待完善项',
  ],
  widths: { 1: 40, 9: 22 },
  async rows({ tx, cipher, whole }, page) {
    const [names, addresses] = await Promise.all([unitNames(tx, page.flatMap((h) => [h.gridCode, h.villageCode])), addressesOf(tx, page.map((h) => h.addressId))]);
    return page.map((h) => {
      const w = whole(h.orgPath);
      return [
        h.code,
        addresses.get(h.addressId) ?? '',
        names.get(h.villageCode) ?? h.villageCode,
        names.get(h.gridCode) ?? h.gridCode,
        label('buildingUse', h.buildingUse),
        label('houseUse', h.houseUse),
        h.area === null ? null : Number(h.area),
        label('propertyType', h.propertyType),
        h.ownerName,
        personalCell(cipher, 'id', h.ownerIdEnc, h.ownerIdBidx, w),
        personalCell(cipher, 'phone', h.ownerPhoneEnc, h.ownerPhoneBidx, w),
        yesNo(h.rental),
        label('rentalUse', h.rentalUse),
        label('landlordType', h.landlordType),
        h.maxOccupants,
        h.actualOccupants,
        yesNo(h.pledgeSigned),
        label('hazardGrade', h.hazardGrade),
        label('hazardType', h.hazardType),
        statusNames[h.status] ?? h.status,
        h.problems.join('；'),
      ];
    });
  },
};

function selectOrganisationsForExport(tx: Executor, where: SQL) {
  return tx.select().from(organisation).where(where).orderBy(asc(organisation.id)).limit(pageRows);
}

const organisationsSpec: ExportSpec<Awaited<ReturnType<typeof selectOrganisationsForExport>>[number]> = {
  path: 'organisations',
  sheet: '实有单位',
  file: '实有单位',
  querySchema: exportQuery(organisationListQuerySchema),
  table: organisation,
  conditions: organisationConditions,
  select: selectOrganisationsForExport,
  headers: [
    '单位编码', '单位名称', '单位类型', '类别', '地址', '社区', '网格', '法定代表人', '法定代表人证件号码', '法定代表人联系电话', '治保负责人',
    '从业人数', '是否危化企业', '隐患类型', '关注程度', '是否有党组织', '办学类型', '学生数', '教职工数', '安保人员数', '校长', '状态', '待完善项',
  ],
  widths: { 0: 22, 1: 30, 4: 40, 8: 22 },
  async rows({ tx, cipher, whole }, page) {
    const [names, addresses] = await Promise.all([unitNames(tx, page.flatMap((o) => [o.gridCode, o.villageCode])), addressesOf(tx, page.map((o) => o.addressId))]);
    return page.map((o) => {
      const w = whole(o.orgPath);
      const categoryTable: RegisterCodeTableId | null = o.kind === '01' ? 'enterpriseType' : o.kind === '02' ? 'socialOrgType' : null;
      return [
        o.code,
        o.name,
        label('organisationKind', o.kind),
        categoryTable ? label(categoryTable, o.category) : (o.category ?? ''),
        (o.addressId ? addresses.get(o.addressId) : undefined) ?? o.address,
        names.get(o.villageCode) ?? o.villageCode,
        names.get(o.gridCode) ?? o.gridCode,
        o.legalRepName,
        personalCell(cipher, 'id', o.legalRepIdEnc, o.legalRepIdBidx, w),
        personalCell(cipher, 'phone', o.legalRepPhoneEnc, o.legalRepPhoneBidx, w),
        o.securityHeadName,
        o.employees,
        yesNo(o.hazardousChemicals),
        label('hazardType', o.hazardType),
        label('attentionLevel', o.attentionLevel),
        yesNo(o.partyOrg),
        label('schoolType', o.schoolType),
        o.students,
        o.staff,
        o.securityStaff,
        o.principalName,
        statusNames[o.status] ?? o.status,
        o.problems.join('；'),
      ];
    });
  },
};

function attachment(name: string): string {
  return `attachment; filename="registers.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET /api/registers/{people,houses,organisations}/export.xlsx`: what the list shows with the same
 * filters, streamed row by row (exceljs's streaming writer, no shared strings) so a 200,000-row file
 * never sits in memory. Masked unless `whole=1` by a role with registers.personal_data, with a
 * purpose; either way one audit row names the filter and the row count.
 */
function registerExport<R extends { id: string; orgPath: string }>(app: FastifyInstance, deps: AppDeps, spec: ExportSpec<R>): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    `/api/registers/${spec.path}/export.xlsx`,
    {
      schema: {
        tags: ['registers'],
        summary: `导出 Excel ${spec.sheet}: the list's filters; masked unless whole=1 (registers.personal_data, with purpose); at most ${exportRowCap.toLocaleString('en')} rows; audited`,
        querystring: spec.querySchema,
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'registers.view');
      const { whole: wholeFlag, purpose, ...filter } = request.query as ExportFilter & { whole: '0' | '1'; purpose?: string };
      const whole = wholeFlag === '1';
      if (whole && !hasCapability(actor.roles, 'registers.personal_data')) throw new DomainError('AUTH.FORBIDDEN', { detail: '导出完整证件号码需要查看个人信息的权限' });
      if (whole && !purpose) throw new DomainError('VALIDATION.INVALID', { field: 'purpose', detail: '导出完整证件号码须说明用途' });
      const { where, rows } = await inScope(deps.db, actor.scopePaths, async (tx) => {
        const condition = await spec.conditions(tx, actor, deps.cipher, filter);
        const capped = tx.select({ one: sql`1` }).from(spec.table).where(condition).limit(exportRowCap + 1);
        const [counted] = await tx.select({ n: sql<number>`count(*)::int` }).from(capped.as('capped'));
        const n = counted?.n ?? 0;
        if (n > exportRowCap) throw new DomainError('REGISTER.EXPORT_TOO_LARGE', { field: 'unit' });
        await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
          {
            action: whole ? 'registers.export_whole' : 'registers.export',
            entityType: 'register_export',
            entityId: spec.path,
            orgPath: actor.scopePaths[0] ?? null,
            detail: { kind: spec.path, filter, rows: n, ...(whole ? { purpose } : {}) },
          },
        ]);
        return { where: condition, rows: n };
      });

      const stream = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
      workbook.creator = 'shizhi 市治';
      const sheet = workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = spec.headers.map((header, i) => ({ header, width: spec.widths?.[i] ?? Math.max(10, header.length * 2 + 2) }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      const revealIn = (orgPath: string) => whole && mayRevealPersonalData(actor, orgPath);

      void (async () => {
        let last: string | null = null;
        for (;;) {
          const page = await inScope(deps.db, actor.scopePaths, async (tx) => {
            const rows = await spec.select(tx, last ? and(where, gt(spec.table.id, last))! : where);
            return { rows, cells: await spec.rows({ tx, cipher: deps.cipher, whole: revealIn }, rows) };
          });
          for (const cells of page.cells) sheet.addRow(cells).commit();
          if (page.rows.length < pageRows) break;
          last = page.rows.at(-1)!.id;
          // Let the response drain before reading the next page.
          if (stream.writableNeedDrain) await new Promise((resolve) => stream.once('drain', resolve));
        }
        sheet.commit();
        await workbook.commit();
      })().catch((error: unknown) => {
        request.log.error({ err: error }, 'register export failed');
        stream.destroy(error as Error);
      });

      const name = `${spec.file}${whole ? '（完整）' : ''}-${deps.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('cache-control', 'no-store')
        .header('x-row-count', String(rows))
        .header('content-disposition', attachment(name))
        .send(stream);
    },
  );
}

export function registerRegisterExports(app: FastifyInstance, deps: AppDeps): void {
  registerExport(app, deps, peopleSpec);
  registerExport(app, deps, housesSpec);
  registerExport(app, deps, organisationsSpec);
}
