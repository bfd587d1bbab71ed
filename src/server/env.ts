import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, parsed once at start-up with zod (create-t3-app style): a bad value is one clear error.
 * Every variable is optional; the defaults give a playable game on the embedded database.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  MAX_PLAYERS_PER_ROOM: z.coerce.number().int().min(1).max(100_000).default(10_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type Env = z.infer<typeof EnvSchema>;

/** What each variable means, for `--help` (README.md, "Configuration", says the same). */
const MEANING: Record<keyof Env, string> = {
  NODE_ENV: 'development (default), production or test',
  PORT: 'HTTP port for pages, API and socket.io (default 3000)',
  HOST: 'address to bind (default 0.0.0.0)',
  DATABASE_URL: 'postgres:// URL; unset means the embedded database',
  DATA_DIR: 'folder of the embedded database (default .data/pglite)',
  REDIS_URL: 'run several server processes sharing rooms',
  PUBLIC_URL: 'the address phones use, for join links and QR codes (default: the request origin)',
  DB_POOL_SIZE: 'Postgres connections per process (default 10)',
  DB_CONNECT_TIMEOUT_MS: 'give up connecting to Postgres after this long (default 5000)',
  MAX_PLAYERS_PER_ROOM: 'room capacity (default 10000)',
  LOG_LEVEL: 'debug, info (default), warn, error or silent',
};

/** The configuration variables, one per line, for a command's `--help`. */
export function envHelp(): string {
  return (Object.keys(MEANING) as (keyof Env)[]).map((k) => `  ${k.padEnd(22)} ${MEANING[k]}`).join('\n');
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses configuration from `source` (default `process.env`); empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return { ...result.data, DATA_DIR: path.resolve(result.data.DATA_DIR) };
}
