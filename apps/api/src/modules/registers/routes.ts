import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, errorResponseSchema } from '@shizhi/domain';
import { inScope } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import {
  addressInputSchema,
  addressNodeSchema,
  deregisterSchema,
  historyEntrySchema,
  houseInputSchema,
  houseListQuerySchema,
  housePageResponseSchema,
  housePageSchema,
  housePatchSchema,
  moveOutSchema,
  organisationInputSchema,
  organisationListQuerySchema,
  organisationPageResponseSchema,
  organisationPageSchema,
  organisationPatchSchema,
  personalDataReadSchema,
  personInputSchema,
  personListQuerySchema,
  personPageResponseSchema,
  personPageSchema,
  personPatchSchema,
  reactivateSchema,
  receiptSchema,
} from './contract.ts';
import { registerRegisterExports } from './export.ts';
import { registerImportRoutes } from './import/index.ts';
import {
  addressChildren,
  findHouse,
  findOrganisation,
  findPerson,
  housePage,
  listHouses,
  listOrganisations,
  listPeople,
  organisationPage,
  personPage,
  recordHistory,
  searchAddresses,
} from './queries.ts';
import { changeRecordStatus, type StatusEntity } from './use-cases/change-status.ts';
import { createAddress } from './use-cases/create-address.ts';
import { readRegisterPersonalData } from './use-cases/read-personal-data.ts';
import { createHouse, updateHouse } from './use-cases/save-house.ts';
import { createOrganisation, updateOrganisation } from './use-cases/save-organisation.ts';
import { createPerson, updatePerson } from './use-cases/save-person.ts';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
const idParams = z.object({ id: z.uuid('记录编号格式不正确 (invalid record id)') });
const statusReceipt = receiptSchema.extend({ status: z.string() });
const personalDataSchema = z
  .object({ name: z.string().nullable(), idNumber: z.string().nullable(), phone: z.string().nullable() })
  .meta({ id: 'RegisterPersonalData' });

const collections: { path: string; entity: StatusEntity; zh: string }[] = [
  { path: 'people', entity: 'person', zh: '实有人口' },
  { path: 'houses', entity: 'house', zh: '实有房屋' },
  { path: 'organisations', entity: 'organisation', zh: '实有单位' },
];

