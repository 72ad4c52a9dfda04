import { makeIdNumber } from './id-number.ts';

/**
 * Synthetic Chinese people for demo data and tests: plausible names, valid GB 11643 ID numbers and
 * real mobile prefixes, all drawn from a seeded generator so the same seed gives the same people on
 * every machine. Nothing here is a real person; ID numbers are valid in form only.
 */

// ─── seeded randomness ───────────────────────────────────────────────────────────────────────────

/** A deterministic source of randomness. Math.random is never used: demo data must be reproducible. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform real in [min, max). */
  real(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks with probability proportional to each item's weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /**
   * An independent generator derived from this one's seed and a label, so adding draws in one part
   * of a generator does not shift every value after it.
   */
  fork(label: string): Rng;
}

/** cyrb128: spreads a string over four 32-bit words to seed sfc32. */
function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128-bit state, passes PractRand, four adds a draw. */
function sfc32(seed: [number, number, number, number]): () => number {
  let [a, b, c, d] = seed;
  const draw = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still echo the seed words; discard them.
  for (let i = 0; i < 15; i++) draw();
  return draw;
}

export function createRng(seed: string | number): Rng {
  const seedText = String(seed);
  const next = sfc32(hashSeed(seedText));
  const rng: Rng = {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    real(min, max) {
      return min + next() * (max - min);
    },
    chance(probability) {
      return next() < probability;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted(items) {
      let total = 0;
      for (const [, w] of items) total += w;
      if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    fork(label) {
      return createRng(`${seedText}/${label}`);
    },
  };
  return rng;
}

// ─── code tables ─────────────────────────────────────────────────────────────────────────────────

/** GB/T 2261.1-2003 人的性别代码 (the two values a generated person can have). */
export type GenderCode = '1' | '2';
export const genderNames: Record<GenderCode, { zh: string; en: string }> = {
  '1': { zh: '男', en: 'Male' },
  '2': { zh: '女', en: 'Female' },
};

/** GB 3304-1991 中国各民族名称的罗马字母拼写法和代码, numeric codes. */
export const ethnicityNames: Readonly<Record<string, string>> = {
  '01': '汉族', '02': '蒙古族', '03': '回族', '04': '藏族', '05': '维吾尔族', '06': '苗族', '07': '彝族',
  '08': '壮族', '09': '布依族', '10': '朝鲜族', '11': '满族', '12': '侗族', '13': '瑶族', '14': '白族',
  '15': '土家族', '16': '哈尼族', '17': '哈萨克族', '18': '傣族', '19': '黎族', '20': '傈僳族', '21': '佤族',
  '22': '畲族', '23': '高山族', '24': '拉祜族', '25': '水族', '26': '东乡族', '27': '纳西族', '28': '景颇族',
  '29': '柯尔克孜族', '30': '土族', '31': '达斡尔族', '32': '仫佬族', '33': '羌族', '34': '布朗族', '35': '撒拉族',
  '36': '毛南族', '37': '仡佬族', '38': '锡伯族', '39': '阿昌族', '40': '普米族', '41': '塔吉克族', '42': '怒族',
  '43': '乌孜别克族', '44': '俄罗斯族', '45': '鄂温克族', '46': '德昂族', '47': '保安族', '48': '裕固族', '49': '京族',
  '50': '塔塔尔族', '51': '独龙族', '52': '鄂伦春族', '53': '赫哲族', '54': '门巴族', '55': '珞巴族', '56': '基诺族',
  '97': '其他', '98': '外国血统中国籍人士',
};

export type EthnicityMix = readonly (readonly [code: string, weight: number])[];

/**
 * Inner Mongolia (2020 census): 汉 about 79 %, 蒙古 about 18 % region-wide; in Ordos cities the
 * Mongol share is lower, so about 9 % here, with the 回 and 满 minorities common in the region.
 */
export const innerMongoliaEthnicityMix: EthnicityMix = [
  ['01', 87.5],
  ['02', 9],
  ['03', 1.5],
  ['11', 1.5],
  ['31', 0.2],
  ['45', 0.2],
  ['10', 0.1],
];

/** Nation-wide (2020 census): 汉 91.1 %, then 壮, 回, 满, 维吾尔, 苗 … */
export const nationalEthnicityMix: EthnicityMix = [
  ['01', 91.1],
  ['08', 1.4],
  ['03', 0.8],
  ['11', 0.8],
  ['05', 0.8],
  ['06', 0.8],
  ['07', 0.7],
  ['15', 0.7],
  ['04', 0.5],
  ['02', 0.5],
];

// ─── names ───────────────────────────────────────────────────────────────────────────────────────

/**
 * The most common surnames with their share of the population in per mille (公安部 2020 户籍统计;
 * the long tail is left out, which slightly over-weights the top names).
 */
const surnames: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 68], ['刘', 54], ['陈', 45], ['杨', 32], ['赵', 22], ['黄', 22], ['周', 19], ['吴', 19],
  ['徐', 16], ['孙', 15], ['胡', 13], ['朱', 13], ['高', 12], ['林', 12], ['何', 12], ['郭', 12], ['马', 11], ['罗', 9],
  ['梁', 9], ['宋', 8], ['郑', 8], ['谢', 8], ['韩', 7], ['唐', 7], ['冯', 7], ['于', 6], ['董', 6], ['肖', 6],
  ['程', 6], ['曹', 6], ['袁', 6], ['邓', 6], ['许', 6], ['傅', 5], ['沈', 5], ['曾', 5], ['彭', 5], ['吕', 5],
  ['苏', 5], ['卢', 5], ['蒋', 5], ['蔡', 5], ['贾', 5], ['丁', 4], ['魏', 4], ['薛', 4], ['叶', 4], ['闫', 4],
  ['余', 4], ['潘', 4], ['杜', 4], ['戴', 4], ['夏', 4], ['钟', 4], ['汪', 4], ['田', 4], ['任', 4], ['姜', 4],
  ['范', 4], ['方', 4], ['石', 4], ['姚', 3], ['谭', 3], ['廖', 3], ['邹', 3], ['熊', 3], ['金', 3], ['陆', 3],
  ['郝', 3], ['孔', 3], ['白', 3], ['崔', 3], ['康', 3], ['毛', 3], ['邱', 3], ['秦', 3], ['江', 3], ['史', 3],
  ['顾', 3], ['侯', 3], ['邵', 3], ['孟', 3], ['龙', 3], ['万', 3], ['段', 3], ['雷', 2], ['钱', 2], ['汤', 2],
  ['尹', 2], ['黎', 2], ['易', 2], ['常', 2], ['武', 2], ['乔', 2], ['贺', 2], ['赖', 2], ['龚', 2], ['文', 2],
];

