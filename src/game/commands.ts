import type { GameErrorCode } from '../contract';
import type { Grade } from './grading/types';
import type { ChoiceOption, GameCard, Phase, QuestionKind, RoomSettings } from './types';

/**
 * Commands the game accepts: what players and the host ask for, and `tick`, the room's alarm telling the game
 * that time has passed (the game keeps no timers; it says when it next wants a tick with the `timer` effect).
 * Host commands carry `hostTokenHash` (sha256 of the token the client sent); the adapter hashes, the game
 * compares [R2.1].
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
      /** Multi-select picks, or an ordering's sequence [R12.2]. */
      choiceIds?: readonly string[] | undefined;
      /** A numeric estimate [R12.5]. */
      value?: number | undefined;
      text?: string | undefined;
      /** The client's own measure of its reaction time (honoured within LATENCY_CREDIT_MS, [R4.6]). */
      reactionMs?: number | undefined;
    }
  | ({ type: 'start'; hostTokenHash: string } & Expected)
  | ({
      type: 'next';
      hostTokenHash: string;
      /** During a question: close it and go on past the reveal (the console's "Next", not "Show results") [R14.6]. */
      pastReveal?: boolean | undefined;
    } & Expected)
  | ({ type: 'reveal'; hostTokenHash: string } & Expected)
  | ({ type: 'skip'; hostTokenHash: string } & Expected)
  | ({ type: 'end'; hostTokenHash: string } & Expected)
  | { type: 'kick'; hostTokenHash: string; playerId: string }
  | { type: 'override'; hostTokenHash: string; questionIndex: number; playerId: string; accept: boolean }
  /** Settles every typed answer of one group (the grader's group key) with one tap [R7.3]. */
  | { type: 'overrideGroup'; hostTokenHash: string; questionIndex: number; group: string; accept: boolean }
  | { type: 'setAutoAdvance'; hostTokenHash: string; autoAdvance: boolean }
  // Host controls [R14] (src/game/controls.ts) and teams [R15] (src/game/teams.ts).
  | { type: 'pause'; hostTokenHash: string }
  | { type: 'resume'; hostTokenHash: string }
  | { type: 'addTime'; hostTokenHash: string; seconds: number }
  | { type: 'setLocked'; hostTokenHash: string; locked: boolean }
  /** 0 turns teams off; 2..MAX_TEAMS turns them on (lobby only). */
  | { type: 'setTeams'; hostTokenHash: string; count: number }
  | { type: 'pickTeam'; playerId: string; team: number }
  | { type: 'tick' }
  /**
   * The room was just rebuilt from storage by a new server process (restoreGame, src/game/restore.ts): time has
   * passed that nobody could use, so an open question gets it back and auto-advance starts again [R8.3].
   */
  | { type: 'restored' }
  /**
   * The database refused an answer's row, so its sender was told it is not saved: the answer is taken back while
   * its question is open, and the player may answer again [R8.2].
   */
  | { type: 'withdraw'; playerId: string; questionIndex: number };

export type CommandType = Command['type'];

/**
 * What a host command that moves the game on says it acts on: the phase, and the index of the current question
 * (the last one asked; none in the lobby), as the host's screen showed them. Either may be left out; a command
 * naming another than the room's is stale and refused [R3.8].
 */
export interface Expected {
  phase?: Phase | undefined;
  questionIndex?: number | undefined;
}

/**
 * Grades typed answers [R4.7]. The room passes one in: grading is a pure function of the card and the text,
 * and the room remembers grades (and works them out ahead, between socket reads) so the game itself keeps no
 * cache. The arrays of a returned grade may be shared between answers: never mutate them.
 */
export interface Grades {
  grade(card: GameCard, text: string): Grade;
}

/** Context the caller supplies: server time, a random source and the grader (tests pass fixed ones). */
export interface Ctx {
  now: number;
  /** Uniform in [0, 1). */
  rng: () => number;
  grades: Grades;
  /**
   * When everyone has answered, close on an alarm due now instead of inside the answer's command [R4.5]: the
   * room runs with it, so the answers that came with the last one are stored and acknowledged before the close
   * (grading, scoring, everyone's results) takes its turn. Without it (tests of the rules) the close is inline.
   */
  closeOnAlarm?: boolean;
}

