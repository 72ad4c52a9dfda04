import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { handleFromPglite, handleFromUrl, openPglite, type DbHandle } from '../../platform/db/client.ts';
import { demoAccounts } from '../demo-data/index.ts';

/**
 * The server process is killed (SIGKILL, no shutdown) while a thousand reports are being sent and
 * retried by phones that keep their Idempotency-Key, then started again on the same data. Afterwards
 * there must be exactly one event per key, every client must have been answered with the same event
 * for the same key, and nothing may be half-written.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const password = 'reliability-test-1';
const reports = 1_000;
const clients = 8;
const killAfterSuccesses = 300;
const readyTimeoutMs = 120_000;

interface Answer {
  status: number;
  id: string;
  number: string;
  replayed: boolean;
}

interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `shizhi serve` in a child process on a fixed port and data folder (or database), so a restart finds both again. */
class ServerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private output: string[] = [];

  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [path.join('apps', 'api', 'bin', 'shizhi.js'), 'serve'], {
      cwd: repoRoot,
      env: { ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split(/\r?\n|\r/).filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 40));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${this.tail()}`);
      if (Date.now() - started > readyTimeoutMs) throw new Error(`the server was not ready after ${readyTimeoutMs} ms:\n${this.tail()}`);
      try {
        const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await delay(100);
    }
  }

  /** Sends the signal and waits for the process to be gone; the exit code (null when killed). */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    return this.exited;
  }

  tail(): string {
    return this.output.join('\n');
  }
}

/** A fresh database for the server: a PGlite folder, or a new database on DATABASE_URL's server. */
async function freshDatabase(): Promise<{ env: NodeJS.ProcessEnv; open(): Promise<DbHandle>; remove(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-reliability-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SHIZHI_DATA_DIR: dataDir };
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    delete env.DATABASE_URL;
    return {
      env,
      open: async () => handleFromPglite(await openPglite(path.join(dataDir, 'pglite'))),
      remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `shizhi_reliability_${randomBytes(4).toString('hex')}`;
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`create database ${name}`);
  await adminClient.end();
  return {
    env: { ...env, DATABASE_URL: url.toString() },
    open: async () => handleFromUrl(url.toString(), 2),
    async remove() {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        // FORCE cannot end an autovacuum worker of another role; one is gone within moments.
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query(`drop database if exists ${name} with (force)`);
            break;
          } catch (error) {
            if (attempt >= 10) throw error;
            await delay(1_000);
          }
        }
      } finally {
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function signIn(url: string, username: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { csrfToken: string; user: { id: string } };
  if (response.status !== 200) throw new Error(`login as ${username}: ${response.status} ${JSON.stringify(body)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/**
 * What a phone's outbox does: send, and on a dropped connection or a 5xx wait and send the same
 * request (same key) again, with growing pauses, until the server answers. A 4xx is a real answer.
 */
async function sendUntilAnswered(
  url: string,
  session: Session,
  key: string,
  body: string,
  { dropFirst = false }: { dropFirst?: boolean } = {},
): Promise<Answer & { attempts: number }> {
  for (let attempt = 1, pause = 20; ; attempt++, pause = Math.min(pause * 2, 500)) {
    try {
      // A phone that loses the network right after sending: the server may well file the report,
      // but the answer never arrives and the outbox sends it again.
      const signal = dropFirst && attempt === 1 ? AbortSignal.timeout(2) : AbortSignal.timeout(15_000);
      const response = await fetch(`${url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': key },
        body,
        signal,
      });
      const text = await response.text();
      if (response.status < 500) {
        const answer = JSON.parse(text) as Omit<Answer, 'status'>;
        return { status: response.status, id: answer.id, number: answer.number, replayed: answer.replayed, attempts: attempt };
      }
    } catch {
      // connection refused or reset: the server is down or was killed mid-request
    }
    await delay(pause);
  }
}

describe('reports retried across a server crash', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await freshDatabase();
    server = new ServerProcess(await freePort(), {
      ...database.env,
      HOST: '127.0.0.1',
      SHIZHI_SEED_SCALE: 'demo',
      SHIZHI_JOBS: 'off',
      SHIZHI_DEMO_PASSWORD: password,
      SHIZHI_COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
    });
    await server.start();
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.remove();
  });

  it('files exactly one event per Idempotency-Key and gives every retry the same answer', async () => {
    const worker = demoAccounts({ county: '150602' }).find((a) => a.role === 'grid_worker')!;
    const session = await signIn(server.url, worker.username);
    const run = randomBytes(4).toString('hex');
    const keys = Array.from({ length: reports }, (_, i) => `reliability-${run}-${String(i).padStart(4, '0')}`);
    const bodyOf = (i: number) =>
      JSON.stringify({ categoryCode: '0102', description: `楼道堆放杂物，第 ${i} 次上报`, location: { orgCode: worker.orgCode } });

    // The demo seed gives this grid worker a history of reports; the test's own are those filed from now on.
    const since = new Date();
    const answers = new Map<string, Answer & { attempts: number }>();
    let restart: Promise<void> | null = null;
    let exitWhenKilled: number | null | undefined;
    let restartMs = 0;
    const crashAndRestart = async () => {
      const killedAt = Date.now();
      exitWhenKilled = await server.stop('SIGKILL');
      await server.start();
      restartMs = Date.now() - killedAt;
    };
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = c; i < reports; i += clients) {
          answers.set(keys[i]!, await sendUntilAnswered(server.url, session, keys[i]!, bodyOf(i), { dropFirst: i % 10 === 0 }));
          if (!restart && answers.size >= killAfterSuccesses) restart = crashAndRestart();
        }
      }),
    );
    await restart;
    const sentMs = Date.now() - since.getTime();
    expect(restart).not.toBeNull();
    expect(exitWhenKilled).toBeNull(); // killed by the signal, not exited on its own

    // Every key was answered with a created or replayed event; some answers needed retries across the crash.
    expect(answers.size).toBe(reports);
    expect([...answers.values()].filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
    expect(Math.max(...[...answers.values()].map((a) => a.attempts))).toBeGreaterThan(1);

    // Sending every key once more changes nothing and answers with the same event.
    const resentFrom = Date.now();
    const resent = new Map<string, Answer>();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = c; i < reports; i += clients) resent.set(keys[i]!, await sendUntilAnswered(server.url, session, keys[i]!, bodyOf(i)));
      }),
    );
    for (const key of keys) {
      const first = answers.get(key)!;
      const again = resent.get(key)!;
      expect({ key, status: again.status, id: again.id, number: again.number, replayed: again.replayed }).toEqual({
        key,
        status: 200,
        id: first.id,
        number: first.number,
        replayed: true,
      });
    }
    const retried = [...answers.values()].filter((a) => a.attempts > 1);
    console.log(
      `${reports} reports by ${clients} clients (every 10th dropped after sending), server SIGKILLed after ${killAfterSuccesses} answers ` +
        `and restarted: ${retried.length} needed retries (up to ${Math.max(...retried.map((a) => a.attempts))} attempts), ` +
        `${[...answers.values()].filter((a) => a.replayed).length} were first answered as replays (filed, but the answer was lost); ` +
        `sending ${Math.round(sentMs / 1000)} s (restart ${Math.round(restartMs / 1000)} s), resending ${Math.round((Date.now() - resentFrom) / 1000)} s`,
    );

    expect(await server.stop('SIGTERM')).toBe(0);
    const handle = await database.open();
    try {
      const { rows } = await handle.query<{ key: string; n: string | number; id: string; number: string; timeline: string | number; clocks: string | number; audits: string | number }>(
        `select e.idempotency_key as key, count(*) over (partition by e.idempotency_key) as n, e.id, e.number,
           (select count(*) from event_timeline t where t.event_id = e.id and t.action = 'report') as timeline,
           (select count(*) from event_clock k where k.event_id = e.id) as clocks,
           (select count(*) from audit_log a where a.entity_id = e.id::text and a.action = 'event.reported') as audits
         from event e where e.reporter_user_id = $1 and e.reported_at >= $2`,
        [session.userId, since.toISOString()],
      );
      // Exactly one event per key and no event without one: the thousand reports, once each.
      expect(rows).toHaveLength(reports);
      const byKey = new Map(rows.map((r) => [r.key.slice(r.key.indexOf(':') + 1), r]));
      expect(byKey.size).toBe(reports);
      for (const key of keys) {
        const row = byKey.get(key);
        const answer = answers.get(key)!;
        expect({ key, n: Number(row?.n), id: row?.id, number: row?.number }).toEqual({ key, n: 1, id: answer.id, number: answer.number });
        // All or nothing: each event has its first timeline entry, its clock and its audit row.
        expect({ key, timeline: Number(row!.timeline), clocks: Number(row!.clocks), audits: Number(row!.audits) }).toEqual({ key, timeline: 1, clocks: 1, audits: 1 });
      }
      // The audit hash chains survived the crash unbroken.
      for (const chain of await verifyAuditChains(handle.db)) expect(chain).toMatchObject({ ok: true });
    } finally {
      await handle.close();
    }
  }, 300_000);
});
