import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import { expect } from 'vitest';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import type { CreateRoomResponse } from '../../src/protocol';

/**
 * Helpers for the tests that run real server processes (kill and restart, two processes, the cluster script):
 * a free port, whether Redis answers, and the bare server (tools/bench/bare-server.ts: server.ts's realtime
 * stack and database without Next's pages) started and waited for.
 */

/** Redis for the multi-process tests: REDIS_URL_FOR_TESTS, else the usual local one. */
export const testRedisUrl = process.env.REDIS_URL_FOR_TESTS ?? 'redis://127.0.0.1:6379';

/** Whether a Redis server answers at `url` (a second at most). */
export async function redisAnswers(url = testRedisUrl): Promise<boolean> {
  const c = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.ping();
    await c.quit();
    return true;
  } catch {
    return false;
  }
}

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface BareServer {
  port: number;
  proc: ChildProcess;
}

/**
 * Starts the bare server on `port` with `env` over this process's environment and resolves once its health check
 * answers (a minute at most: tsx compiles it on the fly). Its standard error is shown; its log only with `logs`.
 */
export async function startBareServer(
  port: number,
  env: Record<string, string | undefined>,
  opts: { logs?: boolean } = {},
): Promise<BareServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tools/bench/bare-server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', opts.logs ? 'inherit' : 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { port, proc };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/** SIGKILL, and resolves once the process is gone. */
export function killHard(proc: ChildProcess | null | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

/**
 * A room created over HTTP on the server at `baseUrl` (that process owns it): `questions` choice questions of the
 * built-in deck, 60 s each, points with the speed bonus, no auto-advance. Choice questions, so a test can make a
 * player right with the host's correct choice (a score to carry over a kill).
 */
export async function createChoiceRoom(baseUrl: string, questions: number): Promise<CreateRoomResponse> {
  const res = await fetch(`${baseUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      deckId: BUILTIN_DECK_ID,
      settings: {
        mode: 'choice',
        timeLimitSec: 60,
        points: true,
        speedBonus: true,
        autoAdvance: false,
        autoAdvanceSec: 8,
      },
      questionCount: questions,
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateRoomResponse;
}
