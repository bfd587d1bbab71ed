import { afterEach, describe, expect, it } from 'vitest';
import { ROOM_CODE_ALPHABET, ROOM_CODE_PATTERN } from '../../../src/contract';
import { hashToken, newRoomCode, newToken } from '../../../src/server/ids';
import { silentLogger } from '../../../src/server/log';
import type {
  NewRoomRow,
  RestorableRoom,
  RoomRepository,
  RoomRow,
} from '../../../src/server/repositories/rooms';
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

  it('[R8.3] at start-up a room left open comes back in its phase; one that cannot be rebuilt is abandoned', async () => {
    const { repo: base, statusChanges } = fakeRooms();
    const settings = { ...BODY.settings, maxPlayers: 100 };
    const restorable: Record<string, RestorableRoom> = {
      'room-q': {
        id: 'room-q',
        code: 'QQQQQQ',
        deckId: 'd',
        title: 'Deck',
        status: 'running',
        settings,
        hostTokenHash: 'h'.repeat(64),
        createdAt: 1,
        startedAt: 2,
        groupId: null,
        joinUrl: 'http://quiz.test/play/QQQQQQ',
        phase: 'question',
        plan: ['c1', 'c2'],
        players: [
          { id: 'p1', nickname: 'ann', tokenHash: 't1', profileId: null, joinedAt: 1, removed: false },
        ],
        questions: [
          {
            index: 0,
            cardId: 'c1',
            kind: 'text',
            prompt: 'What is CNI?',
            choices: [],
            correctChoiceId: null,
            openedAt: 990_000,
            closesAt: 1_010_000,
            closedAt: null,
            skipped: false,
          },
        ],
        answers: [
          {
            playerId: 'p1',
            questionIndex: 0,
            choiceId: null,
            text: 'cni',
            receivedAt: 995_000,
            elapsedMs: 5000,
            verdict: 'incorrect',
            gradeScore: 0,
            matched: [],
            points: 0,
            overridden: false,
          },
        ],
      },
      // Left in the lobby 13 hours ago: not brought back.
      'room-stale': {
        id: 'room-stale',
        code: 'SSSSSS',
        deckId: 'd',
        title: 'Deck',
        status: 'lobby',
        settings,
        hostTokenHash: 'h'.repeat(64),
        createdAt: 1_060_000 - 13 * 3_600_000,
        startedAt: null,
        groupId: null,
        joinUrl: 'http://quiz.test/play/SSSSSS',
        phase: 'lobby',
        plan: ['c1'],
        players: [],
        questions: [],
        answers: [],
      },
      // Stored before rooms kept their plan: it cannot be rebuilt.
      'room-old': {
        id: 'room-old',
        code: 'OOOOOO',
        deckId: 'd',
        title: 'Deck',
        status: 'running',
        settings,
        hostTokenHash: 'h'.repeat(64),
        createdAt: 1,
        startedAt: 2,
        groupId: null,
        joinUrl: null,
        phase: null,
        plan: null,
        players: [],
        questions: [],
        answers: [],
      },
    };
    const repo = new Proxy(base, {
      get: (t, name: string) =>
        name === 'idsWithStatus'
          ? async () => Object.keys(restorable)
          : name === 'restorable'
            ? async (id: string) => restorable[id] ?? null
            : t[name as keyof typeof t],
    });
    const { svc, clock, registry } = service(repo, []);
    clock.t = 1_060_000; // down for a minute after the last answer, at 995,000
    expect(await svc.recover()).toEqual({ resumed: 1, abandoned: 2 });
    const room = registry.get('QQQQQQ')!;
    expect(room.phase).toBe('question');
    expect(room.snapshot.questions[0]!.answers.get('p1')?.text).toBe('cni');
    expect(room.snapshot.questions[0]!.ungraded).toEqual(['p1']);
    // 15 s were left at the last answer; they are left now.
    expect(room.snapshot.phaseEndsAt).toBe(1_060_000 + 15_000);
    expect(registry.has('OOOOOO')).toBe(false);
    expect(registry.has('SSSSSS')).toBe(false);
    expect(statusChanges).toEqual([
      { from: OPEN_ROOM_STATUSES, exceptIds: ['room-q'], to: 'abandoned', endedAt: new Date(1_060_000) },
    ]);
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
