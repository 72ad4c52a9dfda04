import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { systemClock } from '../../../apps/api/src/platform/clock.ts';
import { handleFromPglite, handleFromUrl, openPglite, type DbHandle } from '../../../apps/api/src/platform/db/client.ts';
import { migrateDatabase } from '../../../apps/api/src/platform/db/migrate.ts';
import { PersonalDataCipher } from '../../../apps/api/src/platform/personal-data.ts';
import { seedDistrict } from '../../../apps/api/src/modules/demo-data/index.ts';
import { runImport, writeSamplePopulationCsv, type ImportSummary } from '../../../apps/api/src/modules/registers/import/index.ts';
import { figure, type Benchmark, type Figure } from '../lib/figures.ts';
import { acquirePostgres, createDatabase } from '../lib/postgres.ts';
import { removeDir, tempDir } from '../lib/paths.ts';

const name = 'register-import';
const seedRows = 2_675_933;

function rowsArgument(): number {
  const i = process.argv.indexOf('--rows');
  const value = i === -1 ? process.env.BENCH_IMPORT_ROWS : process.argv[i + 1];
  return value ? Math.max(1000, Number(value)) : seedRows;
}

/** Peak resident memory while `work` runs (sampled every 50 ms), and the samples asked for by `mark`. */
async function measureMemory<T>(work: (mark: (label: string) => void) => Promise<T>): Promise<{ result: T; peak: number; marks: Record<string, number> }> {
  let peak = process.memoryUsage().rss;
  const marks: Record<string, number> = {};
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await work((label) => {
      const rss = process.memoryUsage().rss;
      marks[label] = rss;
      peak = Math.max(peak, rss);
    });
    return { result, peak, marks };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function seededGrids(handle: DbHandle): Promise<string[]> {
  await migrateDatabase(handle);
  await seedDistrict(handle, { scale: 'demo', password: 'bench-password-1', clock: systemClock });
  const { rows } = await handle.query<{ code: string }>(`select code from org_unit where level = 'grid' order by code`);
  return rows.map((r) => r.code);
}

async function importFile(handle: DbHandle, file: string, rows: number, say: (line: string) => void) {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const { rows: roots } = await handle.query<{ org_path: string }>(`select org_path::text as org_path from org_unit where level = 'county' limit 1`);
  const started = performance.now();
  const measured = await measureMemory(async (mark) => {
    const seen = new Set<string>();
    return runImport({
      handle,
      clock: systemClock,
      cipher,
      kind: 'population',
      filePath: file,
      fileName: path.basename(file),
      mode: 'all_or_nothing',
      idCheck: 'strict',
      actor: { userId: null, displayName: 'bench', scopePaths: [roots[0]!.org_path] },
      errorReportPath: `${file}.errors.xlsx`,
      onProgress: (p) => {
        const share = p.bytesTotal ? p.bytesRead / p.bytesTotal : 0;
        for (const [label, at] of [['1/4', 0.25], ['1/2', 0.5], ['all', 1]] as const) {
          if (share >= at && !seen.has(label)) {
            seen.add(label);
            mark(label);
          }
        }
      },
    });
  });
  const seconds = (performance.now() - started) / 1000;
  const summary: ImportSummary = measured.result;
  if (summary.status !== 'done' || summary.created !== rows) throw new Error(`import ${summary.status}: ${summary.created} created, ${summary.bad} bad (${summary.message ?? ''})`);
  const marks = Object.entries(measured.marks).map(([k, v]) => `${k} ${mb(v).toFixed(0)} MB`).join(', ');
  say(`  runImport: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s; peak RSS ${mb(measured.peak).toFixed(0)} MB; RSS at ${marks}`);
  return { seconds, summary, peak: measured.peak, marks: measured.marks };
}

/** The rows exactly as the engine wrote them (sealed, serialised), as COPY text: the baseline loads these. */
async function exportRows(url: string, importId: string, file: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'person' and column_name not in ('status', 'status_reason', 'status_at', 'version') order by ordinal_position`,
    );
    const columns = rows.map((r) => r.column_name);
    await pipeline(client.query(copyTo(`copy (select ${columns.join(', ')} from person where import_id = '${importId}') to stdout`)), fs.createWriteStream(file));
    return columns;
  } finally {
    await client.end();
  }
}

async function rawCopy(url: string, file: string, columns: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query('begin');
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(`copy person (${columns.join(', ')}) from stdin`)));
    await client.query('commit');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

async function onPostgres(rows: number, say: (line: string) => void, dir: string): Promise<Figure[]> {
  const server = await acquirePostgres(say);
  if (!server) return [];
  const importDb = await createDatabase(server, 'import');
  const baselineDb = await createDatabase(server, 'import_baseline');
  const handle = handleFromUrl(importDb.url, 4);
  const baseline = handleFromUrl(baselineDb.url, 2);
  try {
    const grids = await seededGrids(handle);
    await migrateDatabase(baseline);
    await baseline.close();
    const file = path.join(dir, 'population.csv');
    const t0 = performance.now();
    await writeSamplePopulationCsv(file, { rows, grids, seed: 'bench' });
    say(`  PostgreSQL (${server.origin}): ${rows.toLocaleString('en-US')} people in ${grids.length} grids, ${mb(fs.statSync(file).size).toFixed(0)} MB CSV made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const imported = await importFile(handle, file, rows, say);
    const copyFile = path.join(dir, 'person.copy');
    const columns = await exportRows(importDb.url, imported.summary.importId, copyFile);
    const copySeconds = await rawCopy(baselineDb.url, copyFile, columns);
    say(`  raw COPY of the same ${rows.toLocaleString('en-US')} prepared rows into an empty person table with its indexes: ${copySeconds.toFixed(1)} s = ${Math.round(rows / copySeconds).toLocaleString('en-US')} rows/s`);
    return [
      figure(name, `runImport population CSV [postgres] rows/s (${rows} rows)`, 'rows/s', rows / imported.seconds, 'raw COPY of the prepared rows', rows / copySeconds, 'target ratio ≥ 0.5'),
      figure(name, `runImport [postgres] peak RSS`, 'MB', mb(imported.peak), 'RSS at 1/4 of the file', mb(imported.marks['1/4'] ?? imported.peak)),
    ];
  } finally {
    await handle.close();
    await importDb.drop();
    await baselineDb.drop();
    await server.stop();
  }
}

