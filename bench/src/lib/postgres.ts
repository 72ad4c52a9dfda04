import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { delay, freePort } from './net.ts';

const run = promisify(execFile);
const pgBin = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server the benchmarks may create databases on, and how to let go of it. */
export interface PostgresServer {
  /** A URL on the server whose role may CREATE DATABASE; its database part is replaced per use. */
  baseUrl: string;
  /** Where it came from, for the report: DATABASE_URL or a throwaway cluster. */
  origin: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * DATABASE_URL when it is set; otherwise a throwaway PostgreSQL 15 cluster started from the Debian
 * binaries as the postgres user in a temporary folder on a free port (as .ci/run does), stopped and
 * removed by `stop`. Null when neither is possible (no binaries, or not root to switch to postgres).
 */
export async function acquirePostgres(say: (line: string) => void): Promise<PostgresServer | null> {
  if (process.env.DATABASE_URL) {
    return { baseUrl: process.env.DATABASE_URL, origin: 'DATABASE_URL', stop: async () => {} };
  }
  if (!fs.existsSync(path.join(pgBin, 'pg_ctl')) || process.getuid?.() !== 0) {
    say(`  no DATABASE_URL, and no way to start PostgreSQL 15 here (${pgBin} missing or not root)`);
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-bench-pg-'));
  const port = await freePort();
  const asPostgres = (command: string) => run('su', ['postgres', '-s', '/bin/bash', '-c', command], { maxBuffer: 8 * 1024 * 1024 });
  // Ctrl-C must not leave a server running: stop it synchronously before the process goes.
  const stopNow = () => {
    try {
      execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', `${pgBin}/pg_ctl -D ${dir}/data -m immediate stop`], { stdio: 'ignore' });
    } catch {
      // not running
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stopCluster = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await asPostgres(`${pgBin}/pg_ctl -D ${dir}/data -m immediate stop`).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    fs.chmodSync(dir, 0o755);
    await run('chown', ['postgres', dir]);
    await asPostgres(`${pgBin}/initdb -D ${dir}/data --auth=trust -U postgres -E UTF8 --locale=C.UTF-8`);
    // Durability settings as .ci/run has them (fsync off): the figures are about the application's
    // work per request, not the disk of whatever machine runs them.
    await asPostgres(
      `${pgBin}/pg_ctl -D ${dir}/data -l ${dir}/log -o '-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200' -w start`,
    );
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query(`create role shizhi login createdb createrole password 'shizhi'`);
    await admin.end();
    say(`  started a throwaway PostgreSQL 15 on port ${port} (${dir})`);
    return { baseUrl: `postgres://shizhi:shizhi@127.0.0.1:${port}/postgres`, origin: `throwaway PostgreSQL 15 cluster (port ${port})`, stop: stopCluster };
  } catch (error) {
    await stopCluster();
    say(`  could not start a throwaway PostgreSQL 15: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * A fresh, empty database on the server, dropped (with its connections) by `drop` — unless
 * BENCH_KEEP_DATABASES=1, which keeps it for a look afterwards and prints its URL.
 */
export async function createDatabase(server: PostgresServer, label: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `shizhi_bench_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(server.baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(server.baseUrl, name),
    name,
    async drop() {
      if (process.env.BENCH_KEEP_DATABASES === '1') {
        console.log(`  kept database ${withDatabase(server.baseUrl, name)}`);
        return;
      }
      const client = new pg.Client({ connectionString: withDatabase(server.baseUrl, 'postgres') });
      await client.connect();
      try {
        // FORCE cannot end an autovacuum worker of another role; one is gone within moments.
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (error) {
            if (attempt >= 10) throw error;
            await delay(1_000);
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}
