import { describe, expect, it } from 'vitest';
import { createGame } from '../../../src/game/reducer';
import type { Clock } from '../../../src/server/realtime/clock';
import { RoomRuntime, type RoomTransport } from '../../../src/server/realtime/room-runtime';
import { silentLogger } from '../../../src/server/log';
import { CARDS, HOST, seededRng, settings } from '../game/helpers';

/** A clock the test advances by hand. */
class FakeClock implements Clock {
  t = 1_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 0;
  now = () => this.t;
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  }
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

function setup(over: Partial<ReturnType<typeof settings>> = {}) {
  const clock = new FakeClock();
  const sent: { to: string; event: string }[] = [];
  const transport: RoomTransport = {
    toRoom: (event) => void sent.push({ to: 'room', event }),
    toHosts: () => void sent.push({ to: 'hosts', event: 'host:state' }),
    toPlayer: (id) => void sent.push({ to: id, event: 'player:you' }),
    kick: () => undefined,
  };
  const writes: string[][] = [];
  const state = createGame({
    roomId: 'r',
    code: 'ABCDEF',
    title: 't',
    joinUrl: 'http://x/play/ABCDEF',
    deckId: 'd',
    hostTokenHash: HOST,
    settings: settings({ maxPlayers: 5000, ...over }),
    cards: CARDS,
    plan: ['c1', 'c2'],
    now: clock.t,
  });
  const room = new RoomRuntime(state, {
    clock,
    rng: seededRng(),
    transport,
    store: { write: async (ops) => void writes.push(ops.map((o) => o.op)) },
    joinUrl: 'http://x/play/ABCDEF',
    log: silentLogger,
    coalesceMs: 200,
  });
  return { clock, sent, room, writes };
}

describe('room runtime', () => {
  it('[R8.2] a burst of 1,000 joins makes a handful of room broadcasts and one multi-row insert', async () => {
    const { clock, sent, room, writes } = setup();
    for (let i = 0; i < 1000; i++) {
      room.dispatch({ type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` });
      if (i % 100 === 0) clock.advance(50);
    }
    // The write-behind queue waits on the clock between microtasks: let both run.
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setImmediate(r));
      clock.advance(100);
    }
    await room.flushed();
    const roomBroadcasts = sent.filter((m) => m.to === 'room').length;
    expect(roomBroadcasts).toBeGreaterThan(0);
    expect(roomBroadcasts).toBeLessThanOrEqual(5);
    expect(sent.filter((m) => m.to === 'hosts').length).toBeLessThanOrEqual(5);
    expect(writes.flat().filter((op) => op === 'playerJoined')).toHaveLength(1000);
    expect(writes.length).toBeLessThanOrEqual(3);
  });

  it('[R4.5] answers update the counters a few times per second, and the timer closes the question', () => {
    const { clock, sent, room } = setup();
    for (let i = 0; i < 50; i++)
      room.dispatch({ type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` });
    room.dispatch({ type: 'start', hostTokenHash: HOST });
    clock.advance(300);
    sent.length = 0;
    for (let i = 0; i < 49; i++) {
      const r = room.dispatch({ type: 'answer', playerId: `p${i}`, questionIndex: 0, choiceId: 'a' });
      expect(r.error).toBeUndefined();
    }
    clock.advance(250);
    expect(sent.filter((m) => m.event === 'room:counts').length).toBeLessThanOrEqual(2);
    expect(sent.filter((m) => m.event === 'room:state')).toHaveLength(0);
    clock.advance(20_000);
    expect(room.phase).toBe('reveal');
  });

  it('[R4.7] typed answers are graded in slices after the acks, before the close', async () => {
    const { room } = setup({ mode: 'text' });
    for (let i = 0; i < 200; i++)
      room.dispatch({ type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` });
    room.dispatch({ type: 'start', hostTokenHash: HOST });
    const q = () => room.snapshot.questions[0]!;
    expect(q().kind).toBe('text');
    for (let i = 0; i < 150; i++) {
      const r = room.dispatch({
        type: 'answer',
        playerId: `p${i}`,
        questionIndex: 0,
        text: 'container network interface',
      });
      expect(r.error).toBeUndefined();
    }
    // Nothing graded yet: every answer was only locked in.
    expect(q().ungraded).toHaveLength(150);
    expect([...q().answers.values()].every((a) => a.matched.length === 0)).toBe(true);
    // Each turn of the event loop grades one slice (64), until none is left.
    await new Promise((r) => setImmediate(r));
    expect(q().ungraded).toHaveLength(150 - 64);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(q().ungraded).toHaveLength(0);
    expect([...q().answers.values()].every((a) => a.verdict === 'correct')).toBe(true);
    expect(room.phase).toBe('question');
  });
});
