import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../platform/bus.ts';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';
import { defaultCalendar, sweepDeadlines } from './index.ts';

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

const sweep = () => sweepDeadlines({ db: p.handle.db, clock: p.clock, calendar: defaultCalendar(), bus: p.bus });

async function act(c: TestClient, id: string, body: object) {
  const got = await c.get(`/api/events/${id}`);
  expect(got.statusCode, got.body).toBe(200);
  const detail = got.json();
  const res = await c.post(`/api/events/${id}/actions`, { revision: detail.event.revision, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A neighbour dispute at a community: 4 working hours to accept, 7 working days to handle. */
async function fileAtCommunity(): Promise<string> {
  const centre = await p.login('u150602001001');
  const res = await centre.post('/api/events', {
    categoryCode: '0102',
    description: '邻居装修噪音扰民',
    location: { orgCode: '150602001001' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('deadline warnings', () => {
  it('fire yellow then red exactly once, with a supervision order from the street on red', async () => {
    // 2026-03-02 is a Monday: 09:00 in Beijing.
    p.clock.set('2026-03-02T01:00:00.000Z');
    const id = await fileAtCommunity();
    const heard: BusMessage[] = [];
    const unsubscribe = p.bus.subscribe((m) => heard.push(m));

    p.clock.set('2026-03-02T02:00:00.000Z'); // one working hour in: nothing yet
    expect((await sweep()).filter((w) => w.eventId === id)).toEqual([]);

    p.clock.set('2026-03-02T06:00:00.000Z'); // 14:00: 3 of 4 working hours used (lunch excluded) → yellow
    const yellow = (await sweep()).filter((w) => w.eventId === id);
    expect(yellow).toEqual([expect.objectContaining({ level: 'yellow', kind: 'accept', action: 'none' })]);
    expect((await sweep()).filter((w) => w.eventId === id)).toEqual([]);

    p.clock.set('2026-03-02T08:00:00.000Z'); // 16:00: past 14:30, the due time → red
    const red = (await sweep()).filter((w) => w.eventId === id);
    expect(red).toEqual([expect.objectContaining({ level: 'red', kind: 'accept', action: 'supervise' })]);
    expect((await sweep()).filter((w) => w.eventId === id)).toEqual([]);
    unsubscribe();
    expect(heard.filter((m) => m.type === 'event.warning' && m.payload.eventId === id).map((m) => m.payload.level)).toEqual([
      'yellow',
      'red',
    ]);

    const street = await p.login('u150602001');
    const detail = (await street.get(`/api/events/${id}`)).json();
    expect(detail.supervisions).toEqual([expect.objectContaining({ fromOrgCode: '150602001', toOrgCode: '150602001001', state: 'open' })]);
    expect(detail.timeline.map((t: { action: string }) => t.action)).toEqual(['report', 'warning_yellow', 'warning_red', 'supervise']);
    const summary = (await street.get('/api/events?view=all')).json().items.find((e: { id: string }) => e.id === id);
    expect(summary.warning).toBe('red');

    // The owner answers the order.
    const centre = await p.login('u150602001001');
    const orderId = detail.supervisions[0].id;
    expect((await street.post(`/api/supervision-orders/${orderId}/answer`, { answer: '不是我' })).statusCode).toBe(403);
    const answered = await centre.post(`/api/supervision-orders/${orderId}/answer`, { answer: '已安排专人今日受理' });
    expect(answered.json()).toEqual({ id: orderId, state: 'answered' });
  });

  it('does not fire for a stopped clock', async () => {
    p.clock.set('2026-03-03T01:00:00.000Z');
    const id = await fileAtCommunity();
    await act(await p.login('u150602001001'), id, { action: 'accept' });
    p.clock.set('2026-03-05T01:00:00.000Z');
    expect((await sweep()).filter((w) => w.eventId === id)).toEqual([]);
  });
});

describe('suspension and extension', () => {
  it('stops the clock while suspended and gives back the working time that was left', async () => {
    p.clock.set('2026-03-09T01:00:00.000Z'); // Monday 09:00
    const id = await fileAtCommunity();
    const centre = await p.login('u150602001001');
    const worker = await p.login('g150602001001001');
    await act(centre, id, { action: 'accept' });
    await act(centre, id, { action: 'dispatch', lead: '150602001001001' });
    await act(worker, id, { action: 'sign' });
    const before = (await centre.get(`/api/events/${id}`)).json().clocks.find((c: { kind: string }) => c.kind === 'handle');
    const left = defaultCalendar().workingMsBetween(new Date('2026-03-09T01:00:00.000Z'), new Date(before.dueAt));

    await act(centre, id, { action: 'suspend', text: '等待当事人出差返回' });
    p.clock.set('2026-03-23T01:00:00.000Z'); // two weeks later — past the original due time
    expect((await sweep()).filter((w) => w.eventId === id)).toEqual([]);
    const centreLater = await p.login('u150602001001'); // the morning's session has expired
    await act(centreLater, id, { action: 'resume' });

    const after = (await centreLater.get(`/api/events/${id}`)).json().clocks.find((c: { kind: string }) => c.kind === 'handle');
    expect(defaultCalendar().workingMsBetween(new Date('2026-03-23T01:00:00.000Z'), new Date(after.dueAt))).toBe(left);
  });

  it('moves the handling deadline by the approved working days', async () => {
    p.clock.set('2026-04-13T01:00:00.000Z'); // Monday
    const id = await fileAtCommunity();
    const centre = await p.login('u150602001001');
    const worker = await p.login('g150602001001001');
    await act(centre, id, { action: 'accept' });
    await act(centre, id, { action: 'dispatch', lead: '150602001001001' });
    await act(worker, id, { action: 'sign' });
    const due = (await centre.get(`/api/events/${id}`)).json().clocks.find((c: { kind: string }) => c.kind === 'handle').dueAt;
    await act(worker, id, { action: 'request_extension', text: '需协调物业', extensionDays: 3 });
    await act(centre, id, { action: 'approve_extension' });
    const extended = (await centre.get(`/api/events/${id}`)).json().clocks.find((c: { kind: string }) => c.kind === 'handle').dueAt;
    expect(extended).toBe(defaultCalendar().addWorkingDays(new Date(due), 3).toISOString());
  });
});

describe('POST /api/events/{id}/supervise', () => {
  it('lets only a centre above the owner issue an order', async () => {
    p.clock.set('2026-05-11T01:00:00.000Z');
    const id = await fileAtCommunity();
    const centre = await p.login('u150602001001');
    expect((await centre.post(`/api/events/${id}/supervise`, { reason: '请尽快办理' })).statusCode).toBe(403);
    const district = await p.login('u150602');
    expect((await district.post(`/api/events/${id}/supervise`, { reason: 'x' })).json()).toMatchObject({ field: 'reason' });
    const res = await district.post(`/api/events/${id}/supervise`, { reason: '群众反映强烈，请两日内办结', dueDays: 2 });
    expect(res.statusCode).toBe(201);
    const detail = (await centre.get(`/api/events/${id}`)).json();
    expect(detail.supervisions[0]).toMatchObject({ fromOrgCode: '150602', toOrgCode: '150602001001', state: 'open' });
    expect((await p.anonymous.post(`/api/events/${id}/supervise`, { reason: '请尽快办理' })).statusCode).toBe(401);
    expect((await (await p.login('u150602002')).post(`/api/events/${id}/supervise`, { reason: '请尽快办理' })).statusCode).toBe(404);
  });

  it('refuses a second order from the same centre until the owner has answered the first', async () => {
    p.clock.set('2026-05-11T01:00:00.000Z');
    const id = await fileAtCommunity();
    const district = await p.login('u150602');
    const first = await district.post(`/api/events/${id}/supervise`, { reason: '群众反映强烈，请两日内办结', dueDays: 2 });
    expect(first.statusCode).toBe(201);
    const again = await district.post(`/api/events/${id}/supervise`, { reason: '再次督办，请立即办理', dueDays: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'EVENT.SUPERVISION_OPEN' });
    const centre = await p.login('u150602001001');
    const answered = await centre.post(`/api/supervision-orders/${first.json().id}/answer`, { answer: '已联系双方，明日上门调解' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await district.post(`/api/events/${id}/supervise`, { reason: '调解未果，请三日内办结', dueDays: 3 })).statusCode).toBe(201);
  });
});
