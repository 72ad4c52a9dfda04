import { loadConfig } from '../../../apps/api/src/platform/config.ts';
import { startPlatform, type RunningPlatform } from '../../../apps/api/src/start.ts';

export const demoPassword = 'shizhi-demo';

export type Engine = 'pglite' | 'postgres';

/**
 * Starts the platform in this process on loopback, jobs off: PGlite in `dataDir`, or the PostgreSQL
 * database at `databaseUrl`. The demo district is seeded on first use; the login limiter never answers 429.
 */
export async function startMeasuredPlatform(
  target: { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; databaseUrl: string; dataDir: string },
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<RunningPlatform> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const config = loadConfig({
    ...env,
    ...(target.engine === 'postgres' ? { DATABASE_URL: target.databaseUrl } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    SHIZHI_DATA_DIR: target.dataDir,
    SHIZHI_SEED_SCALE: 'demo',
    SHIZHI_JOBS: 'off',
    SHIZHI_LOGIN_RATE_LIMIT: '100000',
    SHIZHI_DEMO_PASSWORD: demoPassword,
    SHIZHI_COOKIE_SECURE: 'false',
    LOG_LEVEL: 'silent',
    ...extraEnv,
  });
  return startPlatform(config, { quiet: true });
}

export function loopbackBase(url: string): string {
  return `http://127.0.0.1:${new URL(url).port}`;
}

export interface Session {
  username: string;
  /** `shizhi_session=…; shizhi_csrf=…` */
  cookie: string;
  /** Sent back as x-csrf-token on every change. */
  csrf: string;
}

/** Signs in with the demo password and returns the cookies and the CSRF token of the new session. */
export async function signIn(base: string, username: string, password = demoPassword): Promise<Session> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${text}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');
  const { csrfToken } = JSON.parse(text) as { csrfToken: string };
  return { username, cookie, csrf: csrfToken };
}

export async function getJson<T>(url: string, session: Session): Promise<T> {
  const response = await fetch(url, { headers: { cookie: session.cookie } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}
