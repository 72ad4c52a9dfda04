import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { errorMessage, isDomainError, roles, type Role } from '@shizhi/domain';
import { verifyAuditChains } from './platform/audit/verify.ts';
import { systemClock } from './platform/clock.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import type { DbHandle } from './platform/db/client.ts';
import { inScope } from './platform/db/scope.ts';
import { openAndMigrate } from './platform/open.ts';
import { personalDataCipherFor } from './platform/personal-data.ts';
import { seedDisputeHistory, seedDistrict, seedEventHistory, seedRegisters } from './modules/demo-data/index.ts';
import { defaultCalendar } from './modules/events/index.ts';
import { createApiClient } from './modules/intake/index.ts';
import { kindName, markInterruptedImports, runImport, type ImportSummary } from './modules/registers/import/index.ts';
import { createProgressBar } from './platform/tabular/index.ts';
import {
  assignRole,
  createUser,
  listUsers,
  setPassword,
  setUserStatus,
  unlockUser,
} from './modules/users/index.ts';
import { startPlatform } from './start.ts';
import { version } from './version.ts';

async function withDatabase<T>(work: (handle: DbHandle, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openAndMigrate(config);
  try {
    return await work(handle, config);
  } finally {
    await handle.close();
  }
}

const program = new Command('shizhi')
  .description('市治 shizhi — 市域社会治理平台 (municipal social governance platform)')
  .version(version);

program
  .command('serve')
  .description('start the API and web app (migrates, and seeds the demo district on first start)')
  .action(async () => {
    const platform = await startPlatform(loadConfig());
    const shutdown = async (signal: string) => {
      console.log(`\n${signal}: stopping…`);
      await platform.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    await withDatabase(async (handle) => console.log(`migrated (${handle.engine})`));
  });

program
  .command('seed')
  .description('generate the demo district into an empty database')
  .addOption(new Option('--scale <scale>', 'demo: quick start; seed: the seeds’ scale (872 grids, 1,100 grid workers)').choices(['demo', 'seed']).default('demo'))
  .option('--no-history', 'skip the three years of demo events and disputes')
  .action(async (opts: { scale: 'demo' | 'seed'; history: boolean }) => {
    await withDatabase(async (handle, config) => {
      const result = await seedDistrict(handle, {
        scale: opts.scale,
        password: config.SHIZHI_DEMO_PASSWORD,
        clock: systemClock,
        onProgress: (done, total, label) => process.stdout.write(`\r${label} ${done}/${total}    `),
      });
      console.log(`\n${JSON.stringify(result, null, 2)}`);
      if (result.skipped) console.log('The database already holds org units: nothing seeded.');
      const registers = await seedRegisters(handle, {
        scale: opts.scale,
        clock: systemClock,
        cipher: personalDataCipherFor(config),
        onProgress: (done, total, label) => process.stdout.write(`\r${label} ${done}/${total}    `),
      });
      console.log(`\n${JSON.stringify(registers, null, 2)}`);
      if (!opts.history) return;
      const history = await seedEventHistory(handle, {
        scale: opts.scale,
        clock: systemClock,
        calendar: defaultCalendar(),
        onProgress: (done, total, label) => process.stdout.write(`\r${label} ${done}/${total}    `),
      });
      console.log(`\n${JSON.stringify(history, null, 2)}`);
      const disputes = await seedDisputeHistory(handle, {
        scale: opts.scale,
        clock: systemClock,
        calendar: defaultCalendar(),
        onProgress: (done, total, label) => process.stdout.write(`\r${label} ${done}/${total}    `),
      });
      console.log(`\n${JSON.stringify({ ...disputes, stats: undefined }, null, 2)}`);
    });
  });

const users = program.command('users').description('list and administer accounts');
const roleOption = () => new Option('--role <role>', 'role').choices([...roles]).makeOptionMandatory();

users
  .command('list')
  .description('list accounts (optionally under an org unit)')
  .option('--org <code>', 'org unit code')
  .option('-q, --query <text>', 'username or name contains')
  .option('--limit <n>', 'rows', '50')
  .action(async (opts: { org?: string; query?: string; limit: string }) => {
    await withDatabase(async (handle) => {
      const everything = { userId: 'cli', username: 'cli', displayName: 'cli', assignments: [], roles: [], scopePaths: await rootPaths(handle) };
      const list = await inScope(handle.db, everything.scopePaths, (tx) =>
        listUsers(tx, everything, { orgCode: opts.org, q: opts.query, page: 1, pageSize: Number(opts.limit) }),
      );
      if (!list) throw new Error(`org unit ${opts.org} not found`);
      for (const u of list.items) {
        const where = u.assignments.map((a) => `${a.role}@${a.orgCode}`).join(', ');
        const state = u.status !== 'active' ? ' [disabled]' : u.lockedUntil ? ` [locked until ${u.lockedUntil}]` : '';
        console.log(`${u.username.padEnd(22)} ${u.displayName.padEnd(16)} ${where}${state}`);
      }
      console.log(`${list.items.length} of ${list.total}`);
    });
  });

users
  .command('add <username>')
  .description('create an account with a role at an org unit')
  .requiredOption('--name <displayName>', 'display name')
  .addOption(roleOption())
  .requiredOption('--org <code>', 'org unit code')
  .requiredOption('--password <password>', 'initial password (≥ 8 characters)')
  .action(async (username: string, opts: { name: string; role: Role; org: string; password: string }) => {
    await withDatabase(async (handle) => {
      const user = await createUser(handle.db, systemClock, {
        username,
        displayName: opts.name,
        password: opts.password,
        role: opts.role,
        orgCode: opts.org,
      });
      console.log(`created ${user.username} (${user.id})`);
    });
  });

users
  .command('assign <username>')
  .description('give an account another role at an org unit')
  .addOption(roleOption())
  .requiredOption('--org <code>', 'org unit code')
  .action(async (username: string, opts: { role: Role; org: string }) => {
    await withDatabase((handle) => assignRole(handle.db, systemClock, username, opts.role, opts.org));
    console.log('assigned');
  });

users
  .command('passwd <username>')
  .description('set a new password (also unlocks)')
  .requiredOption('--password <password>', 'new password (≥ 8 characters)')
  .action(async (username: string, opts: { password: string }) => {
    await withDatabase((handle) => setPassword(handle.db, systemClock, username, opts.password));
    console.log('password set');
  });

users
  .command('unlock <username>')
  .description('clear a lockout after repeated failed sign-ins')
  .action(async (username: string) => {
    await withDatabase((handle) => unlockUser(handle.db, systemClock, username));
    console.log('unlocked');
  });

for (const [command, status] of [
  ['disable', 'disabled'],
  ['enable', 'active'],
] as const) {
  users
    .command(`${command} <username>`)
    .description(`${command} an account`)
    .action(async (username: string) => {
      await withDatabase((handle) => setUserStatus(handle.db, systemClock, username, status));
      console.log(status);
    });
}

program
  .command('api-client')
  .description('keys for machines and other systems (video-AI webhooks, Open311 clients)')
  .command('create')
  .description('issue a key; it is shown once, only its hash is kept')
  .requiredOption('--name <name>', 'who uses it, e.g. 雪亮工程视频平台')
  .addOption(new Option('--kind <kind>', 'webhook or open311').choices(['webhook', 'open311']).makeOptionMandatory())
  .requiredOption('--org <code>', 'the org unit it may report in')
  .action(async (opts: { name: string; kind: 'webhook' | 'open311'; org: string }) => {
    const client = await withDatabase((handle) =>
      createApiClient(handle.db, systemClock, { name: opts.name, kind: opts.kind, orgCode: opts.org }, { id: null, name: 'cli' }),
    );
    console.log(`client ${client.id} (${opts.kind}) for ${opts.org}`);
    console.log(`key (shown once, keep it safe): ${client.key}`);
  });

program
  .command('audit')
  .description('audit log tools')
  .command('verify')
  .description('recompute the hash chains; exit 1 and name the first broken link if any')
  .action(async () => {
    const reports = await withDatabase((handle) => verifyAuditChains(handle.db));
    let broken = 0;
    for (const r of reports) {
      if (r.ok) console.log(`chain ${r.chain}: ${r.rows} rows, intact`);
      else {
        broken += 1;
        const b = r.firstBroken!;
        console.log(`chain ${r.chain}: BROKEN at seq ${b.seq} (row id ${b.id}): ${b.reason}`);
      }
    }
    if (broken) process.exitCode = 1;
  });

const importKinds = ['population', 'houses', 'organisations'] as const;

program
  .command('import')
  .description('import a register file (.xlsx or CSV, UTF-8 or GBK): population 实有人口, houses 实有房屋, organisations 实有单位')
  .argument('<kind>', importKinds.join(' | '))
  .argument('<file>', 'the .xlsx or .csv file')
  .addOption(new Option('--mode <mode>', 'all: any bad row refuses the whole file; good: load the good rows').choices(['all', 'good']).default('all'))
  .addOption(new Option('--id-check <check>', 'strict: an ID number failing GB 11643 is a bad row; warn: load it with a quality flag').choices(['strict', 'warn']).default('strict'))
  .option('--errors <path>', 'where to write the error report (.xlsx; default: next to the file)')
  // Bad arguments exit 2, so scripts can tell them from a refused file (1).
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .action(async (kind: string, file: string, opts: { mode: 'all' | 'good'; idCheck: 'strict' | 'warn'; errors?: string }) => {
    if (!(importKinds as readonly string[]).includes(kind)) {
      console.error(`unknown kind ${kind}: choose ${importKinds.join(', ')}`);
      process.exit(2);
    }
    const filePath = path.resolve(file);
    if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) {
      console.error(`no such file: ${filePath}`);
      process.exit(2);
    }
    const errorReportPath = path.resolve(opts.errors ?? `${filePath.replace(/\.(csv|xlsx|txt)$/i, '')}.errors.xlsx`);
    const controller = new AbortController();
    process.once('SIGINT', () => {
      console.error('\n中断：正在回滚，本次不导入任何数据 / interrupted: rolling back, nothing is imported');
      controller.abort();
    });
    let summary: ImportSummary;
    try {
      summary = await withDatabase(async (handle, config) => {
        // On PGlite this process holds the data directory: an import still marked running was killed.
        if (handle.engine === 'pglite') await markInterruptedImports(handle, systemClock);
        const bar = createProgressBar(process.stderr, { label: kindName[kind as (typeof importKinds)[number]] });
        const result = await runImport({
          handle,
          clock: systemClock,
          cipher: personalDataCipherFor(config),
          kind: kind as (typeof importKinds)[number],
          filePath,
          fileName: path.basename(filePath),
          mode: opts.mode === 'good' ? 'good_rows' : 'all_or_nothing',
          idCheck: opts.idCheck,
          actor: { userId: null, displayName: `cli:${os.userInfo().username}`, scopePaths: await rootPaths(handle) },
          errorReportPath,
          signal: controller.signal,
          onProgress: (p) =>
            bar.update({ bytesRead: p.bytesRead, bytesTotal: p.bytesTotal, rows: p.rows, phase: p.phase, note: p.badRows ? `错误 ${p.badRows.toLocaleString('en-US')} 行` : '' }),
        });
        bar.finish();
        return result;
      });
    } catch (error) {
      if (error instanceof Error && /Another shizhi process/.test(error.message)) {
        console.error(`${error.message}\n嵌入式数据库（PGlite）同一时间只能由一个进程打开：请先停止 shizhi 服务器再导入，或通过网页导入。`);
        process.exit(1);
      }
      throw error;
    }
    const n = (v: number) => v.toLocaleString('en-US');
    const title = { done: '导入完成 done', refused: '未导入 refused', failed: '导入失败 failed', interrupted: '已中断 interrupted', running: 'running' }[summary.status];
    console.log(`${title}: ${kindName[summary.kind]} ${path.basename(filePath)} (${summary.encoding ?? '?'}), import ${summary.importId}`);
    console.log(
      `  行数 rows ${n(summary.totalRows)}  新增 created ${n(summary.created)}  更新 updated ${n(summary.updated)}  未变 unchanged ${n(summary.unchanged)}  错误 bad ${n(summary.bad)}  用时 ${summary.seconds.toFixed(1)} s`,
    );
    if (summary.message) console.log(`  ${summary.message}\n  ${summary.messageEn}`);
    if (summary.errorFile) console.log(`  错误报告 error report: ${summary.errorFile}${summary.errorCsv ? ` (${summary.errorCsv})` : ''}`);
    if (summary.status !== 'done') process.exitCode = 1;
  });

async function rootPaths(handle: DbHandle): Promise<string[]> {
  const rows = await handle.db.execute<{ org_path: string }>(`select org_path from org_unit where parent_code is null`);
  return rows.rows.map((r) => r.org_path);
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (isDomainError(error)) {
    const where = error.field ? ` [${error.field}]` : '';
    console.error(`${errorMessage(error.code, 'zh-CN')} / ${errorMessage(error.code, 'en')}${where} (${error.code})`);
  } else console.error(error);
  process.exit(1);
});
