import { getTableColumns, sql, type InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { appendAudit, systemActor } from '../../platform/audit/write.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DbHandle, Executor, Tx } from '../../platform/db/client.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import { address, house, household, organisation, person, registerHistory } from '../registers/schema.ts';
import { copyByColumns } from './bulk-insert.ts';
import type { DemoScale } from './plan.ts';
import { RegisterContext, type GridRegisters, type RegisterGrid } from './registers/context.ts';
import { planGridRegisters } from './registers/plan-grid.ts';
import { sealHouses, sealOrganisations, sealPeople } from './registers/seal.ts';
import { gridTargets } from './registers/volumes.ts';
import { defaultDemoCounty } from './seed.ts';

export interface RegisterSeedOptions {
  scale: DemoScale;
  clock: Clock;
  /** Seals ID numbers and phones: the deployment's own (personalDataCipherFor(config)). */
  cipher: PersonalDataCipher;
  county?: string;
  seed?: string;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface RegisterCounts {
  addresses: number;
  households: number;
  houses: number;
  rentedHouses: number;
  people: number;
  /** By 人口类型 code (01 户籍, 02 流动, 03 境外, 04 留守, 05 未落户). */
  peopleByType: Record<string, number>;
  organisations: number;
  history: number;
}

export type RegisterSeedSummary =
  | { skipped: true; county: string; reason: 'registers_exist' | 'not_a_demo_district' }
  | { skipped: false; county: string; scale: DemoScale; counts: RegisterCounts; records: number; planMs: number; ms: number };

const defaultSeed = 'shizhi';
/**
 * Rows per COPY, and people held before a flush: memory stays flat at city scale, and a small batch
 * keeps the garbage collector's work down (36 s → 31 s at demo scale against 20,000 people a flush).
 */
const statementRows = 20_000;
const flushPeople = 2_000;

async function reasonToSkip(db: Executor, county: string): Promise<'registers_exist' | 'not_a_demo_district' | null> {
  const result = await db.execute<{ has_rows: boolean; demo: boolean }>(sql`
    select exists (select 1 from person) or exists (select 1 from house) or exists (select 1 from address) as has_rows,
           exists (select 1 from audit_log where action = 'seed.district' and entity_id = ${county}) as demo`);
  const row = result.rows[0];
  if (row?.has_rows) return 'registers_exist';
  return row?.demo ? null : 'not_a_demo_district';
}

type GridRow = {
  code: string;
  name: string;
  village_code: string;
  village_name: string;
  township_name: string;
  urban: boolean | null;
  households: number | null;
  population: number | null;
  org_path: string;
  geometry: { coordinates: number[][][] } | null;
  center_lng: number | null;
  center_lat: number | null;
  worker_id: string | null;
  worker_name: string | null;
};

async function loadGrids(db: Executor, county: string): Promise<{ grids: RegisterGrid[]; countyName: string; cityName: string; countyPath: string }> {
  const names = await db.execute<{ county_name: string; city_name: string; org_path: string }>(sql`
    select c.name as county_name, p.name as city_name, c.org_path::text as org_path
    from org_unit c join org_unit p on p.code = c.parent_code where c.code = ${county}`);
  const rows = await db.execute<GridRow>(sql`
    select g.code, g.name, v.code as village_code, v.name as village_name, t.name as township_name, g.urban, g.households,
           g.population, g.org_path::text as org_path, g.geometry, g.center_lng, g.center_lat,
           w.user_id as worker_id, w.name as worker_name
    from org_unit g
    join org_unit v on v.code = g.parent_code
    join org_unit t on t.code = v.parent_code
    left join grid_post gp on gp.grid_code = g.code and gp.post = 'A'
    left join grid_worker w on w.id = gp.worker_id
    where g.county_code = ${county} and g.level = 'grid'
    order by g.code`);
  const grids = rows.rows.map((r): RegisterGrid => {
    const ring = r.geometry?.coordinates[0] ?? [[r.center_lng ?? 0, r.center_lat ?? 0]];
    const lngs = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    return {
      code: r.code,
      name: r.name,
      villageCode: r.village_code,
      villageName: r.village_name,
      townshipName: r.township_name,
      urban: r.urban ?? true,
      households: r.households ?? 0,
      population: r.population ?? 0,
      orgPath: r.org_path,
      bbox: [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)],
      worker: { id: r.worker_id, name: r.worker_name ?? '网格员' },
    };
  });
  const n = names.rows[0];
  return { grids, countyName: n?.county_name ?? county, cityName: n?.city_name ?? '', countyPath: n?.org_path ?? county };
}

/**
 * Drafts leave out what a kind of record does not have; one INSERT needs one column list, so absent
 * values become null, or the column's default where it has a NOT NULL one.
 */
function complete<T extends PgTable>(table: T, rows: readonly object[], defaults: Record<string, unknown>): InferInsertModel<T>[] {
  const keys = Object.keys(getTableColumns(table)).filter((k) => !['importId', 'importRow', 'rowHash', 'createdBy', 'updatedBy'].includes(k));
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const value = (row as Record<string, unknown>)[key];
      out[key] = value !== undefined ? value : key in defaults ? defaults[key] : null;
    }
    return out as InferInsertModel<T>;
  });
}

