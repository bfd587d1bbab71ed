import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, parsed once at start-up with zod (create-t3-app style): a bad value is one clear error.
 * Every variable is optional; the defaults give a playable game on the embedded database.
 */
/** `N/S` (N per S seconds) or `off`: a per-address rate limit (src/server/limits.ts). */
export function parseLimit(text: string): { points: number; seconds: number } | null | undefined {
  if (text === 'off') return null;
  const m = /^(\d{1,7})\/(\d{1,6})$/.exec(text);
  if (!m) return undefined;
  const points = Number(m[1]);
  const seconds = Number(m[2]);
  return points >= 1 && seconds >= 1 ? { points, seconds } : undefined;
}

function limit(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((s, ctx) => {
      const parsed = parseLimit(s.trim());
      if (parsed !== undefined) return parsed;
      ctx.addIssue({ code: 'custom', message: 'must be N/S (N per S seconds, e.g. 30/60) or off' });
      return z.NEVER;
    });
}

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
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, 'must be false, true (one proxy) or the number of proxies in front')
    .default('false')
    .transform((s) => (s === 'true' ? 1 : s === 'false' ? 0 : Number(s))),
  RATE_LIMIT_JOINS: limit('1000/60'),
  RATE_LIMIT_LOOKUPS: limit('600/60'),
  RATE_LIMIT_UNKNOWN_CODES: limit('30/60'),
  RATE_LIMIT_ROOMS: limit('30/60'),
  RATE_LIMIT_DECK_IMPORTS: limit('20/60'),
  RATE_LIMIT_WRITES: limit('120/60'),
  SOCKET_RATE_PER_SEC: z.coerce.number().int().min(1).max(10_000).default(20),
  SOCKET_RATE_BURST: z.coerce.number().int().min(1).max(100_000).default(40),
  SOCKET_FLOOD_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(200),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  GRADER_LLM_URL: z.url().optional(),
  GRADER_LLM_MODEL: z.string().min(1).default('llama3.1'),
  GRADER_LLM_KEY: z.string().min(1).optional(),
  GRADER_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(4000),
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
  TRUST_PROXY: 'false (default), true (one reverse proxy) or the number of proxies: then X-Forwarded-For names the client',
  RATE_LIMIT_JOINS: 'player joins and rejoins per client address (default 1000/60: N per S seconds, or off)',
  RATE_LIMIT_LOOKUPS: 'room lookups per address: status, results, exports, screens, host links (default 600/60)',
  RATE_LIMIT_UNKNOWN_CODES: 'room codes naming no room per address; then its lookups and joins wait (default 30/60)',
  RATE_LIMIT_ROOMS: 'rooms created per address (default 30/60)',
  RATE_LIMIT_DECK_IMPORTS: 'deck imports and edits per address (default 20/60)',
  RATE_LIMIT_WRITES: 'other API writes (profiles, groups, seasons) per address (default 120/60)',
  SOCKET_RATE_PER_SEC: 'messages per second one socket may send (default 20)',
  SOCKET_RATE_BURST: 'messages a socket may send at once after a pause (default 40)',
  SOCKET_FLOOD_LIMIT: 'refused messages within 10 s after which a socket is disconnected (default 200)',
  METRICS_TOKEN: 'when set, /metrics needs it as a bearer token (default: /metrics is open)',
  GRADER_LLM_URL: 'an OpenAI-compatible API (e.g. http://127.0.0.1:11434/v1 for Ollama) asked about typed answers the grader is unsure of; unset (default): off',
  GRADER_LLM_MODEL: 'the model name sent to GRADER_LLM_URL (default llama3.1)',
  GRADER_LLM_KEY: 'bearer token for GRADER_LLM_URL, if it needs one',
  GRADER_LLM_TIMEOUT_MS: 'each judge request is aborted after this long; the reveal never waits for it (default 4000)',
};

/** The configuration variables, one per line, for a command's `--help`. */
export function envHelp(): string {
  return (Object.keys(MEANING) as (keyof Env)[]).map((k) => `  ${k.padEnd(26)} ${MEANING[k]}`).join('\n');
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
