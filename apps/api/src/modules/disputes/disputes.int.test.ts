import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inScope } from '../../platform/db/scope.ts';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';
import { defaultCalendar } from '../events/index.ts';
import { sweepDisputeDeadlines } from './deadline-sweep.ts';

let p: TestPlatform;
let community: TestClient;
let mediatorClient: TestClient;
let otherStreet: TestClient;
const place = '150602001001';
const dayMs = 86_400_000;

/** Sessions lapse when a test moves the clock by days: every test signs in afresh. */
async function signIn() {
  community = await p.login('u150602001001');
  mediatorClient = await p.login('m150602001001');
  otherStreet = await p.login('u150602002');
}

beforeAll(async () => {
  p = await createTestPlatform();
});
beforeEach(signIn);
afterAll(async () => p.close());

const idNumber = '15060219850615001X';
const phone = '13912345678';

const windowCase = (extra: object = {}) => ({
  title: '楼上漏水损坏楼下装修',
  typeCode: 'neighbour',
  occurredOn: '2026-02-27',
  placeCode: place,
  address: '幸福小区3号楼',
  summary: '楼上卫生间漏水，楼下天花板受损，双方就赔偿发生争执',
  claims: '赔偿维修费8000元',
  peopleInvolved: 2,
  amountYuan: 8000,
  parties: [
    { role: 'applicant', name: '张伟', idNumber, phone, address: '幸福小区3号楼201' },
    { role: 'respondent', name: '李娜', phone: '13812345678' },
  ],
  ...extra,
});

async function act(c: TestClient, id: string, body: object) {
  const detail = (await c.get(`/api/disputes/${id}`)).json();
  return c.post(`/api/disputes/${id}/actions`, { revision: detail.dispute.revision, ...body });
}

