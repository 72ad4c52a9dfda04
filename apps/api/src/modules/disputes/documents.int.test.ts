import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
let community: TestClient;
let mediatorClient: TestClient;
let otherStreet: TestClient;
let street: TestClient;
const place = '150602001001';
const dayMs = 86_400_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-dispute-documents-'));

async function signIn() {
  community = await p.login('u150602001001');
  mediatorClient = await p.login('m150602001001');
  otherStreet = await p.login('u150602002');
  street = await p.login('u150602001');
}

beforeAll(async () => {
  p = await createTestPlatform();
});
beforeEach(signIn);
afterAll(async () => {
  await p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const idNumber = '15060219850615001X';
const address = '内蒙古自治区鄂尔多斯市东胜区幸福小区3号楼201室';
const resolution = '李娜于2026年3月20日前赔偿张伟天花板维修费人民币陆仟元整；双方就本次漏水纠纷再无其他争议';

const windowCase = () => ({
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
    { role: 'applicant', name: '张伟', idNumber, phone: '13912345678', address },
    { role: 'respondent', name: '李娜', phone: '13812345678', address: '幸福小区3号楼301室' },
  ],
});

async function act(c: TestClient, id: string, body: object) {
  const detail = (await c.get(`/api/disputes/${id}`)).json();
  return c.post(`/api/disputes/${id}/actions`, { revision: detail.dispute.revision, ...body });
}

async function assignedCase(): Promise<string> {
  const res = await community.post('/api/disputes', windowCase());
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await act(community, id, { action: 'accept' })).statusCode).toBe(200);
  const { rows } = await p.handle.query<{ org_id: string; mediator_id: string }>(
    `select o.id as org_id, m.id as mediator_id from mediation_org o join mediator m on m.mediation_org_id = o.id
     join app_user u on u.id = m.user_id where o.org_code = $1 and o.kind = 'committee' and u.username = $2`,
    [place, `m${place}`],
  );
  expect((await act(community, id, { action: 'assign', mediationOrgId: rows[0]!.org_id, mediatorId: rows[0]!.mediator_id })).statusCode).toBe(200);
  return id;
}

/** Mediated on site, a written agreement recorded (or an oral one). */
async function settledCase(outcome: 'agreement' | 'oral_agreement' = 'agreement'): Promise<string> {
  const id = await assignedCase();
  expect((await act(mediatorClient, id, { action: 'schedule_session', mode: 'on_site', scheduledAt: new Date(p.clock.now().getTime() + 3_600_000).toISOString(), place: '幸福社区人民调解室' })).statusCode).toBe(200);
  const sessionId = (await mediatorClient.get(`/api/disputes/${id}`)).json().sessions[0].id;
  const held = await act(mediatorClient, id, {
    action: 'record_session',
    sessionId,
    text: '双方到场，申请人陈述漏水经过，被申请人同意赔偿。',
    attendees: [
      { name: '张伟', role: 'applicant' },
      { name: '李娜', role: 'respondent' },
    ],
  });
  expect(held.statusCode).toBe(200);
  const agreed = await act(mediatorClient, id, { action: 'record_agreement', outcome, performBy: '2026-03-20', text: resolution });
  expect(agreed.statusCode, agreed.body).toBe(200);
  return id;
}

const today = () => new Date(p.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const deadlineZh = (date: string) => {
  const [y, m, d] = plusDays(date, 30).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

function pdfText(pdf: Buffer): string {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '').replace(/第\d+页共\d+页/g, '');
}

async function docxText(docx: Buffer): Promise<string> {
  expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, '');
}

async function generatedAudit(id: string) {
  const { rows } = await p.handle.query<{ actor_name: string; detail: { kind: string; format: string } }>(
    `select actor_name, detail from audit_log where action = 'dispute.document_generated' and entity_id = $1 order by at, seq`,
    [id],
  );
  return rows.map((r) => ({ by: r.actor_name, kind: r.detail.kind, format: r.detail.format }));
}