async function insertAll<T extends PgTable>(tx: Tx, engine: 'pglite' | 'postgres', table: T, rows: readonly InferInsertModel<T>[]): Promise<void> {
  for (let from = 0; from < rows.length; from += statementRows) await copyByColumns(tx, engine, table, rows.slice(from, from + statementRows));
}

const registerTables = ['address', 'household', 'house', 'person', 'organisation', 'register_history'];

/**
 * Building an index once over the loaded rows is several times cheaper than keeping it up to date
 * row by row (the address trigram index most of all). The tables are empty when the seed starts, so
 * their secondary indexes are dropped inside the seed's transaction and recreated from their own
 * definitions at the end; a failed seed rolls the drop back with everything else.
 */
async function withoutSecondaryIndexes(tx: Tx, load: () => Promise<void>): Promise<void> {
  const indexes = await tx.execute<{ indexname: string; indexdef: string }>(sql`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${sql.join(registerTables.map((t) => sql`${t}`), sql`, `)})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
  for (const i of indexes.rows) await tx.execute(sql.raw(`drop index "${i.indexname}"`));
  await load();
  for (const i of indexes.rows) await tx.execute(sql.raw(i.indexdef));
}

/**
 * The 一标三实 registers of the demo district: standard addresses, houses, households, people and
 * organisations of every grid, generated grid by grid from a fixed seed (registers/) and written in
 * bulk with their ID numbers and phones sealed. One transaction and one summary audit row
 * (`seed.registers`), like the event and dispute histories: the records are one act, reproducible
 * from (county, scale, seed), and carry no history rows of their own except the people moved out or
 * deregistered, whose history says so.
 */
export async function seedRegisters(handle: DbHandle, options: RegisterSeedOptions): Promise<RegisterSeedSummary> {
  const started = performance.now();
  const county = options.county ?? defaultDemoCounty;
  const early = await reasonToSkip(handle.db, county);
  if (early) return { skipped: true, county, reason: early };
  const seed = options.seed ?? defaultSeed;
  const { grids, countyName, cityName, countyPath } = await loadGrids(handle.db, county);
  const now = options.clock.now();
  const counts: RegisterCounts = { addresses: 0, households: 0, houses: 0, rentedHouses: 0, people: 0, peopleByType: {}, organisations: 0, history: 0 };
  let planMs = 0;

  const seeded = await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('shizhi:seed-registers', 0))`);
    if (await reasonToSkip(tx, county)) return false;
    const ctx = new RegisterContext({ seed, countyCode: county, countyName, cityName, now });
    const targets = gridTargets(grids, options.scale, ctx.rng.fork('volumes'));
    const timestamps = { createdAt: now, updatedAt: now };
    let pending: GridRegisters = { addresses: [], households: [], houses: [], people: [], organisations: [], history: [] };
    const flush = async () => {
      const p = pending;
      pending = { addresses: [], households: [], houses: [], people: [], organisations: [], history: [] };
      const lifecycle = { ...timestamps, problems: [], status: 'active', version: 1 };
      await insertAll(tx, handle.engine, address, complete(address, p.addresses, timestamps));
      await insertAll(tx, handle.engine, household, complete(household, p.households, { ...timestamps, kind: '1' }));
      await insertAll(tx, handle.engine, house, complete(house, sealHouses(options.cipher, p.houses), { ...lifecycle, rental: false }));
      await insertAll(tx, handle.engine, organisation, complete(organisation, sealOrganisations(options.cipher, p.organisations), { ...lifecycle, details: {} }));
      await insertAll(tx, handle.engine, person, complete(person, sealPeople(options.cipher, p.people), { ...lifecycle, details: {} }));
      // The history's id is an identity column: left out, not null.
      await insertAll(tx, handle.engine, registerHistory, complete(registerHistory, p.history, { changes: {} }).map((row) => ({ ...row, id: undefined })));
    };
    await withoutSecondaryIndexes(tx, async () => {
    for (const [i, grid] of grids.entries()) {
      const t0 = performance.now();
      const g = planGridRegisters(ctx, grid, targets[i]!);
      planMs += performance.now() - t0;
      counts.addresses += g.addresses.length;
      counts.households += g.households.length;
      counts.houses += g.houses.length;
      counts.rentedHouses += g.houses.filter((h) => h.rental).length;
      counts.people += g.people.length;
      for (const p of g.people) counts.peopleByType[p.personType] = (counts.peopleByType[p.personType] ?? 0) + 1;
      counts.organisations += g.organisations.length;
      counts.history += g.history.length;
      for (const key of Object.keys(pending) as (keyof GridRegisters)[]) (pending[key] as object[]).push(...(g[key] as object[]));
      if (pending.people.length >= flushPeople) await flush();
      options.onProgress?.(i + 1, grids.length, 'registers');
    }
    await flush();
    });
    await appendAudit(tx, options.clock, systemActor, [
      {
        action: 'seed.registers',
        entityType: 'person',
        entityId: county,
        orgPath: countyPath,
        countyCode: county,
        detail: { scale: options.scale, seed, counts, records: counts.people + counts.houses + counts.organisations },
      },
    ]);
    return true;
  });

  if (!seeded) return { skipped: true, county, reason: 'registers_exist' };
  return {
    skipped: false,
    county,
    scale: options.scale,
    counts,
    records: counts.people + counts.houses + counts.organisations,
    planMs: Math.round(planMs),
    ms: Math.round(performance.now() - started),
  };
}
