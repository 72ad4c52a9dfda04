import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
const community = '150602001001';

beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

// Each test speaks from its own address, so the per-IP limits of one test never touch another.
let nextIp = 1;
type Send = (options: { method: 'GET' | 'POST'; url: string; payload?: object | Buffer; headers?: Record<string, string> }) => Promise<LightMyRequestResponse>;
function citizen(): Send {
  const remoteAddress = `10.2.0.${nextIp++}`;
  return (options) => p.app.inject({ ...options, remoteAddress });
}

// The start of a JPEG (SOI and an APP0 marker) or a PNG, then something unique: enough for the type check.
const jpeg = (label: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`JFIF-citizen-${label}`)]);
const png = (label: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR-citizen-${label}`)]);

const upload = (send: Send, bytes: Buffer, type = 'image/jpeg') =>
  send({ method: 'POST', url: '/api/public/files', payload: bytes, headers: { 'content-type': type } });

const litter = (extra: object = {}) => ({
  categoryCode: '0603',
  description: '小区北门垃圾堆放三天无人清运，气味很大',
  location: { orgCode: community },
  ...extra,
});

async function report(send: Send, photos: string[], headers: Record<string, string> = {}) {
  const res = await send({ method: 'POST', url: '/api/public/events', payload: litter({ photos, anonymous: true }), headers });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as { number: string; trackingCode: string };
}

async function eventId(number: string): Promise<string> {
  const { rows } = await p.handle.query<{ id: string }>(`select id from event where number = $1`, [number]);
  return rows[0]!.id;
}

describe('POST /api/public/files', () => {
  it('takes a photo from anyone, typed by its bytes, and lets nobody read it back until a report carries it', async () => {
    const send = citizen();
    const res = await upload(send, jpeg('upload'));
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    expect(photo).toEqual({ id: expect.stringMatching(/^[0-9a-f]{64}$/), mime: 'image/jpeg', size: jpeg('upload').length });
    // The declared type is not believed: a PNG sent as a JPEG is kept as a PNG.
    expect((await upload(send, png('declared'), 'image/jpeg')).json().mime).toBe('image/png');
    expect((await upload(send, png('octets'), 'application/octet-stream')).json().mime).toBe('image/png');
    // Uploading the same bytes again is the same file.
    expect((await upload(send, jpeg('upload'))).json().id).toBe(photo.id);

    const { rows } = await p.handle.query<{ uploaded_by: string | null }>(`select uploaded_by from file_object where sha256 = $1`, [photo.id]);
    expect(rows).toEqual([{ uploaded_by: null }]);
    expect((await p.anonymous.get(`/api/files/${photo.id}`)).statusCode).toBe(401);
    expect((await (await p.login('u150602001001')).get(`/api/files/${photo.id}`)).statusCode).toBe(404);
  });

  it('refuses what is not a photo and a photo over 5 MB, with a 400 naming the body', async () => {
    const send = citizen();
    const text = await upload(send, Buffer.from('GIF89a — not one of the accepted types'), 'image/gif');
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'body' });
    expect(text.json().message).toContain('JPEG');
    const html = await upload(send, Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect(html.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'body' });
    const empty = await upload(send, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('body');

    const limit = 5 * 1024 * 1024;
    const atLimit = Buffer.concat([jpeg('at-limit'), Buffer.alloc(limit - jpeg('at-limit').length, 1)]);
    expect((await upload(send, atLimit)).statusCode).toBe(201);
    const over = await upload(send, Buffer.concat([atLimit, Buffer.from([0])]));
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'body' });
    expect(over.json().message).toContain('5 MB');
    const english = await send({
      method: 'POST',
      url: '/api/public/files',
      payload: Buffer.concat([atLimit, Buffer.from([0])]),
      headers: { 'content-type': 'image/jpeg', 'accept-language': 'en' },
    });
    expect(english.json().message).toBe('Invalid input: 图片不能超过 5 MB (a photo may be at most 5 MB)');

    const json = await send({ method: 'POST', url: '/api/public/files', payload: { photo: 'base64…' } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'body' });
  });

  it('limits how many photos one address may upload a minute', async () => {
    const send = citizen();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await upload(send, Buffer.alloc(0))).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 400)).toBe(true);
    expect(codes[30]).toBe(429);
    expect((await upload(send, jpeg('limited'))).json().code).toBe('AUTH.RATE_LIMITED');
    // Another address is not held back, and reporting is counted apart from uploading.
    expect((await upload(citizen(), jpeg('elsewhere'))).statusCode).toBe(201);
    expect((await send({ method: 'POST', url: '/api/public/events', payload: litter() })).statusCode).toBe(201);
  });
});

describe('OpenAPI', () => {
  it('documents the citizen’s photo routes', async () => {
    const doc = (await p.anonymous.get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/public/files', '/api/public/events/{trackingCode}/photos', '/api/public/events/{trackingCode}/photos/{id}']),
    );
    expect(doc.paths['/api/public/files'].post.security).toEqual([]);
  });
});

describe('a citizen report with photos', () => {
  it('attaches them, for the centres that may see the report and nobody else', async () => {
    const send = citizen();
    const first = (await upload(send, jpeg('report-1'))).json().id;
    const second = (await upload(send, png('report-2'), 'image/png')).json().id;
    const key = '4f0c5d2e-1a3b-4c5d-8e9f-0a1b2c3d4e5f';
    const filed = await report(send, [first, second, first], { 'idempotency-key': key });
    // A retry after a lost answer files nothing new and attaches nothing twice.
    const again = await send({ method: 'POST', url: '/api/public/events', payload: litter({ photos: [first, second], anonymous: true }), headers: { 'idempotency-key': key } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(filed);

    const id = await eventId(filed.number);
    const centre = await p.login('u150602001001');
    const detail = (await centre.get(`/api/events/${id}`)).json();
    expect(detail.attachments).toHaveLength(2);
    expect(detail.attachments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first, step: 'report', url: `/api/files/${first}` }),
        expect.objectContaining({ id: second, step: 'report', url: `/api/files/${second}` }),
      ]),
    );
    const seen = await centre.get(`/api/files/${first}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.rawPayload.equals(jpeg('report-1'))).toBe(true);
    expect((await (await p.login('u150602001')).get(`/api/files/${second}`)).statusCode).toBe(200);
    expect((await (await p.login('u150602002')).get(`/api/files/${first}`)).statusCode).toBe(404);
  });

  it('is a 400 on photos when a photo was never uploaded', async () => {
    const send = citizen();
    const res = await send({ method: 'POST', url: '/api/public/events', payload: litter({ description: '从未上传的照片', photos: ['b'.repeat(64)] }) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'photos' });
    const malformed = await send({ method: 'POST', url: '/api/public/events', payload: litter({ photos: ['../../etc/passwd'] }) });
    expect(malformed.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'photos.0' });
    const { rows } = await p.handle.query(`select 1 from event where description = '从未上传的照片'`);
    expect(rows).toEqual([]);
  });
});