async function onPglite(rows: number, say: (line: string) => void, dir: string): Promise<Figure[]> {
  const handle = handleFromPglite(await openPglite(path.join(dir, 'pglite')));
  try {
    const grids = await seededGrids(handle);
    const file = path.join(dir, 'population-pglite.csv');
    await writeSamplePopulationCsv(file, { rows, grids, seed: 'bench-pglite' });
    say(`  PGlite (data directory on disk): ${rows.toLocaleString('en-US')} people`);
    const imported = await importFile(handle, file, rows, say);
    return [
      figure(name, `runImport population CSV [pglite] wall time (${rows} rows)`, 's', imported.seconds, 'target for 2,675,933 rows', 60 * (rows / seedRows), 'ratio < 1 meets the target'),
      figure(name, `runImport [pglite] RSS at the end`, 'MB', mb(imported.marks.all ?? imported.peak), 'RSS at 1/4 of the file', mb(imported.marks['1/4'] ?? imported.peak), 'ratio ≈ 1: memory does not grow with the file'),
      figure(name, `runImport [pglite] peak RSS`, 'MB', mb(imported.peak), 'RSS at 1/2 of the file', mb(imported.marks['1/2'] ?? imported.peak)),
    ];
  } finally {
    await handle.close();
  }
}

export const registerImport: Benchmark = {
  name,
  description: `实有人口 import of a generated CSV (default ${seedRows.toLocaleString('en-US')} rows; --rows N) with full validation: rows/s on PostgreSQL vs a raw COPY of the same prepared rows into the same table, wall time and memory on PGlite`,
  async run(say) {
    const rows = rowsArgument();
    const dir = tempDir('register-import');
    try {
      const figures = await onPostgres(rows, say, dir);
      figures.push(...(await onPglite(rows, say, dir)));
      return figures;
    } finally {
      removeDir(dir);
    }
  },
};
