import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seedDistrict, seedRegisters, seedScaleRecords } from '../../../apps/api/src/modules/demo-data/index.ts';
import { systemClock } from '../../../apps/api/src/platform/clock.ts';
import { loadConfig } from '../../../apps/api/src/platform/config.ts';
import type { DbHandle } from '../../../apps/api/src/platform/db/client.ts';
import { openAndMigrate } from '../../../apps/api/src/platform/open.ts';
import { personalDataCipherFor, type PersonalDataCipher } from '../../../apps/api/src/platform/personal-data.ts';
import { figure, type Benchmark, type Figure } from '../lib/figures.ts';
import { demoPassword, getJson, loopbackBase, signIn, startMeasuredPlatform, type Engine, type Session } from '../lib/platform.ts';
import { acquirePostgres, type PostgresServer } from '../lib/postgres.ts';
import { percentile } from '../lib/stats.ts';

const name = 'register-search';
const requests = 50;
const warmups = 3;
const county = '150602';
/** Bump when the generator changes what it writes, so a stale cache is rebuilt. */
const cacheVersion = 'v1';
const cacheRoot = process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), 'shizhi-bench-cache');
const databaseName = `shizhi_bench_registers_seed_${cacheVersion}`;

/**
 * The seed-scale registers (2,675,933 records in 872 grids) are generated once per engine and kept:
 * a PGlite data folder under the cache folder, a database on the PostgreSQL server (its key file in
 * the cache folder, next to it). Generating them takes minutes; searching them is what is measured.
 */
