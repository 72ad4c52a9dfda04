import type { PersonalDataCipher } from '../../../platform/personal-data.ts';
import type { house, organisation, person } from '../../registers/schema.ts';
import type { HouseDraft, OrganisationDraft, PersonDraft } from './context.ts';

/**
 * Drafts carry ID numbers and phones in clear; rows carry them sealed (one bulk seal per kind and
 * batch, as the import does), so nothing personal reaches the database in clear.
 */

type PersonRow = typeof person.$inferInsert;
type HouseRow = typeof house.$inferInsert;
type OrganisationRow = typeof organisation.$inferInsert;

export function sealPeople(cipher: PersonalDataCipher, drafts: readonly PersonDraft[]): PersonRow[] {
  const ids = cipher.seal('id', drafts.map((d) => d.idNumber));
  const phones = cipher.seal('phone', drafts.map((d) => d.phone));
  return drafts.map(({ idNumber: _id, phone: _phone, ...row }, i) => ({
    ...row,
    idEnc: ids[i]?.enc ?? null,
    idBidx: ids[i]?.bidx ?? null,
    phoneEnc: phones[i]?.enc ?? null,
    phoneBidx: phones[i]?.bidx ?? null,
  }));
}

export function sealHouses(cipher: PersonalDataCipher, drafts: readonly HouseDraft[]): HouseRow[] {
  const ids = cipher.seal('id', drafts.map((d) => d.ownerIdNumber));
  const phones = cipher.seal('phone', drafts.map((d) => d.ownerPhone));
  return drafts.map(({ ownerIdNumber: _id, ownerPhone: _phone, ...row }, i) => ({
    ...row,
    ownerIdEnc: ids[i]?.enc ?? null,
    ownerIdBidx: ids[i]?.bidx ?? null,
    ownerPhoneEnc: phones[i]?.enc ?? null,
    ownerPhoneBidx: phones[i]?.bidx ?? null,
  }));
}

export function sealOrganisations(cipher: PersonalDataCipher, drafts: readonly OrganisationDraft[]): OrganisationRow[] {
  const ids = cipher.seal('id', drafts.map((d) => d.legalRepIdNumber));
  const phones = cipher.seal('phone', drafts.map((d) => d.legalRepPhone));
  return drafts.map(({ legalRepIdNumber: _id, legalRepPhone: _phone, ...row }, i) => ({
    ...row,
    legalRepIdEnc: ids[i]?.enc ?? null,
    legalRepIdBidx: ids[i]?.bidx ?? null,
    legalRepPhoneEnc: phones[i]?.enc ?? null,
    legalRepPhoneBidx: phones[i]?.bidx ?? null,
  }));
}
