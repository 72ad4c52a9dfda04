import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { createApiClient } from './index.ts';

let p: TestPlatform;
let cameras: { id: string; key: string };
let otherPlatform: { id: string; key: string };
let open311Key: string;
let gridCenter: { lng: number; lat: number };
let foreignGridCenter: { lng: number; lat: number };

async function centreOf(code: string) {
  const { rows } = await p.handle.query<{ lng: number; lat: number }>(`select center_lng as lng, center_lat as lat from org_unit where code = $1`, [code]);
  return rows[0]!;
}

beforeAll(async () => {
  p = await createTestPlatform();
  // The camera platform of 交通街道 may report only there.
  cameras = await createApiClient(p.handle.db, p.clock, { name: '交通街道雪亮工程平台', kind: 'webhook', orgCode: '150602001' });
  otherPlatform = await createApiClient(p.handle.db, p.clock, { name: '区城管视频平台', kind: 'webhook', orgCode: '150602' });
  open311Key = (await createApiClient(p.handle.db, p.clock, { name: '12345 热线', kind: 'open311', orgCode: '150602' })).key;
  gridCenter = await centreOf('150602001001001');
  foreignGridCenter = await centreOf('150602002001001');
});
afterAll(async () => p.close());

const alert = (extra: object = {}) => ({
  categoryCode: '0401',
  description: 'AI识别：消防通道有车辆违停超过10分钟',
  location: { ...gridCenter, address: '吉劳庆社区3号楼东侧消防通道' },
  externalId: 'alarm-20260302-0001',
  evidence: { snapshotUrl: 'https://video.example.cn/snap/0001.jpg', cameraCode: '15060200001310000123', confidence: 0.93 },
  ...extra,
});

function post(key: string | null, payload: object) {
  return p.app.inject({ method: 'POST', url: '/api/intake/webhook', payload, headers: key ? { 'x-api-key': key } : {} });
}

describe('createApiClient', () => {
  it('returns the key once and keeps only its hash and prefix, audited', async () => {
    const { rows } = await p.handle.query<{ key_hash: string; key_prefix: string; org_path: string; kind: string; active: boolean }>(
      `select key_hash, key_prefix, org_path::text, kind, active from api_client where id = $1`,
      [cameras.id],
    );
    expect(rows[0]).toEqual({
      key_hash: createHash('sha256').update(cameras.key).digest('hex'),
      key_prefix: cameras.key.slice(0, 6),
      org_path: '15.1506.150602.150602001',
      kind: 'webhook',
      active: true,
    });
    expect(cameras.key.length).toBeGreaterThanOrEqual(40);
    const audit = await p.handle.query<{ action: string; detail: Record<string, unknown> }>(
      `select action, detail from audit_log where entity_id = $1`,
      [cameras.id],
    );
    expect(audit.rows).toEqual([{ action: 'api_client.created', detail: expect.objectContaining({ kind: 'webhook', keyPrefix: cameras.key.slice(0, 6) }) }]);
    expect(JSON.stringify(audit.rows)).not.toContain(cameras.key);
  });

  it('refuses an unknown org unit', async () => {
    await expect(createApiClient(p.handle.db, p.clock, { name: '无处', kind: 'webhook', orgCode: '150699' })).rejects.toMatchObject({
      code: 'ORG.NOT_FOUND',
    });
  });
});

describe('POST /api/intake/webhook', () => {
  it('is 401 without a key, with an unknown key, with another kind’s key and with a disabled key', async () => {
    expect((await post(null, alert())).statusCode).toBe(401);
    const unknown = await post('not-a-real-key-0000000000000000000000000', alert());
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('AUTH.API_KEY_INVALID');
    expect((await post(open311Key, alert())).statusCode).toBe(401);

    const spare = await createApiClient(p.handle.db, p.clock, { name: '停用的平台', kind: 'webhook', orgCode: '150602' });
    await p.handle.query(`update api_client set active = false where id = $1`, [spare.id]);
    expect((await post(spare.key, alert())).statusCode).toBe(401);
  });

  it('is 400 naming the field for bad input', async () => {
    const noId = await post(cameras.key, alert({ externalId: undefined }));
    expect(noId.statusCode).toBe(400);
    expect(noId.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'externalId' });
    const confidence = await post(cameras.key, alert({ externalId: 'x-1', evidence: { confidence: 2 } }));
    expect(confidence.json()).toMatchObject({ field: 'evidence.confidence' });
    const url = await post(cameras.key, alert({ externalId: 'x-2', evidence: { snapshotUrl: 'ftp://x/1.jpg' } }));
    expect(url.json()).toMatchObject({ field: 'evidence.snapshotUrl' });
    const noText = await post(cameras.key, alert({ externalId: 'x-3', description: '' }));
    expect(noText.json()).toMatchObject({ field: 'description' });
  });

  it('refuses a place outside the area the key was issued for', async () => {
    const point = await post(cameras.key, alert({ externalId: 'far-1', location: foreignGridCenter }));
    expect(point.statusCode).toBe(400);
    expect(point.json()).toMatchObject({ code: 'EVENT.LOCATION_UNKNOWN', field: 'location' });
    const chosen = await post(cameras.key, alert({ externalId: 'far-2', location: { orgCode: '150602002001' } }));
    expect(chosen.json()).toMatchObject({ code: 'EVENT.LOCATION_UNKNOWN' });
    // The district-wide platform may report there.
    expect((await post(otherPlatform.key, alert({ externalId: 'far-3', location: foreignGridCenter }))).statusCode).toBe(201);
  });

  it('files the alert as a machine report with its evidence on the timeline, once per externalId', async () => {
    const first = await post(cameras.key, alert());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ replayed: false, number: expect.stringMatching(/^SJ150602/) });
    const again = await post(cameras.key, alert());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, number: first.json().number, replayed: true });

    const { rows } = await p.handle.query<{ source: string; grid_code: string; reporter_name: string; idempotency_key: string }>(
      `select source, grid_code, reporter_name, idempotency_key from event where id = $1`,
      [first.json().id],
    );
    expect(rows[0]).toEqual({
      source: 'machine',
      grid_code: '150602001001001',
      reporter_name: '交通街道雪亮工程平台',
      idempotency_key: `${cameras.id}:alarm-20260302-0001`,
    });
    const timeline = await p.handle.query<{ data: Record<string, unknown> }>(`select data from event_timeline where event_id = $1`, [first.json().id]);
    expect(timeline.rows).toEqual([
      {
        data: expect.objectContaining({
          source: 'machine',
          externalId: 'alarm-20260302-0001',
          evidence: { snapshotUrl: 'https://video.example.cn/snap/0001.jpg', cameraCode: '15060200001310000123', confidence: 0.93 },
        }),
      },
    ]);
    const audit = await p.handle.query<{ actor_name: string }>(`select actor_name from audit_log where entity_id = $1`, [first.json().id]);
    expect(audit.rows[0]!.actor_name).toBe(`webhook:${cameras.key.slice(0, 6)}:交通街道雪亮工程平台`);

    // Another platform's alert with the same id is a different alert.
    const other = await post(otherPlatform.key, alert());
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
  });

  it('shows the alert to the community centre like any other report', async () => {
    const filed = (await post(cameras.key, alert({ externalId: 'alarm-visible' }))).json();
    const centre = await p.login('u150602001001');
    const detail = (await centre.get(`/api/events/${filed.id}`)).json();
    expect(detail.event).toMatchObject({ source: 'machine', state: 'reported', ownerOrgCode: '150602001001' });
  });
});
