import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { orgUnit } from '../org/index.ts';

/**
 * An Open311 client without a position sends the address as typed. Until a standard-address register
 * exists, the address is placed by the community (or grid) it names: "交通街道吉劳庆社区新华路12号"
 * lands in 吉劳庆社区. Returns null when no unit, or more than one, fits.
 */
export async function placeFromAddress(db: Executor, address: string): Promise<string | null> {
  const named = await db
    .select({ code: orgUnit.code, name: orgUnit.name, level: orgUnit.level, parentCode: orgUnit.parentCode })
    .from(orgUnit)
    .where(sql`${inArray(orgUnit.level, ['village', 'grid'])} and length(${orgUnit.name}) >= 2 and strpos(${address}, ${orgUnit.name}) > 0`);
  const grids = named.filter((u) => u.level === 'grid');
  if (grids.length === 1) return grids[0]!.code;

  // The longest name wins ("新村社区" over a "村社区" that happens to be inside it).
  const villages = named.filter((u) => u.level === 'village');
  const longest = Math.max(0, ...villages.map((u) => u.name.length));
  let candidates = villages.filter((u) => u.name.length === longest);
  if (candidates.length > 1) {
    // The same community name in two streets: the street named in the address decides.
    const parents = await db
      .select({ code: orgUnit.code, name: orgUnit.name })
      .from(orgUnit)
      .where(inArray(orgUnit.code, candidates.map((c) => c.parentCode ?? '')));
    const streets = new Set(parents.filter((p) => address.includes(p.name)).map((p) => p.code));
    candidates = candidates.filter((c) => c.parentCode !== null && streets.has(c.parentCode));
  }
  return candidates.length === 1 ? candidates[0]!.code : null;
}
