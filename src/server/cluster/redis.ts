import { createClient } from 'redis';
import type { Logger } from '../log';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * What the cluster needs of Redis: pub/sub and a few keys. The router, the player mail and the event relay use
 * this interface; `connectRedis` is the real one, tests use an in-memory one (tests/support/fake-redis.ts).
 */
export interface RedisLink {
  /** Publishes `message`; resolves with how many subscribers received it (0: nobody listens on `channel`). */
  publish(channel: string, message: string): Promise<number>;
  /** Calls `listener` with every message on `channel`, this process's own included. */
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  get(key: string): Promise<string | null>;
  /** Sets `key` with a time to live; `onlyIfAbsent` (NX) leaves an existing key alone. Returns whether it set it. */
  set(key: string, value: string, opts: { ttlMs: number; onlyIfAbsent?: boolean }): Promise<boolean>;
  del(key: string): Promise<void>;
  /** The values of `keys`, in order (null: absent or expired). */
  getMany(keys: readonly string[]): Promise<(string | null)[]>;
  /**
   * A lease, atomically: sets `key` to `value` for `ttlMs` if it is absent, and then takes the next number of the
   * counter `fenceKey` (at least `floor`; the counter lives `fenceTtlMs`). Resolves with that fencing number, or
   * null when the key was held (by anyone, this process included).
   */
  claimLease(key: string, value: string, ttlMs: number, fenceKey: string, floor: number, fenceTtlMs: number): Promise<number | null>;
  /** Compare and extend: gives `key` `ttlMs` more only if it still holds `value`. Whether it did. */
  extendLease(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Compare and delete: deletes `key` only if it holds `value`. */
  releaseLease(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** SET NX PX, then INCR the fencing counter (raised to the floor), in one step: no other client runs between. */
const CLAIM_SCRIPT = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
local n = redis.call('INCR', KEYS[2])
local floor = tonumber(ARGV[3])
if n < floor then
  redis.call('SET', KEYS[2], floor)
  n = floor
end
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return n`;

const EXTEND_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Two connections to Redis (one publishes and reads keys; one subscribes, as Redis requires). */
export async function connectRedis(url: string, log: Logger): Promise<RedisLink & { client: RedisClient }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', (e: unknown) => log.error('redis error', { error: String(e) }));
  sub.on('error', (e: unknown) => log.error('redis error', { error: String(e) }));
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    client: pub,
    publish: (channel, message) => pub.publish(channel, message),
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
    getMany: async (keys) => (keys.length === 0 ? [] : pub.mGet([...keys])),
    async claimLease(key, value, ttlMs, fenceKey, floor, fenceTtlMs) {
      const n = Number(
        await pub.eval(CLAIM_SCRIPT, {
          keys: [key, fenceKey],
          arguments: [value, String(ttlMs), String(floor), String(fenceTtlMs)],
        }),
      );
      return n > 0 ? n : null;
    },
    async extendLease(key, value, ttlMs) {
      return Number(await pub.eval(EXTEND_SCRIPT, { keys: [key], arguments: [value, String(ttlMs)] })) === 1;
    },
    async releaseLease(key, value) {
      await pub.eval(RELEASE_SCRIPT, { keys: [key], arguments: [value] });
    },
    async close() {
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
