import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AutocannonOptions, AutocannonResult } from 'autocannon';
import { delay } from './net.ts';
import { repoRoot } from './paths.ts';
import { median } from './stats.ts';

const run = promisify(execFile);

export interface LoadResult {
  rps: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
  seconds: number;
  /** Non-2xx responses, errors and timeouts: a measurement with any is reported, not trusted. */
  failures: number;
}

export const loadDefaults = { connections: 10, duration: 10, timeout: 10 } as const;

/**
 * Measures two targets in alternating rounds (a, b, a, b, …) so that a change in the machine's load
 * during the run — other processes on a shared two-core box — falls on both sides of the ratio.
 * rps is requests over time summed across rounds; p99 is the median of the rounds' p99s.
 */
export async function measurePair(
  a: AutocannonOptions,
  b: AutocannonOptions,
  { rounds = 5, seconds = 2, settleMs = 1_000 }: { rounds?: number; seconds?: number; settleMs?: number } = {},
): Promise<[LoadResult, LoadResult]> {
  const runsA: LoadResult[] = [];
  const runsB: LoadResult[] = [];
  // Requests still queued in a server when autocannon hangs up finish during the pause, not in the
  // other target's round.
  for (let round = 0; round < rounds; round++) {
    runsA.push(await measureLoad({ ...a, duration: seconds }));
    await delay(settleMs);
    runsB.push(await measureLoad({ ...b, duration: seconds }));
    await delay(settleMs);
  }
  return [combine(runsA), combine(runsB)];
}


function combine(runs: readonly LoadResult[]): LoadResult {
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return {
    rps: seconds ? requests / seconds : 0,
    p99Ms: median(runs.map((r) => r.p99Ms)),
    meanMs: runs.reduce((sum, r) => sum + r.meanMs * r.requests, 0) / Math.max(1, requests),
    requests,
    seconds,
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
  };
}

/** Runs autocannon in a child process against a loopback URL and returns its summary. */
export async function measureLoad(options: AutocannonOptions): Promise<LoadResult> {
  assertLoopback(options.url);
  const merged: AutocannonOptions = { ...loadDefaults, ...options };
  const result = await runLoadGenerator<AutocannonResult>(path.join('bench', 'src', 'lib', 'load-generator.ts'), JSON.stringify(merged), merged.duration ?? 10);
  return summarise(result);
}

export function assertLoopback(target: string): void {
  const url = new URL(target);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`benchmarks only load loopback addresses, not ${url.hostname}`);
  }
}

/** Runs a load-generator script (relative to the repository) in its own process and parses the JSON it prints. */
export async function runLoadGenerator<T>(script: string, argument: string, durationSeconds: number): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, argument], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
    timeout: (durationSeconds + 60) * 1000,
  });
  return JSON.parse(stdout) as T;
}

export function summarise(result: AutocannonResult): LoadResult {
  return {
    rps: result.duration ? result.requests.total / result.duration : 0,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    requests: result.requests.total,
    seconds: result.duration,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
