import { eq } from 'drizzle-orm';
import type { OnlineDisputeApplication } from '@shizhi/domain';
import { asSystem } from '../../../platform/db/scope.ts';
import { ownerPathFor } from '../../events/index.ts';
import { disputeCase } from '../schema.ts';
import { earlierCasesOf, openCase, type DisputesDeps } from './open-case.ts';
import { findCasePlace } from './places.ts';

/**
 * 网上申请: a party applies without an account, anywhere in the deployment. The district's 矛调中心
 * receives it (一站式: it triages and sends it on); the applicant follows it by the tracking code and
 * sees only their own case.
 */
export async function applyOnline(deps: DisputesDeps, input: OnlineDisputeApplication, idempotencyKey: string | null) {
  const key = idempotencyKey ? `public:${idempotencyKey}` : null;
  const { applicant, respondents, ...facts } = input;
  const earlier = await earlierCasesOf(deps.db, applicant.idNumber ? [applicant.idNumber] : [], deps.clock.now());
  return asSystem(deps.db, async (tx) => {
    if (key) {
      const [seen] = await tx
        .select({ number: disputeCase.number, trackingCode: disputeCase.trackingCode })
        .from(disputeCase)
        .where(eq(disputeCase.idempotencyKey, key));
      if (seen) return { number: seen.number, trackingCode: seen.trackingCode!, replayed: true };
    }
    const place = await findCasePlace(tx, input.placeCode, null);
    const created = await openCase(
      tx,
      deps,
      {
        ...facts,
        source: 'online',
        parties: [
          { ...applicant, role: 'applicant', kind: 'person' },
          ...respondents.map((r) => ({ ...r, role: 'respondent' as const, kind: 'person' as const })),
        ],
        place,
        ownerOrgPath: ownerPathFor(place.orgPath, 'county'),
        withTrackingCode: true,
        idempotencyKey: key,
      },
      earlier,
      { timeline: { id: null, name: applicant.name }, audit: { id: null, name: 'public:dispute_applicant' } },
    );
    return { number: created.number, trackingCode: created.trackingCode!, replayed: false };
  });
}
