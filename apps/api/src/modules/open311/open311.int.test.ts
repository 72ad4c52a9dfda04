import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';
import { createApiClient } from '../intake/index.ts';

let p: TestPlatform;
let apiKey: string;
let webhookKey: string;
let gridCenter: { lng: number; lat: number };
const base = '/open311/v2';

beforeAll(async () => {
  p = await createTestPlatform();
  apiKey = (await createApiClient(p.handle.db, p.clock, { name: '市民通 App', kind: 'open311', orgCode: '150602' })).key;
  webhookKey = (await createApiClient(p.handle.db, p.clock, { name: '视频平台', kind: 'webhook', orgCode: '150602' })).key;
  const { rows } = await p.handle.query<{ lng: number; lat: number }>(`select center_lng as lng, center_lat as lat from org_unit where code = $1`, [
    '150602001001001',
  ]);
  gridCenter = rows[0]!;
});
afterAll(async () => p.close());

function get(path: string) {
  return p.app.inject({ method: 'GET', url: `${base}/${path}` });
}

function postForm(path: string, fields: Record<string, string | number>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return p.app.inject({
    method: 'POST',
    url: `${base}/${path}`,
    payload: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  });
}

const litter = (extra: Record<string, string | number> = {}) => ({
  api_key: apiKey,
  service_code: '0603',
  lat: gridCenter.lat,
  long: gridCenter.lng,
  address_string: '吉劳庆社区新华路12号',
  description: '路边垃圾桶满溢，无人清运',
  first_name: '小明',
  last_name: '王',
  phone: '138 0013 8000',
  email: 'wxm@example.cn',
  device_id: 'ios-7F3A',
  account_id: 'acct-42',
  ...extra,
});

async function eventOf(number: string) {
  const { rows } = await p.handle.query<{ id: string; source: string; org_path: string; reporter_name: string; reporter_phone: string; state: string }>(
    `select id, source, org_path::text, reporter_name, reporter_phone, state from event where number = $1`,
    [number],
  );
  return rows[0]!;
}

async function act(c: TestClient, id: string, body: object) {
  p.clock.advance(60_000);
  const detail = (await c.get(`/api/events/${id}`)).json();
  const res = await c.post(`/api/events/${id}/actions`, { revision: detail.event.revision, ...body });
  expect(res.statusCode, res.body).toBe(200);
}

describe('discovery', () => {
  it('describes the endpoint in JSON and XML', async () => {
    const json = await get('discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toMatchObject({
      changeset: expect.any(String),
      contact: expect.stringContaining('综合治理中心'),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: expect.stringMatching(/\/open311\/v2$/),
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
    const xml = await get('discovery.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<discovery>')).toBe(true);
    expect(xml.body).toContain('<formats>\n        <format>text/xml</format>\n        <format>application/json</format>\n      </formats>');
  });
});

describe('services', () => {
  it('lists every subcategory as a realtime service grouped by its parent', async () => {
    const json = await get('services.json');
    expect(json.statusCode).toBe(200);
    const services = json.json();
    expect(services).toContainEqual({
      service_code: '0603',
      service_name: '环境卫生',
      description: expect.stringContaining('处置时限5个工作日'),
      metadata: false,
      type: 'realtime',
      keywords: '环境卫生,民生服务,卫生',
      group: '民生服务',
    });
    expect(services.map((s: { service_code: string }) => s.service_code)).not.toContain('06');
    const xml = await get('services.xml');
    expect(xml.body).toContain('<services>\n  <service>\n    <service_code>0101</service_code>');
    expect(xml.body).toContain('<metadata>false</metadata>');
  });

  it('gives a definition without attributes, and 404 in the spec’s error format for an unknown code or format', async () => {
    expect((await get('services/0603.json')).json()).toEqual({ service_code: '0603', attributes: [] });
    expect((await get('services/0603.xml')).body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_definition>\n  <service_code>0603</service_code>\n  <attributes/>\n</service_definition>\n',
    );
    const json = await get('services/0998.json');
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('0998') }]);
    const xml = await get('services/0998.xml');
    expect(xml.statusCode).toBe(404);
    expect(xml.body).toMatch(/<errors>\n {2}<error>\n {4}<code>404<\/code>\n {4}<description>.*0998.*<\/description>/);
    expect((await get('services.csv')).statusCode).toBe(404);
    expect((await get('nothing-here.json')).json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });
});

