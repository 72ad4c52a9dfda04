import { and, eq, ne } from 'drizzle-orm';
import { deregisterReasonLabels, DomainError } from '@shizhi/domain';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import type { DeregisterInput, MoveOutInput, ReactivateInput } from '../contract.ts';
import { findHouse, findOrganisation, findPerson } from '../queries.ts';
import { house, organisation, person } from '../schema.ts';
import { editableRecord, recordChange, type RegistersDeps } from './record-change.ts';
import { unscoped } from '../unscoped.ts';

export type StatusEntity = 'person' | 'house' | 'organisation';
export type StatusChange =
  | { action: 'move_out'; input: MoveOutInput }
  | { action: 'deregister'; input: DeregisterInput }
  | { action: 'reactivate'; input: ReactivateInput };

const tables = { person, house, organisation } as const;

function find(tx: Tx, actor: Actor, entity: StatusEntity, id: string) {
  if (entity === 'person') return findPerson(tx, actor, id);
  if (entity === 'house') return findHouse(tx, actor, id);
  return findOrganisation(tx, actor, id);
}

/** What the record's status becomes, and why, in the words the page shows. */
function nextStatus(change: StatusChange, now: Date) {
  switch (change.action) {
    case 'move_out': {
      const { reason, date, destination } = change.input;
      return { status: 'moved_out' as const, statusReason: destination ? `${reason}；迁往 ${destination}` : reason, statusAt: new Date(`${date}T00:00:00+08:00`) };
    }
    case 'deregister': {
      const { reason, note } = change.input;
      return { status: 'deregistered' as const, statusReason: note ? `${deregisterReasonLabels[reason].zh}：${note}` : deregisterReasonLabels[reason].zh, statusAt: now };
    }
    case 'reactivate':
      return { status: 'active' as const, statusReason: change.input.note ?? null, statusAt: now };
  }
}

/** Reactivating a person whose ID number another active record now holds would register them twice. */
async function refuseReactivatingDuplicate(tx: Tx, deps: RegistersDeps, row: { id: string; countyCode: string; idBidx?: Buffer | null }) {
  if (!row.idBidx) return;
  const [other] = await unscoped(tx, () =>
    tx
      .select({ id: person.id })
      .from(person)
      .where(and(eq(person.countyCode, row.countyCode), eq(person.idBidx, row.idBidx!), eq(person.status, 'active'), ne(person.id, row.id)))
      .limit(1),
  );
  if (other) throw new DomainError('REGISTER.DUPLICATE', { field: 'idNumber', detail: `该证件号码已由其他在册记录登记 (existing record ${other.id})` });
}

/** 迁出, 注销 and 恢复: the record stays (with its history); only its status changes. */
export async function changeRecordStatus(
  deps: RegistersDeps,
  actor: Actor,
  entity: StatusEntity,
  id: string,
  change: StatusChange,
): Promise<{ id: string; version: number; status: string }> {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const row = editableRecord(actor, await find(tx, actor, entity, id), change.input.version);
    if (change.action === 'reactivate' ? row.status === 'active' : row.status !== 'active') {
      throw new DomainError('REGISTER.NOT_IN_STATE', { detail: `当前状态 ${row.status}` });
    }
    if (change.action === 'reactivate' && entity === 'person') await refuseReactivatingDuplicate(tx, deps, row as { id: string; countyCode: string; idBidx: Buffer | null });
    const now = deps.clock.now();
    const next = nextStatus(change, now);
    const table = tables[entity];
    const version = row.version + 1;
    const updated = await tx
      .update(table)
      .set({ ...next, version, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(table.id, row.id), eq(table.version, row.version)))
      .returning({ id: table.id });
    if (updated.length === 0) throw new DomainError('REGISTER.STALE', { field: 'version' });
    await recordChange(tx, deps, actor, {
      entityType: entity,
      entityId: row.id,
      version,
      action: change.action,
      changes: {
        status: { from: row.status, to: next.status },
        statusReason: { from: row.statusReason, to: next.statusReason },
        statusAt: { from: row.statusAt?.toISOString() ?? null, to: next.statusAt.toISOString() },
      },
      orgPath: row.orgPath,
      countyCode: row.countyCode,
      detail: { reason: next.statusReason },
    });
    return { id: row.id, version, status: next.status };
  });
}
