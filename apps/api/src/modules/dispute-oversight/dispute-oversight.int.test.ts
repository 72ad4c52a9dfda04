import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
let district: TestClient;
let street: TestClient;
let community: TestClient;
let otherStreet: TestClient;
let gridWorker: TestClient;
let grids: string[];
const street1 = '150602001';
const place = '150602001001';
const base = '/api/dispute-oversight';

async function signIn() {
  district = await p.login('u150602');
  street = await p.login(`u${street1}`);
  community = await p.login(`u${place}`);
  otherStreet = await p.login('u150602002');
  gridWorker = await p.login(`g${grids[0]}`);
}

/** Moves the clock to a China wall-clock time; sessions idle that long expire, so everyone signs in again. */
async function travel(local: string) {
  p.clock.set(`${local}+08:00`);
  await signIn();
}

beforeAll(async () => {
  p = await createTestPlatform();
  const { rows } = await p.handle.query<{ code: string }>(`select code from org_unit where parent_code = $1 and level = 'grid' order by code`, [place]);
  grids = rows.map((r) => r.code);
  await signIn();
});
afterAll(async () => p.close());

async function auditActions(entityId: string): Promise<string[]> {
  const { rows } = await p.handle.query<{ action: string }>(`select action from audit_log where entity_id = $1 order by at, id`, [entityId]);
  return rows.map((r) => r.action);
}

