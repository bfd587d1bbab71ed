import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostState, PublicQuestion, PublicState } from '../../src/protocol';
import { createChoiceRoom, freePort, killHard, startBareServer } from './processes';
import { TestClient, testDatabaseUrl } from './support';
import { ACKNOWLEDGED_ANSWERS_SQL } from '../../src/server/repositories/rooms';

/**
 * Kill and restart [R8.2, R8.3]: the real server process (tools/bench/bare-server.ts: server.ts's stack without
 * Next's pages) on Postgres, a game played to the middle of a question with socket.io clients, SIGKILL, the same
 * process started again on the same database and port. The clients reconnect by themselves and rejoin with their
 * tokens, as the browser's do; the question resumes with time left, the acknowledged answers and the scores are
 * intact, and the game plays to its end. On Postgres with DATABASE_URL (the stored answers are also read while
 * the process is down); else on the embedded database in a temporary folder.
 */
/** Postgres when DATABASE_URL is set; else the embedded database in a folder of its own, which outlives the process. */
const onPostgres = !!process.env.DATABASE_URL;
let dataDir = '';

let server: ChildProcess | null = null;
const clients: TestClient[] = [];
let db: { url: string | undefined; drop(): Promise<void> } = { url: undefined, drop: async () => undefined };
let port = 0;

async function startServer(): Promise<void> {
  server = (
    await startBareServer(port, {
      ...(db.url ? { DATABASE_URL: db.url } : { DATABASE_URL: '', DATA_DIR: dataDir }),
      REDIS_URL: '',
    })
  ).proc;
}

const kill = () => killHard(server);

beforeAll(async () => {
  db = await testDatabaseUrl();
  if (!onPostgres) dataDir = await mkdtemp(path.join(tmpdir(), 'quizroom-restart-'));
  port = await freePort();
  await startServer();
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await kill();
  await db.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A phone or a host console: reconnects by itself and, on every connection, attaches again as the browser does. */
function device(onConnect: (c: TestClient) => Promise<unknown>): TestClient {
  const c = new TestClient(`http://127.0.0.1:${port}`, ['websocket'], true);
  c.socket.on('connect', () => void onConnect(c).catch(() => undefined));
  clients.push(c);
  return c;
}

function answerOf(q: PublicQuestion, i: number) {
  return q.kind === 'choice'
    ? { choiceId: q.choices[i % q.choices.length]!.id }
    : { text: `kube proxy ${i}` };
}

async function storedAnswers(roomCode: string): Promise<{ playerId: string; questionIndex: number }[]> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const r = await c.query<{ playerId: string; questionIndex: number }>(
      ACKNOWLEDGED_ANSWERS_SQL,
      [[roomCode]],
    );
    return r.rows;
  } finally {
    await c.end();
  }
}

