import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../../src/server/log';
import type { AssignmentAnswerRow, ServeRow } from '../../../src/server/repositories/assignments';
import { AssignmentWriter, type AssignmentStore } from '../../../src/server/services/assignment-writer';
import { FakeClock } from '../../support/fake-clock';

const answer = (playerId: string, questionIndex = 0): AssignmentAnswerRow => ({
  playerId,
  roomId: 'room',
  questionIndex,
  cardId: `c${questionIndex}`,
  choiceId: 'a',
  text: null,
  receivedAt: 1,
  elapsedMs: 100,
  verdict: 'correct',
  gradeScore: 1,
  points: 1000,
  matched: [],
  finishedAt: null,
});
const serve = (playerId: string, servedIndex = 1): ServeRow => ({ playerId, servedIndex, servedAt: 2 });

interface Call {
  answers: string[];
  serves: string[];
  commit: () => void;
  refuse: (e: Error) => void;
}

/**
 * A store whose statements commit (or are refused) when the test says. Like the database, it refuses a whole
 * statement holding a row of a player named in `bad`, stores nothing of a refused statement, and skips an answer
 * it already holds.
 */
function manualStore(bad: ReadonlySet<string> = new Set()) {
  const calls: Call[] = [];
  const stored = new Set<string>();
  const store: AssignmentStore = {
    write: (answers, serves) =>
      new Promise<Set<string>>((resolve, reject) => {
        calls.push({
          answers: answers.map((a) => a.playerId),
          serves: serves.map((s) => s.playerId),
          commit: () => {
            if ([...answers, ...serves].some((r) => bad.has(r.playerId))) {
              reject(new Error('violates foreign key constraint'));
              return;
            }
            const inserted = new Set<string>();
            for (const a of answers) {
              const key = `${a.playerId}:${a.questionIndex}`;
              if (!stored.has(key)) inserted.add(key);
              stored.add(key);
            }
            resolve(inserted);
          },
          refuse: reject,
        });
      }),
  };
  return { store, calls, stored };
}

function recordingLog(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { ...createLogger('silent'), errors, error: (msg, data) => void errors.push(`${msg} ${JSON.stringify(data)}`) };
}

/** Lets settled promises run their callbacks. */
const settle = () => new Promise<void>((r) => setImmediate(r));

function setup(store: AssignmentStore, o: { tickMs?: number; maxBatch?: number; retries?: number; log?: Logger } = {}) {
  const clock = new FakeClock();
  const w = new AssignmentWriter(store, {
    clock,
    log: o.log ?? createLogger('silent'),
    tickMs: o.tickMs ?? 10,
    maxBatch: o.maxBatch ?? 500,
    retries: o.retries ?? 2,
  });
  return { clock, w };
}

/** Records when a promise settles, and how. */
function watch<T>(p: Promise<T>) {
  const s: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  p.then(
    (v) => Object.assign(s, { value: v, settled: true }),
    (e: unknown) => Object.assign(s, { error: e, settled: true }),
  );
  return s;
}

