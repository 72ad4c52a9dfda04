import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';
import { registerFactory } from './testing.ts';

let p: TestPlatform;
let f: ReturnType<typeof registerFactory>;
let district: TestClient;
let worker: TestClient;
let leader: TestClient;

const G1 = '150602001001001';
const G2 = '150602001001002';
let wangId: string;

beforeAll(async () => {
  p = await createTestPlatform();
  f = registerFactory(p);
  wangId = f.idNumber('1980-03-05');
  await f.createPerson(G1, { name: '王建国', idNumber: wangId, phone: '13911112222' });
  await f.createPerson(G2, { name: '赵志强', phone: '13833334444' });
  await f.createHouse(G1, { code: 'FW-EXP-1', ownerName: '马房东', ownerPhone: '13600001234', rental: true });
  await f.createOrganisation(G1, { name: '东胜区导出测试公司', legalRepPhone: '13500005678' });
});
beforeEach(async () => {
  district = await p.login('u150602');
  worker = await p.login('g150602001001001');
  leader = await p.login('leader');
});
afterAll(async () => p.close());

async function sheetRows(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

async function exportAudits() {
  const { rows } = await p.handle.query<{ action: string; actor_name: string; detail: { kind: string; rows: number; purpose?: string; filter: Record<string, string> } }>(
    `select action, actor_name, detail from audit_log where entity_type = 'register_export' order by id`,
  );
  return rows;
}

describe('GET /api/registers/people/export.xlsx', () => {
  it('is 401 without a session and 400 naming a bad filter', async () => {
    expect((await p.anonymous.get('/api/registers/people/export.xlsx')).statusCode).toBe(401);
    expect((await district.get('/api/registers/people/export.xlsx?whole=2')).json().field).toBe('whole');
  });

  it('exports what the list shows, masked, with Chinese headers and code labels, and audits it', async () => {
    const res = await worker.get('/api/registers/people/export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('实有人口'));
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]!.slice(0, 8)).toEqual(['姓名', '性别', '出生日期', '民族', '人口类型', '证件类型', '证件号码', '联系电话']);
    expect(rows).toHaveLength(2);
    const wang = rows[1]!;
    expect(wang[0]).toBe('王建国');
    expect(wang[1]).toBe('男');
    expect(wang[4]).toBe('户籍人口');
    expect(wang[6]).toBe(`150602********${wangId.slice(-4)}`);
    expect(wang[7]).toBe('139****2222');
    expect(wang[12]).toBe('吉劳庆社区第一网格');
    expect(res.rawPayload.includes(Buffer.from(wangId))).toBe(false);
    expect((await exportAudits()).at(-1)).toMatchObject({ action: 'registers.export', actor_name: 'g150602001001001', detail: { kind: 'people', rows: 1 } });
  });

  it('exports whole values only with registers.personal_data and a purpose, audited with the filter and count', async () => {
    expect((await leader.get('/api/registers/people/export.xlsx?whole=1&purpose=%E6%A0%B8%E6%9F%A5')).statusCode).toBe(403);
    const noPurpose = await district.get('/api/registers/people/export.xlsx?whole=1');
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().field).toBe('purpose');
    const purpose = '疫苗接种通知逐户联系';
    const res = await district.get(`/api/registers/people/export.xlsx?whole=1&unit=${G1}&purpose=${encodeURIComponent(purpose)}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows.slice(1).map((r) => [r[0], r[6], r[7]])).toEqual([['王建国', wangId, '13911112222']]);
    expect((await exportAudits()).at(-1)).toMatchObject({
      action: 'registers.export_whole',
      actor_name: 'u150602',
      detail: { kind: 'people', rows: 1, purpose, filter: expect.objectContaining({ unit: G1 }) },
    });
  });
});

describe('GET /api/registers/houses/export.xlsx and organisations', () => {
  it('exports houses and organisations with labels and masks', async () => {
    const houses = await sheetRows((await worker.get('/api/registers/houses/export.xlsx')).rawPayload);
    expect(houses[0]![0]).toBe('房屋编号');
    expect(houses[1]).toEqual(expect.arrayContaining(['FW-EXP-1', '马房东', '136****1234', '是']));
    const orgs = await sheetRows((await worker.get('/api/registers/organisations/export.xlsx')).rawPayload);
    expect(orgs[0]![1]).toBe('单位名称');
    expect(orgs[1]).toEqual(expect.arrayContaining(['东胜区导出测试公司', '非公有制经济组织', '135****5678']));
    const kinds = (await exportAudits()).map((a) => a.detail.kind);
    expect(kinds).toEqual(expect.arrayContaining(['houses', 'organisations']));
  });
});