let idSeq = 0;
/** A valid 18-digit ID number (checksum computed), different each call. */
function idNumber(): string {
  idSeq += 1;
  const body = `15060219800101${String(100 + idSeq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

async function registerDispute(extra: object = {}): Promise<string> {
  const res = await community.post('/api/disputes', {
    title: '楼上漏水损坏楼下装修',
    typeCode: 'neighbour',
    occurredOn: '2026-02-27',
    placeCode: place,
    address: '幸福小区3号楼',
    summary: '楼上卫生间漏水，楼下天花板受损，双方就赔偿发生争执',
    peopleInvolved: 2,
    parties: [{ role: 'applicant', name: '张伟', idNumber: idNumber() }],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('排查 screening', () => {
  const nil = (orgCode: string, period = '2026-03') => ({ orgCode, period, nothingFound: true });
  const found = (orgCode: string) => ({
    orgCode,
    period: '2026-03',
    nothingFound: false,
    items: [{ typeCode: 'neighbour', title: '楼道堆物纠纷', summary: '两户因楼道堆物争吵，已当场劝解', peopleInvolved: 2, handling: 'resolved' }],
  });

  it('is 401, 400 naming the field and 404 out of scope', async () => {
    expect((await p.anonymous.post(`${base}/screening/reports`, nil(grids[0]!))).statusCode).toBe(401);
    const noItems = await community.post(`${base}/screening/reports`, { orgCode: place, period: '2026-03', nothingFound: false });
    expect(noItems.statusCode).toBe(400);
    expect(noItems.json().field).toBe('nothingFound');
    const future = await community.post(`${base}/screening/reports`, nil(place, '2026-05'));
    expect(future.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'period' });
    const street = await community.post(`${base}/screening/reports`, nil(street1));
    expect(street.json().field).toBe('orgCode');
    const outside = await otherStreet.post(`${base}/screening/reports`, nil(place));
    expect(outside.statusCode).toBe(404);
    expect((await otherStreet.get(`${base}/screening/missing?orgCode=${street1}&period=2026-03`)).statusCode).toBe(404);
    expect((await p.anonymous.get(`${base}/screening/missing?orgCode=${street1}&period=2026-03`)).statusCode).toBe(401);
  });

  it('takes a grid worker’s 零报告 and a community’s items, and shows who is missing from the due date on', async () => {
    const first = await gridWorker.post(`${base}/screening/reports`, nil(grids[0]!));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ dueOn: '2026-03-25', late: false });
    expect(await auditActions(first.json().id)).toEqual(['screening.file']);
    expect((await gridWorker.post(`${base}/screening/reports`, nil(grids[1]!))).statusCode).toBe(404);
    expect((await community.post(`${base}/screening/reports`, found(place))).statusCode).toBe(201);

    const before = (await district.get(`${base}/screening/missing?orgCode=150602&period=2026-03`)).json();
    expect(before).toMatchObject({ due: false, missing: [] });

    await travel('2026-03-25T08:00:00');
    const due = (await street.get(`${base}/screening/missing?orgCode=${street1}&period=2026-03`)).json();
    expect(due.due).toBe(true);
    const missing = due.missing.map((m: { code: string }) => m.code);
    expect(missing).toContain(grids[1]);
    expect(missing).toContain('150602001002');
    expect(missing).not.toContain(grids[0]);
    expect(missing).not.toContain(place);
    expect(due.expected).toBe(missing.length + 2);

    const summary = (await district.get(`${base}/screening/summary?orgCode=150602&period=2026-03`)).json();
    const s1 = summary.units.find((u: { code: string }) => u.code === street1);
    expect(s1).toMatchObject({ filed: 2, nilReports: 1, items: 1, missing: s1.expected - 2 });
    expect(summary.units.find((u: { code: string }) => u.code === '150602002')).toMatchObject({ filed: 0 });

    await travel('2026-03-26T09:00:00');
    const late = await community.post(`${base}/screening/reports`, nil(grids[1]!));
    expect(late.json()).toMatchObject({ late: true });
    const reports = (await street.get(`${base}/screening/reports?orgCode=${street1}&period=2026-03`)).json();
    expect(reports.items).toHaveLength(3);
    expect(reports.items.find((r: { orgCode: string }) => r.orgCode === place)).toMatchObject({ nothingFound: false, itemCount: 1, orgName: '吉劳庆社区' });
    await travel('2026-03-02T09:00:00');
  });
});

describe('四定四包 hard cases', () => {
  const designation = (disputeId: string, extra: object = {}) => ({
    disputeId,
    leadOfficial: '王建国',
    leadOfficialTitle: '街道办事处副主任',
    handler: '李红',
    measures: '约谈双方，组织现场勘验，联系物业协助维修',
    deadline: '2026-03-20',
    ...extra,
  });

  it('is 401, 400 naming the field and 404 out of scope', async () => {
    const id = await registerDispute();
    expect((await p.anonymous.post(`${base}/hard-cases`, designation(id))).statusCode).toBe(401);
    expect((await community.post(`${base}/hard-cases`, designation(id, { deadline: '2026-03-01' }))).json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'deadline' });
    expect((await community.post(`${base}/hard-cases`, designation(id, { handler: '' }))).json().field).toBe('handler');
    expect((await otherStreet.post(`${base}/hard-cases`, designation(id))).json()).toMatchObject({ code: 'DISPUTE.NOT_FOUND' });
  });

  it('designates, records progress, shows overdue after the deadline, and closes', async () => {
    const disputeId = await registerDispute({ title: '宅基地边界纠纷' });
    const res = await community.post(`${base}/hard-cases`, designation(disputeId));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await community.post(`${base}/hard-cases`, designation(disputeId))).statusCode).toBe(409);
    expect((await otherStreet.get(`${base}/hard-cases/${id}`)).statusCode).toBe(404);

    const progress = await community.post(`${base}/hard-cases/${id}/progress`, { revision: 1, note: '已约谈双方，申请人同意等待勘验', deadline: '2026-03-25' });
    expect(progress.json()).toMatchObject({ revision: 2 });
    expect((await community.post(`${base}/hard-cases/${id}/progress`, { revision: 1, note: '重复提交' })).json().code).toBe('CONFLICT');

    await travel('2026-03-27T09:00:00');
    const overdue = (await street.get(`${base}/hard-cases?orgCode=${street1}&overdue=true`)).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(overdue.items.find((c: { id: string }) => c.id === id)).toMatchObject({ deadline: '2026-03-25', daysOverdue: 2, leadOfficial: '王建国' });
    // The case page asks for its own hard case only.
    const ofCase = (await street.get(`${base}/hard-cases?orgCode=${street1}&disputeId=${disputeId}`)).json();
    expect(ofCase.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const other = await registerDispute({ title: '楼道堆物纠纷' });
    expect((await street.get(`${base}/hard-cases?orgCode=${street1}&disputeId=${other}`)).json().items).toEqual([]);
    expect((await street.get(`${base}/hard-cases?orgCode=${street1}&disputeId=x`)).json().field).toBe('disputeId');

    const closed = await community.post(`${base}/hard-cases/${id}/close`, { revision: 2, outcome: 'resolved', result: '双方签订调解协议，物业完成维修' });
    expect(closed.json()).toMatchObject({ state: 'closed' });
    expect((await street.get(`${base}/hard-cases?orgCode=${street1}&overdue=true`)).json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect(await auditActions(id)).toEqual(['hard_case.designate', 'hard_case.progress', 'hard_case.close']);
    await travel('2026-03-02T09:00:00');
  });
});

describe('联席会议 and 督办单', () => {
  it('is 401, 400 naming the field and 404 out of scope', async () => {
    expect((await p.anonymous.post(`${base}/meetings`, { orgCode: street1, heldOn: '2026-03-05' })).statusCode).toBe(401);
    expect((await street.post(`${base}/meetings`, { orgCode: street1, heldOn: '2026-3-5' })).json().field).toBe('heldOn');
    expect((await street.post(`${base}/meetings`, { orgCode: place, heldOn: '2026-03-05' })).json().field).toBe('orgCode');
    expect((await otherStreet.post(`${base}/meetings`, { orgCode: street1, heldOn: '2026-03-05' })).statusCode).toBe(404);
    const m = (await street.post(`${base}/meetings`, { orgCode: street1, heldOn: '2026-03-05' })).json();
    expect((await otherStreet.get(`${base}/meetings/${m.id}`)).statusCode).toBe(404);
    const bad = await street.post(`${base}/meetings/${m.id}/record`, {
      revision: 1,
      attendees: [{ name: '王建国', unit: '交通街道' }],
      contact: { name: '赵敏', phone: '0477-8888888' },
      signatory: '王建国',
      decisions: [{ matter: '化解纠纷', requirements: ['按期化解'], recipientOrgCode: place, dueDate: '2026-03-01' }],
    });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'decisions.0.dueDate' });
  });

  it('prepares the agenda from hard cases, issues 督办单 with documents, and the next meeting shows what became of each', async () => {
    await travel('2026-03-02T09:00:00');
    const disputeId = await registerDispute({ title: '征地补偿款分配纠纷' });
    const hc = (await community.post(`${base}/hard-cases`, { disputeId, leadOfficial: '王建国', handler: '李红', measures: '逐户核实', deadline: '2026-03-04' })).json();

    await travel('2026-03-05T09:00:00');
    const prepared = await street.post(`${base}/meetings`, { orgCode: street1, heldOn: '2026-03-05' });
    expect(prepared.statusCode, prepared.body).toBe(201);
    const meeting = (await street.get(`${base}/meetings/${prepared.json().id}`)).json();
    expect(meeting.state).toBe('prepared');
    const unit = meeting.agenda.units.find((u: { code: string }) => u.code === place);
    expect(unit.openHardCases).toBeGreaterThanOrEqual(1);
    expect(meeting.agenda.overdue.map((c: { id: string }) => c.id)).toContain(hc.id);
    expect(meeting.agenda.previousDecisions).toEqual([]);

    const recorded = await street.post(`${base}/meetings/${meeting.id}/record`, {
      revision: meeting.revision,
      attendees: [
        { name: '王建国', unit: '交通街道办事处', title: '副主任' },
        { name: '刘警官', unit: '交通派出所' },
      ],
      minutes: '研究征地补偿款分配纠纷化解方案',
      contact: { name: '赵敏', phone: '0477-8888888' },
      signatory: '王建国',
      decisions: [
        { matter: '化解征地补偿款分配纠纷', requirements: ['3月15日前完成逐户核实', '形成分配方案报街道'], recipientOrgCode: place, dueDate: '2026-03-15', hardCaseId: hc.id },
        { matter: '排查辖区出租房屋矛盾', requirements: ['完成排查并报送清单'], recipientOrgCode: place, dueDate: '2026-03-20' },
      ],
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const [first, second] = recorded.json().decisions;
    expect(first.number).toMatch(/^交通综治督〔2026〕1号$|综治督〔2026〕1号$/);
    expect(second.number).toMatch(/〔2026〕2号$/);
    expect((await street.post(`${base}/meetings/${meeting.id}/record`, { revision: 2, attendees: [{ name: 'x', unit: 'y' }], contact: { name: 'a', phone: '1' }, signatory: 'b' })).statusCode).toBe(409);

    const pdf = await community.get(`${base}/decisions/${first.id}/supervision-order.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const docx = await street.get(`${base}/decisions/${first.id}/supervision-order.docx`);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await otherStreet.get(`${base}/decisions/${first.id}/supervision-order.pdf`)).statusCode).toBe(404);
    expect((await p.anonymous.get(`${base}/decisions/${first.id}/supervision-order.pdf`)).statusCode).toBe(401);

    const inbox = (await community.get(`${base}/decisions?orgCode=${place}&state=issued`)).json();
    expect(inbox.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([first.id, second.id]));

    await travel('2026-03-12T10:00:00');
    expect((await community.post(`${base}/decisions/${first.id}/answer`, { content: '', handler: '李红', head: '张主任' })).json().field).toBe('content');
    expect((await otherStreet.post(`${base}/decisions/${first.id}/answer`, { content: '已核实', handler: '李红', head: '张主任' })).statusCode).toBe(404);
    const answered = await community.post(`${base}/decisions/${first.id}/answer`, { content: '已完成逐户核实，分配方案已报街道', handler: '李红', head: '张主任' });
    expect(answered.json()).toMatchObject({ state: 'answered', late: false });
    expect((await community.post(`${base}/decisions/${first.id}/answer`, { content: '再次', handler: '李红', head: '张主任' })).statusCode).toBe(409);
    expect(await auditActions(first.id)).toEqual(['supervision_order.issue', 'supervision_order.answer']);
    await community.post(`${base}/hard-cases/${hc.id}/close`, { revision: 1, outcome: 'resolved', result: '分配方案经村民代表会议通过' });

    await travel('2026-04-03T09:00:00');
    const next = (await street.post(`${base}/meetings`, { orgCode: street1, heldOn: '2026-04-03' })).json();
    const agenda = (await street.get(`${base}/meetings/${next.id}`)).json().agenda;
    expect(agenda.previousDecisions.map((d: { id: string; outcome: string; hardCaseState: string | null }) => [d.id, d.outcome, d.hardCaseState])).toEqual([
      [first.id, 'answered', 'closed'],
      [second.id, 'overdue', null],
    ]);
    expect(agenda.previousDecisions[0].reply).toBe('已完成逐户核实，分配方案已报街道');
    expect(agenda.items[0]).toContain('按期回复1项');
    expect(agenda.items[0]).toContain('逾期未回复1项');
    expect(agenda.overdue.map((c: { id: string }) => c.id)).not.toContain(hc.id);
    await travel('2026-03-02T09:00:00');
  });
});

