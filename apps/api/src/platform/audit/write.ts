import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import { auditLog } from './schema.ts';

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
 * Appends entries to their county's chain inside the caller's transaction: the change and its
 * audit rows commit or roll back together.
 */
export async function appendAudit(tx: Tx, clock: Clock, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = clock.now().toISOString();
  const byChain = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const chain = countyOf(entry) ?? 'system';
    byChain.set(chain, [...(byChain.get(chain) ?? []), entry]);
  }
  for (const [chain, chainEntries] of [...byChain].sort(([a], [b]) => a.localeCompare(b))) {
    const head = await tx.execute<{ seq: string; hash: string }>(sql`select seq, hash from audit_chain_head(${chain})`);
    let seq = Number(head.rows[0]!.seq);
    let prevHash = head.rows[0]!.hash;
    const rows: (typeof auditLog.$inferInsert)[] = [];
    for (const entry of chainEntries) {
      seq += 1;
      const record: AuditRecord = {
        chain,
        seq,
        at,
        actorId: actor.id,
        actorName: actor.name,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        orgPath: entry.orgPath ?? null,
        countyCode: countyOf(entry),
        detail: entry.detail ?? {},
      };
      const hash = auditHash(prevHash, record);
      rows.push({ ...record, at: new Date(at), prevHash, hash });
      prevHash = hash;
    }
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditLog).values(rows.slice(i, i + 1000));
  }
}
