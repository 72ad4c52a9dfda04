import path from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SHIZHI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // 32 bytes, base64: the key that encrypts ID numbers and phones (openssl rand -base64 32). Unset: a
  // key file is generated under SHIZHI_DATA_DIR/secrets (fine for the embedded demo, not production).
  SHIZHI_DATA_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  SHIZHI_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('shizhi-demo'),
  SHIZHI_SEED_SCALE: z.enum(['demo', 'seed', 'none']).default('demo'),
  SHIZHI_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  SHIZHI_SESSION_HOURS: z.coerce.number().positive().default(12),
  // Behind a reverse proxy set this so client IPs (rate limits, audit) come from X-Forwarded-For.
  SHIZHI_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SHIZHI_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SHIZHI_WEB_DIST: z.string().optional(),
  SHIZHI_MAP_TILE_URL: z.string().url().optional(),
  SHIZHI_JOBS: z.enum(['on', 'off']).default('on'),
  // New reports written at once, and at most how many in one statement when more arrive meanwhile.
  SHIZHI_INTAKE_WRITERS: z.coerce.number().int().min(1).max(32).default(2),
  SHIZHI_INTAKE_BATCH: z.coerce.number().int().min(1).max(500).default(64),
  // While a batch is being written, another starts only once this many reports wait.
  SHIZHI_INTAKE_BUSY_BATCH: z.coerce.number().int().min(1).max(500).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

/** Read once at start; a bad variable stops the process with its name and the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.SHIZHI_DATA_DIR) };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