/** Mongol families in Inner Mongolia often write one of these Han-style surnames. */
const mongolSurnames: readonly string[] = ['包', '白', '鲍', '宝', '韩', '奇', '云', '乌', '吴', '王'];

const maleChars: readonly string[] = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国峰亮成东海文志永兵晨博睿哲轩然鸿振瑞德江彬'];
const femaleChars: readonly string[] = [...'芳娜敏静丽艳娟霞秀玲燕红梅琳婷雪慧莉萍洁晶颖倩欣悦璐琪月佳怡蕾薇丹露云凤兰英桂荣婧'];
const sharedChars: readonly string[] = [...'子晓海永志建文春秋思嘉雨宏立新亚金玉一宇美俊家天小'];

/** Mongolian given names in their usual Chinese transcription, often used without a surname. */
const mongolMaleNames: readonly string[] = [
  '巴特尔', '额尔敦', '朝鲁', '宝音', '那日苏', '阿拉坦', '孟和', '苏和', '毕力格', '巴雅尔', '特木尔', '吉日嘎拉', '乌力吉', '敖日格勒',
];
const mongolFemaleNames: readonly string[] = [
  '乌云', '其其格', '萨仁', '娜仁', '图雅', '苏日娜', '斯琴高娃', '乌兰', '高娃', '塔娜', '萨日娜', '格日勒', '琪琪格', '托娅',
];

// ─── phones ──────────────────────────────────────────────────────────────────────────────────────

/** Mobile number segments in service (工信部 号段), weighted toward the older, larger ones. */
const mobilePrefixes: readonly (readonly [string, number])[] = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'].map((p) => [p, 10] as const),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'].map((p) => [p, 8] as const),
  ...['173', '175', '176', '177', '178'].map((p) => [p, 3] as const),
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'].map((p) => [p, 7] as const),
  ...['191', '193', '195', '198', '199'].map((p) => [p, 3] as const),
];

export function generateMobile(rng: Rng): string {
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(rng.int(0, 9));
  return rng.weighted(mobilePrefixes) + rest;
}

// ─── people ──────────────────────────────────────────────────────────────────────────────────────

