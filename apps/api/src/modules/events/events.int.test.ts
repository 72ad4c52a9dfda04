import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditPayload } from '../../platform/audit/write.ts';
import { asSystem } from '../../platform/db/scope.ts';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
let gridCenter: { lng: number; lat: number };
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

async function report(c: TestClient, body: object, key?: string) {
  return c.request({
    method: 'POST',
    url: '/api/events',
    payload: body,
    headers: key ? { 'idempotency-key': key } : {},
  });
}

async function act(c: TestClient, id: string, body: object) {
  const detail = (await c.get(`/api/events/${id}`)).json();
  return c.post(`/api/events/${id}/actions`, { revision: detail.event.revision, ...body });
}

const neighbourDispute = (extra: object = {}) => ({
  categoryCode: '0102',
  description: '楼上住户深夜噪音，邻里发生争执',
  location: { ...gridCenter },
  ...extra,
});

describe('POST /api/events', () => {
  it('is 401 without a session', async () => {
    expect((await p.anonymous.post('/api/events', neighbourDispute())).statusCode).toBe(401);
  });

  it('is 400 naming the field for bad input', async () => {
    const worker = await p.login('g150602001001001');
    const noText = await report(worker, { categoryCode: '0102', location: gridCenter });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().field).toBe('description');
    const unknown = await report(worker, neighbourDispute({ categoryCode: '0999' }));
    expect(unknown.json()).toMatchObject({ code: 'EVENT.CATEGORY_UNKNOWN', field: 'categoryCode' });
    const nowhere = await report(worker, neighbourDispute({ location: {} }));
    expect(nowhere.statusCode).toBe(400);
  });

  it('refuses a place outside the reporter’s own area', async () => {
    const worker = await p.login('g150602001001001');
    const res = await report(worker, neighbourDispute({ location: { orgCode: '150602002001' } }));
    expect(res.json()).toMatchObject({ code: 'EVENT.LOCATION_UNKNOWN', field: 'location' });
  });

  it('places a report by its point, gives it to the community centre, and files it once per key', async () => {
    const worker = await p.login('g150602001001001');
    const first = await report(worker, neighbourDispute(), 'phone-retry-0001');
    expect(first.statusCode).toBe(201);
    const again = await report(worker, neighbourDispute(), 'phone-retry-0001');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, replayed: true });
    const { rows } = await p.handle.query<{ n: number }>(`select count(*)::int as n from event where number = $1`, [
      first.json().number,
    ]);
    expect(rows[0]!.n).toBe(1);
    const detail = (await worker.get(`/api/events/${first.json().id}`)).json();
    expect(detail.event).toMatchObject({ gridCode: grid, ownerOrgCode: '150602001001', state: 'reported', source: 'grid_worker' });
    expect(detail.event.number).toMatch(/^SJ150602\d{8}\d{6}$/);
    expect(detail.clocks).toEqual([expect.objectContaining({ kind: 'accept', stoppedAt: null })]);
    expect(detail.allowedActions).toEqual(['self_handle']);
  });

  it('files one event with one clock when the same key arrives several times at once', async () => {
    const worker = await p.login('g150602001001001');
    const answers = await Promise.all(Array.from({ length: 6 }, () => report(worker, neighbourDispute(), 'phone-race-0001')));
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    const { rows } = await p.handle.query<{ events: number; clocks: number; audits: number }>(
      `select (select count(*)::int from event where id = $1) as events,
              (select count(*)::int from event_clock where event_id = $1) as clocks,
              (select count(*)::int from audit_log where entity_id = $1::text and action = 'event.reported') as audits`,
      [[...ids][0]],
    );
    expect(rows[0]).toEqual({ events: 1, clocks: 1, audits: 1 });
  });
});