async function seededDatabase(engine: Engine, server: PostgresServer | null, say: (line: string) => void): Promise<{ dataDir: string; databaseUrl?: string }> {
  const dataDir = path.join(cacheRoot, `registers-${engine}-${cacheVersion}`);
  let databaseUrl: string | undefined;
  if (server) {
    const u = new URL(server.baseUrl);
    u.pathname = `/${databaseName}`;
    databaseUrl = u.toString();
    const admin = new pg.Client({ connectionString: server.baseUrl.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    try {
      const exists = await admin.query(`select 1 from pg_database where datname = $1`, [databaseName]);
      if (exists.rows.length === 0) await admin.query(`create database ${databaseName}`);
    } finally {
      await admin.end();
    }
  }
  const config = loadConfig({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SHIZHI_DATA_DIR: dataDir,
    SHIZHI_SEED_SCALE: 'seed',
    SHIZHI_DEMO_PASSWORD: demoPassword,
    LOG_LEVEL: 'silent',
  });
  const handle = await openAndMigrate(config);
  try {
    const done = await handle.query(`select 1 from audit_log where action = 'seed.registers'`);
    if (done.rows.length > 0) {
      say(`  using the cached seed-scale registers (${databaseUrl ? databaseName : dataDir})`);
      return { dataDir, ...(databaseUrl ? { databaseUrl } : {}) };
    }
    say(`  generating the seed-scale district and registers (${seedScaleRecords.toLocaleString('en')} records) on ${engine}, once…`);
    const t0 = performance.now();
    await seedDistrict(handle, { scale: 'seed', password: demoPassword, clock: systemClock });
    const result = await seedRegisters(handle, { scale: 'seed', clock: systemClock, cipher: personalDataCipherFor(config) });
    await handle.query('vacuum analyze');
    say(`  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(result.skipped ? result : result.counts)}`);
    return { dataDir, ...(databaseUrl ? { databaseUrl } : {}) };
  } finally {
    await handle.close();
  }
}

interface Sample {
  idNumber: string;
  phone: string;
  name: string;
  gridCode: string;
  idBidx: Buffer;
  phoneBidx: Buffer;
}

/** Active people with an ID number and a phone, spread over the grids: the values the searches ask for. */
async function samplePeople(handle: DbHandle, cipher: PersonalDataCipher): Promise<Sample[]> {
  const rows = await handle.query<{ name: string; grid_code: string; id_enc: Uint8Array; id_bidx: Uint8Array; phone_enc: Uint8Array; phone_bidx: Uint8Array }>(
    `select name, grid_code, id_enc, id_bidx, phone_enc, phone_bidx from person tablesample system (1) repeatable (42)
     where status = 'active' and person_type = '01' and id_enc is not null and phone_enc is not null and char_length(name) >= 2 limit 200`,
  );
  return rows.rows.map((r) => ({
    idNumber: cipher.open('id', r.id_enc, r.id_bidx),
    phone: cipher.open('phone', r.phone_enc, r.phone_bidx),
    name: r.name,
    gridCode: r.grid_code,
    idBidx: Buffer.from(r.id_bidx),
    phoneBidx: Buffer.from(r.phone_bidx),
  }));
}

interface Percentiles {
  p50: number;
  p95: number;
}

async function time(run: (i: number) => Promise<unknown>): Promise<Percentiles> {
  const times: number[] = [];
  for (let i = 0; i < warmups + requests; i++) {
    const started = performance.now();
    await run(i);
    if (i >= warmups) times.push(performance.now() - started);
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, p95: percentile(sorted, 95) };
}

interface Probe {
  label: string;
  /** The API path for the i-th request. */
  path: (s: Sample) => string;
  /** The bare indexed SQL for the same lookup, as the owner. */
  baseline: (s: Sample) => { text: string; values: unknown[] };
}

const probes: Probe[] = [
  {
    label: 'exact ID number',
    path: (s) => `/api/registers/people?q=${s.idNumber}`,
    baseline: (s) => ({ text: `select id, name from person where county_code = $1 and id_bidx = $2`, values: [county, s.idBidx] }),
  },
  {
    label: 'exact phone',
    path: (s) => `/api/registers/people?q=${s.phone}`,
    baseline: (s) => ({ text: `select id, name from person where county_code = $1 and phone_bidx = $2`, values: [county, s.phoneBidx] }),
  },
  {
    label: 'name prefix, 1 character',
    path: (s) => `/api/registers/people?q=${encodeURIComponent(s.name.slice(0, 1))}`,
    baseline: (s) => ({ text: `select id, name from person where county_code = $1 and name like $2 order by name using ~<~ limit 20`, values: [county, `${s.name.slice(0, 1)}%`] }),
  },
  {
    label: 'name prefix, 2 characters',
    path: (s) => `/api/registers/people?q=${encodeURIComponent(s.name.slice(0, 2))}`,
    baseline: (s) => ({ text: `select id, name from person where county_code = $1 and name like $2 order by name using ~<~ limit 20`, values: [county, `${s.name.slice(0, 2)}%`] }),
  },
  {
    label: 'list of one grid',
    path: (s) => `/api/registers/people?unit=${s.gridCode}`,
    baseline: (s) => ({ text: `select id, name from person where grid_code = $1 and status = 'active' order by name using ~<~ limit 20`, values: [s.gridCode] }),
  },
];

async function measureEngine(engine: Engine, server: PostgresServer | null, say: (line: string) => void): Promise<Figure[]> {
  const target = await seededDatabase(engine, server, say);
  const platform = await startMeasuredPlatform(
    target.databaseUrl ? { engine: 'postgres', databaseUrl: target.databaseUrl, dataDir: target.dataDir } : { engine: 'pglite', dataDir: target.dataDir },
    { SHIZHI_SEED_SCALE: 'none' },
  );
  try {
    const cipher = personalDataCipherFor({ dataDir: target.dataDir, SHIZHI_DATA_KEY: undefined });
    const samples = await samplePeople(platform.handle, cipher);
    const base = loopbackBase(platform.url);
    const district = await signIn(base, `u${county}`);
    const workers = new Map<string, Session>();
    const workerOf = async (gridCode: string) => {
      let s = workers.get(gridCode);
      if (!s) workers.set(gridCode, (s = await signIn(base, `g${gridCode}`)));
      return s;
    };
    const figures: Figure[] = [];
    for (const probe of probes) {
      const plain = await time((i) => {
        const q = probe.baseline(samples[i % samples.length]!);
        return platform.handle.query(q.text, q.values);
      });
      for (const role of ['district staff', 'grid worker'] as const) {
        const sessions = role === 'grid worker' ? await Promise.all(samples.slice(0, warmups + requests).map((s) => workerOf(s.gridCode))) : [];
        let found = 0;
        const api = await time(async (i) => {
          const s = samples[i % samples.length]!;
          const body = await getJson<{ total: number }>(`${base}${probe.path(s)}`, role === 'grid worker' ? sessions[i % sessions.length]! : district);
          if (body.total > 0) found += 1;
        });
        say(
          `  ${probe.label} as ${role} [${engine}]: p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms (${found}/${warmups + requests} found); ` +
            `bare SQL p50 ${plain.p50.toFixed(2)} ms, p95 ${plain.p95.toFixed(2)} ms`,
        );
        figures.push(
          figure(name, `${probe.label}, ${role} [${engine}] p50`, 'ms', api.p50, 'bare indexed SQL', plain.p50),
          figure(name, `${probe.label}, ${role} [${engine}] p95`, 'ms', api.p95, 'bare indexed SQL', plain.p95),
        );
      }
    }
    return figures;
  } finally {
    await platform.stop();
  }
}

export const registerSearch: Benchmark = {
  name,
  description: `GET /api/registers/people over the seed-scale registers (${seedScaleRecords.toLocaleString('en')} records): exact ID number, exact phone, name prefix (1 and 2 characters), one grid's list, as district staff and as a grid worker, p50/p95 of ${requests} requests on PostgreSQL and PGlite; baseline: the bare indexed SQL lookup`,
  async run(say) {
    fs.mkdirSync(cacheRoot, { recursive: true });
    const figures: Figure[] = [];
    if (!process.argv.includes('--no-postgres')) {
      const server = await acquirePostgres(say);
      try {
        if (server) figures.push(...(await measureEngine('postgres', server, say)));
        else say('  PostgreSQL is not available: PGlite only');
      } finally {
        await server?.stop();
      }
    }
    if (!process.argv.includes('--no-pglite')) figures.push(...(await measureEngine('pglite', null, say)));
    return figures;
  },
};
