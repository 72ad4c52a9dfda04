import { and, eq } from 'drizzle-orm';
import { DomainError } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { disputePartiesOf, mayReadPersonalData } from '../policies.ts';
import { disputeCase, disputeParty } from '../schema.ts';
import type { DisputesDeps } from './open-case.ts';

/**
 * A party's ID number and phone, whole: only for the assigned mediator and the centre holding the
 * case, and every read is written to the audit log in the same transaction as the read itself.
 */
export async function readPartyPersonalData(deps: DisputesDeps, actor: Actor, disputeId: string, partyId: string) {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [row] = await tx.select().from(disputeCase).where(eq(disputeCase.id, disputeId));
    if (!row) throw new DomainError('DISPUTE.NOT_FOUND');
    if (!mayReadPersonalData(disputePartiesOf(actor, row))) {
      throw new DomainError('AUTH.FORBIDDEN', { detail: '仅承办调解员和案件所属综治中心可查看完整身份证号和电话' });
    }
    const [party] = await tx.select().from(disputeParty).where(and(eq(disputeParty.id, partyId), eq(disputeParty.disputeId, row.id)));
    if (!party) throw new DomainError('NOT_FOUND', { field: 'partyId' });
    const fields = [...(party.idNumber ? ['idNumber'] : []), ...(party.phone ? ['phone'] : [])];
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'dispute.personal_data_read',
        entityType: 'dispute_party',
        entityId: party.id,
        orgPath: row.orgPath,
        detail: { disputeId: row.id, number: row.number, party: party.name, fields },
      },
    ]);
    return { id: party.id, name: party.name, idNumber: party.idNumber, phone: party.phone };
  });
}