async function register(c: TestClient = community, extra: object = {}): Promise<string> {
  const res = await c.post('/api/disputes', windowCase(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function committeeOf(code: string) {
  const { rows } = await p.handle.query<{ org_id: string; mediator_id: string }>(
    `select o.id as org_id, m.id as mediator_id from mediation_org o join mediator m on m.mediation_org_id = o.id
     join app_user u on u.id = m.user_id where o.org_code = $1 and o.kind = 'committee' and u.username = $2`,
    [code, `m${code}`],
  );
  return { orgId: rows[0]!.org_id, mediatorId: rows[0]!.mediator_id };
}

/** Registers, accepts and assigns to the community's 调委会 mediator who has an account. */
async function assignedCase(extra: object = {}): Promise<string> {
  const id = await register(community, extra);
  expect((await act(community, id, { action: 'accept' })).statusCode).toBe(200);
  const { orgId, mediatorId } = await committeeOf(place);
  expect((await act(community, id, { action: 'assign', mediationOrgId: orgId, mediatorId })).statusCode).toBe(200);
  return id;
}

describe('POST /api/disputes (window and referral)', () => {
  it('is 401 without a session', async () => {
    expect((await p.anonymous.post('/api/disputes', windowCase())).statusCode).toBe(401);
  });

  it('is 400 naming the field', async () => {
    const noTitle = await community.post('/api/disputes', windowCase({ title: undefined }));
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().field).toBe('title');
    const badId = await community.post('/api/disputes', windowCase({ parties: [{ role: 'applicant', name: '张伟', idNumber: '150602198506150011' }] }));
    expect(badId.json().field).toBe('parties.0.idNumber');
    const referral = await community.post('/api/disputes', windowCase({ source: 'referral' }));
    expect(referral.json().field).toBe('referral');
  });

  it('refuses a place outside the registering centre’s area', async () => {
    const res = await otherStreet.post('/api/disputes', windowCase());
    expect(res.json()).toMatchObject({ code: 'DISPUTE.TARGET_INVALID', field: 'placeCode' });
  });

  it('registers once per key, numbers the case and grades its risk with reasons', async () => {
    const body = windowCase({ summary: '双方争吵，被申请人扬言要报复', peopleInvolved: 6 });
    const first = await community.request({ method: 'POST', url: '/api/disputes', payload: body, headers: { 'idempotency-key': 'window-0001' } });
    expect(first.statusCode).toBe(201);
    const again = await community.request({ method: 'POST', url: '/api/disputes', payload: body, headers: { 'idempotency-key': 'window-0001' } });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const detail = (await community.get(`/api/disputes/${first.json().id}`)).json();
    expect(detail.dispute).toMatchObject({ state: 'registered', source: 'window', ownerOrgCode: place, riskGrade: 'high', scale: 'group' });
    expect(detail.dispute.number).toMatch(/^TJ15060220260302\d{6}$/);
    expect(detail.dispute.riskReasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['group', 'violence_words']));
    expect(detail.dispute.suggested).toEqual({ body: 'committee', method: 'people', field: null });
    expect(detail.allowedActions).toEqual(['accept', 'refuse', 'triage']);
  });

  it('takes a referral from the court', async () => {
    const res = await community.post('/api/disputes', windowCase({ source: 'referral', referral: { body: 'court', name: '东胜区人民法院', reference: '(2026)蒙0602民诉前调1号' } }));
    expect(res.statusCode).toBe(201);
    const detail = (await community.get(`/api/disputes/${res.json().id}`)).json();
    expect(detail.dispute.referral).toMatchObject({ body: 'court', name: '东胜区人民法院' });
  });
});

describe('GET /api/disputes/:id and the list', () => {
  it('is 401, 400 and 404 out of scope', async () => {
    const id = await register();
    expect((await p.anonymous.get(`/api/disputes/${id}`)).statusCode).toBe(401);
    expect((await community.get('/api/disputes/not-a-uuid')).json().field).toBe('id');
    expect((await otherStreet.get(`/api/disputes/${id}`)).json().code).toBe('DISPUTE.NOT_FOUND');
    expect((await otherStreet.post(`/api/disputes/${id}/actions`, { action: 'accept', revision: 1 })).statusCode).toBe(404);
  });

  it('masks ID numbers and phones in the list and the detail', async () => {
    const id = await register();
    const list = (await community.get(`/api/disputes?q=${encodeURIComponent('楼上漏水')}&pageSize=200`)).json();
    const item = list.items.find((i: { id: string }) => i.id === id);
    expect(item.applicant).toMatchObject({ name: '张伟', idNumber: '150602********001X', phone: '139****5678' });
    const detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(JSON.stringify(detail)).not.toContain(idNumber);
    expect(JSON.stringify(detail)).not.toContain(phone);
  });

  it('filters by state, type, unit, risk and period, and is 400 naming a bad filter', async () => {
    const id = await register(community, { typeCode: 'debt', title: '借款八万元到期不还' });
    const byType = (await community.get('/api/disputes?typeCode=debt&state=registered&orgCode=150602001001&from=2026-03-01&to=2026-03-02')).json();
    expect(byType.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(byType.items.every((i: { typeCode: string }) => i.typeCode === 'debt')).toBe(true);
    const none = (await community.get('/api/disputes?typeCode=debt&from=2025-01-01&to=2025-12-31')).json();
    expect(none.total).toBe(0);
    expect((await community.get('/api/disputes?riskGrade=extreme')).json().field).toBe('riskGrade');
    expect((await community.get('/api/disputes?orgCode=150602002001')).statusCode).toBe(404);
  });
});

describe('the mediation workflow', () => {
  it('assigns with the mediators’ load shown, mediates by video, records the agreement, follows up, and reopens', async () => {
    // A first-time applicant, so the rules grade it low (an ID number seen before would make it a repeat).
    const id = await register(community, { parties: [{ role: 'applicant', name: '陈刚', phone: '13500003333' }] });
    expect((await act(mediatorClient, id, { action: 'accept' })).statusCode).toBe(403);
    expect((await act(community, id, { action: 'accept' })).statusCode).toBe(200);
    let detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.clocks).toHaveLength(1);
    expect(new Date(detail.dispute.dueAt).getTime()).toBeGreaterThanOrEqual(new Date('2026-04-01T00:00:00+08:00').getTime());

    const triage = await act(community, id, { action: 'triage', riskGrade: 'medium' });
    expect(triage.json().field).toBe('text');
    expect((await act(community, id, { action: 'triage', riskGrade: 'medium', text: '双方情绪激动，需重点关注' })).statusCode).toBe(200);

    const bodies = (await community.get('/api/mediation-orgs?typeCode=labour')).json().items;
    expect(bodies.some((b: { suggested: boolean; field: string }) => b.suggested && b.field === 'labour')).toBe(true);
    const { orgId, mediatorId } = await committeeOf(place);
    const loadBefore = bodies.flatMap((b: { mediators: { id: string; openCases: number }[] }) => b.mediators).find((m: { id: string }) => m.id === mediatorId).openCases;
    expect((await act(community, id, { action: 'assign', mediationOrgId: orgId, mediatorId: orgId })).json().field).toBe('mediatorId');
    expect((await act(community, id, { action: 'assign', mediationOrgId: orgId, mediatorId })).statusCode).toBe(200);
    const after = (await community.get('/api/mediation-orgs')).json().items.flatMap((b: { mediators: object[] }) => b.mediators);
    expect(after.find((m: { id: string }) => m.id === mediatorId).openCases).toBe(loadBefore + 1);

    const noLink = await act(mediatorClient, id, { action: 'schedule_session', mode: 'video', scheduledAt: '2026-03-04T02:00:00.000Z' });
    expect(noLink.json().field).toBe('videoLink');
    const scheduled = await act(mediatorClient, id, {
      action: 'schedule_session',
      mode: 'video',
      scheduledAt: '2026-03-04T02:00:00.000Z',
      videoLink: 'https://meeting.example.cn/j/123456',
    });
    expect(scheduled.json().state).toBe('mediating');
    detail = (await mediatorClient.get(`/api/disputes/${id}`)).json();
    const sessionId = detail.sessions[0].id;
    expect((await act(mediatorClient, id, { action: 'record_session', sessionId, attendees: [{ name: '张伟', role: 'applicant' }] })).json().field).toBe('text');
    expect(
      (
        await act(mediatorClient, id, {
          action: 'record_session',
          sessionId,
          text: '申请人陈述漏水经过，被申请人同意承担部分维修费用。',
          attendees: [
            { name: '张伟', role: 'applicant', joinedAt: '2026-03-04T02:01:00.000Z' },
            { name: '李娜', role: 'respondent', joinedAt: '2026-03-04T02:03:00.000Z' },
          ],
        })
      ).statusCode,
    ).toBe(200);
    const dueBefore = (await community.get(`/api/disputes/${id}`)).json().dispute.dueAt;
    expect((await act(mediatorClient, id, { action: 'extend', days: 15, text: '双方同意延长调解期限' })).statusCode).toBe(200);
    const dueAfter = (await community.get(`/api/disputes/${id}`)).json().dispute.dueAt;
    expect(new Date(dueAfter).getTime() - new Date(dueBefore).getTime()).toBeGreaterThanOrEqual(15 * dayMs);

    p.clock.advance(3 * dayMs);
    await signIn();
    const agreed = await act(mediatorClient, id, { action: 'record_agreement', outcome: 'agreement', performBy: '2026-03-20', text: '被申请人赔偿维修费6000元，3月20日前付清' });
    expect(agreed.json().state).toBe('settled');
    detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.dispute).toMatchObject({ outcome: 'agreement', success: true });
    expect(detail.followUps.map((f: { dueOn: string }) => f.dueOn)).toEqual(['2026-03-12', '2026-04-04']);
    expect(detail.clocks[0]).toMatchObject({ met: true });
    expect((await act(community, id, { action: 'close' })).json().code).toBe('DISPUTE.NOT_IN_STATE');

    expect((await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'confirmed', court: '东胜区人民法院', caseNumber: '(2026)蒙0602民特1号', on: new Date(p.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10) })).statusCode).toBe(200);
    expect((await act(mediatorClient, id, { action: 'record_follow_up', method: 'phone', performance: 'performed', text: '已按约付清' })).statusCode).toBe(200);
    expect((await act(community, id, { action: 'close' })).json().state).toBe('closed');
    expect((await act(community, id, { action: 'evaluate', score: 'good', text: '调处及时' })).statusCode).toBe(200);

    // The agreement breaks down later: the case is mediated again, its first outcome kept in the history.
    const reopened = await act(community, id, { action: 'reopen', text: '被申请人反悔，拒不履行' });
    expect(reopened.json().state).toBe('assigned');
    detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.dispute).toMatchObject({ reopenCount: 1, outcome: null, success: null });
    expect(detail.clocks).toHaveLength(2);
    expect(detail.timeline.map((t: { action: string }) => t.action)).toEqual(
      expect.arrayContaining(['register', 'accept', 'assign', 'record_agreement', 'close', 'reopen']),
    );

    const { rows } = await p.handle.query<{ action: string }>(`select action from audit_log where entity_id = $1 order by seq`, [id]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['dispute.register', 'dispute.assign', 'dispute.record_agreement', 'dispute.reopen']));
  });

  it('records a failure with the next route and a stability measure', async () => {
    const id = await assignedCase();
    const res = await act(mediatorClient, id, { action: 'record_failure', nextRoute: 'litigation', text: '双方分歧过大' });
    expect(res.json().field).toBe('stabilityMeasure');
    expect((await act(mediatorClient, id, { action: 'record_failure', nextRoute: 'litigation', stabilityMeasure: '社区网格员每周走访', text: '双方分歧过大' })).json().state).toBe('failed');
    const detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.dispute).toMatchObject({ outcome: 'failed', success: false, nextRoute: 'litigation' });
    expect((await act(community, id, { action: 'reopen', text: 'x' })).json().code).toBe('DISPUTE.NOT_IN_STATE');
  });

  it('refuses with a reason only', async () => {
    const id = await register();
    expect((await act(community, id, { action: 'refuse' })).json().field).toBe('text');
    expect((await act(community, id, { action: 'refuse', text: '已进入诉讼程序' })).json().state).toBe('refused');
  });

  it('is 409 on a stale revision', async () => {
    const id = await register();
    const res = await community.post(`/api/disputes/${id}/actions`, { action: 'accept', revision: 7 });
    expect(res.json().code).toBe('CONFLICT');
  });
});

