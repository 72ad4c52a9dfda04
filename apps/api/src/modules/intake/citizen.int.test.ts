import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';
import { defaultCalendar, sweepDeadlines } from '../events/index.ts';

let p: TestPlatform;
let gridCenter: { lng: number; lat: number };
const community = '150602001001';
const grid = '150602001001001';

beforeAll(async () => {
  p = await createTestPlatform();
  const { rows } = await p.handle.query<{ lng: number; lat: number }>(
    `select center_lng as lng, center_lat as lat from org_unit where code = $1`,
    [grid],
  );
  gridCenter = rows[0]!;
});
afterAll(async () => p.close());

// Each test speaks from its own address, so the per-IP limits of one test never touch another.
let nextIp = 1;
function citizen(): (options: { method: 'GET' | 'POST'; url: string; payload?: object; headers?: Record<string, string> }) => ReturnType<TestClient['request']> {
  const remoteAddress = `10.1.0.${nextIp++}`;
  return (options) => p.app.inject({ ...options, remoteAddress });
}

const litter = (extra: object = {}) => ({
  categoryCode: '0603',
  description: '小区北门垃圾堆放三天无人清运，气味很大',
  location: { orgCode: community },
  reporter: { name: '李桂兰', phone: '13912345678' },
  ...extra,
});

async function eventRow(number: string) {
  const { rows } = await p.handle.query<{
    id: string;
    source: string;
    org_path: string;
    owner_org_code: string;
    reporter_name: string | null;
    reporter_phone: string | null;
  }>(`select id, source, org_path::text, owner_org_code, reporter_name, reporter_phone from event where number = $1`, [number]);
  return rows[0]!;
}

async function act(c: TestClient, id: string, body: object) {
  p.clock.advance(60_000);
  const detail = (await c.get(`/api/events/${id}`)).json();
  const res = await c.post(`/api/events/${id}/actions`, { revision: detail.event.revision, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /api/public/categories and /api/public/places', () => {
  it('lists the catalogue and the places without a session, and nothing internal', async () => {
    const send = citizen();
    const categories = await send({ method: 'GET', url: '/api/public/categories' });
    expect(categories.statusCode).toBe(200);
    expect(categories.json().items).toContainEqual({ code: '0603', parentCode: '06', name: '环境卫生' });
    expect(categories.json().items).toContainEqual({ code: '06', parentCode: null, name: '民生服务' });
    expect(categories.body).not.toContain('handlingLevel');

    const places = await send({ method: 'GET', url: '/api/public/places' });
    expect(places.statusCode).toBe(200);
    const street = places.json().items.find((t: { code: string }) => t.code === '150602001');
    expect(street.name).toBe('交通街道');
    expect(street.communities.map((c: { code: string }) => c.code)).toContain(community);
    expect(places.body).not.toMatch(/D\d{2}/); // departments are not places to report at
  });
});

describe('a deactivated category', () => {
  it('is gone from the citizens’ and the staff’s lists; only a system administrator lists it, to activate it again', async () => {
    const admin = await p.login('admin');
    const centre = await p.login('u150602001001');
    const codes = (items: { code: string }[]) => items.map((c) => c.code);
    const off = await admin.request({ method: 'PUT', url: '/api/event-categories/0699', payload: { active: false } });
    expect(off.statusCode, off.body).toBe(200);

    expect(codes((await citizen()({ method: 'GET', url: '/api/public/categories' })).json().items)).not.toContain('0699');
    expect(codes((await centre.get('/api/event-categories')).json().items)).not.toContain('0699');
    expect(codes((await admin.get('/api/event-categories')).json().items)).not.toContain('0699');
    expect((await centre.get('/api/event-categories?includeInactive=true')).statusCode).toBe(403);
    expect((await p.anonymous.get('/api/event-categories?includeInactive=true')).statusCode).toBe(401);
    expect((await admin.get('/api/event-categories?includeInactive=yes')).json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'includeInactive' });

    const all = (await admin.get('/api/event-categories?includeInactive=true')).json().items;
    expect(all.find((c: { code: string }) => c.code === '0699')).toMatchObject({ active: false, name: '其他民生诉求', parentCode: '06' });
    expect(all.find((c: { code: string }) => c.code === '0603')).toMatchObject({ active: true });
    expect(all.filter((c: { active: boolean }) => !c.active)).toHaveLength(1);
    expect((await centre.get('/api/event-categories')).json().items.every((c: { active: boolean }) => c.active)).toBe(true);

    const on = await admin.request({ method: 'PUT', url: '/api/event-categories/0699', payload: { active: true } });
    expect(on.json()).toMatchObject({ code: '0699', version: 3 });
    expect(codes((await centre.get('/api/event-categories')).json().items)).toContain('0699');
    expect(codes((await citizen()({ method: 'GET', url: '/api/public/categories' })).json().items)).toContain('0699');
  });
});

