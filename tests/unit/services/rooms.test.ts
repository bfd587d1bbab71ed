import { afterEach, describe, expect, it } from 'vitest';
import { ROOM_CODE_ALPHABET, ROOM_CODE_PATTERN } from '../../../src/contract';
import { hashToken, newRoomCode, newToken } from '../../../src/server/ids';
import { silentLogger } from '../../../src/server/log';
import type { NewRoomRow, RoomRepository, RoomRow } from '../../../src/server/repositories/rooms';
import { roomRegistry } from '../../../src/server/room/registry';
import { createLocalRouter } from '../../../src/server/room/router';
import { createRoomService, OPEN_ROOM_STATUSES } from '../../../src/server/services/rooms';
import { FakeClock } from '../../support/fake-clock';
import { CARDS, seededRng } from '../game/helpers';
import { recordingTransport } from '../room/helpers';

const BODY = {
  deckId: 'd',
  settings: {
    mode: 'choice' as const,
    timeLimitSec: 20,
    points: true,
    speedBonus: true,
    autoAdvance: false,
    autoAdvanceSec: 8,
  },
  shuffle: false,
};

/** The rooms table in memory: what the service stores and asks, and nothing more. */
function fakeRooms(stored: Partial<RoomRow>[] = []) {
  const created: NewRoomRow[] = [];
  const statusChanges: unknown[] = [];
  const impl = {
    codeInUse: async (code: string) =>
      stored.some((r) => r.code === code) || created.some((r) => r.code === code),
    create: async (row: NewRoomRow) => void created.push(row),
    findByCode: async (code: string) => (stored.find((r) => r.code === code) as RoomRow | undefined) ?? null,
    changeStatus: async (change: unknown) => (statusChanges.push(change), 2),
  };
  const repo = new Proxy(impl, {
    get: (t, name: string) => (name in t ? t[name as keyof typeof t] : async () => undefined),
  }) as unknown as RoomRepository;
  return { repo, created, statusChanges };
}

function service(rooms: RoomRepository, codes: string[]) {
  const clock = new FakeClock();
  let id = 0;
  const registry = roomRegistry();
  const svc = createRoomService({
    decks: {
      examples: async () => [],
      get: async (deckId) =>
        deckId === 'd'
          ? {
              id: 'd',
              title: 'Deck',
              description: null,
              source: 'builtin',
              updatedAt: new Date(0),
              cards: CARDS.map((c, position) => ({ ...c, position })),
            }
          : null,
    },
    rooms,
    clock,
    ids: { id: () => `id-${++id}`, token: newToken, roomCode: () => codes.shift() ?? newRoomCode() },
    log: silentLogger,
    maxPlayers: 100,
    transportFor: () => recordingTransport().transport,
    router: createLocalRouter((code) => registry.get(code)),
    requireGroupAdmin: async () => undefined,
    rng: seededRng(),
  });
  return { svc, clock, registry };
}

afterEach(() => roomRegistry().clear());

describe('rooms', () => {
  it('[R1.2] a join code is 6 characters without look-alikes, unique across stored rooms', async () => {
    for (let i = 0; i < 2000; i++) expect(newRoomCode()).toMatch(ROOM_CODE_PATTERN);
    expect(ROOM_CODE_ALPHABET).not.toMatch(/[01IOL]/);
    const { repo, created } = fakeRooms([
      { code: 'AAAAAA', status: 'finished' },
      { code: 'BBBBBB', status: 'abandoned' },
    ]);
    const { svc } = service(repo, ['AAAAAA', 'BBBBBB', 'CCCCCC', 'CCCCCC', 'DDDDDD']);
    expect((await svc.create(BODY, 'http://quiz.test')).code).toBe('CCCCCC');
    // The next room cannot have a code in use by a live room either.
    expect((await svc.create(BODY, 'http://quiz.test')).code).toBe('DDDDDD');
    expect(created.map((r) => r.code)).toEqual(['CCCCCC', 'DDDDDD']);
  });

  it('[R1.2] the host token (32 random bytes) is returned once; only its SHA-256 is stored', async () => {
    const { repo, created } = fakeRooms();
    const { svc, registry } = service(repo, ['CCCCCC']);
    const r = await svc.create(BODY, 'http://quiz.test/');
    expect(Buffer.from(r.hostToken, 'base64url')).toHaveLength(32);
    expect(created[0]?.hostTokenHash).toBe(hashToken(r.hostToken));
    expect(JSON.stringify(created)).not.toContain(r.hostToken);
    expect(registry.get('CCCCCC')?.snapshot.hostTokenHash).toBe(hashToken(r.hostToken));
    expect(r).toMatchObject({
      joinUrl: 'http://quiz.test/play/CCCCCC',
      hostUrl: 'http://quiz.test/host/CCCCCC',
    });
  });

  it('[R8.3] rooms a previous process left open are marked abandoned at start-up, ended now; live ones are kept', async () => {
    const { repo, statusChanges } = fakeRooms();
    const { svc, clock } = service(repo, ['CCCCCC']);
    await svc.create(BODY, 'http://quiz.test');
    clock.t = Date.UTC(2026, 11, 6, 12, 0, 0);
    expect(await svc.closeAbandoned()).toBe(2);
    expect(statusChanges).toEqual([
      {
        from: OPEN_ROOM_STATUSES,
        exceptIds: ['id-1'],
        to: 'abandoned',
        endedAt: new Date(Date.UTC(2026, 11, 6, 12, 0, 0)),
      },
    ]);
    expect(OPEN_ROOM_STATUSES).toEqual(['lobby', 'running']);
  });

  it('a request for a room no process runs says whether it ended (and where its results are) or never existed', async () => {
    const { repo } = fakeRooms([
      { code: 'EEEEEE', status: 'finished' },
      { code: 'FFFFFF', status: 'running' },
    ]);
    const { svc } = service(repo, []);
    expect(await svc.request('EEEEEE', { kind: 'attachScreen' })).toEqual({
      ok: false,
      error: { code: 'game_finished', message: 'Game EEEEEE has ended. Its results are at /results/EEEEEE.' },
    });
    for (const code of ['FFFFFF', 'GGGGGG']) {
      expect(await svc.request(code, { kind: 'attachScreen' })).toEqual({
        ok: false,
        error: {
          code: 'room_not_found',
          message: `No game with code ${code}. Check the code and try again.`,
        },
      });
    }
  });
});
