import { DomainError } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { mayRevealPersonalData } from '../policies.ts';
import { findHouse, findOrganisation, findPerson } from '../queries.ts';
import type { RegistersDeps } from './record-change.ts';

export type PersonalDataHolder = 'person' | 'house' | 'organisation';

/**
 * An ID number and phone, whole: a person's own, a house owner's or an organisation's legal
 * representative's. Only for roles with registers.personal_data inside their own area, and every read
 * is written to the audit log with its purpose in the same transaction as the read.
 */
export async function readRegisterPersonalData(
  deps: RegistersDeps,
  actor: Actor,
  holder: PersonalDataHolder,
  id: string,
  purpose: string,
): Promise<{ name: string | null; idNumber: string | null; phone: string | null }> {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const { cipher } = deps;
    let found: { orgPath: string; countyCode: string; name: string | null; idNumber: string | null; phone: string | null } | null = null;
    if (holder === 'person') {
      const p = await findPerson(tx, actor, id);
      if (p) found = { ...p, idNumber: cipher.openOrNull('id', p.idEnc, p.idBidx), phone: cipher.openOrNull('phone', p.phoneEnc, p.phoneBidx) };
    } else if (holder === 'house') {
      const h = await findHouse(tx, actor, id);
      if (h) {
        found = {
          ...h,
          name: h.ownerName,
          idNumber: cipher.openOrNull('id', h.ownerIdEnc, h.ownerIdBidx),
          phone: cipher.openOrNull('phone', h.ownerPhoneEnc, h.ownerPhoneBidx),
        };
      }
    } else {
      const o = await findOrganisation(tx, actor, id);
      if (o) {
        found = {
          ...o,
          name: o.legalRepName,
          idNumber: cipher.openOrNull('id', o.legalRepIdEnc, o.legalRepIdBidx),
          phone: cipher.openOrNull('phone', o.legalRepPhoneEnc, o.legalRepPhoneBidx),
        };
      }
    }
    if (!found) throw new DomainError('REGISTER.NOT_FOUND');
    if (!mayRevealPersonalData(actor, found.orgPath)) {
      throw new DomainError('AUTH.FORBIDDEN', { detail: '仅网格员和综治中心工作人员可在本辖区内查看完整证件号码和电话' });
    }
    const fields = [...(found.idNumber ? ['idNumber'] : []), ...(found.phone ? ['phone'] : [])];
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: `${holder}.personal_data_read`,
        entityType: holder,
        entityId: id,
        orgPath: found.orgPath,
        countyCode: found.countyCode,
        detail: { purpose, fields, ...(holder === 'person' ? {} : { of: holder === 'house' ? 'owner' : 'legal_representative' }) },
      },
    ]);
    return { name: found.name, idNumber: found.idNumber, phone: found.phone };
  });
}
