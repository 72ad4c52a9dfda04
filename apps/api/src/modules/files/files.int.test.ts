import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestClient, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
// The 8-byte PNG signature followed by an IHDR chunk: enough for the type check, and unique per test.
const png = (n: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR-photo-${n}`)]);

beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

const upload = (c: TestClient, bytes: Buffer, type = 'image/png') =>
  c.request({ method: 'POST', url: '/api/files', payload: bytes, headers: { 'content-type': type } });

describe('photos', () => {
  it('uploads a photo once, attaches it to a report, and shows it only to those who may see the event', async () => {
    const worker = await p.login('g150602001001001');
    const first = await upload(worker, png(1));
    expect(first.statusCode, first.body).toBe(201);
    const again = await upload(worker, png(1));
    expect(again.json().id).toBe(first.json().id);
    const photo = first.json().id;

    const report = await worker.post('/api/events', {
      categoryCode: '0502',
      description: '小区门口乱堆建筑垃圾',
      location: { orgCode: '150602001001001' },
      photos: [photo],
    });
    expect(report.statusCode, report.body).toBe(201);
    const centre = await p.login('u150602001001');
    const detail = (await centre.get(`/api/events/${report.json().id}`)).json();
    expect(detail.attachments).toEqual([expect.objectContaining({ id: photo, step: 'report', url: `/api/files/${photo}` })]);
    const seen = await centre.get(`/api/files/${photo}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/png');
    expect(seen.rawPayload.equals(png(1))).toBe(true);
    expect((await (await p.login('u150602002')).get(`/api/files/${photo}`)).statusCode).toBe(404);
    expect((await p.anonymous.get(`/api/files/${photo}`)).statusCode).toBe(401);
  });

  it('refuses what is not a photo, and a report naming a photo that was never uploaded', async () => {
    const worker = await p.login('g150602001001001');
    const text = await upload(worker, Buffer.from('not an image at all'));
    expect(text.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'body' });
    expect((await p.anonymous.request({ method: 'POST', url: '/api/files', payload: png(2), headers: { 'content-type': 'image/png' } })).statusCode).toBe(401);
    const report = await worker.post('/api/events', {
      categoryCode: '0502',
      description: '占道经营',
      location: { orgCode: '150602001001001' },
      photos: ['a'.repeat(64)],
    });
    expect(report.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'photos' });
    expect((await worker.get('/api/files/xyz')).json().field).toBe('id');
    const huge = await upload(worker, Buffer.concat([png(3), Buffer.alloc(10 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(400);
    expect(huge.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'body' });
    expect(huge.json().message).toContain('10 MB');
  });
});
