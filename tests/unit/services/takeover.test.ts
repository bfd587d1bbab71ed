import { afterEach, describe, expect, it } from 'vitest';
import { createClusterRouter, fenceKey, LEASE_RENEW_MS, LEASE_TTL_MS, ownerKey } from '../../../src/server/cluster/router';
import { newToken } from '../../../src/server/ids';
import { silentLogger } from '../../../src/server/log';
import type { RestorableRoom, RoomRepository } from '../../../src/server/repositories/rooms';
import { roomRegistry } from '../../../src/server/room/registry';
import { createRoomService } from '../../../src/server/services/rooms';
import { FakeClock } from '../../support/fake-clock';
import { FakeRedis, settle } from '../../support/fake-redis';
import { CARDS, seededRng } from '../game/helpers';
import { pump, recordingTransport } from '../room/helpers';

const SETTINGS = {
  mode: 'choice' as const,
  timeLimitSec: 20,
  points: true,
  speedBonus: true,
  autoAdvance: false,
  autoAdvanceSec: 8,
  maxPlayers: 100,
};

/** Room ABCDEF, stored with one player in the lobby, owned by process A, which has just died. */
function storedRoom(now: number): RestorableRoom {
  return {
    id: 'room-1',
    code: 'ABCDEF',
    deckId: 'd',
    title: 'Deck',
    status: 'lobby',
    settings: SETTINGS,
    hostTokenHash: 'h'.repeat(64),
    createdAt: now - 1000,
    startedAt: null,
    groupId: null,
    joinUrl: 'http://quiz.test/play/ABCDEF',
    phase: 'lobby',
    plan: ['c1', 'c2'],
    players: [{ id: 'p1', nickname: 'ann', tokenHash: 't1', profileId: null, joinedAt: now - 500, removed: false }],
    questions: [],
    answers: [],
  };
}

/** Process B of a cluster (its room service and router) over a fake Redis, and the rooms table in memory. */
async function processB(stored: (now: number) => RestorableRoom = storedRoom) {
  const clock = new FakeClock();
  const redis = new FakeRedis(clock.now);
  const registry = roomRegistry();
  const router = await createClusterRouter({
    link: redis.link(),
    processId: 'B',
    lookup: (code) => registry.get(code),
    clock,
    log: silentLogger,
  });
  const db = {
    fence: 1,
    raised: [] as { fence: number; at: number }[],
    writtenUnder: [] as number[],
    ended: [] as { id: string; to: string }[],
  };
  const rows = {
    withProcess: async (_statuses: unknown, code?: string) =>
      !code || code === 'ABCDEF' ? [{ id: 'room-1', code: 'ABCDEF', deckId: 'd' }] : [],
    fenceOf: async () => db.fence,
    raiseFence: async (_id: string, fence: number) => {
      if (fence < db.fence) return false;
      db.fence = fence;
      db.raised.push({ fence, at: clock.now() });
      return true;
    },
    restorable: async () => stored(clock.now()),
    end: async (id: string, to: string) => void db.ended.push({ id, to }),
    underFence: async (_id: string, fence: number, work: (tx: unknown) => Promise<void>) => {
      if (fence < db.fence) return false;
      db.writtenUnder.push(fence);
      await work(repo);
      return true;
    },
  };
  const repo = new Proxy(rows, {
    get: (t, name: string) => (name in t ? t[name as keyof typeof t] : async () => undefined),
  }) as unknown as RoomRepository;
  const transports: { code: string; sent: { event: string; payload: unknown }[] }[] = [];
  const svc = createRoomService({
    decks: {
      examples: async () => [],
      get: async () => ({
        id: 'd',
        title: 'Deck',
        description: null,
        source: 'builtin',
        updatedAt: new Date(0),
        cards: CARDS.map((c, position) => ({ ...c, position })),
      }),
    },
    rooms: repo,
    clock,
    ids: { id: () => 'id', token: newToken, roomCode: () => 'ZZZZZZ' },
    log: silentLogger,
    maxPlayers: 100,
    transportFor: (code) => {
      const t = recordingTransport();
      transports.push({ code, sent: t.sent });
      return t.transport;
    },
    router,
    requireGroupAdmin: async () => undefined,
    rng: seededRng(),
  });
  return { clock, redis, router, svc, db, registry, transports };
}

