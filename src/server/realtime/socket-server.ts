import { broadcastToRoom } from './fast-broadcast';
import type { PlayerMail } from './player-mail';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
  CLIENT_EVENTS,
  ClientPayloads,
  type Ack,
  type AckData,
  type ClientEvent,
  type ClientPayload,
  type ClientToServerEvents,
  type ErrorPayload,
  type ServerToClientEvents,
} from '../../protocol';
import type { Logger } from '../log';
import type { RoomService } from '../services/rooms';
import type { HostAction, JoinSpec, RoomOp } from './room-ops';
import type { RoomTransport } from './room-runtime';
import type { RoomRouter } from './router';

/**
 * The socket adapter: each handler parses its payload with zod, finds the room, dispatches one command and
 * acknowledges. No game rules here. A malformed message gets an error back and touches nothing.
 */

interface SocketData {
  code?: string;
  role?: 'host' | 'player' | 'screen';
  playerId?: string;
  /** Token bucket for rate limiting. */
  tokens: number;
  refilledAt: number;
}

export type QuizServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type QuizSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const RATE_PER_SEC = 20;
const RATE_BURST = 40;

const roomChannel = (code: string) => `room:${code}`;
const hostChannel = (code: string) => `host:${code}`;
const playerChannel = (id: string) => `player:${id}`;

export interface RealtimeOptions {
  rooms: RoomService;
  /** Looks up a profile by its private recovery code. */
  profiles: { byToken(token: string): Promise<{ id: string; displayName: string } | null> };
  router: RoomRouter;
  log: Logger;
  now: () => number;
}

export class RequestError extends Error {
  constructor(public readonly payload: ErrorPayload) {
    super(payload.message);
  }
}

/** How a room reaches sockets; `mail` carries per-player messages in a cluster (see player-mail.ts). */
export function transportFor(io: QuizServer, code: string, mail?: PlayerMail): RoomTransport {
  return {
    toRoom(event, payload) {
      // One packet, framed once, for every socket of the room: written straight to each WebSocket in a single
      // process (fast-broadcast.ts); through the Redis adapter in a cluster.
      broadcastToRoom(io, roomChannel(code), event, payload, !mail);
    },
    toHosts(payload) {
      io.to(hostChannel(code)).emit('host:state', payload);
    },
    toPlayer(playerId, payload) {
      if (mail) mail.send(playerChannel(playerId), 'player:you', payload);
      else io.to(playerChannel(playerId)).emit('player:you', payload);
    },
    kick(playerId, reason) {
      io.to(playerChannel(playerId)).emit('player:kicked', { reason });
      io.in(playerChannel(playerId)).socketsLeave([roomChannel(code), playerChannel(playerId)]);
    },
  };
}

export function createSocketServer(httpServer: HttpServer): QuizServer {
  return new Server(httpServer, {
    path: '/socket.io',
    // Compression costs CPU per message per socket; quiz payloads are small.
    perMessageDeflate: false,
    httpCompression: false,
    pingInterval: 20_000,
    pingTimeout: 25_000,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    serveClient: false,
    // Leave other upgrade requests (Next's HMR socket) alone instead of closing them.
    destroyUpgrade: false,
  });
}

