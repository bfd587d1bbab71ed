import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateRoomResponse, HostState, PublicState, You } from '../../src/protocol';
import { redisAnswers, testRedisUrl } from './processes';
import { TestClient, testDatabaseUrl } from './support';

/**
 * Two server processes sharing Postgres and Redis: players of one room on both; the host on the process that
 * does not own the room. Every player must see every question, and the final scores must agree everywhere.
 * Needs DATABASE_URL (Postgres) and Redis (REDIS_URL_FOR_TESTS or 127.0.0.1:6379): CI has both.
 */
const redisUrl = testRedisUrl;

const canRun = !!process.env.DATABASE_URL && (await redisAnswers());
if (!canRun) console.warn('[cluster test] skipped: needs DATABASE_URL (Postgres) and a Redis server');

const procs: ChildProcess[] = [];
const clients: TestClient[] = [];
let drop: () => Promise<void> = async () => undefined;
let ports: number[] = [];

function startNode(databaseUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'tests/integration/cluster-node.ts'],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    procs.push(p);
    let out = '';
    p.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/READY (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    p.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    p.on('exit', (code) => reject(new Error(`server process exited ${code}: ${out}`)));
  });
}

beforeAll(async () => {
  if (!canRun) return;
  const db = await testDatabaseUrl();
  drop = db.drop;
  ports = [await startNode(db.url!)];
  ports.push(await startNode(db.url!));
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  for (const p of procs) p.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  for (const p of procs) p.kill('SIGKILL');
  await drop();
});

async function client(port: number): Promise<TestClient> {
  const c = new TestClient(`http://127.0.0.1:${port}`);
  clients.push(c);
  await c.connected();
  return c;
}

describe.skipIf(!canRun)('two server processes with Redis', () => {
  it('players on both processes play one game; everyone sees every question; scores agree', async () => {
    const [a, b] = ports as [number, number];
    const res = await fetch(`http://127.0.0.1:${a}/create`, {
      method: 'POST',
      body: JSON.stringify({
        deckId: 'kubernetes-networking',
        settings: {
          mode: 'mixed',
          timeLimitSec: 30,
          points: true,
          speedBonus: true,
          autoAdvance: false,
          autoAdvanceSec: 8,
        },
        questionCount: 4,
      }),
    });
    const room = (await res.json()) as CreateRoomResponse;
    // The host and the big screen are on process B, which does not own the room.
    const host = await client(b);
    await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
    const screenA = await client(a);
    await screenA.ok('screen:attach', { code: room.code });
    const players = await Promise.all(Array.from({ length: 8 }, (_, i) => client(i % 2 ? b : a)));
    await Promise.all(players.map((p, i) => p.ok('player:join', { code: room.code, nickname: `p${i}` })));
    await host.waitFor<HostState>('host:state', (s) => s.players.length === 8);

    await host.ok('host:start', { code: room.code, hostToken: room.hostToken });
    for (let qi = 0; qi < 4; qi++) {
      const hs = await host.waitFor<HostState>(
        'host:state',
        (s) => s.public.phase === 'question' && s.public.question?.index === qi,
      );
      const q = hs.public.question!;
      await Promise.all(
        players.map((p) =>
          p.waitFor<PublicState>('room:state', (s) => s.phase === 'question' && s.question?.index === qi),
        ),
      );
      await Promise.all(
        players.map((p, i) => {
          const right = (i + qi) % 3 !== 0;
          const payload =
            q.kind === 'choice'
              ? {
                  code: room.code,
                  questionIndex: qi,
                  choiceId: right
                    ? hs.correctChoiceId
                    : q.choices.find((c) => c.id !== hs.correctChoiceId)!.id,
                }
              : {
                  code: room.code,
                  questionIndex: qi,
                  text: right ? (hs.correctText ?? '').slice(0, 200) : 'no idea',
                };
          return p.ok('player:answer', payload);
        }),
      );
      // All answered: the owner closes the question; every player on both processes gets their result.
      await Promise.all(
        players.map((p) => p.waitFor<You>('player:you', (y) => y.result?.questionIndex === qi)),
      );
      await host.ok('host:next', { code: room.code, hostToken: room.hostToken });
      if (qi < 3) await host.ok('host:next', { code: room.code, hostToken: room.hostToken });
    }
    const finals = await Promise.all(
      [...players, screenA, host].map((c) =>
        c.waitFor<PublicState>('room:state', (s) => s.phase === 'finished'),
      ),
    );
    const boards = finals.map((f) => JSON.stringify(f.leaderboard.map((r) => [r.nickname, r.score])));
    expect(new Set(boards).size).toBe(1);
    expect(finals[0]!.leaderboard).toHaveLength(8);
    for (const p of players) {
      const seen = new Set(
        p.received
          .filter((m) => m.event === 'room:state')
          .map((m) => (m.payload as PublicState).question?.index)
          .filter((x) => x !== undefined),
      );
      expect([...seen].sort()).toEqual([0, 1, 2, 3]);
      const you = p.last<You>('player:you')!;
      const row = finals[0]!.leaderboard.find((r) => r.playerId === you.playerId);
      expect(row?.score).toBe(you.score);
    }
    // Both processes read the same stored results.
    const scores = finals[0]!.leaderboard.reduce((n, r) => n + r.score, 0);
    expect(scores).toBeGreaterThan(0);
  });
});