describe('personal data', () => {
  it('gives ID numbers and phones whole to the mediator and the centre only, and logs every read', async () => {
    const id = await assignedCase();
    const detail = (await mediatorClient.get(`/api/disputes/${id}`)).json();
    expect(detail.canReadPersonalData).toBe(true);
    const applicant = detail.parties.find((x: { role: string }) => x.role === 'applicant');
    const url = `/api/disputes/${id}/parties/${applicant.id}/personal-data`;
    expect((await p.anonymous.get(url)).statusCode).toBe(401);
    expect((await otherStreet.get(url)).statusCode).toBe(404);
    const street = await p.login('u150602001');
    expect((await street.get(`/api/disputes/${id}`)).json().canReadPersonalData).toBe(false);
    expect((await street.get(url)).statusCode).toBe(403);
    const whole = await mediatorClient.get(url);
    expect(whole.json()).toMatchObject({ idNumber, phone });
    expect((await community.get(url)).json().idNumber).toBe(idNumber);
    const { rows } = await p.handle.query<{ actor_name: string }>(
      `select actor_name from audit_log where action = 'dispute.personal_data_read' and entity_id = $1 order by seq`,
      [applicant.id],
    );
    expect(rows.map((r) => r.actor_name)).toEqual(['m150602001001', 'u150602001001']);
  });
});

