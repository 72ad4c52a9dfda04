import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportEvent } from '@shizhi/domain';
import { ApiError } from '../../lib/api-client.ts';
import type { ReportResult } from '../../lib/events-api.ts';
import { Outbox, type OutboxDeps, type OutboxProgress } from './outbox.ts';
import { legacyStorageKey, MemoryOutboxStore, readLegacyQueue } from './outbox-store.ts';

const body: ReportEvent = { categoryCode: '0301', description: '仓库旁堆放液化气瓶', location: { orgCode: '150602001001001' } };
const sha = (n: number) => String(n).repeat(64).slice(0, 64);

function photo(bytes: number): Blob {
  return new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
}

/** A fake API: uploads answer with an id per blob size, reports with a number; failures are queued per call. */
function fakeApi() {
  const uploads: number[] = [];
  const reports: { body: ReportEvent; key: string }[] = [];
  const uploadFailures: (Error | null)[] = [];
  const reportFailures: (Error | null)[] = [];
  let keys = 0;
  const deps: OutboxDeps = {
    uploadPhoto: async (blob, onProgress) => {
      const failure = uploadFailures.shift();
      if (failure) throw failure;
      onProgress(0.5);
      onProgress(1);
      uploads.push(blob.size);
      return sha(blob.size % 10);
    },
    postReport: async (b, key): Promise<ReportResult> => {
      const failure = reportFailures.shift();
      if (failure) throw failure;
      reports.push({ body: b, key });
      return { id: 'e1', number: 'SJ1', trackingCode: 'ABCDEFGHJK', replayed: reports.length > 1 };
    },
    isOnline: () => true,
    newKey: () => `key-${++keys}`,
    now: () => new Date('2026-03-02T01:00:00Z'),
  };
  return { deps, uploads, reports, uploadFailures, reportFailures };
}

const offline = () => new ApiError(0, { code: 'NETWORK', message: '无法连接服务器' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('Outbox with photos', () => {
  it('uploads each photo, then files the report once with their ids, and lets go of the bytes', async () => {
    const api = fakeApi();
    const outbox = new Outbox(new MemoryOutboxStore(), api.deps);
    const seen: OutboxProgress[] = [];
    outbox.subscribe(() => {
      const p = outbox.progress().get('key-1');
      if (p) seen.push(p);
    });
    const item = await outbox.add(body, '安全隐患：液化气瓶', [photo(1001), photo(2002)]);
    await outbox.whenIdle();

    expect(api.uploads).toEqual([1001, 2002]);
    expect(api.reports).toEqual([{ key: item.key, body: { ...body, photos: [sha(1), sha(2)] } }]);
    const [sent] = outbox.items();
    expect(sent).toMatchObject({ status: 'sent', number: 'SJ1', photoCount: 2, photos: [] });
    // Progress went through the photos by bytes, then the report, and is cleared once filed.
    expect(seen.some((p) => p.stage === 'photos' && p.photosDone === 1 && p.fraction > 0.3 && p.fraction < 1)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ stage: 'report', photosDone: 2, photosTotal: 2 });
    expect(outbox.progress().size).toBe(0);
  });

  it('keeps a report whose upload broke off, and next time sends only the photos not yet uploaded, under the same key', async () => {
    const api = fakeApi();
    const outbox = new Outbox(new MemoryOutboxStore(), api.deps);
    api.uploadFailures.push(null, offline());
    const item = await outbox.add(body, 'x', [photo(1001), photo(2002)]);
    await outbox.whenIdle();
    expect(outbox.items()[0]).toMatchObject({ status: 'pending', attempts: 1, error: '无法连接服务器' });
    expect(outbox.items()[0]!.photos.map((p) => p.uploadedId)).toEqual([sha(1), null]);
    expect(api.reports).toEqual([]);

    // The answer to the report is lost on the way back: the report is sent again with its one key.
    api.reportFailures.push(offline());
    await outbox.flush();
    await outbox.flush();
    expect(api.uploads).toEqual([1001, 2002]);
    expect(api.reports.map((r) => r.key)).toEqual([item.key]);
    expect(outbox.items()[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('marks a report the API refuses as failed, and sends it again with its key when asked', async () => {
    const api = fakeApi();
    const outbox = new Outbox(new MemoryOutboxStore(), api.deps);
    api.reportFailures.push(new ApiError(400, { code: 'EVENT.CATEGORY_UNKNOWN', message: '事件分类不存在' }));
    const item = await outbox.add(body, 'x', [photo(1001)]);
    await outbox.whenIdle();
    expect(outbox.items()[0]).toMatchObject({ status: 'failed', error: '事件分类不存在' });
    // A failed report keeps its photos (already uploaded) until it is sent or removed.
    expect(outbox.items()[0]!.photos).toHaveLength(1);

    await outbox.retry(item.key);
    await outbox.whenIdle();
    expect(api.uploads).toEqual([1001]);
    expect(api.reports).toEqual([{ key: item.key, body: { ...body, photos: [sha(1)] } }]);
    expect(outbox.items()[0]!.status).toBe('sent');
  });

  it('keeps waiting, without giving up, when the session has ended', async () => {
    const api = fakeApi();
    const outbox = new Outbox(new MemoryOutboxStore(), api.deps);
    api.uploadFailures.push(new ApiError(401, { code: 'AUTH.UNAUTHENTICATED', message: '请先登录' }));
    await outbox.add(body, 'x', [photo(5)]);
    await outbox.whenIdle();
    expect(outbox.items()[0]).toMatchObject({ status: 'pending', error: '请先登录' });
    await outbox.remove(outbox.items()[0]!.key);
    expect(outbox.items()).toHaveLength(1);
  });

  it('files a report without photos as before, with no photos field', async () => {
    const api = fakeApi();
    const outbox = new Outbox(new MemoryOutboxStore(), api.deps);
    await outbox.add(body, 'x');
    await outbox.whenIdle();
    expect(api.reports[0]!.body).toEqual(body);
  });
});

describe('the queue of an older page (localStorage)', () => {
  it('is read into rows of the new store, without photos', () => {
    const legacy = [
      { key: 'k1', createdAt: '2026-03-01T00:00:00Z', body, summary: 's', status: 'pending', attempts: 2, lastAttemptAt: null, error: null, eventId: null, number: null, trackingCode: null },
      { nonsense: true },
    ];
    const storage = { getItem: (key: string) => (key === legacyStorageKey('u1') ? JSON.stringify(legacy) : null) };
    expect(readLegacyQueue(storage, 'u1')).toEqual([{ ...legacy[0], photos: [], photoCount: 0 }]);
    expect(readLegacyQueue(storage, 'u2')).toEqual([]);
    expect(readLegacyQueue({ getItem: () => '{broken' }, 'u1')).toEqual([]);
  });
});
