import { randomInt } from 'node:crypto';
import { createGame } from '../../game/reducer';
import { shuffle } from '../../game/questions';
import type { RoomSettings } from '../../game/types';
import type { CreateRoomBody, CreateRoomResponse } from '../../protocol';
import { ServiceError } from '../errors';
import { gameCardsOf } from '../markdown/cards';
import { hashToken, newId, newRoomCode, newToken } from '../ids';
import type { Logger } from '../log';
import type { Clock } from '../realtime/clock';
import { roomRegistry } from '../realtime/registry';
import { RoomRuntime, type RoomTransport } from '../realtime/room-runtime';
import type { RoomStatus } from '../realtime/room-ops';
import type { RoomRouter } from '../realtime/router';
import type { DeckRepository } from '../repositories/decks';
import type { ResultAnswerRow, ResultPlayerRow, ResultQuestionRow, RoomRepository, RoomRow } from '../repositories/rooms';
import { createRoomStore } from './room-store';

export interface RoomServiceDeps {
  decks: DeckRepository;
  rooms: RoomRepository;
  clock: Clock;
  log: Logger;
  maxPlayers: number;
  /** Builds the transport of a room once the realtime layer is attached. */
  transportFor(code: string): RoomTransport;
  /** PUBLIC_URL, when configured; else the request's origin is used. */
  publicUrl?: string | undefined;
  /** Where room ops go (this process, or the owning process in a cluster). */
  router: RoomRouter;
  /** Checks a group admin token before a room is added to the group. */
  requireGroupAdmin(groupId: string, token: string): Promise<void>;
}

/** Crypto-backed uniform [0, 1) for shuffles in production (tests pass their own rng to the reducer). */
const cryptoRng = () => randomInt(0, 2 ** 32) / 2 ** 32;

export interface RoomResults {
  room: RoomRow;
  players: ResultPlayerRow[];
  questions: ResultQuestionRow[];
  answers: ResultAnswerRow[];
}

export function createRoomService(deps: RoomServiceDeps) {
  const registry = roomRegistry();
  const store = createRoomStore(deps.rooms);

  /** A code no stored room has, claimed for this process (in a cluster, atomically in Redis). */
  async function uniqueCode(): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const code = newRoomCode();
      if (registry.has(code) || (await deps.rooms.codeInUse(code))) continue;
      try {
        await deps.router.claim(code);
        return code;
      } catch {
        continue;
      }
    }
    throw new ServiceError('internal', 'Could not find a free room code; try again.', 500);
  }

  return {
    async create(body: CreateRoomBody, origin: string): Promise<CreateRoomResponse> {
      const deck = await deps.decks.get(body.deckId);
      if (!deck) throw new ServiceError('deck_not_found', `No deck "${body.deckId}".`, 404);
      let planCards = deck.cards;
      if (body.positions) {
        const wanted = new Set(body.positions);
        planCards = deck.cards.filter((c) => wanted.has(c.position));
        if (planCards.length === 0) throw new ServiceError('bad_request', 'None of those cards are in the deck.');
      }
      if (body.shuffle) planCards = shuffle(planCards, cryptoRng);
      if (body.questionCount) planCards = planCards.slice(0, body.questionCount);
      if (body.group) await deps.requireGroupAdmin(body.group.id, body.group.adminToken);

      const code = await uniqueCode();
      const hostToken = newToken();
      const hostTokenHash = hashToken(hostToken);
      const roomId = newId();
      const settings: RoomSettings = { ...body.settings, maxPlayers: deps.maxPlayers };
      const now = deps.clock.now();
      await deps.rooms.create({
        id: roomId,
        code,
        deckId: deck.id,
        title: deck.title,
        settings,
        hostTokenHash,
        questionCount: planCards.length,
        createdAt: new Date(now),
        groupId: body.group?.id ?? null,
      });
      const base = (deps.publicUrl ?? origin).replace(/\/$/, '');
      const joinUrl = `${base}/play/${code}`;
      const state = createGame({
        roomId,
        code,
        title: deck.title,
        joinUrl,
        deckId: deck.id,
        hostTokenHash,
        settings,
        cards: gameCardsOf(deck),
        plan: planCards.map((c) => c.id),
        now,
      });
      const runtime = new RoomRuntime(state, {
        clock: deps.clock,
        rng: cryptoRng,
        transport: deps.transportFor(code),
        store,
        joinUrl,
        log: deps.log,
      });
      registry.set(code, runtime);
      deps.log.info('room created', { code, deck: deck.id, questions: planCards.length });
      return { code, hostToken, joinUrl, hostUrl: `${base}/host/${code}` };
    },

    live(code: string): RoomRuntime | undefined {
      return registry.get(code);
    },

    /** A running room's status, wherever in the cluster it runs; null when no process runs it. */
    async status(code: string): Promise<RoomStatus | null> {
      const r = await deps.router.route(code, { kind: 'status' });
      return r.ok ? (r.data as RoomStatus) : null;
    },

    async find(code: string): Promise<RoomRow | null> {
      return deps.rooms.findByCode(code);
    },

    async results(code: string): Promise<RoomResults | null> {
      const live = registry.get(code);
      if (live) await live.flushed();
      const room = await deps.rooms.findByCode(code);
      if (!room) return null;
      return { room, ...(await deps.rooms.results(room.id)) };
    },

    /** Rooms a previous process left open can't resume (their timers died with it): mark them. */
    async closeAbandoned(): Promise<number> {
      return deps.rooms.closeAbandoned([...registry.values()].map((r) => r.roomId));
    },

    /** Drops finished rooms idle for `idleMs` from memory (their results stay in the database). */
    evictIdle(idleMs: number): number {
      const now = deps.clock.now();
      let n = 0;
      for (const [code, r] of registry) {
        if (r.phase === 'finished' && now - r.lastActivity > idleMs) {
          r.dispose();
          registry.delete(code);
          void deps.router.release(code).catch(() => undefined);
          n += 1;
        }
      }
      return n;
    },

    async flushAll(): Promise<void> {
      await Promise.all([...registry.values()].map((r) => r.flushed()));
    },
  };
}
export type RoomService = ReturnType<typeof createRoomService>;
