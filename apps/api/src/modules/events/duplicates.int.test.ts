import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
let point: { lng: number; lat: number };

beforeAll(async () => {
  p = await createTestPlatform();
  const { rows } = await p.handle.query<{ lng: number; lat: number }>(
    `select center_lng as lng, center_lat as lat from org_unit where code = '150602001001001'`,
  );
  point = rows[0]!;
});
afterAll(async () => p.close());

async function act(c: TestClient, id: string, body: object) {
  const detail = (await c.get(`/api/events/${id}`)).json();
  const res = await c.post(`/api/events/${id}/actions`, { revision: detail.event.revision, ...body });
  expect(res.statusCode, res.body).toBe(200);
}

const report = (c: TestClient, dLat = 0, categoryCode = '0401') =>
  c.post('/api/events', { categoryCode, description: '楼道堆放杂物堵塞消防通道', location: { lng: point.lng, lat: point.lat + dLat } });

describe('duplicates', () => {
  it('flags a report near an open one of the same category, and merged reporters get the answer', async () => {
    const worker = await p.login('g150602001001001');
    const centre = await p.login('u150602001001');
    const parent = (await report(worker)).json().id;
    const near = (await report(centre, 0.0003)).json().id; // about 33 m away
    const far = (await report(centre, 0.01)).json().id; // about 1.1 km away
    const otherKind = (await report(centre, 0.0001, '0502')).json().id;

    const nearDetail = (await centre.get(`/api/events/${near}`)).json();
    expect(nearDetail.related.suspectedDuplicateOf).toMatchObject({ id: parent });
    expect((await centre.get(`/api/events/${far}`)).json().related.suspectedDuplicateOf).toBeNull();
    expect((await centre.get(`/api/events/${otherKind}`)).json().related.suspectedDuplicateOf).toBeNull();

    const merged = await centre.post(`/api/events/${near}/merge`, { parentId: parent, revision: nearDetail.event.revision });
    expect(merged.statusCode, merged.body).toBe(200);
    const again = await centre.post(`/api/events/${near}/merge`, { parentId: parent, revision: merged.json().revision });
    expect(again.json().code).toBe('EVENT.NOT_IN_STATE');
    expect((await centre.get(`/api/events/${parent}`)).json().related.merged).toEqual([expect.objectContaining({ id: near })]);

    await act(centre, parent, { action: 'accept' });
    await act(centre, parent, { action: 'dispatch', lead: '150602001001001' });
    await act(worker, parent, { action: 'sign' });
    await act(worker, parent, { action: 'feedback', text: '杂物已清理，通道畅通' });
    await act(centre, parent, { action: 'verify_pass' });
    const child = (await centre.get(`/api/events/${near}`)).json();
    expect(child.event.state).toBe('closed');
    expect(child.timeline.at(-1)).toMatchObject({ action: 'close_with_parent' });
    expect(child.timeline.at(-1).text).toContain('杂物已清理');
  });

  it('refuses a merge by someone who does not own the report, or into itself', async () => {
    const centre = await p.login('u150602001001');
    const a = (await report(centre, 0.02)).json().id;
    const { revision } = (await centre.get(`/api/events/${a}`)).json().event;
    expect((await centre.post(`/api/events/${a}/merge`, { parentId: a, revision })).json()).toMatchObject({
      code: 'EVENT.TARGET_INVALID',
      field: 'parentId',
    });
    const worker = await p.login('g150602001001001');
    const b = (await report(worker, 0.03)).json().id;
    expect((await worker.post(`/api/events/${a}/merge`, { parentId: b, revision })).statusCode).toBe(403);
    expect((await centre.post(`/api/events/${a}/merge`, { parentId: 'x', revision })).json().field).toBe('parentId');
  });
});

describe('PUT /api/event-categories/{code}', () => {
  it('makes a new version; filed events keep the rules they were filed under', async () => {
    const centre = await p.login('u150602001001');
    const before = (await report(centre, 0.05, '0102')).json().id;
    const admin = await p.login('admin');
    expect((await centre.request({ method: 'PUT', url: '/api/event-categories/0102', payload: { name: '邻里矛盾' } })).statusCode).toBe(403);
    expect((await p.anonymous.request({ method: 'PUT', url: '/api/event-categories/0102', payload: { name: '邻里矛盾' } })).statusCode).toBe(401);
    const bad = await admin.request({
      method: 'PUT',
      url: '/api/event-categories/0102',
      payload: { rules: { handlingLevel: 'village', department: null, limits: { accept: { unit: 'workingDays', value: 0.5 } }, warn: { yellow: 0.5, red: 1 } } },
    });
    expect(bad.statusCode).toBe(400);
    const rules = (await admin.get('/api/event-categories')).json().items.find((c: { code: string }) => c.code === '0102').rules;
    const res = await admin.request({
      method: 'PUT',
      url: '/api/event-categories/0102',
      payload: { name: '邻里矛盾', rules: { ...rules, limits: { ...rules.limits, accept: { unit: 'workingHours', value: 1 } } } },
    });
    expect(res.json()).toMatchObject({ code: '0102', version: 2, name: '邻里矛盾' });
    const after = (await report(centre, 0.06, '0102')).json().id;
    const oldRules = (await centre.get(`/api/events/${before}`)).json().event.rules;
    const newRules = (await centre.get(`/api/events/${after}`)).json().event.rules;
    expect(oldRules.limits.accept).toEqual({ unit: 'workingHours', value: 4 });
    expect(newRules.limits.accept).toEqual({ unit: 'workingHours', value: 1 });
    expect((await centre.get(`/api/events/${before}`)).json().event.categoryName).toBe('邻里纠纷');
    expect((await admin.request({ method: 'PUT', url: '/api/event-categories/7777', payload: { name: '无此分类' } })).statusCode).toBe(404);
  });
});
