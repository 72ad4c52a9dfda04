import fs from 'node:fs';
import { createRng, generateMobile, generatePerson, makeIdNumber, type Rng } from '@shizhi/domain';

/** The population template's columns as a sample file uses them. */
export const samplePopulationHeader = [
  '人口类型', '姓名', '性别', '出生日期', '民族', '公民身份号码', '联系电话', '户籍地', '户籍门（楼）详址',
  '所属网格', '现住门（楼）详址', '户号', '与户主关系', '婚姻状况', '政治面貌', '学历', '流入原因',
] as const;

export interface SamplePopulationOptions {
  rows: number;
  /** Grid codes to place people in (15 digits). */
  grids: readonly string[];
  seed?: string | number;
  /** Ages are counted from this date (YYYY-MM-DD). */
  asOf?: string;
  /** Share of rows made invalid on purpose (bad check digit, impossible date, unknown code, empty name). */
  garbageShare?: number;
}

/** Makes unique, valid ID numbers: one sequence counter per birth date. */
class IdNumbers {
  private next = new Map<string, number>();

  take(addressCode: string, birthDate: string, gender: string): string | null {
    let seq = this.next.get(birthDate) ?? 0;
    // The sequence's parity is the gender: odd for men.
    if ((seq % 2 === 1) !== (gender === '1')) seq += 1;
    if (seq > 999) return null;
    this.next.set(birthDate, seq + 1);
    return makeIdNumber(addressCode, birthDate, seq);
  }
}

function garble(rng: Rng, row: string[]): string[] {
  const bad = [...row];
  switch (rng.int(0, 3)) {
    case 0: // wrong check character
      bad[5] = bad[5]!.slice(0, 17) + (bad[5]!.endsWith('0') ? '1' : '0');
      break;
    case 1:
      bad[3] = '2023-02-30';
      break;
    case 2:
      bad[4] = '火星族';
      break;
    default:
      bad[1] = '';
  }
  return bad;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows of a 实有人口 import as the districts' spreadsheets have them: 户籍人口 in households (户主, 配偶,
 * 子女), some 流动人口, real grid codes, valid and unique ID numbers, mobiles for adults. Deterministic
 * for a seed. Yields rows of cells, header first.
 */
export function* samplePopulationRows(options: SamplePopulationOptions): Generator<string[]> {
  const rng = createRng(options.seed ?? 'population');
  const asOf = options.asOf ?? '2026-03-01';
  const ids = new IdNumbers();
  const garbage = options.garbageShare ?? 0;
  yield [...samplePopulationHeader];
  let household = 0;
  let inHousehold = 0;
  let grid = options.grids[0]!;
  let address = '';
  for (let i = 0; i < options.rows; i++) {
    const migrant = rng.chance(0.2);
    if (migrant || inHousehold === 0 || rng.chance(0.35)) {
      household += 1;
      inHousehold = 0;
      grid = rng.pick(options.grids);
      address = `${rng.pick(['伊泰华府', '万佳小区', '天骄花园', '东胜名邸', '景苑小区'])}${rng.int(1, 30)}号楼${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
    }
    const child = inHousehold >= 2;
    const person = generatePerson(rng, { asOf, addressCode: migrant ? rng.pick(['150621', '150622', '150625', '130102']) : '150602', minAge: child ? 1 : 20, maxAge: child ? 17 : 80 });
    const id = ids.take(migrant ? person.idNumber.slice(0, 6) : '150602', person.birthDate, person.gender);
    if (!id) {
      i -= 1;
      continue;
    }
    const relation = migrant ? '' : inHousehold === 0 ? '户主' : inHousehold === 1 ? '配偶' : person.gender === '1' ? '儿子' : '女儿';
    inHousehold += 1;
    const row = [
      migrant ? '流动人口' : '户籍人口',
      person.name,
      person.gender === '1' ? '男' : '女',
      person.birthDate,
      person.ethnicity,
      id,
      child ? '' : generateMobile(rng),
      migrant ? id.slice(0, 6) : '150602',
      migrant ? '' : `东胜区${address}`,
      grid,
      `东胜区${address}`,
      migrant ? '' : `1506020${String(household).padStart(8, '0')}`,
      relation,
      child ? '未婚' : '已婚',
      '群众',
      child ? '小学教育' : rng.pick(['初级中学教育', '普通高级中学教育', '大学本科教育', '大学专科教育']),
      migrant ? '务工' : '',
    ];
    yield garbage > 0 && rng.chance(garbage) ? garble(rng, row) : row;
  }
}

/** Writes sample population rows as a UTF-8 CSV file (streaming; any size). */
export async function writeSamplePopulationCsv(file: string, options: SamplePopulationOptions): Promise<void> {
  const out = fs.createWriteStream(file);
  let chunk = '';
  for (const row of samplePopulationRows(options)) {
    chunk += `${row.map(csvCell).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(chunk, () => resolve());
  });
}
