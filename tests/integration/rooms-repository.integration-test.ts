import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import type { AnswerRecord, AskedQuestion, PlayerState } from '../../src/game/types';
import { createRoomRepository } from '../../src/server/repositories/rooms';
import { startTestServer, type TestServer } from './support';

// The bulk writes of a closed question are raw `INSERT ... SELECT FROM unnest(...)` statements (R8.2): these
// tests read every column back through Prisma, on Postgres in CI and on the embedded database locally.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0, 123);

function player(i: number, over: Partial<PlayerState> = {}): PlayerState {
  return {
    id: `rp-${i}`,
    nickname: `Player ${i} "quoted", ünïcode ✓`,
    tokenHash: `hash-${i}`,
    profileId: null,
    joinedAt: T0 + i,
    team: null,
    connected: true,
    droppedAt: null,
    removed: false,
    score: 100 * i,
    streak: 0,
    correctCount: i % 3,
    answeredCount: 1,
    correctMs: 0,
    rank: i + 1,
    previousRank: null,
    lastPoints: 0,
    ...over,
  };
}

function answer(p: PlayerState, i: number): AnswerRecord {
  return {
    playerId: p.id,
    questionIndex: 0,
    choiceId: i % 2 === 0 ? `choice-${i % 4}` : null,
    text: i % 2 === 0 ? null : `kube-proxy, it's {"json"} \\ ${i}`,
    receivedAt: T0 + 5_000 + i,
    elapsedMs: 1_000 + i,
    verdict: i % 3 === 0 ? 'correct' : i % 3 === 1 ? 'partial' : 'incorrect',
    gradeScore: i % 3 === 0 ? 1 : i % 3 === 1 ? 0.5 : 0,
    explanation: '',
    unsure: false,
    group: '',
    matched: i % 3 === 2 ? [] : ['routes Service traffic', `idea "${i}"`],
    missing: [],
    points: 10 * i,
    streakBonus: 0,
    overridden: i === 7,
  };
}

describe('room repository bulk writes [R8.2]', () => {
  it('stores players and a closed question of 1,234 answers column for column, and a retry adds nothing', async () => {
    const prisma = server.app.db.prisma;
    const rooms = createRoomRepository(prisma);
    const roomId = 'room-bulk-1';
    await rooms.create({
      id: roomId,
      code: 'BULKAA',
      deckId: BUILTIN_DECK_ID,
      title: 'Bulk',
      settings: {
        mode: 'mixed',
        timeLimitSec: 20,
        points: true,
        speedBonus: true,
        autoAdvance: false,
        autoAdvanceSec: 8,
        maxPlayers: 5000,
      },
      hostTokenHash: 'h',
      questionCount: 1,
      createdAt: new Date(T0),
      groupId: null,
    });
    const players = Array.from({ length: 1234 }, (_, i) => player(i));
    await rooms.insertPlayers(roomId, players);
    await rooms.insertPlayers(roomId, players.slice(0, 10)); // a retried slice: skipped, not an error
    const q: AskedQuestion = {
      index: 0,
      cardId: 'card-1',
      kind: 'text',
      prompt: 'What is kube-proxy?',
      choices: [],
      correctChoiceId: null,
      openedAt: T0 + 4_000,
      closesAt: T0 + 24_000,
      closedAt: T0 + 20_000,
      pausedMs: 0,
      addedMs: 0,
      leadIn: false,
      skipped: false,
      answers: new Map(),
      ungraded: [],
    };
    await rooms.insertQuestion(roomId, q);
    const answers = players.map((p, i) => answer(p, i));
    await rooms.closeQuestion(roomId, q, answers, players);
    await rooms.closeQuestion(roomId, q, answers.slice(0, 600), players); // retry after a failure

    const storedPlayers = await prisma.player.findMany({ where: { roomId }, orderBy: { joinedAt: 'asc' } });
    expect(storedPlayers).toHaveLength(1234);
    for (const [i, sp] of storedPlayers.entries()) {
      const p = players[i]!;
      expect(sp).toMatchObject({
        id: p.id,
        nickname: p.nickname,
        rejoinTokenHash: p.tokenHash,
        profileId: null,
        score: p.score,
        correctCount: p.correctCount,
        answeredCount: 1,
        removedAt: null,
      });
      expect(sp.joinedAt.getTime()).toBe(p.joinedAt);
    }

    const stored = await prisma.answer.findMany({ where: { roomId }, orderBy: { receivedAt: 'asc' } });
    expect(stored).toHaveLength(1234);
    for (const [i, sa] of stored.entries()) {
      const a = answers[i]!;
      expect(sa).toEqual({
        playerId: a.playerId,
        questionIndex: 0,
        roomId,
        cardId: 'card-1',
        choiceId: a.choiceId,
        text: a.text,
        receivedAt: new Date(a.receivedAt),
        elapsedMs: a.elapsedMs,
        verdict: a.verdict,
        gradeScore: a.gradeScore,
        points: a.points,
        overridden: a.overridden,
        matched: a.matched,
      });
    }
    const results = await rooms.results(roomId);
    expect(results.questions[0]).toMatchObject({
      index: 0,
      answered: 1234,
      correct: answers.filter((a) => a.verdict === 'correct').length,
    });
  }, 60_000);
});

describe('rooms left open [R8.3]', () => {
  it('[R8.3] rooms a previous server process left open are marked abandoned at start-up; finished and live rooms are not', async () => {
    const prisma = server.app.db.prisma;
    const rooms = createRoomRepository(prisma);
    const settings = { mode: 'choice' as const, timeLimitSec: 20, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8, maxPlayers: 10 };
    const row = (id: string, code: string) => ({ id, code, deckId: BUILTIN_DECK_ID, title: 'Left', settings, hostTokenHash: 'h', questionCount: 1, createdAt: new Date(T0), groupId: null });
    await rooms.create(row('left-lobby', 'LEFTAA'));
    await rooms.create(row('left-running', 'LEFTBB'));
    await rooms.markStarted('left-running', T0 + 1000);
    await rooms.create(row('done', 'LEFTCC'));
    await rooms.finish('done', T0 + 2000, []);
    const live = await server.app.services.rooms.create(
      { deckId: BUILTIN_DECK_ID, settings: { mode: 'choice', timeLimitSec: 20, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8 }, shuffle: false },
      server.url,
    );
    const before = Date.now();
    expect(await server.app.services.rooms.closeAbandoned()).toBeGreaterThanOrEqual(2);
    const status = async (code: string) => prisma.room.findUnique({ where: { code }, select: { status: true, endedAt: true } });
    for (const code of ['LEFTAA', 'LEFTBB']) {
      const s = await status(code);
      expect(s?.status).toBe('abandoned');
      expect(s?.endedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    expect(await status('LEFTCC')).toEqual({ status: 'finished', endedAt: new Date(T0 + 2000) });
    expect((await status(live.code))?.status).toBe('lobby');
  });
});
