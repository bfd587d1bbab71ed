import { describe, expect, it } from 'vitest';
import { ruleFor } from '../../../src/server/edge';
import { parseEnv, parseLimit } from '../../../src/server/env';
import { clientAddress, createAddressLimits, type LimitSettings } from '../../../src/server/limits';

/** Per-address limits [R10.3]: who an address is, which requests spend what, and the counting itself. */

describe('client address', () => {
  it('is the socket peer unless proxies are trusted; a forged X-Forwarded-For changes nothing then', () => {
    expect(clientAddress('10.0.0.9', '1.2.3.4', 0)).toBe('10.0.0.9');
    expect(clientAddress('::ffff:10.0.0.9', undefined, 0)).toBe('10.0.0.9');
  });

  it('behind N trusted proxies, is the entry the outermost trusted proxy added (earlier ones are the client\'s)', () => {
    expect(clientAddress('10.0.0.1', 'forged, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.1', 'forged, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.1', ['a', '198.51.100.7'], 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.1', '', 1)).toBe('10.0.0.1');
  });

  it('counts IPv6 per /64, the block one subscriber gets', () => {
    expect(clientAddress('2001:db8:1:2:aaaa::1', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8:1:2:ffff:1:2:3', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8::1', undefined, 0)).toBe('2001:db8:0:0::/64');
  });
});

describe('which limit a request spends', () => {
  it('creation, imports, other writes, and lookups of a room code', () => {
    expect(ruleFor('POST', '/api/rooms')).toEqual({ limit: 'rooms', lookup: false });
    expect(ruleFor('POST', '/api/decks')).toEqual({ limit: 'deckImports', lookup: false });
    expect(ruleFor('PUT', '/api/decks/my-deck')).toEqual({ limit: 'deckImports', lookup: false });
    expect(ruleFor('POST', '/api/decks/my-deck/clone')).toEqual({ limit: 'deckImports', lookup: false });
    expect(ruleFor('POST', '/api/decks/my-deck/try')).toEqual({ limit: 'writes', lookup: false });
    expect(ruleFor('POST', '/api/groups')).toEqual({ limit: 'writes', lookup: false });
    expect(ruleFor('GET', '/api/rooms/ABCDEF')).toEqual({ limit: 'lookups', lookup: true });
    expect(ruleFor('GET', '/api/rooms/ABCDEF/results')).toEqual({ limit: 'lookups', lookup: true });
    expect(ruleFor('GET', '/results/ABCDEF')).toEqual({ limit: 'lookups', lookup: true });
    expect(ruleFor('GET', '/api/groups/x/leaderboard')).toBeNull();
    expect(ruleFor('GET', '/play/ABCDEF')).toBeNull();
  });
});

describe('the counting', () => {
  const settings = (over: Partial<LimitSettings> = {}): LimitSettings => ({
    joins: { points: 3, seconds: 60 },
    lookups: null,
    unknownCodes: { points: 2, seconds: 60 },
    rooms: null,
    deckImports: null,
    writes: null,
    ...over,
  });

  it('refuses past the limit with the wait, per address; a limit that is off refuses nothing', async () => {
    const limits = createAddressLimits(settings());
    const takes = [];
    for (let i = 0; i < 4; i++) takes.push(await limits.take('joins', 'a'));
    expect(takes.map((t) => t.ok)).toEqual([true, true, true, false]);
    const last = takes[3]!;
    expect(!last.ok && last.retryAfterSec).toBeGreaterThanOrEqual(59);
    expect((await limits.take('joins', 'b')).ok).toBe(true);
    for (let i = 0; i < 100; i++) expect((await limits.take('rooms', 'a')).ok).toBe(true);
  });

  it('charges unknown codes up front, gives the point back for a code that named a room, and then knows it', async () => {
    const limits = createAddressLimits(settings());
    const hit = await limits.lookup('a', 'ABCDEF');
    expect(hit).toEqual({ ok: true, charged: true });
    limits.looked('a', 'ABCDEF', true, hit);
    await new Promise((r) => setTimeout(r, 10));
    const miss1 = await limits.lookup('a', 'QQQQQQ');
    limits.looked('a', 'QQQQQQ', false, miss1);
    const miss2 = await limits.lookup('a', 'RRRRRR');
    limits.looked('a', 'RRRRRR', false, miss2);
    expect(miss1.ok && miss2.ok).toBe(true);
    // Two misses spent the two points: a third guess waits, but the known code still works.
    expect((await limits.lookup('a', 'SSSSSS')).ok).toBe(false);
    expect(await limits.lookup('a', 'ABCDEF')).toEqual({ ok: true, charged: false });
    // Malformed codes are no guess (refused as malformed elsewhere) and cost nothing.
    expect(await limits.lookup('a', 'O0I1')).toEqual({ ok: true, charged: false });
  });
});

describe('configuration', () => {
  it('limits are N/S or off; a bad value names its variable', () => {
    expect(parseLimit('30/60')).toEqual({ points: 30, seconds: 60 });
    expect(parseLimit('off')).toBeNull();
    expect(parseLimit('30')).toBeUndefined();
    expect(parseLimit('0/60')).toBeUndefined();
    const env = parseEnv({ RATE_LIMIT_ROOMS: '5/10', TRUST_PROXY: 'true', RATE_LIMIT_JOINS: 'off' });
    expect(env.RATE_LIMIT_ROOMS).toEqual({ points: 5, seconds: 10 });
    expect(env.RATE_LIMIT_JOINS).toBeNull();
    expect(env.TRUST_PROXY).toBe(1);
    expect(parseEnv({}).RATE_LIMIT_UNKNOWN_CODES).toEqual({ points: 30, seconds: 60 });
    expect(() => parseEnv({ RATE_LIMIT_ROOMS: 'lots' })).toThrow(/RATE_LIMIT_ROOMS: must be N\/S/);
    expect(() => parseEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
});
