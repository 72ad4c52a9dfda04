import type { ReportEvent } from '@shizhi/domain';

/**
 * Where the grid worker's queue of reports lives: IndexedDB, which keeps the photos' Blobs as they
 * are (localStorage holds only strings and a few megabytes). One database for the phone, each
 * report row tagged with the user who wrote it.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxPhoto {
  /** A local id for the list; the API's id is `uploadedId`. */
  id: string;
  blob: Blob;
  /** The API's id once uploaded (the SHA-256 of the bytes): a later attempt does not send it again. */
  uploadedId: string | null;
}

export interface OutboxItem {
  key: string;
  createdAt: string;
  /** The report as written; the photos' ids are added when it is sent. */
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
  /** The photos waiting to go with the report; emptied once it is filed (the API has them then). */
  photos: OutboxPhoto[];
  photoCount: number;
}

export interface OutboxStore {
  /** Whether the queue outlives the page (false: IndexedDB is unavailable and it lives in memory). */
  readonly durable: boolean;
  list(): Promise<OutboxItem[]>;
  get(key: string): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  /** Changes one report in one transaction, so two tabs cannot overwrite each other's change. */
  update(key: string, change: (item: OutboxItem) => OutboxItem): Promise<OutboxItem | undefined>;
  remove(keys: readonly string[]): Promise<void>;
}

/** The queue in memory: the fallback when IndexedDB is blocked, and what the unit tests use. */
export class MemoryOutboxStore implements OutboxStore {
  readonly durable = false;
  private readonly items = new Map<string, OutboxItem>();

  constructor(initial: readonly OutboxItem[] = []) {
    for (const item of initial) this.items.set(item.key, item);
  }

  list(): Promise<OutboxItem[]> {
    return Promise.resolve([...this.items.values()]);
  }

  get(key: string): Promise<OutboxItem | undefined> {
    return Promise.resolve(this.items.get(key));
  }

  put(item: OutboxItem): Promise<void> {
    this.items.set(item.key, item);
    return Promise.resolve();
  }

  update(key: string, change: (item: OutboxItem) => OutboxItem): Promise<OutboxItem | undefined> {
    const current = this.items.get(key);
    if (!current) return Promise.resolve(undefined);
    const next = change(current);
    this.items.set(key, next);
    return Promise.resolve(next);
  }

  remove(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
    return Promise.resolve();
  }
}

const dbName = 'shizhi-outbox';
const dbVersion = 1;
const storeName = 'reports';

type StoredItem = OutboxItem & { owner: string };

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function withoutOwner(stored: StoredItem): OutboxItem {
  const { owner: _owner, ...item } = stored;
  return item;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, dbVersion);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(storeName)) {
        db.createObjectStore(storeName, { keyPath: 'key' }).createIndex('owner', 'owner');
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

class IndexedDbOutboxStore implements OutboxStore {
  readonly durable = true;

  constructor(
    private readonly db: IDBDatabase,
    private readonly owner: string,
  ) {}

  async list(): Promise<OutboxItem[]> {
    const tx = this.db.transaction(storeName, 'readonly');
    const rows = await requestResult(tx.objectStore(storeName).index('owner').getAll(IDBKeyRange.only(this.owner)));
    return (rows as StoredItem[]).map(withoutOwner);
  }

  async get(key: string): Promise<OutboxItem | undefined> {
    const tx = this.db.transaction(storeName, 'readonly');
    const row = (await requestResult(tx.objectStore(storeName).get(key))) as StoredItem | undefined;
    return row && row.owner === this.owner ? withoutOwner(row) : undefined;
  }

  async put(item: OutboxItem): Promise<void> {
    const tx = this.db.transaction(storeName, 'readwrite');
    tx.objectStore(storeName).put({ ...item, owner: this.owner } satisfies StoredItem);
    await transactionDone(tx);
  }

  async update(key: string, change: (item: OutboxItem) => OutboxItem): Promise<OutboxItem | undefined> {
    const tx = this.db.transaction(storeName, 'readwrite');
    const store = tx.objectStore(storeName);
    let result: OutboxItem | undefined;
    const read = store.get(key);
    read.onsuccess = () => {
      const current = read.result as StoredItem | undefined;
      if (!current || current.owner !== this.owner) return;
      result = change(withoutOwner(current));
      store.put({ ...result, owner: this.owner } satisfies StoredItem);
    };
    await transactionDone(tx);
    return result;
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const tx = this.db.transaction(storeName, 'readwrite');
    const store = tx.objectStore(storeName);
    for (const key of keys) store.delete(key);
    await transactionDone(tx);
  }

  /** Copies reports into the store unless a row with their key is already there (another tab moved them). */
  async importMissing(items: readonly OutboxItem[]): Promise<void> {
    if (items.length === 0) return;
    const tx = this.db.transaction(storeName, 'readwrite');
    const store = tx.objectStore(storeName);
    for (const item of items) {
      const existing = store.getKey(item.key);
      existing.onsuccess = () => {
        if (existing.result === undefined) store.put({ ...item, owner: this.owner } satisfies StoredItem);
      };
    }
    await transactionDone(tx);
  }
}

/** Where the queue lived before photos: `localStorage["shizhi.outbox.<user id>"]`, a JSON array. */
export function legacyStorageKey(owner: string): string {
  return `shizhi.outbox.${owner}`;
}

function isLegacyItem(value: unknown): value is Omit<OutboxItem, 'photos' | 'photoCount'> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.key === 'string' && typeof v.createdAt === 'string' && typeof v.status === 'string' && typeof v.body === 'object';
}

/** The reports queued by an older version of the page, made into rows of the new store (no photos). */
export function readLegacyQueue(storage: Pick<Storage, 'getItem'>, owner: string): OutboxItem[] {
  try {
    const raw = storage.getItem(legacyStorageKey(owner));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isLegacyItem).map((item) => ({ ...item, photos: [], photoCount: 0 }));
  } catch {
    return [];
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The store for one user: IndexedDB, into which the old localStorage queue is moved the first time
 * (then removed, so it is moved once). If IndexedDB cannot be opened (a locked-down browser), the
 * queue lives in memory for this page, starting from whatever the old queue held.
 */
export async function openOutboxStore(owner: string): Promise<OutboxStore> {
  const storage = safeLocalStorage();
  const legacy = storage ? readLegacyQueue(storage, owner) : [];
  try {
    if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
    const store = new IndexedDbOutboxStore(await openDatabase(), owner);
    if (legacy.length > 0) await store.importMissing(legacy);
    storage?.removeItem(legacyStorageKey(owner));
    return store;
  } catch {
    return new MemoryOutboxStore(legacy);
  }
}