describe('POST requests', () => {
  it('is 403 without a valid open311 api_key', async () => {
    const missing = await postForm('requests.json', { ...litter(), api_key: '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual([{ code: 403, description: 'api_key was not provided' }]);
    expect((await postForm('requests.json', litter({ api_key: 'wrong-key-000000000000000000000000000' }))).statusCode).toBe(403);
    expect((await postForm('requests.json', litter({ api_key: webhookKey }))).statusCode).toBe(403);
    const xml = await postForm('requests.xml', litter({ api_key: 'wrong' }));
    expect(xml.body).toContain('<errors>\n  <error>\n    <code>403</code>');
  });

  it('is 400 naming the field for bad input, 404 for an unknown service', async () => {
    const noService = await postForm('requests.json', litter({ service_code: '' }));
    expect(noService.statusCode).toBe(400);
    expect(noService.json()[0].description).toContain('service_code');
    const unknown = await postForm('requests.json', litter({ service_code: '0998' }));
    expect(unknown.statusCode).toBe(404);
    const group = await postForm('requests.json', litter({ service_code: '06' }));
    expect(group.statusCode).toBe(404);
    const { lat: _lat, long: _long, address_string: _address, ...nowhere } = litter();
    const noPlace = await postForm('requests.json', nowhere);
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json()[0].description).toContain('location');
    const half = await postForm('requests.json', { ...nowhere, lat: 39.8 });
    expect(half.json()[0].description).toContain('lat and long');
    const phone = await postForm('requests.json', litter({ phone: 'call me' }));
    expect(phone.json()[0].description).toContain('phone');
    const media = await postForm('requests.json', litter({ media_url: 'javascript:alert(1)' }));
    expect(media.json()[0].description).toContain('media_url');
  });

  it('is 400 for a place outside the area served', async () => {
    const sanFrancisco = await postForm('requests.json', litter({ lat: 37.76524078, long: -122.4212043, address_string: '1234 5th street' }));
    expect(sanFrancisco.statusCode).toBe(400);
    expect(sanFrancisco.json()[0].description).toContain('outside the area');
    const beijing = await postForm('requests.json', litter({ lat: 39.9, long: 116.39, address_string: '' }));
    expect(beijing.statusCode).toBe(400);
    expect(beijing.json()[0].description).toContain('EVENT.LOCATION_UNKNOWN');
    const unknownStreet = await postForm('requests.json', litter({ lat: '', long: '', address_string: '长安街1号' }));
    expect(unknownStreet.statusCode).toBe(400);
  });

  it('files the request with its reporter and answers with our event number', async () => {
    const res = await postForm('requests.json', litter());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [posted] = res.json();
    expect(posted).toEqual({
      service_request_id: expect.stringMatching(/^SJ150602\d{14}$/),
      service_notice: expect.stringContaining('受理时限8个工作小时'),
      account_id: 'acct-42',
    });
    const ev = await eventOf(posted.service_request_id);
    expect(ev).toMatchObject({ source: 'open311', reporter_name: '王小明', reporter_phone: '13800138000', state: 'reported' });
    expect(ev.org_path.endsWith('.150602001001001')).toBe(true);
    const { rows } = await p.handle.query<{ data: Record<string, unknown> }>(`select data from event_timeline where event_id = $1`, [ev.id]);
    expect(rows[0]!.data).toMatchObject({ source: 'open311', deviceId: 'ios-7F3A', accountId: 'acct-42' });
  });

  it('places a request without a point by its address_id or the community its address names', async () => {
    const byName = await postForm('requests.xml', litter({ lat: '', long: '', address_string: '交通街道锦秀社区育才路8号' }));
    expect(byName.statusCode).toBe(200);
    expect(byName.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests>\n {2}<request>\n {4}<service_request_id>SJ\d+<\/service_request_id>/);
    const number = /<service_request_id>(SJ\d+)<\/service_request_id>/.exec(byName.body)![1]!;
    expect((await eventOf(number)).org_path.endsWith('.150602001002')).toBe(true);

    const byId = (await postForm('requests.json', litter({ lat: '', long: '', address_string: '', address_id: '150602002001' }))).json();
    expect((await eventOf(byId[0].service_request_id)).org_path.endsWith('.150602002001')).toBe(true);
  });

  it('files once when a client retries with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'open311-retry-0001' };
    const first = (await postForm('requests.json', litter(), headers)).json();
    const again = (await postForm('requests.json', litter(), headers)).json();
    expect(again[0].service_request_id).toBe(first[0].service_request_id);
  });
});

