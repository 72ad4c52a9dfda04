import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../apps/api/src/platform/config.ts';
import { startPlatform, type RunningPlatform } from '../../apps/api/src/start.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const defaultWebDist = path.join(repoRoot, 'apps', 'web', 'dist');

export interface E2eServer {
  /** http://localhost:<port>, the built web app and the API on one origin. */
  baseUrl: string;
  dataDir: string;
  /** The platform itself, for what a journey cannot do through a page (moving a case's clocks into the past). */
  platform: RunningPlatform;
  stop(): Promise<void>;
}

export interface E2eServerOptions {
  /**
   * Run the job runner and the deadline sweeper (every second), as a deployment does. Journeys that
   * wait for a warning need it: the sweeper publishes on the platform's own message bus, which is
   * what the browsers' live streams listen to.
   */
  jobs?: boolean;
}

/**
 * The journeys drive the built app as a district would run it. The same script as `npm start`
 * builds apps/web/dist when it is missing or older than its sources; SHIZHI_WEB_DIST (the server's
 * own setting) points at a build made elsewhere, which is used as it is.
 */
export function ensureWebBuilt(): void {
  const customDist = process.env.SHIZHI_WEB_DIST;
  if (customDist) {
    const index = path.join(customDist, 'index.html');
    if (!fs.existsSync(index)) throw new Error(`SHIZHI_WEB_DIST is set but ${index} does not exist`);
    return;
  }
  execFileSync(process.execPath, [path.join('scripts', 'ensure-web-build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (!fs.existsSync(path.join(defaultWebDist, 'index.html'))) throw new Error(`the web build did not produce ${defaultWebDist}/index.html`);
}

/**
 * The real platform in this process, on a free port and a fresh embedded database seeded with the
 * demo district. Jobs stay off unless a journey asks for them.
 */
export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  ensureWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-e2e-'));
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    SHIZHI_DATA_DIR: dataDir,
    SHIZHI_SEED_SCALE: 'demo',
    SHIZHI_JOBS: options.jobs ? 'on' : 'off',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  try {
    const platform = await startPlatform(config, { quiet: true });
    return {
      baseUrl: platform.url,
      dataDir,
      platform,
      async stop() {
        await platform.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