describe('from a grid worker’s event', () => {
  it('turns a 矛盾纠纷 event into a case linked to it, once, and says so on the event’s timeline', async () => {
    const worker = await p.login('g150602001001001');
    const { rows } = await p.handle.query<{ lng: number; lat: number }>(`select center_lng as lng, center_lat as lat from org_unit where code = '150602001001001'`);
    const reported = await worker.post('/api/events', { categoryCode: '0103', description: '工地12名工人讨要工资', location: rows[0] });
    expect(reported.statusCode).toBe(201);
    const eventId = reported.json().id;
    const body = { typeCode: 'labour', peopleInvolved: 12, amountYuan: 360000, parties: [{ role: 'applicant', name: '王强', phone: '13700001111' }] };
    expect((await p.anonymous.post(`/api/events/${eventId}/dispute`, body)).statusCode).toBe(401);
    expect((await otherStreet.post(`/api/events/${eventId}/dispute`, body)).statusCode).toBe(404);
    expect((await community.post(`/api/events/${eventId}/dispute`, { ...body, typeCode: 'nope' })).json().field).toBe('typeCode');
    const { rows: owner } = await p.handle.query<{ owner_org_code: string }>(`select owner_org_code from event where id = $1`, [eventId]);
    const centre = await p.login(`u${owner[0]!.owner_org_code}`);
    const created = await centre.post(`/api/events/${eventId}/dispute`, body);
    expect(created.statusCode).toBe(201);
    expect((await centre.post(`/api/events/${eventId}/dispute`, body)).json().code).toBe('CONFLICT');
    const detail = (await centre.get(`/api/disputes/${created.json().id}`)).json();
    expect(detail.dispute).toMatchObject({ source: 'event', eventId, state: 'accepted', riskGrade: 'high' });
    expect(detail.dispute.riskReasons.map((r: { code: string }) => r.code)).toContain('group_wages');
    const eventDetail = (await centre.get(`/api/events/${eventId}`)).json();
    expect(eventDetail.timeline.find((t: { action: string }) => t.action === 'to_dispute')).toMatchObject({ text: expect.stringContaining(created.json().number) });
  });
});

