/**
 * GB 32100-2015 统一社会信用代码 (18 characters): 登记管理部门码 (1), 机构类别码 (1), 登记管理机关
 * 行政区划码 (6), 主体标识码 = the GB 11714 organisation code (9, its own check character last) and
 * a check character over the first 17 (mod 31). Only the final check character is verified: the
 * embedded organisation code's check is not, because codes issued before the 2015 change-over may
 * carry organisation codes whose own check character was assigned outside GB 11714.
 */
const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const values = new Map([...charset].map((ch, i) => [ch, i]));
const format = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = 'format' | 'checksum';

function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += values.get(first17[i]!)! * weights[i]!;
  return charset[(31 - (sum % 31)) % 31]!;
}

export function checkUscc(value: string): { valid: boolean; problem?: UsccProblem } {
  const code = value.trim().toUpperCase();
  if (!format.test(code)) return { valid: false, problem: 'format' };
  if (checkCharOf(code.slice(0, 17)) !== code[17]) return { valid: false, problem: 'checksum' };
  return { valid: true };
}

/** The expected check character, for a problem message ("校验位错误，应为 X"). */
export function usccCheckChar(first17: string): string | undefined {
  const code = first17.toUpperCase();
  return /^[0-9A-HJ-NPQRTUWXY]{17}$/.test(code) ? checkCharOf(code) : undefined;
}

/** Completes 17 characters with their check character (demo data and tests). */
export function makeUscc(first17: string): string {
  const check = usccCheckChar(first17);
  if (check === undefined) throw new RangeError('first17 must be 17 characters of the GB 32100 charset');
  return first17.toUpperCase() + check;
}
