import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Executor } from '../db/client.ts';

export interface AuditActor {
  id: string | null;
  name: string;
}

export const systemActor: AuditActor = { id: null, name: 'system' };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  orgPath?: string | null;
  countyCode?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditRecord {
  chain: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  orgPath: string | null;
  countyCode: string | null;
  detail: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so jsonb's reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(prevHash: string, record: AuditRecord): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(record)).digest('hex');
}

function countyOf(entry: AuditEntry): string | null {
  if (entry.countyCode) return entry.countyCode;
  const label = entry.orgPath?.split('.').find((l) => /^\d{6}$/.test(l));
  return label ?? null;
}

/**
 * Each county's log is kept in `auditChainShards` chains (`150602:0` … `150602:7`), an entity always in
 * the same one, so busy intake in one county spreads over several chain locks instead of queueing
 * behind one. Every chain is verified on its own; the rows of one case form one unbroken chain.
 */
export const auditChainShards = 8;

export function auditChainOf(entry: Pick<AuditEntry, 'countyCode' | 'orgPath' | 'entityId'>): string {
  const county = countyOf(entry as AuditEntry);
  if (!county) return 'system';
  // FNV-1a over the entity id: stable across processes and releases.
  let h = 0x811c9dc5;
  for (let i = 0; i < entry.entityId.length; i++) {
    h ^= entry.entityId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${county}:${(h >>> 0) % auditChainShards}`;
}

/** One entry as audit_append() takes it: the row's columns and the canonical JSON of the record without its seq. */
export interface AuditPayloadEntry {
  chain: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  orgPath: string | null;
  countyCode: string | null;
  detail: Record<string, unknown>;
  canon: string;
}

/**
 * The entries as the SQL function audit_append() takes them. The hash of a record is
 * sha256(prev_hash + '\n' + canonicalJson(record)); `seq` sorts last among the record's keys, so the
 * database completes the text with ',"seq":N}' once it holds the chain's lock and knows N.
 */
export function auditPayload(at: Date, actor: AuditActor, entries: readonly AuditEntry[]): AuditPayloadEntry[] {
  const iso = at.toISOString();
  return entries.map((entry) => {
    const record: Omit<AuditRecord, 'seq'> = {
      chain: auditChainOf(entry),
      at: iso,
      actorId: actor.id,
      actorName: actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      orgPath: entry.orgPath ?? null,
      countyCode: countyOf(entry),
      detail: entry.detail ?? {},
    };
    return { ...record, canon: canonicalJson(record) };
  });
}

/**
 * Appends entries to their county's chain inside the caller's transaction: the change and its
 * audit rows commit or roll back together. One statement: the chain's lock is taken inside it and
 * held only until the caller commits.
 */
export async function appendAudit(tx: Executor, clock: Clock, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const payload = auditPayload(clock.now(), actor, entries);
  for (let i = 0; i < payload.length; i += 2000) {
    await tx.execute(sql`select audit_append(${JSON.stringify(payload.slice(i, i + 2000))}::jsonb)`);
  }
}