describe('online application by a party', () => {
  it('files without an account and shows the applicant only their own case', async () => {
    const application = {
      title: '物业费争议',
      typeCode: 'property_mgmt',
      occurredOn: '2026-02-20',
      placeCode: '150602001002',
      summary: '物业公司停止供暖服务，业主拒交物业费',
      peopleInvolved: 1,
      applicant: { name: '赵敏', phone: '13600002222', idNumber },
      respondents: [{ name: '某物业公司' }],
    };
    expect((await p.anonymous.post('/api/public/disputes', { ...application, applicant: { name: '赵敏' } })).json().field).toBe('applicant.phone');
    const res = await p.anonymous.post('/api/public/disputes', application);
    expect(res.statusCode).toBe(201);
    const status = await p.anonymous.get(`/api/public/disputes/${res.json().trackingCode}`);
    expect(status.json()).toMatchObject({ number: res.json().number, state: 'registered', outcome: null });
    expect(status.body).not.toContain('13600002222');
    expect((await p.anonymous.get('/api/public/disputes/0000000000')).statusCode).toBe(404);
    // The district centre receives it; a community does not see a case at another community.
    const district = await p.login('u150602');
    const list = (await district.get(`/api/disputes?q=${res.json().number}`)).json();
    expect(list.items[0]).toMatchObject({ source: 'online', ownerOrgCode: '150602', applicant: { phone: '136****2222' } });
    expect((await community.get(`/api/disputes?q=${res.json().number}`)).json().total).toBe(0);
  });
});

