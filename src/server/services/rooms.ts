import { randomInt } from 'node:crypto';
import type { RoomStatus } from '../../contract';
import { shuffle } from '../../game/questions';
import { createGame } from '../../game/reducer';
import { restoreGame } from '../../game/restore';
import type { GameState, RoomSettings } from '../../game/types';
import type { CreateRoomBody, CreateRoomResponse } from '../../protocol';
import type { Clock } from '../clock';
import { ServiceError } from '../errors';
import type { EventBus } from '../events';
import { hashToken, tokensEqual, type Ids } from '../ids';
import { gameCardsOf } from '../markdown/cards';
import type { Logger } from '../log';
import { roomRegistry } from '../room/registry';
import type { RoomReply, RoomRequest, RoomStatusInfo } from '../room/requests';
import type { Judge } from '../room/grades';
import { Room, type LearnedExamples } from '../room/room';
import { gradedDeck, type DeckForGrading } from './deck-grading';
import type { RoomRouter } from '../room/router';
import { createRoomStore } from '../room/store';
import type { RoomTransport } from '../room/transport';
import type { DeckRepository } from '../repositories/decks';
import type {
  ResultAnswerRow,
  ResultPlayerRow,
  ResultQuestionRow,
  RoomRepository,
  RoomRow,
} from '../repositories/rooms';

export interface RoomServiceDeps {
  decks: Pick<DeckRepository, 'get' | 'examples'>;
  rooms: RoomRepository;
  /** A second opinion on unsure typed answers (GRADER_LLM_URL); absent: off. */
  judge?: Judge;
  /** Stores what a host settled as learned examples of the deck [R7.4] (the deck service's `learn`). */
  learn?: (learned: LearnedExamples) => Promise<unknown>;
  clock: Clock;
  ids: Ids;
  log: Logger;
  maxPlayers: number;
  /** Builds the transport of a room once the realtime layer is attached. */
  transportFor(code: string): RoomTransport;
  /** PUBLIC_URL, when configured; else the request's origin is used. */
  publicUrl?: string | undefined;
  /** Where room requests go (this process, or the owning process in a cluster). */
  router: RoomRouter;
  /** Hears when a room's results are stored. */
  events?: EventBus;
  /** Checks a group admin token before a room is added to the group. */
  requireGroupAdmin(groupId: string, token: string): Promise<void>;
  /** Shuffles plans (crypto-backed by default; tests pass a seeded one). */
  rng?: () => number;
}

/** Crypto-backed uniform [0, 1) for shuffles in production (tests pass their own rng to the reducer). */
const cryptoRng = () => randomInt(0, 2 ** 32) / 2 ** 32;

/** A room not finished: a process runs it, or ran it and stopped, and a restart brings it back [R8.3]. */
export const OPEN_ROOM_STATUSES: readonly RoomStatus[] = ['lobby', 'running'];

/** A room left open with nothing stored for this long is not brought back at start-up [R8.3]. */
export const STALE_ROOM_MS = 12 * 60 * 60_000;

/**
 * In a cluster each process looks this often for open rooms no process holds a lease on (their owner died) and
 * takes them over [R8.4]: with leases of `LEASE_TTL_MS` (3 s, cluster/router.ts), a room runs again within 5 s.
 */
export const TAKEOVER_SCAN_MS = 500;
/** A request for a room being taken over waits this long at most for its new owner [R8.4]. */
export const TAKEOVER_WAIT_MS = 8_000;
/** Between two looks for a room's new owner. */
const TAKEOVER_RETRY_MS = 200;
/** Rooms one process restores at once when it takes over several. */
const TAKEOVER_PARALLEL = 4;

/** The reply when a room's new owner did not start it in time (the client sends it again). */
const STILL_MOVING: RoomReply = {
  ok: false,
  error: { code: 'internal', message: 'This game is moving to another server; try again in a moment.' },
};

export interface RoomResults {
  room: RoomRow;
  players: ResultPlayerRow[];
  questions: ResultQuestionRow[];
  answers: ResultAnswerRow[];
}

/**
 * Rooms as a whole: creating one from a deck [R1], sending requests to a live one (wherever in the cluster it
 * runs), reading a finished one's results, and looking after the rooms of this process (eviction, shutdown,
 * leftovers of an earlier process).
 */
