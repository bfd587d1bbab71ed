import type { PersistOp } from '../../../src/game/commands';
import { createGame } from '../../../src/game/reducer';
import type { RoomSettings } from '../../../src/game/types';
import type { EventBus } from '../../../src/server/events';
import { silentLogger } from '../../../src/server/log';
import { Room, type RoomDeps } from '../../../src/server/room/room';
import type { RoomTransport } from '../../../src/server/room/transport';
import { FakeClock } from '../../support/fake-clock';
import { CARDS, HOST, seededRng, settings } from '../game/helpers';

export { HOST };

/** A transport that records what the room sent, and to whom. */
export function recordingTransport() {
  const sent: { to: string; event: string; payload: unknown }[] = [];
  const transport: RoomTransport = {
    toRoom: (event: string, payload: unknown) => void sent.push({ to: 'room', event, payload }),
    toHosts: (payload) => void sent.push({ to: 'hosts', event: 'host:state', payload }),
    toPlayer: (id, payload) => void sent.push({ to: id, event: 'player:you', payload }),
    kick: (id, reason) => void sent.push({ to: id, event: 'player:kicked', payload: { reason } }),
    reconnect: (where) => void sent.push({ to: 'room', event: 'reconnect', payload: where }),
  };
  return { sent, transport };
}

/** A live room on a fake clock, storing its batches in memory. */
export function makeRoom(
  opts: {
    code?: string;
    settings?: Partial<RoomSettings>;
    events?: EventBus;
    groupId?: string | null;
    clock?: FakeClock;
    learn?: RoomDeps['learn'];
  } = {},
) {
  const clock = opts.clock ?? new FakeClock();
  const { sent, transport } = recordingTransport();
  const batches: PersistOp[][] = [];
  const code = opts.code ?? 'ABCDEF';
  const state = createGame({
    roomId: `room-${code}`,
    code,
    title: 'Test deck',
    joinUrl: `http://x/play/${code}`,
    deckId: 'd',
    hostTokenHash: HOST,
    settings: settings({ maxPlayers: 5000, ...opts.settings }),
    cards: CARDS,
    plan: ['c1', 'c2'],
    now: clock.t,
  });
  const room = new Room(state, {
    clock,
    rng: seededRng(),
    transport,
    store: { write: async (batch) => void batches.push([...batch]) },
    log: silentLogger,
    ...(opts.events ? { events: opts.events } : {}),
    ...(opts.learn ? { learn: opts.learn } : {}),
    groupId: opts.groupId ?? null,
  });
  return { clock, room, sent, batches };
}

/**
 * Waits for `p` while moving the fake clock on a tick at a time: a room's reply waits for its write (group
 * commit), and the writer's tick runs on the room's clock.
 */
export async function pump<T>(clock: FakeClock, p: Promise<T>, stepMs = 20): Promise<T> {
  let done = false;
  const out = p.finally(() => (done = true));
  for (let i = 0; i < 1000 && !done; i++) {
    await new Promise<void>((r) => setImmediate(r));
    if (!done) clock.advance(stepMs);
  }
  return out;
}
