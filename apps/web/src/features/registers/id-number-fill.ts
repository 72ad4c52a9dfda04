import { checkIdNumber, residentIdCardType, type IdNumberProblem } from '@shizhi/domain';

export type IdNumberReading =
  | { state: 'empty' }
  /** Still being typed: fewer than 18 characters, all digits so far (X only last). */
  | { state: 'partial' }
  | { state: 'invalid'; problem: IdNumberProblem }
  | { state: 'valid'; idNumber: string; birthDate: string; gender: '1' | '2' };

/**
 * Reads a 公民身份号码 as it is typed (GB 11643: birth date and check character). A whole valid number
 * gives the birth date and the GB/T 2261.1 gender code the form fills in; other document types are
 * not checked.
 */
export function readIdNumber(value: string | null | undefined, idType: string | null | undefined, today: Date = new Date()): IdNumberReading {
  const id = (value ?? '').replace(/\s+/g, '').toUpperCase();
  if (id === '') return { state: 'empty' };
  if ((idType ?? residentIdCardType) !== residentIdCardType) return { state: 'partial' };
  if (id.length < 18 && /^\d*$/.test(id)) return { state: 'partial' };
  const check = checkIdNumber(id, today);
  if (!check.valid) return { state: 'invalid', problem: check.problem ?? 'format' };
  return { state: 'valid', idNumber: id, birthDate: check.birthDate!, gender: check.gender === 'male' ? '1' : '2' };
}
