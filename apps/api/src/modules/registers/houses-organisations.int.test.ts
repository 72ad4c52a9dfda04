import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '@shizhi/domain';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';
import { registerFactory } from './testing.ts';

let p: TestPlatform;
let f: ReturnType<typeof registerFactory>;
let district: TestClient;
let worker: TestClient;
let otherStreet: TestClient;
let leader: TestClient;

const G1 = '150602001001001';
const G2 = '150602001001002';
const village = '150602001001';
const ownerId = makeIdNumber('150602', '1970-01-01', 2);
const ownerIdMasked = `150602********${ownerId.slice(-4)}`;
const ownerPhone = '13600001234';

beforeAll(async () => {
  p = await createTestPlatform();
  f = registerFactory(p);
});
beforeEach(async () => {
  district = await p.login('u150602');
  worker = await p.login('g150602001001001');
  otherStreet = await p.login('u150602002');
  leader = await p.login('leader');
});
afterAll(async () => p.close());

async function created(res: { statusCode: number; body: string; json(): { id: string } }): Promise<string> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('standard addresses (一标)', () => {
  it('builds compound → building → unit → room with codes extending the parent’s, inside the worker’s grid', async () => {
    expect((await p.anonymous.post('/api/registers/addresses', { level: 'compound', name: 'x' })).statusCode).toBe(401);
    const noVillage = await worker.post('/api/registers/addresses', { level: 'compound', name: '幸福家园', gridCode: G1 });
    expect(noVillage.json()).toMatchObject({ code: 'REGISTER.TARGET_INVALID', field: 'villageCode' });
    const otherGrid = await worker.post('/api/registers/addresses', { level: 'compound', name: '幸福家园', villageCode: village, gridCode: G2 });
    expect(otherGrid.json()).toMatchObject({ code: 'REGISTER.TARGET_INVALID', field: 'gridCode' });

    const compound = (await worker.post('/api/registers/addresses', { level: 'compound', name: '幸福家园', villageCode: village, gridCode: G1 })).json();
    expect(compound.code).toMatch(/^150602001001\d{3}$/);
    expect(compound.fullName).toBe('鄂尔多斯市东胜区交通街道吉劳庆社区幸福家园');
    const again = await worker.post('/api/registers/addresses', { level: 'compound', name: '幸福家园', villageCode: village, gridCode: G1 });
    expect(again.json().code).toBe('REGISTER.DUPLICATE');
    const building = (await worker.post('/api/registers/addresses', { level: 'building', name: '3号楼', parentId: compound.id })).json();
    expect(building.code).toBe(`${compound.code}001`);
    const unit = (await worker.post('/api/registers/addresses', { level: 'unit', name: '2单元', parentId: building.id })).json();
    expect(unit.code).toBe(`${building.code}01`);
    const room = (await worker.post('/api/registers/addresses', { level: 'room', name: '201室', parentId: unit.id })).json();
    expect(room).toMatchObject({ code: `${unit.code}0001`, fullName: '鄂尔多斯市东胜区交通街道吉劳庆社区幸福家园3号楼2单元201室' });
    const wrongParent = await worker.post('/api/registers/addresses', { level: 'unit', name: '1单元', parentId: compound.id });
    expect(wrongParent.json()).toMatchObject({ field: 'parentId' });

    const compounds = (await worker.get(`/api/registers/addresses?village=${village}`)).json();
    expect(compounds).toEqual([expect.objectContaining({ id: compound.id, level: 'compound', children: 1 })]);
    const rooms = (await worker.get(`/api/registers/addresses?parent=${unit.id}`)).json();
    expect(rooms.map((r: { name: string }) => r.name)).toEqual(['201室']);
    expect((await worker.get('/api/registers/addresses')).json().field).toBe('village');
    const found = (await worker.get(`/api/registers/addresses/search?q=${encodeURIComponent('幸福家园3号楼')}`)).json();
    expect(found.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([building.id, room.id]));
    expect((await otherStreet.get(`/api/registers/addresses/search?q=${encodeURIComponent('幸福家园')}`)).json()).toEqual([]);
  });
});