describe('the citizen’s photos on the tracking page', () => {
  it('shows the reporter the photos they sent, by the tracking code', async () => {
    const send = citizen();
    const photo = (await upload(send, jpeg('mine'))).json().id;
    const { trackingCode } = await report(send, [photo]);
    const list = await send({ method: 'GET', url: `/api/public/events/${trackingCode.toLowerCase()}/photos` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual({ items: [{ id: photo, url: `/api/public/events/${trackingCode}/photos/${photo}` }] });
    const bytes = await send({ method: 'GET', url: list.json().items[0].url });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    expect(bytes.headers['x-content-type-options']).toBe('nosniff');
    expect(bytes.rawPayload.equals(jpeg('mine'))).toBe(true);

    const none = await report(send, []);
    expect((await send({ method: 'GET', url: `/api/public/events/${none.trackingCode}/photos` })).json()).toEqual({ items: [] });
    expect((await send({ method: 'GET', url: '/api/public/events/ZZZZZZZZZZ/photos' })).json().code).toBe('EVENT.NOT_FOUND');
    expect((await send({ method: 'GET', url: `/api/public/events/${trackingCode}/photos/xyz` })).json().field).toBe('id');
  });

  it('never shows a photo by its id to anyone but the report that first carried it', async () => {
    const victim = citizen();
    const photo = (await upload(victim, jpeg('private'))).json().id;
    const theirs = await report(victim, [photo]);

    // Another citizen who learnt the id (not the photo) names it in a report of their own, later.
    p.clock.advance(60_000);
    const other = citizen();
    const mine = await report(other, [photo]);
    expect((await other({ method: 'GET', url: `/api/public/events/${mine.trackingCode}/photos` })).json()).toEqual({ items: [] });
    expect((await other({ method: 'GET', url: `/api/public/events/${mine.trackingCode}/photos/${photo}` })).statusCode).toBe(404);
    // Nor through any other report's code, nor without one.
    const unrelated = await report(other, []);
    expect((await other({ method: 'GET', url: `/api/public/events/${unrelated.trackingCode}/photos/${photo}` })).statusCode).toBe(404);
    expect((await other({ method: 'GET', url: `/api/files/${photo}` })).statusCode).toBe(401);
    // The reporter still sees it.
    expect((await victim({ method: 'GET', url: `/api/public/events/${theirs.trackingCode}/photos/${photo}` })).statusCode).toBe(200);

    // A grid worker's photo is staff's, whoever names it.
    const worker = await p.login('g150602001001001');
    const staffPhoto = (
      await worker.request({ method: 'POST', url: '/api/files', payload: png('worker'), headers: { 'content-type': 'image/png' } })
    ).json().id;
    p.clock.advance(60_000);
    const named = await report(other, [staffPhoto]);
    expect((await other({ method: 'GET', url: `/api/public/events/${named.trackingCode}/photos` })).json()).toEqual({ items: [] });
    expect((await other({ method: 'GET', url: `/api/public/events/${named.trackingCode}/photos/${staffPhoto}` })).statusCode).toBe(404);
    // The same bytes uploaded anonymously afterwards stay the worker's.
    expect((await upload(other, png('worker'), 'image/png')).json().id).toBe(staffPhoto);
    const retried = await report(other, [staffPhoto]);
    expect((await other({ method: 'GET', url: `/api/public/events/${retried.trackingCode}/photos` })).json()).toEqual({ items: [] });
  });

  it('leaves the photos of later steps (a grid worker’s feedback) to staff', async () => {
    const send = citizen();
    const { number, trackingCode } = await report(send, []);
    const id = await eventId(number);
    const centre = await p.login('u150602001001');
    const worker = await p.login('g150602001001001');
    const act = async (c: typeof centre, body: object) => {
      p.clock.advance(60_000);
      const revision = (await c.get(`/api/events/${id}`)).json().event.revision;
      const res = await c.post(`/api/events/${id}/actions`, { revision, ...body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await act(centre, { action: 'accept' });
    await act(centre, { action: 'dispatch', lead: '150602001001001' });
    await act(worker, { action: 'sign' });
    const after = (
      await worker.request({ method: 'POST', url: '/api/files', payload: jpeg('after'), headers: { 'content-type': 'image/jpeg' } })
    ).json().id;
    await act(worker, { action: 'feedback', text: '已清运', photos: [after] });
    expect((await centre.get(`/api/events/${id}`)).json().attachments).toEqual([expect.objectContaining({ id: after, step: 'feedback' })]);
    expect((await send({ method: 'GET', url: `/api/public/events/${trackingCode}/photos` })).json()).toEqual({ items: [] });
    expect((await send({ method: 'GET', url: `/api/public/events/${trackingCode}/photos/${after}` })).statusCode).toBe(404);
  });
});
