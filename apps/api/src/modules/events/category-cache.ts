import type { Executor } from '../../platform/db/client.ts';

/**
 * Intake reads the category of every report; the catalogue changes a few times a year. Entries live
 * a few seconds, and an edit in this process makes them stale at once (another process sees the edit
 * within the lifetime of an entry).
 */
const lifetimeMs = 5_000;
const caches = new WeakMap<object, Map<string, { value: unknown; until: number; generation: number }>>();
let generation = 0;

export async function cachedCategory<T>(db: Executor, code: string, load: (db: Executor, code: string) => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(code);
  const now = performance.now();
  if (hit && hit.until > now && hit.generation === generation) return hit.value as T;
  const seen = generation;
  const value = await load(db, code);
  cache.set(code, { value, until: now + lifetimeMs, generation: seen });
  return value;
}

/** Called when a category is edited. */
export function forgetCachedCategories(): void {
  generation += 1;
}
