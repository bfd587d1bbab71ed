import { describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, type HostState, type PublicState, type You } from '../../src/protocol';
import { useTestServer } from './support';

const server = useTestServer({ room: { settings: { timeLimitSec: 20 }, questionCount: 3 } });
const { client, createRoom } = server;

const phaseIs = (phase: string, index?: number) => (s: PublicState) =>
  s.phase === phase && (index === undefined || s.question?.index === index || s.questionNumber === index + 1);

describe('a game over real sockets', () => {
  it('[R1.3][R4][R5][R8.1] host + 3 players play choice and text questions; results are stored', async () => {
    const room = await createRoom({ settings: { mode: 'mixed' } });
    const host = await client();
    const hostState = await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
    expect(hostState.public.phase).toBe('lobby');
    const screen = await client();
    await screen.ok('screen:attach', { code: room.code });

    const players = await Promise.all(['ann', 'bob', 'cat'].map(async () => client()));
    const joined = await Promise.all(players.map((p, i) => p.ok('player:join', { code: room.code, nickname: ['Ann', 'Bob', 'Cat'][i] })));
    expect(new Set(joined.map((j) => j.playerId)).size).toBe(3);
    await host.waitFor<HostState>('host:state', (s) => s.players.length === 3);

    await host.ok('host:start', { code: room.code, hostToken: room.hostToken });
    for (let qi = 0; qi < 3; qi++) {
      const states = await Promise.all(players.map((p) => p.waitFor<PublicState>('room:state', phaseIs('question', qi))));
      const q = states[0]!.question!;
      expect(states.every((s) => s.question?.prompt === q.prompt)).toBe(true);
      const hs = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question' && s.public.question?.index === qi);
      // Players answer: Ann right, Bob wrong, Cat never.
      if (q.kind === 'choice') {
        const right = hs.correctChoiceId!;
        const wrong = q.choices.find((c) => c.id !== right)!.id;
        await players[0]!.ok('player:answer', { code: room.code, questionIndex: qi, choiceId: right });
        await players[1]!.ok('player:answer', { code: room.code, questionIndex: qi, choiceId: wrong });
      } else {
        await players[0]!.ok('player:answer', { code: room.code, questionIndex: qi, text: hs.correctText });
        await players[1]!.ok('player:answer', { code: room.code, questionIndex: qi, text: 'no idea' });
      }
      const again = await players[0]!.request('player:answer', { code: room.code, questionIndex: qi, choiceId: 'a' });
      expect(again.ok).toBe(false);
      await host.ok('host:reveal', { code: room.code, hostToken: room.hostToken });
      const reveal = await players[2]!.waitFor<PublicState>('room:state', (s) => s.phase === 'reveal' && s.question?.index === qi);
      expect(reveal.reveal?.answeredCount).toBe(2);
      const annYou = await players[0]!.waitFor<You>('player:you', (y) => y.result?.questionIndex === qi);
      expect(annYou.result?.verdict).toBe('correct');
      await host.ok('host:next', { code: room.code, hostToken: room.hostToken });
      if (qi < 2) await host.ok('host:next', { code: room.code, hostToken: room.hostToken });
    }
    const final = await screen.waitFor<PublicState>('room:state', (s) => s.phase === 'finished');
    expect(final.leaderboard.map((r) => r.nickname)[0]).toBe('Ann');

    // [R9.1] no player or screen ever saw a correct answer before the reveal
    for (const c of [...players, screen]) {
      for (const m of c.received) {
        if (m.event !== 'room:state') continue;
        const s = m.payload as PublicState;
        if (s.phase === 'question') expect(s.reveal).toBeNull();
      }
      for (const m of c.received) expect(JSON.stringify(m.payload)).not.toContain('rejoinToken":"' + joined[0]!.rejoinToken);
    }

    const results = await server.app.services.rooms.results(room.code);
    expect(results?.room.status).toBe('finished');
    expect(results?.questions).toHaveLength(3);
    expect(results?.answers).toHaveLength(6);
    const ann = results?.players.find((p) => p.nickname === 'Ann');
    expect(ann?.finalRank).toBe(1);
    expect(ann?.correctCount).toBe(3);
    const live = server.app.services.rooms.live(room.code)!;
    expect(ann?.score).toBe(live.snapshot.players.get(joined[0]!.playerId)?.score);
  });

  it('[R2.5] a player who reconnects keeps score and streak; a host on a second device gets control', async () => {
    const room = await createRoom({ questionCount: 2 });
    const host = await client();
    await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
    const p = await client();
    const other = await client();
    const j = await p.ok('player:join', { code: room.code, nickname: 'Dee' });
    await other.ok('player:join', { code: room.code, nickname: 'Eve' });
    await host.ok('host:start', { code: room.code, hostToken: room.hostToken });
    const hs = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question');
    await p.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: hs.correctChoiceId });
    await host.ok('host:reveal', { code: room.code, hostToken: room.hostToken });
    const before = await p.waitFor<You>('player:you', (y) => y.result?.questionIndex === 0);
    expect(before.score).toBeGreaterThan(0);
    p.close(); // the phone refreshes

    const again = await client();
    const bad = await again.request('player:rejoin', { code: room.code, playerId: j.playerId, rejoinToken: 'x'.repeat(43) });
    expect(bad.ok || bad.error.code).toBe('bad_token');
    const back = await again.ok('player:rejoin', { code: room.code, playerId: j.playerId, rejoinToken: j.rejoinToken });
    expect(back.you.score).toBe(before.score);
    expect(back.you.streak).toBe(1);
    expect(back.state.phase).toBe('reveal');

    const host2 = await client();
    const h2 = await host2.ok('host:attach', { code: room.code, hostToken: room.hostToken });
    expect(h2.public.phase).toBe('reveal');
    await host2.ok('host:next', { code: room.code, hostToken: room.hostToken });
    await again.waitFor<PublicState>('room:state', (s) => s.phase === 'leaderboard');
    const wrongHost = await client();
    const refused = await wrongHost.request('host:attach', { code: room.code, hostToken: 'y'.repeat(43) });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('not_host');
  });

  it('[R10.1][R10.2] garbage sent to every event gets an error and leaves the room intact', async () => {
    // Every event gets 15 paced garbage messages (over 20 s with all events): the question must outlast them.
    const room = await createRoom({ settings: { timeLimitSec: 120 }, questionCount: 2 });
    const host = await client();
    await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
    const p = await client();
    await p.ok('player:join', { code: room.code, nickname: 'Fay' });
    await host.ok('host:start', { code: room.code, hostToken: room.hostToken });
    const live = server.app.services.rooms.live(room.code)!;
    const snapshot = () => JSON.stringify(live.hostState(), (k, v) => (k === 'remainingMs' || k === 'phaseRemainingMs' ? 0 : v));
    const before = snapshot();

    const garbage: unknown[] = [
      undefined,
      null,
      42,
      'hello',
      [],
      {},
      { code: 'ZZZZZZ' },
      { code: room.code },
      { code: room.code, hostToken: 5 },
      { code: room.code, questionIndex: -1, choiceId: 'a' },
      { code: room.code, questionIndex: 0, choiceId: 'a', text: 'both' },
      { code: room.code, nickname: 'x'.repeat(500) },
      { code: room.code, questionIndex: 0, text: 'y'.repeat(5000) },
      { __proto__: { polluted: true }, code: room.code },
      { code: room.code, playerId: { $ne: null }, rejoinToken: [] },
    ];
    const attacker = await client();
    let refused = 0;
    for (const event of CLIENT_EVENTS) {
      for (const g of garbage) {
        // Pace under the rate limit so every message is really parsed.
        await new Promise((r) => setTimeout(r, 55));
        const r = await attacker.request(event, g);
        if (event === 'ping' && r.ok) continue;
        if (event === 'screen:attach' && r.ok) continue; // { code } of a live room is a valid spectator attach
        if (event === 'player:join' && r.ok) continue; // a valid nickname joins, as it should
        if (!r.ok) {
          refused += 1;
          expect(typeof r.error.message).toBe('string');
          expect(r.error.code).not.toBe('internal');
        }
      }
      // Without an ack: the error comes as a server:error event.
      attacker.socket.emit(event as 'ping', 'garbage' as never);
    }
    attacker.socket.emit('no-such-event' as 'ping', {} as never);
    await attacker.waitFor('server:error', (e: { event?: string }) => e.event === 'no-such-event');
    expect(refused).toBeGreaterThan(CLIENT_EVENTS.length * 10);
    expect(attacker.received.filter((m) => m.event === 'server:error').length).toBeGreaterThanOrEqual(CLIENT_EVENTS.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // The room is as it was (apart from the extra players garbage may have joined) and still plays.
    const after = JSON.parse(snapshot()) as HostState;
    const beforeState = JSON.parse(before) as HostState;
    expect(after.public.phase).toBe(beforeState.public.phase);
    expect(after.public.question?.prompt).toBe(beforeState.public.question?.prompt);
    expect(after.answers).toEqual(beforeState.answers);
    const hs = await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
    const ack = await p.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: hs.correctChoiceId });
    expect(ack.questionIndex).toBe(0);
  });

  it('[R10.2] a flood of messages is rate limited, not served', async () => {
    const flooder = await client();
    const results = await Promise.all(Array.from({ length: 80 }, (_, i) => flooder.request('ping', { t: i })));
    expect(results.filter((r) => !r.ok && r.error.code === 'rate_limited').length).toBeGreaterThan(20);
  });

  it('[R2.3][R2.4] nickname clash and unknown rooms give clear errors', async () => {
    const room = await createRoom();
    const a = await client();
    const b = await client();
    await a.ok('player:join', { code: room.code, nickname: 'Gus' });
    const clash = await b.request('player:join', { code: room.code, nickname: ' gus ' });
    expect(clash.ok ? 'ok' : clash.error.code).toBe('nickname_taken');
    const missing = await b.request('player:join', { code: 'QQQQQQ', nickname: 'Gus' });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('room_not_found');
    const badCode = await b.request('player:join', { code: 'O0I1', nickname: 'Gus' });
    expect(badCode.ok ? 'ok' : badCode.error.code).toBe('bad_request');
  });
});