/** 一标三实: standard addresses and the registers of people, houses and organisations under /api/registers. */
export function registerRegisterRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const registers = { db: deps.db, clock: deps.clock, cipher: deps.cipher };
  registerRegisterExports(app, deps);
  registerImportRoutes(app, deps);

  // ─── lists and pages ───────────────────────────────────────────────────────────────────────────

  r.get(
    '/api/registers/people',
    {
      schema: {
        tags: ['registers'],
        summary: '实有人口查询 People in my area: exact ID number or mobile, name prefix, address, unit, type, status; ID numbers and phones masked',
        querystring: personListQuerySchema,
        response: { 200: personPageSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      return inScope(deps.db, actor.scopePaths, (tx) => listPeople(tx, actor, deps.cipher, request.query));
    },
  );

  r.get(
    '/api/registers/people/:id',
    {
      schema: {
        tags: ['registers'],
        summary: '人员页 A person (masked) with house, household and members, organisation, and the events and disputes they appear in',
        params: idParams,
        response: { 200: personPageResponseSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      const page = await inScope(deps.db, actor.scopePaths, (tx) => personPage(tx, actor, deps.cipher, request.params.id));
      if (!page) throw new DomainError('REGISTER.NOT_FOUND');
      return page;
    },
  );

  r.get(
    '/api/registers/houses',
    {
      schema: {
        tags: ['registers'],
        summary: '实有房屋查询 Houses in my area: code prefix or owner ID number, address, unit, rental, hazard grade; phones masked',
        querystring: houseListQuerySchema,
        response: { 200: housePageSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      return inScope(deps.db, actor.scopePaths, (tx) => listHouses(tx, actor, deps.cipher, request.query));
    },
  );

  r.get(
    '/api/registers/houses/:id',
    {
      schema: {
        tags: ['registers'],
        summary: '房屋详情 A house (owner masked) with its standard address and residents',
        params: idParams,
        response: { 200: housePageResponseSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      const page = await inScope(deps.db, actor.scopePaths, (tx) => housePage(tx, actor, deps.cipher, request.params.id));
      if (!page) throw new DomainError('REGISTER.NOT_FOUND');
      return page;
    },
  );

  r.get(
    '/api/registers/organisations',
    {
      schema: {
        tags: ['registers'],
        summary: '实有单位查询 Organisations in my area: code, name prefix or legal representative’s ID number, kind, unit, attention level',
        querystring: organisationListQuerySchema,
        response: { 200: organisationPageSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      return inScope(deps.db, actor.scopePaths, (tx) => listOrganisations(tx, actor, deps.cipher, request.query));
    },
  );

  r.get(
    '/api/registers/organisations/:id',
    {
      schema: {
        tags: ['registers'],
        summary: '单位详情 An organisation (legal representative masked) with the people registered as working there',
        params: idParams,
        response: { 200: organisationPageResponseSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      const page = await inScope(deps.db, actor.scopePaths, (tx) => organisationPage(tx, actor, deps.cipher, request.params.id));
      if (!page) throw new DomainError('REGISTER.NOT_FOUND');
      return page;
    },
  );

  // ─── create and edit ───────────────────────────────────────────────────────────────────────────

  r.post(
    '/api/registers/people',
    {
      schema: {
        tags: ['registers'],
        summary: '新增实有人口 Register a person in a grid of mine; 409 REGISTER.DUPLICATE when the ID number is already registered in the county',
        body: personInputSchema,
        response: { 201: receiptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'registers.edit');
      return reply.status(201).send(await createPerson(registers, actor, request.body));
    },
  );

  r.patch(
    '/api/registers/people/:id',
    {
      schema: {
        tags: ['registers'],
        summary: '编辑实有人口 Change the fields sent; `version` is the one the form was loaded with (409 REGISTER.STALE if it moved on)',
        params: idParams,
        body: personPatchSchema,
        response: { 200: receiptSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.edit');
      return updatePerson(registers, actor, request.params.id, request.body);
    },
  );

  r.post(
    '/api/registers/houses',
    {
      schema: {
        tags: ['registers'],
        summary: '新增实有房屋 Register a house on a standard address (户室) in my area; the code is unique in the county',
        body: houseInputSchema,
        response: { 201: receiptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'registers.edit');
      return reply.status(201).send(await createHouse(registers, actor, request.body));
    },
  );

  r.patch(
    '/api/registers/houses/:id',
    {
      schema: { tags: ['registers'], summary: '编辑实有房屋 Change the fields sent (with `version`)', params: idParams, body: housePatchSchema, response: { 200: receiptSchema, ...errors } },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.edit');
      return updateHouse(registers, actor, request.params.id, request.body);
    },
  );

  r.post(
    '/api/registers/organisations',
    {
      schema: {
        tags: ['registers'],
        summary: '新增实有单位 Register an organisation in a grid of mine; the code (统一社会信用代码 or local) is unique in the county',
        body: organisationInputSchema,
        response: { 201: receiptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'registers.edit');
      return reply.status(201).send(await createOrganisation(registers, actor, request.body));
    },
  );

  r.patch(
    '/api/registers/organisations/:id',
    {
      schema: {
        tags: ['registers'],
        summary: '编辑实有单位 Change the fields sent (with `version`)',
        params: idParams,
        body: organisationPatchSchema,
        response: { 200: receiptSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.edit');
      return updateOrganisation(registers, actor, request.params.id, request.body);
    },
  );

  // ─── what every register shares: status, history, whole personal data ─────────────────────────

  for (const { path, entity, zh } of collections) {
    r.post(
      `/api/registers/${path}/:id/move-out`,
      {
        schema: { tags: ['registers'], summary: `迁出 ${zh}: reason, date and destination; the record stays with its history`, params: idParams, body: moveOutSchema, response: { 200: statusReceipt, ...errors } },
      },
      async (request) => {
        const actor = requireCapability(request, 'registers.edit');
        return changeRecordStatus(registers, actor, entity, request.params.id, { action: 'move_out', input: request.body });
      },
    );

    r.post(
      `/api/registers/${path}/:id/deregister`,
      {
        schema: { tags: ['registers'], summary: `注销 ${zh}: reason code and note`, params: idParams, body: deregisterSchema, response: { 200: statusReceipt, ...errors } },
      },
      async (request) => {
        const actor = requireCapability(request, 'registers.edit');
        return changeRecordStatus(registers, actor, entity, request.params.id, { action: 'deregister', input: request.body });
      },
    );

    r.post(
      `/api/registers/${path}/:id/reactivate`,
      {
        schema: { tags: ['registers'], summary: `恢复 ${zh}: back to active (a person only if no other active record holds the ID number)`, params: idParams, body: reactivateSchema, response: { 200: statusReceipt, ...errors } },
      },
      async (request) => {
        const actor = requireCapability(request, 'registers.edit');
        return changeRecordStatus(registers, actor, entity, request.params.id, { action: 'reactivate', input: request.body ?? {} });
      },
    );

    r.get(
      `/api/registers/${path}/:id/history`,
      {
        schema: {
          tags: ['registers'],
          summary: `变更记录 ${zh}: versions newest first (who, when, which fields from → to; ID numbers and phones as changed only), ending with the import that created it`,
          params: idParams,
          response: { 200: z.array(historyEntrySchema), ...errors },
        },
      },
      async (request) => {
        const actor = requireCapability(request, 'registers.view');
        return inScope(deps.db, actor.scopePaths, async (tx) => {
          const id = request.params.id;
          const record = entity === 'person' ? await findPerson(tx, actor, id) : entity === 'house' ? await findHouse(tx, actor, id) : await findOrganisation(tx, actor, id);
          if (!record) throw new DomainError('REGISTER.NOT_FOUND');
          return recordHistory(tx, entity, record);
        });
      },
    );

    const whose = entity === 'person' ? '' : entity === 'house' ? ' (the owner’s)' : ' (the legal representative’s)';
    r.post(
      `/api/registers/${path}/:id/personal-data`,
      {
        schema: {
          tags: ['registers'],
          summary: `查看完整证件号与电话 ${zh}${whose}: grid workers and centre staff in their area, with a purpose; every read is audited`,
          params: idParams,
          body: personalDataReadSchema,
          response: { 200: personalDataSchema, ...errors },
        },
      },
      async (request) => {
        const actor = requireCapability(request, 'registers.personal_data');
        return readRegisterPersonalData(registers, actor, entity, request.params.id, request.body.purpose);
      },
    );
  }

  // ─── 一标 standard addresses ────────────────────────────────────────────────────────────────────

  r.get(
    '/api/registers/addresses',
    {
      schema: {
        tags: ['registers'],
        summary: '标准地址 The next level of the address tree: a village’s compounds, or a compound’s buildings, a building’s units, a unit’s rooms',
        querystring: z
          .object({ parent: z.uuid().optional(), village: z.string().regex(/^\d{12}$/, '村/社区代码为12位').optional() })
          .refine((q) => q.parent || q.village, { message: '请给出 parent 或 village', path: ['village'] }),
        response: { 200: z.array(addressNodeSchema), ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      return inScope(deps.db, actor.scopePaths, (tx) => addressChildren(tx, actor, { parentId: request.query.parent, villageCode: request.query.village }));
    },
  );

  r.get(
    '/api/registers/addresses/search',
    {
      schema: {
        tags: ['registers'],
        summary: '地址搜索 The 20 standard addresses in my area most like the text',
        querystring: z.object({ q: z.string().trim().min(2).max(100) }),
        response: { 200: z.array(addressNodeSchema), ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.view');
      return inScope(deps.db, actor.scopePaths, (tx) => searchAddresses(tx, actor, request.query.q));
    },
  );

  r.post(
    '/api/registers/addresses',
    {
      schema: {
        tags: ['registers'],
        summary: '新增标准地址 A compound under a village, or a building, unit or room under its parent; the code extends the parent’s',
        body: addressInputSchema,
        response: { 201: z.object({ id: z.string(), code: z.string(), fullName: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireCapability(request, 'registers.edit');
      return reply.status(201).send(await createAddress(registers, actor, request.body));
    },
  );
}
