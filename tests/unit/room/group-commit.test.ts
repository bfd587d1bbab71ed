import { describe, expect, it } from 'vitest';
import type { PersistOp } from '../../../src/game/commands';
import { createGame } from '../../../src/game/reducer';
import { silentLogger } from '../../../src/server/log';
import type { RoomReply } from '../../../src/server/room/requests';
import { Room } from '../../../src/server/room/room';
import { FakeClock } from '../../support/fake-clock';
import { CARDS, HOST, seededRng, settings } from '../game/helpers';
import { makeRoom, pump, recordingTransport } from './helpers';

/**
 * A room on a database that refuses some rows: what is stored, what is acknowledged, and when [R8.2]. The store
 * keeps what it accepted; a row is refused when `refuse` says so (as Postgres refuses a row it cannot store).
 */
function roomOn(refuse: (op: PersistOp) => boolean) {
  const clock = new FakeClock();
  const stored: PersistOp[] = [];
  let writes = 0;
  const state = createGame({
    roomId: 'room-1',
    code: 'ABCDEF',
    title: 'Test deck',
    joinUrl: 'http://x/play/ABCDEF',
    deckId: 'd',
    hostTokenHash: HOST,
    settings: settings({ mode: 'choice' }),
    cards: CARDS,
    plan: ['c1', 'c2'],
    now: clock.t,
  });
  const room = new Room(state, {
    clock,
    rng: seededRng(),
    transport: recordingTransport().transport,
    store: {
      // Like a transaction: all of the batch or none of it.
      write: async (batch) => {
        writes += 1;
        if (batch.some(refuse)) throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
        stored.push(...batch);
      },
    },
    log: silentLogger,
  });
  const send = (command: Parameters<Room['apply']>[0]): Promise<RoomReply> =>
    pump(clock, room.request({ kind: 'command', command }));
  return { clock, room, stored, send, writes: () => writes };
}

const answered = (stored: PersistOp[]) =>
  stored.flatMap((o) => (o.op === 'answerLocked' ? [o.answer.playerId] : []));

describe('group commit', () => {
  it("[R8.2] an answer is acknowledged only once its row is stored; a tick's answers are one write", async () => {
    const { clock, room, stored, send, writes } = roomOn(() => false);
    for (const name of ['a', 'b', 'c'])
      await send({ type: 'join', playerId: name, nickname: name, tokenHash: `t${name}` });
    await send({ type: 'start', hostTokenHash: HOST });
    const q = room.snapshot.questions[0]!;
    const before = writes();
    let acked = 0;
    const replies = ['a', 'b'].map((id) =>
      room
        .request({
          kind: 'command',
          command: { type: 'answer', playerId: id, questionIndex: 0, choiceId: q.choices[0]!.id },
        })
        .then((r) => {
          acked += 1;
          return r;
        }),
    );
    await new Promise((r) => setImmediate(r));
    expect(acked).toBe(0); // locked in, not yet stored: no ack
    expect(answered(stored)).toEqual([]);
    clock.advance(20);
    const results = await Promise.all(replies);
    expect(results).toEqual([
      { ok: true, view: { kind: 'none' } },
      { ok: true, view: { kind: 'none' } },
    ]);
    expect(answered(stored)).toEqual(['a', 'b']);
    expect(writes() - before).toBe(1);
  });

  it('[R8.2] a refused row takes no other with it: its sender gets not_saved and may answer again', async () => {
    let refuseBob = true;
    const { clock, room, stored, send } = roomOn(
      (op) => refuseBob && op.op === 'answerLocked' && op.answer.playerId === 'bob',
    );
    for (const name of ['ann', 'bob', 'cat'])
      await send({ type: 'join', playerId: name, nickname: name, tokenHash: `t${name}` });
    await send({ type: 'start', hostTokenHash: HOST });
    const q = room.snapshot.questions[0]!;
    const answer = (id: string) =>
      room.request({
        kind: 'command',
        command: { type: 'answer', playerId: id, questionIndex: 0, choiceId: q.choices[0]!.id },
      });
    // Both in one tick: one batch, refused as a whole, then written op by op.
    const [ann, bob] = await pump(clock, Promise.all([answer('ann'), answer('bob')]));
    expect(ann).toEqual({ ok: true, view: { kind: 'none' } });
    expect(bob).toMatchObject({ ok: false, error: { code: 'not_saved' } });
    expect(answered(stored)).toEqual(['ann']);
    // Not acknowledged, so not counted: bob's answer was taken back; the question is still open.
    expect(room.snapshot.questions[0]!.answers.has('bob')).toBe(false);
    expect(room.phase).toBe('question');
    refuseBob = false;
    expect(
      await send({ type: 'answer', playerId: 'bob', questionIndex: 0, choiceId: q.choices[1]!.id }),
    ).toEqual({
      ok: true,
      view: { kind: 'none' },
    });
    expect(answered(stored)).toEqual(['ann', 'bob']);
  });

  it('[R4.5][R8.2] the last answers are stored and acknowledged before the close sends anyone their results', async () => {
    const { clock, room, sent, batches } = makeRoom({ settings: { mode: 'choice' } });
    for (const id of ['a', 'b', 'c'])
      await pump(
        clock,
        room.request({
          kind: 'command',
          command: { type: 'join', playerId: id, nickname: id, tokenHash: `t${id}` },
        }),
      );
    await pump(clock, room.request({ kind: 'command', command: { type: 'start', hostTokenHash: HOST } }));
    const q = room.snapshot.questions[0]!;
    const order: string[] = [];
    const revealSent = () =>
      sent.some((m) => m.event === 'room:state' && (m.payload as { phase: string }).phase === 'reveal');
    const replies = ['a', 'b', 'c'].map((id) =>
      room
        .request({
          kind: 'command',
          command: { type: 'answer', playerId: id, questionIndex: 0, choiceId: q.choices[0]!.id },
        })
        .then((r) => {
          order.push(`ack ${id}${revealSent() ? ' after the results' : ''}`);
          return r;
        }),
    );
    // Everyone has answered, and no time passes: the answers are written at once (not on the next 20 ms tick),
    // acknowledged, and only then does the question close.
    expect(room.phase).toBe('question');
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['ack a', 'ack b', 'ack c']);
    expect(batches.at(-1)!.map((o) => o.op)).toEqual(['answerLocked', 'answerLocked', 'answerLocked']);
    expect(revealSent()).toBe(false);
    clock.advance(0);
    expect(room.phase).toBe('reveal');
    expect(revealSent()).toBe(true);
    expect(await Promise.all(replies)).toEqual([0, 1, 2].map(() => ({ ok: true, view: { kind: 'none' } })));
  });
});
