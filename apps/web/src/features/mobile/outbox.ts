import { useSyncExternalStore } from 'react';
import type { ReportEvent } from '@shizhi/domain';
import { isApiError } from '../../lib/api-client.ts';
import { postReport, type ReportResult } from '../../lib/events-api.ts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { uploadPhoto } from '../../lib/photos.ts';
import { openOutboxStore, type OutboxItem, type OutboxStore } from './outbox-store.ts';

export type { OutboxItem, OutboxPhoto, OutboxStatus } from './outbox-store.ts';

/**
 * 待发送队列: a grid worker's reports, with their photos, wait on the phone (IndexedDB) until the
 * API has filed them.
 *
 * - The Idempotency-Key is made once, when the report is created, and stored with it: however often
 *   the report is sent (retries, a reopened page, a second tab), the API files it once.
 * - Sending a report is: upload each photo not yet uploaded (POST /api/files; uploads are named by
 *   their content, so uploading one again is harmless), remember its id, then POST the report with
 *   the ids in `photos` and the report's one key.
 * - A report is sent at once when online, else when the browser says it is online again, or when
 *   the page is opened again; network failures, 5xx, 409 and 429 are retried with back-off.
 * - Any other 4xx means the report itself is wrong (a category or place the API refuses, a photo it
 *   cannot read): it is marked failed with the API's message instead of being retried forever.
 */

/** How far the report being sent has got: its photos, then the report itself. */
export interface OutboxProgress {
  stage: 'photos' | 'report';
  photosDone: number;
  photosTotal: number;
  /** 0–1 over all the photos' bytes. */
  fraction: number;
}

export interface OutboxDeps {
  uploadPhoto(blob: Blob, onProgress: (fraction: number) => void): Promise<string>;
  postReport(body: ReportEvent, key: string): Promise<ReportResult>;
  isOnline(): boolean;
  /** Runs `work` alone among this user's tabs (Web Locks); without it, runs it directly. */
  exclusive?: (work: () => Promise<void>) => Promise<void>;
  /** Tells the user's other tabs that the queue changed. */
  announce?: () => void;
  newKey?: () => string;
  now?: () => Date;
}

const keptSent = 20;
const maxDelayMs = 60_000;

type Outcome = 'sent' | 'failed' | 'retry' | 'offline' | 'signed-out';

function retryable(status: number): boolean {
  return status === 0 || status === 409 || status === 429 || status >= 500;
}

/** Newest first, as the list shows them. */
function newestFirst(items: OutboxItem[]): OutboxItem[] {
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.key.localeCompare(b.key));
}

export class Outbox {
  private snapshot: readonly OutboxItem[] = [];
  private progressSnapshot: ReadonlyMap<string, OutboxProgress> = new Map();
  private loadedOnce = false;
  private readonly listeners = new Set<() => void>();
  private readonly store: Promise<OutboxStore>;
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  onSent: ((item: OutboxItem) => void) | null = null;

