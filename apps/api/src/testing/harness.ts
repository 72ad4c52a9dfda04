import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageBus } from '../platform/bus.ts';
import { FileStore } from '../platform/files.ts';
import { personalDataCipherFor, type PersonalDataCipher } from '../platform/personal-data.ts';
import { ManualClock } from '../platform/clock.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { DbHandle } from '../platform/db/client.ts';
import { buildApp } from '../server.ts';
import { cloneTemplate, testClockStart, testPassword } from './template.ts';

export { testPassword };

/** The personal-data key of every test platform (tests that seed register rows seal with it too). */
export const testDataKey = Buffer.alloc(32, 7).toString('base64');

export interface TestPlatform {
  app: FastifyInstance;
  handle: DbHandle;
  clock: ManualClock;
  bus: MessageBus;
  config: Config;
  /** The platform's file store (a temporary folder). */
  files: FileStore;
  cipher: PersonalDataCipher;
  /** Signs in and returns a client that carries the session cookie and CSRF header. */
  login(username: string, password?: string): Promise<TestClient>;
  anonymous: TestClient;
  close(): Promise<void>;
}

export interface TestClient {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: object): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, session: { cookie: string; csrf: string } | null): TestClient {
  const request = (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: {
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        ...options.headers,
      },
    });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, ...(payload ? { payload } : {}) }),
  };
}

/** A full HTTP app on a fresh clone of the seeded template database, with a clock tests can move. */
export async function createTestPlatform(env: Record<string, string> = {}, options: { serveWeb?: boolean } = {}): Promise<TestPlatform> {
  const handle = await cloneTemplate(inject('dbTemplate'));
  const clock = new ManualClock(testClockStart);
  const config = loadConfig({
    SHIZHI_SEED_SCALE: 'none',
    SHIZHI_JOBS: 'off',
    SHIZHI_LOGIN_RATE_LIMIT: '1000',
    SHIZHI_DATA_KEY: testDataKey,
    ...env,
  });
  const cipher = personalDataCipherFor(config);
  const bus = new MessageBus();
  const files = new FileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-files-')));
  const app = await buildApp({ config, handle, db: handle.db, clock, bus, files, cipher }, { serveWeb: options.serveWeb ?? false });
  await app.ready();
  return {
    app,
    handle,
    clock,
    bus,
    config,
    files,
    cipher,
    anonymous: client(app, null),
    async login(username, password = testPassword) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const session = res.cookies.find((c) => c.name === 'shizhi_session')!;
      const csrf = res.cookies.find((c) => c.name === 'shizhi_csrf')!;
      return client(app, { cookie: `shizhi_session=${session.value}; shizhi_csrf=${csrf.value}`, csrf: csrf.value });
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
