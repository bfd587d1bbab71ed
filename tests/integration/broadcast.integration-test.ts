import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import type { PublicState, You } from '../../src/protocol';
import { startTestServer, TestClient, type TestServer } from './support';

// Room broadcasts in one process are written straight to each WebSocket (src/server/realtime/fast-broadcast.ts);
// a client on long-polling (or with packets queued) gets the ordinary socket.io path. Both must get every
// phase, in order, interleaved correctly with their own messages.

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop();
});

async function client(transports?: ('websocket' | 'polling')[]): Promise<TestClient> {
  const c = new TestClient(server.url, transports);
  clients.push(c);
  await c.connected();
  return c;
}

describe('room broadcasts', () => {
  it('[R9.1] reach WebSocket and long-polling players alike, in order, with their own results after the reveal', async () => {
    const seen: { direct: number; slow: number }[] = [];
    const onBroadcast = (m: unknown) => {
      const b = m as { event: string; direct: number; slow: number };
      if (b.event === 'room:state') seen.push({ direct: b.direct, slow: b.slow });
    };
    subscribe('quizroom:broadcast', onBroadcast);
    try {
      const room = await server.app.services.rooms.create(
        {
          deckId: BUILTIN_DECK_ID,
          settings: {
            mode: 'choice',
            timeLimitSec: 20,
            points: true,
            speedBonus: true,
            autoAdvance: false,
            autoAdvanceSec: 8,
          },
          questionCount: 2,
          shuffle: false,
        },
        server.url,
      );
      const host = await client();
      await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
      const ws = await client(['websocket']);
      const polling = await client(['polling']);
      const players = [ws, polling];
      await Promise.all(players.map((p, i) => p.ok('player:join', { code: room.code, nickname: `P${i}` })));
      const auth = { code: room.code, hostToken: room.hostToken };
      await host.ok('host:start', auth);
      for (let qi = 0; qi < 2; qi++) {
        const states = await Promise.all(
          players.map((p) =>
            p.waitFor<PublicState>('room:state', (s) => s.phase === 'question' && s.question?.index === qi),
          ),
        );
        const choice = states[0]!.question!.choices[0]!.id;
        await Promise.all(
          players.map((p) => p.ok('player:answer', { code: room.code, questionIndex: qi, choiceId: choice })),
        );
        // Everyone answered: the reveal, then each player's own result.
        await Promise.all(
          players.map((p) =>
            p.waitFor<PublicState>('room:state', (s) => s.phase === 'reveal' && s.question?.index === qi),
          ),
        );
        await Promise.all(
          players.map((p) => p.waitFor<You>('player:you', (y) => y.result?.questionIndex === qi)),
        );
        if (qi === 0) await host.ok('host:next', auth); // leaderboard
        await host.ok('host:next', auth); // next question, or the end
      }
      for (const p of players) {
        await p.waitFor<PublicState>('room:state', (s) => s.phase === 'finished');
        const phases = p.received
          .filter((m) => m.event === 'room:state')
          .map((m) => (m.payload as PublicState).phase)
          .filter((ph) => ph !== 'lobby') // the join's ack carries the lobby; its broadcasts are coalesced
          .filter((ph, i, all) => ph !== all[i - 1]);
        expect(phases).toEqual(['question', 'reveal', 'leaderboard', 'question', 'reveal', 'finished']);
        // Each result arrives after the reveal it belongs to.
        const order = p.received.map((m) =>
          m.event === 'room:state'
            ? `state:${(m.payload as PublicState).phase}`
            : m.event === 'player:you'
              ? 'you'
              : '',
        );
        const firstReveal = order.indexOf('state:reveal');
        const firstResult = p.received.findIndex(
          (m) => m.event === 'player:you' && (m.payload as You).result !== null,
        );
        expect(firstResult).toBeGreaterThan(firstReveal);
      }
      // Both paths were taken: the WebSocket players directly, the long-polling one through socket.io.
      expect(seen.some((b) => b.direct > 0)).toBe(true);
      expect(seen.some((b) => b.slow > 0)).toBe(true);
    } finally {
      unsubscribe('quizroom:broadcast', onBroadcast);
    }
  }, 60_000);
});
