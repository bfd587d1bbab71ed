import { createClient } from 'redis';
import type { Logger } from '../log';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * What the cluster needs of Redis: pub/sub and a few keys. The router, the player mail and the event relay use
 * this interface; `connectRedis` is the real one, tests use an in-memory one (tests/support/fake-redis.ts).
 */
export interface RedisLink {
  publish(channel: string, message: string): Promise<void>;
  /** Calls `listener` with every message on `channel`, this process's own included. */
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  get(key: string): Promise<string | null>;
  /** Sets `key` with a time to live; `onlyIfAbsent` (NX) leaves an existing key alone. Returns whether it set it. */
  set(key: string, value: string, opts: { ttlMs: number; onlyIfAbsent?: boolean }): Promise<boolean>;
  del(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Two connections to Redis (one publishes and reads keys; one subscribes, as Redis requires). */
export async function connectRedis(url: string, log: Logger): Promise<RedisLink & { client: RedisClient }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', (e: unknown) => log.error('redis error', { error: String(e) }));
  sub.on('error', (e: unknown) => log.error('redis error', { error: String(e) }));
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    client: pub,
    async publish(channel, message) {
      await pub.publish(channel, message);
    },
    async subscribe(channel, listener) {
      await sub.subscribe(channel, listener);
    },
    get: (key) => pub.get(key),
    async set(key, value, opts) {
      const r = await pub.set(key, value, {
        ...(opts.onlyIfAbsent ? { condition: 'NX' as const } : {}),
        expiration: { type: 'PX', value: opts.ttlMs },
      });
      return r === 'OK';
    },
    async del(key) {
      await pub.del(key);
    },
    async close() {
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
