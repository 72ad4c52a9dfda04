import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';
import { registerFactory } from './testing.ts';

let p: TestPlatform;
let f: ReturnType<typeof registerFactory>;
let district: TestClient;
let community: TestClient;
let worker: TestClient;
let otherStreet: TestClient;
let leader: TestClient;

const G1 = '150602001001001'; // 吉劳庆社区第一网格 (the grid worker's)
const G2 = '150602001001002'; // 吉劳庆社区第二网格
const G3 = '150602002001001'; // 育才社区第一网格 (another street)

const ids: Record<string, string> = {};
const idNumbers: Record<string, string> = {};
const phones = { wang: '13911112222', zhao: '13833334444' };

beforeAll(async () => {
  p = await createTestPlatform();
  f = registerFactory(p);
  idNumbers.wang = f.idNumber('1980-03-05');
  idNumbers.li = f.idNumber('1982-07-01', false);
  idNumbers.zhao = f.idNumber('1990-01-20');
  idNumbers.sun = f.idNumber('1975-11-11');
  const hh = await f.createHousehold(G1, 'HH150602000001');
  const home = await f.createHouse(G1, { code: 'F150602001001001', rental: true });
  ids.houseId = home.id;
  ids.householdId = hh;
  ids.wang = await f.createPerson(G1, { name: '王建国', idNumber: idNumbers.wang!, phone: phones.wang, householdId: hh, relationToHead: '02', houseId: home.id, addressId: home.addressId });
  ids.li = await f.createPerson(G1, { name: '李秀英', idNumber: idNumbers.li!, householdId: hh, relationToHead: '10', houseId: home.id });
  ids.zhao = await f.createPerson(G2, { name: '赵志强', idNumber: idNumbers.zhao!, phone: phones.zhao });
  ids.sun = await f.createPerson(G3, { name: '孙丽', idNumber: idNumbers.sun! });
  ids.wangOld = await f.createPerson(G1, { name: '王大海', idNumber: null, status: 'moved_out' });
});
beforeEach(async () => {
  district = await p.login('u150602');
  community = await p.login('u150602001001');
  worker = await p.login('g150602001001001');
  otherStreet = await p.login('u150602002');
  leader = await p.login('leader');
});
afterAll(async () => p.close());

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

