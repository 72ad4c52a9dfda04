import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { figure, type Benchmark, type Figure } from '../lib/figures.ts';
import { delay, freePort } from '../lib/net.ts';
import { removeDir, repoRoot, tempDir } from '../lib/paths.ts';

const pollMs = 50;
const readyTimeoutMs = 180_000;
const stopTimeoutMs = 30_000;

interface Command {
  args: string[];
  env: NodeJS.ProcessEnv;
}

interface StartResult {
  /** Spawn to the first 200 from /api/health. */
  readySeconds: number;
  /** SIGTERM to process exit. */
  stopSeconds: number;
  exitCode: number | null;
}

/** The last lines a child printed, kept so a failed start can say why. */
function tailOf(child: ChildProcess, keep = 40): () => string {
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split(/\r?\n|\r/).filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => lines.join('\n');
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Spawns the command, polls its health URL every 50 ms, then stops it with SIGTERM. */
async function timeStart(command: Command, port: number): Promise<StartResult> {
  const healthUrl = `http://127.0.0.1:${port}/api/health`;
  const started = performance.now();
  const child = spawn(process.execPath, command.args, {
    cwd: repoRoot,
    env: { ...command.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = tailOf(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));

  try {
    for (;;) {
      if (exitedEarly) throw new Error(`process exited before it was ready:\n${tail()}`);
      if (performance.now() - started > readyTimeoutMs) throw new Error(`not ready after ${readyTimeoutMs} ms:\n${tail()}`);
      if (await healthy(healthUrl)) break;
      await delay(pollMs);
    }
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  const readySeconds = (performance.now() - started) / 1000;

  const stopping = performance.now();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  const exitCode = await exited;
  clearTimeout(timer);
  const stopSeconds = (performance.now() - stopping) / 1000;
  if (exitCode !== 0) throw new Error(`process did not stop cleanly (exit ${exitCode}):\n${tail()}`);
  return { readySeconds, stopSeconds, exitCode };
}

/** A clean environment: no PostgreSQL, so both commands use the embedded database. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
}

function platformCommand(dataDir: string, scale: 'demo' | 'seed'): Command {
  return {
    args: [path.join('apps', 'api', 'bin', 'shizhi.js'), 'serve'],
    env: {
      ...baseEnv(),
      HOST: '127.0.0.1',
      SHIZHI_DATA_DIR: dataDir,
      SHIZHI_SEED_SCALE: scale,
      SHIZHI_JOBS: 'on',
      LOG_LEVEL: 'warn',
    },
  };
}

function baselineCommand(dataDir: string): Command {
  return {
    args: ['--import', 'tsx', path.join('bench', 'src', 'baselines', 'bare-pglite-server.ts')],
    env: { ...baseEnv(), BASELINE_DATA_DIR: dataDir },
  };
}

/** Cold (fresh folder) then warm (same folder, after a clean stop) start of one command. */
async function coldAndWarm(makeCommand: (dataDir: string) => Command, label: string, say: (line: string) => void) {
  const dir = tempDir(label);
  try {
    const command = makeCommand(dir);
    const cold = await timeStart(command, await freePort());
    say(`  ${label}: cold ${cold.readySeconds.toFixed(2)} s (stop ${cold.stopSeconds.toFixed(2)} s)`);
    const warm = await timeStart(command, await freePort());
    say(`  ${label}: warm ${warm.readySeconds.toFixed(2)} s (stop ${warm.stopSeconds.toFixed(2)} s)`);
    return { cold, warm };
  } finally {
    removeDir(dir);
  }
}

export const coldStart: Benchmark = {
  name: 'cold-start',
  description:
    'spawn `shizhi serve` to the first 200 from /api/health: on a fresh data dir (migrate + seed) and again on the same dir, at demo and seed scale; baseline: a bare node process that opens PGlite and serves a health route',
  async run(say) {
    const baseline = await coldAndWarm(baselineCommand, 'bare-pglite', say);
    const demo = await coldAndWarm((dir) => platformCommand(dir, 'demo'), 'shizhi-demo', say);
    const figures: Figure[] = [
      figure('cold-start', 'cold start, demo scale', 's', demo.cold.readySeconds, 'bare PGlite cold', baseline.cold.readySeconds,
        'fresh data dir: PGlite initdb, migrations, demo seed, jobs, listen'),
      figure('cold-start', 'warm start, demo scale', 's', demo.warm.readySeconds, 'bare PGlite warm', baseline.warm.readySeconds,
        'same data dir after SIGTERM: nothing to migrate or seed'),
      figure('cold-start', 'clean stop (SIGTERM), warm', 's', demo.warm.stopSeconds, 'bare PGlite stop', baseline.warm.stopSeconds),
    ];
    // The seeds' scale (872 grids, 1,100 grid workers) seeds with bulk inserts and starts about as fast.
    const seed = await coldAndWarm((dir) => platformCommand(dir, 'seed'), 'shizhi-seed', say);
    figures.push(
      figure('cold-start', 'cold start, seed scale', 's', seed.cold.readySeconds, 'bare PGlite cold', baseline.cold.readySeconds,
        'as demo, with 872 grids and 1,100 grid workers'),
      figure('cold-start', 'warm start, seed scale', 's', seed.warm.readySeconds, 'bare PGlite warm', baseline.warm.readySeconds),
    );
    return figures;
  },
};
