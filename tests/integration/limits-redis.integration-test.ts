import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createAddressLimits } from '../../src/server/limits';

/**
 * With REDIS_URL the per-address limits are counted in Redis, so they hold across processes [R10.3]: two limiters
 * (two processes) on one Redis share one count. Runs when REDIS_URL_FOR_TESTS is set (CI, `npm test` here).
 */
const url = process.env.REDIS_URL_FOR_TESTS;
const clients: ReturnType<typeof createClient>[] = [];

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.quit()));
});

describe.skipIf(!url)('rate limits shared through Redis', () => {
  it('[R10.3] two processes share one count per address; the wait is the window left', async () => {
    const connect = async () => {
      const c = createClient({ url });
      clients.push(c);
      await c.connect();
      return c;
    };
    const settings = {
      joins: null,
      lookups: null,
      unknownCodes: null,
      rooms: { points: 3, seconds: 30 },
      deckImports: null,
      writes: null,
    };
    const a = createAddressLimits(settings, { redis: await connect() });
    const b = createAddressLimits(settings, { redis: await connect() });
    const address = `test-${process.pid}-${Date.now()}`;
    const verdicts = [
      await a.take('rooms', address),
      await b.take('rooms', address),
      await a.take('rooms', address),
      await b.take('rooms', address),
    ];
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, false]);
    const last = verdicts[3]!;
    expect(!last.ok && last.retryAfterSec).toBeGreaterThan(25);
    // The count lives in Redis under the limit's prefix.
    const c = await connect();
    expect(Number(await c.get(`quizroom:limit:rooms:${address}`))).toBe(4);
  });
});