afterEach(() => roomRegistry().clear());

describe('takeover of a room whose owner died', () => {
  it('[R8.4] a request for the room waits for the lease to expire, takes the room over under a higher fencing number, and is answered there', async () => {
    const { clock, redis, svc, db, registry, transports } = await processB();
    // A owned the room (fencing number 1) and died: its lease runs out LEASE_TTL_MS from now, nobody listens for it.
    await redis.link().set(ownerKey('ABCDEF'), 'A', { ttlMs: LEASE_TTL_MS });
    await redis.link().set(fenceKey('ABCDEF'), '1', { ttlMs: 60_000 });
    const t0 = clock.now();
    const reply = await pump(clock, svc.request('ABCDEF', { kind: 'status' }));
    // Not "not found": the status of the room, from its new owner.
    expect(reply).toMatchObject({ ok: true, view: { kind: 'status', status: { code: 'ABCDEF', phase: 'lobby', playerCount: 1 } } });
    expect(redis.read(ownerKey('ABCDEF'))).toBe('B');
    // The fencing number was raised in the database only once A's lease had expired, before the room ran here.
    expect(db.raised).toHaveLength(1);
    expect(db.raised[0]!.fence).toBe(2);
    expect(db.raised[0]!.at).toBeGreaterThanOrEqual(t0 + LEASE_TTL_MS);
    // Everyone following the room, on every process, was told to reconnect (and rejoin here).
    expect(transports.some((t) => t.sent.some((m) => m.event === 'reconnect' && m.payload === 'everywhere'))).toBe(true);
    expect(registry.get('ABCDEF')?.snapshot.players.get('p1')?.connected).toBe(false);
    // Its writes from now on carry the new number.
    const joined = await pump(
      clock,
      svc.request('ABCDEF', { kind: 'command', command: { type: 'join', playerId: 'p2', nickname: 'bob', tokenHash: 't2' } }),
    );
    expect(joined.ok).toBe(true);
    expect(db.writtenUnder.length).toBeGreaterThan(0);
    expect(new Set(db.writtenUnder)).toEqual(new Set([2]));
  });

  it('[R8.4] the periodic scan takes over an open room with no lease; a room with a live lease is left alone', async () => {
    const { clock, redis, svc, registry } = await processB();
    await redis.link().set(ownerKey('ABCDEF'), 'A', { ttlMs: LEASE_TTL_MS });
    expect(await svc.adoptOrphans()).toBe(0);
    expect(registry.has('ABCDEF')).toBe(false);
    clock.advance(LEASE_TTL_MS);
    expect(await pump(clock, svc.adoptOrphans())).toBe(1);
    expect(registry.get('ABCDEF')?.phase).toBe('lobby');
    expect(redis.read(ownerKey('ABCDEF'))).toBe('B');
  });

  it('[R8.4] a room whose lease this process loses stops here at once', async () => {
    const { clock, redis, svc, registry } = await processB();
    await pump(clock, svc.adoptOrphans());
    const room = registry.get('ABCDEF')!;
    expect(room).toBeDefined();
    // Another process holds the lease now (B stalled past it): B's next renewal finds out.
    await redis.link().del(ownerKey('ABCDEF'));
    await redis.link().set(ownerKey('ABCDEF'), 'C', { ttlMs: 60_000 });
    clock.advance(LEASE_RENEW_MS);
    await settle();
    expect(room.stopped).toBe(true);
    expect(registry.has('ABCDEF')).toBe(false);
    expect(redis.read(ownerKey('ABCDEF'))).toBe('C');
  });

  it('[R8.4][R8.3] a room that cannot be rebuilt is marked abandoned by the process that claimed it, and let go', async () => {
    const { clock, redis, svc, db, registry } = await processB((now) => ({ ...storedRoom(now), plan: null }));
    expect(await pump(clock, svc.adoptOrphans())).toBe(1);
    expect(registry.has('ABCDEF')).toBe(false);
    expect(db.ended).toEqual([{ id: 'room-1', to: 'abandoned' }]);
    expect(redis.read(ownerKey('ABCDEF'))).toBeNull();
  });
});
