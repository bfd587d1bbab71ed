import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { Command, GameError } from '../../game/commands';
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
import { hashToken, newId, newToken, tokensEqual } from '../ids';
import type { Logger } from '../log';
import type { RoomRuntime, RoomTransport } from './room-runtime';
import type { RoomService } from '../services/rooms';

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

type QuizServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type QuizSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const RATE_PER_SEC = 20;
const RATE_BURST = 40;

const roomChannel = (code: string) => `room:${code}`;
const hostChannel = (code: string) => `host:${code}`;
const playerChannel = (id: string) => `player:${id}`;

export interface RealtimeOptions {
  rooms: RoomService;
  log: Logger;
  now: () => number;
  /** Extra socket.io server options (e.g. an adapter for several processes). */
  cors?: boolean;
}

export class RequestError extends Error {
  constructor(public readonly payload: ErrorPayload) {
    super(payload.message);
  }
}

function gameError(e: GameError): RequestError {
  return new RequestError({ code: e.code, message: e.message });
}

export function transportFor(io: QuizServer, code: string): RoomTransport {
  return {
    toRoom(event, payload) {
      // One emit to a room encodes the packet once for every socket in it.
      (io.to(roomChannel(code)).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
    toHosts(payload) {
      io.to(hostChannel(code)).emit('host:state', payload);
    },
    toPlayer(playerId, payload) {
      io.to(playerChannel(playerId)).emit('player:you', payload);
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
  const { rooms, log } = opts;

  function liveRoom(code: string): RoomRuntime {
    const room = rooms.live(code);
    if (!room) throw new RequestError({ code: 'room_not_found', message: `No game with code ${code} is running.` });
    return room;
  }

  async function liveRoomOrExplain(code: string): Promise<RoomRuntime> {
    const room = rooms.live(code);
    if (room) return room;
    const stored = await rooms.find(code);
    if (stored && stored.status !== 'lobby' && stored.status !== 'running') {
      throw new RequestError({
        code: 'game_finished',
        message: `Game ${code} has ended. Its results are at /results/${code}.`,
      });
    }
    throw new RequestError({ code: 'room_not_found', message: `No game with code ${code}. Check the code and try again.` });
  }

  function dispatchOrThrow(room: RoomRuntime, cmd: Command): void {
    const r = room.dispatch(cmd);
    if (r.error) throw gameError(r.error);
  }

  function hostCommand(payload: { code: string; hostToken: string }, make: (hash: string) => Command): undefined {
    const room = liveRoom(payload.code);
    dispatchOrThrow(room, make(hashToken(payload.hostToken)));
    return undefined;
  }

  function attach(socket: QuizSocket, code: string, role: SocketData['role'], playerId?: string): void {
    const previous = socket.data.code;
    if (previous && previous !== code) {
      void socket.leave(roomChannel(previous));
      void socket.leave(hostChannel(previous));
    }
    if (socket.data.playerId && socket.data.playerId !== playerId) void socket.leave(playerChannel(socket.data.playerId));
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
    'host:attach': async (socket, p) => {
      const room = await liveRoomOrExplain(p.code);
      if (!tokensEqual(hashToken(p.hostToken), room.snapshot.hostTokenHash)) {
        throw new RequestError({ code: 'not_host', message: 'That host link is not valid for this room.' });
      }
      attach(socket, p.code, 'host');
      return room.hostState();
    },
    'screen:attach': async (socket, p) => {
      const room = await liveRoomOrExplain(p.code);
      attach(socket, p.code, 'screen');
      return room.publicState();
    },
    'player:join': async (socket, p) => {
      const room = await liveRoomOrExplain(p.code);
      const playerId = newId();
      const rejoinToken = newToken();
      dispatchOrThrow(room, { type: 'join', playerId, nickname: p.nickname, tokenHash: hashToken(rejoinToken) });
      attach(socket, p.code, 'player', playerId);
      const you = room.you(playerId);
      if (!you) throw new RequestError({ code: 'internal', message: 'Join failed.' });
      return { playerId, rejoinToken, code: p.code, you, state: room.publicState() };
    },
    'player:rejoin': async (socket, p) => {
      const room = await liveRoomOrExplain(p.code);
      dispatchOrThrow(room, { type: 'rejoin', playerId: p.playerId, tokenHash: hashToken(p.rejoinToken) });
      attach(socket, p.code, 'player', p.playerId);
      const you = room.you(p.playerId);
      if (!you) throw new RequestError({ code: 'internal', message: 'Rejoin failed.' });
      return { you, state: room.publicState() };
    },
    'player:answer': (socket, p) => {
      const room = liveRoom(p.code);
      const playerId = socket.data.playerId;
      if (!playerId || socket.data.code !== p.code) {
        throw new RequestError({ code: 'unknown_player', message: 'Join this room before answering.' });
      }
      dispatchOrThrow(room, {
        type: 'answer',
        playerId,
        questionIndex: p.questionIndex,
        choiceId: p.choiceId,
        text: p.text,
      });
      return { questionIndex: p.questionIndex };
    },
    'host:start': (_s, p) => hostCommand(p, (h) => ({ type: 'start', hostTokenHash: h })),
    'host:next': (_s, p) => hostCommand(p, (h) => ({ type: 'next', hostTokenHash: h })),
    'host:reveal': (_s, p) => hostCommand(p, (h) => ({ type: 'reveal', hostTokenHash: h })),
    'host:skip': (_s, p) => hostCommand(p, (h) => ({ type: 'skip', hostTokenHash: h })),
    'host:end': (_s, p) => hostCommand(p, (h) => ({ type: 'end', hostTokenHash: h })),
    'host:kick': (_s, p) => hostCommand(p, (h) => ({ type: 'kick', hostTokenHash: h, playerId: p.playerId })),
    'host:override': (_s, p) =>
      hostCommand(p, (h) => ({
        type: 'override',
        hostTokenHash: h,
        questionIndex: p.questionIndex,
        playerId: p.playerId,
        accept: p.accept,
      })),
    'host:autoAdvance': (_s, p) =>
      hostCommand(p, (h) => ({ type: 'setAutoAdvance', hostTokenHash: h, autoAdvance: p.autoAdvance })),
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
        fail({ code: 'bad_request', message: `Invalid ${event} message: ${where}${issue?.message ?? 'malformed'}` });
        return;
      }
      const done = (data: AckData[E]) => ack?.({ ok: true, data });
      const onError = (e: unknown) => {
        if (e instanceof RequestError) {
          fail(e.payload);
          return;
        }
        log.error('handler failed', { event, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
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
      const room = rooms.live(code);
      if (!room) return;
      // Another tab or device of the same player may still be connected.
      void io
        .in(playerChannel(playerId))
        .fetchSockets()
        .then((left) => {
          if (left.length === 0) room.dispatch({ type: 'disconnect', playerId });
        })
        .catch(() => undefined);
    });
  });
}
