import PgBoss from 'pg-boss';
import type { DbHandle } from './db/client.ts';

export type JobHandler = (data: unknown) => Promise<void>;

export interface JobDefinition {
  name: string;
  /** cron in Asia/Shanghai time, if the job recurs */
  cron?: string;
  handler: JobHandler;
}

export interface JobRunner {
  boss: PgBoss;
  send(name: string, data?: object, options?: { startAfter?: Date | number; singletonKey?: string }): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * pg-boss on the application's own pool: jobs live in the database (schema `pgboss`), so they
 * survive restarts on PGlite and PostgreSQL alike, and need no LISTEN (it polls).
 */
export async function startJobs(
  handle: DbHandle,
  definitions: readonly JobDefinition[],
  options: { work: boolean; onError?: (error: Error) => void },
): Promise<JobRunner> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => handle.query(text, values) },
    schema: 'pgboss',
    // Keep polling modest: on PGlite every poll waits for the single session.
    supervise: options.work,
    schedule: options.work,
    migrate: true,
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  await boss.start();
  for (const def of definitions) {
    await boss.createQueue(def.name);
    if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'Asia/Shanghai' });
    if (options.work) {
      await boss.work(def.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
        for (const job of jobs) await def.handler(job.data);
      });
    }
  }
  return {
    boss,
    send: (name, data = {}, opts = {}) => boss.send(name, data, opts),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 5000, close: false }),
  };
}