describe('OpenAPI', () => {
  it('documents the public and webhook routes with their named schemas', async () => {
    const doc = (await p.anonymous.get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/public/events', '/api/public/events/{trackingCode}', '/api/public/events/{trackingCode}/rating', '/api/intake/webhook']),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['CitizenReport', 'PublicEventStatus', 'MachineReport']));
    expect(Object.keys(doc.paths).some((path) => path.startsWith('/open311'))).toBe(false);
  });
});

describe('POST /api/public/events', () => {
  it('files a citizen report at the chosen community and answers with the number and tracking code only', async () => {
    const send = citizen();
    const res = await send({ method: 'POST', url: '/api/public/events', payload: litter() });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['number', 'trackingCode']);
    expect(body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const row = await eventRow(body.number);
    expect(row).toMatchObject({ source: 'citizen', owner_org_code: community, reporter_name: '李桂兰', reporter_phone: '13912345678' });
    expect(row.org_path.endsWith(`.${community}`)).toBe(true);
  });

  it('places a report by the phone’s position when there is one', async () => {
    const res = await citizen()({ method: 'POST', url: '/api/public/events', payload: litter({ location: gridCenter }) });
    expect(res.statusCode).toBe(201);
    expect((await eventRow(res.json().number)).org_path.endsWith(`.${grid}`)).toBe(true);
  });

  it('keeps neither name nor phone of an anonymous report', async () => {
    const res = await citizen()({ method: 'POST', url: '/api/public/events', payload: litter({ anonymous: true }) });
    expect(res.statusCode).toBe(201);
    const row = await eventRow(res.json().number);
    expect(row.reporter_phone).toBeNull();
    expect(row.reporter_name).toBe('匿名群众');
    const { rows } = await p.handle.query<{ data: { anonymous: boolean }; actor_name: string }>(
      `select data, actor_name from event_timeline where event_id = $1`,
      [row.id],
    );
    expect(rows[0]).toMatchObject({ data: { anonymous: true }, actor_name: '匿名群众' });
  });

  it('files once per Idempotency-Key when the phone retries', async () => {
    const send = citizen();
    const key = 'b1c0e6a2-6f1e-4a55-9d8e-0c1f3a7d2b11';
    const first = await send({ method: 'POST', url: '/api/public/events', payload: litter(), headers: { 'idempotency-key': key } });
    const again = await send({ method: 'POST', url: '/api/public/events', payload: litter(), headers: { 'idempotency-key': key } });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const { rows } = await p.handle.query<{ n: number }>(`select count(*)::int as n from event where idempotency_key = $1`, [`citizen:${key}`]);
    expect(rows[0]!.n).toBe(1);
  });

  it('is 400 naming the field for bad input', async () => {
    const send = citizen();
    const noText = await send({ method: 'POST', url: '/api/public/events', payload: litter({ description: undefined }) });
    expect(noText.statusCode).toBe(400);
    expect(noText.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'description' });
    const badPhone = await send({ method: 'POST', url: '/api/public/events', payload: litter({ reporter: { phone: '12345' } }) });
    expect(badPhone.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'reporter.phone' });
    const unknown = await send({ method: 'POST', url: '/api/public/events', payload: litter({ categoryCode: '0998' }) });
    expect(unknown.json()).toMatchObject({ code: 'EVENT.CATEGORY_UNKNOWN', field: 'categoryCode' });
    const group = await send({ method: 'POST', url: '/api/public/events', payload: litter({ categoryCode: '06' }) });
    expect(group.json()).toMatchObject({ field: 'categoryCode' });
  });

  it('refuses a place outside the deployment', async () => {
    const send = citizen();
    const beijing = await send({ method: 'POST', url: '/api/public/events', payload: litter({ location: { lng: 116.39, lat: 39.9 } }) });
    expect(beijing.statusCode).toBe(400);
    expect(beijing.json()).toMatchObject({ code: 'EVENT.LOCATION_UNKNOWN', field: 'location' });
    const elsewhere = await send({ method: 'POST', url: '/api/public/events', payload: litter({ location: { orgCode: '150603001001' } }) });
    expect(elsewhere.json()).toMatchObject({ code: 'EVENT.LOCATION_UNKNOWN', field: 'location' });
    const street = await send({ method: 'POST', url: '/api/public/events', payload: litter({ location: { orgCode: '150602001' } }) });
    expect(street.json()).toMatchObject({ code: 'EVENT.LOCATION_UNKNOWN' });
  });

  it('limits how often one address may report', async () => {
    const send = citizen();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await send({ method: 'POST', url: '/api/public/events', payload: {} })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 400)).toBe(true);
    expect(codes[20]).toBe(429);
  });
});