describe('GET /api/registers/people', () => {
  it('is 401 without a session and 400 naming a bad filter', async () => {
    expect((await p.anonymous.get('/api/registers/people')).statusCode).toBe(401);
    const res = await district.get('/api/registers/people?pageSize=500');
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('pageSize');
    expect((await district.get('/api/registers/people?personType=zz')).json().field).toBe('personType');
  });

  it('lists the active people in scope sorted by name, masked', async () => {
    const res = await district.get('/api/registers/people');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(names(body)).toEqual(['孙丽', '李秀英', '王建国', '赵志强'].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
    expect(body).toMatchObject({ total: 4, totalCapped: false, page: 1, pageSize: 20 });
    const wang = body.items.find((i: { name: string }) => i.name === '王建国');
    expect(wang).toMatchObject({
      idNumberMasked: `${idNumbers.wang!.slice(0, 6)}********${idNumbers.wang!.slice(-4)}`,
      phoneMasked: '139****2222',
      gridName: '吉劳庆社区第一网格',
      villageName: '吉劳庆社区',
      householdNumber: 'HH150602000001',
      relationToHead: '02',
      status: 'active',
    });
    expect(wang.residenceAddress).toContain('东胜区测试小区');
    for (const n of Object.values(idNumbers)) expect(res.body).not.toContain(n);
    expect(res.body).not.toContain(phones.wang);
    const all = (await district.get('/api/registers/people?status=all')).json();
    expect(names(all)).toContain('王大海');
  });

  it('shows a grid worker only their grid', async () => {
    expect(names((await worker.get('/api/registers/people')).json()).sort()).toEqual(['李秀英', '王建国'].sort());
    expect((await worker.get(`/api/registers/people/${ids.zhao}`)).statusCode).toBe(404);
    const byId = await worker.get(`/api/registers/people?q=${idNumbers.zhao}`);
    expect(byId.json()).toMatchObject({ items: [], total: 0 });
    expect((await worker.get(`/api/registers/people?unit=150602001001`)).json().code).toBe('ORG.NOT_FOUND');
    expect(names((await otherStreet.get('/api/registers/people')).json())).toEqual(['孙丽']);
  });

  it('finds by exact ID number, phone, name prefix, unit and address', async () => {
    expect(names((await district.get(`/api/registers/people?q=${idNumbers.zhao}`)).json())).toEqual(['赵志强']);
    expect(names((await district.get(`/api/registers/people?q=${idNumbers.zhao!.toLowerCase()}`)).json())).toEqual(['赵志强']);
    expect(names((await district.get(`/api/registers/people?idNumber=${idNumbers.sun}`)).json())).toEqual(['孙丽']);
    expect(names((await district.get(`/api/registers/people?q=${phones.wang}`)).json())).toEqual(['王建国']);
    expect(names((await district.get(`/api/registers/people?q=${encodeURIComponent('王')}`)).json())).toEqual(['王建国']);
    expect(names((await district.get(`/api/registers/people?q=${encodeURIComponent('王')}&status=all`)).json()).sort()).toEqual(['王大海', '王建国'].sort());
    expect(names((await district.get(`/api/registers/people?q=${encodeURIComponent('%')}`)).json())).toEqual([]);
    expect(names((await district.get(`/api/registers/people?unit=${G2}`)).json())).toEqual(['赵志强']);
    expect(names((await district.get(`/api/registers/people?unit=150602002`)).json())).toEqual(['孙丽']);
    expect(names((await district.get(`/api/registers/people?address=${encodeURIComponent('测试小区')}`)).json())).toEqual(['王建国']);
    const paged = (await district.get('/api/registers/people?pageSize=1&page=2')).json();
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
  });

  it('keeps ID numbers and phones out of the database in clear', async () => {
    const { rows } = await p.handle.query<{ id_enc: string; phone_enc: string | null; id_bidx: string }>(
      `select encode(id_enc, 'escape') as id_enc, encode(phone_enc, 'escape') as phone_enc, encode(id_bidx, 'hex') as id_bidx from person where id = $1`,
      [ids.wang],
    );
    expect(rows[0]!.id_enc).not.toContain(idNumbers.wang!.slice(6, 14));
    expect(rows[0]!.phone_enc).not.toContain(phones.wang.slice(3));
    expect(rows[0]!.id_bidx).toHaveLength(32);
  });
});

describe('GET /api/registers/people/:id (人员页)', () => {
  it('is 401, 404 out of scope and 400 on a bad id', async () => {
    expect((await p.anonymous.get(`/api/registers/people/${ids.wang}`)).statusCode).toBe(401);
    expect((await otherStreet.get(`/api/registers/people/${ids.wang}`)).statusCode).toBe(404);
    const bad = await district.get('/api/registers/people/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('id');
  });

  it('shows house, household members, events reported from their phone and disputes naming their ID number', async () => {
    const report = await worker.post('/api/events', {
      categoryCode: '0502',
      description: '楼道堆放杂物堵塞消防通道',
      location: { orgCode: G1 },
      reporter: { name: '王建国', phone: phones.wang },
    });
    expect(report.statusCode, report.body).toBe(201);
    const dispute = await community.post('/api/disputes', {
      title: '邻里噪音纠纷',
      typeCode: 'neighbour',
      occurredOn: '2026-02-27',
      placeCode: '150602001001',
      summary: '楼上装修噪音影响休息，双方争执',
      peopleInvolved: 2,
      parties: [
        { role: 'applicant', name: '赵志强', phone: '13800000001' },
        { role: 'respondent', name: '王建国', idNumber: idNumbers.wang },
      ],
    });
    expect(dispute.statusCode, dispute.body).toBe(201);

    const res = await community.get(`/api/registers/people/${ids.wang}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.person).toMatchObject({ id: ids.wang, name: '王建国', idNumberMasked: expect.stringContaining('********'), phoneMasked: '139****2222', gridName: '吉劳庆社区第一网格', version: 1 });
    expect(page.house).toMatchObject({ id: ids.houseId, code: 'F150602001001001', rental: true });
    expect(page.household.number).toBe('HH150602000001');
    expect(page.household.members.map((m: { name: string }) => m.name)).toEqual(['王建国', '李秀英']);
    expect(page.events).toEqual([expect.objectContaining({ id: report.json().id, role: 'reporter' })]);
    expect(page.disputes).toEqual([expect.objectContaining({ id: dispute.json().id, role: 'respondent', title: '邻里噪音纠纷' })]);
    expect(page).toMatchObject({ canReveal: true, canEdit: true });
    expect(res.body).not.toContain(phones.wang);
    expect(res.body).not.toContain(idNumbers.wang);

    const asLeader = (await leader.get(`/api/registers/people/${ids.wang}`)).json();
    expect(asLeader).toMatchObject({ canReveal: false, canEdit: false });
  });
});

describe('POST /api/registers/people/:id/personal-data', () => {
  it('is 401, 403 without the capability, 404 out of scope and 400 without a purpose', async () => {
    expect((await p.anonymous.post(`/api/registers/people/${ids.wang}/personal-data`, { purpose: '入户走访核实' })).statusCode).toBe(401);
    expect((await leader.post(`/api/registers/people/${ids.wang}/personal-data`, { purpose: '入户走访核实' })).statusCode).toBe(403);
    expect((await worker.post(`/api/registers/people/${ids.zhao}/personal-data`, { purpose: '入户走访核实' })).statusCode).toBe(404);
    const noPurpose = await worker.post(`/api/registers/people/${ids.wang}/personal-data`, {});
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().field).toBe('purpose');
  });

  it('gives the whole values to the grid worker and audits the read with its purpose', async () => {
    const res = await worker.post(`/api/registers/people/${ids.wang}/personal-data`, { purpose: '入户走访核实' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ name: '王建国', idNumber: idNumbers.wang, phone: phones.wang });
    const { rows } = await p.handle.query<{ actor_name: string; detail: { purpose: string; fields: string[] } }>(
      `select actor_name, detail from audit_log where action = 'person.personal_data_read' and entity_id = $1`,
      [ids.wang],
    );
    expect(rows).toEqual([{ actor_name: 'g150602001001001', detail: { purpose: '入户走访核实', fields: ['idNumber', 'phone'] } }]);
  });
});

describe('GET /api/registers/people/:id/history', () => {
  it('is 401 and 404 out of scope; an imported record ends with its import', async () => {
    expect((await p.anonymous.get(`/api/registers/people/${ids.wang}/history`)).statusCode).toBe(401);
    expect((await otherStreet.get(`/api/registers/people/${ids.wang}/history`)).statusCode).toBe(404);
    const importId = '0190f5a0-0000-7000-8000-000000000001';
    await p.handle.query(
      `insert into register_import (id, kind, file_name, mode, status, actor_name, org_path, county_code, started_at, finished_at)
       values ($1, 'population', '人口.xlsx', 'good_rows', 'done', '导入员', '15.1506.150602', '150602', now(), now())`,
      [importId],
    );
    const imported = await f.createPerson(G1, { name: '钱多多', importId, importRow: 7 });
    const history = (await district.get(`/api/registers/people/${imported}/history`)).json();
    expect(history).toEqual([expect.objectContaining({ version: 1, action: 'import', importId, importRow: 7, fileName: '人口.xlsx', actorName: '导入员' })]);
  });
});
