import { describe, expect, it } from 'vitest';
import type { PersistOp } from '../../../src/game/commands';
import { createLogger, type Logger } from '../../../src/server/log';
import type { RoomRepository } from '../../../src/server/repositories/rooms';
import { RoomScheduler } from '../../../src/server/room/scheduler';
import { createRoomStore } from '../../../src/server/room/store';
import { RoomWriter, type RoomStore } from '../../../src/server/room/writer';
import { FakeClock } from '../../support/fake-clock';

const join = (id: string): PersistOp => ({
  op: 'playerJoined',
  player: { id, nickname: id, tokenHash: 'h', profileId: null, joinedAt: 1 },
});
const started: PersistOp = { op: 'roomStarted', at: 5 };

/** A store whose writes finish when the test says. */
function manualStore() {
  const writes: { batch: string[]; finish: () => void; fail: (e: Error) => void }[] = [];
  const store: RoomStore = {
    write: (batch) =>
      new Promise<void>((finish, fail) =>
        writes.push({
          batch: batch.map((o) => (o.op === 'playerJoined' ? o.player.id : o.op)),
          finish,
          fail,
        }),
      ),
  };
  return { store, writes };
}

function recordingLog(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return {
    ...createLogger('silent'),
    errors,
    error: (msg, data) => void errors.push(`${msg} ${JSON.stringify(data)}`),
  };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function writer(store: RoomStore, log: Logger = createLogger('silent')) {
  const clock = new FakeClock();
  return { clock, w: new RoomWriter(store, new RoomScheduler(clock), log, 'ABCDEF', 20) };
}

describe('room writer', () => {
  it('[R8.2] ops of one tick go as one batch, in order; the next batch waits for the previous write', async () => {
    const { store, writes } = manualStore();
    const { clock, w } = writer(store);
    void w.enqueue(join('a'));
    void w.enqueue(join('b'));
    void w.enqueue(started);
    await tick();
    expect(writes).toHaveLength(0); // the tick has not passed yet
    clock.advance(20);
    expect(writes.map((x) => x.batch)).toEqual([['a', 'b', 'roomStarted']]);
    // Ops while the first write is under way: a second batch, written only after the first is done.
    void w.enqueue(join('c'));
    clock.advance(1000);
    await tick();
    expect(writes).toHaveLength(1);
    void w.enqueue(join('d'));
    writes[0]!.finish();
    await tick();
    clock.advance(20);
    expect(writes.map((x) => x.batch)).toEqual([
      ['a', 'b', 'roomStarted'],
      ['c', 'd'],
    ]);
  });

  it('[R8.2] each enqueue answers once its batch is stored (group commit); flushed() waits for all', async () => {
    const { store, writes } = manualStore();
    const { clock, w } = writer(store);
    const stored: string[] = [];
    void w.enqueue(join('a')).then((s) => stored.push(`a:${s.ok}`));
    const flushed = w.flushed().then(() => stored.push('flushed'));
    await tick();
    clock.advance(20);
    void w.enqueue(join('b')).then((s) => stored.push(`b:${s.ok}`));
    await tick();
    expect(stored).toEqual([]);
    writes[0]!.finish();
    await tick();
    expect(stored).toEqual(['a:true']);
    clock.advance(20);
    writes[1]!.finish();
    await flushed;
    await tick();
    expect(stored).toEqual(['a:true', 'b:true', 'flushed']);
  });

  it('[R8.2] a refused batch is written again op by op: only the bad op fails, the others are stored', async () => {
    const { store, writes } = manualStore();
    const log = recordingLog();
    const { clock, w } = writer(store, log);
    const results = ['a', 'bad', 'c'].map((id) => w.enqueue(join(id)));
    await tick();
    clock.advance(20);
    writes[0]!.fail(new Error('invalid byte sequence'));
    for (let i = 0; i < 3; i++) {
      await tick();
      const last = writes[writes.length - 1]!;
      if (last.batch[0] === 'bad') last.fail(new Error('invalid byte sequence for encoding "UTF8": 0x00'));
      else last.finish();
    }
    expect(writes.map((x) => x.batch)).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(await Promise.all(results)).toEqual([
      { ok: true },
      { ok: false, error: 'invalid byte sequence for encoding "UTF8": 0x00' },
      { ok: true },
    ]);
    expect(log.errors).toEqual([
      `persist failed {"code":"ABCDEF","op":"playerJoined","error":"invalid byte sequence for encoding \\"UTF8\\": 0x00"}`,
    ]);
    expect(w.backlog).toBe(0);
  });

  it('a failed write is logged and answered with its reason; later batches are still written', async () => {
    const { store, writes } = manualStore();
    const log = recordingLog();
    const { clock, w } = writer(store, log);
    const first = w.enqueue(join('a'));
    await tick();
    clock.advance(20);
    writes[0]!.fail(new Error('database is down'));
    expect(await first).toEqual({ ok: false, error: 'database is down' });
    expect(log.errors).toEqual([`persist failed {"code":"ABCDEF","op":"playerJoined","error":"database is down"}`]);
    const second = w.enqueue(join('b'));
    await tick();
    clock.advance(20);
    writes[1]!.finish();
    expect(await second).toEqual({ ok: true });
  });
});

describe('room writer: answer batches', () => {
  const locked = (id: string): PersistOp => ({
    op: 'answerLocked',
    cardId: 'c1',
    answer: {
      playerId: id,
      questionIndex: 0,
      choiceId: 'x',
      text: null,
      receivedAt: 1,
      elapsedMs: 1,
      verdict: 'incorrect',
      gradeScore: 0,
      matched: [],
      points: 0,
      overridden: false,
    },
  });
  const names = (batch: string[]) => batch.join(' ');
  const manualAnswers = () => {
    const writes: { batch: string[]; finish: () => void }[] = [];
    const store: RoomStore = {
      write: (batch) =>
        new Promise<void>((finish) =>
          writes.push({ batch: batch.map((o) => (o.op === 'answerLocked' ? o.answer.playerId : o.op)), finish }),
        ),
    };
    return { store, writes };
  };

  it('[R8.2] answer batches are written side by side; any other op waits for them, and what follows waits for it', async () => {
    const { store, writes } = manualAnswers();
    const { clock, w } = writer(store);
    void w.enqueue(locked('a'));
    clock.advance(20);
    void w.enqueue(locked('b'));
    clock.advance(20);
    await tick();
    // The second batch did not wait for the first one's write.
    expect(writes.map((x) => names(x.batch))).toEqual(['a', 'b']);
    // The close waits for both answer batches, and answers after it wait for the close.
    void w.enqueue(started);
    void w.enqueue(locked('c'));
    clock.advance(20);
    await tick();
    expect(writes).toHaveLength(2);
    writes[1]!.finish();
    await tick();
    expect(writes).toHaveLength(2);
    writes[0]!.finish();
    await tick();
    expect(writes.map((x) => names(x.batch))).toEqual(['a', 'b', 'roomStarted']);
    clock.advance(20);
    await tick();
    expect(writes).toHaveLength(3);
    writes[2]!.finish();
    await tick();
    expect(writes.map((x) => names(x.batch))).toEqual(['a', 'b', 'roomStarted', 'c']);
  });

  it('[R8.2] a batch whose tick has passed starts on the next op, though no timer has run (a busy event loop)', async () => {
    const { store, writes } = manualAnswers();
    const clock = new FakeClock();
    const w = new RoomWriter(store, new RoomScheduler(clock), createLogger('silent'), 'ABCDEF', 20);
    void w.enqueue(locked('a'));
    clock.t += 25; // time passes without the clock running its timers, as while a burst is read
    void w.enqueue(locked('b'));
    await tick();
    expect(writes.map((x) => names(x.batch))).toEqual(['a b']);
  });

  it('[R8.2] written() writes the batch still collecting at once and waits only for what was queued before', async () => {
    const { store, writes } = manualAnswers();
    const { w } = writer(store);
    void w.enqueue(locked('a'));
    let done = false;
    const written = w.written().then(() => (done = true));
    await tick();
    expect(writes.map((x) => names(x.batch))).toEqual(['a']); // no 20 ms tick waited for
    void w.enqueue(locked('b')); // queued after: not waited for
    writes[0]!.finish();
    await written;
    expect(done).toBe(true);
    expect(w.backlog).toBe(1);
  });
});

describe('room store', () => {
  it('[R8.2] consecutive joins become one insert; every other op keeps its place', async () => {
    const calls: string[] = [];
    const repo = new Proxy(
      {},
      {
        get:
          (_t, name: string) =>
          async (...args: unknown[]) => {
            const a0 = args[0];
            const a1 = args[1] as unknown;
            calls.push(
              name === 'insertPlayers'
                ? `insertPlayers(${(a1 as { id: string }[]).map((p) => p.id).join(',')})`
                : `${name}(${typeof a0 === 'string' ? a0 : ''})`,
            );
          },
      },
    ) as RoomRepository;
    const store = createRoomStore(repo, 'room-1');
    const totals = [{ id: 'a', score: 1, correctCount: 1, answeredCount: 1, rank: 1 }];
    const answer = {
      playerId: 'a',
      questionIndex: 0,
      choiceId: null,
      text: 't',
      receivedAt: 1,
      elapsedMs: 1,
      verdict: 'correct' as const,
      gradeScore: 1,
      matched: [],
      points: 1000,
      overridden: true,
    };
    await store.write([
      join('a'),
      join('b'),
      started,
      join('c'),
      {
        op: 'answerOverridden',
        answer,
        laterPoints: [{ playerId: 'a', questionIndex: 1, points: 1100 }],
        totals,
      },
      { op: 'roomFinished', at: 9, totals },
    ]);
    expect(calls).toEqual([
      'insertPlayers(a,b)',
      'markStarted(room-1)',
      'insertPlayers(c)',
      'overrideAnswer()',
      'updateAnswerPoints()',
      'finish(room-1)',
    ]);
  });

  it('[R8.2] answers locked in one tick become one insert; a refused close is written answer by answer', async () => {
    const calls: string[] = [];
    const answer = (playerId: string, text: string) => ({
      playerId,
      questionIndex: 0,
      choiceId: null,
      text,
      receivedAt: 1,
      elapsedMs: 1,
      verdict: 'incorrect' as const,
      gradeScore: 0,
      matched: [],
      points: 0,
      overridden: false,
    });
    const repo = {
      lockAnswers: async (_room: string, rows: { answer: { playerId: string } }[]) =>
        void calls.push(`lockAnswers(${rows.map((r) => r.answer.playerId).join(',')})`),
      setPhase: async (_room: string, phase: string) => void calls.push(`setPhase(${phase})`),
      closeQuestion: async (_room: string, _q: unknown, answers: { text: string | null }[]) => {
        if (answers.some((a) => a.text === 'bad')) throw new Error('refused');
        calls.push(`closeQuestion(${answers.length})`);
      },
      gradeAnswers: async (_room: string, _card: string, answers: { playerId: string; text: string | null }[]) => {
        if (answers.some((a) => a.text === 'bad')) throw new Error('refused');
        calls.push(`gradeAnswers(${answers.map((a) => a.playerId).join(',')})`);
      },
    } as unknown as RoomRepository;
    const store = createRoomStore(repo, 'room-1');
    await store.write([
      { op: 'answerLocked', cardId: 'c1', answer: answer('a', 'x') },
      { op: 'answerLocked', cardId: 'c1', answer: answer('b', 'y') },
      { op: 'phaseChanged', phase: 'reveal' },
      { op: 'answerLocked', cardId: 'c1', answer: answer('c', 'z') },
    ]);
    expect(calls).toEqual(['lockAnswers(a,b)', 'setPhase(reveal)', 'lockAnswers(c)']);
    calls.length = 0;
    const closing = store.write([
      {
        op: 'questionClosed',
        question: { index: 0, cardId: 'c1', closedAt: 5, skipped: false },
        answers: [answer('a', 'x'), answer('b', 'bad'), answer('c', 'z')],
        totals: [],
      },
    ]);
    await expect(closing).rejects.toThrow(/1 of 3 answers to question 1 refused \(players b\)/);
    expect(calls).toEqual(['closeQuestion(0)', 'gradeAnswers(a)', 'gradeAnswers(c)']);
  });
});
