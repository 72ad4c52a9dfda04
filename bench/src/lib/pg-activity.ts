import fs from 'node:fs';
import pg from 'pg';
import { statementLabel } from './statement-timer.ts';

/** Share of sampled backend time in each state, with the statements that waited on locks. */
export interface ActivityProfile {
  samples: number;
  /** state → share of (backend × sample) points, 0–1. */
  states: { state: string; share: number }[];
  /** "statement — wait" → share of all points, for lock waits only. */
  lockWaits: { statement: string; share: number }[];
}

/**
 * Samples pg_stat_activity for one database every `everyMs` on its own connection, classifying each
 * backend as idle (waiting for the application to start work), idle in transaction (waiting for the
 * application's next statement), running, or waiting on a lock (and which). Stop returns the shares.
 */
export async function sampleActivity(url: string, database: string, everyMs = 5): Promise<{ stop(): Promise<ActivityProfile> }> {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
  await client.connect();
  const states = new Map<string, number>();
  const locks = new Map<string, number>();
  let points = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const { rows } = await client.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null; query: string }>(
        `select state, wait_event_type, wait_event, query from pg_stat_activity
         where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'`,
        [database],
      );
      samples += 1;
      for (const row of rows) {
        points += 1;
        let state: string;
        if (row.state === 'idle') state = 'idle: no transaction, waiting for the application';
        else if (row.state?.startsWith('idle in transaction')) state = 'idle in transaction: waiting for the application’s next statement';
        else if (row.wait_event_type === 'Lock') {
          state = `waiting on a lock (${row.wait_event})`;
          const key = `${statementLabel(row.query)} — ${row.wait_event}`;
          locks.set(key, (locks.get(key) ?? 0) + 1);
        } else if (row.wait_event_type && row.wait_event_type !== 'Client') state = `waiting: ${row.wait_event_type}/${row.wait_event}`;
        else state = 'running a statement';
        states.set(state, (states.get(state) ?? 0) + 1);
      }
      const rest = everyMs - (performance.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      const share = (map: Map<string, number>) =>
        [...map].map(([key, n]) => ({ key, share: points ? n / points : 0 })).sort((a, b) => b.share - a.share);
      return {
        samples,
        states: share(states).map(({ key, share: s }) => ({ state: key, share: s })),
        lockWaits: share(locks).map(({ key, share: s }) => ({ statement: key, share: s })),
      };
    },
  };
}

/** CPU seconds (user + system) used so far by the given processes, read from /proc; 0 for a pid that is gone. */
export function cpuSecondsOf(pids: readonly number[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // exited, or not on this machine
    }
  }
  return total;
}

/** Busy and total CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: (total - idle) / 100, total: total / 100 };
  } catch {
    return { busy: 0, total: 0 };
  }
}