describe('GET /api/disputes/:id/documents/agreement.pdf|.docx', () => {
  it('is 401, 404 out of scope, 403 for those who may not read personal data whole, 400 for a bad id, 409 before a written agreement', async () => {
    const id = await assignedCase();
    const url = `/api/disputes/${id}/documents/agreement.pdf`;
    expect((await p.anonymous.get(url)).statusCode).toBe(401);
    expect((await otherStreet.get(url)).json().code).toBe('DISPUTE.NOT_FOUND');
    expect((await street.get(url)).statusCode).toBe(403);
    expect((await community.get('/api/disputes/nope/documents/agreement.pdf')).json().field).toBe('id');
    const early = await mediatorClient.get(url);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('DISPUTE.NOT_IN_STATE');
    expect((await community.get(`/api/disputes/${id}/documents/agreement.docx`)).statusCode).toBe(409);
    expect(await generatedAudit(id)).toEqual([]);

    const oral = await settledCase('oral_agreement');
    expect((await mediatorClient.get(`/api/disputes/${oral}/documents/agreement.pdf`)).statusCode).toBe(409);
    expect((await mediatorClient.get(`/api/disputes/${oral}/documents/judicial-confirmation.pdf`)).statusCode).toBe(409);
    expect((await mediatorClient.get(`/api/disputes/${oral}`)).json().documents.agreement.available).toBe(false);
  });

  it('gives the mediator and the centre the agreement with the parties whole and the agreed content, audits each, and records the first generation', async () => {
    const id = await settledCase();
    const before = (await community.get(`/api/disputes/${id}`)).json();
    expect(before.documents.agreement).toMatchObject({ available: true, generatedAt: null, signedOn: null, number: `〔2026〕调字第${before.dispute.number}号` });
    expect(before.allowedActions).toContain('record_signing');

    const pdf = await mediatorClient.get(`/api/disputes/${id}/documents/agreement.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const disposition = String(pdf.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`人民调解协议书-${before.dispute.number}.pdf`)}`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"/);
    const text = pdfText(pdf.rawPayload);
    for (const expected of ['人民调解协议书', '张伟', '李娜', idNumber, address, '陆仟元整', '邻里纠纷', before.dispute.mediatorName, before.dispute.mediationOrgName, '幸福社区人民调解室', '2026年3月20日前履行完毕']) {
      expect(text).toContain(expected);
    }
    // The applicant's ID number gives the gender and birth date.
    expect(text).toContain('1985年6月15日');

    const docx = await community.get(`/api/disputes/${id}/documents/agreement.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(String(docx.headers['content-disposition'])).toContain(encodeURIComponent('人民调解协议书'));
    const words = await docxText(docx.rawPayload);
    for (const expected of ['张伟', '李娜', idNumber, '陆仟元整']) expect(words).toContain(expected);

    expect(await generatedAudit(id)).toEqual([
      { by: 'm150602001001', kind: 'agreement', format: 'pdf' },
      { by: 'u150602001001', kind: 'agreement', format: 'docx' },
    ]);
    const after = (await community.get(`/api/disputes/${id}`)).json();
    expect(after.documents.agreement.generatedAt).toBe(p.clock.now().toISOString());
  });
});

describe('signing the agreement', () => {
  it('records who recorded the signing and when it was signed, once, not before the agreement', async () => {
    const id = await settledCase();
    const agreedOn = today();
    const early = await act(mediatorClient, id, { action: 'record_signing', signedOn: plusDays(agreedOn, -1) });
    expect(early.statusCode).toBe(400);
    expect(early.json().field).toBe('signedOn');
    expect((await act(mediatorClient, id, { action: 'record_signing' })).json().field).toBe('signedOn');
    expect((await act(street, id, { action: 'record_signing', signedOn: agreedOn })).statusCode).toBe(403);
    expect((await act(mediatorClient, id, { action: 'record_signing', signedOn: agreedOn })).statusCode).toBe(200);
    const detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.documents.agreement).toMatchObject({ signedOn: agreedOn, signedBy: expect.any(String) });
    expect(detail.documents.judicialConfirmation.deadline).toBe(plusDays(agreedOn, 30));
    expect(detail.allowedActions).not.toContain('record_signing');
    expect(detail.timeline.find((t: { action: string }) => t.action === 'record_signing')).toMatchObject({ data: { signedOn: agreedOn } });
    expect((await act(mediatorClient, id, { action: 'record_signing', signedOn: agreedOn })).json().code).toBe('DISPUTE.NOT_IN_STATE');
    const { rows } = await p.handle.query(`select 1 from audit_log where action = 'dispute.record_signing' and entity_id = $1`, [id]);
    expect(rows).toHaveLength(1);
  });
});

describe('GET /api/disputes/:id/documents/judicial-confirmation.pdf|.docx and the court’s answer', () => {
  it('is 401, 404, 403 and 409 like the agreement', async () => {
    const id = await assignedCase();
    const url = `/api/disputes/${id}/documents/judicial-confirmation.pdf`;
    expect((await p.anonymous.get(url)).statusCode).toBe(401);
    expect((await otherStreet.get(url)).statusCode).toBe(404);
    expect((await street.get(url)).statusCode).toBe(403);
    expect((await mediatorClient.get(url)).statusCode).toBe(409);
  });

  it('applies within 30 days to the county court or the one named, then records applied, confirmed with its case number, and stops', async () => {
    const id = await settledCase();
    const agreedOn = today();
    const base = `/api/disputes/${id}/documents/judicial-confirmation`;

    const pdf = await mediatorClient.get(`${base}.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(String(pdf.headers['content-disposition'])).toContain(encodeURIComponent('司法确认申请书'));
    const text = pdfText(pdf.rawPayload);
    for (const expected of ['司法确认申请书', '张伟', '李娜', idNumber, '鄂尔多斯市东胜区人民法院', '陆仟元整', '人民调解法》第三十三条', `申请期限至${deadlineZh(agreedOn)}`]) {
      expect(text).toContain(expected);
    }
    // The legal basis is stated once, by the document's closing paragraph.
    expect(text.split('第二百零五条').length - 1).toBe(1);

    const named = await community.get(`${base}.docx?court=${encodeURIComponent('鄂尔多斯市中级人民法院')}&applicationDate=${plusDays(agreedOn, 30)}`);
    expect(named.statusCode).toBe(200);
    expect(await docxText(named.rawPayload)).toContain('鄂尔多斯市中级人民法院');

    const late = await mediatorClient.get(`${base}.pdf?applicationDate=${plusDays(agreedOn, 31)}`);
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'applicationDate' });
    expect(late.json().message).toContain('30日');
    const before = await mediatorClient.get(`${base}.pdf?applicationDate=${plusDays(agreedOn, -1)}`);
    expect(before.json().field).toBe('applicationDate');
    expect((await mediatorClient.get(`${base}.pdf?applicationDate=2026-3-1`)).json().field).toBe('applicationDate');
    expect(await generatedAudit(id)).toEqual([
      { by: 'm150602001001', kind: 'judicial-confirmation', format: 'pdf' },
      { by: 'u150602001001', kind: 'judicial-confirmation', format: 'docx' },
    ]);

    // The court's answer, through the workflow.
    p.clock.advance(2 * dayMs);
    await signIn();
    const court = '鄂尔多斯市东胜区人民法院';
    const future = await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'applied', court, on: plusDays(today(), 1) });
    expect(future.json().field).toBe('on');
    expect((await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'applied', court, on: today() })).statusCode).toBe(200);
    let detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.documents.judicialConfirmation).toMatchObject({ available: true, state: 'applied', court, on: today() });
    // The case's court is the default from now on.
    const again = await mediatorClient.get(`${base}.pdf`);
    expect(pdfText(again.rawPayload)).toContain(court);

    const noNumber = await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'confirmed', court, on: today() });
    expect(noNumber.json().field).toBe('caseNumber');
    const caseNumber = '(2026)蒙0602民特12号';
    expect((await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'confirmed', court, caseNumber, on: today() })).statusCode).toBe(200);
    detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.documents.judicialConfirmation).toMatchObject({ available: false, state: 'confirmed', caseNumber, reason: null });
    expect(detail.dispute.judicialState).toBe('confirmed');
    expect(detail.allowedActions).not.toContain('record_judicial');
    const confirmed = await mediatorClient.get(`${base}.pdf`);
    expect(confirmed.statusCode).toBe(409);
    expect((await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'rejected', court, on: today(), text: 'x' })).json().code).toBe('DISPUTE.NOT_IN_STATE');
    // The agreement itself can still be printed.
    expect((await mediatorClient.get(`/api/disputes/${id}/documents/agreement.pdf`)).statusCode).toBe(200);
  });

  it('refuses an application recorded after the 30 days, records a rejection with its reason, and a reopened case starts afresh', async () => {
    const id = await settledCase();
    const agreedOn = today();
    p.clock.advance(31 * dayMs);
    await signIn();
    const court = '鄂尔多斯市东胜区人民法院';
    const late = await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'applied', court, on: today() });
    expect(late.statusCode).toBe(400);
    expect(late.json().field).toBe('on');
    expect((await mediatorClient.get(`/api/disputes/${id}/documents/judicial-confirmation.pdf`)).json().field).toBe('applicationDate');
    expect((await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'applied', court, on: plusDays(agreedOn, 30) })).statusCode).toBe(200);

    expect((await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'rejected', court, on: today() })).json().field).toBe('text');
    const reason = '协议内容涉及案外人利益';
    expect((await act(mediatorClient, id, { action: 'record_judicial', judicialState: 'rejected', court, on: today(), text: reason })).statusCode).toBe(200);
    let detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.documents.judicialConfirmation).toMatchObject({ available: false, state: 'rejected', reason });
    expect((await mediatorClient.get(`/api/disputes/${id}/documents/judicial-confirmation.docx`)).statusCode).toBe(409);

    expect((await act(community, id, { action: 'reopen', text: '法院驳回，重新调解' })).statusCode).toBe(200);
    detail = (await community.get(`/api/disputes/${id}`)).json();
    expect(detail.documents).toEqual({
      agreement: { available: false, number: null, date: null, generatedAt: null, signedOn: null, signedBy: null },
      judicialConfirmation: { available: false, deadline: null, state: null, court: null, caseNumber: null, on: null, reason: null },
    });
    expect(detail.timeline.find((t: { action: string }) => t.action === 'reopen').data.previousJudicial).toMatchObject({ state: 'rejected', court });
  });
});

describe('the API document', () => {
  it('lists the four document routes', async () => {
    const doc = (await p.anonymous.get('/api/openapi.json')).json();
    for (const file of ['agreement.pdf', 'agreement.docx', 'judicial-confirmation.pdf', 'judicial-confirmation.docx']) {
      expect(doc.paths[`/api/disputes/{id}/documents/${file}`]?.get).toBeDefined();
    }
  });
});
