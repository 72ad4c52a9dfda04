import { eq } from 'drizzle-orm';
import { makeIdNumber } from '@shizhi/domain';
import type { TestPlatform } from '../../testing/harness.ts';
import { orgUnit } from '../org/index.ts';
import { address, house, household, organisation, person } from './schema.ts';

/**
 * Register rows for tests, written as the owner (like an import) and sealed with the platform's
 * cipher. Tests that exercise the create routes go through the API instead.
 */
export function registerFactory(p: Pick<TestPlatform, 'handle' | 'cipher'>) {
  const db = p.handle.db;
  let sequence = 0;

  async function gridOf(gridCode: string) {
    const [grid] = await db.select().from(orgUnit).where(eq(orgUnit.code, gridCode));
    if (!grid?.parentCode) throw new Error(`no grid ${gridCode}`);
    return { gridCode, villageCode: grid.parentCode, orgPath: grid.orgPath, countyCode: grid.countyCode };
  }

  /** A valid 居民身份证 number, different on every call. */
  function idNumber(birthDate = '1985-06-15', male = true): string {
    sequence += 1;
    const seq = (sequence * 2 + (male ? 1 : 0)) % 1000;
    return makeIdNumber('150602', birthDate, seq);
  }

  async function room(gridCode: string, name = `${++sequence}号`): Promise<{ id: string; fullName: string }> {
    const grid = await gridOf(gridCode);
    const code = `${grid.villageCode}9${String(sequence % 100).padStart(2, '0')}00000${String(sequence).padStart(4, '0')}`;
    const fullName = `东胜区测试小区${name}`;
    const [row] = await db
      .insert(address)
      .values({ code, level: 'room', name, fullName, ...grid })
      .returning({ id: address.id, fullName: address.fullName });
    return row!;
  }

  async function createHousehold(gridCode: string, number: string): Promise<string> {
    const grid = await gridOf(gridCode);
    const [row] = await db.insert(household).values({ number, ...grid }).returning({ id: household.id });
    return row!.id;
  }

  async function createHouse(gridCode: string, fields: { code?: string; ownerName?: string; ownerIdNumber?: string; ownerPhone?: string; rental?: boolean } = {}) {
    const grid = await gridOf(gridCode);
    const addr = await room(gridCode);
    const ownerId = p.cipher.sealOne('id', fields.ownerIdNumber);
    const ownerPhone = p.cipher.sealOne('phone', fields.ownerPhone);
    const [row] = await db
      .insert(house)
      .values({
        code: fields.code ?? `H${grid.villageCode}${String(++sequence).padStart(5, '0')}`,
        addressId: addr.id,
        ownerName: fields.ownerName ?? '房东甲',
        ownerIdEnc: ownerId?.enc ?? null,
        ownerIdBidx: ownerId?.bidx ?? null,
        ownerPhoneEnc: ownerPhone?.enc ?? null,
        ownerPhoneBidx: ownerPhone?.bidx ?? null,
        rental: fields.rental ?? false,
        ...grid,
      })
      .returning({ id: house.id });
    return { id: row!.id, addressId: addr.id, address: addr.fullName };
  }

  async function createOrganisation(gridCode: string, fields: { code?: string; name?: string; legalRepIdNumber?: string; legalRepPhone?: string; kind?: string } = {}) {
    const grid = await gridOf(gridCode);
    const legalRepId = p.cipher.sealOne('id', fields.legalRepIdNumber);
    const legalRepPhone = p.cipher.sealOne('phone', fields.legalRepPhone);
    const [row] = await db
      .insert(organisation)
      .values({
        code: fields.code ?? `L${String(++sequence).padStart(8, '0')}`,
        name: fields.name ?? '东胜区测试商贸有限公司',
        kind: fields.kind ?? '01',
        legalRepName: '法人乙',
        legalRepIdEnc: legalRepId?.enc ?? null,
        legalRepIdBidx: legalRepId?.bidx ?? null,
        legalRepPhoneEnc: legalRepPhone?.enc ?? null,
        legalRepPhoneBidx: legalRepPhone?.bidx ?? null,
        ...grid,
      })
      .returning({ id: organisation.id });
    return row!.id;
  }

  async function createPerson(
    gridCode: string,
    fields: {
      name: string;
      idNumber?: string | null;
      phone?: string | null;
      householdId?: string;
      relationToHead?: string;
      houseId?: string;
      addressId?: string;
      organisationId?: string;
      personType?: string;
      status?: 'active' | 'moved_out' | 'deregistered';
      importId?: string;
      importRow?: number;
    },
  ): Promise<string> {
    const grid = await gridOf(gridCode);
    const number = fields.idNumber === undefined ? idNumber() : fields.idNumber;
    const id = p.cipher.sealOne('id', number);
    const phone = p.cipher.sealOne('phone', fields.phone ?? null);
    const [row] = await db
      .insert(person)
      .values({
        name: fields.name,
        personType: fields.personType ?? '01',
        gender: '1',
        birthDate: number ? `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}` : null,
        idType: '111',
        idEnc: id?.enc ?? null,
        idBidx: id?.bidx ?? null,
        idValid: number ? true : null,
        phoneEnc: phone?.enc ?? null,
        phoneBidx: phone?.bidx ?? null,
        householdId: fields.householdId ?? null,
        relationToHead: fields.relationToHead ?? null,
        houseId: fields.houseId ?? null,
        addressId: fields.addressId ?? null,
        organisationId: fields.organisationId ?? null,
        status: fields.status ?? 'active',
        importId: fields.importId ?? null,
        importRow: fields.importRow ?? null,
        ...grid,
      })
      .returning({ id: person.id });
    return row!.id;
  }

  return { gridOf, idNumber, room, createHousehold, createHouse, createOrganisation, createPerson };
}
