import type { DisputeParty, DisputeSnapshot } from '@shizhi/domain';
import type { Actor } from '../../platform/db/scope.ts';
import type { disputeCase } from './schema.ts';

export type DisputeRow = typeof disputeCase.$inferSelect;

/** How the actor stands to this case: the workflow decides what each standing may do. */
export function disputePartiesOf(actor: Actor, row: Pick<DisputeRow, 'ownerOrgPath' | 'mediatorUserId'>): Set<DisputeParty> {
  const parties = new Set<DisputeParty>();
  for (const a of actor.assignments) {
    if (a.role !== 'center_staff') continue;
    if (a.orgPath === row.ownerOrgPath) parties.add('centre');
    else if (row.ownerOrgPath.startsWith(`${a.orgPath}.`)) parties.add('upper');
  }
  if (row.mediatorUserId && row.mediatorUserId === actor.userId) parties.add('mediator');
  return parties;
}

/**
 * Parties' ID numbers and phones are shown whole only to whoever works the case: the assigned mediator
 * and the staff of the centre holding it. Everyone else, leaders and upper centres included, sees them masked.
 */
export function mayReadPersonalData(parties: ReadonlySet<DisputeParty>): boolean {
  return parties.has('mediator') || parties.has('centre');
}

export function disputeSnapshotOf(row: DisputeRow): DisputeSnapshot {
  return {
    state: row.state,
    hasMediator: row.mediatorId !== null,
    outcome: row.outcome ?? null,
    followUpsDone: row.followUpsDone,
    reopenCount: row.reopenCount,
    judicialState: row.judicialState,
    agreementSignedOn: row.agreementSignedOn,
  };
}