export interface SyntheticPerson {
  name: string;
  /** null for a Mongolian name written without a surname. */
  surname: string | null;
  givenName: string;
  gender: GenderCode;
  /** GB 3304 numeric code. */
  ethnicity: string;
  /** YYYY-MM-DD */
  birthDate: string;
  idNumber: string;
  phone: string;
}

/**
 * A place code, or one only valid for people born in a period (YYYY-MM-DD, from inclusive, before
 * exclusive): codes change when counties are re-divided, and an ID number keeps the code of issue.
 */
export type AddressCodeOption = string | { code: string; bornFrom?: string; bornBefore?: string };

export interface GeneratePersonOptions {
  /** The date ages are counted from (YYYY-MM-DD); passed in because this module reads no clock. */
  asOf: string;
  /** GB/T 2260 code for the ID number: the place of registration. */
  addressCode: string;
  /** Codes of nearby places some people were registered in instead. */
  otherAddressCodes?: readonly AddressCodeOption[];
  /** Share of people drawn from otherAddressCodes (default 0.2). */
  otherAddressShare?: number;
  /** Age range in whole years, inclusive (default 22–58, working age). */
  minAge?: number;
  maxAge?: number;
  gender?: GenderCode;
  /** Defaults by province: Inner Mongolia (15) or the national mix. */
  ethnicityMix?: EthnicityMix;
}

const dayMs = 86_400_000;

function parseIsoDate(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`expected YYYY-MM-DD, got ${value}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function yearsBefore(ms: number, years: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), d.getUTCDate());
}

function pickGivenName(rng: Rng, gender: GenderCode): string {
  const own = gender === '1' ? maleChars : femaleChars;
  // About a quarter of names are a single character; two-character names usually end on a gendered one.
  if (rng.chance(0.25)) return rng.pick(own);
  const first = rng.chance(0.5) ? rng.pick(sharedChars) : rng.pick(own);
  let second = rng.pick(own);
  if (second === first && rng.chance(0.8)) second = rng.pick(own);
  return first + second;
}

export function generatePerson(rng: Rng, options: GeneratePersonOptions): SyntheticPerson {
  const minAge = options.minAge ?? 22;
  const maxAge = options.maxAge ?? 58;
  if (minAge > maxAge) throw new RangeError('minAge must not exceed maxAge');
  const gender: GenderCode = options.gender ?? (rng.chance(0.5) ? '1' : '2');
  const mix = options.ethnicityMix ?? (options.addressCode.startsWith('15') ? innerMongoliaEthnicityMix : nationalEthnicityMix);
  const ethnicity = rng.weighted(mix);

  let surname: string | null;
  let givenName: string;
  if (ethnicity === '02' && rng.chance(0.5)) {
    surname = null;
    givenName = rng.pick(gender === '1' ? mongolMaleNames : mongolFemaleNames);
  } else {
    surname = ethnicity === '02' && rng.chance(0.6) ? rng.pick(mongolSurnames) : rng.weighted(surnames);
    givenName = pickGivenName(rng, gender);
  }

  // Born between (maxAge + 1) years and minAge years before asOf, so the age is within [minAge, maxAge].
  const asOf = parseIsoDate(options.asOf);
  const latest = yearsBefore(asOf, minAge);
  const earliest = yearsBefore(asOf, maxAge + 1) + dayMs;
  const birth = new Date(earliest + rng.int(0, Math.round((latest - earliest) / dayMs)) * dayMs);
  const birthDate = birth.toISOString().slice(0, 10);

  const others = (options.otherAddressCodes ?? []).flatMap((o) =>
    typeof o === 'string'
      ? [o]
      : (!o.bornFrom || birthDate >= o.bornFrom) && (!o.bornBefore || birthDate < o.bornBefore)
        ? [o.code]
        : [],
  );
  const addressCode =
    others.length > 0 && rng.chance(options.otherAddressShare ?? 0.2) ? rng.pick(others) : options.addressCode;
  // GB 11643: the sequence's last digit is odd for men and even for women; 000 is never issued.
  const sequence = gender === '1' ? rng.int(0, 499) * 2 + 1 : rng.int(1, 499) * 2;

  return {
    name: (surname ?? '') + givenName,
    surname,
    givenName,
    gender,
    ethnicity,
    birthDate,
    idNumber: makeIdNumber(addressCode, birthDate, sequence),
    phone: generateMobile(rng),
  };
}