  constructor(
    store: OutboxStore | Promise<OutboxStore>,
    private readonly deps: OutboxDeps,
  ) {
    this.store = Promise.resolve(store);
    void this.reload();
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Reads the queue again (after a change here or in another tab) and tells the page. */
  async reload(): Promise<void> {
    const store = await this.store;
    this.snapshot = newestFirst(await store.list());
    this.loadedOnce = true;
    this.notify();
  }

  private async changed(): Promise<void> {
    await this.reload();
    this.deps.announce?.();
  }

  private async patch(key: string, change: Partial<OutboxItem>): Promise<OutboxItem | undefined> {
    const store = await this.store;
    const item = await store.update(key, (current) => ({ ...current, ...change }));
    await this.changed();
    return item;
  }

  private setProgress(key: string, progress: OutboxProgress | null): void {
    const next = new Map(this.progressSnapshot);
    if (progress) next.set(key, progress);
    else next.delete(key);
    this.progressSnapshot = next;
    this.notify();
  }

  items(): readonly OutboxItem[] {
    return this.snapshot;
  }

  /** False until the queue has been read from the phone's storage once. */
  loaded(): boolean {
    return this.loadedOnce;
  }

  progress(): ReadonlyMap<string, OutboxProgress> {
    return this.progressSnapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the queue survives closing the page (IndexedDB); false in a browser that blocks it. */
  async durable(): Promise<boolean> {
    return (await this.store).durable;
  }

  /** Queues a new report and its photos (its key is fixed now) and tries to send it straight away. */
  async add(body: ReportEvent, summary: string, photos: readonly Blob[] = []): Promise<OutboxItem> {
    const newKey = this.deps.newKey ?? newIdempotencyKey;
    const item: OutboxItem = {
      key: newKey(),
      createdAt: this.now().toISOString(),
      body,
      summary,
      status: 'pending',
      attempts: 0,
      lastAttemptAt: null,
      error: null,
      eventId: null,
      number: null,
      trackingCode: null,
      photos: photos.map((blob) => ({ id: newKey(), blob, uploadedId: null })),
      photoCount: photos.length,
    };
    const store = await this.store;
    await store.put(item);
    const sent = newestFirst(await store.list()).filter((i) => i.status === 'sent');
    await store.remove(sent.slice(keptSent).map((i) => i.key));
    await this.changed();
    void this.flush();
    return item;
  }

  /** Only sent or failed reports leave the queue by hand; a pending one must not be lost. */
  async remove(key: string): Promise<void> {
    const store = await this.store;
    const item = await store.get(key);
    if (!item || item.status === 'pending' || item.status === 'sending') return;
    await store.remove([key]);
    await this.changed();
  }

  /** A failed report sent again, with its original key. */
  async retry(key: string): Promise<void> {
    await this.patch(key, { status: 'pending', error: null });
    void this.flush();
  }

  pendingCount(): number {
    return this.snapshot.filter((i) => i.status === 'pending' || i.status === 'sending').length;
  }

  /**
   * Sends everything waiting, oldest first, one at a time. Called while a round runs, it asks for
   * another round and answers when that one is done too.
   */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.running = this.rounds().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Answers once no round of sending is running (now, or after the one under way). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async rounds(): Promise<void> {
    const exclusive = this.deps.exclusive ?? ((work: () => Promise<void>) => work());
    do {
      this.again = false;
      try {
        await exclusive(() => this.sendAll());
      } catch {
        // The phone's storage refused a write (full, or the browser is shutting down): later.
        this.scheduleRetry();
        return;
      }
    } while (this.again);
  }

  private async sendAll(): Promise<void> {
    const store = await this.store;
    // A 'sending' report was cut off (page closed, tab crashed): send it again with its key.
    const waiting = newestFirst(await store.list())
      .filter((i) => i.status === 'pending' || i.status === 'sending')
      .reverse();
    let retryLater = false;
    for (const item of waiting) {
      if (!this.deps.isOnline()) {
        await this.reload();
        return; // the `online` event starts the next round
      }
      const outcome = await this.sendOne(item.key);
      if (outcome === 'offline' || outcome === 'signed-out') {
        if (outcome === 'offline') this.scheduleRetry();
        return;
      }
      if (outcome === 'retry') retryLater = true;
    }
    if (retryLater) this.scheduleRetry();
    else this.failures = 0;
  }

  private async sendOne(key: string): Promise<Outcome> {
    const store = await this.store;
    const current = await store.get(key);
    if (!current || (current.status !== 'pending' && current.status !== 'sending')) return 'sent';
    await this.patch(key, { status: 'sending', attempts: current.attempts + 1, lastAttemptAt: this.now().toISOString() });
    try {
      const photoIds = await this.uploadPhotos(current);
      this.setProgress(key, { stage: 'report', photosDone: photoIds.length, photosTotal: photoIds.length, fraction: 1 });
      const body: ReportEvent = photoIds.length > 0 ? { ...current.body, photos: photoIds } : current.body;
      const result = await this.deps.postReport(body, current.key);
      // Filed: the API holds the photos now, so the phone lets go of their bytes.
      const sent = await this.patch(key, {
        status: 'sent',
        error: null,
        eventId: result.id,
        number: result.number,
        trackingCode: result.trackingCode,
        photos: [],
      });
      if (sent) this.onSent?.(sent);
      return 'sent';
    } catch (cause) {
      const status = isApiError(cause) ? cause.status : 0;
      const message = cause instanceof Error ? cause.message : String(cause);
      if (status === 401) {
        // The session ended: keep it waiting; the login page brings the worker back.
        await this.patch(key, { status: 'pending', error: message });
        return 'signed-out';
      }
      if (retryable(status)) {
        await this.patch(key, { status: 'pending', error: message });
        return status === 0 ? 'offline' : 'retry';
      }
      await this.patch(key, { status: 'failed', error: message });
      return 'failed';
    } finally {
      this.setProgress(key, null);
    }
  }

  /** Uploads the photos not uploaded yet, one by one, remembering each id as it comes back. */
  private async uploadPhotos(item: OutboxItem): Promise<string[]> {
    const store = await this.store;
    const ids: string[] = [];
    const total = item.photos.length;
    const sizes = item.photos.map((p) => Math.max(1, p.blob.size));
    const allBytes = sizes.reduce((a, b) => a + b, 0);
    let doneBytes = 0;
    for (const [index, photo] of item.photos.entries()) {
      const report = (fraction: number) =>
        this.setProgress(item.key, {
          stage: 'photos',
          photosDone: index,
          photosTotal: total,
          fraction: allBytes > 0 ? (doneBytes + fraction * sizes[index]!) / allBytes : 0,
        });
      if (photo.uploadedId) {
        ids.push(photo.uploadedId);
      } else {
        report(0);
        const id = await this.deps.uploadPhoto(photo.blob, report);
        ids.push(id);
        await store.update(item.key, (current) => ({
          ...current,
          photos: current.photos.map((p) => (p.id === photo.id ? { ...p, uploadedId: id } : p)),
        }));
      }
      doneBytes += sizes[index]!;
    }
    if (total > 0) await this.changed();
    return ids;
  }

  private scheduleRetry(): void {
    this.failures += 1;
    const delay = Math.min(maxDelayMs, 2_000 * 2 ** Math.min(this.failures - 1, 5));
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.deps.isOnline()) void this.flush();
    }, delay);
  }

  /** Sends when the page opens, when the network returns and when the page is shown again. */
  start(): () => void {
    const onOnline = () => {
      this.failures = 0;
      void this.flush();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.flush();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    void this.flush();
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
    };
  }
}

