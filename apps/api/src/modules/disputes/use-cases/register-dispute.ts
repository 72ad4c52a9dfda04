import { eq } from 'drizzle-orm';
import { DomainError, type RegisterDispute } from '@shizhi/domain';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { disputeCase } from '../schema.ts';
import { earlierCasesOf, openCase, type DisputesDeps } from './open-case.ts';
import { findCasePlace, registeringCentre } from './places.ts';

/**
 * 窗口登记 and 委托移送: centre staff register a case at a place in their area; their centre holds it.
 * A retry with the same Idempotency-Key returns the case already registered.
 */
export async function registerDispute(deps: DisputesDeps, actor: Actor, input: RegisterDispute, idempotencyKey: string | null) {
  const key = idempotencyKey ? `${actor.userId}:${idempotencyKey}` : null;
  const earlier = await earlierCasesOf(deps.db, idNumbersOf(input.parties), deps.clock.now());
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    if (key) {
      const [seen] = await tx.select({ id: disputeCase.id, number: disputeCase.number }).from(disputeCase).where(eq(disputeCase.idempotencyKey, key));
      if (seen) return { ...seen, replayed: true, orgPath: null };
    }
    const place = await findCasePlace(tx, input.placeCode, actor.scopePaths);
    const owner = registeringCentre(actor, place.orgPath);
    if (!owner) throw new DomainError('DISPUTE.NOT_ALLOWED', { detail: '只有该地所属综治中心的工作人员可以登记' });
    const created = await openCase(
      tx,
      deps,
      { ...input, place, ownerOrgPath: owner, idempotencyKey: key },
      earlier,
      { timeline: { id: actor.userId, name: actor.displayName }, audit: { id: actor.userId, name: actor.username } },
    );
    return { id: created.id, number: created.number, replayed: false, orgPath: created.orgPath };
  });
}

export function idNumbersOf(parties: readonly { idNumber?: string | undefined }[]): string[] {
  return parties.flatMap((p) => (p.idNumber ? [p.idNumber] : []));
}
