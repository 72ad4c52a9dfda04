import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '@shizhi/domain';
import { readIdNumber } from './id-number-fill.ts';

const today = new Date('2026-01-01T00:00:00Z');

describe('reading a 公民身份号码 as it is typed', () => {
  it('gives the birth date and gender of a valid number', () => {
    const id = makeIdNumber('150602', '1985-07-09', 123);
    expect(readIdNumber(` ${id.toLowerCase()} `, '111', today)).toEqual({ state: 'valid', idNumber: id, birthDate: '1985-07-09', gender: '1' });
    expect(readIdNumber(makeIdNumber('150602', '2001-02-28', 124), null, today)).toMatchObject({ gender: '2' });
  });

  it('waits while digits are still being typed', () => {
    expect(readIdNumber('', '111', today)).toEqual({ state: 'empty' });
    expect(readIdNumber('1506021985', '111', today)).toEqual({ state: 'partial' });
  });

  it('names what is wrong with a whole number', () => {
    const id = makeIdNumber('150602', '1985-07-09', 123);
    const wrongCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(readIdNumber(wrongCheck, '111', today)).toEqual({ state: 'invalid', problem: 'checksum' });
    expect(readIdNumber('150602198502300012', '111', today)).toEqual({ state: 'invalid', problem: 'birth_date' });
    expect(readIdNumber('15060219850A', '111', today)).toEqual({ state: 'invalid', problem: 'format' });
    expect(readIdNumber(makeIdNumber('150602', '2030-01-01', 11), '111', today)).toEqual({ state: 'invalid', problem: 'birth_date' });
  });

  it('does not check other document types', () => {
    expect(readIdNumber('E12345678', '414', today)).toEqual({ state: 'partial' });
  });
});