describe('民转刑 early warning', () => {
  it('keeps the rules as data that only administrators and the district centre edit, each change versioned and audited', async () => {
    expect((await p.anonymous.get(`${base}/escalation/rules`)).statusCode).toBe(401);
    const list = (await district.get(`${base}/escalation/rules`)).json();
    expect(list).toMatchObject({ countyCode: '150602', mayEdit: true });
    expect(list.rules.map((r: { code: string }) => r.code)).toEqual(['key_person', 'many_people', 'repeat_address', 'repeat_parties', 'threat_words']);
    const many = list.rules.find((r: { code: string }) => r.code === 'many_people');
    const { code: _code, updatedAt: _u, updatedBy: _b, ...body } = many;
    expect((await community.request({ method: 'PUT', url: `${base}/escalation/rules/many_people`, payload: { ...body, threshold: 3 } })).statusCode).toBe(403);
    const bad = await district.request({ method: 'PUT', url: `${base}/escalation/rules/many_people`, payload: { ...body, kind: 'repeat_parties' } });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'windowDays' });
    expect((await district.request({ method: 'PUT', url: `${base}/escalation/rules/nope`, payload: body })).statusCode).toBe(404);
    expect((await district.post(`${base}/escalation/rules`, { code: 'debt_words', name: '讨债字眼', kind: 'keywords', weight: 10, threshold: 1, keywords: ['讨债', '上门要账'] })).statusCode).toBe(201);
    expect((await district.request({ method: 'DELETE', url: `${base}/escalation/rules/debt_words` })).statusCode).toBe(200);
    const { rows } = await p.handle.query<{ action: string }>(`select action from audit_log where action like 'escalation_rule.%' order by at, id`);
    expect(rows.map((r) => r.action)).toEqual(['escalation_rule.defaults', 'escalation_rule.create', 'escalation_rule.delete']);
  });

  it('fires on registration with explanations, records the firing and routes a high-risk case to police liaison', async () => {
    const disputeId = await registerDispute({ summary: '被申请人多次扬言要报复，称要持刀上门', address: '建设路18号' });
    await p.app.escalationSettled!();
    const flags = (await community.get(`${base}/escalation/flags?orgCode=${place}&state=open`)).json();
    const flag = flags.items.find((f: { disputeId: string }) => f.disputeId === disputeId);
    expect(flag).toMatchObject({ trigger: 'registered', grade: 'medium', score: 40, routeToPolice: false });
    expect(flag.flags[0]).toMatchObject({ ruleCode: 'threat_words', ruleVersion: 1 });
    expect(flag.flags[0].explanation).toContain('“持刀”“报复”');
    expect(await auditActions(flag.id)).toEqual(['escalation.fire']);
    expect((await street.get(`${base}/escalation/flags?orgCode=${street1}`)).json().units.find((u: { code: string }) => u.code === place).open).toBeGreaterThanOrEqual(1);

    // The same facts evaluated again record nothing new.
    const again = await community.post(`${base}/escalation/disputes/${disputeId}/evaluate`);
    expect(again.json()).toMatchObject({ grade: 'medium', recordedFlagId: null });

    // A party on the key-person list adds the key_person rule: high, to police liaison.
    const keyId = idNumber();
    expect((await community.post(`${base}/escalation/key-persons`, { idNumber: keyId, name: '赵强', category: 'released_prisoner', orgCode: place })).statusCode).toBe(201);
    expect((await community.post(`${base}/escalation/key-persons`, { idNumber: '123', name: '赵强', category: 'released_prisoner', orgCode: place })).json().field).toBe('idNumber');
    const listed = (await community.get(`${base}/escalation/key-persons?orgCode=${place}`)).json().items;
    expect(listed[0].idNumber).toMatch(/^150602\*{8}/);
    const risky = await registerDispute({ summary: '双方因借款发生争执，扬言报复', address: '解放路66号', parties: [{ role: 'applicant', name: '钱某', idNumber: idNumber() }, { role: 'respondent', name: '赵强', idNumber: keyId }] });
    await p.app.escalationSettled!();
    const high = (await community.get(`${base}/escalation/flags?orgCode=${place}&routeToPolice=true`)).json().items.find((f: { disputeId: string }) => f.disputeId === risky);
    expect(high).toMatchObject({ grade: 'high', score: 80, allowedActions: ['acknowledge', 'route_to_police', 'clear'] });
    expect(high.flags.map((f: { explanation: string }) => f.explanation)).toContain('当事人赵强（刑满释放人员）在重点人员名单上');

    expect((await p.anonymous.post(`${base}/escalation/flags/${high.id}/actions`, { action: 'acknowledge' })).statusCode).toBe(401);
    expect((await otherStreet.post(`${base}/escalation/flags/${high.id}/actions`, { action: 'acknowledge' })).statusCode).toBe(404);
    expect((await community.post(`${base}/escalation/flags/${high.id}/actions`, { action: 'route_to_police', note: '请派出所介入' })).json().field).toBe('policeUnit');
    const routed = await community.post(`${base}/escalation/flags/${high.id}/actions`, { action: 'route_to_police', policeUnit: '交通派出所', note: '当事人系刑满释放人员且扬言报复，请派出所介入稳控' });
    expect(routed.json()).toMatchObject({ state: 'routed' });
    expect((await community.post(`${base}/escalation/flags/${high.id}/actions`, { action: 'clear', note: '已稳控' })).statusCode).toBe(409);
    expect(await auditActions(high.id)).toEqual(['escalation.fire', 'escalation.route_to_police']);
  });

  it('follows an edited rule: the next evaluation records a new firing with the new version', async () => {
    const disputeId = await registerDispute({ peopleInvolved: 4, address: '和平小区' });
    await p.app.escalationSettled!();
    expect((await community.post(`${base}/escalation/disputes/${disputeId}/evaluate`)).json()).toMatchObject({ grade: 'low', flags: [] });
    const many = (await district.get(`${base}/escalation/rules`)).json().rules.find((r: { code: string }) => r.code === 'many_people');
    const { code: _code, updatedAt: _u, updatedBy: _b, ...body } = many;
    const edited = await district.request({ method: 'PUT', url: `${base}/escalation/rules/many_people`, payload: { ...body, threshold: 4, weight: 60 } });
    expect(edited.json()).toMatchObject({ version: 2 });
    expect((await district.request({ method: 'PUT', url: `${base}/escalation/rules/many_people`, payload: { ...body, threshold: 4 } })).statusCode).toBe(409);
    const result = (await community.post(`${base}/escalation/disputes/${disputeId}/evaluate`)).json();
    expect(result).toMatchObject({ grade: 'high', routeToPolice: true });
    expect(result.flags[0].explanation).toBe('涉及4人，达到4人的预警阈值，有群体性事件风险');
    const history = (await community.get(`${base}/escalation/flags?orgCode=${place}&disputeId=${disputeId}`)).json().items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ trigger: 'on_demand', flags: [expect.objectContaining({ ruleCode: 'many_people', ruleVersion: 2 })] });
    expect((await otherStreet.post(`${base}/escalation/disputes/${disputeId}/evaluate`)).statusCode).toBe(404);
  });
});

describe('the API document', () => {
  it('lists the oversight endpoints with their input schemas', async () => {
    const doc = (await p.anonymous.get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths).filter((k) => k.startsWith(base)).length).toBeGreaterThanOrEqual(20);
    expect(doc.paths[`${base}/screening/reports`].post.requestBody).toBeDefined();
  });
});
