import type { DbHandle } from '../../../platform/db/client.ts';

/** A grid as the import needs it: its path (the records' org_path), village and a label for full addresses. */
export interface GridPlace {
  code: string;
  orgPath: string;
  countyCode: string;
  villageCode: string;
  /** 街道 + 社区 names, the start of a full address. */
  label: string;
}

/** Every grid of the org tree (872 at the seeds' scale): loaded once per import. */
export async function loadGrids(handle: DbHandle): Promise<Map<string, GridPlace>> {
  const { rows } = await handle.query<{ code: string; org_path: string; county_code: string; village_code: string | null; label: string }>(
    `select g.code, g.org_path::text as org_path, g.county_code, v.code as village_code,
            coalesce(t.name, '') || coalesce(v.name, '') as label
       from org_unit g
       left join org_unit v on v.code = g.parent_code
       left join org_unit t on t.code = v.parent_code
      where g.level = 'grid'`,
  );
  return new Map(
    rows.map((r) => [r.code, { code: r.code, orgPath: r.org_path, countyCode: r.county_code, villageCode: r.village_code ?? r.code.slice(0, 12), label: r.label }]),
  );
}

/**
 * The county an import belongs to and the path it is filed under: the actor's scope when it lies at
 * or below a county, else the (first) county under it.
 */
export async function importPlace(handle: DbHandle, scopePaths: readonly string[]): Promise<{ countyCode: string; orgPath: string } | null> {
  const scope = scopePaths[0];
  if (!scope) return null;
  const county = scope.split('.').find((label) => /^\d{6}$/.test(label));
  if (county) return { countyCode: county, orgPath: scope };
  const { rows } = await handle.query<{ code: string; org_path: string }>(
    `select code, org_path::text as org_path from org_unit where level = 'county' and org_path <@ $1::ltree order by code limit 1`,
    [scope],
  );
  return rows[0] ? { countyCode: rows[0].code, orgPath: rows[0].org_path } : null;
}
