import type { AskedQuestion, AnswerRecord, PlayerState } from './types';

/**
 * Commands the game accepts. Host commands carry `hostTokenHash` (sha256 of the token the client sent);
 * the adapter hashes, the game compares [R2.1].
 */
export type Command =
  | { type: 'join'; playerId: string; nickname: string; tokenHash: string; profileId?: string | null }
  | { type: 'linkProfile'; playerId: string; profileId: string }
  | { type: 'rejoin'; playerId: string; tokenHash: string }
  | { type: 'disconnect'; playerId: string }
  | {
      type: 'answer';
      playerId: string;
      questionIndex: number;
      choiceId?: string | undefined;
      text?: string | undefined;
      /** The client's own measure of its reaction time (honoured within LATENCY_CREDIT_MS, [R4.6]). */
      reactionMs?: number | undefined;
    }
  | { type: 'start'; hostTokenHash: string }
  | { type: 'next'; hostTokenHash: string }
  | { type: 'reveal'; hostTokenHash: string }
  | { type: 'skip'; hostTokenHash: string }
  | { type: 'end'; hostTokenHash: string }
  | { type: 'kick'; hostTokenHash: string; playerId: string }
  | { type: 'override'; hostTokenHash: string; questionIndex: number; playerId: string; accept: boolean }
  | { type: 'setAutoAdvance'; hostTokenHash: string; autoAdvance: boolean }
  | { type: 'tick' }
  /** Internal (never from a client): grade up to `max` typed answers still waiting [R4.7]. */
  | { type: 'grade'; max: number };

export type CommandType = Command['type'];

/** Context the caller supplies: server time and a random source (tests pass fixed ones). */
export interface Ctx {
  now: number;
  /** Uniform in [0, 1). */
  rng: () => number;
}

export const ERROR_CODES = [
  'not_host',
  'wrong_phase',
  'unknown_player',
  'bad_token',
  'removed',
  'nickname_taken',
  'invalid_nickname',
  'room_full',
  'game_finished',
  'already_answered',
  'wrong_question',
  'question_closed',
  'invalid_choice',
  'invalid_answer',
  'no_such_answer',
] as const;
export type GameErrorCode = (typeof ERROR_CODES)[number];

export interface GameError {
  code: GameErrorCode;
  message: string;
}

/** What persistence needs to know; the adapter writes these (answers in one batch per question [R8.2]). */
export type PersistOp =
  | { op: 'roomStarted'; at: number }
  | { op: 'playerJoined'; player: PlayerState }
  | { op: 'playerRemoved'; playerId: string; at: number }
  | { op: 'playerProfileLinked'; playerId: string; profileId: string }
  | { op: 'questionOpened'; question: AskedQuestion }
  | {
      op: 'questionClosed';
      question: AskedQuestion;
      answers: AnswerRecord[];
      players: PlayerState[];
    }
  | { op: 'answerOverridden'; answer: AnswerRecord; players: PlayerState[] }
  | { op: 'roomFinished'; at: number; players: PlayerState[] };

/**
 * Effects the adapter carries out. They say what changed; the adapter renders the views (src/game/views.ts)
 * and decides how to deliver them (one packet per room broadcast, coalesced counters).
 */
export type Effect =
  | { type: 'publicChanged' }
  /** The lobby's list of names changed: worth showing, but coalesced (never one broadcast per join). */
  | { type: 'lobbyChanged' }
  | { type: 'countsChanged' }
  | { type: 'hostChanged' }
  | { type: 'playersChanged'; playerIds: string[] | 'all' }
  | { type: 'kick'; playerId: string; reason: string }
  | { type: 'persist'; op: PersistOp }
  | { type: 'timer'; at: number | null }
  /** Typed answers wait to be graded: send `grade` soon, after pending I/O (acks first) [R4.7]. */
  | { type: 'gradeLater' };
