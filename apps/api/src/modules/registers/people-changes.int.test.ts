import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

const newPerson = (extra: object = {}) => ({
  personType: '01',
  name: '周小川',
  ethnicity: '01',
  idNumber: f.idNumber('1988-08-08'),
  phone: '13700001111',
  registeredDivision: '150602',
  residenceAddress: '东胜区吉劳庆社区幸福小区1号楼101',
  gridCode: G1,
  householdNumber: 'HH-NEW-0001',
  relationToHead: '02',
  ...extra,
});

async function create(c: TestClient, body: object): Promise<string> {
  const res = await c.post('/api/registers/people', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function audit(entityId: string) {
  const { rows } = await p.handle.query<{ action: string; detail: Record<string, unknown> }>(
    `select action, detail from audit_log where entity_id = $1 order by id`,
    [entityId],
  );
  return rows;
}

describe('POST /api/registers/people', () => {
  it('is 401 without a session, 403 for a role without registers.edit and 400 naming the field', async () => {
    expect((await p.anonymous.post('/api/registers/people', newPerson())).statusCode).toBe(401);
    expect((await leader.post('/api/registers/people', newPerson())).statusCode).toBe(403);
    const cases: [object, string][] = [
      [{ name: '' }, 'name'],
      [{ gender: '7' }, 'gender'],
      [{ idNumber: '150602198808080000' }, 'idNumber'],
      [{ gridCode: '1506' }, 'gridCode'],
      [{ birthDate: '1988/08/08' }, 'birthDate'],
    ];
    for (const [extra, field] of cases) {
      const res = await worker.post('/api/registers/people', newPerson(extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().field).toBe(field);
    }
  });

  it('lets a grid worker register only in their own grid', async () => {
    const res = await worker.post('/api/registers/people', newPerson({ gridCode: G2 }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REGISTER.TARGET_INVALID', field: 'gridCode' });
  });

  it('registers a person with a new household, sealed, with history and audit', async () => {
    const body = newPerson();
    const id = await create(worker, body);
    const page = (await worker.get(`/api/registers/people/${id}`)).json();
    expect(page.person).toMatchObject({ name: '周小川', birthDate: '1988-08-08', gender: '1', idValid: true, version: 1, villageCode: '150602001001' });
    expect(page.household).toMatchObject({ number: 'HH-NEW-0001', kind: '1', members: [expect.objectContaining({ id, relationToHead: '02' })] });
    const { rows } = await p.handle.query<{ id_enc: string; phone_enc: string; org_path: string; problems: string[] }>(
      `select encode(id_enc, 'escape') as id_enc, encode(phone_enc, 'escape') as phone_enc, org_path::text, problems from person where id = $1`,
      [id],
    );
    expect(rows[0]!.id_enc).not.toContain(body.idNumber.slice(6, 14));
    expect(rows[0]!.phone_enc).not.toContain('00001111');
    expect(rows[0]!.org_path.endsWith(G1)).toBe(true);
    // Gender and birth date come from the ID number; the quality flags are computed on the way in.
    expect(rows[0]!.problems).not.toContain('missing:gender');
    expect(rows[0]!.problems).not.toContain('missing:phone');
    const history = (await worker.get(`/api/registers/people/${id}/history`)).json();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ version: 1, action: 'create', actorName: expect.any(String) });
    expect(history[0].changes.idNumber).toEqual({ changed: true });
    expect(history[0].changes.name).toEqual({ from: null, to: '周小川' });
    expect(JSON.stringify(history)).not.toContain(body.idNumber);
    expect(JSON.stringify(history)).not.toContain(body.phone);
    expect(await audit(id)).toEqual([{ action: 'person.create', detail: expect.objectContaining({ version: 1, fields: expect.arrayContaining(['name', 'idNumber']) }) }]);

    // A second member joins the same household by its number.
    const child = await create(worker, newPerson({ name: '周小小', idNumber: f.idNumber('2015-02-02', false), phone: null, relationToHead: '20' }));
    const members = (await worker.get(`/api/registers/people/${child}`)).json().household.members;
    expect(members.map((m: { name: string }) => m.name).sort()).toEqual(['周小川', '周小小'].sort());
  });

  it('refuses an ID number already registered and active in the county, naming the record, even from another grid', async () => {
    const idNumber = f.idNumber('1970-01-01');
    const existing = await f.createPerson(G2, { name: '吴已登', idNumber });
    const res = await worker.post('/api/registers/people', newPerson({ name: '吴重复', idNumber, householdNumber: null }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'REGISTER.DUPLICATE', field: 'idNumber' });
    expect(res.json().message).toContain(existing);
    // A moved-out record with the number does not block a new registration.
    const movedOut = f.idNumber('1971-01-01');
    await f.createPerson(G2, { name: '郑已迁', idNumber: movedOut, status: 'moved_out' });
    await create(worker, newPerson({ name: '郑回来', idNumber: movedOut, householdNumber: null }));
  });
});

describe('PATCH /api/registers/people/:id', () => {
  it('is 401, 404 out of scope, 400 naming the field and 409 on a stale version', async () => {
    const id = await create(worker, newPerson({ name: '冯改', idNumber: f.idNumber('1979-09-09'), householdNumber: null }));
    expect((await p.anonymous.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 1, name: '冯' } })).statusCode).toBe(401);
    expect((await otherStreet.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 1, name: '冯' } })).statusCode).toBe(404);
    const bad = await worker.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 1, ethnicity: '99x' } });
    expect(bad.json().field).toBe('ethnicity');
    const noVersion = await worker.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { name: '冯' } });
    expect(noVersion.json().field).toBe('version');
    const first = await worker.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 1, name: '冯新' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ id, version: 2 });
    const stale = await worker.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 1, name: '冯旧' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'REGISTER.STALE', field: 'version' });
  });

  it('records what changed, personal fields as changed only, then move-out, deregister and reactivate', async () => {
    const id = await create(worker, newPerson({ name: '陈变', idNumber: f.idNumber('1966-06-06'), householdNumber: null }));
    const edit = await worker.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 1, phone: '13700002222', education: '21', occupation: '个体' } });
    expect(edit.statusCode, edit.body).toBe(200);
    const unchanged = await worker.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 2, occupation: '个体' } });
    expect(unchanged.json()).toEqual({ id, version: 2 });

    expect((await worker.post(`/api/registers/people/${id}/move-out`, { reason: '务工', date: '2026-13-01' })).json().field).toBe('date');
    const moved = await worker.post(`/api/registers/people/${id}/move-out`, { version: 2, reason: '外出务工', date: '2026-02-20', destination: '包头市昆都仑区' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toEqual({ id, version: 3, status: 'moved_out' });
    expect((await worker.post(`/api/registers/people/${id}/move-out`, { reason: '再迁', date: '2026-02-21' })).json().code).toBe('REGISTER.NOT_IN_STATE');
    const back = await worker.post(`/api/registers/people/${id}/reactivate`, { note: '返乡' });
    expect(back.json()).toMatchObject({ version: 4, status: 'active' });
    const gone = await worker.post(`/api/registers/people/${id}/deregister`, { reason: 'death', note: '病故' });
    expect(gone.json()).toMatchObject({ version: 5, status: 'deregistered' });
    expect((await worker.post(`/api/registers/people/${id}/deregister`, { reason: 'nope' })).json().field).toBe('reason');

    const history = (await worker.get(`/api/registers/people/${id}/history`)).json();
    expect(history.map((h: { version: number; action: string }) => `${h.version}:${h.action}`)).toEqual(['5:deregister', '4:reactivate', '3:move_out', '2:update', '1:create']);
    expect(history[3].changes).toEqual({ phone: { changed: true }, education: { from: null, to: '21' }, occupation: { from: null, to: '个体' } });
    expect(history[2].changes.status).toEqual({ from: 'active', to: 'moved_out' });
    expect(history[2].changes.statusReason.to).toBe('外出务工；迁往 包头市昆都仑区');
    expect(history[0].changes.statusReason.to).toBe('死亡：病故');
    expect((await audit(id)).map((a) => a.action)).toEqual(['person.create', 'person.update', 'person.move_out', 'person.reactivate', 'person.deregister']);
    const page = (await worker.get(`/api/registers/people/${id}`)).json();
    expect(page.person).toMatchObject({ status: 'deregistered', version: 5, phoneMasked: '137****2222' });
  });

  it('refuses reactivating someone whose ID number another active record now holds', async () => {
    const idNumber = f.idNumber('1955-05-05');
    const old = await f.createPerson(G1, { name: '黄旧', idNumber, status: 'moved_out' });
    await create(worker, newPerson({ name: '黄新', idNumber, householdNumber: null }));
    const res = await worker.post(`/api/registers/people/${old}/reactivate`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('REGISTER.DUPLICATE');
  });

  it('lets a district centre move a person to another grid but not a grid worker', async () => {
    const id = await create(district, newPerson({ name: '何搬', idNumber: f.idNumber('1992-02-29'), householdNumber: null }));
    const denied = await worker.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 1, gridCode: G2 } });
    expect(denied.json()).toMatchObject({ code: 'REGISTER.TARGET_INVALID', field: 'gridCode' });
    const moved = await district.request({ method: 'PATCH', url: `/api/registers/people/${id}`, payload: { version: 1, gridCode: G2 } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await worker.get(`/api/registers/people/${id}`)).statusCode).toBe(404);
  });
});
