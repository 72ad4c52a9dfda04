import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar, makeIdNumber, maskIdNumber, maskPhone } from './id-number.ts';

describe('GB 11643 citizen ID numbers', () => {
  it('accepts the examples printed in the standard', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      valid: true,
      birthDate: '1949-12-31',
      gender: 'female',
      addressCode: '110105',
    });
    expect(checkIdNumber('440524188001010014').valid).toBe(true);
  });

  it('computes the MOD 11-2 check character, including X', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });

  it('says what is wrong with a bad number', () => {
    expect(checkIdNumber('11010519491231002Y').problem).toBe('format');
    expect(checkIdNumber('110105194912310021').problem).toBe('checksum');
    expect(checkIdNumber(makeIdNumber('150602', '1990-02-30', 11)).problem).toBe('birth_date');
    expect(checkIdNumber(makeIdNumber('150602', '2030-01-01', 11), new Date('2026-01-01')).problem).toBe('birth_date');
  });

  it('builds valid numbers whose sequence parity gives the gender', () => {
    const male = makeIdNumber('150602', '1985-07-14', 123);
    const female = makeIdNumber('150602', '1985-07-14', 124);
    expect(checkIdNumber(male)).toMatchObject({ valid: true, gender: 'male', birthDate: '1985-07-14' });
    expect(checkIdNumber(female)).toMatchObject({ valid: true, gender: 'female' });
  });

  it('masks the middle of ID numbers and phones', () => {
    expect(maskIdNumber('150602198507141234')).toBe('150602********1234');
    expect(maskIdNumber('150602850714123')).toBe('150602*****4123');
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('G1234567890')).toBe('G1*******90');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
