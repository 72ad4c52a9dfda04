import type { AutocannonOptions } from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { hashPassword, verifyPassword } from '../../../apps/api/src/modules/auth/index.ts';
import { figure, type Benchmark, type Figure } from '../lib/figures.ts';
import { measureLoad, measurePair, type LoadResult } from '../lib/load.ts';
import { removeDir, tempDir } from '../lib/paths.ts';
import { demoPassword, loopbackBase, signIn, startMeasuredPlatform } from '../lib/platform.ts';

const username = 'u150602';
const password = demoPassword;
const districtCode = '150602';
const streetCode = '150602001';
const warmupSeconds = 2;

interface Endpoint {
  label: string;
  options: AutocannonOptions;
}

const loginBody = JSON.stringify({ username, password });
const jsonHeaders = { 'content-type': 'application/json' };

async function fetchJson(url: string, cookie: string): Promise<{ body: unknown; bytes: number }> {
  const response = await fetch(url, { headers: { cookie } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 200)}`);
  return { body: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text) };
}

/**
 * The baselines, in the same process as the platform: Fastify with nothing registered, serving the
 * very bodies the platform returned as static objects, and a login route that runs one argon2id verify
 * with the platform's parameters and does nothing else.
 */
async function startBaseline(orgUnit: unknown, grids: unknown): Promise<{ app: FastifyInstance; base: string }> {
  const hash = await hashPassword(password);
  const app = Fastify({ logger: false });
  app.get('/static/org-unit', async () => orgUnit);
  app.get('/static/grids', async () => grids);
  app.post('/verify', async (request, reply) => {
    const body = request.body as { password?: string };
    const ok = await verifyPassword(hash, body.password ?? '');
    return ok ? { ok: true } : reply.status(401).send({ ok: false });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: loopbackBase(address) };
}

/** Warms both targets up, then measures them in alternating rounds (10 s each in all). */
async function measureAgainstBaseline(
  app: Endpoint,
  baseline: Endpoint,
  say: (line: string) => void,
  rounds: { rounds: number; seconds: number },
): Promise<[LoadResult, LoadResult]> {
  await measureLoad({ ...app.options, duration: warmupSeconds });
  await measureLoad({ ...baseline.options, duration: warmupSeconds });
  const results = await measurePair(app.options, baseline.options, rounds);
  for (const [endpoint, result] of [[app, results[0]], [baseline, results[1]]] as const) {
    const failures = result.failures ? `, ${result.failures} FAILED` : '';
    say(`  ${endpoint.label}: ${result.rps.toFixed(0)} rps, p99 ${result.p99Ms} ms (${result.requests} requests in ${result.seconds.toFixed(1)} s${failures})`);
  }
  return results;
}

function pairFigures(metric: string, engine: string, app: LoadResult, baselineName: string, baseline: LoadResult): Figure[] {
  const failures = app.failures + baseline.failures;
  const note = failures ? `${failures} non-2xx/errors during the measurement` : undefined;
  return [
    figure('login-orgtree-rps', `${metric} [${engine}] rps`, 'rps', app.rps, baselineName, baseline.rps, note),
    figure('login-orgtree-rps', `${metric} [${engine}] p99`, 'ms', app.p99Ms, baselineName, baseline.p99Ms, note),
  ];
}

async function measureEngine(engine: 'pglite' | 'postgres', say: (line: string) => void): Promise<Figure[]> {
  const dataDir = tempDir(`rps-${engine}`);
  say(`  starting the platform on ${engine} (demo scale)…`);
  const databaseUrl = process.env.DATABASE_URL;
  const platform = await startMeasuredPlatform(
    engine === 'postgres' && databaseUrl ? { engine, databaseUrl, dataDir } : { engine: 'pglite', dataDir },
  );
  let baseline: Awaited<ReturnType<typeof startBaseline>> | null = null;
  try {
    const base = loopbackBase(platform.url);
    const { cookie } = await signIn(base, username);
    const orgUnit = await fetchJson(`${base}/api/org-units/${districtCode}`, cookie);
    const grids = await fetchJson(`${base}/api/org-units/${streetCode}/grids`, cookie);
    say(`  bodies: org unit ${orgUnit.bytes} B, grids ${grids.bytes} B`);
    baseline = await startBaseline(orgUnit.body, grids.body);

    // Sign-in is slow enough that short rounds would mostly measure requests cut off at the end.
    const [login, loginBaseline] = await measureAgainstBaseline(
      { label: `POST /api/auth/login [${engine}]`, options: { url: `${base}/api/auth/login`, method: 'POST', headers: jsonHeaders, body: loginBody } },
      { label: 'bare argon2id verify', options: { url: `${baseline.base}/verify`, method: 'POST', headers: jsonHeaders, body: loginBody } },
      say,
      { rounds: 2, seconds: 5 },
    );
    const [unit, unitBaseline] = await measureAgainstBaseline(
      { label: `GET /api/org-units/${districtCode} [${engine}]`, options: { url: `${base}/api/org-units/${districtCode}`, headers: { cookie } } },
      { label: 'bare static org unit', options: { url: `${baseline.base}/static/org-unit` } },
      say,
      { rounds: 5, seconds: 2 },
    );
    const [gridList, gridBaseline] = await measureAgainstBaseline(
      { label: `GET /api/org-units/${streetCode}/grids [${engine}]`, options: { url: `${base}/api/org-units/${streetCode}/grids`, headers: { cookie } } },
      { label: 'bare static grids', options: { url: `${baseline.base}/static/grids` } },
      say,
      { rounds: 5, seconds: 2 },
    );

    return [
      ...pairFigures('POST /api/auth/login', engine, login, 'bare argon2id verify route', loginBaseline),
      ...pairFigures(`GET /api/org-units/${districtCode}`, engine, unit, `bare static JSON (${orgUnit.bytes} B)`, unitBaseline),
      ...pairFigures(`GET /api/org-units/${streetCode}/grids`, engine, gridList, `bare static JSON (${grids.bytes} B)`, gridBaseline),
    ];
  } finally {
    await baseline?.app.close();
    await platform.stop();
    removeDir(dataDir);
  }
}

export const loginOrgtreeRps: Benchmark = {
  name: 'login-orgtree-rps',
  description:
    'requests per second and p99 latency (autocannon, 10 connections, 10 s, loopback) of sign-in, an org unit and a street’s grids; baselines: bare Fastify routes in the same process (static JSON of the same body; one argon2id verify)',
  async run(say) {
    const figures = await measureEngine('pglite', say);
    if (process.env.DATABASE_URL) figures.push(...(await measureEngine('postgres', say)));
    return figures;
  },
};
