/**
 * GB 11643-1999 公民身份号码: 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male, even = female) and a check character computed with ISO 7064 MOD 11-2.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('first17 must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'checksum';

export interface IdNumberCheck {
  valid: boolean;
  problem?: IdNumberProblem;
  birthDate?: string;
  gender?: 'male' | 'female';
  addressCode?: string;
}

export function checkIdNumber(value: string, today: Date = new Date()): IdNumberCheck {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, problem: 'format' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const realDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!realDate || y < 1850 || birth.getTime() > today.getTime()) return { valid: false, problem: 'birth_date' };
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { valid: false, problem: 'checksum' };
  return {
    valid: true,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    addressCode: id.slice(0, 6),
  };
}

export function isValidIdNumber(value: string, today?: Date): boolean {
  return checkIdNumber(value, today).valid;
}

/** Builds a valid number; `sequence` is 0–999 and its parity must match the gender. */
export function makeIdNumber(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = `${addressCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** 150602********1234: keeps the address code and the last four characters. */
export function maskIdNumber(value: string): string {
  // 居民身份证 (18 or 15 characters): the area code and the last four show, the birth date never.
  if (value.length >= 15) return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
  // Passports and permits (8–14 characters): two at each end, so most of the number stays hidden.
  if (value.length >= 8) return value.slice(0, 2) + '*'.repeat(value.length - 4) + value.slice(-2);
  return '*'.repeat(value.length);
}

/** 138****5678 */
export function maskPhone(value: string): string {
  if (value.length < 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
