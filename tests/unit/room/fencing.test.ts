import { describe, expect, it } from 'vitest';
import type { PersistOp } from '../../../src/game/commands';
import { createGame } from '../../../src/game/reducer';
import { silentLogger } from '../../../src/server/log';
import { Room } from '../../../src/server/room/room';
import { FencedOut, type RoomStore } from '../../../src/server/room/writer';
import { FakeClock } from '../../support/fake-clock';
import { CARDS, HOST, seededRng, settings } from '../game/helpers';
import { pump, recordingTransport } from './helpers';

/** A room whose store stores until `fenced` is set, then refuses every batch as a newer owner's database would. */
function fencedRoom() {
  const clock = new FakeClock();
  const { sent, transport } = recordingTransport();
  const batches: PersistOp[][] = [];
  const control = { fenced: false };
  const store: RoomStore = {
    write: async (batch) => {
      batches.push([...batch]);
      if (control.fenced) throw new FencedOut('room-ABCDEF', 1);
    },
  };
  const stopped: Room[] = [];
  const room = new Room(
    createGame({
      roomId: 'room-ABCDEF',
      code: 'ABCDEF',
      title: 'Test deck',
      joinUrl: 'http://x/play/ABCDEF',
      deckId: 'd',
      hostTokenHash: HOST,
      settings: settings(),
      cards: CARDS,
      plan: ['c1', 'c2'],
      now: clock.t,
    }),
    { clock, rng: seededRng(), transport, store, log: silentLogger, onStopped: (r) => void stopped.push(r) },
  );
  return { clock, room, sent, batches, control, stopped };
}

const join = (id: string) => ({
  kind: 'command' as const,
  command: { type: 'join' as const, playerId: id, nickname: id, tokenHash: `t-${id}` },
});

describe('a room fenced out by a newer owner', () => {
  it('[R8.4] the refused batch is not retried op by op, its senders are not told "saved", and the room stops here at once', async () => {
    const { clock, room, sent, batches, control, stopped } = fencedRoom();
    expect((await pump(clock, room.request(join('p1')))).ok).toBe(true);
    control.fenced = true;
    const replies = await pump(clock, Promise.all([room.request(join('p2')), room.request(join('p3'))]));
    for (const r of replies) expect(r).toMatchObject({ ok: false, error: { code: 'not_saved' } });
    // One batch of two joins, written once: a fenced-out batch is not a bad row.
    expect(batches.map((b) => b.length)).toEqual([1, 2]);
    expect(room.stopped).toBe(true);
    expect(stopped).toEqual([room]);
    // Its sockets here are told to reconnect (they rejoin wherever the room runs now).
    expect(sent.filter((m) => m.event === 'reconnect')).toEqual([{ to: 'room', event: 'reconnect', payload: 'here' }]);
    // Nothing more runs or is written here.
    const before = sent.length;
    expect(await pump(clock, room.request(join('p4')))).toMatchObject({ ok: false, error: { code: 'not_saved' } });
    expect(await pump(clock, room.request({ kind: 'command', command: { type: 'start', hostTokenHash: HOST } }))).toMatchObject({
      ok: false,
    });
    clock.advance(60_000);
    expect(batches).toHaveLength(2);
    expect(sent.length).toBe(before);
    expect(room.snapshot.activeCount).toBe(3); // p4 never joined
  });

  it('[R8.4] a room whose lease was lost stops at once: queued ops are refused, not written', async () => {
    const { clock, room, batches, stopped } = fencedRoom();
    const pending = room.request(join('p1'));
    room.stop('its lease was lost');
    expect(await pump(clock, pending)).toMatchObject({ ok: false, error: { code: 'not_saved' } });
    expect(batches).toEqual([]);
    expect(stopped).toEqual([room]);
    room.stop('again');
    expect(stopped).toEqual([room]);
  });
});
