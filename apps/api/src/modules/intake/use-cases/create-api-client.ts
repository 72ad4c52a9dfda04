import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DomainError, type OrgLevel } from '@shizhi/domain';
import { appendAudit, systemActor, type AuditActor } from '../../../platform/audit/write.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/client.ts';
import { asSystem } from '../../../platform/db/scope.ts';
import { apiClient } from '../../events/index.ts';
import { orgUnit } from '../../org/index.ts';
import { hashApiKey, newApiKey, type ApiClientKind } from '../api-keys.ts';

const reportingLevels = new Set<OrgLevel>(['county', 'township', 'village', 'grid']);

export interface NewApiClient {
  name: string;
  kind: ApiClientKind;
  /** The org unit whose area the client may report in (a camera platform for one street, a city app for the county). */
  orgCode: string;
}

/**
 * Issues a key to a machine or system. The key is returned once and stored only as its hash, with
 * the first six characters kept so an operator can tell keys apart in lists and in the audit log.
 */
export async function createApiClient(
  db: Database,
  clock: Clock,
  input: NewApiClient,
  actor: AuditActor = systemActor,
): Promise<{ id: string; key: string }> {
  const name = input.name.trim();
  if (name.length < 2 || name.length > 100) throw new DomainError('VALIDATION.INVALID', { field: 'name', detail: '2–100 characters' });
  return asSystem(db, async (tx) => {
    const [unit] = await tx
      .select({ orgPath: orgUnit.orgPath, countyCode: orgUnit.countyCode, level: orgUnit.level })
      .from(orgUnit)
      .where(eq(orgUnit.code, input.orgCode));
    // Every scoped row carries a county code, so a client belongs to a county or a place inside one.
    if (!unit || !reportingLevels.has(unit.level)) throw new DomainError('ORG.NOT_FOUND', { field: 'orgCode' });
    const id = randomUUID();
    const key = newApiKey();
    const keyPrefix = key.slice(0, 6);
    await tx.insert(apiClient).values({
      id,
      name,
      kind: input.kind,
      keyHash: hashApiKey(key),
      keyPrefix,
      active: true,
      createdAt: clock.now(),
      orgCode: input.orgCode,
      orgPath: unit.orgPath,
      countyCode: unit.countyCode,
    });
    await appendAudit(tx, clock, actor, [
      {
        action: 'api_client.created',
        entityType: 'api_client',
        entityId: id,
        orgPath: unit.orgPath,
        detail: { name, kind: input.kind, orgCode: input.orgCode, keyPrefix },
      },
    ]);
    return { id, key };
  });
}
