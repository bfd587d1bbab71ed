import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersistOp, PlayerRow } from '../../src/game/commands';
import { silentLogger } from '../../src/server/log';
import { createRoomRepository, type RoomRepository } from '../../src/server/repositories/rooms';
import { RoomScheduler } from '../../src/server/room/scheduler';
import { createRoomStore } from '../../src/server/room/store';
import { FencedOut, RoomWriter } from '../../src/server/room/writer';
import { systemClock } from '../../src/server/clock';
import { startTestServer, type TestServer } from './support';

/**
 * Fencing in the database [R8.4]: two owners of one room, the old one with fencing number 1 and its successor with
 * 2. Once a batch is stored under 2, a batch under 1 is refused as a whole (nothing of it stored), the writer does
 * not retry it op by op as if a row were bad, and every later op of the stale owner is refused too. On Postgres
 * with DATABASE_URL, else on the embedded database.
 */
let server: TestServer;
let repo: RoomRepository;

beforeAll(async () => {
  server = await startTestServer();
  repo = createRoomRepository(server.app.db.prisma);
}, 60_000);

afterAll(async () => {
  await server.stop();
});

const playerRow = (id: string): PlayerRow => ({
  id,
  nickname: id,
  tokenHash: `hash-${id}`,
  profileId: null,
  joinedAt: Date.now(),
});
const joined = (id: string): PersistOp => ({ op: 'playerJoined', player: playerRow(id) });

async function newRoom(code: string): Promise<string> {
  const id = `room-${code}`;
  await repo.create({
    id,
    code,
    deckId: 'kubernetes-networking',
    title: 'Fencing',
    settings: {
      mode: 'choice',
      timeLimitSec: 20,
      points: true,
      speedBonus: true,
      autoAdvance: false,
      autoAdvanceSec: 8,
      maxPlayers: 100,
    },
    hostTokenHash: 'h',
    questionCount: 1,
    createdAt: new Date(),
    groupId: null,
  });
  return id;
}

async function storedPlayers(roomId: string): Promise<string[]> {
  const rows = await server.app.db.prisma.player.findMany({ where: { roomId }, select: { id: true } });
  return rows.map((r) => r.id).sort();
}

describe('fencing numbers on room writes', () => {
  it('[R8.4] a batch under an older fencing number than the newest owner\'s is refused whole', async () => {
    const roomId = await newRoom('FNCAAA');
    const old = createRoomStore(repo, roomId, 1);
    const next = createRoomStore(repo, roomId, 2);
    await old.write([joined('p1')]);
    await next.write([joined('p2')]);
    await expect(old.write([joined('p3'), joined('p4')])).rejects.toBeInstanceOf(FencedOut);
    expect(await storedPlayers(roomId)).toEqual(['p1', 'p2']);
    expect(await repo.fenceOf(roomId)).toBe(2);
    // The new owner raised the number before reading the room; the old one cannot raise it back.
    expect(await repo.raiseFence(roomId, 1)).toBe(false);
    expect(await repo.raiseFence(roomId, 3)).toBe(true);
    await expect(next.write([joined('p5')])).rejects.toBeInstanceOf(FencedOut);
  });

  it('[R8.4] the stale owner\'s writer refuses the batch and everything after it, without writing op by op', async () => {
    const roomId = await newRoom('FNCBBB');
    const writes: number[] = [];
    const store = createRoomStore(repo, roomId, 1);
    const counting = { write: (batch: readonly PersistOp[]) => (writes.push(batch.length), store.write(batch)) };
    let fencedOut = 0;
    const writer = new RoomWriter(counting, new RoomScheduler(systemClock), silentLogger, 'FNCBBB', 5, () => {
      fencedOut += 1;
    });
    expect(await writer.enqueue(joined('a1'))).toEqual({ ok: true });
    // Another process takes the room over: it raises the number before it reads the stored rows.
    expect(await repo.raiseFence(roomId, 2)).toBe(true);
    const refused = await Promise.all([writer.enqueue(joined('a2')), writer.enqueue(joined('a3'))]);
    expect(refused.every((r) => !r.ok && r.fencedOut)).toBe(true);
    expect(writes).toEqual([1, 2]); // the refused batch was not written again op by op
    expect(fencedOut).toBe(1);
    expect(await writer.enqueue(joined('a4'))).toMatchObject({ ok: false, fencedOut: true });
    expect(writes).toEqual([1, 2]);
    expect(await storedPlayers(roomId)).toEqual(['a1']);
  });

  // Row locks need a server: the embedded database runs one transaction at a time.
  it.skipIf(!process.env.DATABASE_URL)(
    '[R8.4] batches under the stored fencing number are written side by side; a takeover waits for them',
    async () => {
      const roomId = await newRoom('FNCCCC');
      const store = createRoomStore(repo, roomId, 1);
      await store.write([joined('c1')]); // the first batch stores the number
      let started!: () => void;
      let release!: () => void;
      const inFirst = new Promise<void>((r) => (started = r));
      const held = new Promise<void>((r) => (release = r));
      // A batch that stays open (its transaction holds the room row's lock) until released.
      const first = repo.underFence(
        roomId,
        1,
        async (tx) => {
          await tx.insertPlayers(roomId, [playerRow('c2')]);
          started();
          await held;
        },
        true,
      );
      await inFirst;
      // Another batch of the same owner is not held up by the open one.
      const second = await Promise.race([
        store.write([joined('c3')]).then(() => 'written'),
        new Promise((r) => setTimeout(() => r('blocked'), 10_000)),
      ]);
      expect(second).toBe('written');
      // A new owner's raise waits until the open batch ends.
      let raised: boolean | null = null;
      const raising = repo.raiseFence(roomId, 2).then((ok) => (raised = ok));
      await new Promise((r) => setTimeout(r, 300));
      expect(raised).toBeNull();
      release();
      expect(await first).toBe(true);
      await raising;
      expect(raised).toBe(true);
      expect(await storedPlayers(roomId)).toEqual(['c1', 'c2', 'c3']);
      await expect(store.write([joined('c4')])).rejects.toBeInstanceOf(FencedOut);
    },
    30_000,
  );
});
