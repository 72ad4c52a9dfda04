import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { registerFactory } from './testing.ts';

let p: TestPlatform;
let grid1: { code: string; households: number; village: string };
let grid2: { code: string; households: number; village: string };
const ids: Record<string, string> = {};

/**
 * A small hand-counted fixture in two grids of different communities:
 * grid 1 — household A (head + spouse, active), household B (its only member moved out), a person
 * missing a phone, one with a legacy ID number failing the checksum, and one registered again in grid 2.
 */
beforeAll(async () => {
  p = await createTestPlatform();
  const grids = (
    await p.handle.query<{ code: string; households: number; parent_code: string }>(`select code, households, parent_code from org_unit where level = 'grid' order by code`)
  ).rows;
  const first = grids[0]!;
  const other = grids.find((g) => g.parent_code !== first.parent_code)!;
  grid1 = { code: first.code, households: first.households, village: first.parent_code };
  grid2 = { code: other.code, households: other.households, village: other.parent_code };
  const f = registerFactory(p);
  const houseA = await f.createHouse(grid1.code);
  const a = await f.createHousehold(grid1.code, 'T0001');
  const b = await f.createHousehold(grid1.code, 'T0002');
  ids.head = await f.createPerson(grid1.code, { name: '户主甲', phone: '13900000001', householdId: a, relationToHead: '02', houseId: houseA.id });
  ids.spouse = await f.createPerson(grid1.code, { name: '配偶乙', phone: '13900000002', householdId: a, relationToHead: '12', houseId: houseA.id });
  ids.movedOut = await f.createPerson(grid1.code, { name: '迁出丙', phone: '13900000003', householdId: b, relationToHead: '02', status: 'moved_out' });
  ids.noPhone = await f.createPerson(grid1.code, { name: '缺电话丁', personType: '02' });
  ids.legacy = await f.createPerson(grid1.code, { name: '老号戊', phone: '13900000005', personType: '02', idNumber: '150602195001011230' });
  const twice = f.idNumber('1990-03-03');
  ids.twice1 = await f.createPerson(grid1.code, { name: '重复己', phone: '13900000006', personType: '02', idNumber: twice });
  ids.twice2 = await f.createPerson(grid2.code, { name: '重复己', phone: '13900000006', personType: '02', idNumber: twice });
  await p.handle.query(`update person set problems = '{missing:phone}' where id = $1`, [ids.noPhone]);
  await p.handle.query(`update person set problems = '{id_checksum}', id_valid = false where id = $1`, [ids.legacy]);
});
afterAll(async () => p.close());

interface QualityBody {
  unit: { code: string };
  rows: { gridCode: string; households: number; registeredHouseholds: number; collectionRate: number | null; people: number; missingItems: number; idInvalid: number; duplicates: number }[];
  totals: { people: number; duplicates: number; registeredHouseholds: number };
}

describe('GET /api/registers/quality', () => {
  it('401 without a session, 400 for a bad unit, 404 for a unit outside the scope', async () => {
    expect((await p.anonymous.get(`/api/registers/quality?unit=${grid1.code}`)).statusCode).toBe(401);
    const district = await p.login('u150602');
    const bad = await district.get('/api/registers/quality?unit=abc');
    expect(bad.statusCode).toBe(400);
    expect((await district.get('/api/registers/quality?unit=150602D01')).statusCode).toBe(400);
    expect((await district.get('/api/registers/quality?unit=150602999999')).statusCode).toBe(404);
    const worker = await p.login(`g${grid1.code}`);
    expect((await worker.get(`/api/registers/quality?unit=${grid2.code}`)).statusCode).toBe(404);
    expect((await worker.get('/api/registers/quality?unit=150602')).statusCode).toBe(404);
    const dept = await p.login('u150602D01');
    expect((await dept.get(`/api/registers/quality?unit=${grid1.code}`)).statusCode).toBe(403);
  });

  it('gives the district every grid, with figures matching the fixture’s hand counts', async () => {
    const district = await p.login('u150602');
    const res = await district.get('/api/registers/quality?unit=150602');
    expect(res.statusCode).toBe(200);
    const body = res.json<QualityBody>();
    const gridCount = (await p.handle.query(`select 1 from org_unit where level = 'grid'`)).rows.length;
    expect(body.rows).toHaveLength(gridCount);
    const g1 = body.rows.find((r) => r.gridCode === grid1.code)!;
    // Household A has active members; B's only member moved out, so it is not collected.
    expect(g1).toMatchObject({ households: grid1.households, registeredHouseholds: 1, people: 5, missingItems: 1, idInvalid: 1, duplicates: 1 });
    expect(g1.collectionRate).toBeCloseTo(1 / grid1.households);
    expect(body.rows.find((r) => r.gridCode === grid2.code)).toMatchObject({ people: 1, duplicates: 1, registeredHouseholds: 0, collectionRate: 0 });
    expect(body.totals).toMatchObject({ people: 6, duplicates: 2, registeredHouseholds: 1 });
  });

  it('shows a grid worker their grid only, the other record of a duplicate counted but not shown', async () => {
    const worker = await p.login(`g${grid1.code}`);
    const res = await worker.get(`/api/registers/quality?unit=${grid1.code}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<QualityBody>();
    expect(body.rows.map((r) => r.gridCode)).toEqual([grid1.code]);
    expect(body.rows[0]).toMatchObject({ people: 5, duplicates: 1 });
    const list = await worker.get(`/api/registers/quality/problems?unit=${grid1.code}&problem=duplicate`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([ids.twice1]);
  });
});

describe('GET /api/registers/quality/problems', () => {
  it('checks its input: 401, 400 naming the field, 404 out of scope', async () => {
    expect((await p.anonymous.get(`/api/registers/quality/problems?unit=${grid1.code}&problem=missing`)).statusCode).toBe(401);
    const district = await p.login('u150602');
    const bad = await district.get(`/api/registers/quality/problems?unit=${grid1.code}&problem=everything`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field ?? bad.body).toContain('problem');
    const worker = await p.login(`g${grid1.code}`);
    expect((await worker.get(`/api/registers/quality/problems?unit=${grid2.code}&problem=missing`)).statusCode).toBe(404);
  });

  it('lists the records to fix with each problem said in Chinese, masked', async () => {
    const district = await p.login('u150602');
    const missing = (await district.get(`/api/registers/quality/problems?unit=150602&problem=missing`)).json();
    expect(missing.total).toBe(1);
    expect(missing.items[0]).toMatchObject({ id: ids.noPhone, name: '缺电话丁' });
    expect(missing.items[0].problem).toMatch(/^未采集/);
    const invalid = (await district.get(`/api/registers/quality/problems?unit=150602&problem=id_invalid`)).json();
    expect(invalid.items.map((i: { id: string }) => i.id)).toEqual([ids.legacy]);
    expect(invalid.items[0].problem).toBe('公民身份号码校验位错误');
    expect(invalid.items[0].idNumberMasked).toBe('150602********1230');
    const twice = (await district.get(`/api/registers/quality/problems?unit=150602&problem=duplicate`)).json();
    expect(twice.total).toBe(2);
    expect(twice.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.twice1, ids.twice2].sort());
    expect(twice.items[0].problem).toContain('2 条在册记录');
  });
});