describe('houses (实有房屋)', () => {
  let roomId: string;
  beforeAll(async () => {
    roomId = (await f.room(G1, '9号楼1单元101室')).id;
  });

  it('is 401, 403 for a leader, 400 naming the field when registering', async () => {
    const body = { code: 'FW0001', addressId: roomId, rental: true, maxOccupants: 4, actualOccupants: 6, ownerName: '马房东', ownerIdNumber: ownerId, ownerPhone };
    expect((await p.anonymous.post('/api/registers/houses', body)).statusCode).toBe(401);
    expect((await leader.post('/api/registers/houses', body)).statusCode).toBe(403);
    expect((await worker.post('/api/registers/houses', { ...body, houseUse: 'zz' })).json().field).toBe('houseUse');
    expect((await worker.post('/api/registers/houses', { ...body, ownerIdNumber: `${ownerId.slice(0, 17)}${ownerId.endsWith('1') ? '2' : '1'}` })).json().field).toBe('ownerIdNumber');
  });

  it('registers a rented house on a room, lists it masked with its residents, reveals the owner audited', async () => {
    const id = await created(
      await worker.post('/api/registers/houses', { code: 'FW0001', addressId: roomId, houseUse: '01', rental: true, maxOccupants: 4, actualOccupants: 6, ownerName: '马房东', ownerIdNumber: ownerId, ownerPhone }),
    );
    expect((await worker.post('/api/registers/houses', { code: 'FW0001', addressId: roomId })).json()).toMatchObject({ code: 'REGISTER.DUPLICATE', field: 'code' });
    await f.createPerson(G1, { name: '租客甲', houseId: id });
    await f.createPerson(G1, { name: '租客乙', houseId: id, status: 'moved_out' });

    const list = await worker.get('/api/registers/houses?rental=true');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id, code: 'FW0001', rental: true, ownerPhoneMasked: '136****1234', residents: 1, gridName: '吉劳庆社区第一网格', address: expect.stringContaining('9号楼1单元101室') }),
    ]);
    expect(list.body).not.toContain(ownerPhone);
    expect((await worker.get('/api/registers/houses?q=FW0001')).json().total).toBe(1);
    expect((await worker.get(`/api/registers/houses?q=${ownerId}`)).json().total).toBe(1);
    expect((await otherStreet.get('/api/registers/houses')).json().total).toBe(0);
    expect((await worker.get('/api/registers/houses?rental=maybe')).json().field).toBe('rental');

    const page = (await worker.get(`/api/registers/houses/${id}`)).json();
    expect(page.house).toMatchObject({ code: 'FW0001', ownerIdNumberMasked: ownerIdMasked, problems: expect.arrayContaining(['over_occupancy']) });
    expect(page.residents.map((r: { name: string }) => r.name).sort()).toEqual(['租客乙', '租客甲'].sort());
    expect(page.address).toMatchObject({ id: roomId, level: 'room' });
    expect((await otherStreet.get(`/api/registers/houses/${id}`)).statusCode).toBe(404);

    expect((await leader.post(`/api/registers/houses/${id}/personal-data`, { purpose: '核实房东' })).statusCode).toBe(403);
    const owner = await worker.post(`/api/registers/houses/${id}/personal-data`, { purpose: '出租房屋检查联系房东' });
    expect(owner.json()).toEqual({ name: '马房东', idNumber: ownerId, phone: ownerPhone });
    const { rows } = await p.handle.query<{ detail: { purpose: string; of: string } }>(`select detail from audit_log where action = 'house.personal_data_read' and entity_id = $1`, [id]);
    expect(rows[0]!.detail).toMatchObject({ purpose: '出租房屋检查联系房东', of: 'owner' });

    const stale = await worker.request({ method: 'PATCH', url: `/api/registers/houses/${id}`, payload: { version: 2, actualOccupants: 3 } });
    expect(stale.json().code).toBe('REGISTER.STALE');
    const edited = await worker.request({ method: 'PATCH', url: `/api/registers/houses/${id}`, payload: { version: 1, actualOccupants: 3, ownerPhone: '13600009999' } });
    expect(edited.json()).toEqual({ id, version: 2 });
    const history = (await worker.get(`/api/registers/houses/${id}/history`)).json();
    expect(history[0]).toMatchObject({ version: 2, action: 'update', changes: { actualOccupants: { from: 6, to: 3 }, ownerPhone: { changed: true } } });
    const demolished = await worker.post(`/api/registers/houses/${id}/deregister`, { reason: 'other', note: '拆除' });
    expect(demolished.json()).toMatchObject({ version: 3, status: 'deregistered' });
    expect((await worker.get('/api/registers/houses')).json().total).toBe(0);
  });
});

describe('organisations (实有单位)', () => {
  it('registers, finds by name prefix and code, shows its people and reveals the legal representative audited', async () => {
    const body = { code: '91150602MA0N1XYZ2K', name: '东胜区鑫源商贸有限公司', kind: '01', gridCode: G1, legalRepName: '高法人', legalRepIdNumber: ownerId, legalRepPhone: ownerPhone, employees: 12 };
    expect((await p.anonymous.post('/api/registers/organisations', body)).statusCode).toBe(401);
    expect((await worker.post('/api/registers/organisations', { ...body, kind: 'zz' })).json().field).toBe('kind');
    expect((await worker.post('/api/registers/organisations', { ...body, gridCode: G2 })).json().field).toBe('gridCode');
    const id = await created(await worker.post('/api/registers/organisations', body));
    expect((await district.post('/api/registers/organisations', { ...body, gridCode: G2 })).json()).toMatchObject({ code: 'REGISTER.DUPLICATE', field: 'code' });
    await f.createPerson(G1, { name: '员工丙', organisationId: id });

    expect((await worker.get(`/api/registers/organisations?q=${encodeURIComponent('东胜区鑫')}`)).json().items).toEqual([
      expect.objectContaining({ id, name: '东胜区鑫源商贸有限公司', legalRepPhoneMasked: '136****1234', employees: 12 }),
    ]);
    expect((await worker.get(`/api/registers/organisations?q=${body.code.toLowerCase()}`)).json().total).toBe(1);
    expect((await worker.get('/api/registers/organisations?kind=02')).json().total).toBe(0);
    expect((await otherStreet.get(`/api/registers/organisations/${id}`)).statusCode).toBe(404);

    const page = (await district.get(`/api/registers/organisations/${id}`)).json();
    expect(page.organisation).toMatchObject({ code: body.code, legalRepIdNumberMasked: ownerIdMasked, version: 1 });
    expect(page.people.map((x: { name: string }) => x.name)).toEqual(['员工丙']);
    const rep = await district.post(`/api/registers/organisations/${id}/personal-data`, { purpose: '安全检查联系法人' });
    expect(rep.json()).toEqual({ name: '高法人', idNumber: ownerId, phone: ownerPhone });

    const moved = await worker.post(`/api/registers/organisations/${id}/move-out`, { reason: '搬迁', date: '2026-03-01', destination: '康巴什区' });
    expect(moved.json()).toMatchObject({ status: 'moved_out', version: 2 });
    const history = (await worker.get(`/api/registers/organisations/${id}/history`)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['move_out', 'create']);
  });
});