describe('file_events() in the database', () => {
  const filing = (orgPath: string, extra: Record<string, unknown> = {}) => {
    const now = p.clock.now().toISOString();
    const id = randomUUID();
    return {
      id,
      payload: {
        id, idempotencyKey: null, source: 'hotline', categoryCode: '0102', categoryVersion: 1, rules: {}, title: 't', description: 'd',
        address: null, lng: null, lat: null, gridCode: null, ownerOrgCode: '150602001001', ownerOrgPath: '15.1506.150602.150602001.150602001001',
        reporterUserId: null, reporterName: 'x', reporterPhone: null, trackingCode: `T${id.slice(0, 8)}`, reportedAt: now, orgPath,
        countyCode: '150602', timelineId: randomUUID(), timelineActor: 'x', timelineData: {}, photos: [], acceptDueAt: now, acceptYellowAt: now,
        scope: community, ...extra,
      },
      audit: auditPayload(p.clock.now(), { id: null, name: 'test' }, [{ action: 'event.reported', entityType: 'event', entityId: id, orgPath }]),
    };
  };
  const community = '15.1506.150602.150602001.150602001001';
  const fileEvents = (fs: ReturnType<typeof filing>[], scope: string | null = community) =>
    sql`select * from file_events(${JSON.stringify(fs.map((f) => f.payload))}::jsonb, ${scope}, ${JSON.stringify(fs.flatMap((f) => f.audit))}::jsonb)`;
  const countEvents = async (ids: string[]) =>
    (await p.handle.query<{ n: number }>(`select count(*)::int as n from event where id = any($1::uuid[])`, [ids])).rows[0]!.n;

  it('files under row-level security and gives the caller back its role and scope', async () => {
    const after = await asSystem(p.handle.db, async (tx) => {
      await tx.execute(sql`select set_config('app.scope', 'caller.scope', true)`);
      const f = filing(`${community}.150602001001001`);
      const { rows } = await tx.execute<{ o_id: string; o_replayed: boolean }>(fileEvents([f]));
      expect(rows[0]).toMatchObject({ o_id: f.id, o_replayed: false });
      const settings = await tx.execute<{ role: string; scope: string; bulk: string }>(
        sql`select current_setting('role') as role, current_setting('app.scope') as scope, coalesce(current_setting('shizhi.bulk', true), '') as bulk`,
      );
      return settings.rows[0];
    });
    expect(after).toEqual({ role: 'none', scope: 'caller.scope', bulk: '' });
  });

  it('refuses a filing outside its own filer’s scope even when another filer of the batch may file there', async () => {
    const inside = filing(`${community}.150602001001001`);
    const outside = filing('15.1506.150602.150602002.150602002001');
    const error = await p.handle.db
      .execute(fileEvents([inside, outside], `${community},15.1506.150602.150602002`))
      .then(() => null, (e: Error) => e);
    expect(String(error?.cause ?? error)).toMatch(/outside its filer's scope/);
    expect(await countEvents([inside.id, outside.id])).toBe(0);
  });

  it('refuses a place outside the batch’s scope under row-level security even when the caller forgot to check', async () => {
    const f = filing('15.1506.150602.150602002.150602002001', { scope: null });
    const error = await p.handle.db.execute(fileEvents([f])).then(() => null, (e: Error) => e);
    expect(String(error?.cause ?? error)).toMatch(/row-level security/);
    expect(await countEvents([f.id])).toBe(0);
  });

  it('writes a batch in one statement: numbers, clocks, timeline, facts, rollups and audit for each, replays answered', async () => {
    const key = `batch-${randomUUID()}`;
    const first = filing(`${community}.150602001001001`, { idempotencyKey: key });
    const [done] = (await p.handle.db.execute<{ o_id: string }>(fileEvents([first]))).rows;
    expect(done!.o_id).toBe(first.id);

    const stats = async () =>
      (await p.handle.query<{ n: number }>(`select coalesce(sum(reported), 0)::int as n from event_daily_stats where org_path = $1`, [community])).rows[0]!.n;
    const before = await stats();
    const fresh = [1, 2, 3].map(() => filing(`${community}.150602001001001`));
    const again = filing(`${community}.150602001001001`, { idempotencyKey: key });
    const twin = [1, 2].map(() => filing(`${community}.150602001001001`, { idempotencyKey: `twin-${key}` }));
    const { rows } = await p.handle.db.execute<{ o_index: number; o_id: string; o_number: string; o_replayed: boolean }>(
      fileEvents([...fresh, again, ...twin]),
    );
    expect(rows.map((r) => r.o_index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.slice(0, 3).map((r) => [r.o_id, r.o_replayed])).toEqual(fresh.map((f) => [f.id, false]));
    expect(new Set(rows.slice(0, 3).map((r) => r.o_number)).size).toBe(3);
    expect(rows[3]).toMatchObject({ o_id: first.id, o_replayed: true });
    // The same key twice in one batch: the first is written, the second answered with it.
    expect(rows[4]).toMatchObject({ o_id: twin[0]!.id, o_replayed: false });
    expect(rows[5]).toMatchObject({ o_id: twin[0]!.id, o_number: rows[4]!.o_number, o_replayed: true });
    expect(await countEvents([...fresh, ...twin].map((f) => f.id))).toBe(4);

    const written = [...fresh, twin[0]!].map((f) => f.id);
    const count = async (table: string, column: string, type = 'uuid') =>
      (await p.handle.query<{ n: number }>(`select count(*)::int as n from ${table} where ${column} = any($1::${type}[])`, [written])).rows[0]!.n;
    expect(await count('event_clock', 'event_id')).toBe(4);
    expect(await count('event_timeline', 'event_id')).toBe(4);
    expect(await count('event_fact', 'event_id')).toBe(4);
    expect(await count('audit_log', 'entity_id', 'text')).toBe(4);
    expect(await stats()).toBe(before + 4);
    const { rows: dupes } = await p.handle.query(`select 1 from event where id = $1`, [twin[1]!.id]);
    expect(dupes).toHaveLength(0);
  });
});

describe('the loop', () => {
  it('runs report → accept → dispatch to the grid → sign → feedback → verify → rate', async () => {
    const worker = await p.login('g150602001001001');
    const centre = await p.login('u150602001001');
    const { id } = (await report(worker, neighbourDispute())).json();

    const todo = (await centre.get('/api/events?view=todo')).json();
    expect(todo.items.map((e: { id: string }) => e.id)).toContain(id);

    expect((await act(centre, id, { action: 'accept' })).json().state).toBe('accepted');
    expect((await act(centre, id, { action: 'dispatch', lead: grid })).json().state).toBe('dispatched');
    expect((await worker.get('/api/events?view=todo')).json().items.map((e: { id: string }) => e.id)).toContain(id);
    expect((await act(worker, id, { action: 'sign' })).json().state).toBe('in_progress');
    expect((await act(worker, id, { action: 'feedback', text: '已上门调解，双方达成谅解' })).json().state).toBe('feedback');
    expect((await act(centre, id, { action: 'verify_pass' })).json().state).toBe('closed');
    expect((await act(worker, id, { action: 'rate', rating: 'satisfied' })).json().state).toBe('evaluated');

    const detail = (await centre.get(`/api/events/${id}`)).json();
    expect(detail.timeline.map((t: { action: string }) => t.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'sign',
      'feedback',
      'verify_pass',
      'rate',
    ]);
    expect(detail.clocks.map((c: { kind: string; met: boolean }) => [c.kind, c.met])).toEqual([
      ['accept', true],
      ['handle', true],
      ['verify', true],
    ]);
    expect(detail.event.rating).toBe('satisfied');
    const audit = await p.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where entity_id = $1`, [id]);
    expect(audit.rows[0]!.n).toBe(7);
  });

  it('refuses a step to the wrong person and out of order, saying why', async () => {
    const worker = await p.login('g150602001001001');
    const centre = await p.login('u150602001001');
    const { id } = (await report(worker, neighbourDispute())).json();
    const notMine = await act(worker, id, { action: 'accept' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().code).toBe('EVENT.NOT_ALLOWED');
    const early = await act(centre, id, { action: 'verify_pass' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('EVENT.NOT_IN_STATE');
    const noReason = await act(centre, id, { action: 'reject' });
    expect(noReason.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'text' });
  });

  it('gives one winner when two people act on the same revision at once', async () => {
    const worker = await p.login('g150602001001001');
    const centre = await p.login('u150602001001');
    const { id } = (await report(worker, neighbourDispute())).json();
    const { revision } = (await centre.get(`/api/events/${id}`)).json().event;
    const results = await Promise.all([
      centre.post(`/api/events/${id}/actions`, { action: 'accept', revision }),
      centre.post(`/api/events/${id}/actions`, { action: 'reject', text: '重复', revision }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { rows } = await p.handle.query<{ n: number }>(`select count(*)::int as n from event_timeline where event_id = $1`, [id]);
    expect(rows[0]!.n).toBe(2);
  });

  it('lets a grid worker settle a small matter on the spot, verified by the community', async () => {
    const worker = await p.login('g150602001001001');
    const centre = await p.login('u150602001001');
    const { id } = (await report(worker, neighbourDispute())).json();
    expect((await act(worker, id, { action: 'self_handle', text: '现场劝解，已平息' })).json().state).toBe('feedback');
    expect((await act(centre, id, { action: 'verify_pass' })).json().state).toBe('closed');
  });

  it('escalates what the street cannot settle to the district, which sends it to a department', async () => {
    const street = await p.login('u150602001');
    const district = await p.login('u150602');
    const res = await report(street, {
      categoryCode: '0301',
      description: '小区旁加工厂违规存放易燃物',
      location: { orgCode: '150602001002' },
    });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const filed = (await street.get(`/api/events/${id}`)).json();
    expect(filed.event.ownerOrgCode).toBe('150602001');
    // The operator filed it for someone else: settling it on the spot or rating it is not theirs.
    expect(filed.allowedActions).not.toContain('self_handle');
    expect((await act(street, id, { action: 'accept' })).statusCode).toBe(200);
    // Departments are district-level: the street cannot dispatch to one, so it escalates.
    const tooFar = await act(street, id, { action: 'dispatch', lead: '150602D04' });
    expect(tooFar.json()).toMatchObject({ code: 'EVENT.TARGET_INVALID', field: 'lead' });
    expect((await act(street, id, { action: 'escalate', text: '需应急管理局处置' })).json().state).toBe('reported');
    expect((await act(district, id, { action: 'accept' })).statusCode).toBe(200);
    expect((await act(district, id, { action: 'dispatch', lead: '150602D04', co: ['150602D01'] })).statusCode).toBe(200);

    const handler = await p.login('u150602D04');
    expect((await handler.get('/api/events?view=todo')).json().items.map((e: { id: string }) => e.id)).toContain(id);
    expect((await act(handler, id, { action: 'sign' })).json().state).toBe('in_progress');
    const police = await p.login('u150602D01');
    expect((await act(police, id, { action: 'answer_co_task', text: '已配合现场检查' })).statusCode).toBe(200);
    expect((await act(handler, id, { action: 'feedback', text: '已责令清理并复查' })).json().state).toBe('feedback');
    const tasks = (await district.get(`/api/events/${id}`)).json().tasks;
    expect(tasks.map((t: { kind: string; state: string }) => [t.kind, t.state])).toEqual([
      ['lead', 'answered'],
      ['co', 'answered'],
    ]);
    // The street no longer owns it but still follows it, with the departments named.
    const seenByStreet = (await street.get(`/api/events/${id}`)).json().tasks;
    expect(seenByStreet.map((t: { assigneeOrgName: string }) => t.assigneeOrgName)).toEqual(['东胜区应急管理局', '东胜区公安分局']);
  });
});

describe('GET /api/events/{id}', () => {
  it('is 400 for a malformed id and 404 outside the scope', async () => {
    const worker = await p.login('g150602001001001');
    const { id } = (await report(worker, neighbourDispute())).json();
    const other = await p.login('u150602002');
    expect((await other.get('/api/events/not-a-uuid')).json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'id' });
    expect((await other.get(`/api/events/${id}`)).statusCode).toBe(404);
    const { revision } = (await worker.get(`/api/events/${id}`)).json().event;
    expect((await other.post(`/api/events/${id}/actions`, { action: 'accept', revision })).statusCode).toBe(404);
    const department = await p.login('u150602D04');
    expect((await department.get(`/api/events/${id}`)).statusCode).toBe(404);
    expect((await department.get('/api/events?view=all')).json().items.map((e: { id: string }) => e.id)).not.toContain(id);
  });

  it('is 401 without a session', async () => {
    expect((await p.anonymous.get('/api/events')).statusCode).toBe(401);
  });
});
