import type { Card } from '../decks/types';
import type { Verdict } from './grading/types';
import type { QuestionKind } from './kinds/kind';

/**
 * The game's state. Rule ids ([R1.2] ...) refer to docs/SPEC.md.
 * Times are server milliseconds supplied by the caller through `ctx.now`; the game never reads a clock.
 */

export const PHASES = ['lobby', 'question', 'reveal', 'leaderboard', 'finished'] as const;
export type Phase = (typeof PHASES)[number];

export const ROOM_MODES = ['choice', 'text', 'mixed'] as const;
export type RoomMode = (typeof ROOM_MODES)[number];
export type { QuestionKind };

export interface RoomSettings {
  mode: RoomMode;
  /** Seconds per question. */
  timeLimitSec: number;
  /** Points on: speed-scaled points and streak bonus; off: right/wrong only. */
  points: boolean;
  /** Speed bonus on: 1000 (instant) down to 500 (at the limit); off: 1000 flat. */
  speedBonus: boolean;
  /** Auto-advance: reveal and leaderboard move on by themselves. */
  autoAdvance: boolean;
  /** Seconds the reveal (and then the leaderboard) stays up with auto-advance. */
  autoAdvanceSec: number;
  maxPlayers: number;
  /** A "get ready" lead-in before each question: the prompt shows, answers open after LEAD_IN_MS [R14.5]. */
  leadIn?: boolean;
  /** Teams: how many (2..6), 0 or absent for none [R15.1]. Set by the host in the lobby. */
  teams?: number;
}

/** A card as the room knows it: the deck card plus its database id. */
export interface GameCard {
  id: string;
  card: Card;
  /** The reference's short answer in plain words for the reveal (never matcher syntax) [R9.2]; absent: worked out from the card. */
  short?: string;
  /** The card's Markdown rendered once on the server when the room was created; absent: plain text. */
  html?: CardHtml;
}

/**
 * Sanitised HTML of a card's Markdown (docs/DECKS.md). Each part is present only when its text has
 * markup, so plain cards cost nothing in the room's messages.
 */
export interface CardHtml {
  /** The question line (inline HTML). */
  prompt?: string;
  /** The code blocks under the question (block HTML). */
  body?: string;
  /** The reference answer (block HTML). */
  answer?: string;
  /** Inline HTML of the card's short texts (its choices, its short answer) by their plain text. */
  inline?: Readonly<Record<string, string>>;
}

export interface PlayerState {
  id: string;
  nickname: string;
  /** sha256 hex of the rejoin token held by the player's browser. */
  tokenHash: string;
  /** The profile this player plays as (tracks them across games), if they claimed one. */
  profileId: string | null;
  joinedAt: number;
  /** The player's team (0-based) when the room plays in teams [R15], else null. */
  team: number | null;
  connected: boolean;
  /** When the player's last connection dropped (null while connected): the grace of R4.5 runs from it. */
  droppedAt: number | null;
  removed: boolean;
  score: number;
  streak: number;
  correctCount: number;
  answeredCount: number;
  /** Sum of elapsed ms over correct answers: the tie-break after score [R6.2]. */
  correctMs: number;
  /** Rank after the last closed question (1-based), null before any. */
  rank: number | null;
  previousRank: number | null;
  /** Points earned on the last closed question (for "+850" on the leaderboard). */
  lastPoints: number;
}

export interface AnswerRecord {
  playerId: string;
  questionIndex: number;
  choiceId: string | null;
  text: string | null;
  receivedAt: number;
  elapsedMs: number;
  verdict: Verdict;
  /** 0..1 from the grader (1 or 0 for a choice). */
  gradeScore: number;
  matched: string[];
  missing: string[];
  /** Why it got its verdict, in a few plain words (the grader's, or the host's override). */
  explanation: string;
  /** The grader was guessing: the host should settle it [R7.3]. */
  unsure: boolean;
  /** Answers saying the same thing share a group (the grader's key): the host settles a group at once [R7.3]. */
  group: string;
  /** Points this answer earned, streak bonus included. */
  points: number;
  streakBonus: number;
  overridden: boolean;
}

export interface ChoiceOption {
  id: string;
  text: string;
  /** Inline HTML of `text` (views add it from the cards' HTML; the game itself never sets it). */
  html?: string;
}

export interface AskedQuestion {
  index: number;
  cardId: string;
  kind: QuestionKind;
  prompt: string;
  /** Shuffled options; empty for an open-text question. */
  choices: ChoiceOption[];
  correctChoiceId: string | null;
  /** Multi-select: the right set; ordering: the right sequence (src/game/kinds) [R12.2]. */
  correctIds?: string[];
  openedAt: number;
  closesAt: number;
  closedAt: number | null;
  skipped: boolean;
  /** Keyed by player id: one answer per player [R4.1]. */
  answers: Map<string, AnswerRecord>;
  /** Players whose typed answer is locked in but has no verdict yet: all are graded at the close [R4.7]. */
  ungraded: string[];
  /** Time the question spent paused so far: not counted in anyone's answer time [R14.2]. */
  pausedMs: number;
  /** Extra time the host gave (ms) [R14.3]. */
  addedMs: number;
  /** In its "get ready" lead-in: the prompt is shown, answers open at `openedAt` [R14.5]. */
  leadIn: boolean;
}

export interface GameState {
  roomId: string;
  code: string;
  title: string;
  /** The link players open to join; shown on the big screen and in its QR code. */
  joinUrl: string;
  deckId: string;
  hostTokenHash: string;
  settings: RoomSettings;
  phase: Phase;
  createdAt: number;
  /** Every card of the deck (the distractor pool) by id. */
  cards: Map<string, GameCard>;
  /** The card ids to ask, in order. */
  plan: string[];
  /** Questions asked so far; the last one is the current one. */
  questions: AskedQuestion[];
  players: Map<string, PlayerState>;
  /** Player ids in leaderboard order (computed once per closed question) [R6.1]. */
  ranking: string[];
  /** Players connected and not removed (kept in step with `players`, so answers need no scan). */
  connectedCount: number;
  /** Players not removed, and their nickname keys [R2.3]: kept in step so joins and views need no scan. */
  activeCount: number;
  nicknameKeys: Set<string>;
  /** How many closed questions the ranking reflects (for places moved). */
  rankedAfter: number;
  /** When the current phase ends by itself (question time limit, auto-advance), else null. */
  phaseEndsAt: number | null;
  /**
   * Set when the room was rebuilt after a restart [R8.3]: until then, players dropped at the restart still count
   * for an early close [R4.5] (phones reconnect with a back-off of up to 5 s once the server is up again).
   */
  resumeGraceEndsAt?: number;
  /** When the host paused the game, else null: the phase's clock stands still [R14.1]. */
  pausedAt: number | null;
  /** No new players may join; rejoining with a token still works [R14.4]. */
  locked: boolean;
  startedAt: number | null;
  endedAt: number | null;
}
