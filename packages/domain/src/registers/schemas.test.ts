import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.ts';
import { deregisterSchema, houseInputSchema, moveOutSchema, organisationInputSchema, personalDataReadSchema, personInputSchema, registerListQuerySchema } from './schemas.ts';

const id = makeIdNumber('150602', '1985-03-12', 1);
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('register input schemas', () => {
  it('accept a person the import would accept and refuse what it would refuse', () => {
    expect(personInputSchema.safeParse({ personType: '01', name: '王建国', idNumber: id.toLowerCase(), phone: '138 0047 1234' }).success).toBe(true);
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(messages(personInputSchema.safeParse({ personType: '01', name: '王建国', idNumber: wrong }))).toEqual([
      `idNumber: 校验位错误，应为 ${id[17]} (Wrong check character; expected ${id[17]})`,
    ]);
    expect(messages(personInputSchema.safeParse({ personType: '02', name: '王建国', idNumber: id, gender: '2' }))).toEqual([
      'details.inflowReason: 流动人口必填 (Required for 流动人口)',
      'gender: 性别与公民身份号码不一致（号码中为男） (Gender differs from the ID number)',
    ]);
    expect(messages(personInputSchema.safeParse({ personType: '03', name: 'Sergei', idNumber: '751234567', idType: '414', details: { nationality: 'RUS', foreignSurname: 'IVANOV' } }))).toEqual([]);
    expect(personInputSchema.safeParse({ personType: '01', name: '王建国', idNumber: id, birthDate: '2023-02-30' }).success).toBe(false);
  });

  it('check houses and organisations with the same rules', () => {
    const house = { code: 'H001', gridCode: '150602006001001', compound: '伊泰华府' };
    expect(houseInputSchema.safeParse(house).success).toBe(true);
    expect(messages(houseInputSchema.safeParse({ ...house, rental: true }))).toEqual(['rentalUse: 出租房屋必填 (Required for a rented house)']);
    const org = { code: '914403001922038216', name: '华为技术有限公司', kind: '01', gridCode: '150602006001001' };
    expect(organisationInputSchema.safeParse(org).success).toBe(true);
    expect(organisationInputSchema.safeParse({ ...org, code: '914403001922038217' }).success).toBe(false);
  });

  it('shape the status changes, the personal-data purpose and list queries', () => {
    expect(moveOutSchema.safeParse({ reason: '迁往包头', date: '2025-05-01' }).success).toBe(true);
    expect(moveOutSchema.safeParse({ reason: '走', date: '2025-05-01' }).success).toBe(false);
    expect(deregisterSchema.safeParse({ reason: 'death' }).success).toBe(true);
    expect(deregisterSchema.safeParse({ reason: 'gone' }).success).toBe(false);
    expect(personalDataReadSchema.safeParse({ purpose: '入户核查' }).success).toBe(true);
    expect(personalDataReadSchema.safeParse({ purpose: '查' }).success).toBe(false);
    expect(registerListQuerySchema.parse({ page: '2', idNumber: id.toLowerCase() })).toMatchObject({ page: 2, pageSize: 20, idNumber: id });
    expect(registerListQuerySchema.safeParse({ pageSize: '101' }).success).toBe(false);
  });
});