/** Registers the handlers; returns nothing to call: the server is driven by its sockets. */
export function attachHandlers(io: QuizServer, opts: RealtimeOptions): void {
  const { rooms, log, router } = opts;

  /** Sends an op to the room's owner; a missing room is explained (finished rooms point to their results). */
  async function route(code: string, op: RoomOp): Promise<{ data: unknown; join?: JoinSpec }> {
    const r = await router.route(code, op);
    if (r.ok) return r;
    if (r.error.code === 'room_not_found') {
      const stored = await rooms.find(code);
      if (stored && stored.status !== 'lobby' && stored.status !== 'running') {
        throw new RequestError({
          code: 'game_finished',
          message: `Game ${code} has ended. Its results are at /results/${code}.`,
        });
      }
      throw new RequestError({
        code: 'room_not_found',
        message: `No game with code ${code}. Check the code and try again.`,
      });
    }
    throw new RequestError(r.error);
  }

  async function resolveProfile(token: string): Promise<{ id: string; displayName: string }> {
    const profile = await opts.profiles.byToken(token);
    if (!profile)
      throw new RequestError({
        code: 'bad_token',
        message: 'That profile code is not valid. Check it or create a new profile.',
      });
    return profile;
  }

  async function routeAndAttach<T>(socket: QuizSocket, code: string, op: RoomOp): Promise<T> {
    const r = await route(code, op);
    if (r.join) attach(socket, code, r.join.role, r.join.playerId);
    return r.data as T;
  }

  function hostOp(p: { code: string; hostToken: string }, action: HostAction): Promise<undefined> {
    return route(p.code, { kind: 'host', hostToken: p.hostToken, action }).then(() => undefined);
  }

  function attach(socket: QuizSocket, code: string, role: SocketData['role'], playerId?: string): void {
    const previous = socket.data.code;
    if (previous && previous !== code) {
      void socket.leave(roomChannel(previous));
      void socket.leave(hostChannel(previous));
    }
    if (socket.data.playerId && socket.data.playerId !== playerId)
      void socket.leave(playerChannel(socket.data.playerId));
    socket.data.code = code;
    socket.data.role = role;
    if (playerId) socket.data.playerId = playerId;
    else delete socket.data.playerId;
    void socket.join(roomChannel(code));
    if (role === 'host') void socket.join(hostChannel(code));
    if (playerId) void socket.join(playerChannel(playerId));
  }

  type Handler<E extends ClientEvent> = (
    socket: QuizSocket,
    payload: ClientPayload<E>,
  ) => AckData[E] | Promise<AckData[E]>;

  const handlers: { [E in ClientEvent]: Handler<E> } = {
    'host:attach': (socket, p) =>
      routeAndAttach(socket, p.code, { kind: 'hostAttach', hostToken: p.hostToken }),
    'screen:attach': (socket, p) => routeAndAttach(socket, p.code, { kind: 'screenAttach' }),
    'player:join': async (socket, p) => {
      const profile = p.profileToken ? await resolveProfile(p.profileToken) : undefined;
      return routeAndAttach(socket, p.code, { kind: 'join', nickname: p.nickname, profileId: profile?.id });
    },
    'player:linkProfile': async (socket, p) => {
      const playerId = socket.data.playerId;
      if (!playerId || socket.data.code !== p.code) {
        throw new RequestError({ code: 'unknown_player', message: 'Join this room first.' });
      }
      const profile = await resolveProfile(p.profileToken);
      const r = await route(p.code, {
        kind: 'linkProfile',
        playerId,
        profileId: profile.id,
        displayName: profile.displayName,
      });
      return r.data as AckData['player:linkProfile'];
    },
    'player:rejoin': (socket, p) =>
      routeAndAttach(socket, p.code, { kind: 'rejoin', playerId: p.playerId, rejoinToken: p.rejoinToken }),
    'player:answer': async (socket, p) => {
      const playerId = socket.data.playerId;
      if (!playerId || socket.data.code !== p.code) {
        throw new RequestError({ code: 'unknown_player', message: 'Join this room before answering.' });
      }
      const r = await route(p.code, {
        kind: 'answer',
        playerId,
        questionIndex: p.questionIndex,
        choiceId: p.choiceId,
        text: p.text,
        reactionMs: p.reactionMs,
      });
      return r.data as AckData['player:answer'];
    },
    'host:start': (_s, p) => hostOp(p, 'start'),
    'host:next': (_s, p) => hostOp(p, 'next'),
    'host:reveal': (_s, p) => hostOp(p, 'reveal'),
    'host:skip': (_s, p) => hostOp(p, 'skip'),
    'host:end': (_s, p) => hostOp(p, 'end'),
    'host:kick': (_s, p) =>
      route(p.code, { kind: 'kick', hostToken: p.hostToken, playerId: p.playerId }).then(() => undefined),
    'host:override': (_s, p) =>
      route(p.code, {
        kind: 'override',
        hostToken: p.hostToken,
        questionIndex: p.questionIndex,
        playerId: p.playerId,
        accept: p.accept,
      }).then(() => undefined),
    'host:autoAdvance': (_s, p) =>
      route(p.code, { kind: 'autoAdvance', hostToken: p.hostToken, autoAdvance: p.autoAdvance }).then(
        () => undefined,
      ),
    ping: (_s, p) => ({ t: p.t, serverNow: opts.now() }),
  };

  function allow(socket: QuizSocket): boolean {
    const now = opts.now();
    const d = socket.data;
    d.tokens = Math.min(RATE_BURST, d.tokens + ((now - d.refilledAt) / 1000) * RATE_PER_SEC);
    d.refilledAt = now;
    if (d.tokens < 1) return false;
    d.tokens -= 1;
    return true;
  }

  function register<E extends ClientEvent>(socket: QuizSocket, event: E): void {
    const schema = ClientPayloads[event] as unknown as z.ZodType<ClientPayload<E>>;
    const handler = handlers[event] as Handler<E>;
    (socket.on as (e: string, l: (...args: unknown[]) => void) => void)(event, (...args: unknown[]) => {
      // socket.io passes the ack callback last; a client may send no payload at all.
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (res: Ack<AckData[E]>) => void) : undefined;
      const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
      const fail = (error: ErrorPayload) => {
        const withEvent = { ...error, event };
        if (ack) ack({ ok: false, error: withEvent });
        else socket.emit('server:error', withEvent);
      };
      if (!allow(socket)) {
        fail({ code: 'rate_limited', message: 'Too many messages; slow down.' });
        return;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        fail({
          code: 'bad_request',
          message: `Invalid ${event} message: ${where}${issue?.message ?? 'malformed'}`,
        });
        return;
      }
      const done = (data: AckData[E]) => ack?.({ ok: true, data });
      const onError = (e: unknown) => {
        if (e instanceof RequestError) {
          fail(e.payload);
          return;
        }
        log.error('handler failed', {
          event,
          error: e instanceof Error ? (e.stack ?? e.message) : String(e),
        });
        fail({ code: 'internal', message: 'Something went wrong on the server; the game is unaffected.' });
      };
      try {
        const result = handler(socket, parsed.data);
        if (result instanceof Promise) result.then(done, onError);
        else done(result);
      } catch (e) {
        onError(e);
      }
    });
  }

  io.on('connection', (socket) => {
    socket.data.tokens = RATE_BURST;
    socket.data.refilledAt = opts.now();
    for (const event of CLIENT_EVENTS) register(socket, event);
    socket.onAny((event: unknown) => {
      if (typeof event !== 'string' || !(CLIENT_EVENTS as string[]).includes(event)) {
        socket.emit('server:error', {
          code: 'bad_request',
          message: `Unknown event ${JSON.stringify(event).slice(0, 60)}.`,
          event: String(event).slice(0, 60),
        });
      }
    });
    socket.on('disconnect', () => {
      const { code, playerId } = socket.data;
      if (!code || !playerId) return;
      // Another tab or device of the same player (on any process) may still be connected.
      void io
        .in(playerChannel(playerId))
        .fetchSockets()
        .then((left) =>
          left.length === 0 ? router.route(code, { kind: 'disconnect', playerId }) : undefined,
        )
        .catch(() => undefined);
    });
  });
}