const outboxes = new Map<string, Outbox>();

/** One queue per signed-in user: a report is only ever sent under the session of whoever wrote it. */
export function outboxFor(userId: string): Outbox {
  let outbox = outboxes.get(userId);
  if (!outbox) {
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`shizhi-outbox:${userId}`) : null;
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    const created = new Outbox(openOutboxStore(userId), {
      uploadPhoto: async (blob, onProgress) => (await uploadPhoto(blob, onProgress)).id,
      // A request that hangs on a bad network is given up and retried with the same key.
      postReport: (body, key) => postReport(body, key, AbortSignal.timeout(30_000)),
      isOnline: () => navigator.onLine,
      // Two tabs of the same worker must not send side by side (the key would save us, but why ask twice).
      ...(locks ? { exclusive: async (work: () => Promise<void>) => {
            await locks.request(`shizhi-outbox:${userId}`, work);
          },
        } : {}),
      ...(channel ? { announce: () => channel.postMessage('changed') } : {}),
    });
    // Another tab wrote the queue: show what it did.
    if (channel) channel.onmessage = () => void created.reload();
    outboxes.set(userId, created);
    outbox = created;
  }
  return outbox;
}

export function useOutboxItems(outbox: Outbox): readonly OutboxItem[] {
  return useSyncExternalStore(
    (listener) => outbox.subscribe(listener),
    () => outbox.items(),
  );
}

export function useOutboxProgress(outbox: Outbox): ReadonlyMap<string, OutboxProgress> {
  return useSyncExternalStore(
    (listener) => outbox.subscribe(listener),
    () => outbox.progress(),
  );
}

export function useOutboxLoaded(outbox: Outbox): boolean {
  return useSyncExternalStore(
    (listener) => outbox.subscribe(listener),
    () => outbox.loaded(),
  );
}
