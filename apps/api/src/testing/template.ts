import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ManualClock } from '../platform/clock.ts';
import { handleFromPglite, handleFromUrl, openPglite, type DbHandle } from '../platform/db/client.ts';
import { migrateDatabase } from '../platform/db/migrate.ts';
import { seedDistrict } from '../modules/demo-data/index.ts';
import { ensureDefaultCatalogue } from '../modules/events/index.ts';

export const testPassword = 'test-password-1';
export const testClockStart = '2026-03-02T01:00:00.000Z';

/** Builds the migrated, seeded ('test' scale) database every integration test file starts from. */
export async function buildTemplate(handle: DbHandle): Promise<void> {
  await migrateDatabase(handle);
  await ensureDefaultCatalogue(handle.db);
  await seedDistrict(handle, { scale: 'test', password: testPassword, clock: new ManualClock(testClockStart) });
}

export async function buildPgliteTemplate(file: string): Promise<void> {
  const pglite = await openPglite(null);
  const handle = handleFromPglite(pglite);
  await buildTemplate(handle);
  const dump = await pglite.dumpDataDir('none');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}

function adminUrl(url: string, database = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function buildPostgresTemplate(baseUrl: string): Promise<string> {
  const name = `shizhi_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const handle = handleFromUrl(adminUrl(baseUrl, name), 2);
  await buildTemplate(handle);
  await handle.close();
  return name;
}

export async function dropPostgresDatabases(baseUrl: string, prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${prefix}%`]);
  for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  await admin.end();
}

/** A fresh database for one test file, cloned from the template. */
export async function cloneTemplate(source: { pgliteFile?: string; postgresTemplate?: string; baseUrl?: string }): Promise<DbHandle> {
  if (source.postgresTemplate && source.baseUrl) {
    const name = `${source.postgresTemplate}_c${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(source.baseUrl) });
    await admin.connect();
    await admin.query(`create database ${name} template ${source.postgresTemplate}`);
    await admin.end();
    return handleFromUrl(adminUrl(source.baseUrl, name), 4);
  }
  const blob = new Blob([fs.readFileSync(source.pgliteFile!)]);
  return handleFromPglite(await openPglite(null, { loadDataDir: blob }));
}
