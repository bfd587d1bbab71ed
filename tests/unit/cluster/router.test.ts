import { describe, expect, it } from 'vitest';
import {
  createClusterRouter,
  ownerKey,
  RPC_TIMEOUT_MS,
  rpcChannel,
  fenceKey,
  LEASE_RENEW_MS,
  LEASE_TTL_MS,
  type RpcReplies,
  type RpcRequests,
} from '../../../src/server/cluster/router';
import { silentLogger } from '../../../src/server/log';
import type { Room } from '../../../src/server/room/room';
import { FakeClock } from '../../support/fake-clock';
import { FakeRedis, settle } from '../../support/fake-redis';
import { HOST, makeRoom, pump } from '../room/helpers';

/** Two processes, A and B, sharing one Redis; A runs room ABCDEF. */
async function cluster() {
  const clock = new FakeClock();
  const redis = new FakeRedis(clock.now);
  const rooms = new Map<string, Map<string, Room>>([
    ['A', new Map()],
    ['B', new Map()],
  ]);
  const start = (id: string) =>
    createClusterRouter({
      link: redis.link(),
      processId: id,
      lookup: (code) => rooms.get(id)!.get(code),
      clock,
      log: silentLogger,
    });
  const [a, b] = await Promise.all([start('A'), start('B')]);
  const { room } = makeRoom({ code: 'ABCDEF', clock });
  rooms.get('A')!.set('ABCDEF', room);
  await a.claim('ABCDEF');
  /** One turn of the event loop on both processes, then the messages travel. */
  const turn = async () => {
    clock.turn();
    await settle();
  };
  return { clock, redis, a, b, room, rooms, turn };
}

