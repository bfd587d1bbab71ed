import type { z } from 'zod';
import type { Command } from '../../game/commands';
import {
  ClientPayloads,
  type AckData,
  type ClientEvent,
  type ClientPayload,
  type ErrorPayload,
} from '../../protocol';
import { hashToken, type Ids } from '../ids';
import type { Logger } from '../log';
import type { RoomReply, RoomRequest, RoomView } from '../room/requests';
import { spendToken } from './socket-guard';

/**
 * The socket adapter: each client event's payload is parsed with zod, turned into a `RoomRequest` (the game's
 * `Command` as is, for everything the game decides) and sent to the room; the room's reply becomes the ack. No
 * game rules here, and no socket.io either (socket-server.ts plugs this into socket.io), so it is tested with
 * plain calls. A malformed message gets `bad_request` and touches nothing [R10.1].
 */

export type Role = 'host' | 'player' | 'screen';

/** What the adapter knows about the socket a message came from: the room and role it attached as. */
export interface Session {
  code?: string | undefined;
  role?: Role | undefined;
  playerId?: string | undefined;
  /** The assignment seat this socket opened (self-paced play: no room channel, no broadcasts). */
  seat?: Seat | undefined;
}

export interface Seat {
  assignmentId: string;
  playerId: string;
}

/** After a successful attach, join or rejoin the socket follows the room in this role. */
export interface Attach {
  code: string;
  role: Role;
  playerId?: string;
}

export type Outcome<E extends ClientEvent> =
  { ok: true; data: AckData[E]; attach?: Attach; seat?: Seat } | { ok: false; error: ErrorPayload };

type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };

/** Self-paced assignments (src/server/services/assignments.ts): the service decides, the adapter only parses. */
export interface AssignmentPlay {
  open(p: ClientPayload<'assign:open'>): Promise<Reply<AckData['assign:open']>>;
  next(assignmentId: string, playerId: string | undefined): Promise<Reply<AckData['assign:next']>>;
  answer(p: ClientPayload<'assign:answer'>, playerId: string | undefined): Promise<Reply<AckData['assign:answer']>>;
  forget(playerId: string): void;
}

export interface AdapterDeps {
  /** Sends a request to its room, wherever it runs (a missing room's error says whether it has ended). */
  rooms: { request(code: string, request: RoomRequest): Promise<RoomReply> };
  /** Looks up a profile by its private recovery code [R2.9]. */
  profiles: { byToken(token: string): Promise<{ id: string; displayName: string } | null> };
  /** The one id generator: a new player's id and rejoin token. */
  ids: Pick<Ids, 'id' | 'token'>;
  now(): number;
  log: Logger;
  /** Self-paced play; without it the `assign:*` events are refused. */
  assignments?: AssignmentPlay;
}

export interface SocketAdapter {
  handle<E extends ClientEvent>(event: E, payload: unknown, session: Session): Promise<Outcome<E>>;
  /** A socket of a player closed; `remaining` of that player's sockets are still connected (on any process). */
  disconnected(session: Session, remaining: number): Promise<void>;
  /** A socket that played an assignment closed: its seat leaves memory (it stays stored). */
  seatClosed?(seat: Seat): void;
  /** A big screen attached to or left a room; `count` follow it now (on any process). */
  screens(code: string, count: number): Promise<void>;
}

const refuse = (error: ErrorPayload) => ({
  ok: false as const,
  error: { code: error.code, message: error.message },
});

const NO_ASSIGNMENTS: ErrorPayload = { code: 'room_not_found', message: 'Assignments are not served here.' };

/** The seat this socket opened in that assignment, if any. */
const seatOf = (session: Session, assignmentId: string) =>
  session.seat?.assignmentId === assignmentId ? session.seat.playerId : undefined;

const INTERNAL: ErrorPayload = {
  code: 'internal',
  message: 'Something went wrong on the server; the game is unaffected.',
};

/** Why a payload was refused, naming the field: `Invalid player:join message: nickname: Too big`. */
function badRequest(event: string, error: z.ZodError): ErrorPayload {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return {
    code: 'bad_request',
    message: `Invalid ${event} message: ${where}${issue?.message ?? 'malformed'}`,
  };
}

type Handler<E extends ClientEvent> = (
  payload: ClientPayload<E>,
  session: Session,
) => Promise<Outcome<E>> | Outcome<E>;

