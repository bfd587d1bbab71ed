import { describe, expect, it } from 'vitest';
import { compileCard, gradeAnswer } from '../../../src/game/grading';
import { createGame, DROP_GRACE_MS } from '../../../src/game/reducer';
import { silentLogger } from '../../../src/server/log';
import type { TextGrader } from '../../../src/server/room/grades';
import { Room } from '../../../src/server/room/room';
import type { RoomTransport } from '../../../src/server/room/transport';
import { createLocalEventBus, type QuizEvent } from '../../../src/server/events';
import { FakeClock } from '../../support/fake-clock';
import { CARDS, HOST, seededRng, settings } from '../game/helpers';
import { makeRoom } from './helpers';

/** The text grader, counting how often it really grades. */
function countingGrader(): TextGrader & { grades: number } {
  const g = {
    grades: 0,
    compile: compileCard,
    grade(compiled: ReturnType<typeof compileCard>, text: string) {
      g.grades += 1;
      return gradeAnswer(compiled, text);
    },
  };
  return g;
}

function setup(over: Partial<ReturnType<typeof settings>> = {}) {
  const clock = new FakeClock();
  const sent: { to: string; event: string }[] = [];
  const transport: RoomTransport = {
    toRoom: (event: string) => void sent.push({ to: 'room', event }),
    toHosts: () => void sent.push({ to: 'hosts', event: 'host:state' }),
    toPlayer: (id) => void sent.push({ to: id, event: 'player:you' }),
    kick: () => undefined,
    reconnect: () => undefined,
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
  const grader = countingGrader();
  const room = new Room(state, {
    clock,
    rng: seededRng(),
    transport,
    store: { write: async (ops) => void writes.push(ops.map((o) => o.op)) },
    log: silentLogger,
    grader,
    coalesceMs: 200,
  });
  return { clock, sent, room, writes, grader };
}

describe('room', () => {
  it('[R8.2] a burst of 1,000 joins makes a handful of room broadcasts and one multi-row insert', async () => {
    const { clock, sent, room, writes } = setup();
    for (let i = 0; i < 1000; i++) {
      room.apply({ type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` });
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
      room.apply({ type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` });
    room.apply({ type: 'start', hostTokenHash: HOST });
    clock.advance(300);
    sent.length = 0;
    for (let i = 0; i < 49; i++) {
      const r = room.apply({ type: 'answer', playerId: `p${i}`, questionIndex: 0, choiceId: 'a' });
      expect(r.error).toBeUndefined();
    }
    clock.advance(250);
    expect(sent.filter((m) => m.event === 'room:counts').length).toBeLessThanOrEqual(2);
    expect(sent.filter((m) => m.event === 'room:state')).toHaveLength(0);
    clock.advance(20_000);
    expect(room.phase).toBe('reveal');
  });

  it('[R4.5] a dropped player\'s grace runs on the room scheduler: its alarm closes the question when it ends', () => {
    const { clock, room } = setup();
    room.apply({ type: 'join', playerId: 'a', nickname: 'ann', tokenHash: 'ta' });
    room.apply({ type: 'join', playerId: 'b', nickname: 'bob', tokenHash: 'tb' });
    room.apply({ type: 'start', hostTokenHash: HOST });
    clock.advance(1000);
    room.apply({ type: 'answer', playerId: 'a', questionIndex: 0, choiceId: 'a' });
    room.apply({ type: 'disconnect', playerId: 'b' });
    expect(room.phase).toBe('question');
    clock.advance(DROP_GRACE_MS - 1);
    expect(room.phase).toBe('question');
    clock.advance(1);
    expect(room.phase).toBe('reveal');
  });

  it('[R4.7] typed answers are graded ahead in slices after the acks; the close finds them graded', () => {
    const { clock, room, grader } = setup({ mode: 'text' });
    for (let i = 0; i < 200; i++)
      room.apply({ type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` });
    room.apply({ type: 'start', hostTokenHash: HOST });
    const q = () => room.snapshot.questions[0]!;
    expect(q().kind).toBe('text');
    const texts = Array.from({ length: 150 }, (_, i) => `container network interface ${i}`);
    for (let i = 0; i < 150; i++) {
      const r = room.apply({ type: 'answer', playerId: `p${i}`, questionIndex: 0, text: texts[i] });
      expect(r.error).toBeUndefined();
    }
    // Nothing graded yet: every answer was only locked in.
    expect(q().ungraded).toHaveLength(150);
    expect([...q().answers.values()].every((a) => a.matched.length === 0)).toBe(true);
    expect(room.gradeBacklog).toBe(150);
    expect(grader.grades).toBe(0);
    // Each turn of the event loop grades one slice (64), until none is left.
    clock.turn();
    expect(room.gradeBacklog).toBe(150 - 64);
    expect(grader.grades).toBe(64);
    for (let i = 0; i < 5; i++) clock.turn();
    expect(room.gradeBacklog).toBe(0);
    expect(grader.grades).toBe(150);
    expect(clock.pendingTurns).toBe(0);
    expect(room.phase).toBe('question');
    // The close grades through the room's grades: all were ready, none is graded twice.
    room.apply({ type: 'reveal', hostTokenHash: HOST });
    expect(grader.grades).toBe(150);
    expect(q().ungraded).toEqual([]);
    const compiled = compileCard(CARDS[0]!.card);
    for (let i = 0; i < 150; i++) {
      const expected = gradeAnswer(compiled, texts[i]!);
      expect(q().answers.get(`p${i}`)).toMatchObject({
        verdict: expected.verdict,
        gradeScore: expected.score,
      });
    }
  });

  it('[R4.7] identical texts are graded once per room, and the close grades what the slices have not reached', async () => {
    const { room, grader, clock } = setup({ mode: 'text' });
    for (let i = 0; i < 3; i++)
      room.apply({ type: 'join', playerId: `p${i}`, nickname: `n${i}`, tokenHash: `t${i}` });
    room.apply({ type: 'start', hostTokenHash: HOST });
    for (let i = 0; i < 3; i++)
      room.apply({
        type: 'answer',
        playerId: `p${i}`,
        questionIndex: 0,
        text: 'container network interface',
      });
    // Everyone answered: the question closes on the alarm due now, once the answers are stored [R4.5], before
    // any slice ran.
    expect(room.phase).toBe('question');
    await new Promise((r) => setImmediate(r));
    clock.advance(0);
    expect(room.phase).toBe('reveal');
    expect(grader.grades).toBe(1);
    expect([...room.snapshot.questions[0]!.answers.values()].every((a) => a.verdict === 'correct')).toBe(
      true,
    );
  });
});

describe('room finished', () => {
  it('[R11.10] is announced once the final results are stored, naming the group', async () => {
    const events: QuizEvent[] = [];
    const bus = createLocalEventBus();
    bus.subscribe((e) => events.push(e));
    const { clock, room, batches } = makeRoom({ events: bus, groupId: 'group-1' });
    room.apply({ type: 'join', playerId: 'p1', nickname: 'Ann', tokenHash: 't' });
    room.apply({ type: 'end', hostTokenHash: HOST });
    expect(room.phase).toBe('finished');
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual([]); // not stored yet
    clock.advance(20);
    await room.flushed();
    await new Promise((r) => setImmediate(r));
    expect(batches.flat().map((o) => o.op)).toContain('roomFinished');
    expect(events).toEqual([
      { type: 'roomFinished', roomId: 'room-ABCDEF', code: 'ABCDEF', groupId: 'group-1' },
    ]);
  });

  it('[R7.4] a host override hands what the deck learns to the room\'s learn hook, and a failing store changes nothing', async () => {
    const learned: unknown[] = [];
    const { room, clock } = makeRoom({
      settings: { mode: 'text' },
      learn: async (l) => {
        learned.push(l);
        throw new Error('database down');
      },
    });
    room.apply({ type: 'join', playerId: 'p1', nickname: 'ann', tokenHash: 't' });
    room.apply({ type: 'start', hostTokenHash: HOST });
    room.apply({ type: 'answer', playerId: 'p1', questionIndex: 0, text: 'cluster network interface' });
    await new Promise((r) => setImmediate(r));
    clock.advance(0);
    expect(room.phase).toBe('reveal');
    const r = room.apply({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: 'p1', accept: true });
    expect(r.error).toBeUndefined();
    await Promise.resolve();
    expect(learned).toEqual([
      { deckId: 'd', cardId: 'c1', roomId: 'room-ABCDEF', examples: [{ text: 'cluster network interface', verdict: 'accept' }] },
    ]);
    expect(room.snapshot.questions[0]!.answers.get('p1')).toMatchObject({ verdict: 'correct', overridden: true });
  });
});
