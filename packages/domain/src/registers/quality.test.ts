import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.ts';
import { collectionRate, houseFlags, organisationFlags, personFlags, qualityFlagLabel } from './quality.ts';
import { emptyHouseRecord, emptyOrganisationRecord, emptyPersonRecord } from './records.ts';

const today = new Date('2025-06-01T00:00:00Z');

describe('quality flags', () => {
  it('lists the 应采集 items a person lacks, by type and age', () => {
    const adult = { ...emptyPersonRecord(), name: '王建国', idType: '111', idNumber: makeIdNumber('150602', '1985-03-12', 1), birthDate: '1985-03-12', gender: '1' };
    expect(personFlags(adult, today)).toEqual([
      'missing:ethnicity',
      'missing:registeredDivision',
      'missing:residenceAddress',
      'missing:gridCode',
      'missing:phone',
      'missing:householdNumber',
      'missing:relationToHead',
    ]);
    const child = { ...adult, idNumber: makeIdNumber('150602', '2015-03-12', 1), birthDate: '2015-03-12' };
    expect(personFlags(child, today)).not.toContain('missing:phone');
    const foreign = { ...adult, personType: '03', idType: '414', idNumber: 'E1234567' };
    expect(personFlags(foreign, today)).toContain('missing:details.visitPurpose');
    expect(personFlags(foreign, today)).not.toContain('missing:ethnicity');
  });

  it('flags ID numbers that fail GB 11643', () => {
    const id = makeIdNumber('150602', '1985-03-12', 1);
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(personFlags({ ...emptyPersonRecord(), idNumber: wrong }, today)).toContain('id_checksum');
    expect(personFlags({ ...emptyPersonRecord(), idNumber: '150602198502300010' }, today)).toContain('id_birth_date');
  });

  it('checks houses and organisations by what they are', () => {
    const rented = { ...emptyHouseRecord(), code: 'H1', rental: true, maxOccupants: 2, actualOccupants: 3 };
    expect(houseFlags(rented)).toEqual(expect.arrayContaining(['missing:landlordType', 'missing:pledgeSigned', 'over_occupancy']));
    const school = { ...emptyOrganisationRecord(), code: 'S1', name: '小学', kind: '04' };
    expect(organisationFlags(school)).toContain('missing:principalName');
    expect(organisationFlags(school)).not.toContain('missing:employees');
  });

  it('labels flags and computes the collection rate like the scorecards', () => {
    expect(qualityFlagLabel('missing:ethnicity')).toBe('未采集民族');
    expect(qualityFlagLabel('missing:ethnicity', 'en')).toBe('Missing: Ethnicity');
    expect(qualityFlagLabel('id_checksum')).toBe('公民身份号码校验位错误');
    expect(collectionRate(45, 50)).toBe(0.9);
    expect(collectionRate(0, 0)).toBeNull();
  });
});
