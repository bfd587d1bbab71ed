import type { Command, GameError } from '../../game/commands';
import type { AckData, ErrorPayload } from '../../protocol';
import { hashToken, newId, newToken, tokensEqual } from '../ids';
import type { RoomRuntime } from './room-runtime';

/**
 * What a socket may ask of a room, as plain serialisable data. The process that owns the room executes it
 * (locally, or after a hop over Redis when the socket is connected to another process), so the socket adapter
 * never touches a room's state directly.
 */
export type HostAction = 'start' | 'next' | 'reveal' | 'skip' | 'end';

export type RoomOp =
  | { kind: 'hostAttach'; hostToken: string }
  | { kind: 'screenAttach' }
  | { kind: 'join'; nickname: string; profileId?: string | undefined }
  | { kind: 'linkProfile'; playerId: string; profileId: string; displayName: string }
  | { kind: 'rejoin'; playerId: string; rejoinToken: string }
  | {
      kind: 'answer';
      playerId: string;
      questionIndex: number;
      choiceId?: string | undefined;
      text?: string | undefined;
      reactionMs?: number | undefined;
    }
  | { kind: 'host'; hostToken: string; action: HostAction }
  | { kind: 'kick'; hostToken: string; playerId: string }
  | { kind: 'override'; hostToken: string; questionIndex: number; playerId: string; accept: boolean }
  | { kind: 'autoAdvance'; hostToken: string; autoAdvance: boolean }
  | { kind: 'disconnect'; playerId: string }
  | { kind: 'status' };

/** Which socket.io channels the requesting socket should join after a successful op. */
export interface JoinSpec {
  role: 'host' | 'player' | 'screen';
  playerId?: string;
}

export type OpResult =
  | { ok: true; data: unknown; join?: JoinSpec }
  | { ok: false; error: ErrorPayload };

export interface RoomStatus {
  code: string;
  title: string;
  phase: string;
  playerCount: number;
}

const fail = (e: GameError | ErrorPayload): OpResult => ({ ok: false, error: { code: e.code, message: e.message } });

function dispatch(room: RoomRuntime, cmd: Command): GameError | undefined {
  return room.dispatch(cmd).error;
}

/** Runs one op on the room's owning process. */
export function executeOp(room: RoomRuntime, op: RoomOp): OpResult {
  switch (op.kind) {
    case 'hostAttach': {
      if (!tokensEqual(hashToken(op.hostToken), room.snapshot.hostTokenHash)) {
        return fail({ code: 'not_host', message: 'That host link is not valid for this room.' });
      }
      return { ok: true, data: room.hostState() satisfies AckData['host:attach'], join: { role: 'host' } };
    }
    case 'screenAttach':
      return { ok: true, data: room.publicState() satisfies AckData['screen:attach'], join: { role: 'screen' } };
    case 'join': {
      const playerId = newId();
      const rejoinToken = newToken();
      const err = dispatch(room, {
        type: 'join',
        playerId,
        nickname: op.nickname,
        tokenHash: hashToken(rejoinToken),
        profileId: op.profileId ?? null,
      });
      if (err) return fail(err);
      const you = room.you(playerId);
      if (!you) return fail({ code: 'internal', message: 'Join failed.' });
      const data: AckData['player:join'] = { playerId, rejoinToken, code: room.code, you, state: room.publicState() };
      return { ok: true, data, join: { role: 'player', playerId } };
    }
    case 'rejoin': {
      const err = dispatch(room, { type: 'rejoin', playerId: op.playerId, tokenHash: hashToken(op.rejoinToken) });
      if (err) return fail(err);
      const you = room.you(op.playerId);
      if (!you) return fail({ code: 'internal', message: 'Rejoin failed.' });
      const data: AckData['player:rejoin'] = { you, state: room.publicState() };
      return { ok: true, data, join: { role: 'player', playerId: op.playerId } };
    }
    case 'linkProfile': {
      const err = dispatch(room, { type: 'linkProfile', playerId: op.playerId, profileId: op.profileId });
      if (err) return fail(err);
      const data: AckData['player:linkProfile'] = { profileId: op.profileId, displayName: op.displayName };
      return { ok: true, data };
    }
    case 'answer': {
      const err = dispatch(room, {
        type: 'answer',
        playerId: op.playerId,
        questionIndex: op.questionIndex,
        choiceId: op.choiceId,
        text: op.text,
        reactionMs: op.reactionMs,
      });
      if (err) return fail(err);
      return { ok: true, data: { questionIndex: op.questionIndex } satisfies AckData['player:answer'] };
    }
    case 'host': {
      const err = dispatch(room, { type: op.action, hostTokenHash: hashToken(op.hostToken) });
      return err ? fail(err) : { ok: true, data: undefined };
    }
    case 'kick': {
      const err = dispatch(room, { type: 'kick', hostTokenHash: hashToken(op.hostToken), playerId: op.playerId });
      return err ? fail(err) : { ok: true, data: undefined };
    }
    case 'override': {
      const err = dispatch(room, {
        type: 'override',
        hostTokenHash: hashToken(op.hostToken),
        questionIndex: op.questionIndex,
        playerId: op.playerId,
        accept: op.accept,
      });
      return err ? fail(err) : { ok: true, data: undefined };
    }
    case 'autoAdvance': {
      const err = dispatch(room, { type: 'setAutoAdvance', hostTokenHash: hashToken(op.hostToken), autoAdvance: op.autoAdvance });
      return err ? fail(err) : { ok: true, data: undefined };
    }
    case 'disconnect':
      dispatch(room, { type: 'disconnect', playerId: op.playerId });
      return { ok: true, data: undefined };
    case 'status': {
      const s = room.publicState();
      const status: RoomStatus = { code: s.code, title: s.title, phase: s.phase, playerCount: s.playerCount };
      return { ok: true, data: status };
    }
    default: {
      const never: never = op;
      throw new Error(`unhandled op ${JSON.stringify(never)}`);
    }
  }
}
