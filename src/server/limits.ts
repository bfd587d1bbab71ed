import { isIP } from 'node:net';
import { isRoomCode } from '../contract';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Rate limits per client address [R10.3]: how many join attempts, lookups of a room code, rooms created, deck
 * imports and other API writes one address may make in a window, and how many codes naming no room it may try.
 * Counted with `rate-limiter-flexible` (in memory, or in Redis when several processes share the load, so the
 * limit holds across the cluster). The per-socket message limit [R10.2] is a token bucket on the socket
 * itself (realtime/socket-guard.ts): it runs on every message and allocates nothing.
 */

export const ADDRESS_LIMITS = ['joins', 'lookups', 'unknownCodes', 'rooms', 'deckImports', 'writes'] as const;
export type AddressLimit = (typeof ADDRESS_LIMITS)[number];

/** `points` per `seconds` for one address; null switches the limit off. */
export type LimitSetting = { points: number; seconds: number } | null;
export type LimitSettings = Record<AddressLimit, LimitSetting>;

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSec: number };

const OK: LimitVerdict = { ok: true };

/** An admitted lookup of a room code: whether it spent one of the address's unknown codes in advance. */
export type Lookup = LimitVerdict & { charged: boolean };

export interface AddressLimits {
  /** Spends one point of `limit` for `address`; refused (with the wait) when none are left. */
  take(limit: AddressLimit, address: string): Promise<LimitVerdict>;
  /**
   * Before a join or lookup names `code`: a code not known to name a room spends one of the address's unknown
   * codes up front, so a burst of guesses in parallel is bounded as well as one after another.
   */
  lookup(address: string, code: string | null): Promise<Lookup>;
  /** After it: a code that named a room is remembered and its point given back; a miss keeps it spent. */
  looked(address: string, code: string | null, found: boolean, lookup: Lookup): void;
}

/** Codes known to name a room (this process saw them answer), so a class joining together pays nothing. */
const KNOWN_CODES_MAX = 10_000;

/** Which redis client the limits may share (the cluster's); absent: this process's memory. */
export interface LimitsStore {
  redis?: unknown;
  /**
   * Whether a code names a room this process runs: known at once, so a class joining a room together pays
   * nothing even while the first joins wait for their write (acks come after the write, R8.2).
   */
  runsRoom?: (code: string) => boolean;
}

function retryAfter(res: RateLimiterRes): LimitVerdict {
  return { ok: false, retryAfterSec: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/**
 * The limits of `settings`. A store failure (Redis unreachable) never refuses anyone: each Redis limiter falls
 * back to one in memory.
 */
export function createAddressLimits(settings: LimitSettings, store: LimitsStore = {}): AddressLimits {
  const limiters = new Map<AddressLimit, RateLimiterAbstract>();
  for (const name of ADDRESS_LIMITS) {
    const s = settings[name];
    if (!s) continue;
    const opts = { keyPrefix: `quizroom:limit:${name}`, points: s.points, duration: s.seconds };
    limiters.set(
      name,
      store.redis
        ? new RateLimiterRedis({
            ...opts,
            storeClient: store.redis,
            useRedisPackage: true,
            insuranceLimiter: new RateLimiterMemory(opts),
          })
        : new RateLimiterMemory(opts),
    );
  }
  const known = new Set<string>();

  async function take(limit: AddressLimit, address: string): Promise<LimitVerdict> {
    const l = limiters.get(limit);
    if (!l) return OK;
    try {
      await l.consume(address, 1);
      return OK;
    } catch (e) {
      if (e instanceof RateLimiterRes) return retryAfter(e);
      return OK; // the store failed with no insurance left: never refuse on our own failure
    }
  }

  return {
    take,
    async lookup(address, code) {
      // Only a well-formed code can be a guess; anything else is refused as malformed without a lookup.
      if (code === null || !isRoomCode(code) || known.has(code) || store.runsRoom?.(code)) {
        return { ok: true, charged: false };
      }
      const v = await take('unknownCodes', address);
      return { ...v, charged: v.ok && limiters.has('unknownCodes') };
    },
    looked(address, code, found, lookup) {
      if (!found) return;
      if (code !== null && !known.has(code)) {
        if (known.size >= KNOWN_CODES_MAX) known.clear();
        known.add(code);
      }
      if (lookup.charged) void limiters.get('unknownCodes')?.reward(address, 1).catch(() => undefined);
    },
  };
}

/**
 * The address a request came from: the socket's peer, or, behind `trustedHops` reverse proxies, the entry of
 * X-Forwarded-For that the outermost trusted proxy added (each proxy appends the address it was reached from,
 * so the client can forge every entry but those). IPv6 addresses count per /64, the block one subscriber gets.
 */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: string | string[] | undefined | null,
  trustedHops: number,
): string {
  let address = remote ?? '';
  if (trustedHops > 0 && forwardedFor) {
    const list = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const pick = list[Math.max(0, list.length - trustedHops)];
    if (pick) address = pick;
  }
  return normaliseAddress(address);
}

function normaliseAddress(raw: string): string {
  const a = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped?.[1]) return mapped[1];
  if (isIP(a) === 6) return `${expandIPv6(a).slice(0, 4).join(':')}::/64`;
  if (isIP(a) === 4) return a;
  return a === '' ? 'unknown' : `other:${a.slice(0, 64)}`;
}

function expandIPv6(a: string): string[] {
  const [head = '', tail] = a.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
