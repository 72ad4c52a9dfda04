import type { FastifyInstance } from 'fastify';
import { roleLabels } from '@shizhi/domain';
import { auditJobs } from './modules/audit/index.ts';
import { authJobs } from './modules/auth/index.ts';
import { fileJobs } from './modules/files/index.ts';
import { sweepDisputeDeadlines } from './modules/disputes/index.ts';
import { defaultCalendar, ensureDefaultCatalogue, startDeadlineSweeper } from './modules/events/index.ts';
import { seedDisputeHistory, seedDistrict, seedEventHistory, seedRegisters } from './modules/demo-data/index.ts';
import { markInterruptedImports } from './modules/registers/import/index.ts';
import { exampleAccounts } from './modules/users/index.ts';
import path from 'node:path';
import { MessageBus, relayThroughPostgres } from './platform/bus.ts';
import { FileStore } from './platform/files.ts';
import { personalDataCipherFor } from './platform/personal-data.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { DbHandle } from './platform/db/client.ts';
import { startJobs, type JobRunner } from './platform/jobs.ts';
import { openAndMigrate } from './platform/open.ts';
import { buildApp } from './server.ts';

export interface RunningPlatform {
  app: FastifyInstance;
  handle: DbHandle;
  jobs: JobRunner | null;
  url: string;
  stop(): Promise<void>;
}

/**
 * `shizhi serve`: open and migrate the database, seed the demo district on first start, start the
 * job runner and the HTTP server, then say where to go and how to sign in.
 */
export async function startPlatform(config: Config, options: { clock?: Clock; quiet?: boolean } = {}): Promise<RunningPlatform> {
  const clock = options.clock ?? systemClock;
  const say = options.quiet ? () => {} : (line: string) => console.log(line);
  const t0 = Date.now();
  const handle = await openAndMigrate(config);
  say(`数据库 database: ${handle.engine === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)'}, migrated in ${Date.now() - t0} ms`);

  await ensureDefaultCatalogue(handle.db);
  if (config.SHIZHI_SEED_SCALE !== 'none') {
    const seeded = await seedDistrict(handle, {
      scale: config.SHIZHI_SEED_SCALE,
      password: config.SHIZHI_DEMO_PASSWORD,
      clock,
      onProgress: options.quiet ? undefined : (done, total, label) => process.stdout.write(`\r首次启动，生成演示数据 seeding ${label} ${done}/${total}   `),
    });
    if (!seeded.skipped) {
      say(
        `\n演示区县已生成 demo district seeded (${seeded.scale}): ${seeded.townships} 街镇 streets/towns, ` +
          `${seeded.villages} 村社区 communities, ${seeded.grids} 网格 grids, ${seeded.workers} 网格员 grid workers, ` +
          `${seeded.users} accounts in ${(seeded.ms / 1000).toFixed(1)} s`,
      );
    }
    const history = await seedEventHistory(handle, {
      scale: config.SHIZHI_SEED_SCALE,
      clock,
      calendar: defaultCalendar(),
      onProgress: options.quiet ? undefined : (done, total, label) => process.stdout.write(`\r生成三年演示事件 seeding event history: ${label} ${done}/${total}   `),
    });
    if (!history.skipped) say(`\n演示事件已生成 event history seeded: ${history.rows.event} events over three years in ${(history.ms / 1000).toFixed(1)} s`);
    const disputes = await seedDisputeHistory(handle, {
      scale: config.SHIZHI_SEED_SCALE,
      clock,
      calendar: defaultCalendar(),
      onProgress: options.quiet ? undefined : (done, total, label) => process.stdout.write(`\r生成三年演示纠纷 seeding dispute history: ${label} ${done}/${total}   `),
    });
    if (!disputes.skipped) say(`\n演示纠纷已生成 dispute history seeded: ${disputes.rows.dispute_case} cases over three years in ${(disputes.ms / 1000).toFixed(1)} s`);
    const registers = await seedRegisters(handle, {
      scale: config.SHIZHI_SEED_SCALE,
      clock,
      cipher: personalDataCipherFor(config),
      onProgress: options.quiet ? undefined : (done, total) => process.stdout.write(`\r生成一标三实 seeding registers: grid ${done}/${total}   `),
    });
    if (!registers.skipped) {
      const c = registers.counts;
      say(`\n一标三实已生成 registers seeded: ${c.people} people, ${c.houses} houses, ${c.organisations} organisations, ${c.households} households in ${(registers.ms / 1000).toFixed(1)} s`);
    }
  }

  // The embedded database belongs to this process alone: an import still marked running was killed
  // with an earlier process (its transaction rolled back), and the imports page should say so.
  if (handle.engine === 'pglite') {
    const interrupted = await markInterruptedImports(handle, clock);
    if (interrupted) say(`${interrupted} 个导入在上次运行中断，未导入任何数据 / ${interrupted} import(s) interrupted by the last stop; nothing of them was imported`);
  }

  const bus = new MessageBus();
  const files = new FileStore(path.join(config.dataDir, 'files'));
  const cipher = personalDataCipherFor(config);
  const app = await buildApp({ config, handle, db: handle.db, clock, bus, files, cipher }, { logger: { level: options.quiet ? 'warn' : config.LOG_LEVEL } });
  // Several API processes on one PostgreSQL database share their live updates.
  const relay = handle.pool ? relayThroughPostgres(bus, handle.pool.options, handle.pool, (error) => app.log.error({ err: error }, 'live update relay')) : null;
  await relay?.ready.catch(() => {});
  const jobs =
    config.SHIZHI_JOBS === 'on'
      ? await startJobs(handle, [...auditJobs(handle.db, clock, app.log), ...authJobs(handle.db, clock), ...fileJobs({ db: handle.db, files, clock })], {
          work: true,
          onError: (error) => app.log.error({ err: error }, 'job runner error'),
        })
      : null;
  const stopSweeper =
    config.SHIZHI_JOBS === 'on'
      ? startDeadlineSweeper(
          { db: handle.db, clock, calendar: defaultCalendar(), bus },
          (error) => app.log.error({ err: error }, 'deadline sweep failed'),
          1000,
          [sweepDisputeDeadlines],
        )
      : null;
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const port = new URL(address).port;
  const url = `http://localhost:${port}`;

  say(`\n市治 shizhi is running: ${url}  (API docs ${url}/api/docs) — ready in ${Date.now() - t0} ms`);
  if (config.SHIZHI_SEED_SCALE !== 'none') {
    const accounts = await exampleAccounts(handle.db);
    say(`演示账号 demo accounts (password: ${config.SHIZHI_DEMO_PASSWORD === 'shizhi-demo' ? 'shizhi-demo' : 'SHIZHI_DEMO_PASSWORD'}):`);
    for (const a of accounts) say(`  ${a.username.padEnd(20)} ${roleLabels[a.role].zh} · ${a.orgName}`);
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await stopSweeper?.();
      await relay?.stop();
      await jobs?.stop();
      await handle.close();
    })());
  return { app, handle, jobs, url, stop };
}
