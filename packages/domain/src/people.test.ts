import { describe, expect, it } from 'vitest';
import { checkIdNumber } from './id-number.ts';
import { createRng, ethnicityNames, generatePerson, type GeneratePersonOptions } from './people.ts';

const options: GeneratePersonOptions = {
  asOf: '2025-06-30',
  addressCode: '150602',
  otherAddressCodes: ['152701', '150621'],
};

function people(count: number, seed = 'people-test', extra: Partial<GeneratePersonOptions> = {}) {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => generatePerson(rng, { ...options, ...extra }));
}

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRng('x');
    const b = createRng('x');
    const c = createRng('y');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(createRng(42).next()).toBe(createRng('42').next());
  });

  it('keeps draws in range and roughly uniform', () => {
    const rng = createRng('range');
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const v = rng.int(1, 6);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('forks independent streams that do not depend on the parent’s draws', () => {
    const a = createRng('root');
    const b = createRng('root');
    b.next();
    b.next();
    expect(a.fork('child').next()).toBe(b.fork('child').next());
    expect(a.fork('child').next()).not.toBe(a.fork('other').next());
  });
});

describe('generatePerson', () => {
  const crowd = people(3000);

  it('gives valid GB 11643 ID numbers whose sex digit and birth date match the person', () => {
    for (const p of crowd) {
      const check = checkIdNumber(p.idNumber, new Date('2025-06-30T00:00:00Z'));
      expect(check.valid).toBe(true);
      expect(check.birthDate).toBe(p.birthDate);
      expect(check.gender).toBe(p.gender === '1' ? 'male' : 'female');
      expect(['150602', '152701', '150621']).toContain(check.addressCode);
    }
    const local = crowd.filter((p) => p.idNumber.startsWith('150602')).length / crowd.length;
    expect(local).toBeGreaterThan(0.75);
    expect(local).toBeLessThan(0.85);
  });

  it('uses a dated address code only for people born in its period', () => {
    const dated = people(2000, 'eras', {
      otherAddressCodes: [
        { code: '152701', bornBefore: '2001-02-26' },
        { code: '150621', bornFrom: '2001-02-26' },
      ],
      otherAddressShare: 0.5,
      minAge: 18,
      maxAge: 40,
    });
    for (const p of dated) {
      if (p.idNumber.startsWith('152701')) expect(p.birthDate < '2001-02-26').toBe(true);
      if (p.idNumber.startsWith('150621')) expect(p.birthDate >= '2001-02-26').toBe(true);
    }
    expect(dated.some((p) => p.idNumber.startsWith('152701'))).toBe(true);
    expect(dated.some((p) => p.idNumber.startsWith('150621'))).toBe(true);
  });

  it('keeps ages within the working-age bounds', () => {
    for (const p of people(500, 'ages', { minAge: 30, maxAge: 31 })) {
      expect(p.birthDate >= '1993-07-01' && p.birthDate <= '1995-06-30').toBe(true);
    }
  });

  it('draws 11-digit mobile numbers from real segments', () => {
    for (const p of crowd) expect(p.phone).toMatch(/^1(3\d|5[0-35-9]|7[35-8]|8\d|9[13589])\d{8}$/);
  });

  it('mixes ethnicities like Inner Mongolia: mostly 汉, about a tenth 蒙古', () => {
    const share = (code: string) => crowd.filter((p) => p.ethnicity === code).length / crowd.length;
    expect(share('01')).toBeGreaterThan(0.83);
    expect(share('02')).toBeGreaterThan(0.06);
    expect(share('02')).toBeLessThan(0.12);
    for (const p of crowd) expect(ethnicityNames[p.ethnicity]).toBeDefined();
    const elsewhere = people(1000, 'hubei', { addressCode: '420102', otherAddressCodes: [] });
    expect(elsewhere.filter((p) => p.ethnicity === '02').length).toBeLessThan(20);
  });

  it('weights surnames by frequency and writes names of two to four characters', () => {
    const bySurname = new Map<string, number>();
    for (const p of crowd) if (p.surname) bySurname.set(p.surname, (bySurname.get(p.surname) ?? 0) + 1);
    const top = [...bySurname].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([s]) => s);
    expect(top.filter((s) => ['王', '李', '张', '刘', '陈'].includes(s)).length).toBeGreaterThanOrEqual(4);
    for (const p of crowd) {
      expect([...p.name].length).toBeGreaterThanOrEqual(2);
      expect([...p.name].length).toBeLessThanOrEqual(4);
      expect(p.name).toBe((p.surname ?? '') + p.givenName);
    }
    const genders = crowd.filter((p) => p.gender === '1').length / crowd.length;
    expect(genders).toBeGreaterThan(0.45);
    expect(genders).toBeLessThan(0.55);
  });

  it('is deterministic for a seed', () => {
    expect(people(50, 'same')).toEqual(people(50, 'same'));
    expect(people(50, 'same')).not.toEqual(people(50, 'different'));
  });
});
