import type { RedisLink } from '../../src/server/cluster/redis';

/**
 * One in-memory Redis shared by several "processes" (each gets its own link): keys with a time to live on the
 * test's clock, and pub/sub delivering every message, asynchronously, to every subscriber of its channel (the
 * sender's own included, as Redis does). `published` records every message for the tests to count.
 */
export class FakeRedis {
  readonly published: { channel: string; message: string }[] = [];
  private readonly keys = new Map<string, { value: string; until: number }>();
  private readonly subscribers = new Map<string, ((message: string) => void)[]>();

  constructor(private readonly now: () => number) {}

  link(): RedisLink {
    return {
      publish: async (channel, message) => {
        this.published.push({ channel, message });
        const listeners = this.subscribers.get(channel) ?? [];
        // Delivered later, like a message that goes out over a socket and comes back.
        queueMicrotask(() => {
          for (const l of listeners) l(message);
        });
        return listeners.length;
      },
      subscribe: async (channel, listener) => {
        this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), listener]);
      },
      get: async (key) => this.read(key),
      set: async (key, value, opts) => {
        if (opts.onlyIfAbsent && this.read(key) !== null) return false;
        this.keys.set(key, { value, until: this.now() + opts.ttlMs });
        return true;
      },
      del: async (key) => {
        this.keys.delete(key);
      },
      getMany: async (keys) => keys.map((k) => this.read(k)),
      // The scripts of the real link, step by step (nothing else runs in between here either).
      claimLease: async (key, value, ttlMs, fenceKey, floor, fenceTtlMs) => {
        if (this.read(key) !== null) return null;
        this.keys.set(key, { value, until: this.now() + ttlMs });
        const n = Math.max(Number(this.read(fenceKey) ?? 0) + 1, floor);
        this.keys.set(fenceKey, { value: String(n), until: this.now() + fenceTtlMs });
        return n;
      },
      extendLease: async (key, value, ttlMs) => {
        if (this.read(key) !== value) return false;
        this.keys.set(key, { value, until: this.now() + ttlMs });
        return true;
      },
      releaseLease: async (key, value) => {
        if (this.read(key) === value) this.keys.delete(key);
      },
      close: async () => undefined,
    };
  }

  read(key: string): string | null {
    const k = this.keys.get(key);
    if (!k || k.until <= this.now()) return null;
    return k.value;
  }

  messagesOn(channel: string): string[] {
    return this.published.filter((p) => p.channel === channel).map((p) => p.message);
  }
}

/** Lets queued microtasks and promise chains run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}