describe('GET /api/public/events/:trackingCode', () => {
  it('is 400 for a malformed code and 404 for an unknown one', async () => {
    const send = citizen();
    const bad = await send({ method: 'GET', url: '/api/public/events/abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('trackingCode');
    const unknown = await send({ method: 'GET', url: '/api/public/events/ZZZZZZZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('EVENT.NOT_FOUND');
  });

  it('shows a fresh report, also when the code is typed in lower case', async () => {
    const send = citizen();
    const { number, trackingCode } = (await send({ method: 'POST', url: '/api/public/events', payload: litter() })).json();
    const res = await send({ method: 'GET', url: `/api/public/events/${trackingCode.toLowerCase()}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      number,
      categoryName: '环境卫生',
      state: 'reported',
      closedAt: null,
      result: null,
      rating: null,
      canRate: false,
      timeline: [{ action: 'report', toState: 'reported' }],
    });
    expect(res.body).not.toContain('13912345678');
  });
});

describe('POST /api/public/events/:trackingCode/rating', () => {
  it('is 400 for a bad rating, 404 for an unknown code and 409 before the report is closed', async () => {
    const send = citizen();
    const { trackingCode } = (await send({ method: 'POST', url: '/api/public/events', payload: litter() })).json();
    const bad = await send({ method: 'POST', url: `/api/public/events/${trackingCode}/rating`, payload: { rating: 'great' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('rating');
    const unknown = await send({ method: 'POST', url: '/api/public/events/ZZZZZZZZZZ/rating', payload: { rating: 'satisfied' } });
    expect(unknown.statusCode).toBe(404);
    const early = await send({ method: 'POST', url: `/api/public/events/${trackingCode}/rating`, payload: { rating: 'satisfied' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('EVENT.NOT_IN_STATE');
  });

  it('lets a citizen follow a report through to closed and rate it, never seeing who handled it', async () => {
    const send = citizen();
    const { number, trackingCode } = (await send({ method: 'POST', url: '/api/public/events', payload: litter() })).json();
    const { id } = await eventRow(number);
    const centre = await p.login('u150602001001');
    const worker = await p.login('g150602001001001');

    await act(centre, id, { action: 'accept' });
    expect((await send({ method: 'GET', url: `/api/public/events/${trackingCode}` })).json().state).toBe('accepted');
    await act(centre, id, { action: 'dispatch', lead: grid });
    await act(worker, id, { action: 'sign' });
    await act(worker, id, { action: 'feedback', text: '已联系物业清运垃圾，并增设一处垃圾桶' });
    await act(centre, id, { action: 'verify_pass' });

    const closed = await send({ method: 'GET', url: `/api/public/events/${trackingCode}` });
    expect(closed.json()).toMatchObject({
      state: 'closed',
      result: '已联系物业清运垃圾，并增设一处垃圾桶',
      canRate: true,
      rating: null,
    });
    expect(closed.json().closedAt).not.toBeNull();
    expect(closed.json().timeline.map((t: { action: string }) => t.action)).toEqual(['report', 'accept', 'dispatch', 'sign', 'feedback', 'verify_pass']);
    const staffNames = (await centre.get(`/api/events/${id}`)).json().timeline.map((t: { actorName: string }) => t.actorName);
    for (const name of staffNames.slice(1)) expect(closed.body).not.toContain(name);
    expect(Object.keys(closed.json().timeline[0]).sort()).toEqual(['action', 'at', 'toState']);

    p.clock.advance(60_000);
    const rated = await send({
      method: 'POST',
      url: `/api/public/events/${trackingCode}/rating`,
      payload: { rating: 'satisfied', comment: '处理很及时' },
    });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toEqual({ number, state: 'evaluated', rating: 'satisfied' });
    const after = (await send({ method: 'GET', url: `/api/public/events/${trackingCode}` })).json();
    expect(after).toMatchObject({ state: 'evaluated', rating: 'satisfied', canRate: false });

    const twice = await send({ method: 'POST', url: `/api/public/events/${trackingCode}/rating`, payload: { rating: 'unsatisfied' } });
    expect(twice.statusCode).toBe(409);

    const staffView = (await centre.get(`/api/events/${id}`)).json();
    expect(staffView.event.rating).toBe('satisfied');
    expect(staffView.timeline.at(-1)).toMatchObject({ action: 'rate', toState: 'evaluated', text: '处理很及时' });
    const audit = await p.handle.query<{ actor_name: string; detail: { rating: string } }>(
      `select actor_name, detail from audit_log where entity_id = $1 and action = 'event.rate'`,
      [id],
    );
    expect(audit.rows).toEqual([expect.objectContaining({ actor_name: 'public:reporter', detail: expect.objectContaining({ rating: 'satisfied' }) })]);
  });

  it('tells the citizen why a report was not taken up', async () => {
    const send = citizen();
    const { number, trackingCode } = (await send({ method: 'POST', url: '/api/public/events', payload: litter() })).json();
    const centre = await p.login('u150602001001');
    await act(centre, (await eventRow(number)).id, { action: 'reject', text: '该处垃圾已于当日清运，属重复反映' });
    const status = (await send({ method: 'GET', url: `/api/public/events/${trackingCode}` })).json();
    expect(status).toMatchObject({ state: 'rejected', result: '该处垃圾已于当日清运，属重复反映', canRate: false });
  });
});

describe('the public timeline', () => {
  it('shows the citizen the milestones only: no warnings, 督办, notes, rework or who did what', async () => {
    const send = citizen();
    const { number, trackingCode } = (await send({ method: 'POST', url: '/api/public/events', payload: litter() })).json();
    const { id } = await eventRow(number);

    // Nobody takes it up for three days: the deadline sweeper fires its warnings and the street's 督办.
    p.clock.advance(3 * 24 * 3600_000);
    await sweepDeadlines({ db: p.handle.db, clock: p.clock, calendar: defaultCalendar(), bus: p.bus });
    const centre = await p.login('u150602001001');
    const street = await p.login('u150602001');
    const worker = await p.login('g150602001001001');
    const answerOpenOrders = async () => {
      for (const order of (await centre.get(`/api/events/${id}`)).json().supervisions) {
        if (order.state !== 'open') continue;
        p.clock.advance(60_000);
        const answered = await centre.post(`/api/supervision-orders/${order.id}/answer`, { answer: '已安排网格员今日处理（督办回复）' });
        expect(answered.statusCode, answered.body).toBe(200);
      }
    };
    // The street's automatic order is answered before the street may press again by hand.
    await answerOpenOrders();
    p.clock.advance(60_000);
    const pressed = await street.post(`/api/events/${id}/supervise`, { reason: '群众反映强烈，请今日内受理并回复', dueDays: 1 });
    expect(pressed.statusCode, pressed.body).toBe(201);
    await answerOpenOrders();

    await act(centre, id, { action: 'accept' });
    await act(centre, id, { action: 'dispatch', lead: grid });
    await act(worker, id, { action: 'sign' });
    await act(worker, id, { action: 'progress', text: '物业经理电话未接通，明日再联系（内部记录）' });
    await act(worker, id, { action: 'feedback', text: '已通知物业清运' });
    await act(centre, id, { action: 'verify_fail', text: '现场仍有垃圾，返工' });
    await act(worker, id, { action: 'feedback', text: '垃圾已全部清运，北门增设两个垃圾桶' });
    await act(centre, id, { action: 'verify_pass' });

    const staff = (await centre.get(`/api/events/${id}`)).json();
    const staffActions = staff.timeline.map((t: { action: string }) => t.action);
    expect(staffActions).toEqual(
      expect.arrayContaining(['warning_red', 'supervise', 'supervision_answered', 'progress', 'verify_fail']),
    );

    const res = await send({ method: 'GET', url: `/api/public/events/${trackingCode}` });
    expect(res.statusCode).toBe(200);
    const status = res.json();
    // A reworked case is handled twice; the citizen sees the handling that counted.
    expect(status.timeline.map((t: { action: string }) => t.action)).toEqual(['report', 'accept', 'dispatch', 'sign', 'feedback', 'verify_pass']);
    const lastFeedback = staff.timeline.filter((t: { action: string }) => t.action === 'feedback').at(-1);
    expect(status.timeline[4].at).toBe(lastFeedback.at);
    expect(status.result).toBe('垃圾已全部清运，北门增设两个垃圾桶');
    for (const internal of ['warning', 'supervis', '"action":"progress"', 'verify_fail', '预警', '督办', '内部记录', '返工', '已通知物业清运']) {
      expect(res.body).not.toContain(internal);
    }
    for (const t of staff.timeline.slice(1)) expect(res.body).not.toContain(t.actorName);
  });

  it('closes a merged report with the answer of the case it joined, without naming that case', async () => {
    const send = citizen();
    const parent = (await send({ method: 'POST', url: '/api/public/events', payload: litter() })).json();
    const child = (await send({ method: 'POST', url: '/api/public/events', payload: litter({ description: '北门垃圾又堆起来了，邻居也在反映' }) })).json();
    const parentId = (await eventRow(parent.number)).id;
    const childId = (await eventRow(child.number)).id;
    const centre = await p.login('u150602001001');
    const worker = await p.login('g150602001001001');

    p.clock.advance(60_000);
    const childDetail = (await centre.get(`/api/events/${childId}`)).json();
    const merged = await centre.post(`/api/events/${childId}/merge`, { parentId, revision: childDetail.event.revision });
    expect(merged.statusCode, merged.body).toBe(200);
    await act(centre, parentId, { action: 'accept' });
    await act(centre, parentId, { action: 'dispatch', lead: grid });
    await act(worker, parentId, { action: 'sign' });
    await act(worker, parentId, { action: 'feedback', text: '已清运北门垃圾并增设垃圾桶' });
    await act(centre, parentId, { action: 'verify_pass' });

    const res = await send({ method: 'GET', url: `/api/public/events/${child.trackingCode}` });
    expect(res.json()).toMatchObject({ state: 'closed', result: '已清运北门垃圾并增设垃圾桶', canRate: true });
    expect(res.json().timeline.map((t: { action: string }) => t.action)).toEqual(['report', 'close_with_parent']);
    expect(res.body).not.toContain(parent.number);
  });
});