describe(`kill -9 and restart on the same database (${onPostgres ? 'Postgres' : 'embedded PGlite'})`, () => {
  it('[R8.2][R8.3] the open question resumes; acknowledged answers, scores and seats survive; the game finishes', async () => {
    // Choice questions, so the first player can be made right (a score to carry over the restart).
    const room = await createChoiceRoom(`http://127.0.0.1:${port}`, 3);
    const auth = { code: room.code, hostToken: room.hostToken };

    // The attach reply is the host's state as of now; later changes come as host:state events. Both are kept
    // in order, so a wait for a state finds it whichever came first (after a restart the players may rejoin
    // before the host attaches again, and then no event follows the attach).
    const host = device(async (c) => {
      const state = await c.ok('host:attach', auth);
      c.received.push({ event: 'host:state', payload: state });
    });
    await host.connected();
    await host.waitFor<HostState>('host:state', () => true);
    // Players join once; after that every connection rejoins with the seat the join gave them.
    const seats: { playerId: string; rejoinToken: string }[] = [];
    const players = Array.from({ length: 4 }, (_, i) =>
      device(async (c) => {
        const seat = seats[i];
        if (!seat) return;
        await c.ok('player:rejoin', { code: room.code, ...seat });
      }),
    );
    await Promise.all(players.map((p) => p.connected()));
    for (const [i, p] of players.entries()) {
      const joined = await p.ok('player:join', { code: room.code, nickname: `p${i}` });
      seats[i] = { playerId: joined.playerId, rejoinToken: joined.rejoinToken };
    }

    // Question 1: everyone answers; the leaderboard; question 2 opens.
    await host.ok('host:start', auth);
    const q0 = await players[0]!.waitFor<PublicState>('room:state', (s) => s.phase === 'question');
    const h0 = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question' && s.correctChoiceId !== null);
    for (const [i, p] of players.entries()) {
      const answer = i === 0 ? { choiceId: h0.correctChoiceId! } : answerOf(q0.question!, i);
      await p.ok('player:answer', { code: room.code, questionIndex: 0, ...answer });
    }
    await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'reveal');
    await host.ok('host:next', auth);
    await host.ok('host:next', auth);
    const q1 = await host.waitFor<HostState>(
      'host:state',
      (s) => s.public.phase === 'question' && s.public.question?.index === 1,
    );

    // Two of four answer question 2: their acks mean the answers are stored.
    for (const i of [0, 1]) {
      const ack = await players[i]!.ok('player:answer', {
        code: room.code,
        questionIndex: 1,
        ...answerOf(q1.public.question!, i),
      });
      expect(ack).toEqual({ questionIndex: 1 });
    }
    const before = await host.waitFor<HostState>(
      'host:state',
      (s) => s.public.question?.index === 1 && s.public.phase === 'question' && s.public.answeredCount === 2,
    );
    const scoresBefore = Object.fromEntries(before.players.map((p) => [p.id, p.score]));
    expect(Object.values(scoresBefore).some((s) => s > 0)).toBe(true);

    await kill();
    if (onPostgres) {
      // Acknowledged means durable: both answers are in the database with the process gone.
      const stored = await storedAnswers(room.code);
      expect(stored.filter((a) => a.questionIndex === 0)).toHaveLength(4);
      expect(
        stored
          .filter((a) => a.questionIndex === 1)
          .map((a) => a.playerId)
          .sort(),
      ).toEqual([seats[0]!.playerId, seats[1]!.playerId].sort());
    }
    for (const c of clients) c.received.length = 0;

    await startServer();
    // Everyone reconnects by itself; the host sees question 2 again, open, with its two answers and time left.
    const resumed = await host.waitFor<HostState>(
      'host:state',
      (s) => s.public.phase === 'question' && s.players.filter((p) => p.connected).length === 4,
      60_000,
    );
    expect(resumed.public.question?.index).toBe(1);
    expect(resumed.public.question!.remainingMs).toBeGreaterThan(10_000);
    expect(resumed.public.answeredCount).toBe(2);
    expect(Object.fromEntries(resumed.players.map((p) => [p.id, p.score]))).toEqual(scoresBefore);
    // An acknowledged answer is still locked in.
    const again = await players[0]!.request('player:answer', {
      code: room.code,
      questionIndex: 1,
      ...answerOf(q1.public.question!, 3),
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_answered' } });

    // The other two answer: the question closes with four answers; the game plays to its end.
    for (const i of [2, 3])
      await players[i]!.ok('player:answer', {
        code: room.code,
        questionIndex: 1,
        ...answerOf(q1.public.question!, i),
      });
    const revealed = await host.waitFor<HostState>(
      'host:state',
      (s) => s.public.phase === 'reveal' && s.public.question?.index === 1,
    );
    expect(revealed.public.reveal?.answeredCount).toBe(4);
    await host.ok('host:next', auth);
    await host.ok('host:next', auth);
    const q2 = await host.waitFor<HostState>(
      'host:state',
      (s) => s.public.phase === 'question' && s.public.question?.index === 2,
    );
    for (const [i, p] of players.entries())
      await p.ok('player:answer', { code: room.code, questionIndex: 2, ...answerOf(q2.public.question!, i) });
    await host.waitFor<HostState>(
      'host:state',
      (s) => s.public.phase === 'reveal' && s.public.question?.index === 2,
    );
    await host.ok('host:next', auth);
    const end = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'finished');

    const results = (await (
      await fetch(`http://127.0.0.1:${port}/api/rooms/${room.code}/results`)
    ).json()) as {
      room: { status: string };
      players: { id: string; score: number }[];
      answers: unknown[];
    };
    expect(results.room.status).toBe('finished');
    expect(results.answers).toHaveLength(12);
    expect(Object.fromEntries(results.players.map((p) => [p.id, p.score]))).toEqual(
      Object.fromEntries(end.players.map((p) => [p.id, p.score])),
    );
  }, 240_000);
});