describe('figures', () => {
  it('counts by type and drills down to the same cases', async () => {
    const a = await assignedCase({ typeCode: 'contract', title: '装修合同纠纷' });
    await act(mediatorClient, a, { action: 'schedule_session', mode: 'on_site', scheduledAt: '2026-03-05T02:00:00.000Z', place: '社区调解室' });
    await act(mediatorClient, a, { action: 'record_agreement', outcome: 'oral_agreement', text: '口头达成一致' });
    const b = await assignedCase({ typeCode: 'contract', title: '装修合同纠纷二' });
    const committeeMediatorId = (await committeeOf(place)).mediatorId;
    await act(mediatorClient, b, { action: 'record_failure', nextRoute: 'arbitration', stabilityMeasure: '定期回访', text: '未达成' });
    const today = new Date(p.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const url = `/api/disputes/figures?by=type&from=2026-01-01&to=${today}`;
    expect((await p.anonymous.get(url)).statusCode).toBe(401);
    expect((await community.get('/api/disputes/figures?by=type&from=2026-01-01')).json().field).toBe('to');
    expect((await otherStreet.get(`${url}&orgCode=150602001`)).statusCode).toBe(404);
    const figures = (await community.get(url)).json();
    const contract = figures.rows.find((r: { key: string }) => r.key === 'contract');
    expect(contract.counts).toMatchObject({ accepted: 2, resolved: 1, concluded: 2 });
    expect(contract.rates.mediationSuccessRate).toBe(0.5);
    const drill = (await community.get(`/api/disputes?${new URLSearchParams({ ...contract.filter, measure: 'resolved' })}`)).json();
    expect(drill.items.map((i: { id: string }) => i.id)).toEqual([a]);
    const byMediator = (await community.get(`/api/disputes/figures?by=mediator&from=2026-01-01&to=${today}`)).json();
    expect(byMediator.rows.find((r: { key: string }) => r.key === (committeeMediatorId))?.counts.accepted).toBeGreaterThanOrEqual(2);
    const byUnit = (await p.login('u150602')).get(`/api/disputes/figures?by=unit&from=2026-01-01&to=${today}`);
    expect((await byUnit).json().rows.map((r: { key: string }) => r.key)).toContain('15.1506.150602.150602001');
  });
});

describe('row-level security', () => {
  it('hides cases outside the scope even from a query without the service filter', async () => {
    const id = await register();
    const count = (paths: string[]) =>
      inScope(p.handle.db, paths, async (tx) => {
        const r = await tx.execute<{ cases: number; parties: number; timeline: number }>(sql`
          select (select count(*)::int from dispute_case where id = ${id}) as cases,
                 (select count(*)::int from dispute_party where dispute_id = ${id}) as parties,
                 (select count(*)::int from dispute_timeline where dispute_id = ${id}) as timeline`);
        return r.rows[0]!;
      });
    expect(await count(['15.1506.150602.150602002'])).toEqual({ cases: 0, parties: 0, timeline: 0 });
    expect(await count(['15.1506.150602.150602001'])).toEqual({ cases: 1, parties: 2, timeline: 1 });
  });
});

describe('the 化解时限 on the deadline engine', () => {
  it('fires yellow then red once each, as the clock moves, surviving a new sweeper', async () => {
    const id = await assignedCase();
    const deps = { db: p.handle.db, clock: p.clock, calendar: defaultCalendar(), bus: p.bus };
    const mine = async () => (await sweepDisputeDeadlines(deps)).filter((w) => w.disputeId === id).map((w) => w.level);
    expect(await mine()).toEqual([]);
    p.clock.advance(27 * dayMs);
    expect(await mine()).toEqual(['yellow']);
    expect(await mine()).toEqual([]);
    p.clock.advance(10 * dayMs);
    expect(await mine()).toEqual(['red']);
    expect(await mine()).toEqual([]);
    await signIn();
    const detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.dispute.overdue).toBe(true);
    expect(detail.timeline.filter((t: { action: string }) => t.action.startsWith('warning_')).map((t: { action: string }) => t.action)).toEqual([
      'warning_yellow',
      'warning_red',
    ]);
    const overdue = (await community.get(`/api/disputes?measure=openOverdue&pageSize=200`)).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(id);
  });
});