/** The room code a raw payload names, for logs (the payload failed before it was known good). */
function roomCodeOf(payload: unknown): string | undefined {
  const code = typeof payload === 'object' && payload !== null ? (payload as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code.slice(0, 16) : undefined;
}

export function createSocketAdapter(deps: AdapterDeps): SocketAdapter {
  const { rooms } = deps;

  /** Sends a game command; `toAck` shapes the ack from the room's view. */
  async function command<E extends ClientEvent>(
    code: string,
    cmd: Command,
    toAck: (view: RoomView) => AckData[E] | null,
    attach?: Attach,
  ): Promise<Outcome<E>> {
    return send(code, { kind: 'command', command: cmd }, toAck, attach);
  }

  async function send<E extends ClientEvent>(
    code: string,
    request: RoomRequest,
    toAck: (view: RoomView) => AckData[E] | null,
    attach?: Attach,
  ): Promise<Outcome<E>> {
    const reply = await rooms.request(code, request);
    if (!reply.ok) return refuse(reply.error);
    const data = toAck(reply.view);
    if (data === null) {
      deps.log.error('room replied with an unexpected view', {
        code,
        request: request.kind,
        view: reply.view.kind,
      });
      return refuse(INTERNAL);
    }
    return attach ? { ok: true, data, attach } : { ok: true, data };
  }

  async function profileFor(token: string): Promise<{ id: string; displayName: string } | ErrorPayload> {
    const profile = await deps.profiles.byToken(token);
    return (
      profile ?? {
        code: 'bad_token',
        message: 'That profile code is not valid. Check it or create a new profile.',
      }
    );
  }

  const noView = (v: RoomView) => (v.kind === 'none' ? undefined : null);

  function hostCommand<E extends 'host:start' | 'host:next' | 'host:reveal' | 'host:skip' | 'host:end'>(
    type: 'start' | 'next' | 'reveal' | 'skip' | 'end',
  ): Handler<E> {
    // The phase and question the host saw, when named, travel to the game, which refuses a stale one [R3.8].
    return (p) =>
      command<E>(
        p.code,
        {
          type,
          hostTokenHash: hashToken(p.hostToken),
          ...(p.phase !== undefined && { phase: p.phase }),
          ...(p.questionIndex !== undefined && { questionIndex: p.questionIndex }),
        },
        noView,
      );
  }

  const handlers: { [E in ClientEvent]: Handler<E> } = {
    'host:attach': (p) =>
      send(
        p.code,
        { kind: 'attachHost', hostTokenHash: hashToken(p.hostToken) },
        (v) => (v.kind === 'host' ? v.host : null),
        { code: p.code, role: 'host' },
      ),
    'screen:attach': (p) =>
      send(p.code, { kind: 'attachScreen' }, (v) => (v.kind === 'public' ? v.state : null), {
        code: p.code,
        role: 'screen',
      }),
    'player:join': async (p) => {
      const profile = p.profileToken ? await profileFor(p.profileToken) : undefined;
      if (profile && 'code' in profile) return refuse(profile);
      const playerId = deps.ids.id();
      const rejoinToken = deps.ids.token();
      return command<'player:join'>(
        p.code,
        {
          type: 'join',
          playerId,
          nickname: p.nickname,
          tokenHash: hashToken(rejoinToken),
          profileId: profile?.id ?? null,
        },
        // The rejoin token never reaches the room, let alone another process: only its hash does [R2.5].
        (v) =>
          v.kind === 'player' ? { playerId, rejoinToken, code: p.code, you: v.you, state: v.state } : null,
        { code: p.code, role: 'player', playerId },
      );
    },
    'player:linkProfile': async (p, session) => {
      const playerId = session.playerId;
      if (!playerId || session.code !== p.code)
        return refuse({ code: 'unknown_player', message: 'Join this room first.' });
      const profile = await profileFor(p.profileToken);
      if ('code' in profile) return refuse(profile);
      return command<'player:linkProfile'>(
        p.code,
        { type: 'linkProfile', playerId, profileId: profile.id },
        (v) => (v.kind === 'none' ? { profileId: profile.id, displayName: profile.displayName } : null),
      );
    },
    'player:rejoin': (p) =>
      command<'player:rejoin'>(
        p.code,
        { type: 'rejoin', playerId: p.playerId, tokenHash: hashToken(p.rejoinToken) },
        (v) => (v.kind === 'player' ? { you: v.you, state: v.state } : null),
        { code: p.code, role: 'player', playerId: p.playerId },
      ),
    'player:answer': (p, session) => {
      const playerId = session.playerId;
      if (!playerId || session.code !== p.code) {
        return refuse({ code: 'unknown_player', message: 'Join this room before answering.' });
      }
      return command<'player:answer'>(
        p.code,
        {
          type: 'answer',
          playerId,
          questionIndex: p.questionIndex,
          choiceId: p.choiceId,
          ...(p.choiceIds !== undefined && { choiceIds: p.choiceIds }),
          ...(p.value !== undefined && { value: p.value }),
          text: p.text,
          reactionMs: p.reactionMs,
        },
        (v) => (v.kind === 'none' ? { questionIndex: p.questionIndex } : null),
      );
    },
    'host:start': hostCommand('start'),
    'host:next': (p) =>
      command(
        p.code,
        {
          type: 'next',
          hostTokenHash: hashToken(p.hostToken),
          ...(p.phase !== undefined && { phase: p.phase }),
          ...(p.questionIndex !== undefined && { questionIndex: p.questionIndex }),
          ...(p.pastReveal !== undefined && { pastReveal: p.pastReveal }),
        },
        noView,
      ),
    'host:reveal': hostCommand('reveal'),
    'host:skip': hostCommand('skip'),
    'host:end': hostCommand('end'),
    'host:kick': (p) =>
      command(p.code, { type: 'kick', hostTokenHash: hashToken(p.hostToken), playerId: p.playerId }, noView),
    'host:override': (p) =>
      command(
        p.code,
        {
          type: 'override',
          hostTokenHash: hashToken(p.hostToken),
          questionIndex: p.questionIndex,
          playerId: p.playerId,
          accept: p.accept,
        },
        noView,
      ),
    'host:overrideGroup': (p) =>
      command(
        p.code,
        {
          type: 'overrideGroup',
          hostTokenHash: hashToken(p.hostToken),
          questionIndex: p.questionIndex,
          group: p.group,
          accept: p.accept,
        },
        noView,
      ),
    'host:autoAdvance': (p) =>
      command(
        p.code,
        { type: 'setAutoAdvance', hostTokenHash: hashToken(p.hostToken), autoAdvance: p.autoAdvance },
        noView,
      ),
    'host:pause': (p) => command(p.code, { type: 'pause', hostTokenHash: hashToken(p.hostToken) }, noView),
    'host:resume': (p) => command(p.code, { type: 'resume', hostTokenHash: hashToken(p.hostToken) }, noView),
    'host:addTime': (p) =>
      command(p.code, { type: 'addTime', hostTokenHash: hashToken(p.hostToken), seconds: p.seconds }, noView),
    'host:lock': (p) =>
      command(p.code, { type: 'setLocked', hostTokenHash: hashToken(p.hostToken), locked: p.locked }, noView),
    'host:teams': (p) =>
      command(p.code, { type: 'setTeams', hostTokenHash: hashToken(p.hostToken), count: p.count }, noView),
    'player:team': (p, session) => {
      const playerId = session.playerId;
      if (!playerId || session.code !== p.code) {
        return refuse({ code: 'unknown_player', message: 'Join this room before picking a team.' });
      }
      return command<'player:team'>(p.code, { type: 'pickTeam', playerId, team: p.team }, noView);
    },
    ping: (p) => ({ ok: true, data: { t: p.t, serverNow: deps.now() } }),
    'assign:open': async (p) => {
      if (!deps.assignments) return refuse(NO_ASSIGNMENTS);
      const r = await deps.assignments.open(p);
      if (!r.ok) return refuse(r.error);
      return { ok: true, data: r.data, seat: { assignmentId: p.assignmentId, playerId: r.data.playerId } };
    },
    'assign:next': async (p, session) => {
      if (!deps.assignments) return refuse(NO_ASSIGNMENTS);
      const r = await deps.assignments.next(p.assignmentId, seatOf(session, p.assignmentId));
      return r.ok ? r : refuse(r.error);
    },
    'assign:answer': async (p, session) => {
      if (!deps.assignments) return refuse(NO_ASSIGNMENTS);
      const r = await deps.assignments.answer(p, seatOf(session, p.assignmentId));
      return r.ok ? r : refuse(r.error);
    },
  };

  return {
    async handle(event, payload, session) {
      const schema = ClientPayloads[event] as unknown as z.ZodType<ClientPayload<typeof event>>;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return { ok: false, error: badRequest(event, parsed.error) };
      try {
        return await (handlers[event] as Handler<typeof event>)(parsed.data, session);
      } catch (e) {
        deps.log.error('handler failed', {
          event,
          code: session.code ?? roomCodeOf(payload),
          error: e instanceof Error ? (e.stack ?? e.message) : String(e),
        });
        return { ok: false, error: INTERNAL };
      }
    },

    seatClosed(seat) {
      deps.assignments?.forget(seat.playerId);
    },

    async disconnected(session, remaining) {
      const { code, playerId } = session;
      // Another tab or device of the same player may still be connected: they are still here [R2.8].
      if (!code || !playerId || remaining > 0) return;
      await rooms.request(code, { kind: 'command', command: { type: 'disconnect', playerId } });
    },

    async screens(code, count) {
      await rooms.request(code, { kind: 'screens', count });
    },
  };
}

/** Messages per second a socket may send, and the burst it may save up, by default [R10.2]. */
export const RATE_PER_SEC = 20;
export const RATE_BURST = 40;

/** The token bucket with the default limits [R10.2] (socket-guard.ts takes them from the configuration). */
export function takeToken(bucket: { tokens: number; refilledAt: number }, now: number): boolean {
  return spendToken(bucket, now, RATE_PER_SEC, RATE_BURST);
}
