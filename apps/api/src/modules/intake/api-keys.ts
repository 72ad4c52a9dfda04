import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { apiClient } from '../events/index.ts';

export type ApiClientKind = 'open311' | 'webhook';

/** A machine or system allowed to file reports, as the intake channels need it (never the key). */
export interface ApiClient {
  id: string;
  name: string;
  kind: ApiClientKind;
  keyPrefix: string;
  orgCode: string;
  orgPath: string;
}

/** Only the hash is stored: a leaked table does not leak usable keys. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 32 random bytes, URL-safe, so the key can go in a header or a form field as it is. */
export function newApiKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The active client of this kind holding `key`, or null. */
export async function findApiClient(db: Executor, key: string | null | undefined, kind: ApiClientKind): Promise<ApiClient | null> {
  if (!key || key.length > 200) return null;
  const [row] = await db
    .select({
      id: apiClient.id,
      name: apiClient.name,
      kind: apiClient.kind,
      keyPrefix: apiClient.keyPrefix,
      orgCode: apiClient.orgCode,
      orgPath: apiClient.orgPath,
    })
    .from(apiClient)
    .where(and(eq(apiClient.keyHash, hashApiKey(key)), eq(apiClient.kind, kind), eq(apiClient.active, true)));
  return row ?? null;
}
