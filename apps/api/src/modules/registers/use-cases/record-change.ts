import { DomainError } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database, Tx } from '../../../platform/db/client.ts';
import type { Actor } from '../../../platform/db/scope.ts';
import { mayEditRecord } from '../policies.ts';
import type { PersonalDataCipher } from '../../../platform/personal-data.ts';
import { registerHistory, type RegisterEntity } from '../schema.ts';

export interface RegistersDeps {
  db: Database;
  clock: Clock;
  cipher: PersonalDataCipher;
}

export type RegisterAction = 'create' | 'update' | 'move_out' | 'deregister' | 'reactivate';
export type Changes = Record<string, { from: unknown; to: unknown } | { changed: true }>;

/**
 * What changed between two versions of a record, field by field. Personal fields (ID numbers,
 * phones) are compared in clear by the caller and recorded as `{ changed: true }` only: the history
 * must not become a second copy of what the cipher protects.
 */
export function changesBetween(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  personal: readonly string[] = [],
): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to ?? null)) continue;
    changes[field] = personal.includes(field) ? { changed: true } : { from, to: to ?? null };
  }
  return changes;
}

/** One history row and one audit row for a change, in the caller's transaction. */
export async function recordChange(
  tx: Tx,
  deps: Pick<RegistersDeps, 'clock'>,
  actor: Actor,
  change: {
    entityType: RegisterEntity;
    entityId: string;
    version: number;
    action: RegisterAction;
    changes: Changes;
    orgPath: string;
    countyCode: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.insert(registerHistory).values({
    entityType: change.entityType,
    entityId: change.entityId,
    version: change.version,
    action: change.action,
    changes: change.changes,
    actorId: actor.userId,
    actorName: actor.displayName,
    at: deps.clock.now(),
    orgPath: change.orgPath,
    countyCode: change.countyCode,
  });
  await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
    {
      action: `${change.entityType}.${change.action}`,
      entityType: change.entityType,
      entityId: change.entityId,
      orgPath: change.orgPath,
      countyCode: change.countyCode,
      detail: { version: change.version, fields: Object.keys(change.changes), ...change.detail },
    },
  ]);
}

/** A record in scope that the actor may change, at the version the edit was made on. */
export function editableRecord<R extends { orgPath: string; version: number }>(actor: Actor, row: R | null, version: number | undefined): R {
  if (!row) throw new DomainError('REGISTER.NOT_FOUND');
  if (!mayEditRecord(actor, row.orgPath)) throw new DomainError('AUTH.FORBIDDEN');
  if (version !== undefined && version !== row.version) {
    throw new DomainError('REGISTER.STALE', { field: 'version', detail: `当前版本 ${row.version} (current version ${row.version})` });
  }
  return row;
}

