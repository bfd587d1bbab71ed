import { describe, expect, it } from 'vitest';
import type { HostState, PublicState } from '../../src/protocol';
import { useTestServer, type TestClient } from './support';

/**
 * Seats and host commands over real sockets (issue 11, findings 4, 6 and 7): one socket holds one seat, a seat
 * without a socket is disconnected [R2.8]; a disconnect never closes a question [R4.5]; a stale host command is
 * refused [R3.8].
 */
const { client, createRoom } = useTestServer({ room: { settings: { timeLimitSec: 60 }, questionCount: 3 } });

/** The host's view as it is now (a fresh attach answers with it). */
async function hostView(host: TestClient, auth: { code: string; hostToken: string }): Promise<HostState> {
  return host.ok('host:attach', auth);
}

/** Polls the host's view until `pred` holds (disconnects reach the room a moment after the socket closes). */
async function until(
  host: TestClient,
  auth: { code: string; hostToken: string },
  pred: (s: HostState) => boolean,
): Promise<HostState> {
  for (let i = 0; i < 200; i++) {
    const s = await hostView(host, auth);
    if (pred(s)) return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never held; last view: ${JSON.stringify((await hostView(host, auth)).players)}`);
}

const connected = (s: HostState) => s.players.filter((p) => p.connected).length;

describe('one socket, one seat [R2.8]', () => {
  it('[R2.8] a socket that joins twice holds only its second seat; the first is disconnected', async () => {
    const room = await createRoom();
    const auth = { code: room.code, hostToken: room.hostToken };
    const host = await client();
    await host.ok('host:attach', auth);
    const phone = await client();
    const first = await phone.ok('player:join', { code: room.code, nickname: 'First' });
    const second = await phone.ok('player:join', { code: room.code, nickname: 'Second' });
    const s = await until(host, auth, (v) => v.players.find((p) => p.id === first.playerId)?.connected === false);
    expect(s.players.find((p) => p.id === second.playerId)?.connected).toBe(true);
    expect(connected(s)).toBe(1);
    // The first seat is not lost: its rejoin token brings it back (and gives up the second) [R2.5].
    await phone.ok('player:rejoin', { code: room.code, playerId: first.playerId, rejoinToken: first.rejoinToken });
    const back = await until(host, auth, (v) => v.players.find((p) => p.id === second.playerId)?.connected === false);
    expect(back.players.find((p) => p.id === first.playerId)?.connected).toBe(true);
    expect(connected(back)).toBe(1);
  });

  it('[R2.8] 25 sockets sending 20 joins each at once hold at most 25 connected seats, and none once closed', async () => {
    const room = await createRoom();
    const auth = { code: room.code, hostToken: room.hostToken };
    const host = await client();
    await host.ok('host:attach', auth);
    const sockets = await Promise.all(Array.from({ length: 25 }, () => client()));
    const acks = await Promise.all(
      sockets.flatMap((c, i) =>
        Array.from({ length: 20 }, (_, j) => c.request('player:join', { code: room.code, nickname: `s${i}j${j}` })),
      ),
    );
    expect(acks.filter((a) => a.ok).length).toBe(500);
    const s = await until(host, auth, (v) => v.players.length === 500 && connected(v) <= 25);
    expect(connected(s)).toBe(25);
    for (const c of sockets) c.close();
    const after = await until(host, auth, (v) => connected(v) === 0);
    expect(after.players).toHaveLength(500);
  });

  it('[R2.8] a socket that takes the host or screen role gives up its seat', async () => {
    const room = await createRoom();
    const auth = { code: room.code, hostToken: room.hostToken };
    const host = await client();
    await host.ok('host:attach', auth);
    const device = await client();
    const seat = await device.ok('player:join', { code: room.code, nickname: 'Turncoat' });
    await device.ok('screen:attach', { code: room.code });
    await until(host, auth, (v) => v.players.find((p) => p.id === seat.playerId)?.connected === false);
  });
});

describe('a disconnect never closes a question [R4.5]', () => {
  it('[R4.5] a refresh when everyone else has answered does not forfeit the question', async () => {
    const room = await createRoom();
    const auth = { code: room.code, hostToken: room.hostToken };
    const host = await client();
    await host.ok('host:attach', auth);
    const ann = await client();
    const bob = await client();
    await ann.ok('player:join', { code: room.code, nickname: 'Ann' });
    const bobSeat = await bob.ok('player:join', { code: room.code, nickname: 'Bob' });
    await host.ok('host:start', auth);
    const q = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question');
    await ann.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: q.correctChoiceId });
    // Bob refreshes: his socket closes, a new one rejoins.
    bob.close();
    const dropped = await until(host, auth, (v) => v.players.find((p) => p.id === bobSeat.playerId)?.connected === false);
    expect(dropped.public.phase).toBe('question');
    const bob2 = await client();
    const back = await bob2.ok('player:rejoin', { code: room.code, playerId: bobSeat.playerId, rejoinToken: bobSeat.rejoinToken });
    expect(back.state.phase).toBe('question');
    await bob2.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: q.correctChoiceId });
    const reveal = await bob2.waitFor<PublicState>('room:state', (s) => s.phase === 'reveal');
    expect(reveal.reveal?.answeredCount).toBe(2);
  });
});

describe('stale host commands [R3.8]', () => {
  it('[R3.8] two host:next sent at once from the leaderboard advance once; host:next without the fields still works', async () => {
    const room = await createRoom();
    const auth = { code: room.code, hostToken: room.hostToken };
    const host = await client();
    await host.ok('host:attach', auth);
    const ann = await client();
    await ann.ok('player:join', { code: room.code, nickname: 'Ann' });
    await host.ok('host:start', auth);
    const q = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question');
    await ann.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: q.correctChoiceId });
    // Everyone answered: the question closes right after the ack [R4.5].
    await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'reveal');
    await host.ok('host:next', auth); // reveal -> leaderboard, as existing clients send it
    const tap = { ...auth, phase: 'leaderboard', questionIndex: 0 };
    const [one, two] = await Promise.all([host.request('host:next', tap), host.request('host:next', tap)]);
    expect([one.ok, two.ok].sort()).toEqual([false, true]);
    const refused = [one, two].find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error.code).toBe('stale_command');
    const now = await hostView(host, auth);
    expect(now.public.phase).toBe('question');
    expect(now.public.question?.index).toBe(1);
    // Question 2 is open for answers.
    await ann.ok('player:answer', { code: room.code, questionIndex: 1, choiceId: now.correctChoiceId });
  });

  it('[R3.8][R10.1] a malformed phase is a bad request', async () => {
    const room = await createRoom();
    const host = await client();
    const r = await host.request('host:next', { code: room.code, hostToken: room.hostToken, phase: 'intermission' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('bad_request');
  });
});
