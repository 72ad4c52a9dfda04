import { useSyncExternalStore } from 'react';
import type { ReportEvent } from '@shizhi/domain';
import { isApiError } from '../../lib/api-client.ts';
import { postReport } from '../../lib/events-api.ts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';

/**
 * 待发送队列: a grid worker's reports wait in localStorage until the API has filed them.
 *
 * - The Idempotency-Key is made once, when the report is created, and stored with it: however often
 *   the report is sent (retries, a reopened page, a second tab), the API files it once.
 * - A report is sent at once when online, else when the browser says it is online again, or when
 *   the page is opened again; network failures, 5xx, 409 and 429 are retried with back-off.
 * - Any other 4xx means the report itself is wrong (a category or place the API refuses): it is
 *   marked failed with the API's message instead of being retried forever.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  key: string;
  createdAt: string;
  body: ReportEvent;
  /** What the list shows: the category name and the start of the description. */
  summary: string;
  status: OutboxStatus;
  attempts: number;
  lastAttemptAt: string | null;
  /** Why the last attempt did not go through (retryable) or why the report failed. */
  error: string | null;
  eventId: string | null;
  number: string | null;
  trackingCode: string | null;
}

const keptSent = 20;
const maxDelayMs = 60_000;

type Outcome = 'sent' | 'failed' | 'retry' | 'offline' | 'signed-out';

function retryable(status: number): boolean {
  return status === 0 || status === 409 || status === 429 || status >= 500;
}

export class Outbox {
  private snapshot: readonly OutboxItem[];
  private readonly listeners = new Set<() => void>();
  private sending = false;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  onSent: ((item: OutboxItem) => void) | null = null;

  constructor(private readonly storageKey: string) {
    this.snapshot = this.load();
  }

  private load(): OutboxItem[] {
    try {
      const raw = window.localStorage.getItem(this.storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
    } catch {
      return [];
    }
  }

  private save(items: OutboxItem[]): void {
    this.snapshot = items;
    try {
      window.localStorage.setItem(this.storageKey, JSON.stringify(items));
    } catch {
      // Storage full or blocked: the queue still lives for this page.
    }
    for (const listener of this.listeners) listener();
  }

  private patch(key: string, change: Partial<OutboxItem>): OutboxItem | undefined {
    const items = this.load().map((item) => (item.key === key ? { ...item, ...change } : item));
    this.save(items);
    return items.find((item) => item.key === key);
  }

  /** Another tab wrote the queue: show what it did. */
  reload(): void {
    this.snapshot = this.load();
    for (const listener of this.listeners) listener();
  }

  items(): readonly OutboxItem[] {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a new report (its key is fixed now) and tries to send it straight away. */
  add(body: ReportEvent, summary: string): OutboxItem {
    const item: OutboxItem = {
      key: newIdempotencyKey(),
      createdAt: new Date().toISOString(),
      body,
      summary,
      status: 'pending',
      attempts: 0,
      lastAttemptAt: null,
      error: null,
      eventId: null,
      number: null,
      trackingCode: null,
    };
    const items = [item, ...this.load()];
    const sent = items.filter((i) => i.status === 'sent');
    const dropped = new Set(sent.slice(keptSent).map((i) => i.key));
    this.save(items.filter((i) => !dropped.has(i.key)));
    void this.flush();
    return item;
  }

  /** Only sent or failed reports leave the queue by hand; a pending one must not be lost. */
  remove(key: string): void {
    this.save(this.load().filter((item) => item.key !== key || item.status === 'pending' || item.status === 'sending'));
  }

  /** A failed report sent again, with its original key. */
  retry(key: string): void {
    this.patch(key, { status: 'pending', error: null });
    void this.flush();
  }

  pendingCount(): number {
    return this.snapshot.filter((i) => i.status === 'pending' || i.status === 'sending').length;
  }

  /** Sends everything waiting, oldest first, one at a time. */
  async flush(): Promise<void> {
    if (this.sending) {
      this.again = true;
      return;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.sending = true;
    try {
      do {
        this.again = false;
        await this.withLock(() => this.sendAll());
      } while (this.again);
    } finally {
      this.sending = false;
    }
  }

  /** Two tabs of the same worker must not send side by side (the key would save us, but why ask twice). */
  private async withLock(work: () => Promise<void>): Promise<void> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (!locks) return work();
    await locks.request(`shizhi-outbox:${this.storageKey}`, work);
  }

  private async sendAll(): Promise<void> {
    // A 'sending' report was cut off (page closed, tab crashed): send it again with its key.
    const waiting = this.load()
      .filter((i) => i.status === 'pending' || i.status === 'sending')
      .reverse();
    let retryLater = false;
    for (const item of waiting) {
      if (!navigator.onLine) {
        this.reload();
        return; // the `online` event starts the next round
      }
      const outcome = await this.sendOne(item);
      if (outcome === 'offline' || outcome === 'signed-out') {
        if (outcome === 'offline') this.scheduleRetry();
        return;
      }
      if (outcome === 'retry') retryLater = true;
    }
    if (retryLater) this.scheduleRetry();
    else this.failures = 0;
  }

  private async sendOne(item: OutboxItem): Promise<Outcome> {
    const current = this.load().find((i) => i.key === item.key);
    if (!current || (current.status !== 'pending' && current.status !== 'sending')) return 'sent';
    this.patch(item.key, { status: 'sending', attempts: current.attempts + 1, lastAttemptAt: new Date().toISOString() });
    try {
      // A request that hangs on a bad network is given up and retried with the same key.
      const result = await postReport(current.body, current.key, AbortSignal.timeout(30_000));
      const sent = this.patch(item.key, {
        status: 'sent',
        error: null,
        eventId: result.id,
        number: result.number,
        trackingCode: result.trackingCode,
      });
      if (sent) this.onSent?.(sent);
      return 'sent';
    } catch (cause) {
      const status = isApiError(cause) ? cause.status : 0;
      const message = cause instanceof Error ? cause.message : String(cause);
      if (status === 401) {
        // The session ended: keep it waiting; the login page brings the worker back.
        this.patch(item.key, { status: 'pending', error: message });
        return 'signed-out';
      }
      if (retryable(status)) {
        this.patch(item.key, { status: 'pending', error: message });
        return status === 0 ? 'offline' : 'retry';
      }
      this.patch(item.key, { status: 'failed', error: message });
      return 'failed';
    }
  }

  private scheduleRetry(): void {
    this.failures += 1;
    const delay = Math.min(maxDelayMs, 2_000 * 2 ** Math.min(this.failures - 1, 5));
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (navigator.onLine) void this.flush();
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
    const onStorage = (event: StorageEvent) => {
      if (event.key === this.storageKey) this.reload();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('storage', onStorage);
    void this.flush();
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('storage', onStorage);
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
    outbox = new Outbox(`shizhi.outbox.${userId}`);
    outboxes.set(userId, outbox);
  }
  return outbox;
}

export function useOutboxItems(outbox: Outbox): readonly OutboxItem[] {
  return useSyncExternalStore(
    (listener) => outbox.subscribe(listener),
    () => outbox.items(),
  );
}
