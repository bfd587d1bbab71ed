import { CLIENT_EVENTS, type Ack, type AckData, type ClientEvent, type ErrorPayload } from '../../protocol';
import { RATE_BURST, takeToken, type Attach, type SocketAdapter } from './adapter';
import { hostChannel, playerChannel, roomChannel, screenChannel, type QuizServer, type QuizSocket } from './io';
import type { SocketGuard } from './socket-guard';

/** Optional protection and measurement around the adapter (bootstrap.ts passes both). */
export interface SocketHooks {
  /** Per-socket and per-address rate limits, flood disconnects (socket-guard.ts). */
  guard?: SocketGuard;
  /** Seconds from a `player:answer` arriving to its ack (the answer-ack latency histogram). */
  answerAcked?(seconds: number): void;
}

/**
 * socket.io's side of the adapter (adapter.ts): registers a listener per client event, rate-limits, hands the
 * payload to the adapter, puts the socket in the room's channels after an attach, join or rejoin, and answers
 * with the ack (or a `server:error` event for a message sent without one).
 */
export function attachSocketHandlers(
  io: QuizServer,
  adapter: SocketAdapter,
  now: () => number,
  hooks: SocketHooks = {},
): void {
  const { guard } = hooks;
  io.on('connection', (socket) => {
    socket.data.tokens = guard?.burst ?? RATE_BURST;
    socket.data.refilledAt = now();
    for (const event of CLIENT_EVENTS) listen(socket, event);
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
      if (socket.data.seat) adapter.seatClosed?.(socket.data.seat);
      if (socket.data.role === 'screen' && socket.data.code) countScreens(socket.data.code);
      release(socket.data.code, socket.data.playerId);
    });
  });

  /** Tells the room how many big screens follow it now (on every process: fetchSockets asks them all). */
  function countScreens(code: string): void {
    void io
      .in(screenChannel(code))
      .fetchSockets()
      .then((screens) => adapter.screens(code, screens.length))
      .catch(() => undefined);
  }

  /**
   * The seat `playerId` lost a socket: if no socket of that player is left (another tab or device, on any
   * process, keeps it), the player is disconnected [R2.8].
   */
  function release(code: string | undefined, playerId: string | undefined, left?: Promise<void> | void): void {
    if (!code || !playerId) return;
    void Promise.resolve(left)
      .then(() => io.in(playerChannel(playerId)).fetchSockets())
      .then((remaining) => adapter.disconnected({ code, playerId }, remaining.length))
      .catch(() => undefined);
  }

  /**
   * One socket, one seat [R2.8]: after a join, rejoin or attach the socket follows what it attached as, and the
   * seat it held before (if another) is released. A socket that closed while its join was on the way gets no
   * channels, and the seat it was given is released at once: no seat stays "connected" without a socket.
   */
  function settle(socket: QuizSocket, to: Attach): void {
    if (socket.disconnected) {
      release(to.code, to.playerId);
      return;
    }
    const before = { code: socket.data.code, playerId: socket.data.playerId };
    const left = attach(socket, to);
    if (before.playerId && before.playerId !== to.playerId) release(before.code, before.playerId, left);
  }

  function listen<E extends ClientEvent>(socket: QuizSocket, event: E): void {
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
      const limited = guard
        ? guard.message(socket, now())
        : takeToken(socket.data, now())
          ? null
          : { code: 'rate_limited' as const, message: 'Too many messages; slow down.' };
      if (limited) {
        fail(limited);
        return;
      }
      const startedAt =
        (event === 'player:answer' || event === 'assign:answer') && hooks.answerAcked ? performance.now() : 0;
      const finish = (outcome: Awaited<ReturnType<typeof adapter.handle<E>>>) => {
        if (!outcome.ok) {
          fail(outcome.error);
          return;
        }
        if (outcome.attach) {
          const screenBefore = socket.data.role === 'screen' ? socket.data.code : undefined;
          settle(socket, outcome.attach);
          if (outcome.attach.role === 'screen') countScreens(outcome.attach.code);
          if (screenBefore && (screenBefore !== outcome.attach.code || outcome.attach.role !== 'screen'))
            countScreens(screenBefore);
        }
        if (outcome.seat) socket.data.seat = outcome.seat;
        ack?.({ ok: true, data: outcome.data });
        if (startedAt) hooks.answerAcked?.((performance.now() - startedAt) / 1000);
      };
      // Only joins and lookups wait for the per-address limits; an answer goes straight on.
      const admitted = guard?.admit(socket, event, payload) ?? null;
      if (admitted === null) void adapter.handle(event, payload, socket.data).then(finish);
      else
        void admitted.then((admission) => {
          if (admission.refusal) return fail(admission.refusal);
          return adapter.handle(event, payload, socket.data).then((outcome) => {
            guard?.after(socket, admission, outcome.ok ? null : outcome.error);
            finish(outcome);
          });
        });
    });
  }
}

/**
 * Moves the socket into the room's channels (and out of a previous room's); returns when it has left the previous
 * seat's channel, if it had another.
 */
function attach(socket: QuizSocket, to: Attach): Promise<void> | void {
  const { code, role, playerId } = to;
  const previous = socket.data.code;
  if (previous && previous !== code) {
    void socket.leave(roomChannel(previous));
    void socket.leave(hostChannel(previous));
    void socket.leave(screenChannel(previous));
  }
  if (role !== 'screen' && socket.data.code) void socket.leave(screenChannel(socket.data.code));
  let leftSeat: Promise<void> | void = undefined;
  if (socket.data.playerId && socket.data.playerId !== playerId)
    leftSeat = socket.leave(playerChannel(socket.data.playerId));
  socket.data.code = code;
  socket.data.role = role;
  if (playerId) socket.data.playerId = playerId;
  else delete socket.data.playerId;
  void socket.join(roomChannel(code));
  if (role === 'host') void socket.join(hostChannel(code));
  if (role === 'screen') void socket.join(screenChannel(code));
  if (playerId) void socket.join(playerChannel(playerId));
  return leftSeat;
}
