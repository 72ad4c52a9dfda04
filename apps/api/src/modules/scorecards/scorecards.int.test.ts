import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
let street: TestClient;
const ids: Record<string, string> = {};

async function act(c: TestClient, id: string, body: object) {
  const detail = (await c.get(`/api/events/${id}`)).json();
  const res = await c.post(`/api/events/${id}/actions`, { revision: detail.event.revision, ...body });
  expect(res.statusCode, res.body).toBe(200);
}

const query = (extra = '') => `/api/scorecards?orgCode=150602001&from=2026-06-01&to=2026-06-30${extra}`;

beforeAll(async () => {
  p = await createTestPlatform();
  p.clock.set('2026-06-01T01:00:00.000Z'); // Monday 09:00
  const centre = await p.login('u150602001001');
  const worker = await p.login('g150602001001001');
  const file = async (c: TestClient, orgCode: string) =>
    (await c.post('/api/events', { categoryCode: '0102', description: '邻里纠纷', location: { orgCode } })).json().id as string;

  ids.onTime = await file(centre, '150602001001');
  await act(centre, ids.onTime, { action: 'accept' });
  await act(centre, ids.onTime, { action: 'dispatch', lead: '150602001001001' });
  await act(worker, ids.onTime, { action: 'sign' });
  await act(worker, ids.onTime, { action: 'feedback', text: '已调解' });
  await act(centre, ids.onTime, { action: 'verify_pass' });
  await act(centre, ids.onTime, { action: 'revisit', text: '回访满意' });

  ids.selfHandled = await file(worker, '150602001001001');
  await act(worker, ids.selfHandled, { action: 'self_handle', text: '现场劝解' });
  await act(centre, ids.selfHandled, { action: 'verify_pass' });

  ids.overdue = await file(await p.login('u150602001'), '150602001002');
  p.clock.set('2026-06-10T01:00:00.000Z'); // long past its 4 working hours to accept
  street = await p.login('u150602001');
});
afterAll(async () => p.close());

describe('GET /api/scorecards', () => {
  it('is 401 without a session, 400 for a reversed period, 404 outside the scope', async () => {
    expect((await p.anonymous.get(query())).statusCode).toBe(401);
    const bad = await street.get('/api/scorecards?orgCode=150602001&from=2026-07-01&to=2026-06-01');
    expect(bad.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'from' });
    expect((await (await p.login('u150602002')).get(query())).statusCode).toBe(404);
  });

  it('computes the rates from the cases, counting open overdue cases in the denominator', async () => {
    const card = (await street.get(query())).json();
    expect(card.unit.counts).toMatchObject({ reported: 3, closed: 2, closedOnTime: 2, openOverdue: 1, selfHandled: 1, closedInGrid: 1, closedAtVillage: 1 });
    expect(card.unit.kpis.onTimeCloseRate).toBeCloseTo(2 / 3);
    expect(card.unit.kpis.resolutionRate).toBeCloseTo(2 / 3);
    expect(card.unit.kpis.selfHandledRate).toBeCloseTo(1 / 3);
    expect(card.unit.kpis.reworkRate).toBe(0);
    expect(card.unit.kpis.satisfactionRate).toBeNull();
    const community = card.children.find((c: { orgCode: string }) => c.orgCode === '150602001001');
    expect(community.counts).toMatchObject({ reported: 2, closed: 2 });
    const other = card.children.find((c: { orgCode: string }) => c.orgCode === '150602001002');
    expect(other.counts).toMatchObject({ reported: 1, closed: 0, openOverdue: 1 });
    expect(other.kpis.onTimeCloseRate).toBe(0);
  });

  it('agrees with a full recomputation from the events', async () => {
    const before = (await street.get(query())).json().unit.counts;
    await p.handle.query('select rebuild_event_stats()');
    expect((await street.get(query())).json().unit.counts).toEqual(before);
  });

  it('opens the cases behind a figure', async () => {
    const res = await street.get(`/api/scorecards/cases?orgCode=150602001&from=2026-06-01&to=2026-06-30&kind=openOverdue`);
    expect(res.json().items.map((e: { id: string }) => e.id)).toEqual([ids.overdue]);
    const self = await street.get(`/api/scorecards/cases?orgCode=150602001&from=2026-06-01&to=2026-06-30&kind=selfHandled`);
    expect(self.json().items.map((e: { id: string }) => e.id)).toEqual([ids.selfHandled]);
  });

  it('exports the scorecard as an Excel workbook', async () => {
    const res = await street.get(`/api/scorecards/export.xlsx?orgCode=150602001&from=2026-06-01&to=2026-06-30`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('考核指标')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('单位');
    expect(sheet.getRow(3).getCell(1).value).toBe('交通街道');
    expect(sheet.getRow(3).getCell(3).value).toBe(3);
  });
});