export function createRoomService(deps: RoomServiceDeps) {
  const registry = roomRegistry();
  const rng = deps.rng ?? cryptoRng;

  /**
   * Runs a room here, its deck compiled as a whole with what hosts taught it in earlier games [R7.4]; in a
   * cluster its batches carry the fencing number of this process's claim [R8.4].
   */
  async function launch(
    state: GameState,
    groupId: string | null,
    deck: DeckForGrading,
    fence: number | null,
  ): Promise<Room> {
    const graded = gradedDeck(deck, await deps.decks.examples(deck.id));
    const room = new Room(state, {
      grader: graded.grader,
      ...(deps.judge ? { judge: deps.judge } : {}),
      ...(deps.learn ? { learn: deps.learn } : {}),
      clock: deps.clock,
      rng,
      transport: deps.transportFor(state.code),
      store: createRoomStore(deps.rooms, state.roomId, fence),
      log: deps.log,
      groupId,
      ...(deps.events ? { events: deps.events } : {}),
      onStopped: (stopped) => {
        if (registry.get(stopped.code) === stopped) registry.delete(stopped.code);
        void deps.router.release(stopped.code).catch(() => undefined);
      },
    });
    registry.set(state.code, room);
    return room;
  }

  // A room whose lease this process lost stops here at once; its new owner runs it [R8.4].
  deps.router.onLost((code) => registry.get(code)?.stop('its lease was lost'));

  /**
   * Brings one stored room back as it was [R8.3]; a reason when it cannot be. `fence`: the room is already claimed
   * (a takeover, [R8.4]); else it is claimed here (a single process at start-up).
   */
  async function restore(roomId: string, fence?: number | null): Promise<Room | string> {
    const stored = await deps.rooms.restorable(roomId);
    if (!stored) return 'gone';
    if (!stored.plan || !stored.joinUrl) return 'stored by an older version (no plan)';
    const lastSeen = Math.max(
      stored.createdAt,
      stored.startedAt ?? stored.createdAt,
      ...stored.players.map((p) => p.joinedAt),
      ...stored.questions.map((q) => q.openedAt),
      ...stored.answers.map((a) => a.receivedAt),
    );
    if (deps.clock.now() - lastSeen > STALE_ROOM_MS) return 'nothing happened in it for 12 hours';
    if (registry.has(stored.code)) return 'already running here';
    const deck = await deps.decks.get(stored.deckId);
    if (!deck) return `its deck ${stored.deckId} is gone`;
    const restored = restoreGame(
      {
        roomId: stored.id,
        code: stored.code,
        title: stored.title,
        joinUrl: stored.joinUrl,
        deckId: stored.deckId,
        hostTokenHash: stored.hostTokenHash,
        settings: stored.settings,
        cards: gameCardsOf(deck),
        plan: stored.plan,
        now: stored.createdAt,
      },
      { ...stored, phase: stored.phase },
    );
    if (!restored.ok) return restored.reason;
    const owned = fence === undefined ? await deps.router.claim(stored.code) : fence;
    const room = await launch(restored.state, stored.groupId, deck, owned);
    // Time passed while no process ran it: the open question gets it back, auto-advance starts again.
    room.apply({ type: 'restored' });
    return room;
  }

  /**
   * Takes over a room whose owner is gone [R8.4]: claims its lease (atomically: one process wins), raises its
   * fencing number in the database (waiting for a batch of the old owner still being written; every later one is
   * refused), disconnects everyone following it so they rejoin here, then restores it from the stored rows as
   * a restart does [R8.3]. A room that cannot be rebuilt is marked `abandoned`.
   */
  async function takeOver(roomId: string, code: string, deckId: string): Promise<void> {
    if (registry.has(code)) return;
    const stored = await deps.rooms.fenceOf(roomId);
    if (stored === null) return;
    await warm(deckId); // before the claim: a cold compile holds the event loop for a second or two
    const t0 = deps.clock.now();
    let fence: number | null;
    try {
      fence = await deps.router.claim(code, stored + 1);
    } catch {
      return; // another process holds it (it is taking it over, or it is alive)
    }
    deps.log.info('taking a room over', { code, fence, process: deps.router.processId });
    let outcome: Room | string;
    try {
      if (fence !== null && !(await deps.rooms.raiseFence(roomId, fence)))
        throw new Error(`a fencing number above ${fence} is stored`);
      deps.transportFor(code).reconnect('everywhere');
      outcome = await restore(roomId, fence);
    } catch (e) {
      await deps.router.release(code).catch(() => undefined);
      throw e;
    }
    if (typeof outcome === 'string') {
      if (outcome === 'already running here') return;
      // Ended while the lease is held, so no other process takes it over meanwhile.
      if (outcome !== 'gone') {
        await deps.rooms.end(roomId, 'abandoned', new Date(deps.clock.now()));
        deps.log.warn('room not taken over; abandoned', { code, reason: outcome });
      }
      await deps.router.release(code).catch(() => undefined);
      return;
    }
    deps.log.info('room taken over', {
      code,
      fence,
      process: deps.router.processId,
      phase: outcome.phase,
      players: outcome.activeCount,
      ms: deps.clock.now() - t0,
    });
  }

  /**
   * Decks of rooms other processes run, compiled here ahead of a takeover (a cold compile reads WordNet: 1-2 s,
   * most of a takeover's time otherwise) [R8.4]. One deck per scan, once per deck (a deck changed since compiles
   * at the takeover).
   */
  const warmed = new Set<string>();
  async function warm(deckId: string): Promise<void> {
    if (warmed.has(deckId)) return;
    warmed.add(deckId);
    const deck = await deps.decks.get(deckId);
    if (deck) gradedDeck(deck, await deps.decks.examples(deck.id));
  }

  /** Takeovers in progress here, by code (a request for the room waits for its own). */
  const adopting = new Map<string, Promise<void>>();
  function adopt(roomId: string, code: string, deckId: string): Promise<void> {
    const running = adopting.get(code);
    if (running) return running;
    const p = takeOver(roomId, code, deckId)
      .catch((e: unknown) => deps.log.warn('room takeover failed', { code, error: String(e) }))
      .finally(() => adopting.delete(code));
    adopting.set(code, p);
    return p;
  }

  /**
   * A request found no process running the room. In a cluster, an open room's owner may have just died: the
   * request waits (up to TAKEOVER_WAIT_MS) for the room's new owner, taking the room over itself if its lease is
   * free, and then goes there [R8.4]. Null when the room is not open (nobody will run it).
   */
  async function viaNewOwner(code: string, request: RoomRequest): Promise<RoomReply | null> {
    // A seat's socket closing or the screens' count: the restored room has everyone disconnected anyway.
    if (request.kind === 'screens' || (request.kind === 'command' && request.command.type === 'disconnect'))
      return null;
    const deadline = deps.clock.now() + TAKEOVER_WAIT_MS;
    for (;;) {
      const [open] = await deps.rooms.withProcess(OPEN_ROOM_STATUSES, code);
      if (!open) return null;
      const free = (await deps.router.unowned([code])).length > 0;
      if (free) await adopt(open.id, code, open.deckId);
      else await adopting.get(code);
      const reply = await deps.router.route(code, request);
      if (reply.ok || reply.error.code !== 'room_not_found') return reply;
      if (deps.clock.now() >= deadline) return STILL_MOVING;
      await new Promise<void>((resolve) => deps.clock.setTimeout(resolve, TAKEOVER_RETRY_MS));
    }
  }

  /** A code no stored room has [R1.2], claimed for this process (in a cluster, atomically in Redis). */
  async function uniqueCode(): Promise<{ code: string; fence: number | null }> {
    for (let i = 0; i < 20; i++) {
      const code = deps.ids.roomCode();
      if (registry.has(code) || (await deps.rooms.codeInUse(code))) continue;
      try {
        return { code, fence: await deps.router.claim(code) };
      } catch {
        continue;
      }
    }
    throw new ServiceError('internal', 'Could not find a free room code; try again.', 500);
  }

  /** Why no process runs the room: it ended (its results point the way), or it never existed. */
  async function missing(code: string): Promise<RoomReply> {
    const stored = await deps.rooms.findByCode(code);
    if (stored && !OPEN_ROOM_STATUSES.includes(stored.status as RoomStatus)) {
      return {
        ok: false,
        error: {
          code: 'game_finished',
          message: `Game ${code} has ended. Its results are at /results/${code}.`,
        },
      };
    }
    return {
      ok: false,
      error: { code: 'room_not_found', message: `No game with code ${code}. Check the code and try again.` },
    };
  }

  return {
    async create(body: CreateRoomBody, origin: string): Promise<CreateRoomResponse> {
      const deck = await deps.decks.get(body.deckId);
      if (!deck) throw new ServiceError('deck_not_found', `No deck "${body.deckId}".`, 404);
      let planCards = deck.cards;
      if (body.positions) {
        const wanted = new Set(body.positions);
        planCards = deck.cards.filter((c) => wanted.has(c.position));
        if (planCards.length === 0)
          throw new ServiceError('bad_request', 'None of those cards are in the deck.');
      }
      if (body.shuffle) planCards = shuffle(planCards, rng);
      if (body.questionCount) planCards = planCards.slice(0, body.questionCount);
      if (body.group) await deps.requireGroupAdmin(body.group.id, body.group.adminToken);

      // Compiled before the code is claimed: a cold compile holds the event loop for a second or two, which a
      // fresh lease need not sit through [R8.4].
      gradedDeck(deck, await deps.decks.examples(deck.id));
      const { code, fence } = await uniqueCode();
      const base = (deps.publicUrl ?? origin).replace(/\/$/, '');
      const joinUrl = `${base}/play/${code}`;
      // The host token is returned once and only its hash is kept [R1.2].
      const hostToken = deps.ids.token();
      const hostTokenHash = hashToken(hostToken);
      const roomId = deps.ids.id();
      const settings: RoomSettings = { ...body.settings, maxPlayers: deps.maxPlayers };
      const now = deps.clock.now();
      const groupId = body.group?.id ?? null;
      await deps.rooms.create({
        id: roomId,
        code,
        deckId: deck.id,
        title: deck.title,
        settings,
        hostTokenHash,
        questionCount: planCards.length,
        createdAt: new Date(now),
        groupId,
        joinUrl,
        plan: planCards.map((c) => c.id),
      });
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
      await launch(state, groupId, deck, fence);
      deps.log.info('room created', { code, deck: deck.id, questions: planCards.length });
      return { code, hostToken, joinUrl, hostUrl: `${base}/host/${code}` };
    },

    /** Sends a request to the room, wherever in the cluster it runs; a room no process runs is explained. */
    async request(code: string, request: RoomRequest): Promise<RoomReply> {
      const reply = await deps.router.route(code, request);
      if (reply.ok || reply.error.code !== 'room_not_found') return reply;
      if (deps.router.shared) {
        const moved = await viaNewOwner(code, request);
        if (moved) return moved;
      }
      return missing(code);
    },

    live(code: string): Room | undefined {
      return registry.get(code);
    },

    /** A running room's status, wherever in the cluster it runs; null when no process runs it. */
    async status(code: string): Promise<RoomStatusInfo | null> {
      const r = await this.request(code, { kind: 'status' });
      return r.ok && r.view.kind === 'status' ? r.view.status : null;
    },

    async find(code: string): Promise<RoomRow | null> {
      return deps.rooms.findByCode(code);
    },

    /**
     * A stored room, if `hostToken` may read its results [R9.6]: anyone once the game has ended; while it is live
     * (lobby or running) only its host, since the results name every answer's player. Null: no such room;
     * `not_host` (403) otherwise.
     */
    async readable(code: string, hostToken: string | null): Promise<RoomRow | null> {
      // A game that just ended in memory may not be stored as ended yet.
      await registry.get(code)?.flushed();
      const room = await deps.rooms.findByCode(code);
      if (!room || !OPEN_ROOM_STATUSES.includes(room.status as RoomStatus)) return room;
      const hash = hostToken ? await deps.rooms.hostTokenHash(room.id) : null;
      if (hostToken && hash && tokensEqual(hashToken(hostToken), hash)) return room;
      throw new ServiceError(
        'not_host',
        `Game ${code} is still being played: its results are the host's until it ends.`,
        403,
      );
    },

    /** The results `hostToken` may read (see `readable`); null when there is no such room. */
    async readResults(code: string, hostToken: string | null): Promise<RoomResults | null> {
      const room = await this.readable(code, hostToken);
      return room ? { room, ...(await deps.rooms.results(room.id)) } : null;
    },

    /** A room's stored results, for anyone: callers that serve people use `readResults`. */
    async results(code: string): Promise<RoomResults | null> {
      const live = registry.get(code);
      if (live) await live.flushed();
      const room = await deps.rooms.findByCode(code);
      if (!room) return null;
      return { room, ...(await deps.rooms.results(room.id)) };
    },

    /**
     * Brings back every room a previous process left open, in the phase it was in, with its players (who rejoin
     * with their tokens), scores and acknowledged answers [R8.3]. A room that cannot be rebuilt (stored by an
     * older version, its deck gone) is marked `abandoned`. Only a single process may do this: in a cluster,
     * other processes' rooms are alive. Returns how many came back and how many were abandoned.
     */
    async recover(): Promise<{ resumed: number; abandoned: number }> {
      let resumed = 0;
      const failed: string[] = [];
      for (const id of await deps.rooms.idsWithStatus(OPEN_ROOM_STATUSES)) {
        let outcome: Room | string;
        try {
          outcome = await restore(id);
        } catch (e) {
          outcome = e instanceof Error ? e.message : String(e);
        }
        if (typeof outcome === 'string') {
          deps.log.warn('room not resumed', { roomId: id, reason: outcome });
          failed.push(id);
          continue;
        }
        resumed += 1;
        deps.log.info('room resumed', { code: outcome.code, phase: outcome.phase, players: outcome.activeCount });
      }
      const abandoned = failed.length === 0 ? 0 : await this.closeAbandoned();
      return { resumed, abandoned };
    },

    /**
     * In a cluster: takes over every open room no process holds a lease on (its owner died) [R8.4], a few at a
     * time; resolves with how many it tried. Every process runs this every TAKEOVER_SCAN_MS (`watchOrphans`); the
     * lease decides which one gets each room.
     */
    async adoptOrphans(): Promise<number> {
      if (!deps.router.shared) return 0;
      const open = (await deps.rooms.withProcess(OPEN_ROOM_STATUSES)).filter(
        (r) => !registry.has(r.code) && !adopting.has(r.code),
      );
      if (open.length === 0) return 0;
      const free = new Set(await deps.router.unowned(open.map((r) => r.code)));
      const orphans = open.filter((r) => free.has(r.code));
      for (let i = 0; i < orphans.length; i += TAKEOVER_PARALLEL)
        await Promise.all(orphans.slice(i, i + TAKEOVER_PARALLEL).map((r) => adopt(r.id, r.code, r.deckId)));
      // Ready for the next one: the decks of rooms that run elsewhere, compiled here.
      const cold = open.find((r) => !warmed.has(r.deckId));
      if (orphans.length === 0 && cold) await warm(cold.deckId);
      return orphans.length;
    },

    /** Runs `adoptOrphans` every TAKEOVER_SCAN_MS until the returned function is called [R8.4]. */
    watchOrphans(): () => void {
      let cancel: () => void = () => undefined;
      let stopped = false;
      const scan = () => {
        // A takeover that hangs (a database lock held long) holds up the next scan at most TAKEOVER_WAIT_MS; it
        // stays in `adopting`, so the next scans skip that room and go on with the others.
        let cancelBound: () => void = () => undefined;
        const bounded = new Promise<void>((resolve) => (cancelBound = deps.clock.setTimeout(resolve, TAKEOVER_WAIT_MS)));
        void Promise.race([this.adoptOrphans(), bounded])
          .catch((e: unknown) => deps.log.warn('looking for rooms to take over failed', { error: String(e) }))
          .finally(() => {
            cancelBound();
            if (!stopped) cancel = deps.clock.setTimeout(scan, TAKEOVER_SCAN_MS);
          });
      };
      cancel = deps.clock.setTimeout(scan, 0);
      return () => {
        stopped = true;
        cancel();
      };
    },

    /**
     * Rooms left open that no process of this one runs: marked `abandoned`, ended now (after `recover`, those
     * that could not be rebuilt) [R8.3]. Only a single process may assume that: in a cluster, other processes'
     * rooms are alive.
     */
    async closeAbandoned(): Promise<number> {
      return deps.rooms.changeStatus({
        from: OPEN_ROOM_STATUSES,
        exceptIds: [...registry.values()].map((r) => r.roomId),
        to: 'abandoned',
        endedAt: new Date(deps.clock.now()),
      });
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