describe('cluster router (Redis)', () => {
  it('a room is owned by one process: a second claim fails', async () => {
    const { redis, b } = await cluster();
    expect(redis.read(ownerKey('ABCDEF'))).toBe('A');
    await expect(b.claim('ABCDEF')).rejects.toThrow(/already owned/);
  });

  it('requests arriving at another process in one turn travel to the owner as one message, replies as one', async () => {
    const { clock, redis, b, room, turn } = await cluster();
    const replies = Array.from({ length: 100 }, (_, i) =>
      b.route('ABCDEF', {
        kind: 'command',
        command: { type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` },
      }),
    );
    await settle(); // the owner lookups
    await turn(); // the batch leaves
    const requests = redis.messagesOn(rpcChannel('A')).map((m) => JSON.parse(m) as RpcRequests);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.from).toBe('B');
    expect(requests[0]!.items.map((i) => i.request)).toEqual(
      Array.from({ length: 100 }, (_, i) => ({
        kind: 'command',
        command: { type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` },
      })),
    );
    // The owner replies once the joins are stored (group commit): its writer's tick runs on the clock.
    const answers = await pump(clock, Promise.all(replies));
    expect(answers.every((r) => r.ok && r.view.kind === 'player')).toBe(true);
    expect(answers.map((r) => (r.ok && r.view.kind === 'player' ? r.view.you.nickname : null))).toEqual(
      Array.from({ length: 100 }, (_, i) => `n${i}`),
    );
    const back = redis.messagesOn(rpcChannel('B')).map((m) => JSON.parse(m) as RpcReplies);
    expect(back).toHaveLength(1);
    expect(back[0]!.items).toHaveLength(100);
    expect(room.snapshot.activeCount).toBe(100);
  });

  it('the owner runs requests for its rooms itself, without Redis', async () => {
    const { clock, redis, a } = await cluster();
    const r = await pump(clock, a.route('ABCDEF', { kind: 'command', command: { type: 'start', hostTokenHash: HOST } }));
    expect(r).toEqual({ ok: true, view: { kind: 'none' } });
    expect(redis.published).toEqual([]);
  });

  it('a room no process owns is not found; an owner that does not answer times out', async () => {
    const { clock, redis, b } = await cluster();
    expect(await b.route('QQQQQQ', { kind: 'status' })).toMatchObject({
      ok: false,
      error: { code: 'room_not_found' },
    });
    // A process that owns a room but does not answer: the request waits, then gives up with a clear error.
    await redis.link().set(ownerKey('GHJKMN'), 'C', { ttlMs: LEASE_TTL_MS });
    await redis.link().subscribe(rpcChannel('C'), () => undefined);
    const pending = b.route('GHJKMN', { kind: 'status' });
    await settle();
    clock.turn();
    clock.advance(RPC_TIMEOUT_MS);
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The server running this game did not answer; try again.' },
    });
  });

  it('an owner that no longer has the room makes the next request look the owner up again', async () => {
    const { redis, a, b, rooms, turn } = await cluster();
    const ask = async () => {
      const r = b.route('ABCDEF', { kind: 'status' });
      await settle();
      await turn();
      return r;
    };
    expect((await ask()).ok).toBe(true);
    // A evicts the room and another process, C, takes the code.
    rooms.get('A')!.delete('ABCDEF');
    await a.release('ABCDEF');
    await redis.link().set(ownerKey('ABCDEF'), 'C', { ttlMs: LEASE_TTL_MS });
    await redis.link().subscribe(rpcChannel('C'), () => undefined);
    // B's cached owner (A) says "not here"; B does not ask A again.
    expect(await ask()).toMatchObject({ ok: false, error: { code: 'room_not_found' } });
    const before = redis.messagesOn(rpcChannel('A')).length;
    void b.route('ABCDEF', { kind: 'status' });
    await settle();
    await turn();
    expect(redis.messagesOn(rpcChannel('A'))).toHaveLength(before);
    expect(redis.messagesOn(rpcChannel('C'))).toHaveLength(1);
  });

  it("[R8.4] the owner keeps its rooms' leases alive while it runs", async () => {
    const { clock, redis } = await cluster();
    for (let i = 0; i < 10; i++) {
      clock.advance(LEASE_RENEW_MS);
      await settle();
    }
    expect(redis.read(ownerKey('ABCDEF'))).toBe('A');
  });

  it('[R8.4] a claim takes the next fencing number atomically with the lease; a dead owner\'s lease expires and the next claim gets a higher one', async () => {
    const { clock, redis, a, b, rooms } = await cluster();
    expect(redis.read(fenceKey('ABCDEF'))).toBe('1');
    await expect(b.claim('ABCDEF')).rejects.toThrow(/already owned/);
    expect(redis.read(fenceKey('ABCDEF'))).toBe('1'); // a refused claim takes no number
    // A dies: nothing renews its lease (its router stops; its room is gone with it).
    await a.close();
    rooms.get('A')!.clear();
    // a.close released the lease at once; a SIGKILL leaves it to expire.
    await redis.link().set(ownerKey('ABCDEF'), 'A', { ttlMs: LEASE_TTL_MS });
    expect(await b.unowned(['ABCDEF', 'QQQQQQ'])).toEqual(['QQQQQQ']);
    clock.advance(LEASE_TTL_MS);
    expect(await b.unowned(['ABCDEF'])).toEqual(['ABCDEF']);
    expect(await b.claim('ABCDEF')).toBe(2);
    expect(redis.read(ownerKey('ABCDEF'))).toBe('B');
    // A floor (the number the database holds, plus one) lifts a counter Redis lost.
    expect(await b.claim('ZZZZZZ', 7)).toBe(7);
  });

  it('[R8.4] a renewal extends only a lease the process still holds; the loser is told at once and stops renewing', async () => {
    const { clock, redis, a, b } = await cluster();
    const lost: string[] = [];
    a.onLost((code) => lost.push(code));
    // A stalls (a long pause) past its lease; B claims the room meanwhile.
    clock.t += LEASE_TTL_MS;
    expect(await b.claim('ABCDEF')).toBe(2);
    clock.advance(LEASE_RENEW_MS);
    await settle();
    // A's renewal compared the holder, found B, and did not extend B's lease; A gave the room up.
    expect(lost).toEqual(['ABCDEF']);
    expect(redis.read(ownerKey('ABCDEF'))).toBe('B');
    for (let i = 0; i < 5; i++) {
      clock.advance(LEASE_RENEW_MS);
      await settle();
    }
    // A never touched B's lease again; B's renewals keep it.
    expect(lost).toEqual(['ABCDEF']);
    expect(redis.read(ownerKey('ABCDEF'))).toBe('B');
  });

  it('[R8.4] an owner that cannot reach Redis gives its rooms up once its lease may have expired', async () => {
    const clock = new FakeClock();
    const redis = new FakeRedis(clock.now);
    const link = redis.link();
    let down = false;
    const flaky = { ...link, extendLease: (...args: Parameters<typeof link.extendLease>) => (down ? Promise.reject(new Error('ECONNRESET')) : link.extendLease(...args)) };
    const { room } = makeRoom({ code: 'ABCDEF', clock });
    const a = await createClusterRouter({ link: flaky, processId: 'A', lookup: () => room, clock, log: silentLogger });
    const lost: string[] = [];
    a.onLost((code) => lost.push(code));
    await a.claim('ABCDEF');
    clock.advance(LEASE_RENEW_MS);
    await settle();
    const renewedAt = clock.now(); // the last renewal that reached Redis was sent now
    down = true;
    while (clock.now() + LEASE_RENEW_MS < renewedAt + LEASE_TTL_MS) {
      clock.advance(LEASE_RENEW_MS);
      await settle();
      expect(lost).toEqual([]); // the last renewal still holds it
    }
    clock.advance(LEASE_RENEW_MS);
    await settle();
    expect(lost).toEqual(['ABCDEF']);
  });

  it('[R8.4] a request for a dead owner (nobody listens) comes back at once as not found, for the next owner', async () => {
    const { clock, redis, b } = await cluster();
    await redis.link().set(ownerKey('GHJKMN'), 'C', { ttlMs: LEASE_TTL_MS });
    const pending = b.route('GHJKMN', { kind: 'status' });
    await settle();
    clock.turn();
    await settle();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'room_not_found' } });
  });
});