export interface GameError {
  code: GameErrorCode;
  message: string;
}

// ---------- rows to save: plain copies, never the live state ----------

/** A player as stored when they join. */
export interface PlayerRow {
  id: string;
  nickname: string;
  tokenHash: string;
  profileId: string | null;
  joinedAt: number;
}

/** A player's running totals (and rank: stored as the final rank at the end). */
export interface TotalsRow {
  id: string;
  score: number;
  correctCount: number;
  answeredCount: number;
  rank: number | null;
}

/** A question as asked (its options as shuffled for this room). */
export interface QuestionRow {
  index: number;
  cardId: string;
  kind: QuestionKind;
  prompt: string;
  choices: ChoiceOption[];
  correctChoiceId: string | null;
  openedAt: number;
  closesAt: number;
}

export interface ClosedQuestionRow {
  index: number;
  cardId: string;
  closedAt: number | null;
  skipped: boolean;
}

export interface AnswerRow {
  playerId: string;
  questionIndex: number;
  choiceId: string | null;
  text: string | null;
  receivedAt: number;
  elapsedMs: number;
  verdict: Grade['verdict'];
  gradeScore: number;
  /** Key ideas the answer hit. */
  matched: string[];
  points: number;
  overridden: boolean;
}

/** An answer's points after an override re-scored the streak chain [R7.2]. */
export interface PointsRow {
  playerId: string;
  questionIndex: number;
  points: number;
}

/**
 * What persistence needs to know, as values copied when the command ran: a write that happens later stores
 * what was true then. Each answer is stored when it is locked in, before its ack (group commit [R8.2]); the
 * close stores the verdicts and points. Together the ops are enough to rebuild a running room [R8.3].
 */
export type PersistOp =
  | { op: 'roomStarted'; at: number }
  | { op: 'phaseChanged'; phase: Phase }
  | { op: 'settingsChanged'; settings: RoomSettings }
  /** An answer locked in (a typed answer's verdict is a placeholder until the close grades it) [R4.7]. */
  | { op: 'answerLocked'; cardId: string; answer: AnswerRow }
  /** A restart moved the open question's times later by the time the server was down [R8.3]. */
  | { op: 'questionResumed'; index: number; openedAt: number; closesAt: number }
  | { op: 'playerJoined'; player: PlayerRow }
  | { op: 'playerRemoved'; playerId: string; at: number }
  | { op: 'playerProfileLinked'; playerId: string; profileId: string }
  | { op: 'questionOpened'; question: QuestionRow }
  | { op: 'questionClosed'; question: ClosedQuestionRow; answers: AnswerRow[]; totals: TotalsRow[] }
  | {
      op: 'answerOverridden';
      answer: AnswerRow;
      /** The player's later answers whose streak bonus, and so points, changed. */
      laterPoints: PointsRow[];
      totals: TotalsRow[];
    }
  | { op: 'roomFinished'; at: number; totals: TotalsRow[] }
  /** Teams turned on, off or resized, or players' teams set: the room's team count and the changed players [R15.6]. */
  | { op: 'teamsChanged'; teams: number; assignments: TeamAssignmentRow[] };

export interface TeamAssignmentRow {
  playerId: string;
  team: number | null;
}

/**
 * Effects the room carries out. They say what changed; the room renders the views (src/game/views.ts) and
 * decides how to deliver them (one packet per room broadcast, coalesced counters).
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
  /** Send `tick` at this time (replacing any earlier request), or never (null). */
  | { type: 'timer'; at: number | null }
  /**
   * A typed answer was locked in: its grade will be needed at the close. The room may work it out ahead, between
   * socket reads, so the close finds it ready [R4.7]; nothing depends on it happening.
   */
  | { type: 'gradeAhead'; cardId: string; text: string }
  /**
   * The host settled typed answers of a card: the deck keeps them as accepted or wrong examples for every later
   * game of it [R7.4]. Distinct texts only, a few per group.
   */
  | { type: 'learn'; deckId: string; cardId: string; examples: { text: string; verdict: 'accept' | 'wrong' }[] };