describe('GET requests', () => {
  let openNumber: string;
  let rejectedNumber: string;
  let disputeNumber: string;

  beforeAll(async () => {
    p.clock.advance(3_600_000);
    openNumber = (await postForm('requests.json', litter({ description: '井盖缺失 <危险> & 无警示', media_url: 'https://img.example.cn/r/1.jpg?a=1&b=2' }))).json()[0].service_request_id;
    rejectedNumber = (await postForm('requests.json', litter())).json()[0].service_request_id;
    disputeNumber = (await postForm('requests.json', litter({ service_code: '0102', description: '邻居张三(13900001111)深夜噪音' }))).json()[0].service_request_id;
    const centre = await p.login('u150602001001');
    await act(centre, (await eventOf(rejectedNumber)).id, { action: 'reject', text: '已由环卫部门当日处理' });
  });

  it('maps our states to open and closed, with the Chinese state and the rejection reason as notes', async () => {
    const res = await get(`requests.json?service_request_id=${openNumber},${rejectedNumber}`);
    expect(res.statusCode).toBe(200);
    const byId = Object.fromEntries(res.json().map((r: { service_request_id: string }) => [r.service_request_id, r]));
    expect(byId[openNumber]).toMatchObject({
      status: 'open',
      status_notes: '待受理',
      service_name: '环境卫生',
      service_code: '0603',
      description: '井盖缺失 <危险> & 无警示',
      agency_responsible: '吉劳庆社区综治中心',
      address: '吉劳庆社区新华路12号',
      address_id: '150602001001001',
      lat: gridCenter.lat,
      long: gridCenter.lng,
      expected_datetime: null,
      media_url: 'https://img.example.cn/r/1.jpg?a=1&b=2',
    });
    expect(byId[openNumber].requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(byId[rejectedNumber]).toMatchObject({ status: 'closed', status_notes: '不予受理：已由环卫部门当日处理' });
    expect(new Date(byId[rejectedNumber].updated_datetime).getTime()).toBeGreaterThan(new Date(byId[rejectedNumber].requested_datetime).getTime());
  });

  it('publishes nothing about the reporter, and neither words nor place of a dispute', async () => {
    const res = await get('requests.json');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('王小明');
    expect(res.body).not.toContain('13800138000');
    expect(res.body).not.toContain('acct-42');
    expect(res.body).not.toContain('ios-7F3A');
    const dispute = res.json().find((r: { service_request_id: string }) => r.service_request_id === disputeNumber);
    expect(dispute).toMatchObject({ service_code: '0102', status: 'open', description: null, address: null, lat: null, long: null });
    expect(res.body).not.toContain('13900001111');
  });

  it('filters by status, service and dates, and refuses bad filters', async () => {
    const closed = (await get('requests.json?status=closed')).json();
    expect(closed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([rejectedNumber]);
    const disputes = (await get('requests.json?service_code=0102,0101')).json();
    expect(disputes.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([disputeNumber]);
    const future = (await get('requests.json?start_date=2030-01-01T00:00:00Z')).json();
    expect(future).toEqual([]);
    const both = (await get('requests.json?status=open,closed&start_date=2026-03-01&end_date=2026-03-03T00:00:00%2B08:00')).json();
    expect(both.length).toBeGreaterThanOrEqual(3);

    expect((await get('requests.json?status=pending')).statusCode).toBe(400);
    const badDate = await get('requests.json?start_date=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()[0].description).toContain('start_date');
    const tooLong = await get('requests.json?start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()[0].description).toContain('90 days');
  });

  it('answers XML with escaped text', async () => {
    const xml = await get(`requests/${openNumber}.xml`);
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain('<service_requests>\n  <request>\n');
    expect(xml.body).toContain('<description>井盖缺失 &lt;危险&gt; &amp; 无警示</description>');
    expect(xml.body).toContain('<status>open</status>');
    expect(xml.body).toContain('<expected_datetime/>');
    expect(xml.body).toContain('<media_url>https://img.example.cn/r/1.jpg?a=1&amp;b=2</media_url>');
  });

  it('gets one request as a list of one, and 404 for an unknown id', async () => {
    const one = await get(`requests/${openNumber}.json`);
    expect(one.json()).toHaveLength(1);
    expect(one.json()[0].service_request_id).toBe(openNumber);
    const unknown = await get('requests/SJ15060220260302999999.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.stringContaining('SJ15060220260302999999') }]);
  });

  it('shows the handling deadline once the request is dispatched', async () => {
    const centre = await p.login('u150602001001');
    const { id } = await eventOf(openNumber);
    await act(centre, id, { action: 'accept' });
    await act(centre, id, { action: 'dispatch', lead: '150602001001001' });
    const [request] = (await get(`requests/${openNumber}.json`)).json();
    expect(request.status_notes).toBe('待签收');
    expect(new Date(request.expected_datetime).getTime()).toBeGreaterThan(p.clock.now().getTime());
  });
});

describe('tokens', () => {
  it('turns a tracking code into the request id, and 404 for anything else', async () => {
    const [posted] = (await postForm('requests.json', litter())).json();
    const { rows } = await p.handle.query<{ tracking_code: string }>(`select tracking_code from event where number = $1`, [posted.service_request_id]);
    const token = rows[0]!.tracking_code;
    expect((await get(`tokens/${token}.json`)).json()).toEqual([{ service_request_id: posted.service_request_id, token }]);
    expect((await get(`tokens/${token}.xml`)).body).toContain(`<token>${token}</token>`);
    expect((await get('tokens/ZZZZZZZZZZ.json')).statusCode).toBe(404);
    expect((await get('tokens/nonsense.json')).statusCode).toBe(404);
  });
});