describe('assignment writer (group commit) [R13.9]', () => {
  it('[R13.9] rows of many seats within one tick go as one statement; each is acknowledged only after it commits', async () => {
    const { store, calls } = manualStore();
    const { clock, w } = setup(store);
    const a = watch(w.answer(answer('p1')));
    const b = watch(w.answer(answer('p2')));
    const s = watch(w.serve(serve('p3')));
    clock.advance(9);
    await settle();
    expect(calls).toHaveLength(0); // still gathering
    clock.advance(1);
    expect(calls.map((c) => [c.answers, c.serves])).toEqual([[['p1', 'p2'], ['p3']]]);
    await settle();
    // Written but not committed: nobody is acknowledged yet.
    expect([a.settled, b.settled, s.settled]).toEqual([false, false, false]);
    calls[0]?.commit();
    await settle();
    expect([a.value, b.value, s.value]).toEqual([true, true, true]);
  });

  it('[R13.9] one statement in flight: rows arriving meanwhile tick and wait, then go together', async () => {
    const { store, calls } = manualStore();
    const { clock, w } = setup(store);
    const first = watch(w.answer(answer('p1')));
    clock.advance(10);
    expect(calls).toHaveLength(1);
    const later = [watch(w.answer(answer('p2'))), watch(w.answer(answer('p3')))];
    clock.advance(50); // their tick has passed, but the first statement has not committed
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]?.commit();
    await settle();
    expect(first.value).toBe(true);
    expect(later.map((x) => x.settled)).toEqual([false, false]);
    expect(calls[1]?.answers).toEqual(['p2', 'p3']);
    calls[1]?.commit();
    await settle();
    expect(later.map((x) => x.value)).toEqual([true, true]);
  });

  it('[R13.9] a refused row does not take the others: the batch is written again row by row, only that row fails', async () => {
    const { store, calls, stored } = manualStore(new Set(['bad']));
    const log = recordingLog();
    const { clock, w } = setup(store, { log, retries: 1 });
    const good1 = watch(w.answer(answer('p1')));
    const bad = watch(w.answer(answer('bad')));
    const good2 = watch(w.serve(serve('p2')));
    clock.advance(10);
    // The batch, then each row alone; the bad row is tried once more (retries: 1). Each statement commits or is
    // refused only when the test says, so nothing is acknowledged before its own statement committed.
    for (let i = 0; i < 5; i++) {
      await settle();
      calls[i]?.commit();
      await settle();
      if (i === 0) expect([good1.settled, bad.settled, good2.settled]).toEqual([false, false, false]);
      if (i === 1) expect([good1.value, bad.settled, good2.settled]).toEqual([true, false, false]);
    }
    await settle();
    expect(calls.map((c) => [...c.answers, ...c.serves])).toEqual([['p1', 'bad', 'p2'], ['p1'], ['bad'], ['bad'], ['p2']]);
    expect(good1.value).toBe(true);
    expect(good2.value).toBe(true);
    expect(bad.settled && bad.value === undefined).toBe(true);
    expect(String(bad.error)).toContain('foreign key');
    expect([...stored]).toEqual(['p1:0']);
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]).toContain('"playerId":"bad"');
  });

  it('[R13.9] a statement refused once (a dropped connection) is written again, and acknowledged when that commits', async () => {
    const { store, calls } = manualStore();
    const { clock, w } = setup(store);
    const a = watch(w.answer(answer('p1')));
    clock.advance(10);
    calls[0]?.refuse(new Error('Connection terminated unexpectedly'));
    await settle();
    expect(a.settled).toBe(false);
    expect(calls).toHaveLength(2);
    calls[1]?.commit();
    await settle();
    expect(a.value).toBe(true);
  });

  it('[R13.9] an answer the database already holds (another device) is reported as not stored', async () => {
    const { store, calls } = manualStore();
    const { clock, w } = setup(store);
    const first = watch(w.answer(answer('p1', 3)));
    clock.advance(10);
    calls[0]?.commit();
    await settle();
    const again = watch(w.answer(answer('p1', 3)));
    clock.advance(10);
    calls[1]?.commit();
    await settle();
    expect([first.value, again.value]).toEqual([true, false]);
  });

  it('[R13.9] a batch holds at most maxBatch rows; the rest follow without waiting another tick', async () => {
    const { store, calls } = manualStore();
    const { clock, w } = setup(store, { maxBatch: 2 });
    const all = ['p1', 'p2', 'p3'].map((p) => watch(w.answer(answer(p))));
    clock.advance(10);
    expect(calls.map((c) => c.answers)).toEqual([['p1', 'p2']]);
    calls[0]?.commit();
    await settle();
    expect(calls.map((c) => c.answers)).toEqual([['p1', 'p2'], ['p3']]);
    const done = watch(w.flushed());
    await settle();
    expect(done.settled).toBe(false);
    calls[1]?.commit();
    await settle();
    expect(all.map((x) => x.value)).toEqual([true, true, true]);
    expect(done.settled).toBe(true);
  });
});
